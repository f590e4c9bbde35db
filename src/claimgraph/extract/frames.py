"""Whose attacks a report is about, said once: its frame, and an attack named by its sponsor's adjective.

"Four Recent Attacks On US Troops By Iranian-Backed Groups Confirmed", then "a US-led convoy was hit by an
IED near Mosul Dam" and "in a second attack, a one-way attack drone targeting US forces at Ain al-Asad was
shot down": the report says once whose attacks these are, and tells each without naming the attacker again.
A timeline headed "Iran-backed attacks on US troops since Oct. 7 ... the latest by Iran-aligned militia
groups" does the same for every entry. ``framed_attacker`` (after ``merge``) gives the frame's attacker to
each attack of the report that names no attacker and hit no one but a state's forces (or no one named).

Only a generic referent frames (an actor with ``generic = true`` in the KB: "Iran-backed militias"): it
names the attackers as a class, which is what the report means of each attack it lists. A named group in
a headline ("attacks by Kataib Hezbollah") may be one of several attackers the body tells apart, and is not
spread. The frame is read from the words around the referent (pack cues ``frame_by_before``, "attacks on
US troops by ...", "the latest by ...", and ``frame_attacks_after``, "... launched four separate attacks").

"A ballistic missile launched from Yemen hit the perimeter of Ben Gurion airport": where it was launched from
names the attacker when the KB gives that place's launches to one group (``launches_by``: Yemen, the
Houthis); ``launch_country`` (after ``framed_attacker``) does so for an attack that names no attacker.

"an Iran-backed drone strike that killed three American soldiers in Jordan": the adjective names the
attacker as that class (the actor's ``adjectives`` in the KB), and the sponsor inside it ("Iran") is no
party to the strike. ``sponsored_attacks`` (after ``towns``) puts the class's mention on the adjective, in
place of the sponsor's, where an attack word follows it (pack cue ``adjective_attack_after``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from claimgraph.extract import cues
from claimgraph.extract.drafts import STATE_FORCES
from claimgraph.extract.report import hosted_garrison
from claimgraph.nlp.pipeline import Annotated, Mention

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import Extractor
    from claimgraph.extract.reading import Reading

_AROUND = 80  # characters read on each side of a referent for its frame


@cache
def _adjective_pattern(adjectives: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for every actor adjective of the KB, longest first."""
    if not adjectives:
        return None
    alternatives = "|".join(re.escape(a) for a in sorted(adjectives, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})(?![\w-])", re.IGNORECASE)


def adjective_mentions(ann: Annotated, adjectives: tuple[tuple[str, str], ...]) -> tuple[list[Mention], set[int]]:
    """Mentions of the actors named by an adjective before an attack word, and the indexes in ``ann.mentions``
    of the sponsor mentions inside those adjectives (to drop)."""
    keys = {adj.lower(): key for adj, key in adjectives}
    pattern = _adjective_pattern(tuple(sorted(keys)))
    if pattern is None:
        return [], set()
    after = cues.shared("adjective_attack_after")
    found, dropped = [], set()
    for m in pattern.finditer(ann.text):
        if not after.match(ann.text[m.end() : m.end() + _AROUND]):
            continue
        a, b = m.span()
        inside = [i for i, o in enumerate(ann.mentions) if o.start < b and a < o.end]
        if any(ann.mentions[i].start < a or ann.mentions[i].end > b for i in inside):
            continue  # a longer name ("Iran-backed militias") already says it
        if any(ann.mentions[i].label != "ACTOR" for i in inside):
            continue
        sent = next((s.index for s in ann.sentences if s.start <= a < s.end), None)
        if sent is None:
            continue
        found.append(Mention("ACTOR", keys[m.group(0).lower()], a, b, m.group(0), sent))
        dropped.update(inside)
    return found, dropped


def sponsored_attacks(ex: Extractor, r: Reading) -> None:
    """Reads ``ann``; writes it with an actor mention on each adjective that names an attack's author as a class
    ("an Iran-backed drone strike"), in place of the sponsor named inside the adjective."""
    if r.ann is None:
        return
    adjectives = tuple((adj, a.id) for a in ex.kb.actors.values() for adj in a.adjectives)
    found, dropped = adjective_mentions(r.ann, adjectives)
    if found:
        ann = r.ann
        kept = [m for i, m in enumerate(ann.mentions) if i not in dropped]
        r.ann = Annotated(ann.text, ann.lang, ann.sentences, sorted(kept + found, key=lambda m: m.start))


def frame_of(ex: Extractor, ann: Annotated) -> str | None:
    """The generic attacker the report frames its attacks with, if exactly one."""
    text = ann.text
    near = cues.within(text)
    framed = {
        m.key
        for m in ann.mentions
        if m.label == "ACTOR"
        and ex.generic(m.key)
        and (
            any(cue.search(text[max(0, m.start - _AROUND) : m.start]) for cue in cues.per_language("frame_by_before"))
            or near("frame_attacks_after").match(text[m.end : m.end + _AROUND])
        )
    }
    return next(iter(framed)) if len(framed) == 1 else None


def framed_attacker(ex: Extractor, r: Reading) -> None:
    """Reads ``ann`` and ``drafts``; writes the perpetrators of each draft that names no attacker and whose
    targets are a state's forces (or unnamed), when the report frames its attacks with one generic attacker."""
    if r.ann is None or not r.drafts:
        return
    key = frame_of(ex, r.ann)
    if key is None:
        return
    for d in r.drafts:
        place = r.places.get(d.place.key)
        # the forces a base hosts, read as acting there, are its garrison (``report.event_report`` drops them)
        garrison = hosted_garrison(d, place) if place is not None else set()
        acting = [k for k in d.perpetrators if k not in garrison]
        if acting or d.claimants or d.attributed or d.superseded:
            continue
        if d.weapons and set(d.weapons) <= {"aircraft"}:
            continue  # an air strike is the other side's
        if not set(d.targets) <= STATE_FORCES:
            continue
        d.perpetrators = [key, *d.perpetrators]


def launch_country(ex: Extractor, r: Reading) -> None:
    """Reads ``drafts`` and ``places``; writes the perpetrators of each draft that names no attacker but was
    launched from a place whose launches the KB gives to one group ("a ballistic missile launched from Yemen hit
    the perimeter of Ben Gurion airport": the Houthis; the place's ``launches_by``)."""
    for d in r.drafts:
        if d.launch is None or d.perpetrators or d.claimants or d.attributed or d.superseded:
            continue
        place = r.places.get(d.launch.key)
        if place is not None and place.launches_by in ex.kb.actors:
            d.perpetrators = [place.launches_by]
