"""Property tests of the review actions (Hypothesis), on SQLite and PostgreSQL.

Random small stores (a few documents near Tower 22, al-Tanf, Rukban and Ain al-Asad over two
weeks, with day, week and month dates, some undated) and random sequences of split, merge,
reject, edit, confirm, reopen and undo. After every action:

- no report is lost or duplicated: each is in exactly one event, and events count them right;
- no event outside the ones the action names changes (row, reports and field values);
- ``reconcile --full`` changes nothing (every decision is kept by a rebuild);
- an undo of the last live action puts every table back as it was (but the growing audit log and
  the redirect of an id the undo retired).

At the end new reports arrive ("re-ingest") and every decision still holds. Examples are few and
derandomized, so the run is short and the same every time; a failure prints its draws unshrunk
(each example builds a database, and shrinking took minutes).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import claimgraph
from claimgraph.errors import UsageError
from claimgraph.pipeline.journal import event_values
from claimgraph.reconcile import reconcile
from claimgraph.store import schema

PLACES = {  # name: (place_id, latitude, longitude, country, geo_precision)
    "Tower 22": ("tower-22", 33.32, 38.69, "JO", "site"),
    "Al-Tanf Garrison": ("al-tanf", 33.49, 38.62, "SY", "site"),
    "Rukban": ("rukban", 33.30, 38.75, "SY", "site"),
    "Ain al-Asad Air Base": ("ain-al-asad", 33.80, 42.44, "IQ", "site"),
    "Iraq": ("iraq", 33.0, 44.0, "IQ", "country"),
    None: (None, None, None, None, None),
}
TYPES = ("Air/drone strike", "Attack", "Shelling/artillery/missile attack", "Strategic developments")
START = date(2024, 1, 22)
EXAMPLES = {"sqlite": 30, "postgresql": 12}
# search longer, with fresh random draws: CLAIMGRAPH_REVIEW_EXAMPLES=500 pytest tests/test_store_review_properties.py
LONGER = int(os.environ.get("CLAIMGRAPH_REVIEW_EXAMPLES", "0"))
SKIP_DIGEST = ("review_actions", "event_redirects")


@dataclass(frozen=True)
class Spec:
    doc: int
    day: int  # days after START
    precision: str | None  # day | week | month | None (undated)
    place: str | None
    type: str
    weapon: str | None
    fatalities: int | None


specs = st.builds(
    Spec,
    doc=st.integers(0, 5),
    day=st.integers(0, 12),
    precision=st.sampled_from(["day", "day", "day", "day", "week", "month", None]),
    place=st.sampled_from(list(PLACES)),
    type=st.sampled_from(TYPES),
    weapon=st.sampled_from([None, "drone", "rocket", "aircraft"]),
    fatalities=st.one_of(st.none(), st.integers(0, 5)),
)
stores = st.lists(specs, min_size=2, max_size=11)


def _interval(spec: Spec) -> tuple[date | None, date | None, date | None]:
    day = START + timedelta(days=spec.day)
    if spec.precision is None:
        return None, None, None
    if spec.precision == "week":
        low = day - timedelta(days=day.weekday())
        return low, low, low + timedelta(days=6)
    if spec.precision == "month":
        low = day.replace(day=1)
        return low, low, (low + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return day, day, day


def insert(conn, reports: list[Spec], batch: str) -> None:
    """Documents and event reports as an ingest writes them (without the extractor)."""
    docs = sorted({s.doc for s in reports})
    conn.execute(
        schema.documents.insert(),
        [
            {
                "id": f"doc_{batch}{d}",
                "ext_id": f"{batch}{d}",
                "title": "",
                "text": f"document {batch}{d}",
                "content_hash": f"{batch}{d}",
                "published": START + timedelta(days=14 + d),
                "lang": "en",
                "extractor_version": "test",
                "kb_version": "test",
                "n_events": 0,
                "notes": [],
            }
            for d in docs
        ],
    )
    rows = []
    for i, s in enumerate(reports):
        on, low, high = _interval(s)
        place_id, lat, lon, country, geo = PLACES[s.place]
        rows.append(
            {
                "id": f"rep_{batch}{i:02d}",
                "doc_id": f"doc_{batch}{s.doc}",
                "ordinal": i,
                "event_type": "Explosions/Remote violence",
                "sub_event_type": s.type,
                "weapons": [s.weapon] if s.weapon else [],
                "date": on,
                "date_precision": s.precision,
                "date_low": low,
                "date_high": high,
                "place_name": s.place,
                "place_id": place_id,
                "latitude": lat,
                "longitude": lon,
                "country": country,
                "geo_precision": geo,
                "actors": [],
                "claimed_by": [],
                "attributed_to": [],
                "unclaimed": False,
                "fatalities": s.fatalities,
                "casualty_qualifiers": [],
                "confirmed": False,
                "extractor_version": "test",
            }
        )
    conn.execute(schema.event_reports.insert(), rows)


@contextmanager
def fresh_store(db_url: str, n: int):
    """A new, empty database per example: a new SQLite file, or the test's PostgreSQL schema emptied."""
    if "://" not in db_url:
        url = f"{db_url}.{n}"
    else:
        url = db_url
        name = re.search(r"csearch_path%3D(\w+)", db_url).group(1)
        from claimgraph.store.engine import database_url

        admin = sa.create_engine(database_url(os.environ["CLAIMGRAPH_TEST_PG_URL"]))
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
            conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
        admin.dispose()
    db = claimgraph.open(url)
    try:
        yield db
    finally:
        db.close()


def digests(conn) -> dict[str, str]:
    out = {}
    for t in schema.CONTENT_TABLES:
        if t.name in SKIP_DIGEST:
            continue
        rows = conn.execute(sa.select(t).order_by(*(t.primary_key.columns or t.columns))).all()
        text = "\n".join(json.dumps([str(v) for v in row]) for row in rows)
        out[t.name] = hashlib.sha256(text.encode()).hexdigest()
    return out


def snapshot(conn) -> dict[str, Any]:
    """Each event: its row, its reports and its field values (link origin aside)."""
    links, fields = schema.event_links, schema.event_fields
    members: dict[str, list[str]] = {}
    for report_id, event_id in conn.execute(sa.select(links.c.report_id, links.c.event_id)):
        members.setdefault(event_id, []).append(report_id)
    values: dict[str, list[str]] = {}
    for row in conn.execute(sa.select(fields).order_by(fields.c.field, fields.c.value_key, fields.c.origin)).mappings():
        values.setdefault(row["event_id"], []).append(json.dumps(dict(row), sort_keys=True, default=str))
    return {
        row["id"]: (
            json.dumps(dict(row), sort_keys=True, default=str),
            sorted(members.get(row["id"], [])),
            values.get(row["id"]),
        )
        for row in conn.execute(sa.select(schema.events)).mappings()
    }


def check_reports(conn) -> None:
    """Every report in exactly one event, and every event counts its reports right."""
    n_reports = conn.execute(sa.select(sa.func.count()).select_from(schema.event_reports)).scalar()
    links = conn.execute(sa.select(schema.event_links.c.report_id, schema.event_links.c.event_id)).all()
    assert len(links) == n_reports == len({r for r, _ in links})
    counted = dict(conn.execute(sa.select(schema.events.c.id, schema.events.c.n_reports)).all())
    per_event: dict[str, int] = {}
    for _, event_id in links:
        per_event[event_id] = per_event.get(event_id, 0) + 1
    assert counted == per_event


def check_decisions(conn) -> None:
    """Pins, exclusions, statuses and analyst values all hold in the canonical tables."""
    where = dict(conn.execute(sa.select(schema.event_links.c.report_id, schema.event_links.c.event_id)).all())
    for report_id, event_id in conn.execute(
        sa.select(schema.analyst_links.c.report_id, schema.analyst_links.c.event_id)
    ):
        assert where[report_id] == event_id
    for report_id, event_id in conn.execute(
        sa.select(schema.analyst_exclusions.c.report_id, schema.analyst_exclusions.c.event_id)
    ):
        assert where[report_id] != event_id
    events = {row["id"]: row for row in conn.execute(sa.select(schema.events)).mappings()}
    status = dict(conn.execute(sa.select(schema.analyst_status.c.event_id, schema.analyst_status.c.status)).all())
    for event_id, row in events.items():
        assert row["review_status"] == status.get(event_id, "unreviewed")
    for event_id, name, value in conn.execute(
        sa.select(schema.analyst_fields.c.event_id, schema.analyst_fields.c.field, schema.analyst_fields.c.value)
    ):
        if event_id in events:
            assert json.dumps(event_values(events[event_id])[name], sort_keys=True) == json.dumps(value, sort_keys=True)


def act(db, data, kind: str, events: dict[str, list[str]]) -> int | None:
    """Perform one drawn action; None when there is nothing it can act on."""
    ids = sorted(events)
    pick = lambda xs: data.draw(st.sampled_from(xs))  # noqa: E731
    if kind == "split":
        several = [e for e in ids if len(events[e]) > 1]
        if not several:
            return None
        event_id = pick(several)
        reports = events[event_id]
        chosen = data.draw(st.lists(st.sampled_from(reports), min_size=1, max_size=len(reports) - 1, unique=True))
        return db.split(event_id, chosen, "prop")[0]
    if kind == "merge":
        if len(ids) < 2:
            return None
        first = pick(ids)
        other = pick([e for e in ids if e != first])
        choose = data.draw(st.sampled_from([None, {"date": other}, {"fatalities": "machine"}]))
        return db.merge(first, [other], "prop", choose=choose)
    event_id = pick(ids)
    if kind == "edit":
        name, value = data.draw(
            st.sampled_from(
                [
                    ("fatalities", data.draw(st.integers(0, 100_000))),
                    ("injuries", None),
                    ("date", (START + timedelta(days=data.draw(st.integers(0, 20)))).isoformat()),
                    ("sub_event_type", "Attack"),
                ]
            )
        )
        return db.edit(event_id, name, value, "prop")
    if kind == "undo":
        return db.undo(event_id, "prop")
    return getattr(db, kind)(event_id, "prop")


def _audit(conn, action_id: int) -> dict[str, Any]:
    return conn.execute(
        sa.select(schema.review_actions.c.detail).where(schema.review_actions.c.id == action_id)
    ).scalar()


KINDS = ("split", "split", "merge", "merge", "reject", "edit", "confirm", "reopen", "undo", "undo")


def run_example(db, data) -> None:
    with db.engine.begin() as conn:
        insert(conn, data.draw(stores, label="store"), "a")
        reconcile(conn, full=True)
    live: list[tuple[int, dict[str, str]]] = []  # live actions, with the tables before each
    for _ in range(data.draw(st.integers(1, 6), label="actions")):
        with db.engine.connect() as conn:
            before, tables = snapshot(conn), digests(conn)
        events = {e: members for e, (_, members, _) in before.items()}
        kind = data.draw(st.sampled_from(KINDS), label="kind")
        try:
            action = act(db, data, kind, events)
        except UsageError:  # e.g. nothing to undo, or a later action to undo first: nothing changed
            with db.engine.connect() as conn:
                assert digests(conn) == tables
            continue
        if action is None:
            continue
        with db.engine.connect() as conn:
            detail, after = _audit(conn, action), snapshot(conn)
            check_reports(conn)
            check_decisions(conn)
        named = set(detail["events"])
        for event_id, state in before.items():
            if event_id not in named:
                assert after.get(event_id) == state, (kind, event_id, detail)
        assert set(after) - set(before) <= named, (kind, detail)  # no event outside appears
        if kind == "undo":
            undone = detail["undoes"]
            if live and live[-1][0] == undone:  # every later action is undone: the tables are as before it
                with db.engine.connect() as conn:
                    assert digests(conn) == live[-1][1]
            live = [(a, t) for a, t in live if a != undone]
        else:
            live.append((action, tables))
        db.reconcile(full=True)  # a rebuild keeps every decision: it changes nothing
        with db.engine.connect() as conn:
            assert snapshot(conn) == after
    with db.engine.begin() as conn:  # re-ingest: new reports arrive; every decision still holds
        insert(conn, data.draw(stores, label="new reports"), "b")
        reconcile(conn)
        check_reports(conn)
        check_decisions(conn)
        incremental = snapshot(conn)
    db.reconcile(full=True)
    with db.engine.connect() as conn:
        assert snapshot(conn) == incremental


def test_review_actions_change_only_what_they_name_and_keep_every_report(db_url):
    backend = "postgresql" if "://" in db_url else "sqlite"
    counter = iter(range(10_000))

    @given(data=st.data())
    @settings(
        max_examples=LONGER or EXAMPLES[backend],
        deadline=None,
        derandomize=not LONGER,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=(Phase.explicit, Phase.reuse, Phase.generate),  # each example builds a database: no shrinking
    )
    def check(data) -> None:
        with fresh_store(db_url, next(counter)) as db:
            run_example(db, data)

    check()


def test_review_property_store_builder_makes_events(db_url):
    """The generator's stores are what the property test needs: reports clustered into events."""
    reports = [
        Spec(0, 6, "day", "Tower 22", TYPES[0], "drone", 3),
        Spec(1, 6, "day", "Al-Tanf Garrison", TYPES[0], None, 3),
    ]
    reports.append(Spec(1, 7, "month", None, TYPES[1], None, None))
    with fresh_store(db_url, 100) as db, db.engine.begin() as conn:
        insert(conn, reports, "a")
        reconcile(conn, full=True)
        check_reports(conn)
        assert sorted(len(m) for _, m, _ in snapshot(conn).values()) == [1, 2]


def test_review_merge_holds_an_event_outside_that_would_change_otherwise(db_url):
    """A January report at Tower 22 fits two events (a strike at Tower 22 on the 26th and one at al-Tanf
    on the 28th), so it stands alone. Merging an aircraft strike into the al-Tanf event makes that
    event no longer fit it, and the machine would then put it with the Tower 22 strike: two events
    the merge does not name would change. The merge holds them as they were, and says so."""
    strike = "Air/drone strike"
    reports = [
        Spec(1, 4, "day", "Tower 22", strike, None, None),
        Spec(2, 6, "day", "Al-Tanf Garrison", strike, "drone", None),
        Spec(3, 0, "month", "Tower 22", "Attack", "drone", None),
        Spec(4, 4, "day", "Ain al-Asad Air Base", strike, "aircraft", None),
    ]
    with fresh_store(db_url, 200) as db:
        with db.engine.begin() as conn:
            insert(conn, reports, "a")
            reconcile(conn, full=True)
            before = snapshot(conn)
        where = {r: e for e, (_, members, _) in before.items() for r in members}
        tanf, aircraft = where["rep_a01"], where["rep_a03"]
        db.merge(tanf, [aircraft], "carol")
        with db.engine.connect() as conn:
            after = snapshot(conn)
            detail = _audit(conn, 1)
        assert sorted(detail["held"]) == sorted([where["rep_a00"], where["rep_a02"]])
        for event_id in detail["held"]:
            assert after[event_id] == before[event_id]  # row, reports and values as they were
        db.reconcile(full=True)
        with db.engine.connect() as conn:
            assert snapshot(conn) == after
        db.undo(tanf, "carol")
        with db.engine.connect() as conn:
            assert snapshot(conn) == before
