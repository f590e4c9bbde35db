"""Developments stored, reconciled across sources, reviewed, exported and served (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json

import pytest
import sqlalchemy as sa

import claimgraph
from claimgraph.store import schema
from claimgraph.store.developments import developments, set_status
from claimgraph.store.filters import EventFilter
from claimgraph.store.migrations import MIGRATIONS

WIRE_A = {
    "id": "wire-a",
    "published": "2024-01-31",
    "lang": "en",
    "outlet": "Wire A",
    "text": (
        "BAGHDAD - Kataib Hezbollah announced on Tuesday the suspension of its military operations against "
        "US forces, two days after a drone killed three US soldiers in Jordan.\n\n"
        "On 30 October 2023 Harakat Hezbollah al-Nujaba announced its affiliation to the Islamic Resistance "
        "in Iraq."
    ),
}
WIRE_B = {
    "id": "wire-b",
    "published": "2024-02-01",
    "lang": "en",
    "outlet": "Wire B",
    "text": (
        "Kataib Hezbollah said in a statement on 29 January 2024 that it was suspending its attacks on "
        "American troops, to spare the Iraqi government embarrassment."
    ),
}
WIRE_C = {
    "id": "wire-c",
    "published": "2024-02-10",
    "lang": "en",
    "outlet": "Wire C",
    "text": "Kataib Sayyid al-Shuhada announced a truce with the coalition in Baghdad on 8 February 2024.",
}


@pytest.fixture
def store(db_url, tmp_docs, shared_extractor):
    for record in (WIRE_A, WIRE_B, WIRE_C):
        tmp_docs.json(f"{record['id']}.json", record)
    with claimgraph.open(db_url) as db:
        db.ingest([tmp_docs.root])
        yield db


def rows(store, **kw):
    with store.engine.connect() as conn:
        return developments(conn, **kw)


def test_store_developments_migration_0009_is_recorded():
    assert "0009_developments" in [name for name, _ in MIGRATIONS]


def test_store_developments_one_announcement_from_two_sources_is_one_development_with_its_conflict(store):
    [suspension] = rows(store, kind="suspension")
    assert suspension["actor"] == "Kataib Hezbollah"
    assert suspension["n_sources"] == 2
    assert {r["outlet"] for r in suspension["reports"]} == {"Wire A", "Wire B"}
    # Wire A says Tuesday (30 January), Wire B 29 January: both kept, side by side
    dates = {c["value"] for c in suspension["conflicts"]["date"]}
    assert dates == {"2024-01-29", "2024-01-30"}
    assert all(r["evidence"] for r in suspension["reports"])


def test_store_developments_never_become_events(store):
    with store.engine.connect() as conn:
        types = set(conn.execute(sa.select(schema.events.c.sub_event_type)).scalars())
    assert "Strategic developments" not in types
    assert store.events(actor="Kataib Sayyid al-Shuhada").empty


def test_store_developments_ingest_again_changes_nothing(store, tmp_docs):
    before = rows(store)
    store.ingest([tmp_docs.root])
    assert rows(store) == before


def test_store_developments_analyst_decision_survives_reconcile(store):
    [truce] = rows(store, kind="truce")
    with store.engine.begin() as conn:
        set_status(conn, truce["id"], "rejected", "alice", note="Gaza truce, not this group's")
    store.reconcile(full=True)
    assert rows(store, kind="truce") == []
    [kept] = rows(store, kind="truce", include_rejected=True)
    assert kept["status"] == "rejected"
    with store.engine.connect() as conn:
        log = conn.execute(sa.select(schema.review_actions).where(schema.review_actions.c.event_id == truce["id"]))
        assert [r.action for r in log] == ["reject"]


def test_store_developments_review_from_the_cli_confirm_reject_reopen_in_the_log(store, db_url, cli_runner):
    from claimgraph.cli.app import app, main

    [suspension] = rows(store, kind="suspension")
    args = ["--db", db_url, "--user", "bob"]
    listed = cli_runner.invoke(app, ["review", "development", "list", "--db", db_url, "--actor", "KH"])
    assert listed.exit_code == 0, listed.output
    assert suspension["id"] in listed.stdout and "unreviewed" in listed.stdout
    for action in ("confirm", "reject"):
        done = cli_runner.invoke(app, ["review", "development", action, suspension["id"], *args, "--note", "seen"])
        assert done.exit_code == 0, done.output
    assert rows(store, kind="suspension") == []  # rejected: out of the lists
    assert cli_runner.invoke(app, ["review", "development", "reopen", suspension["id"], *args]).exit_code == 0
    [back] = rows(store, kind="suspension")
    assert back["status"] == "unreviewed"
    with store.engine.connect() as conn:
        log = conn.execute(
            sa.select(schema.review_actions).where(schema.review_actions.c.event_id == suspension["id"])
        ).all()
    assert [(r.action, r.user, r.old_value, r.new_value) for r in log] == [
        ("confirm", "bob", "unreviewed", "confirmed"),
        ("reject", "bob", "confirmed", "rejected"),
        ("reopen", "bob", "rejected", "unreviewed"),
    ]
    assert main(["review", "development", "confirm", "dev_nosuchthing", "--db", db_url]) == 2


def test_store_developments_affiliation_announced_dates_the_membership_edge(store):
    with store.engine.connect() as conn:
        edge = (
            conn.execute(
                sa.select(schema.actor_edges).where(
                    schema.actor_edges.c.subject == "harakat-hezbollah-al-nujaba",
                    schema.actor_edges.c.object == "islamic-resistance-in-iraq",
                )
            )
            .mappings()
            .one()
        )
    assert str(edge["announced_start"]) == "2023-10-30"
    assert "wire-a" in json.dumps(edge["doc_ids"]) or edge["evidence_count"] >= 1


def export(store, fmt, **kw):
    from claimgraph.export import WRITERS

    out = io.StringIO()
    with store.engine.connect() as conn:
        WRITERS[fmt](conn, EventFilter(), out, **kw)
    return out.getvalue()


def test_store_developments_acled_csv_has_them_only_when_asked(store):
    assert "Strategic developments" not in export(store, "csv")
    table = list(csv.DictReader(io.StringIO(export(store, "csv", include_developments=True))))
    strategic = [r for r in table if r["event_type"] == "Strategic developments"]
    assert {r["sub_event_type"] for r in strategic} >= {"Agreement", "Change to group/activity"}
    assert {r["actor1"] for r in strategic} >= {"Kataib Hezbollah", "Kataib Sayyid al-Shuhada"}


def test_store_developments_stix_reports_name_the_actor_and_validate(store):
    from stix2validator import ValidationOptions, validate_string

    text = export(store, "stix")
    result = validate_string(text, ValidationOptions(version="2.1"))
    assert result.is_valid
    bundle = json.loads(text)
    ids = {o["id"]: o for o in bundle["objects"]}
    reports = [o for o in bundle["objects"] if "strategic-development" in o.get("labels", [])]
    names = {ids[ref]["name"] for r in reports for ref in r["object_refs"]}
    assert {"Kataib Hezbollah", "Harakat Hezbollah al-Nujaba", "Islamic Resistance in Iraq"} <= names


def test_store_developments_geojson_has_the_placed_ones_and_jsonl_all(store):
    features = json.loads(export(store, "geojson"))["features"]
    placed = [f for f in features if f["properties"].get("record") == "development"]
    assert [f["properties"]["kind"] for f in placed] == ["truce"]  # "in Baghdad": the only one placed
    lines = [json.loads(x) for x in export(store, "jsonl").splitlines()]
    assert {x["development"]["kind"] for x in lines if "development" in x} == {"suspension", "affiliation", "truce"}


def test_store_developments_api_timeline_and_actor_page(store, db_url):
    from fastapi.testclient import TestClient

    from claimgraph.web.app import Settings, create_app

    app = create_app(db_url, Settings())
    try:
        client = TestClient(app, base_url="https://testserver")
        listed = client.get("/api/developments", params={"actor": "KH"}).json()
        assert [d["kind"] for d in listed] == ["suspension"]
        timeline = client.get("/api/timeline", params={"actor": "Kataib Hezbollah"}).json()
        assert [(d["kind"], d["actor"]) for d in timeline["developments"]] == [("suspension", "Kataib Hezbollah")]
        page = client.get("/actors/harakat-hezbollah-al-nujaba").text
        assert "Announcements (1)" in page and "affiliation" in page and "Wire A" in page
        # the relations table: the membership's announced start, in its own column
        _, _, body = page.partition('<th scope="col">Announced start</th>')
        assert body and "Announced end" in body
        row = next(r for r in body.split("<tr>") if "member_of" in r and "Islamic Resistance in Iraq" in r)
        assert "<td>2023-10-30</td><td></td></tr>" in row
    finally:
        app.state.engine.dispose()
