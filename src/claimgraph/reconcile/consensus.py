"""Per-field consensus of a canonical event, with every alternative kept and conflicts flagged.

For each field, every distinct value any report gives is kept with the reports and
documents that give it (``FieldValue``); one is marked the consensus:

==============  ===========================================================  ==================================
field           consensus                                                    conflict when
==============  ===========================================================  ==================================
sub_event_type  most reports; a known weapon type beats "Attack"             two types other than "Attack"
date            most reports among the most precise dates; then earliest     two dates at that precision
place           most reports among the most specific places; then the most   two places at that precision
                recently published (later reports correct earlier ones)
fatalities,     best = the most recently published figure (updates grow);    two different figures
injuries        low / high = min / max
claimed_by      union, in order of first report                              disjoint claimants, or "claimed"
                                                                             vs "no group claimed"
attributed_to   union                                                        disjoint non-empty sets
weapons         union                                                        disjoint non-empty sets
target          most reports                                                 two different targets
vessel          a named ship before an unnamed one; then the name most       two different ship names
                reports give; then the most recently published; type and
                flag filled in from the reports naming the same ship
actors          union                                                        (never: it is a union of roles)
==============  ===========================================================  ==================================

An analyst's value for a field (``analyst_fields``) replaces the consensus and is marked
``origin="analyst"``; the machine's alternatives stay, so the disagreement is still visible.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from claimgraph.models import EDITABLE, EVENT_TYPE_OF
from claimgraph.reconcile.cluster import _GEO_RANK, _PRECISION_RANK, ReportView

# the fields consensus computes: those an analyst can set, and the ship an attack at sea hit (not edited yet)
FIELDS = (*EDITABLE, "vessel")


@dataclass(slots=True)
class FieldValue:
    field: str
    value: Any
    report_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    is_consensus: bool = False
    origin: str = "machine"

    @property
    def key(self) -> str:
        return json.dumps(self.value, sort_keys=True, ensure_ascii=False, default=str)


@dataclass(slots=True)
class Consensus:
    row: dict[str, Any]  # the events row (without id / review fields)
    values: list[FieldValue]
    conflicts: list[str]


def _group(reports: Sequence[ReportView], name: str, get: Callable[[ReportView], Any]) -> list[FieldValue]:
    """Distinct values of one field in report order (reports are sorted), with their sources."""
    out: dict[str, FieldValue] = {}
    for r in reports:
        value = get(r)
        if value is None or value == []:
            continue
        fv = FieldValue(name, value)
        fv = out.setdefault(fv.key, fv)
        fv.report_ids.append(r.id)
        if r.doc_id not in fv.doc_ids:
            fv.doc_ids.append(r.doc_id)
    return list(out.values())


def _place(r: ReportView) -> dict[str, Any] | None:
    if r.geo_precision is None and not r.place_name:
        return None
    return {
        "name": r.place_name,
        "place_id": r.place_id,
        "latitude": r.lat,
        "longitude": r.lon,
        "country": r.country,
        "admin1": r.admin1,
        "geo_precision": r.geo_precision,
    }


def _vessel(r: ReportView) -> dict[str, Any] | None:
    if r.vessel is None:
        return None
    name, kind, flag = r.vessel
    return {"name": name, "type": kind, "flag": flag}


def _ship(ships: list[FieldValue], published: dict[str, date]) -> FieldValue | None:
    """The ship most reports name (a named ship before an unnamed one; then the most recently reported),
    counting every report that names it, however fully; of its values, the one most reports give."""
    by_name: dict[str | None, list[FieldValue]] = {}
    for v in ships:
        by_name.setdefault(v.value.get("name"), []).append(v)
    if not by_name:
        return None

    def rank(name: str | None) -> tuple:
        ids = [i for v in by_name[name] for i in v.report_ids]
        return (name is None, -len(ids), -max(published.get(i, date.min) for i in ids).toordinal(), name or "")

    return _most(by_name[min(by_name, key=rank)], lambda v: 0, published)


def _fullest(chosen: FieldValue | None, ships: list[FieldValue]) -> dict[str, Any] | None:
    """The chosen ship, its type and flag filled in from the reports that name the same ship."""
    if chosen is None:
        return None
    out = dict(chosen.value)
    for v in ships:
        if v.value.get("name") == out.get("name"):
            for key in ("type", "flag"):
                out[key] = out.get(key) or v.value.get(key)
    return out


def _date(r: ReportView) -> dict[str, Any] | None:
    if r.date is None:
        return None
    return {"date": r.date.isoformat(), "precision": r.precision, "low": r.low.isoformat(), "high": r.high.isoformat()}


def _most(
    values: list[FieldValue], rank: Callable[[FieldValue], Any], latest: dict[str, date] | None = None
) -> FieldValue | None:
    """The best-ranked value given by the most reports; then the one a more recent source gives
    (later reports correct earlier ones); then a fixed order."""

    def recency(v: FieldValue) -> int:
        return -max((latest or {}).get(i, date.min) for i in v.report_ids).toordinal() if latest else 0

    return min(values, key=lambda v: (rank(v), -len(v.report_ids), recency(v), v.key)) if values else None


def _disjoint(values: list[FieldValue]) -> bool:
    sets = [set(v.value) for v in values]
    return any(not (a & b) for i, a in enumerate(sets) for b in sets[i + 1 :])


def _union(values: list[FieldValue]) -> list[str]:
    seen: list[str] = []
    for v in values:
        for item in v.value:
            if item not in seen:
                seen.append(item)
    return seen


def compute(reports: Sequence[ReportView], analyst: dict[str, Any] | None = None) -> Consensus:
    """The consensus row, every field's alternatives, and the conflicting fields."""
    reports = sorted(reports, key=lambda r: r.sort_key)
    analyst = analyst or {}
    values: dict[str, list[FieldValue]] = {
        "sub_event_type": _group(reports, "sub_event_type", lambda r: r.sub_event_type),
        "date": _group(reports, "date", _date),
        "place": _group(reports, "place", _place),
        "fatalities": _group(reports, "fatalities", lambda r: r.fatalities),
        "injuries": _group(reports, "injuries", lambda r: r.injuries),
        "claimed_by": _group(
            reports, "claimed_by", lambda r: list(r.claimed_by) or (["(unclaimed)"] if r.unclaimed else [])
        ),
        "attributed_to": _group(reports, "attributed_to", lambda r: list(r.attributed_to)),
        "weapons": _group(reports, "weapons", lambda r: sorted(r.weapons)),
        "target": _group(reports, "target", lambda r: r.target),
        "vessel": _group(reports, "vessel", _vessel),
        "actors": _group(reports, "actors", lambda r: list(r.actors)),
    }
    conflicts: list[str] = []
    chosen: dict[str, FieldValue | None] = {}

    published = {r.id: r.published or date.min for r in reports}
    types = values["sub_event_type"]
    chosen["sub_event_type"] = _most(types, lambda v: v.value == "Attack", published)
    if len([v for v in types if v.value != "Attack"]) > 1:
        conflicts.append("sub_event_type")

    for name, rank_of in (("date", _PRECISION_RANK), ("place", _GEO_RANK)):
        vals = values[name]
        precision_key = "precision" if name == "date" else "geo_precision"
        best_rank = min((rank_of.get(v.value[precision_key], 4) for v in vals), default=None)
        top = [v for v in vals if rank_of.get(v.value[precision_key], 4) == best_rank]
        by_day = name == "date"
        chosen[name] = _most(top, lambda v: v.value.get("date", "")) if by_day else _most(top, lambda v: 0, published)
        if len(top) > 1:
            conflicts.append(name)

    numbers: dict[str, tuple[int | None, int | None]] = {}
    for name in ("fatalities", "injuries"):
        vals = values[name]
        chosen[name] = max(vals, key=lambda v: (max(published[i] for i in v.report_ids), v.value)) if vals else None
        numbers[name] = (min(v.value for v in vals), max(v.value for v in vals)) if vals else (None, None)
        if len(vals) > 1:
            conflicts.append(name)

    claims = values["claimed_by"]
    for name in ("claimed_by", "attributed_to", "weapons"):
        if _disjoint(values[name]):
            conflicts.append(name)
    targets = values["target"]
    chosen["target"] = _most(targets, lambda v: 0, published)
    if len(targets) > 1:
        conflicts.append("target")
    ships = values["vessel"]
    chosen["vessel"] = _ship(ships, published)
    if len({v.value["name"] for v in ships if v.value.get("name")}) > 1:
        conflicts.append("vessel")

    row: dict[str, Any] = {}
    sub = chosen["sub_event_type"].value if chosen["sub_event_type"] else reports[0].sub_event_type
    d = chosen["date"].value if chosen["date"] else None
    p = chosen["place"].value if chosen["place"] else None
    row.update(
        sub_event_type=sub,
        date=date.fromisoformat(d["date"]) if d else None,
        date_precision=d["precision"] if d else None,
        date_low=date.fromisoformat(d["low"]) if d else None,
        date_high=date.fromisoformat(d["high"]) if d else None,
        place_name=p["name"] if p else None,
        place_id=p["place_id"] if p else None,
        latitude=p["latitude"] if p else None,
        longitude=p["longitude"] if p else None,
        country=p["country"] if p else None,
        admin1=p["admin1"] if p else None,
        geo_precision=p["geo_precision"] if p else None,
        weapons=sorted(_union(values["weapons"])),
        actors=_union(values["actors"]),
        claimed_by=[c for c in _union(claims) if c != "(unclaimed)"],
        attributed_to=_union(values["attributed_to"]),
        target=chosen["target"].value if chosen["target"] else None,
        vessel=_fullest(chosen["vessel"], values["vessel"]),
    )
    for name in ("fatalities", "injuries"):
        row[name] = chosen[name].value if chosen[name] else None
        row[f"{name}_low"], row[f"{name}_high"] = numbers[name]
    for fv in chosen.values():
        if fv is not None:
            fv.is_consensus = True

    flat = [v for name in FIELDS for v in values[name]]
    for name, value in sorted(analyst.items()):
        _apply_analyst(row, name, value)
        for v in flat:
            if v.field == name:
                v.is_consensus = False
        flat.append(FieldValue(name, value, is_consensus=True, origin="analyst"))
    row["event_type"] = EVENT_TYPE_OF.get(row["sub_event_type"], "Explosions/Remote violence")
    docs = {r.doc_id for r in reports}
    dates = [r.published for r in reports if r.published]
    row.update(
        n_reports=len(reports),
        n_sources=len(docs),
        conflicts=sorted(set(conflicts)),
        first_reported=min(dates) if dates else None,
        last_reported=max(dates) if dates else None,
    )
    return Consensus(row, flat, row["conflicts"])


def _apply_analyst(row: dict[str, Any], name: str, value: Any) -> None:
    if name == "date":
        d = value or {}
        row.update(
            date=date.fromisoformat(d["date"]) if d.get("date") else None,
            date_precision=d.get("precision"),
            date_low=date.fromisoformat(d["low"]) if d.get("low") else None,
            date_high=date.fromisoformat(d["high"]) if d.get("high") else None,
        )
    elif name == "place":
        p = value or {}
        row.update(
            place_name=p.get("name"),
            place_id=p.get("place_id"),
            latitude=p.get("latitude"),
            longitude=p.get("longitude"),
            country=p.get("country"),
            admin1=p.get("admin1"),
            geo_precision=p.get("geo_precision"),
        )
    elif name in ("fatalities", "injuries"):
        row[name] = value
        if value is not None:  # the range covers every figure, the analyst's included
            low, high = row[f"{name}_low"], row[f"{name}_high"]
            row[f"{name}_low"] = value if low is None else min(low, value)
            row[f"{name}_high"] = value if high is None else max(high, value)
    else:
        row[name] = value
