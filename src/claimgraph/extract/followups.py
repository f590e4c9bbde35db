"""Follow-up units: sentences that add to events already read.

A claim posted the next morning, a blame by officials, an updated casualty
figure, a weapon named later: these units create no event of their own, so
their findings are linked to the event(s) they speak of (by place, by a
definite or plural reference, or the most recent event).

``ex`` is the ``Extractor``: only its actor lookups (``name``, ``acting``) are used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.extract import cues
from claimgraph.extract.casualties import mentions_casualties, parse_casualties
from claimgraph.extract.drafts import (
    HABITUAL,
    SPECIFIC,
    Draft,
    apply_casualties,
    clean_weapons,
    nearest_per_place,
    negated_places,
)
from claimgraph.extract.units import Unit
from claimgraph.kb.landmarks import tells_landmark_toll
from claimgraph.models import Attribution, Claim, Evidence, stable_id

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import Extractor


def make_claim(ex: Extractor, u: Unit, key: str, roles, d: Draft, status: str, prior: Claim | None = None) -> Claim:
    """The claim ``key`` makes in unit ``u``, optionally replacing ``prior``."""
    return Claim(
        stable_id("clm", u.start, key),
        ex.name(key),
        key,
        roles.channel,
        d.date,
        status,
        supersedes=prior.id if prior else None,
        evidence=list(roles.claim_evidence),
    )


def add_claims(ex: Extractor, d: Draft, roles, u: Unit) -> None:
    """The claims and attributions of ``roles`` (read from unit ``u``) added to a new event ``d``."""
    prior: Claim | None = None
    for key in d.superseded:
        prior = make_claim(ex, u, key, roles, d, "superseded")
        d.claims.append(prior)
    for key in d.claimants:
        if key not in d.superseded:
            d.claims.append(make_claim(ex, u, key, roles, d, "issued", prior))
    for m in roles.attributed:
        d.attributions.append(
            Attribution(
                ex.name(m.key),
                m.key,
                roles.blamer,
                roles.hedge,
                [Evidence("attributed_to", m.start, m.end, m.text)],
            )
        )


def add_to_events(ex: Extractor, u: Unit, roles, current: list[Draft], drafts: list[Draft], last_claimant) -> None:
    """A unit that adds to events already read: claims, blame, casualties, weapons."""
    if not current:
        return
    # only places that have events link a follow-up to them ("US backing for Israel" does not)
    places = {m.key for m in u.mentions if m.label == "PLACE"} & {d.place.key for d in drafts}
    linked = [d for d in drafts if d.place.key in places] or current
    cas = parse_casualties(u.norm or u.text) if mentions_casualties(u.norm or u.text) else None
    if cas is not None and cas.period:
        cas = None  # "at least 500 killed in the two days of attacks": a period's toll, no one event's
    if cas is not None and (_other_attack(u, linked) or _other_attacker(ex, u, roles, linked)):
        cas = None  # "Two gunmen stormed the compound on Wednesday, killing five": not the event we are reading
    if cas is not None and cas.spans and tells_landmark_toll(u.norm or u.text, cas.spans[0][1], u.langs()):
        cas = None  # "the first since Hamas's October 7 attack, which killed 1,200": the landmark's toll
    if (
        cas is not None
        and any(d.fatalities is not None or d.injuries is not None for d in linked)
        and any(c.match(u.text) for c in cues.per_language("earlier_account"))
    ):
        cas = None  # "وكانت الوزارة قد أعلنت حصيلة أولية ...": an earlier count of a toll already read
    if cas is not None and (cas.fatalities is not None or cas.injuries is not None):
        if cas.fatalities == 0 and cas.injuries == 0 and not places:
            same = [d for d in drafts if d.unit.paragraph == u.paragraph]
            recent = same or [d for d in drafts if d.unit.paragraph == u.paragraph - 1] or current
            tgt = [d for d in recent if d.fatalities is None and d.injuries is None] or current
        elif len(linked) > 1 and places and cas.spans:
            # "At Jurf al-Sakhar, two were killed; the toll at al-Qaim was not given": the place named nearest
            # before the figure gets it
            at = u.start + cas.spans[0][1]
            mentions = [m for m in u.mentions if m.label == "PLACE" and m.key in places and m.start <= at]
            key = mentions[-1].key if mentions else None
            tgt = [d for d in linked if d.place.key == key][-1:] or linked[-1:]
        else:
            tgt = linked[-1:]
        if not (cas.shared and (len(current) > 1 or cas.counted)):
            for d in tgt:
                apply_casualties(d, cas, u)
    if places:
        claim_links = nearest_per_place(linked, u)
    elif cues.find("several_events", u.text):
        claim_links = [d for d in drafts if d.unit.paragraph >= u.paragraph - 2] or current
    else:
        claim_links = current[-1:]
    claimants = [ex.acting(m.key) for m in roles.claimants]
    if (not places and not SPECIFIC.search(u.norm or u.text)) or HABITUAL.search(u.text):
        claimants = []  # "one of the factions that claim attacks": a habit, not this event's claim
    if not claimants and roles.claim_anaphora and last_claimant and (places or SPECIFIC.search(u.text)):
        claimants = list(last_claimant)
    if not places and len(current) > 1 and claim_links == current[-1:]:
        # "Drones were launched at A, and another at B. The IRI claimed the attack": the sentence just read
        # told one attack at several sites; each event nobody else carried out takes the claim
        claim_links = [d for d in current if not d.perpetrators or set(d.perpetrators) & set(claimants)]
    if roles.claim_negated:
        for d in claim_links:
            if not d.claimants:
                d.unclaimed = True
        # "made no statement about Harir": the negated place is not linked
    if claimants and not roles.claim_negated:
        neg_places = negated_places(u)
        for d in claim_links:
            if d.place.key in neg_places:
                continue
            revised = cues.shared("claim_revised").search(u.text)
            for key in claimants:
                if key not in d.claimants:
                    prior = d.claims[-1] if (revised and d.claims) else None
                    if prior:
                        prior.status = "superseded"
                    d.claimants.append(key)
                    d.claims.append(make_claim(ex, u, key, roles, d, "issued", prior))
            if roles.first_claimants:
                for c in d.claims:
                    if c.claimant_id in {m.key for m in roles.first_claimants}:
                        c.status = "superseded"
    if roles.attributed:
        # "accused armed factions of being behind the attacks": each attack told lately, when no place is named
        blamed = linked[-1:]
        if not places and cues.find("several_events", u.text):
            # (those of this paragraph, else of the one before; an event another party is told to have carried out
            # is not among them)
            near = [d for d in claim_links if d.unit.paragraph == u.paragraph] or [
                d for d in claim_links if d.unit.paragraph == u.paragraph - 1
            ]
            keys = {m.key for m in roles.attributed}
            blamed = [d for d in near if not d.perpetrators or keys & set(d.perpetrators)] or blamed
        for d in blamed:
            for m in roles.attributed:
                if m.key not in d.attributed:
                    d.attributed.append(m.key)
                    d.attributions.append(
                        Attribution(
                            ex.name(m.key),
                            m.key,
                            roles.blamer,
                            roles.hedge,
                            [Evidence("attributed_to", m.start, m.end, m.text)],
                        )
                    )
    weapons = [m for m in u.mentions if m.label == "WEAPON"]
    if weapons and len(current) == 1 and not current[0].weapons and not _other_attacker(ex, u, roles, current):
        # (not "these U.S. airstrikes destroyed the facilities" after the militia's attack: the strikes' weapon)
        current[0].weapons = clean_weapons([w.key for w in weapons])
    if roles.state_ack:
        for d in current:
            d.state_ack = True


def _other_attack(u: Unit, linked: list[Draft]) -> bool:
    """The unit tells of a different attack: its own day, and attackers or weapons foreign to the event, or a day it
    writes out that is far from the event's."""
    days = {d.value for d in u.dates if d.value is not None and d.precision == "day"}
    if not days or not linked or any(d.date.value in days for d in linked):
        return False
    told = [d.date.value for d in linked if d.date.value is not None]
    written = {d.value for d in u.dates if d.value is not None and d.precision == "day" and d.kind == "absolute"}
    if written and told and all(abs((x - t).days) > _FOLLOW_UP_DAYS for x in written for t in told):
        return True  # "after Israel killed Nasrallah in a massive strike on the southern suburbs on Sept. 27"
    weapons = {m.key for m in u.mentions if m.label == "WEAPON"}
    own = {w for d in linked for w in d.weapons}
    return bool(weapons - own) or bool(cues.shared("ground_attack").search(u.text))


_FOLLOW_UP_DAYS = 2  # a follow-up's figures come within days of the event; a day written weeks apart is another


def _other_attacker(ex: Extractor, u: Unit, roles, linked: list[Draft]) -> bool:
    """The unit's toll is of another side's attack: it names who struck ("nine fighters were killed in US
    strikes"), and none of them is among the actors of the events it would go to, which have actors."""
    strikers = [
        m
        for m in u.mentions
        if (
            m.label == "ACTOR"
            and m not in roles.targets
            and cues.shared("striker_after").match(u.text, m.end - u.start)
        )
        or (m in roles.perpetrators and cues.shared("agent_by_before").search(u.text[: m.start - u.start]))
    ]  # the author of strikes ("US air strikes", "raids by the army"), not a source that speaks of them
    if not strikers or not linked:
        return False
    theirs = {k for d in linked for k in d.perpetrators + d.claimants}
    return bool(theirs) and not ({ex.acting(m.key) for m in strikers} & theirs)
