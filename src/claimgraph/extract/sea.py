"""Attacks at sea: where the ship was, and which ship it was.

Three document-wide stages (``extract.pipeline.STAGES``):

- ``positions`` (after ``towns``): a place named with a distance and a bearing ("about 60 nautical miles
  southeast of Aden") is a point of its own, computed from the place, the distance and the bearing
  (kind ``offset``); a port named with "off" ("off Hodeidah", "off the coast of Mokha") is the sea next to
  it (kind ``offshore``: the port's coordinates, a coarser precision). The new place replaces the
  reference place's mention, so the event is placed at sea, not in the town.
- ``at_sea`` (before ``merge``): a sea area ("in the Gulf of Aden") told the same day as such a position is
  the same attack told with less precision: its actors, claims, figures and evidence go to the positioned
  event, and the sea-area event is no more.
- ``vessels`` (after ``report``): the ship an event's sentences name (its name, type and flag when stated;
  one ship named in several sentences is one target) is the event's ``vessel``; a merchant ship makes
  ``civilians`` the target, a warship with a navy prefix (USS, HMS) that navy's forces.

The words (units, bearings, "off", ship types, name and flag patterns) are pack data
(``lang/<code>/sea.toml``), in English, French and Arabic.
"""

from __future__ import annotations

import math
import re
from collections import ChainMap
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from claimgraph.extract import cues
from claimgraph.extract.drafts import STATE_FORCES
from claimgraph.kb.loader import Place
from claimgraph.lang import packs
from claimgraph.models import Evidence, Vessel
from claimgraph.nlp.dates import index_map
from claimgraph.nlp.normalize import is_arabic, normalize_arabic
from claimgraph.nlp.pipeline import Annotated, Mention

if TYPE_CHECKING:
    from claimgraph.extract.drafts import Draft
    from claimgraph.extract.pipeline import Extractor
    from claimgraph.extract.reading import Reading

_EARTH_KM = 6371.0
_LOOKBEHIND = 90  # characters read before a place for its distance and bearing
_LANGS = ("", "_fr", "_ar")  # the packs' suffixes of the shared sea cues and tables
MERCHANT_TYPES = frozenset({"tanker", "bulk carrier", "container ship", "cargo ship", "car carrier", "merchant vessel"})


def offset_point(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` kilometres from (lat, lon) on the initial ``bearing`` (degrees from north), on a sphere."""
    d = km / _EARTH_KM
    b = math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 4), round((math.degrees(l2) + 540) % 360 - 180, 4)


@cache
def _words(table: str) -> dict[str, object]:
    """A shared table of every pack's sea words, keys case-folded (``distance_units``, ``bearings``, ...)."""
    out: dict[str, object] = {}
    for suffix in _LANGS:
        try:
            values = packs().shared_table(f"{table}{suffix}")
        except Exception:
            continue
        out.update({str(k).casefold(): v for k, v in values.items()})
    return out


def bearing_words() -> dict[str, object]:
    """Every pack's compass words ("south", "sud-ouest", "شمال غرب"), case-folded, with their bearings in degrees."""
    return _words("bearings")


_cues = cues.per_language


def _group(m: re.Match, *names: str) -> str | None:
    for n in names:
        if n in m.re.groupindex and m.group(n):
            return m.group(n)
    return None


# -- positions ---------------------------------------------------------------------------------------------------
_COMPASS = ("north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest")


def _bearing_name(degrees: float) -> str:
    """The compass point of a bearing, in English whatever language the text wrote it in ("ouest" -> "west")."""
    return _COMPASS[round(degrees / 45) % 8]


def _unit_name(km: float) -> str:
    """A distance unit by its length in kilometres, in English ("milles nautiques" -> "nautical miles")."""
    return "nautical miles" if abs(km - 1.852) < 0.01 else "miles" if abs(km - 1.609) < 0.01 else "km"


def find_positions(ann: Annotated, places: Mapping[str, Place]) -> tuple[dict[str, Place], list[Mention], set[int]]:
    """Positions at sea the text gives from a place: (new places, their mentions, starts of the mentions replaced)."""
    units, bearings = _words("distance_units"), _words("bearings")
    new: dict[str, Place] = {}
    mentions: list[Mention] = []
    replaced: set[int] = set()
    for m in ann.mentions:
        if m.label != "PLACE" or m.key not in places:
            continue
        ref = places[m.key]
        if ref.kind in ("country", "sea", "offset", "offshore") or ref.precision == "country":
            continue
        before = ann.text[max(0, m.start - _LOOKBEHIND) : m.start]
        hit = next((h for c in _cues("sea_offset_before") if (h := c.search(before))), None)
        if hit is not None:
            unit = units.get(hit.group("unit").casefold())
            bearing = bearings.get(hit.group("bearing").casefold())
            dist = float(hit.group("dist").replace(",", "."))
            if unit is None or bearing is None or dist <= 0:
                continue
            km = dist * float(unit)
            lat, lon = offset_point(ref.lat, ref.lon, km, float(bearing))
            pid = f"pos:{ref.id}:{km:.0f}km:{float(bearing):g}"
            label = f"{hit.group('dist')} {_unit_name(float(unit))} {_bearing_name(float(bearing))} of {ref.name}"
            new.setdefault(
                pid,
                replace(
                    ref,
                    id=pid,
                    name=label,
                    kind="offset",
                    lat=lat,
                    lon=lon,
                    aliases=(),
                    aliases_ar=(),
                    aliases_fr=(),
                    hosts=(),
                    parent=ref.id,
                    case_sensitive=(),
                    note=f"at sea: {km:.0f} km on a bearing of {float(bearing):g} degrees from {ref.name}",
                ),
            )
            start = m.start - len(before) + hit.start()
        elif ref.precision in ("site", "town") and any(c.search(before) for c in _cues("offshore_before")):
            hit = next(h for c in _cues("offshore_before") if (h := c.search(before)))
            pid = f"off:{ref.id}"
            new.setdefault(
                pid,
                replace(
                    ref,
                    id=pid,
                    name=f"off {ref.name}",
                    kind="offshore",
                    aliases=(),
                    aliases_ar=(),
                    aliases_fr=(),
                    hosts=(),
                    parent=ref.id,
                    case_sensitive=(),
                    note=f"at sea off {ref.name}: its coordinates, no distance stated",
                ),
            )
            start = m.start - len(before) + hit.start()
        else:
            continue
        mentions.append(Mention("PLACE", pid, start, m.end, ann.text[start : m.end], m.sent))
        replaced.add(m.start)
    return new, mentions, replaced


def positions(ex: Extractor, r: Reading) -> None:
    """Reads ``ann`` and ``places``; writes ``places`` (plus the positions at sea the text gives from a place)
    and replaces in ``ann`` the reference place's mention by the position's."""
    found, mentions, replaced = find_positions(r.ann, r.places)
    if not found:
        return
    r.places = ChainMap(found, r.places)
    ann = r.ann
    kept = [m for m in ann.mentions if not (m.label == "PLACE" and m.start in replaced)]
    r.ann = Annotated(ann.text, ann.lang, ann.sentences, sorted(kept + mentions, key=lambda m: m.start))


# -- one attack at sea -------------------------------------------------------------------------------------------
def at_sea(ex: Extractor, r: Reading) -> None:
    """Reads ``drafts`` and ``places``; writes ``drafts``: a sea area's event told the same day (or a day
    apart: a claim and a report straddle midnight) as a position at sea is folded into it; a lead's ship at sea,
    told with no weapon on the news day, into the attack the body tells at sea in the days before."""
    r.drafts = _lead_at_sea(r.drafts, r.places)
    placed = [d for d in r.drafts if r.places[d.place.key].kind in ("offset", "offshore")]
    if not placed:
        return
    keep = []
    for d in r.drafts:
        if r.places[d.place.key].kind != "sea":
            keep.append(d)
            continue
        same = [
            o
            for o in placed
            if o.date.value
            and d.date.value
            and abs((o.date.value - d.date.value).days) <= 1
            and not _other_ships(o, d)  # "the Tutor ... off Hodeidah" and "the Verbena in the Gulf of Aden": two
            and not _two_sides(o, d)
        ]
        if not same:
            keep.append(d)
            continue
        _fold(same[0], d)
    r.drafts = _one_position_per_ship(keep, r.places)


def _two_sides(a: Draft, b: Draft) -> bool:
    """One is a state force's strike and the other an armed group's attack ("the Houthis hit the tanker" and, the
    next day, "CENTCOM struck a missile prepared to launch"): two events, whatever sea they name."""
    sides = []
    for d in (a, b):
        acting = set(d.perpetrators) | set(d.claimants)
        sides.append((bool(acting & STATE_FORCES), bool(acting - STATE_FORCES)))
    (a_state, a_armed), (b_state, b_armed) = sides
    return (a_state and not a_armed and b_armed and not b_state) or (b_state and not a_state and a_armed)


_LEAD_DAYS = 3  # a lead tells the state of a ship hit in the days before ("was drifting on Friday")


def _lead_at_sea(drafts: list[Draft], places: Mapping[str, Place]) -> list[Draft]:
    """ "A bulk carrier struck by the Houthis was drifting in the Red Sea on Friday, and a second ship was burning in
    the Gulf of Aden": a wire's lead tells, with no weapon, of ships the body tells were hit days before ("The Tutor
    was hit on Wednesday 66 nautical miles southwest of Hodeidah by ...", "On Thursday the Verbena was struck ...
    in the Gulf of Aden"). Each such sea-area event of the text's first sentences folds into the body's attack at
    that sea (else at a position at sea) in the days before it."""
    sea_kinds = ("sea", "offset", "offshore")
    first = min((d.unit.paragraph for d in drafts), default=0)
    keep = list(drafts)
    for d in drafts:
        if d.weapons or places[d.place.key].kind != "sea" or d.unit.paragraph != first or d.date.value is None:
            continue
        earlier = [
            o
            for o in keep
            if o is not d
            and o.weapons
            and o.unit.paragraph > first
            and places[o.place.key].kind in sea_kinds
            and o.date.value is not None
            and 0 < (d.date.value - o.date.value).days <= _LEAD_DAYS
        ]
        same = [o for o in earlier if o.place.key == d.place.key]
        into = (same or [o for o in earlier if places[o.place.key].kind != "sea"] or [None])[0]
        if into is None:
            continue
        _fold_lead(into, d)
        keep.remove(d)
    return keep


def _fold_lead(into: Draft, d: Draft) -> None:
    """The lead's ship event into the body's attack: its parties and evidence; the body's day and place stand."""
    day, place = into.date, into.place
    _fold(into, d)
    into.date, into.place = day, place


_SAME_SHIP_KM = 250  # "off Hodeidah" and "77 nautical miles west of Hodeidah": one ship's position, told twice


def _one_position_per_ship(drafts: list[Draft], places: Mapping[str, Place]) -> list[Draft]:
    """An attack told "off" a port and at a position from it the same day (or a day apart) is one attack at the
    position, unless the two sentences name different ships."""
    from claimgraph.extract.units import _km

    offsets = [d for d in drafts if places[d.place.key].kind == "offset"]
    keep = []
    for d in drafts:
        here = places[d.place.key]
        same = [
            o
            for o in offsets
            if here.kind == "offshore"
            and o.date.value
            and d.date.value
            and abs((o.date.value - d.date.value).days) <= 1
            and None not in (here.lat, places[o.place.key].lat)
            and _km(here.lat, here.lon, places[o.place.key].lat, places[o.place.key].lon) <= _SAME_SHIP_KM
            and not _other_ships(d, o)
        ]
        if same:
            _fold(same[0], d)
        else:
            keep.append(d)
    return keep


def _other_ships(a: Draft, b: Draft) -> bool:
    """Whether the two events' sentences name ships, and none the same."""
    names_a = {v.name for v in find_vessels(a.unit.text) if v.name}
    names_b = {v.name for v in find_vessels(b.unit.text) if v.name}
    return bool(names_a and names_b and not names_a & names_b)


def _fold(into: Draft, d: Draft) -> None:
    from claimgraph.extract.drafts import clean_weapons, uniq

    into.weapons = clean_weapons(d.weapons + into.weapons)
    for attr in ("perpetrators", "claimants", "attributed", "targets", "superseded"):
        setattr(into, attr, uniq(getattr(d, attr) + getattr(into, attr)))
    into.fatalities = into.fatalities if into.fatalities is not None else d.fatalities
    into.injuries = into.injuries if into.injuries is not None else d.injuries
    into.claims = d.claims + [c for c in into.claims if c.claimant_id not in {x.claimant_id for x in d.claims}]
    into.attributions = d.attributions + into.attributions
    into.evidence = d.evidence + into.evidence
    into.state_ack = into.state_ack or d.state_ack
    into.unclaimed = into.unclaimed and d.unclaimed
    # the earlier day told (the claim's "late on Friday") is the day of the attack
    if d.date.value and into.date.value and d.date.value < into.date.value and d.date.precision == "day":
        into.date = d.date


# -- the ship ----------------------------------------------------------------------------------------------------
def find_vessels(text: str) -> list[Vessel]:
    """The ships a text names, in order: name (when given), type and flag (when stated)."""
    types = _words("vessel_types")
    stop = {w for s in ("", "_fr", "_ar") for w in _items(f"vessel_name_stopwords{s}")}
    type_re = _type_pattern()
    out: list[Vessel] = []
    for c in _cues("vessel_name"):
        for m in c.finditer(text):
            words = m.group("name").split()
            while words and words[-1] in stop:
                words.pop()
            if not words or words[0] in stop:
                continue
            name = " ".join(words)
            window = text[max(0, m.start() - 60) : m.start("name")]
            vtype = _last_type(type_re, window, types)
            prefix = re.search(r"\b(USS|HMS)\s+$", text[max(0, m.start("name") - 5) : m.start("name")])
            if prefix:
                vtype = "warship"
            out.append(
                Vessel(
                    name=name,
                    type=vtype,
                    flag=_flag(text, m.start(), m.end()),
                    start=m.start("name"),
                    end=m.start("name") + len(name),
                )
            )
    if not out:
        subject, at = _normal(text)
        for t in type_re.finditer(subject):
            vtype = types.get(t.group(0).casefold())
            if vtype and vtype != "vessel":
                start, end = (at[t.start()], at[t.end()]) if at is not None else t.span()
                out.append(Vessel(name=None, type=str(vtype), flag=_flag(text, start, end), start=start, end=end))
                break
    return sorted(out, key=lambda v: v.start)


def _items(name: str) -> list[str]:
    try:
        return packs().shared_items(name)
    except Exception:
        return []


@cache
def _type_pattern() -> re.Pattern:
    words = sorted(_words("vessel_types"), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)


def _normal(text: str) -> tuple[str, list[int] | None]:
    """``text`` as the tables spell their keys (Arabic normalised: "سفينة تجارية" -> "سفينه تجاريه"), and the offset
    in ``text`` of each of its characters and of its end (None: the text itself, offsets unchanged)."""
    if not is_arabic(text):
        return text, None
    return index_map(text, normalize_arabic)


def _last_type(type_re: re.Pattern, window: str, types: dict[str, object]) -> str | None:
    found = [str(types.get(t.group(0).casefold())) for t in type_re.finditer(_normal(window)[0])]
    found = [t for t in found if t and t != "None"]
    specific = [t for t in found if t != "vessel"]
    return (specific or found or [None])[-1]


def _flag(text: str, start: int, end: int) -> str | None:
    window = text[max(0, start - 60) : min(len(text), end + 60)]
    for c in _cues("vessel_flag"):
        m = c.search(window)
        if m:
            return _group(m, "flag", "flag2", "flag3")
    return None


def vessels(ex: Extractor, r: Reading) -> None:
    """Reads ``drafts`` (their units), ``ann`` and the record's events; writes each event's ``vessel`` and, when
    the event has no target, the target a ship makes (``civilians`` for a merchant ship, a navy's forces)."""
    if len(r.drafts) != len(r.out.events):
        return
    text = r.ann.text
    named = find_vessels(text)
    military = {w for s in _LANGS for w in _items(f"military_vessel_types{s}")}
    prefixes = _words("warship_prefixes")
    for d, e in zip(r.drafts, r.out.events, strict=True):
        by_name = [  # "The Star Nova was hit": a ship named before, by its name
            replace(w, start=d.unit.text.find(w.name), end=d.unit.text.find(w.name) + len(w.name))
            for w in named
            if w.name and w.name in d.unit.text
        ]
        if (
            not by_name
            and not cues.shared("at_sea").search(d.unit.text)
            and r.places[d.place.key].kind not in ("sea", "offset", "offshore")
        ):
            continue
        in_unit = find_vessels(d.unit.text) or by_name
        if not in_unit:
            continue
        v = ship_of_site(in_unit, d.place.start - d.unit.start)
        told_as = v.type  # "the bulk carrier": the type the event's sentence gives, kept if the name has none
        if v.name is None:  # "the tanker": the ship named last before, when its type agrees
            earlier = [w for w in named if w.name and w.start < d.unit.start + v.start and _same_kind(w.type, v.type)]
            if earlier:
                v = replace(earlier[-1], start=earlier[-1].start - d.unit.start, end=earlier[-1].end - d.unit.start)
        # one ship named in several sentences is one target: its fullest description in the text
        same = [w for w in named if v.name and w.name == v.name] or [v]
        v = Vessel(
            name=v.name,
            type=next((w.type for w in same if w.type and w.type != "vessel"), v.type or told_as),
            flag=next((w.flag for w in same if w.flag), None),
            start=d.unit.start + v.start,
            end=d.unit.start + v.end,
        )
        e.vessel = v
        e.evidence.append(Evidence("vessel", v.start, v.end, text[v.start : v.end]))
        if not e.actors and v.name:
            attacker = _attacker_of_ship(r, v.name)
            if attacker is not None:
                e.actors = [ex.name(attacker.key)]
                e.evidence.append(Evidence("actors", attacker.start, attacker.end, attacker.text))
        if e.target is None:
            if v.type in MERCHANT_TYPES:
                e.target = "civilians"
            elif v.type in military and v.name:
                force = next(
                    (str(a) for p, a in prefixes.items() if re.search(rf"\b{p}\s+{re.escape(v.name)}", text, re.I)),
                    None,
                )
                if force and force in ex.kb.actors and force not in _ids(ex, e.actors):
                    e.target = ex.name(force)


def _same_kind(a: str | None, b: str | None) -> bool:
    """Whether two descriptions can be of one ship: the same type, an unknown or bare "vessel" on either side, or two
    merchant types (a "cargo ship" in the headline is the "bulk carrier" of the story)."""
    return a in (None, "vessel", b) or b in (None, "vessel") or (a in MERCHANT_TYPES and b in MERCHANT_TYPES)


def _attacker_of_ship(r: Reading, name: str) -> Mention | None:
    """The author of the attack on the ship ``name`` as another sentence of the text tells it, when the event's own
    sentences name none: "the Rubymar ... after suffering an attack by the Houthis", "the target of a Houthi
    hijacking" (the sentences that name the ship, and the headline): the first actor named there as the author of
    an attack or a weapon (pack cues ``actor_weapon_after``, ``agent_by_before``)."""
    text = r.ann.text
    weapon_after, by_before = cues.shared("actor_weapon_after"), cues.shared("agent_by_before")
    actors = [m for m in r.ann.mentions if m.label == "ACTOR"]
    for sent in r.ann.sentences:
        if name not in sent.text and sent.index != 0:
            continue
        for m in actors:
            if not sent.start <= m.start < sent.end:
                continue
            after, before = text[m.end : sent.end], text[max(sent.start, m.start - 40) : m.start]
            # (a headline's words are capitalised)
            if weapon_after.match(after) or weapon_after.match(after.lower()) or by_before.search(before):
                return m
    return None


def ship_of_site(ships: list[Vessel], site: int) -> Vessel:
    """Of the ships a unit names (offsets in the unit), the one a site belongs to: "targeted the ship Pumba in
    the Red Sea and the ship Rubymar in the Gulf of Aden" names each ship before its own site."""
    before = [v for v in ships if v.start < site]
    return before[-1] if before else ships[0]


def _ids(ex: Extractor, names: list[str]) -> set[str]:
    return {k for k, a in ex.kb.actors.items() if a.name in names}
