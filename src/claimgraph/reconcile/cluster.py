"""Cluster event reports from different documents into canonical events.

A report joins an event only if it is compatible with *every* report already in it
(complete linkage), so one vague report cannot chain two distinct attacks together:

- **different documents**: two reports from one document are two events by the
  extractor's own decision;
- **dates**: the intervals the dates stand for (a day, a week, a month) overlap, with one
  day of slack for day-precision reports (time zones, "late Sunday" vs "Monday");
- **places**: within ``NEAR_KM`` when both are sites or towns (al-Tanf and Tower 22 are
  20 km apart, across a border); a province or country contains the other place; a
  report without a place fits anywhere;
- **types**: the same ACLED family; "Attack" (weapon unknown) fits any violent type; an
  air strike by a state (weapons: aircraft) never joins a militia rocket or drone attack.

Reports are processed most precise first (day before week before month), then by date and
id, and each joins the compatible event it is most similar to. A coarse report ("in
February, at Ain al-Asad") joins an event only when exactly one candidate fits; otherwise
it stays an event of its own. Reports an analyst placed (merge, split, confirm) are
pinned to their event and never move; other reports may still join those events.

The result depends only on the set of reports (and analyst pins), never on ingest order,
which is what lets ``reconcile`` run incrementally on the date-connected component of
the new reports and still equal a full rebuild.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from claimgraph.models import stable_id

NEAR_KM = 40.0
PROVINCE_KM = 150.0
DAY_SLACK = timedelta(days=1)
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}
_GEO_RANK = {"site": 0, "town": 1, "province": 2, "country": 3, None: 4}
_VIOLENT = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Attack"}


@dataclass(slots=True)
class ReportView:
    """What reconcile needs of one stored event report."""

    id: str
    doc_id: str
    sub_event_type: str
    weapons: tuple[str, ...]
    date: date | None
    precision: str | None
    low: date | None
    high: date | None
    place_id: str | None
    place_name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    geo_precision: str | None
    actors: tuple[str, ...] = ()
    claimed_by: tuple[str, ...] = ()
    attributed_to: tuple[str, ...] = ()
    unclaimed: bool = False
    target: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    published: date | None = None
    # derived once (reconcile compares millions of pairs)
    _window: tuple[date, date] | None = field(init=False, repr=False, compare=False)
    place_key: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._window = window_of(self.precision, self.low, self.high)
        self.place_key = (self.place_id, self.geo_precision, self.lat, self.lon, self.country, self.admin1)

    @property
    def sort_key(self) -> tuple:
        return (_PRECISION_RANK.get(self.precision, 4), self.low or date.max, self.id)

    def window(self) -> tuple[date, date] | None:
        """The days this report could be about, with slack (None: undated)."""
        return self._window


@dataclass(slots=True, eq=False)  # compared by identity: clusters are merged and dropped by the thousand
class Cluster:
    reports: list[ReportView]
    pinned_id: str | None = None

    @property
    def anchor(self) -> ReportView:
        return min(self.reports, key=lambda r: r.sort_key)

    def event_id(self) -> str:
        if self.pinned_id:
            return self.pinned_id
        a = self.anchor
        place = a.place_id or a.place_name or a.country or ""
        return stable_id(
            "evt", a.sub_event_type, a.date.isoformat() if a.date else "", place, "|".join(sorted(a.actors)), a.id
        )


def window_of(precision: str | None, low: date | None, high: date | None) -> tuple[date, date] | None:
    """The days a report with this date interval could be about, with slack (None: undated)."""
    if low is None or high is None:
        return None
    slack = DAY_SLACK if precision == "day" else timedelta(0)
    return low - slack, high + slack


def km(a: ReportView, b: ReportView) -> float | None:
    return _km(a.lat, a.lon, b.lat, b.lon)


def _km(lat_a: float | None, lon_a: float | None, lat_b: float | None, lon_b: float | None) -> float | None:
    if lat_a is None or lon_a is None or lat_b is None or lon_b is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (lat_a, lon_a, lat_b, lon_b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def dates_compatible(a: ReportView, b: ReportView) -> bool:
    wa, wb = a._window, b._window
    if wa is None or wb is None:
        return wa is None and wb is None
    return wa[0] <= wb[1] and wb[0] <= wa[1]


def places_compatible(a: ReportView, b: ReportView) -> bool:
    return _places_compatible(a.place_key, b.place_key)


@cache
def _places_compatible(a: tuple, b: tuple) -> bool:
    """On (place_id, geo_precision, lat, lon, country, admin1): a few hundred distinct places
    meet millions of times, so the answer is cached (``cluster`` clears the cache when done)."""
    if a[0] and a[0] == b[0]:
        return True
    if a[1] is None or b[1] is None:
        return True  # no place: fits anywhere
    coarse, fine = sorted((a, b), key=lambda p: _GEO_RANK.get(p[1], 4), reverse=True)
    if coarse[1] == "country":
        return bool(coarse[4]) and coarse[4] == fine[4]
    distance = _km(a[2], a[3], b[2], b[3])
    if coarse[1] == "province":
        same_admin = bool(coarse[5]) and coarse[5] == fine[5] and coarse[4] == fine[4]
        return same_admin or (distance is not None and distance <= PROVINCE_KM)
    return distance is not None and distance <= NEAR_KM


def types_compatible(a: ReportView, b: ReportView) -> bool:
    if a.weapons and b.weapons and ("aircraft" in a.weapons) != ("aircraft" in b.weapons):
        return False  # a state's air strike is not a militia's rocket or drone attack on the same spot
    if a.sub_event_type == b.sub_event_type:
        return True
    # strategic developments and clashes only join their own kind
    return a.sub_event_type in _VIOLENT and b.sub_event_type in _VIOLENT


def compatible(a: ReportView, b: ReportView) -> bool:
    return a.doc_id != b.doc_id and dates_compatible(a, b) and types_compatible(a, b) and places_compatible(a, b)


def similarity(a: ReportView, b: ReportView) -> float:
    """Higher is closer; only compared between compatible reports."""
    score = 0.0
    if a.date and b.date:
        score += 2.0 - min(abs((a.date - b.date).days), 2)
    if a.place_id and a.place_id == b.place_id:
        score += 3.0
    else:
        d = km(a, b)
        if d is not None:
            score += max(0.0, 2.0 - d / NEAR_KM * 2)
    score += 1.0 if a.sub_event_type == b.sub_event_type else 0.0
    score += 0.5 * len(set(a.weapons) & set(b.weapons))
    actors_a, actors_b = set(a.actors), set(b.actors)
    score += 1.0 * len(actors_a & actors_b)
    if a.target and a.target == b.target:
        score += 0.5
    return score


def cluster(reports: Iterable[ReportView], pins: dict[str, str] | None = None) -> list[Cluster]:
    """Group ``reports`` into clusters; ``pins`` maps report id -> event id set by an analyst.

    Precise reports (day, week) are merged agglomeratively: every compatible pair, most
    similar first (ties by id), joins its two clusters when every report of one is
    compatible with every report of the other and the two are not events an analyst kept
    apart. The order of the input never matters. Coarser reports (month, year) then join
    the one cluster they fit, or stay alone when several fit.
    """
    pins = pins or {}
    reports = sorted(reports, key=lambda r: r.sort_key)
    owner: dict[str, Cluster] = {}
    clusters: list[Cluster] = []
    pinned: dict[str, Cluster] = {}
    for r in reports:
        event_id = pins.get(r.id)
        c = pinned.get(event_id) if event_id else None
        if c is None:
            c = Cluster([], event_id)
            clusters.append(c)
            if event_id:
                pinned[event_id] = c
        c.reports.append(r)
        owner[r.id] = c
    precise = [r for r in reports if r.precision in ("day", "week")]
    ranked = _pairs(precise)
    # Every compatible pair of precise reports is in ``ranked``, so for them compatibility is a
    # set lookup; and two clusters found incompatible stay so (clusters only grow).
    partners: dict[str, set[str]] = defaultdict(set)
    for _, a, b in ranked:
        partners[a.id].add(b.id)
        partners[b.id].add(a.id)
    precise_ids = {r.id for r in precise}

    def all_fit(xs: list[ReportView], ys: list[ReportView]) -> bool:
        """Complete linkage: every report of one cluster compatible with every one of the other."""
        if all(r.id in precise_ids for r in (*xs, *ys)):
            ids = {y.id for y in ys}
            return all(ids <= partners[x.id] for x in xs)
        return all(compatible(x, y) for x in xs for y in ys)

    refused: set[tuple[int, int]] = set()
    for _, a, b in ranked:
        ca, cb = owner[a.id], owner[b.id]
        if ca is cb or (ca.pinned_id and cb.pinned_id):
            continue
        key = (min(id(ca), id(cb)), max(id(ca), id(cb)))
        if key in refused:
            continue
        docs_a, docs_b = {r.doc_id for r in ca.reports}, {r.doc_id for r in cb.reports}
        if docs_a & docs_b or not all_fit(ca.reports, cb.reports):
            refused.add(key)
            continue
        keep, gone = (ca, cb) if (ca.pinned_id or not cb.pinned_id) else (cb, ca)
        keep.reports.extend(gone.reports)
        for r in gone.reports:
            owner[r.id] = keep
        gone.reports = []
    clusters = [c for c in clusters if c.reports]
    by_day: dict[date, dict[int, Cluster]] = defaultdict(dict)  # precise clusters by the days they cover
    for r in precise:
        day, last = r.window()
        while day <= last:
            by_day[day][id(owner[r.id])] = owner[r.id]
            day += timedelta(days=1)
    for r in reports:
        if r.precision in ("day", "week", None) or r.id in pins:
            continue
        own = owner[r.id]
        if len(own.reports) > 1:
            continue
        candidates: dict[int, Cluster] = {}
        day = r.low
        while day <= r.high:
            candidates.update(by_day.get(day, {}))
            day += timedelta(days=1)
        fits = [c for c in candidates.values() if c.reports and all(compatible(r, m) for m in c.reports)]
        if len(fits) == 1:
            fits[0].reports.append(r)
            owner[r.id] = fits[0]
            own.reports = []
    _places_compatible.cache_clear()
    return sorted((c for c in clusters if c.reports), key=lambda c: c.anchor.sort_key)


_CELL = 0.5  # degrees; a site within NEAR_KM of another is in the same or a neighbouring cell


def _cell(r: ReportView) -> tuple[int, int] | None:
    """The grid cell of a precisely placed report (site or town with coordinates), else None."""
    if r.geo_precision in ("site", "town") and r.lat is not None and r.lon is not None:
        return math.floor(r.lat / _CELL), math.floor(r.lon / _CELL)
    return None


def _pairs(reports: Sequence[ReportView]) -> list[tuple[float, ReportView, ReportView]]:
    """Compatible pairs, most similar first.

    Found through (day, grid cell) buckets rather than all n² pairs: a precisely placed report
    is compared with reports of the same or a neighbouring cell on the days it covers, and
    with every coarsely placed one (province, country, none) of those days.
    """
    fine: dict[tuple[date, int, int], list[ReportView]] = defaultdict(list)
    coarse: dict[date, list[ReportView]] = defaultdict(list)
    every: dict[date, list[ReportView]] = defaultdict(list)
    for r in reports:
        cell = _cell(r)
        day = r.low
        while day is not None and day <= r.high:
            every[day].append(r)
            if cell is None:
                coarse[day].append(r)
            else:
                fine[(day, *cell)].append(r)
            day += timedelta(days=1)
    pairs: list[tuple[float, ReportView, ReportView]] = []
    for a in reports:
        lo, hi = a.window()
        cell = _cell(a)
        seen: set[str] = set()
        day = lo
        while day <= hi:
            if cell is None:
                buckets: list[Iterable[ReportView]] = [every.get(day, ())]
            else:
                buckets = [fine.get((day, cell[0] + i, cell[1] + j), ()) for i in (-1, 0, 1) for j in (-1, 0, 1)]
                buckets.append(coarse.get(day, ()))
            for bucket in buckets:
                for b in bucket:
                    if b.id <= a.id or b.id in seen:
                        continue
                    seen.add(b.id)
                    if compatible(a, b):
                        pairs.append((similarity(a, b), a, b))
            day += timedelta(days=1)
    return sorted(pairs, key=lambda p: (-p[0], p[1].id, p[2].id))


def components(
    windows: Sequence[tuple[str, date | None, date | None]], pins: dict[str, str] | None = None
) -> list[list[str]]:
    """Report ids grouped into components that cluster independently of each other.

    ``windows`` holds (report id, first day, last day) with slack included. Two reports
    can only share an event if their windows overlap, or if an analyst pinned them to the
    same event; so reports are joined by overlapping windows and by pins, and undated
    reports stand alone. Incremental reconcile recomputes only the components that hold
    new or reviewed reports.
    """
    pins = pins or {}
    dated = sorted((lo, hi, rid) for rid, lo, hi in windows if lo is not None and hi is not None)
    groups: list[list[str]] = []
    reach: date | None = None
    for lo, hi, rid in dated:
        if reach is None or lo > reach:
            groups.append([])
            reach = hi
        groups[-1].append(rid)
        reach = max(reach, hi)
    groups.extend([rid] for rid, lo, hi in windows if lo is None or hi is None)
    # Join groups that hold reports of the same pinned event (an analyst's merge).
    parent = list(range(len(groups)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_group: dict[str, int] = {}
    for i, group in enumerate(groups):
        for rid in group:
            event_id = pins.get(rid)
            if event_id is None:
                continue
            j = first_group.setdefault(event_id, i)
            parent[find(i)] = find(j)
    merged: dict[int, list[str]] = defaultdict(list)
    for i, group in enumerate(groups):
        merged[find(i)].extend(group)
    return [sorted(g) for _, g in sorted(merged.items())]
