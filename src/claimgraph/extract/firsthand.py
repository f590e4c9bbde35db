"""First-hand claims: a post on a claimant's own channel is that claimant's claim.

A Telegram message posted by the IRI's channel ("The Mujahideen targeted the US base at
al-Tanf with a drone") claims the attack even when the text never says "claimed": the
channel is the claimant. For a document whose ``channel`` (or, for a forwarded message,
``forwarded_from``) names an armed group or umbrella brand of the KB, each event report
of the message:

- already claimed by that actor: its claim becomes first-hand, channel ``telegram``;
- claimed by nobody, and carried out by nobody but possibly that actor (no state strike,
  the actor not the target): gets a first-hand ``issued`` claim by the actor, with the
  report's own evidence;
- anything else (a US strike the channel reports, an attack another group claims) is left
  as the text says.

A forwarded message stays the original channel's claim (first-hand), relayed.
"""

from __future__ import annotations

from claimgraph.models import Claim, Document, DocumentExtraction, Evidence, stable_id

_CLAIMANT_KINDS = {"armed_group", "umbrella_brand"}


def channel_actor(kb, doc: Document):
    """The KB actor whose own channel posted ``doc`` (the original one, if forwarded)."""
    if doc.kind != "telegram":
        return None
    for name in (doc.forwarded_from, doc.channel):
        if not name:
            continue
        for actor in kb.actors_named(name.strip()):
            if actor.kind in _CLAIMANT_KINDS:
                return actor
        return None  # forwarded from a channel that is not a group: nobody claims first-hand
    return None


def apply_first_hand(kb, doc: Document, out: DocumentExtraction) -> None:
    actor = channel_actor(kb, doc)
    if actor is None:
        return
    for report in out.events:
        own = [c for c in report.claims if c.claimant_id == actor.id]
        for claim in own:
            claim.first_hand = True
            claim.channel = "telegram"
        if own or report.claims or report.claimed_by:
            continue
        others = [a for a in report.actors if a != actor.name]
        if others or report.target == actor.name or "aircraft" in report.weapons:
            continue
        evidence = [ev for ev in report.evidence if ev.field in ("sub_event_type", "weapons", "location")][:1]
        if not evidence and report.evidence:
            evidence = [report.evidence[0]]
        report.claims.append(
            Claim(
                id=stable_id("clm", doc.id, report.id, actor.id, "first-hand"),
                claimant=actor.name,
                claimant_id=actor.id,
                channel="telegram",
                date=report.date,
                status="issued",
                first_hand=True,
                evidence=[Evidence("claimed_by", ev.start, ev.end, ev.text) for ev in evidence],
            )
        )
        report.claimed_by.append(actor.name)
        if actor.name not in report.actors:
            report.actors.append(actor.name)
        report.confirmed = False  # only the claimant says so
