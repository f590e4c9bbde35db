"""Analyst decisions survive re-ingest and re-reconcile; the audit log only grows."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

import claimgraph
from claimgraph.errors import InvalidValue, UsageError
from claimgraph.store import schema
from claimgraph.store.validate import parse_value
from conftest import DocFiles, table_digests, write_sources

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


def _harir(db) -> tuple[str, str]:
    events = db.events(place="Harir")
    by_month = {str(d)[:7]: i for d, i in zip(events.event_date, events.claimgraph_event_id, strict=True)}
    return by_month["2024-01"], by_month["2023-10"]


def _analyst_digests(url: str) -> dict[str, tuple[int, str]]:
    """Every content table but the audit log (it only grows) and the redirects (an undone split's id keeps one)."""
    digests = table_digests(url)
    return {k: v for k, v in digests.items() if k not in ("review_actions", "event_redirects")}


def test_review_merge_keeps_the_first_events_value_where_they_disagree_and_says_so(store):
    january, october = _harir(store)  # the same base, reported three months apart: a misdated duplicate
    store.merge(january, [october], "carol", note="one attack")
    e = store.event(january)
    assert str(e["event"]["date"]) == "2024-01-20"  # the survivor's date does not move to the earliest
    dates = {(v["value"]["date"], v["origin"], v["consensus"]) for v in e["fields"]["date"]}
    assert dates == {
        ("2024-01-20", "analyst", True),  # chosen by the merge, shown as the analyst's
        ("2024-01-20", "machine", False),  # one source against one: no machine value is "consensus"
        ("2023-10-17", "machine", False),
    }
    (merge,) = e["review_history"]  # the merged-away event's history has the other half
    chosen = merge["detail"]["chosen"]
    assert chosen["date"] == {
        "value": {"date": "2024-01-20", "precision": "day", "low": "2024-01-20", "high": "2024-01-20"},
        "from": january,
        "by": "default: the first event",
    }
    assert "fatalities" not in chosen  # both say 0: nothing to choose
    assert {m["report"] for m in merge["detail"]["moves"]} == set(merge["detail"]["reports"])
    assert merge["detail"]["values"][october]["date"]["after"] is None  # the merged-away event is gone


def test_review_merge_takes_the_value_the_analyst_chooses(store):
    january, october = _harir(store)
    with pytest.raises(UsageError, match="pick one of the merged events"):
        store.merge(january, [october], "carol", choose={"date": "evt_elsewhere"})
    store.merge(january, [october], "carol", choose={"date": october, "claimed_by": "machine"})
    e = store.event(january)["event"]
    assert str(e["date"]) == "2023-10-17" and e["claimed_by"] == ["Islamic Resistance in Iraq"]
    store.reconcile(full=True)
    assert str(store.event(january)["event"]["date"]) == "2023-10-17"


def test_review_preview_of_split_and_merge_changes_nothing_and_is_what_the_action_does(border, db_url):
    tower22, rukban = _border_events(border)
    wire_a = _report_from(border, tower22, "wire-a-tower22")
    before = table_digests(db_url)
    split_preview = border.preview_split(tower22, [wire_a])
    merge_preview = border.preview_merge(tower22, [rukban], choose={"place": rukban})
    assert table_digests(db_url) == before
    assert merge_preview["values"][tower22]["place"]["after"]["name"] == "Rukban"
    assert merge_preview["moves"] == [{"report": _members(border)[rukban][0], "from": rukban, "to": tower22}]
    action, new_id = border.split(tower22, [wire_a], "carol")
    (done,) = border.event(tower22)["review_history"]
    assert done["id"] == action and split_preview["new_event"] == new_id
    assert split_preview == {k: v for k, v in done["detail"].items() if k != "restore"}


def test_review_undo_puts_every_table_back_and_the_split_off_id_redirects(border, db_url):
    tower22, rukban = _border_events(border)
    original = _analyst_digests(db_url)
    wire_a = _report_from(border, tower22, "wire-a-tower22")
    _, new_id = border.split(tower22, [wire_a], "carol")
    after_split = _analyst_digests(db_url)
    border.edit(new_id, "injuries", 40, "carol")
    border.merge(tower22, [rukban], "carol")
    border.undo(tower22, "carol")  # the merge
    assert border.event(rukban)["event"]["id"] == rukban  # back, not a redirect
    with pytest.raises(UsageError, match=r"came after .* undo it first"):
        border.undo(tower22, "carol")  # the split: the edit of the split-off event came later
    border.undo(new_id, "carol")  # the edit
    assert _analyst_digests(db_url) == after_split
    border.undo(tower22, "carol")  # the split
    assert _analyst_digests(db_url) == original
    gone = border.event(new_id)
    assert gone["redirected_from"] == new_id and gone["event"]["id"] == tower22
    with pytest.raises(UsageError, match="nothing to undo"):
        border.undo(tower22, "carol")
    actions = [(a["action"], (a["detail"] or {}).get("undoes")) for a in border.event(tower22)["review_history"]]
    assert [a for a, _ in actions] == ["split", "merge", "undo", "undo"]


# -- analyst input is checked once, in the store (issue 15, item 3) -------------------------------------

TOO_MANY = 99999999999999999999


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("injuries", TOO_MANY, "from 0 to 100000"),
        ("injuries", -1, "from 0 to 100000"),
        ("fatalities", 100_001, "from 0 to 100000"),
        ("fatalities", 2.5, "whole number"),
        ("fatalities", True, "whole number"),
        ("date", "2024-02-30", "a real day from 1900-01-01"),
        ("date", "1850-06-01", "a real day from 1900-01-01"),
        ("date", "2999-01-01", "a real day from 1900-01-01"),
        ("date", {"date": "2024-01-28", "precision": "fortnight", "low": "2024-01-28", "high": "2024-01-28"}, "day"),
        ("place", {"latitude": 95.0, "longitude": 10.0}, "from -90 to 90"),
        ("place", {"latitude": 33.0, "longitude": float("nan")}, "from -180 to 180"),
        ("place", {"place_id": "atlantis"}, "knowledge base"),
        ("target", "x" * 201, "1 to 200 characters"),
        ("claimed_by", ["IRI"] * 51, "at most 50 names"),
        ("weapons", ["laser"], "drone"),
        ("sub_event_type", "Picnic", "Air/drone strike"),
    ],
)
def test_review_bad_values_are_refused_naming_the_field_and_range_and_change_nothing(store, db_url, field, value, says):
    event_id = _tower22(store)
    before = table_digests(db_url)
    with pytest.raises(InvalidValue, match=says) as refused:
        store.edit(event_id, field, value, "alice")
    assert refused.value.field.startswith(field) and refused.value.exit_code == 2
    assert refused.value.http_status == 422
    assert table_digests(db_url) == before


def test_review_notes_users_and_typed_values_have_limits(store, db_url):
    event_id = _tower22(store)
    before = table_digests(db_url)
    with pytest.raises(InvalidValue, match="note must be text of at most 2000"):
        store.reject(event_id, "alice", note="n" * 2001)
    with pytest.raises(InvalidValue, match="user must be a name of 1 to 80"):
        store.confirm(event_id, " ")
    with store.engine.connect() as conn:
        with pytest.raises(InvalidValue, match="injuries must be a whole number from 0 to 100000"):
            parse_value(conn, "injuries", str(TOO_MANY))
        with pytest.raises(InvalidValue, match="text of at most 2000"):
            parse_value(conn, "target", "t" * 2001)
        assert parse_value(conn, "place", "33.32, 38.69")["latitude"] == 33.32  # coordinates, not only KB names
        assert parse_value(conn, "place", "Tower 22")["place_id"] == "tower-22"
        assert parse_value(conn, "date", "2024-01-28")["precision"] == "day"
    assert table_digests(db_url) == before


def test_review_migration_repairs_an_out_of_range_value_an_older_version_stored(store, db_url):
    event_id = _tower22(store)
    with store.engine.begin() as conn:  # what `review edit EVT injuries 99999999999999999999` stored before
        conn.execute(
            schema.analyst_fields.insert().values(event_id=event_id, field="injuries", value=TOO_MANY, action_id=1)
        )
        conn.execute(
            schema.schema_migrations.delete().where(schema.schema_migrations.c.name == "0007_review_integrity")
        )
        for table in (schema.analyst_exclusions, schema.event_redirects):  # a database from before 0007
            table.drop(conn)
        if store.engine.dialect.name == "sqlite":  # SQLite stores the count as a float, which broke every reader
            conn.execute(schema.events.update().where(schema.events.c.id == event_id).values(injuries=float(TOO_MANY)))
    if store.engine.dialect.name == "sqlite":
        frame = store.events()  # readers never crash: an impossible count reads as unknown
        assert frame[frame.claimgraph_event_id == event_id].injuries.isna().all()
    store.close()
    with claimgraph.open(db_url) as repaired:  # opening migrates: 0007 repairs
        e = repaired.event(event_id)
        assert e["event"]["injuries"] == 47 and all(v["origin"] == "machine" for v in e["fields"]["injuries"])
        (repair,) = [a for a in e["review_history"] if a["action"] == "repair"]
        assert float(repair["old_value"]) == float(TOO_MANY) and "from 0 to 100000" in repair["note"]
        assert repaired.events(place="Tower 22").injuries.iloc[0] == 47


def test_review_an_analyst_can_still_merge_what_a_split_kept_out(border, db_url):
    tower22, rukban = _border_events(border)
    wire_a = _report_from(border, tower22, "wire-a-tower22")
    _, new_id = border.split(tower22, [wire_a], "carol")
    (rukban_report,) = _members(border)[rukban]
    kept = [tuple(k) for k in border.event(tower22)["review_history"][0]["detail"]["kept_out"]]
    assert kept == [(rukban_report, new_id)]  # the machine may not move it there...
    border.merge(new_id, [rukban], "carol", note="the same strike after all")
    assert _members(border)[new_id] == sorted([wire_a, rukban_report])  # ...but an analyst may
    border.reconcile(full=True)
    assert _members(border)[new_id] == sorted([wire_a, rukban_report])
    with border.engine.connect() as conn:
        t = schema.analyst_exclusions
        assert conn.execute(sa.select(t.c.report_id, t.c.event_id)).all() == []
    border.undo(new_id, "carol")
    assert _members(border)[rukban] == [rukban_report]
