"""From drafts to ``EventReport``s: merge per (date, place), resolve the place, name the actors.

``place_table`` is the document's place table (``Reading.places``: the KB's places and the towns the
text names); ``name_of`` gives an actor's display name (``Extractor.name``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Set

from claimgraph.extract import cues
from claimgraph.extract.drafts import STATE_FORCES, Draft, clean_weapons, sub_event_type, uniq
from claimgraph.extract.sea import bearing_words
from claimgraph.extract.units import _km, contains, listed_together
from claimgraph.kb.loader import Place
from claimgraph.models import EventReport, PlaceRef, stable_id
from claimgraph.nlp.pipeline import Mention

# a state force's strike with no weapon named is an air strike (ACLED: "Air/drone strike", aircraft)


# a sentence dated only by the publication day (a headline, "the drone hit the field") and the body's dated
# account of an attack at the same place this many days before it: one attack
TOLD_AGAIN_DAYS = 3


def told_again(drafts: list[Draft], place_table: Mapping[str, Place] | None = None) -> None:
    """A draft dated only by publication ("Security forces down a drone heading for Khor Mor", the headline)
    at the place of a draft the text dates itself ("late on Sunday, forces opened fire on a drone near Khor
    Mor") a few days before, or at the city that holds its neighbourhood ("a US strike east of Baghdad", the
    body's "al-Mashtal ... last night"): the same attack told again; it takes that day, so ``merge`` makes them
    one."""
    for d in drafts:
        if d.date.basis != "publication" or d.date.value is None:
            continue
        told = [
            o
            for o in drafts
            if o is not d
            and (
                o.place.key == d.place.key
                or (
                    place_table is not None
                    and place_table[o.place.key].kind == "neighbourhood"
                    and contains(place_table, d.place.key, o.place.key)
                )
            )
            and _earlier_told(d, o)
        ]
        if not told and place_table is not None and _headline(d.unit.text):
            # a headline names a governorate's city, the body the governorate ("صعدة", "محافظة صعدة")
            told = [
                o
                for o in drafts
                if o is not d
                and (contains(place_table, d.place.key, o.place.key) or contains(place_table, o.place.key, d.place.key))
                and _earlier_told(d, o)
            ]
        if len({o.date.value for o in told}) == 1:
            d.date = told[0].date


def _earlier_told(d: Draft, o: Draft) -> bool:
    """``o`` is dated by the text a few days before ``d``, a draft dated by publication: its attack told again,
    unless it is told as prior to the news ("this raid comes after two were killed ...") and ``d`` is no headline
    (a headline tells the body's stories in short, the earlier one too)."""
    return (
        o.date.basis != "publication"
        and o.date.value is not None
        and 0 < (d.date.value - o.date.value).days <= TOLD_AGAIN_DAYS
        and (_headline(d.unit.text) or not cues.shared("prior_attack").search(o.unit.text))
    )


def _counted_area(d: Draft) -> bool:
    """The draft's place holds sites the text counts before naming them ("drones hit three oil fields in Zakho and
    Duhok", pack cue ``place_counted_sites_before``): it gives way to those sites, told the same day."""
    if d.unit is None:
        return False
    at = d.place.start - d.unit.start
    return at > 0 and bool(cues.shared("place_counted_sites_before").search(d.unit.text[max(0, at - 100) : at]))


def _holds(place_table: Mapping[str, Place], area: str, site: str) -> bool:
    """``area`` contains ``site``, or is a town of the same province ("Duhok" for the fields of Duhok province)."""
    a, s = place_table[area], place_table[site]
    return contains(place_table, area, site) or (bool(a.admin1) and a.country == s.country and a.admin1 == s.admin1)


def _headline(text: str) -> bool:
    """A headline: a short line that no full stop ends ("ثمانية شهداء بضربات أمريكية على جرف النصر.. وواشنطن تحمّل
    الكتائب مسؤولية هجوم عين الأسد")."""
    body = text.strip()
    return 0 < len(body) <= 200 and "\n" not in body and body[-1] not in ".!?؟"


CIVILIANS = "civilians"  # the target of an attack on people or works of no party (the dev set's convention)
CIVILIAN_SITE_KINDS = frozenset({"oil_field", "gas_field"})  # energy works, unless the KB says they host forces


def merge(drafts: list[Draft], place_table: Mapping[str, Place], armed: Set[str] = frozenset()) -> list[Draft]:
    """One event per (date, place): later mentions add to the first. A province or country gives way to the
    place within it told the same day, unless the two are the two sides' attacks (``armed``: the armed groups'
    ids)."""
    drafts = _one_strike_on_listed_quarters(drafts, place_table)
    merged: dict[tuple, Draft] = {}
    for d in drafts:
        key = (d.place.key, d.date.value, d.date.precision)
        if key not in merged:
            merged[key] = d
            continue
        m = merged[key]
        m.weapons = clean_weapons(m.weapons + d.weapons)
        for attr in ("perpetrators", "claimants", "attributed", "targets", "superseded"):
            setattr(m, attr, uniq(getattr(m, attr) + getattr(d, attr)))
        m.fatalities = d.fatalities if d.fatalities is not None else m.fatalities
        m.injuries = d.injuries if d.injuries is not None else m.injuries
        m.claims += [c for c in d.claims if c.claimant_id not in {x.claimant_id for x in m.claims}]
        m.attributions += d.attributions
        m.evidence += d.evidence
        m.state_ack = m.state_ack or d.state_ack
    events = list(merged.values())
    kept = []
    for d in events:
        inner = [
            o
            for o in events
            if o is not d
            and (
                o.date.value == d.date.value
                or (  # a country named for a strike told site by site: US and local dates may differ a day
                    place_table[d.place.key].precision == "country"
                    and d.date.precision == o.date.precision == "day"
                    and abs((o.date.value - d.date.value).days) <= 1
                    and not (_entry(d) and _entry(o) and d.unit.paragraph != o.unit.paragraph)
                    # (each written with a date of its own, a day apart: two days' strikes, "Feb. 3" and "Feb. 4")
                    and not (d.date.basis == o.date.basis == "absolute" and d.date.value != o.date.value)
                )
            )
            and (
                (
                    (
                        place_table[d.place.key].precision in ("province", "country")
                        or place_table[o.place.key].kind == "neighbourhood"  # Baghdad and its al-Mashtal: one event
                    )
                    and contains(place_table, d.place.key, o.place.key)
                )
                or _quarter_of_site(d, o, place_table)
                or _near_city_site(d, o, place_table)
                or _headline_city(d, o, place_table)
                or _city_of_site(d, o, place_table)
                or (_counted_area(d) and _holds(place_table, d.place.key, o.place.key))
            )
            and not _opposed(d, o, armed)
        ]
        if not inner:
            kept.append(d)
        elif len(inner) == 1:
            _fill_from(inner[0], d)
    return kept


def _quarter_of_site(d: Draft, o: Draft, place_table: Mapping[str, Place]) -> bool:
    """``d`` is at a city's quarter that the KB says holds ``o``'s site ("the Mezzeh district of Damascus" and the
    consulate in it): one strike, whose site is ``o``. (Only the KB's own parent: a quarter holds no site merely
    near it.)"""
    quarter, site = place_table[d.place.key], place_table[o.place.key]
    return quarter.kind == "neighbourhood" and site.precision == "site" and site.parent == quarter.id


def _entry(d: Draft) -> bool:
    """The draft's unit opens with its own day, as a timeline's entry does ("NOV. 9 — Drones target ..."): two such
    entries on consecutive days are two days' events, not one strike told in two clocks."""
    u = d.unit
    return bool(u.dates) and u.dates[0].start == u.start and u.dates[0].precision == "day"


def _one_strike_on_listed_quarters(drafts: list[Draft], place_table: Mapping[str, Place]) -> list[Draft]:
    """ "the strikes on Beirut, which killed 22 people in the Ras al-Nabaa and Nuwayri neighbourhoods": quarters of
    one city listed together in one sentence, the same day, are where one strike fell; the first stands for it, with
    the figures told of them."""
    out: list[Draft] = []
    for d in drafts:
        here = place_table[d.place.key]
        prev = out[-1] if out else None
        if (
            prev is not None
            and here.kind == "neighbourhood"
            and prev.unit is d.unit
            and prev.date.value == d.date.value
            and place_table[prev.place.key].kind == "neighbourhood"
            and place_table[prev.place.key].parent == here.parent
            and prev.place.end <= d.place.start
            and listed_together(prev.place, d.place, d.unit.text, d.unit.start)
        ):
            prev.fatalities = d.fatalities if d.fatalities is not None else prev.fatalities
            prev.injuries = d.injuries if d.injuries is not None else prev.injuries
            prev.evidence += d.evidence
            continue
        out.append(d)
    return out


_HEADLINE_KM = 30  # a headline's city stands for a site told in the body this close to it


def _headline_city(d: Draft, o: Draft, place_table: Mapping[str, Place]) -> bool:
    """``d`` is a headline's attack at a city ("بعد هجوم أربيل الصاروخي.."), ``o`` the body's account of an attack
    the same day at a site or town in or by that city (the airport base of Erbil): one attack, whose site is ``o``."""
    if d.unit is None or o.unit is None or d.unit is o.unit or not _headline(d.unit.text) or _headline(o.unit.text):
        return False
    city, site = place_table[d.place.key], place_table[o.place.key]
    if city.kind != "city" or site.precision not in ("town", "site") or city.country != site.country:
        return False
    if contains(place_table, d.place.key, o.place.key):
        return True
    return None not in (city.lat, site.lat) and _km(city.lat, city.lon, site.lat, site.lon) < _HEADLINE_KM


def _near_city_site(d: Draft, o: Draft, place_table: Mapping[str, Place]) -> bool:
    """``d`` is at a city named only as near ("an airstrike near Damascus", "قرب دمشق": pack cues
    ``near_city_before``, ``near_city_before_ar``) and ``o`` at a town or site within 25 km of it told the same day
    ("the strike on the Sayyida Zeinab area, six miles south of the capital"): one attack, whose site is ``o``."""
    city, site = place_table[d.place.key], place_table[o.place.key]
    if city.kind != "city" or site.precision not in ("town", "site") or None in (city.lat, site.lat):
        return False
    if city.country != site.country:
        return False
    km = _km(city.lat, city.lon, site.lat, site.lon)
    at = d.place.start - d.unit.start
    before = d.unit.text[max(0, at - 40) : at]
    if km < 25 and any(c.search(before) for c in cues.per_language("near_city_before")):
        return True
    # "des frappes américaines au sud de Bagdad", then the site that way: "à Jurf al-Sakhr"
    if km >= 120:
        return False
    for c in cues.per_language("direction_city_before"):
        m = c.search(before)
        word = m and (m.groupdict().get("bearing") or m.groupdict().get("bearing2"))
        told = bearing_words().get(word.casefold()) if word else None
        if told is not None and abs((_bearing(city, site) - float(told) + 180) % 360 - 180) <= 67.5:
            return True
    return False


def _city_of_site(d: Draft, o: Draft, place_table: Mapping[str, Place]) -> bool:
    """``d`` is at a city, told the same day with the same weapons as an attack on a site in it, and with no party
    of its own that the site's account lacks ("rockets struck the base at Erbil airport", then "one contractor was
    killed when projectiles fell on coalition forces in Erbil", which a group claimed): one attack, told once at the
    site and once at its city."""
    city, site = place_table[d.place.key], place_table[o.place.key]
    if city.kind != "city" or site.precision != "site" or not contains(place_table, d.place.key, o.place.key):
        return False
    if d.unit is o.unit:
        return False
    # (parties of its own make it another attack, unless the site has none: "a group claimed the attack" told after
    # the city's account goes to the one attack, at its site)
    if (o.perpetrators or o.claimants) and (
        set(d.perpetrators) - set(o.perpetrators) or set(d.claimants) - set(o.claimants)
    ):
        return False
    return bool(set(d.weapons) & set(o.weapons))


def _bearing(a: Place, b: Place) -> float:
    """The initial bearing from ``a`` to ``b``, in degrees from north."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360


def _opposed(container: Draft, site: Draft, armed: Set[str]) -> bool:
    """The two sides' own attacks told the same day: a state force's strike "in Iraq" and the militia's attack
    on a base in Iraq (the one's perpetrator the other's target, or state forces only against an armed group)
    are two events, not one told twice."""
    a, b = set(container.perpetrators), set(site.perpetrators)
    if not a or not b or a & b:
        return False
    if a & set(site.targets) or b & set(container.targets):
        return True
    return (a <= STATE_FORCES and bool(b & armed)) or (b <= STATE_FORCES and bool(a & armed))


def _fill_from(site: Draft, container: Draft) -> None:
    """What the text told of the event under its town or country ("a drone strike in Baghdad killed a
    commander"; "the US military said it struck in Iraq") goes to the event at its site, where the site
    lacks it."""
    told = set(container.perpetrators + container.claimants + container.attributed)
    if not site.weapons and container.weapons:
        site.weapons = list(container.weapons)  # "an Israeli drone strike in Beirut's southern suburbs ... Haret Hreik"
        site.evidence += [e for e in container.evidence if e.field == "weapons"]
    alike = not set(container.weapons) - {"unknown"} - set(site.weapons)  # not another attack told there
    if not (site.perpetrators or site.claimants or site.attributed) and told and alike and not told & set(site.targets):
        site.perpetrators = list(container.perpetrators)
        site.claimants = list(container.claimants)
        site.attributed = list(container.attributed)
        site.claims += container.claims
        site.attributions += container.attributions
        site.state_ack = site.state_ack or container.state_ack
        site.evidence += [e for e in container.evidence if e.field == "actors"]
    if (
        site.fatalities is None
        and site.injuries is None
        and (container.fatalities is not None or container.injuries is not None)
    ):
        site.fatalities, site.injuries = container.fatalities, container.injuries
        site.evidence += [e for e in container.evidence if e.field in ("fatalities", "injuries", "casualties")]


def place_ref(place_table: Mapping[str, Place], m: Mention) -> PlaceRef:
    place = place_table[m.key]
    return PlaceRef(
        name=place.name,
        place_id=place.id,
        lat=place.lat,
        lon=place.lon,
        country=place.country,
        admin1=place.admin1,
        precision=place.geo_precision,
        resolver="gazetteer" if place.id.startswith("gaz:") else "unresolved" if place.kind == "unresolved" else "kb",
        surface=m.text,
        start=m.start,
        end=m.end,
        hosts=tuple(place.hosts),
    )


def hosted_garrison(d: Draft, place: Place) -> set[str]:
    """The draft's perpetrators that are the forces its place hosts: a state's forces do not strike the base that
    hosts them, so named at such a place they are its garrison (its target), not its attackers; unless they claim
    the strike, or the place only locates it ("US forces struck militants near Conoco", "قرب قاعدة")."""
    if not place.hosts:
        return set()
    before = d.unit.text[max(0, d.place.start - d.unit.start - 40) : max(0, d.place.start - d.unit.start)]
    if cues.shared("locator_before").search(before):
        return set()
    return {k for k in d.perpetrators if k in STATE_FORCES and k in place.hosts and k not in d.claimants}


def event_report(d: Draft, doc_id: str, place_table: Mapping[str, Place], name_of: Callable[[str], str]) -> EventReport:
    place = place_table[d.place.key]
    loc = place_ref(place_table, d.place)
    launch = place_ref(place_table, d.launch) if d.launch else None
    garrison = hosted_garrison(d, place)
    perps = [k for k in d.perpetrators if k not in garrison]
    d.targets = [t for t in d.targets if t not in perps and t not in d.claimants and t not in d.attributed]
    actors = uniq(list(d.superseded) + list(d.claimants) + list(d.attributed) + perps)
    # the standing claim first, superseded ones after (the ACLED export's actor1 is the first)
    claimed = uniq([k for k in d.claimants if k not in d.superseded] + list(d.superseded))
    if d.state_ack:
        claimed += [k for k in perps if k in STATE_FORCES and k not in claimed]
    target = (
        d.targets[0] if d.targets else (place.hosts[0] if place.hosts and not (set(perps) & STATE_FORCES) else None)
    )
    civilian_site = place.kind in CIVILIAN_SITE_KINDS and not place.hosts
    if target is None and civilian_site and not set(perps) & STATE_FORCES:
        target = CIVILIANS  # a drone on the Khor Mor gas field: the field's works and workers, no forces
    weapons = d.weapons
    if not weapons and set(perps) & STATE_FORCES and cues.shared("strike_word").search(d.unit.text):
        weapons = ["aircraft"]
    sub = sub_event_type(weapons)
    if not weapons and cues.shared("artillery_word").search(d.unit.text):
        sub = "Shelling/artillery/missile attack"  # "تعرضت البلدة لقصف مدفعي": artillery, no weapon of the list
    return EventReport(
        id=stable_id("evr", doc_id, d.date.iso(), place.id),
        doc_id=doc_id,
        sub_event_type=sub,
        weapons=weapons,
        date=d.date,
        location=loc,
        launch_site=launch,
        actors=[name_of(k) for k in actors],
        claimed_by=[name_of(k) for k in claimed],
        attributed_to=[name_of(k) for k in d.attributed],
        target=(target if target == CIVILIANS else name_of(target)) if target else None,
        fatalities=d.fatalities,
        injuries=d.injuries,
        casualty_qualifiers=d.qualifiers,
        claims=d.claims,
        attributions=d.attributions,
        evidence=d.evidence,
        confirmed=not (d.claimants and not d.perpetrators and not d.attributed),
        unclaimed=d.unclaimed and not claimed,
    )
