"""A region's event that gives way to a place within it hands down what it knew.

"An Israeli drone strike killed a Hezbollah member in southern Lebanon on Wednesday" and, two
sentences on, "an enemy drone targeted a car near Qaaqaait al-Jisr in the Nabatieh district": the
merge keeps the town's event and drops the region's (``report.merge``: a province, country or region
that holds another event's place the same day is that event told coarsely). What only the coarse
sentence said (the actor, the claim, the weapon, the toll) would be lost with it. ``hand_down`` (before
``merge``) gives it to the contained event of the same day, when exactly one such event lacks it: with
two towns in the region, which of them the coarse sentence meant is not known, and nothing moves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from claimgraph.extract import cues
from claimgraph.extract.drafts import Draft, clean_weapons, uniq
from claimgraph.extract.units import contains
from claimgraph.kb.loader import Place

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import Extractor
    from claimgraph.extract.reading import Reading

_COARSE = ("province", "country", "region")


def _coarse(place_table: Mapping[str, Place], key: str) -> bool:
    p = place_table.get(key)
    return p is not None and (p.precision in _COARSE or p.kind == "region")


def hand_down_drafts(drafts: list[Draft], place_table: Mapping[str, Place]) -> None:
    """Each coarse draft's actors, claims, weapons and figures given to the one finer draft of its day within it."""
    for d in drafts:
        if not _coarse(place_table, d.place.key):
            continue
        inner = [
            o
            for o in drafts
            if o is not d
            and o.place.key != d.place.key
            and o.date.value == d.date.value
            and contains(place_table, d.place.key, o.place.key)
        ]
        listed = len({id(o.unit) for o in inner}) == 1 and _told_after(d, inner)
        several = cues.shared("several_sites").search(d.unit.text)
        if len({o.place.key for o in inner}) != 1 and not several and not listed:
            # two towns: which one the coarse sentence meant is not known, unless it spoke of several, or one later
            # sentence lists the places of its strikes ("strikes on targets in Iran ... sites in Tehran province and
            # in Khuzestan and Ilam")
            continue
        for o in inner:
            if o.perpetrators and d.perpetrators and not set(o.perpetrators) & set(d.perpetrators):
                continue  # another attacker's event ("US jets struck in Iraq ... KH attacked Erbil"): not it, coarsely
            if not (o.perpetrators or o.claimants or o.attributed):
                o.perpetrators = uniq(o.perpetrators + d.perpetrators)
                o.claimants = uniq(o.claimants + d.claimants)
                o.attributed = uniq(o.attributed + d.attributed)
                o.claims += [c for c in d.claims if c.claimant_id not in {x.claimant_id for x in o.claims}]
                o.attributions += d.attributions
                o.state_ack = o.state_ack or d.state_ack
            if not o.targets:
                o.targets = list(d.targets)
            if not o.weapons:
                o.weapons = clean_weapons(d.weapons)
            if o.fatalities is None:
                o.fatalities = d.fatalities
            if o.injuries is None:
                o.injuries = d.injuries


def _told_after(d: Draft, inner: list[Draft]) -> bool:
    """Whether every draft of ``inner`` is told after ``d``."""
    return all(o.place.start > d.place.start for o in inner)


def hand_down(ex: Extractor, r: Reading) -> None:
    """Reads ``drafts`` and ``places``; writes the drafts of places within a region, province or country that
    has its own draft the same day: what they lack, from it."""
    hand_down_drafts(r.drafts, r.places)
