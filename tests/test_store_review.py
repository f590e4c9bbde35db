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
    merged_away = store.event(harir)  # the merged-away id redirects to where its reports went
    assert merged_away["event"]["id"] == asad and merged_away["redirected_from"] == harir
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


# -- review actions change exactly the events they name (issue 14) ---------------------------------------

# One statement names two places: Tower 22 and, separately, al-Rukban (the extractor makes two reports of it,
# so two events: two reports of one document are never one event). Two wires report Tower 22 alone.
BORDER_STATEMENT = {
    "id": "border-statement",
    "outlet": "Wire F",
    "published": "2024-01-29",
    "lang": "en",
    "text": (
        "AMMAN, Jan 29 - Three US Army soldiers were killed and at least 34 were injured after a one-way attack "
        "drone hit Tower 22, a small US outpost in north-east Jordan near the Syrian border, on Sunday, US "
        "officials said.\n\nThe Islamic Resistance in Iraq said on Sunday that it had attacked several bases near "
        "the Syrian-Jordanian border with drones, including one at al-Rukban, close to where the outpost stands."
    ),
}


@pytest.fixture
def border(db_url, tmp_path, shared_extractor):
    files = DocFiles(tmp_path / "border")
    files.json("statement.json", BORDER_STATEMENT)
    write_sources(files, ["wire-a-tower22", "wire-b-tanf"])
    db = claimgraph.open(db_url)
    db.ingest([files.root])
    yield db
    db.close()


def _members(db) -> dict[str, list[str]]:
    with db.engine.connect() as conn:
        t = schema.event_links
        out: dict[str, list[str]] = {}
        for report_id, event_id in conn.execute(sa.select(t.c.report_id, t.c.event_id).order_by(t.c.report_id)):
            out.setdefault(event_id, []).append(report_id)
    return out


def _report_from(db, event_id: str, ext_id: str) -> str:
    return next(r["id"] for r in db.event(event_id)["reports"] if r["source"]["ext_id"] == ext_id)


def _border_events(db) -> tuple[str, str]:
    members = _members(db)
    events = db.events()
    tower22 = events[events.location == "Tower 22"].claimgraph_event_id.iloc[0]
    rukban = events[events.location == "Rukban"].claimgraph_event_id.iloc[0]
    assert len(members[tower22]) == 3 and len(members[rukban]) == 1  # the corpus is as the test needs it
    return tower22, rukban


def test_review_split_changes_only_the_event_it_names(border):
    tower22, rukban = _border_events(border)
    before = _members(border)
    wire_a = _report_from(border, tower22, "wire-a-tower22")
    _, new_id = border.split(tower22, [wire_a], "carol", note="a separate strike")
    after = _members(border)
    assert after[rukban] == before[rukban]  # the Rukban event keeps its report (it 404'd)
    assert after[new_id] == [wire_a]
    assert after[tower22] == [r for r in before[tower22] if r != wire_a]
    assert set(after) == set(before) | {new_id}
    assert border.event(rukban)["event"]["place_name"] == "Rukban"
    border.reconcile(full=True)
    assert _members(border) == after  # a full rebuild keeps the decision
    (entry,) = border.event(tower22)["review_history"]
    assert entry["detail"]["moves"] == [{"report": wire_a, "from": tower22, "to": new_id}]
    assert entry["detail"]["events"] == [tower22, new_id]
