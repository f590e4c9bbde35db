"""Reconcile against the database as a bounded sweep: incremental runs resume and stop early,
and whatever the order of ingests and reviews, the result equals one full rebuild."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

import claimgraph
from claimgraph.reconcile import reconcile
from claimgraph.store import schema
from conftest import table_digests

SITES = [  # (place id, lat, lon, country, admin1)
    ("ain-al-asad", 33.8, 42.44, "IQ", "Anbar"),
    ("erbil-airport", 36.24, 43.96, "IQ", "Erbil"),
    ("harir", 36.55, 44.35, "IQ", "Erbil"),
    ("tanf", 33.5, 38.66, "SY", "Homs"),
    ("tower-22", 33.32, 38.69, "JO", "Mafraq"),
    ("conoco", 35.4, 40.27, "SY", "Deir ez-Zor"),
]
TYPES = [("Air/drone strike", ["drone"]), ("Shelling/artillery/missile attack", ["rocket"]), ("Attack", [])]


def _report(rng: random.Random, i: int, start: date, days: int) -> dict:
    place_id, lat, lon, country, admin1 = rng.choice(SITES)
    sub, weapons = rng.choice(TYPES)
    day = start + timedelta(days=rng.randrange(days))
    kind = rng.random()
    if kind < 0.08:
        precision, low = "month", day.replace(day=1)
        high = (low + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    elif kind < 0.16:
        precision, low = "week", day - timedelta(days=day.weekday())
        high = low + timedelta(days=6)
    elif kind < 0.19:
        precision, low, high = "year", date(day.year, 1, 1), date(day.year, 12, 31)
    elif kind < 0.21:
        precision, low, high, day = None, None, None, None
    else:
        precision, low, high = "day", day, day
    geo = rng.choice(["site", "site", "site", "province", "country"])
    return {
        "id": f"rep_{i:05}",
        "ordinal": 0,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": sub,
        "weapons": weapons,
        "date": day,
        "date_precision": precision,
        "date_low": low,
        "date_high": high,
        "place_name": place_id,
        "place_id": place_id if geo == "site" else None,
        "latitude": lat,
        "longitude": lon,
        "country": country,
        "admin1": admin1,
        "geo_precision": geo,
        "actors": rng.sample(["IRI", "KH", "HN"], rng.randrange(2)),
        "claimed_by": rng.choice([[], ["IRI"]]),
        "attributed_to": [],
        "unclaimed": False,
        "target": rng.choice([None, "US forces"]),
        "fatalities": rng.choice([None, 0, 1, 3]),
        "injuries": None,
        "casualty_qualifiers": [],
        "confirmed": True,
        "extractor_version": "test",
    }


def _corpus(seed: int, n: int, days: int = 150) -> list[tuple[dict, dict]]:
    """(document, report) rows: dense (several reports a day on six sites), one report per document
    except a few documents with two reports."""
    rng = random.Random(seed)
    start = date(2024, 1, 3)
    out = []
    for i in range(n):
        doc_no = i if rng.random() < 0.9 else max(0, i - 1)
        doc = {
            "id": f"doc_{doc_no:05}",
            "ext_id": f"d{doc_no}",
            "text": f"report {doc_no}",
            "content_hash": f"{doc_no:064}",
            "published": start + timedelta(days=rng.randrange(days)),
            "extractor_version": "test",
            "kb_version": "test",
        }
        report = _report(rng, i, start, days) | {"doc_id": doc["id"]}
        out.append((doc, report))
    return out


def _insert(url: str, rows: list[tuple[dict, dict]]) -> None:
    with claimgraph.open(url) as db, db.engine.begin() as conn:
        known = set(conn.execute(sa.select(schema.documents.c.id)).scalars())
        docs = {d["id"]: d for d, _ in rows if d["id"] not in known}
        if docs:
            conn.execute(schema.documents.insert(), list(docs.values()))
        conn.execute(schema.event_reports.insert(), [r for _, r in rows])


def _links(url: str) -> dict[str, str]:
    with claimgraph.open(url) as db, db.engine.connect() as conn:
        return dict(conn.execute(sa.select(schema.event_links.c.report_id, schema.event_links.c.event_id)).all())


def _reconcile(url: str, **kw):
    with claimgraph.open(url) as db, db.engine.begin() as conn:
        return reconcile(conn, **kw)


@pytest.mark.parametrize(("seed", "stretches"), [(11, True), (12, True), (13, False)])
def test_sweep_incremental_batches_in_random_order_equal_a_full_rebuild(db_url, seed, stretches, monkeypatch):
    """``stretches``: always resume and converge, even where sweeping everything would be cheaper."""
    if stretches:
        monkeypatch.setattr("claimgraph.reconcile._cheaper_in_full", lambda conn, regions: False)
    rows = _corpus(seed, 700)
    rng = random.Random(seed)
    order = rows[:]
    rng.shuffle(order)
    cuts = sorted(rng.sample(range(1, len(order)), 6))
    for lo, hi in zip([0, *cuts], [*cuts, len(order)], strict=True):
        batch = sorted(order[lo:hi], key=lambda dr: dr[1]["id"])
        _insert(db_url, batch)
        _reconcile(db_url)
    incremental = table_digests(db_url)
    links = _links(db_url)
    assert len(links) == len(rows)  # every report in exactly one event
    assert len(set(links.values())) < len(rows) * 0.8  # and the corpus is dense enough to merge a lot
    result = _reconcile(db_url, full=True)
    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert table_digests(db_url) == incremental


def test_sweep_reviews_between_ingests_equal_a_full_rebuild(db_url):
    rows = _corpus(21, 500)
    _insert(db_url, rows[:300])
    _reconcile(db_url)
    with claimgraph.open(db_url) as db:
        events = db.events()
        multi = events[events.reports_count > 1].claimgraph_event_id.tolist()
        first, far = events.claimgraph_event_id.iloc[0], events.claimgraph_event_id.iloc[-1]
        db.merge(first, [far], "ana")  # weeks apart: pinned together
        event = db.event(multi[1])
        db.split(multi[1], [event["reports"][0]["id"]], "ana")
        db.reject(multi[2], "ana")
    _insert(db_url, rows[300:])
    _reconcile(db_url)
    incremental = table_digests(db_url)
    assert len(_links(db_url)) == len(rows)
    result = _reconcile(db_url, full=True)
    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert table_digests(db_url) == incremental


def test_sweep_one_new_report_recomputes_a_few_weeks_not_the_corpus(db_url):
    rows = _corpus(31, 1500, days=600)
    late = [dr for dr in rows if dr[1]["date_low"] and dr[1]["date_low"] >= date(2024, 6, 1)]
    new = late[0]
    _insert(db_url, [dr for dr in rows if dr is not new])
    full = _reconcile(db_url)
    _insert(db_url, [new])
    one = _reconcile(db_url)
    # resumed near the new report, stopped once it met the stored events again (an event stays open
    # until the month reports that could join it are placed: up to ~6 weeks)
    assert one.weeks <= 10 and full.weeks > 80
    assert one.reports < full.reports / 5
    incremental = table_digests(db_url)
    result = _reconcile(db_url, full=True)
    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert table_digests(db_url) == incremental


def test_sweep_counts_created_updated_removed_against_the_stored_events(db_url):
    rows = _corpus(41, 200)
    _insert(db_url, rows[:150])
    first = _reconcile(db_url)
    assert first.created == len(set(_links(db_url).values())) and first.updated == first.removed == 0
    _insert(db_url, rows[150:])
    second = _reconcile(db_url)
    n_events = len(set(_links(db_url).values()))
    assert n_events == first.created + second.created - second.removed
    assert second.created + second.updated > 0


def test_sweep_new_reports_months_apart_sweep_two_short_stretches(db_url):
    """A day's news also reports attacks of months ago: the weeks between are not swept again."""
    rows = _corpus(51, 1500, days=600)
    dated = [dr for dr in rows if dr[1]["date_precision"] == "day"]
    early = next(dr for dr in dated if dr[1]["date_low"] < date(2024, 3, 1))
    late = next(dr for dr in dated if dr[1]["date_low"] > date(2025, 3, 1))
    _insert(db_url, [dr for dr in rows if dr is not early and dr is not late])
    full = _reconcile(db_url)
    _insert(db_url, [early, late])
    two = _reconcile(db_url)
    assert two.weeks <= 20 and full.weeks > 80
    incremental = table_digests(db_url)
    result = _reconcile(db_url, full=True)
    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert table_digests(db_url) == incremental


def test_sweep_a_report_that_joins_a_pinned_event_is_linked_by_the_machine(db_url):
    """An analyst's pins are the analyst's; a new report joining that event is the machine's doing."""
    rows = _corpus(61, 200)
    _insert(db_url, rows)
    _reconcile(db_url)
    first = next(r["id"] for _, r in rows if r["date_precision"] == "day" and r["geo_precision"] == "site")
    event_id = _links(db_url)[first]
    with claimgraph.open(db_url) as db:
        db.confirm(event_id, "ana")  # pins the event's reports
    doc, report = next(dr for dr in rows if dr[1]["id"] == first)
    twin = (
        {**doc, "id": "doc_twin", "ext_id": "twin", "content_hash": "f" * 64},
        {**report, "id": "rep_twin", "doc_id": "doc_twin"},
    )
    _insert(db_url, [twin])  # another outlet's report of the same attack
    _reconcile(db_url)
    links = _links(db_url)
    assert links["rep_twin"] == event_id
    with claimgraph.open(db_url) as db, db.engine.connect() as conn:
        pinned = set(conn.execute(sa.select(schema.analyst_links.c.report_id)).scalars())
        origins = dict(conn.execute(sa.select(schema.event_links.c.report_id, schema.event_links.c.origin)).all())
    assert first in pinned and all(origins[r] == "analyst" for r in pinned)
    assert origins["rep_twin"] == "machine"
