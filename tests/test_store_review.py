"""Analyst decisions survive re-ingest and re-reconcile; the audit log only grows."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

import claimgraph
from claimgraph.errors import UsageError
from claimgraph.store import schema
from conftest import DocFiles, write_sources

IRI = "Islamic Resistance in Iraq"
LATE_TOWER22 = {
    "id": "late-tower22",
    "outlet": "Wire E",
    "published": "2024-02-10",
    "text": (
        "The drone attack on Tower 22 in Jordan on January 28 killed three US soldiers and injured 52, "
        "the Pentagon said in an updated count. The Islamic Resistance in Iraq claimed it."
    ),
}


@pytest.fixture
def store(db_url, sources, shared_extractor):
    db = claimgraph.open(db_url)
    db.ingest([sources.root])
    yield db
    db.close()


def _tower22(db) -> str:
    return db.events(place="Tower 22").claimgraph_event_id.iloc[0]


def _audit(db) -> list[tuple]:
    with db.engine.connect() as conn:
        t = schema.review_actions
        return [tuple(r) for r in conn.execute(sa.select(t.c.id, t.c.action, t.c.event_id).order_by(t.c.id))]


def test_review_edit_survives_reingest_of_a_new_source_and_full_reconcile(store, tmp_path):
    event_id = _tower22(store)
    store.edit(event_id, "injuries", 40, "alice", note="CENTCOM, 30 Jan")
    extra = DocFiles(tmp_path / "late")
    extra.json("late.json", LATE_TOWER22)
    summary = store.ingest([extra.root])
    assert summary.new == 1 and summary.events_updated == 1
    store.reconcile(full=True)
    detail = store.event(event_id)
    e = detail["event"]
    assert e["injuries"] == 40 and e["review_status"] == "edited" and e["n_sources"] == 3
    machine = sorted(v["value"] for v in detail["fields"]["injuries"] if v["origin"] == "machine")
    assert machine == [34, 47, 52]  # the new source's figure is kept next to the analyst's value
    assert [(a["action"], a["field"], a["new_value"], a["user"]) for a in detail["review_history"]] == [
        ("edit", "injuries", 40, "alice")
    ]


def test_review_confirm_locks_the_values_and_keeps_the_event_id(store, tmp_path):
    event_id = _tower22(store)
    before = store.event(event_id)["event"]
    store.confirm(event_id, "bob")
    extra = DocFiles(tmp_path / "late")
    extra.json("late.json", LATE_TOWER22)
    store.ingest([extra.root])
    store.reconcile(full=True)
    after = store.event(event_id)["event"]
    assert after["review_status"] == "confirmed"
    assert (after["injuries"], after["place_name"]) == (before["injuries"], before["place_name"])
    assert after["n_sources"] == 3  # new reports still join a confirmed event


def test_review_merge_and_split_survive_full_reconcile(store):
    jan20 = store.events(since="2024-01-20", until="2024-01-20")
    asad, harir = (
        jan20[jan20.location == name].claimgraph_event_id.iloc[0] for name in ("Ain al-Asad Air Base", "Harir Air Base")
    )
    store.merge(asad, [harir], "carol", note="same salvo")
    assert store.event(asad)["event"]["n_reports"] == 2
    with pytest.raises(UsageError):
        store.event(harir)
    store.reconcile(full=True)
    assert store.event(asad)["event"]["n_reports"] == 2

    reports = [r["id"] for r in store.event(asad)["reports"] if r["place_name"] == "Harir Air Base"]
    _, new_id = store.split(asad, reports, "carol", note="no: two bases")
    store.reconcile(full=True)
    assert store.event(asad)["event"]["place_name"] == "Ain al-Asad Air Base"
    assert store.event(new_id)["event"]["place_name"] == "Harir Air Base"
    assert [a for _, a, _ in _audit(store)] == ["merge", "merge", "split"]


def test_review_rejected_event_is_hidden_but_kept(store):
    event_id = store.events(type="aircraft").claimgraph_event_id.iloc[0]
    n = len(store.events())
    store.reject(event_id, "dave", note="reported strike, not an attack in scope")
    store.reconcile(full=True)
    assert len(store.events()) == n - 1
    assert event_id in set(store.events(review_status="rejected").claimgraph_event_id)
    store.reopen(event_id, "dave")
    assert len(store.events()) == n


def test_review_audit_log_is_append_only_across_actions(store):
    event_id = _tower22(store)
    store.edit(event_id, "injuries", 40, "alice")
    first = _audit(store)
    store.edit(event_id, "injuries", 41, "alice")
    store.confirm(event_id, "bob", ["place"])
    log = _audit(store)
    assert log[: len(first)] == first and [a for _, a, _ in log] == ["edit", "edit", "confirm"]
    assert store.event(event_id)["event"]["injuries"] == 41


def test_review_rejects_unknown_event_field_and_value(store):
    event_id = _tower22(store)
    with pytest.raises(UsageError, match="no event"):
        store.confirm("evt_missing", "x")
    with pytest.raises(UsageError, match="unknown field"):
        store.edit(event_id, "colour", "red", "x")
    from claimgraph.store.review import parse_value

    with store.engine.connect() as conn:
        assert parse_value(conn, "injuries", "47") == 47
        assert parse_value(conn, "claimed_by", "IRI, KH") == [IRI, "Kataib Hezbollah"]
        assert parse_value(conn, "place", "al-Tanf")["geo_precision"] == "site"
        with pytest.raises(UsageError, match="whole number"):
            parse_value(conn, "injuries", "many")
        with pytest.raises(UsageError, match="unknown place"):
            parse_value(conn, "place", "Atlantis")


def test_review_survives_reingest_of_the_same_corpus(db_url, tmp_path, shared_extractor):
    files = DocFiles(tmp_path / "docs")
    write_sources(files)
    with claimgraph.open(db_url) as db:
        db.ingest([files.root])
        event_id = _tower22(db)
        db.edit(event_id, "fatalities", 3, "erin")
        db.ingest([files.root])
        assert db.event(event_id)["event"]["review_status"] == "edited"


def test_review_audit_log_refuses_update_and_delete_in_the_database(store):
    store.edit(_tower22(store), "injuries", 40, "alice")
    t = schema.review_actions
    for statement in (t.update().values(user="mallory"), t.delete()):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"), store.engine.begin() as conn:
            conn.execute(statement)
    assert [a for _, a, _ in _audit(store)] == ["edit"]
