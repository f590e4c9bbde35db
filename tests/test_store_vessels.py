"""The ship an attack at sea hit: stored on reports (migration 0011), reconciled into the event with its
conflicts, shown on the event page and carried by the CSV, GeoJSON and STIX exports (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json

import pytest
import sqlalchemy as sa

import claimgraph
from claimgraph.store import schema
from claimgraph.store.filters import EventFilter
from claimgraph.store.migrations import MIGRATIONS

WIRE_A = {
    "id": "sea-a",
    "published": "2024-05-12",
    "lang": "en",
    "outlet": "Sea Wire A",
    "text": (
        "The Liberian-flagged bulk carrier Coral Tern was struck by a Houthi anti-ship missile on Saturday "
        "about 40 nautical miles southwest of Aden, the British maritime agency said."
    ),
}
WIRE_B = {
    "id": "sea-b",
    "published": "2024-05-13",
    "lang": "en",
    "outlet": "Sea Wire B",
    "text": (
        "The bulk carrier Coral Tern was hit by a missile on Saturday about 40 nautical miles southwest of Aden, "
        "a security firm said. The Houthis claimed the attack."
    ),
}
WIRE_C = {
    "id": "sea-c",
    "published": "2024-05-14",
    "lang": "en",
    "outlet": "Sea Wire C",
    "text": (
        "The tanker Grey Petrel was hit by a missile on Saturday about 40 nautical miles southwest of Aden, "
        "a maritime security company said."
    ),
}


@pytest.fixture
def store(db_url, tmp_docs, shared_extractor):
    for record in (WIRE_A, WIRE_B):
        tmp_docs.json(f"{record['id']}.json", record)
    with claimgraph.open(db_url) as db:
        db.ingest([tmp_docs.root])
        yield db


def _sea_event(store) -> dict:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(schema.events).where(schema.events.c.vessel.is_not(None))).mappings().all()
    assert len(rows) == 1
    return dict(rows[0])


def export(store, fmt, **kw):
    from claimgraph.export import WRITERS

    out = io.StringIO()
    with store.engine.connect() as conn:
        WRITERS[fmt](conn, EventFilter(), out, **kw)
    return out.getvalue()


def test_store_vessels_migration_0011_is_recorded_after_0009():
    names = [name for name, _ in MIGRATIONS]
    assert names.index("0011_vessels") > names.index("0009_developments")


def test_store_vessels_migration_adds_the_columns_to_an_older_database(db_url):
    from claimgraph.store.engine import connect
    from claimgraph.store.migrations import migrate

    engine = connect(db_url)  # migrated to the latest
    try:
        with engine.begin() as conn:  # a database made before 0011: no vessel columns, 0011 not recorded
            for table in ("event_reports", "events"):
                conn.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN vessel"))
            conn.execute(schema.schema_migrations.delete().where(schema.schema_migrations.c.name == "0011_vessels"))
        assert migrate(engine) == ["0011_vessels"]
        with engine.connect() as conn:
            for table in ("event_reports", "events"):
                assert "vessel" in {c["name"] for c in sa.inspect(conn).get_columns(table)}
        assert migrate(engine) == []
    finally:
        engine.dispose()


def test_store_vessels_two_reports_of_one_ship_are_one_event_with_its_fullest_name(store):
    with store.engine.connect() as conn:
        stored = conn.execute(
            sa.select(schema.event_reports.c.vessel).where(schema.event_reports.c.vessel.is_not(None))
        )
        ships = [v for (v,) in stored]
    assert len(ships) == 2 and {s["name"] for s in ships} == {"Coral Tern"}
    event = _sea_event(store)
    assert event["vessel"]["name"] == "Coral Tern" and event["vessel"]["type"] == "bulk carrier"
    assert event["n_sources"] == 2 and "vessel" not in event["conflicts"]
    with store.engine.connect() as conn:
        evidence = conn.execute(sa.select(schema.evidence.c.text).where(schema.evidence.c.field == "vessel")).all()
    assert {t for (t,) in evidence} == {"Coral Tern"}  # every value traceable to its words


def test_store_vessels_two_ship_names_for_one_attack_are_a_conflict(store, tmp_docs):
    tmp_docs.json("sea-c.json", WIRE_C)  # a third source names another ship at the same place and day
    store.ingest([tmp_docs.root])
    event = _sea_event(store)
    assert event["n_sources"] == 3 and "vessel" in event["conflicts"]
    # the ship two sources name wins, with the flag only one of them gives
    assert event["vessel"] == {"name": "Coral Tern", "type": "bulk carrier", "flag": "Liberian"}
    detail = store.event(event["id"])
    assert {v["value"]["name"] for v in detail["conflicts"]["vessel"]} == {"Coral Tern", "Grey Petrel"}


def test_store_vessels_exports_carry_the_ship(store):
    table = list(csv.DictReader(io.StringIO(export(store, "csv"))))
    (row,) = [r for r in table if r["vessel_name"]]
    assert (row["vessel_name"], row["vessel_type"], row["vessel_flag"]) == ("Coral Tern", "bulk carrier", "Liberian")
    assert "Ship hit: Liberian-flagged bulk carrier Coral Tern." in row["notes"]
    features = json.loads(export(store, "geojson"))["features"]
    (ship,) = [f for f in features if f["properties"].get("vessel_name")]
    assert ship["properties"]["vessel_type"] == "bulk carrier" and ship["geometry"]["type"] == "Point"
    assert ship["properties"]["claimgraph_geo_precision"] == "offset"
    bundle = json.loads(export(store, "stix"))
    incidents = [o for o in bundle["objects"] if o["type"] == "incident"]
    props = [next(iter(o["extensions"].values())) for o in incidents]
    assert [p["vessel"] for p in props if "vessel" in p] == [
        {"name": "Coral Tern", "type": "bulk carrier", "flag": "Liberian"}
    ]
    from stix2validator import ValidationOptions, validate_string

    assert validate_string(json.dumps(bundle), ValidationOptions(version="2.1")).is_valid


def test_store_vessels_event_page_and_map_show_the_ship(store, db_url):
    from fastapi.testclient import TestClient

    from claimgraph.web.app import Settings, create_app

    event = _sea_event(store)
    app = create_app(db_url, Settings())
    try:
        client = TestClient(app, base_url="https://testserver")
        page = client.get(f"/events/{event['id']}", headers={"accept": "text/html"}).text
        assert "Vessel" in page and "Coral Tern" in page and "bulk carrier" in page
        features = client.get("/api/events.geojson").json()["features"]
        assert [f["properties"]["vessel_name"] for f in features if f["properties"]["vessel_name"]] == ["Coral Tern"]
    finally:
        app.state.engine.dispose()


def test_store_vessels_the_marlin_luanda_of_issue_16_is_stored_with_its_ship(tmp_path, shared_extractor):
    from pathlib import Path

    fixtures = Path(__file__).parent / "fronts"
    with claimgraph.open(f"sqlite:///{tmp_path / 'fronts.db'}") as db:
        db.ingest([fixtures])
        rows = db.events().to_dict("records")
    (ship,) = [r for r in rows if isinstance(r["vessel_name"], str)]
    assert ship["vessel_name"] == "Marlin Luanda" and ship["vessel_type"] == "tanker"
    assert "nautical miles" in ship["location"] and ship["actor2"] == "civilians"
