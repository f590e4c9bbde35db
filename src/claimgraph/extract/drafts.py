"""Event drafts: an event being assembled from one or more units, and the small helpers they use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimgraph.extract.cues import rules, shared
from claimgraph.extract.units import Unit
from claimgraph.models import Attribution, Claim, DateValue, Evidence
from claimgraph.nlp.pipeline import Mention

GENERIC_MISSILE = {"missile"}


@dataclass
class Draft:
    """An event being assembled from one or more units."""

    place: Mention
    date: DateValue
    unit: Unit
    weapons: list[str] = field(default_factory=list)
    perpetrators: list[str] = field(default_factory=list)
    claimants: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    attributed: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    fatalities: int | None = None
    injuries: int | None = None
    qualifiers: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    unclaimed: bool = False
    state_ack: bool = False
    launch: Mention | None = None


# Read by events.py, eventful.py and followups.py under these names; the words are in the packs
# (lang/<code>/drafts.toml), compiled once when the packs load.
HABITUAL = shared("habitual")  # "repeatedly", "for months": a habit, not one event
SPECIFIC = shared("specific_reference")  # "the attack", "that strike", "it had struck"
# "attacks", "times": the nouns of a tally, which events.py looks for in English units
AGGREGATE_NOUNS = tuple(rules("en").items("aggregate_nouns"))
ARMED_KINDS = {"armed_group", "umbrella_brand"}
STATE_FORCES = {
    "us-forces",
    "coalition-forces",
    "israel",
    "irgc",
    "iran",
    "turkey",
    "turkish-forces",
    "iraqi-security-forces",
}


# the largest casualty count a report can state (the store's analyst range too): "killing 99999999999999999999"
# is a typo or a hostile text, not a figure
MAX_COUNT = 100_000


def apply_casualties(d: Draft, cas, u: Unit, offset: int = 0) -> None:
    """Set the draft's figures; ``offset`` is where the parsed text starts within the unit.

    A later figure replaces an earlier one (updates come later in a text), except a partial one
    ("two of its fighters were among the dead") that is smaller than the total already read.
    """
    fatalities = cas.fatalities if cas.fatalities is None or cas.fatalities <= MAX_COUNT else None
    injuries = cas.injuries if cas.injuries is None or cas.injuries <= MAX_COUNT else None
    if fatalities is not None and not (cas.partial and d.fatalities is not None and fatalities < d.fatalities):
        d.fatalities = fatalities
    if injuries is not None and not (cas.partial and d.injuries is not None and injuries < d.injuries):
        d.injuries = injuries
    d.qualifiers.extend(cas.qualifiers)
    for fld, s, e in cas.spans:
        s, e = s + offset, e + offset
        d.evidence.append(Evidence(fld, u.start + s, u.start + e, u.text[s:e]))


def nearest_per_place(drafts: list[Draft], u: Unit) -> list[Draft]:
    when = next((d.value for d in u.dates if d.value is not None), None)
    best: dict[str, Draft] = {}
    for d in drafts:
        cur = best.get(d.place.key)
        if cur is None:
            best[d.place.key] = d
        elif when is not None:

            def gap(x):
                delta = (when - x.date.value).days
                return (delta < 0, abs(delta))

            if gap(d) < gap(cur):
                best[d.place.key] = d
        elif d.date.precision == "day" and cur.date.precision != "day":
            best[d.place.key] = d
    return list(best.values())


def negated_places(u: Unit) -> set[str]:
    out = set()
    for m in shared("place_not_claimed").finditer(u.text):
        for p in u.mentions:
            if p.label == "PLACE" and p.start - u.start > m.end():
                out.add(p.key)
    return out


def clean_weapons(ws) -> list[str]:
    """Unique weapons; a generic "missile" gives way to a specific one (ballistic, cruise)."""
    s = uniq(ws)
    if {"ballistic_missile", "cruise_missile"} & set(s):
        s = [w for w in s if w not in GENERIC_MISSILE]
    return s


def sub_event_type(weapons: list[str]) -> str:
    if not weapons:
        return "Attack"
    indirect_fire = {"rocket", "missile", "ballistic_missile", "cruise_missile", "mortar"} & set(weapons)
    # an air strike stays one whatever its aircraft fired; drones launched with rockets or missiles (a barrage,
    # a salvo of the Houthis' missiles and drones) make a missile attack
    if "aircraft" in weapons and (not indirect_fire or weapons[0] == "aircraft"):
        return "Air/drone strike"
    if "drone" in weapons and not indirect_fire:
        return "Air/drone strike"
    if indirect_fire:
        return "Shelling/artillery/missile attack"
    if "ied" in weapons:
        return "Remote explosive/landmine/IED"
    if "small_arms" in weapons:
        return "Armed clash"
    return "Attack"


def uniq(xs) -> list:
    return list(dict.fromkeys(x for x in xs if x))


def year_hint(text: str) -> int | None:
    """The first year the story writes (not one of a photo caption or a related-link line)."""
    from claimgraph.extract.cues import blank_furniture, shared

    text = blank_furniture(text)
    for m in re.finditer(r"\b(20[12]\d)\b", text):
        if not shared("period_before").search(text[max(0, m.start() - 30) : m.start()]):
            return int(m.group(1))  # "since 2014" opens a period: it is not the story's year
    return None
