"""The database commands as a user types them: ingest, events, show, actors, reconcile, review."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from claimgraph.acled import COLUMNS
from claimgraph.cli.app import app, main
from conftest import SOURCES


def run_main(capsys, *args: str) -> tuple[int, str]:
    """Run through ``main`` (which maps errors to exit codes); returns (code, stderr)."""
    code = main(list(args))
    return code, capsys.readouterr().err


@pytest.fixture
def db(tmp_path, sources, shared_extractor, cli_runner):
    path = str(tmp_path / "cli.db")
    result = cli_runner.invoke(app, ["ingest", str(sources.root), "--db", path])
    assert result.exit_code == 0, result.output
    return path


def _tower22(cli_runner, db) -> str:
    result = cli_runner.invoke(app, ["events", "--db", db, "--place", "al-Tanf", "--format", "json"])
    (event,) = json.loads(result.stdout)
    return event["claimgraph_event_id"]


def test_cli_ingest_twice_says_zero_new(cli_runner, db, sources):
    result = cli_runner.invoke(app, ["ingest", str(sources.root), "--db", db])
    assert result.exit_code == 0
    assert f"0 new documents, {len(SOURCES)} duplicate, 0 failed" in result.stderr
    assert "events: 0 created, 0 updated" in result.stderr


def test_cli_ingest_reports_a_bad_file_and_exits_2(cli_runner, tmp_path, tmp_docs, shared_extractor):
    tmp_docs.text("good.txt", SOURCES["wire-a-asad"][2])
    tmp_docs.text("bad.json", "[1, 2")
    result = cli_runner.invoke(app, ["ingest", str(tmp_docs.root), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "bad.json" in result.stderr and "1 new document, 0 duplicate, 1 failed" in result.stderr


def test_cli_ingest_into_a_missing_directory_is_a_usage_error(capsys, sources):
    code, err = run_main(capsys, "ingest", str(sources.root), "--db", "/nonexistent/dir/x.db")
    assert code == 2 and "does not exist" in err


def test_cli_events_filters_and_formats(cli_runner, db):
    table = cli_runner.invoke(app, ["events", "--db", db, "--conflicts"])
    assert table.exit_code == 0 and "2 events" in table.stdout and "Harir" in table.stdout
    assert "Ain al-Asad" not in table.stdout
    as_csv = cli_runner.invoke(app, ["events", "--db", db, "--claimed-by", "IRI", "--format", "csv"])
    import io

    frame = pd.read_csv(io.StringIO(as_csv.stdout))
    assert list(frame.columns) == list(COLUMNS)
    assert all("Islamic Resistance in Iraq" in c for c in frame.claimed_by)
    kh = cli_runner.invoke(app, ["events", "--db", db, "--actor", "Kata'ib Hizballah", "--format", "json"])
    assert {e["location"] for e in json.loads(kh.stdout)} == {"Conoco gas field", "Al-Qaim"}
    syria = cli_runner.invoke(app, ["events", "--db", db, "--country", "Syria", "--since", "2024-02-01", "-f", "json"])
    assert [e["location"] for e in json.loads(syria.stdout)] == ["Conoco gas field"]


def test_cli_events_bad_date_is_a_clear_error(capsys, db):
    code, err = run_main(capsys, "events", "--db", db, "--since", "28/01/2024")
    assert code == 2 and "YYYY-MM-DD" in err


def test_cli_show_prints_sources_conflicts_and_sentences(cli_runner, db):
    event_id = _tower22(cli_runner, db)
    result = cli_runner.invoke(app, ["show", event_id, "--db", db])
    assert result.exit_code == 0
    out = result.stdout
    assert "Sources disagree" in out and "Tower 22 (JO, site)" in out and "Al-Tanf Garrison (SY, site)" in out
    assert "injuries" in out and "34" in out and "47" in out
    assert "Wire A" in out and "Wire B" in out and "“AMMAN - A one-way attack drone struck Tower 22" in out
    as_json = json.loads(cli_runner.invoke(app, ["show", event_id, "--db", db, "--json"]).stdout)
    assert set(as_json) >= {"event", "fields", "conflicts", "reports", "claim_history", "review_history"}


def test_cli_show_unknown_event_exits_2(capsys, db):
    code, err = run_main(capsys, "show", "evt_nope", "--db", db)
    assert code == 2 and "no event" in err


def test_cli_actors_list_and_detail(cli_runner, db):
    listing = cli_runner.invoke(app, ["actors", "--db", db])
    assert listing.exit_code == 0 and "Islamic Resistance in Iraq" in listing.stdout
    detail = cli_runner.invoke(app, ["actors", "KH", "--db", db])
    assert detail.exit_code == 0
    assert "Kataib Hezbollah" in detail.stdout and "كتائب حزب الله" in detail.stdout
    assert "member_of" in detail.stdout and "attributed" in detail.stdout


def test_cli_review_edit_then_show_has_the_audit_entry(cli_runner, db):
    event_id = _tower22(cli_runner, db)
    edit = cli_runner.invoke(
        app, ["review", "edit", event_id, "injuries", "40", "--db", db, "--user", "alice", "--note", "CENTCOM"]
    )
    assert edit.exit_code == 0, edit.output
    shown = cli_runner.invoke(app, ["show", event_id, "--db", db]).stdout
    assert "Review history" in shown and "alice  edit injuries: 47 -> 40  CENTCOM" in shown
    assert cli_runner.invoke(app, ["reconcile", "--db", db, "--full"]).exit_code == 0
    again = json.loads(cli_runner.invoke(app, ["show", event_id, "--db", db, "--json"]).stdout)
    assert again["event"]["injuries"] == 40


def test_cli_review_queue_lists_conflicts_first(cli_runner, db):
    result = cli_runner.invoke(app, ["review", "queue", "--db", db])
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if "evt_" in line]
    assert rows and ("injuries" in rows[0] or "claimed_by" in rows[0])


def test_cli_review_bad_value_exits_2(cli_runner, capsys, db):
    event_id = _tower22(cli_runner, db)
    code, err = run_main(capsys, "review", "edit", event_id, "injuries", "lots", "--db", db, "--user", "x")
    assert code == 2 and "whole number" in err


def test_cli_review_edit_refuses_an_impossible_count_and_the_readers_keep_working(cli_runner, capsys, db):
    event_id = _tower22(cli_runner, db)
    code, err = run_main(capsys, "review", "edit", event_id, "injuries", "99999999999999999999", "--db", db)
    assert code == 2 and "injuries must be a whole number from 0 to 100000" in err
    listed = cli_runner.invoke(app, ["events", "--db", db, "--place", "al-Tanf", "--format", "json"])
    assert listed.exit_code == 0 and json.loads(listed.stdout)[0]["injuries"] == 47


def _harir(cli_runner, db) -> dict[str, str]:
    result = cli_runner.invoke(app, ["events", "--db", db, "--place", "Harir", "--format", "json"])
    return {e["event_date"][:7]: e["claimgraph_event_id"] for e in json.loads(result.stdout)}


def test_cli_review_merge_dry_run_keep_and_undo(cli_runner, db):
    harir = _harir(cli_runner, db)
    january, october = harir["2024-01"], harir["2023-10"]
    args = ["review", "merge", january, october, "--db", db, "--user", "carol"]
    preview = cli_runner.invoke(app, [*args, "--dry-run"])
    assert preview.exit_code == 0, preview.output
    assert "would change (nothing was changed)" in preview.stdout and f"{october}: no longer an event" in preview.stdout
    assert "date: kept 2024-01-20 (day) from" in preview.stdout
    as_json = json.loads(cli_runner.invoke(app, [*args, "--dry-run", "--json", "--keep", f"date={october}"]).stdout)
    assert as_json["chosen"]["date"]["from"] == october
    assert _harir(cli_runner, db) == harir  # previews change nothing
    done = cli_runner.invoke(app, [*args, "--keep", f"date={october}"])
    assert done.exit_code == 0 and f"merged {october} into {january}" in done.stderr
    assert list(_harir(cli_runner, db).values()) == [january]
    undone = cli_runner.invoke(app, ["review", "undo", january, "--db", db, "--user", "carol"])
    assert undone.exit_code == 0 and "(merge)" in undone.stderr
    assert _harir(cli_runner, db) == harir


def test_cli_review_split_dry_run_says_what_moves(cli_runner, db):
    event_id = _tower22(cli_runner, db)
    shown = json.loads(cli_runner.invoke(app, ["show", event_id, "--db", db, "--json"]).stdout)
    report = next(r["id"] for r in shown["reports"] if r["source"]["ext_id"] == "wire-b-tanf")
    preview = cli_runner.invoke(app, ["review", "split", event_id, report, "--db", db, "--dry-run"])
    assert preview.exit_code == 0 and f"{report}: {event_id} -> evt_" in preview.stdout
    assert "(new event): 2024-01-28 (day); Al-Tanf Garrison (SY, site)" in preview.stdout
    assert _tower22(cli_runner, db) == event_id
