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

Reports are swept in date order, one week at a time, so that memory holds a few weeks of
reports however long the corpus (see ``Sweep``). In each week, every compatible pair of a new
report with a new or still-open one is taken most similar first (ties by id), and joins its two
clusters when the complete-linkage rule allows. A coarse report ("in February, at Ain
al-Asad") waits until every event its month can hold is closed, then joins the one event it
fits, or stays an event of its own when several fit; a report dated only to a year, or not
at all, is an event of its own. Reports an analyst placed (merge, split, confirm) are pinned to
their event and never move; other reports may still join those events, except the reports a
review action kept out of them (``exclusions``: event id -> report ids), so that an action
changes only the events it names.

The result depends only on the set of reports (and analyst pins), never on ingest order;
and the state of the sweep at any week can be rebuilt from the stored events, which is what
lets ``reconcile`` start just before the new reports and stop as soon as it meets the stored
result again, and still equal a full rebuild.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from claimgraph.models import stable_id

NEAR_KM = 40.0
PROVINCE_KM = 150.0
DAY = timedelta(days=1)
WEEK = timedelta(days=7)
DAY_SLACK = DAY
MONTH_WAIT = timedelta(days=9)  # after a month's end, every event its coarse reports could join is closed
PRECISE = ("day", "week")
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
    vessel: tuple[str | None, str | None, str | None] | None = None  # (name, type, flag) of the ship hit
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

    def reach(self) -> date | None:
        """The last day a new report's window may start and still overlap every member's (None: never)."""
        ends = [r._window[1] if r._window else None for r in self.reports]
        return None if not ends or None in ends else min(ends)  # type: ignore[type-var]

    def months(self) -> set[date]:
        """The months a coarse report may come from and still consider this event."""
        out: set[date] = set()
        for r in self.reports:
            if is_precise(r):
                lo, hi = r._window  # type: ignore[misc]
                m = month_of(lo)
                while m <= hi:
                    out.add(m)
                    m = next_month(m)
        return out

    def key(self) -> tuple[frozenset[str], str | None]:
        return frozenset(r.id for r in self.reports), self.pinned_id


def is_precise(r: ReportView) -> bool:
    return r.precision in PRECISE and r._window is not None


def is_coarse(r: ReportView) -> bool:
    """A month-precision report: placed after its month, only into the one event it fits."""
    return r.precision == "month" and r._window is not None


def week_of(day: date) -> date:
    """The Monday that starts the sweep's week holding ``day``."""
    return day - timedelta(days=day.weekday())


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def placed_on(month: date) -> date:
    """From this day on the sweep places the coarse reports of ``month`` (all its events closed)."""
    return next_month(month) - DAY + MONTH_WAIT


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
    """One report's window (its interval with the slack) overlaps the other's interval: the slack
    counts once, so two day reports are at most a day apart."""
    wa, wb = a._window, b._window
    if wa is None or wb is None:
        return wa is None and wb is None
    return (wa[0] <= b.high and b.low <= wa[1]) or (wb[0] <= a.high and a.low <= wb[1])  # type: ignore[operator]


def places_compatible(a: ReportView, b: ReportView) -> bool:
    return _places_compatible(a.place_key, b.place_key)


@lru_cache(maxsize=1 << 16)
def _places_compatible(a: tuple, b: tuple) -> bool:
    """On (place_id, geo_precision, lat, lon, country, admin1): a few hundred distinct places
    meet millions of times, so the answer is cached."""
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


def cluster(
    reports: Iterable[ReportView],
    pins: Mapping[str, str] | None = None,
    exclusions: Mapping[str, AbstractSet[str]] | None = None,
) -> list[Cluster]:
    """Group ``reports`` into clusters; ``pins`` maps report id -> event id set by an analyst,
    ``exclusions`` event id -> the reports that may not join that (pinned) event.

    The in-memory form of what ``reconcile`` does against the database: reports are fed to a
    ``Sweep`` week by week; those the sweep cannot date stand alone (or with their pinned event).
    """
    pins = pins or {}
    reports = list(reports)
    sweep = Sweep(pins, [r for r in reports if r.id in pins], exclusions)
    weeks: dict[date, list[ReportView]] = defaultdict(list)
    static: list[ReportView] = []
    for r in reports:
        week = sweep.arrival(r)
        if week is None:
            static.append(r)
        else:
            weeks[week].append(r)
    out = standing(static, pins)
    for week in sorted(weeks):
        out += sweep.step(week, weeks[week])
    out += sweep.finish()
    return sorted(out, key=lambda c: c.anchor.sort_key)


def standing(reports: Iterable[ReportView], pins: Mapping[str, str]) -> list[Cluster]:
    """Events of reports the sweep cannot date: each alone, or with the others of its pinned event."""
    out: list[Cluster] = []
    pinned: dict[str, Cluster] = {}
    for r in sorted(reports, key=lambda r: r.sort_key):
        event_id = pins.get(r.id)
        if event_id is None:
            out.append(Cluster([r]))
        elif event_id in pinned:
            pinned[event_id].reports.append(r)
        else:
            pinned[event_id] = Cluster([r], event_id)
            out.append(pinned[event_id])
    return out


class Sweep:
    """Cluster reports in one pass over the date axis, holding only the events still open.

    Reports arrive by the week (Monday to Sunday) of their first possible day; a week's
    reports are placed together (``step``): each compatible pair of a new report with a new or
    still-open one, most similar first, merges two clusters under complete linkage, except that
    two clusters which were both open before the week never merge (they would have, earlier, if
    they could). A cluster is *open* while a later report could still join it: a new report's
    window overlaps every member's, an analyst's pinned report is still to come, or a coarse
    (month) report may still pick it. Month reports wait until ``placed_on`` their month, when
    every event they could join is closed, and join the one that fits.

    Memory is the open clusters (a few weeks of reports) and the waiting month reports.
    Everything is a function of the reports and pins only, and the open state at any week can
    be rebuilt from the final clusters (``resume``): a member belongs to the state at week ``w``
    if it arrived before ``w`` (month reports: if placed by ``w``), since clusters only grow.
    """

    def __init__(
        self,
        pins: Mapping[str, str],
        pinned: Iterable[ReportView],
        exclusions: Mapping[str, AbstractSet[str]] | None = None,
    ) -> None:
        self.pins = pins
        self.exclusions = exclusions or {}
        weeks: dict[str, list[date]] = defaultdict(list)
        for r in pinned:
            if r.low is not None:
                weeks[pins[r.id]].append(week_of(r.low))
        # event id -> (week of its first, week of its last dated pinned report)
        self.pin_weeks = {event_id: (min(w), max(w)) for event_id, w in weeks.items()}
        self.open: list[Cluster] = []
        self.waiting: dict[date, list[ReportView]] = defaultdict(list)  # month -> month reports
        self._pinned: dict[str, Cluster] = {}
        self._done: list[Cluster] = []

    def arrival(self, r: ReportView) -> date | None:
        """The week ``r`` enters the sweep; None: it stands alone, outside the sweep."""
        event_id = self.pins.get(r.id)
        if event_id is not None:
            if r.low is not None:
                return week_of(r.low)
            first = self.pin_weeks.get(event_id)
            return first[0] if first else None  # undated: with its event's first dated report
        if is_precise(r) or is_coarse(r):
            return week_of(r.low)  # type: ignore[arg-type]
        return None

    def arrived(self, r: ReportView, week: date) -> bool:
        """Whether ``r`` is a member of its cluster in the state before ``week``'s reports."""
        if r.id not in self.pins and is_coarse(r):
            return placed_on(month_of(r.low)) <= week  # type: ignore[arg-type]
        start = self.arrival(r)
        return start is not None and start < week

    def is_closed(self, c: Cluster, week: date) -> bool:
        """No report of ``week`` or later can join ``c`` any more."""
        if c.pinned_id and self.pin_weeks.get(c.pinned_id, (date.min, date.min))[1] >= week:
            return False
        reach = c.reach()
        if reach is not None and reach >= week - DAY:
            return False
        return all(placed_on(m) <= week for m in c.months())

    def closes_on(self, members: Sequence[ReportView]) -> date:
        """The first week before which a cluster of exactly these ``members`` is closed."""
        c = Cluster(list(members), next((self.pins[r.id] for r in members if r.id in self.pins), None))
        week = max((a for r in members if (a := self.arrival(r)) is not None), default=date.min) + WEEK
        while not self.is_closed(c, week):
            week += WEEK
        return week

    def resume(self, week: date, stored: Iterable[Sequence[ReportView]]) -> None:
        """Rebuild the open state before ``week`` from stored clusters (any that may be open)."""
        for members in stored:
            kept = sorted((r for r in members if self.arrived(r, week)), key=lambda r: r.sort_key)
            if not kept:
                continue
            c = Cluster(kept, next((self.pins[r.id] for r in kept if r.id in self.pins), None))
            if not self.is_closed(c, week):
                self._add(c)
        self.open.sort(key=lambda c: c.anchor.sort_key)

    def wait(self, r: ReportView) -> None:
        """Queue a month report that arrived before the sweep resumed and is not placed yet."""
        self.waiting[month_of(r.low)].append(r)  # type: ignore[arg-type]

    def state(self) -> set[tuple[frozenset[str], str | None]]:
        return {c.key() for c in self.open}

    def step(self, week: date, reports: Sequence[ReportView]) -> list[Cluster]:
        """Close what ``week`` cannot join, then place its reports; returns the closed clusters."""
        closed = self.close(week)
        self.place(week, reports)
        return closed

    def place(self, week: date, reports: Sequence[ReportView]) -> None:
        """Place ``week``'s reports (after ``close(week)``)."""
        self._place(week, reports)

    def signature(self) -> str:
        """A digest of everything the rest of the sweep depends on, taken between ``close`` and
        ``place``: the open clusters (members and pin) and the month reports still waiting. Two
        sweeps with the same signature before the same week write the same events from there on."""
        digest = hashlib.blake2b(digest_size=16)
        for members, pinned_id in sorted((sorted(ids), pinned_id or "") for ids, pinned_id in self.state()):
            digest.update(f"{pinned_id}:{','.join(members)}\n".encode())
        for month in sorted(m for m, waiting in self.waiting.items() if waiting):
            digest.update(f"{month}:{','.join(sorted(r.id for r in self.waiting[month]))}\n".encode())
        return digest.hexdigest()

    def close(self, week: date) -> list[Cluster]:
        """Place the month reports due by ``week``; return (and forget) the clusters now closed."""
        for month in sorted(m for m in self.waiting if placed_on(m) <= week):
            self._place_coarse(month, self.waiting.pop(month))
        closed, still = self._done, []
        for c in self.open:
            (closed if self.is_closed(c, week) else still).append(c)
        self.open, self._done = still, []
        for c in closed:
            if c.pinned_id:
                self._pinned.pop(c.pinned_id, None)
        return closed

    def finish(self) -> list[Cluster]:
        """Close everything (the end of the reports)."""
        for month in sorted(self.waiting):
            self._place_coarse(month, self.waiting.pop(month))
        closed, self.open, self._done = self._done + self.open, [], []
        self._pinned.clear()
        return closed

    def keeps_out(self, c: Cluster, reports: Iterable[ReportView]) -> bool:
        """Whether a review action kept one of ``reports`` out of the pinned event ``c``."""
        kept_out = self.exclusions.get(c.pinned_id) if c.pinned_id else None
        return bool(kept_out) and any(r.id in kept_out for r in reports)  # type: ignore[operator]

    def _add(self, c: Cluster) -> None:
        self.open.append(c)
        if c.pinned_id:
            self._pinned[c.pinned_id] = c

    def _place(self, week: date, reports: Sequence[ReportView]) -> None:
        before = {id(c) for c in self.open}  # open before this week: two of them never merge
        owner: dict[str, Cluster] = {}
        fresh: list[ReportView] = []
        for r in sorted(reports, key=lambda r: r.sort_key):
            event_id = self.pins.get(r.id)
            if event_id is not None:
                c = self._pinned.get(event_id)
                if c is None:
                    c = Cluster([], event_id)
                    self._add(c)
                c.reports.append(r)
            elif is_coarse(r):
                self.wait(r)
                continue
            elif is_precise(r):
                c = Cluster([r])
                self._add(c)
            else:
                self._done.append(Cluster([r]))  # cannot be placed: stands alone
                continue
            owner[r.id] = c
            if is_precise(r):
                fresh.append(r)
        if not fresh:
            return
        fresh_ids = {r.id for r in fresh}
        pool: list[ReportView] = []
        for c in self.open:
            reach = c.reach()
            if reach is None or reach < week - DAY:
                continue  # no report of this week fits every member
            for r in c.reports:
                if r.id not in owner:
                    owner[r.id] = c
                    if is_precise(r):
                        pool.append(r)
        ranked = _pairs(fresh, pool)
        partners: dict[str, set[str]] = defaultdict(set)
        for _, a, b in ranked:
            partners[a.id].add(b.id)
            partners[b.id].add(a.id)
        known = fresh_ids | {r.id for r in pool}

        def fits(x: ReportView, y: ReportView) -> bool:
            # every compatible pair with a new precise report is in ``ranked``
            if (x.id in fresh_ids or y.id in fresh_ids) and x.id in known and y.id in known:
                return y.id in partners[x.id]
            return compatible(x, y)

        refused: set[tuple[int, int]] = set()
        for _, a, b in ranked:
            ca, cb = owner[a.id], owner[b.id]
            if ca is cb or (ca.pinned_id and cb.pinned_id) or (id(ca) in before and id(cb) in before):
                continue
            key = (min(id(ca), id(cb)), max(id(ca), id(cb)))
            if key in refused:
                continue
            docs_a = {r.doc_id for r in ca.reports}
            if (
                any(r.doc_id in docs_a for r in cb.reports)
                or self.keeps_out(ca, cb.reports)
                or self.keeps_out(cb, ca.reports)
                or not all(fits(x, y) for x in ca.reports for y in cb.reports)
            ):
                refused.add(key)
                continue
            keep, gone = (ca, cb) if (ca.pinned_id or not cb.pinned_id) else (cb, ca)
            keep.reports.extend(gone.reports)
            for r in gone.reports:
                owner[r.id] = keep
            gone.reports = []
            if id(gone) in before:
                before.add(id(keep))
        self.open = [c for c in self.open if c.reports]

    def _place_coarse(self, month: date, reports: list[ReportView]) -> None:
        """Each month report joins the one open event it fits (complete linkage), else stands alone."""
        lo, hi = month, next_month(month) - DAY
        candidates = [
            c
            for c in self.open
            if any(is_precise(r) and r._window[0] <= hi and lo <= r._window[1] for r in c.reports)  # type: ignore[index]
        ]
        for r in sorted(reports, key=lambda r: r.sort_key):
            found = [c for c in candidates if not self.keeps_out(c, (r,)) and all(compatible(r, m) for m in c.reports)]
            if len(found) == 1:
                found[0].reports.append(r)
            else:
                self._done.append(Cluster([r]))


_CELL = 0.5  # degrees; a site within NEAR_KM of another is in the same or a neighbouring cell


def _cell(r: ReportView) -> tuple[int, int] | None:
    """The grid cell of a precisely placed report (site or town with coordinates), else None."""
    if r.geo_precision in ("site", "town") and r.lat is not None and r.lon is not None:
        return math.floor(r.lat / _CELL), math.floor(r.lon / _CELL)
    return None


def _pairs(fresh: Sequence[ReportView], pool: Sequence[ReportView] = ()) -> list[tuple[float, ReportView, ReportView]]:
    """Compatible pairs of a ``fresh`` report with another fresh or a ``pool`` one, most similar first.

    Found through (day, place) buckets rather than all pairs: reports are filed under every day
    of their window (compatible dates need overlapping windows, i.e. a shared day), and by where
    they are: a site or town by its grid cell, a country-level place by its country,
    a province or no place at all as it is. A precisely placed report is compared with the sites
    of its own and the neighbouring cells, the country-level reports of its country and every
    province-level or unplaced one; a country-level report with the reports of its country and
    the province-level and unplaced ones; the others with every report of the day. Each
    compatible pair is found from both sides, and kept once.
    """
    fine: dict[tuple[date, int, int], list[ReportView]] = defaultdict(list)
    national: dict[tuple[date, str | None], list[ReportView]] = defaultdict(list)  # country-level, by country
    loose: dict[date, list[ReportView]] = defaultdict(list)  # province-level or no place
    within: dict[tuple[date, str | None], list[ReportView]] = defaultdict(list)  # every report, by country
    every: dict[date, list[ReportView]] = defaultdict(list)
    for r in (*fresh, *pool):
        cell = _cell(r)
        day, last = r.window()  # type: ignore[misc]
        while day <= last:
            every[day].append(r)
            within[(day, r.country)].append(r)
            if cell is not None:
                fine[(day, *cell)].append(r)
            elif r.geo_precision == "country":
                national[(day, r.country)].append(r)
            else:
                loose[day].append(r)
            day += DAY
    fresh_ids = {r.id for r in fresh}
    pairs: list[tuple[float, ReportView, ReportView]] = []
    for a in fresh:
        day, last = a.window()  # type: ignore[misc]
        cell = _cell(a)
        seen: set[str] = {a.id}
        while day <= last:
            if cell is not None:
                buckets: list[Iterable[ReportView]] = [
                    fine.get((day, cell[0] + i, cell[1] + j), ()) for i in (-1, 0, 1) for j in (-1, 0, 1)
                ]
                buckets += [national.get((day, a.country), ()), loose.get(day, ())]
            elif a.geo_precision == "country":
                buckets = [within.get((day, a.country), ()), loose.get(day, ())]
            else:
                buckets = [every.get(day, ())]
            for bucket in buckets:
                for b in bucket:
                    if b.id in seen or (b.id < a.id and b.id in fresh_ids):
                        continue  # a fresh pair is kept from its smaller id
                    seen.add(b.id)
                    if (
                        a.doc_id != b.doc_id
                        and types_compatible(a, b)
                        and _places_compatible(a.place_key, b.place_key)
                        and dates_compatible(a, b)
                    ):
                        pairs.append((similarity(a, b), *((a, b) if a.id < b.id else (b, a))))
            day += DAY
    return sorted(pairs, key=lambda p: (-p[0], p[1].id, p[2].id))
