"""`claimgraph extract`: one JSON line per good document, one stderr line per bad input,
the right exit code, and the same output whatever the number of workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.cli.app import app, main


@pytest.fixture
def mixed_dir(tmp_docs, report):
    """One good document and one of each kind of bad input."""
    tmp_docs.json("good.json", report)
    tmp_docs.bytes("empty.txt", b"")
    tmp_docs.bytes("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    tmp_docs.bytes("latin1.txt", "Caf\xe9".encode("latin-1"))
    tmp_docs.text("broken.json", '{"text": ')
    tmp_docs.json("notext.json", {"title": "no body"})
    tmp_docs.text("readme.md", "skipped: not a document type")
    return tmp_docs


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_cli_extract_good_document_output_and_bad_ones_reported(cli_runner, shared_extractor, mixed_dir):
    result = cli_runner.invoke(app, ["extract", str(mixed_dir.root)])
    assert result.exit_code == 2
    records = json_lines(result.stdout)
    assert [r["doc_id"] for r in records] == ["tower22"]
    assert records[0]["published"] == "2024-01-29"
    assert isinstance(records[0]["events"], list)
    for name in ("empty.txt", "binary.txt", "latin1.txt", "broken.json", "notext.json"):
        lines = [line for line in result.stderr.splitlines() if name in line]
        assert len(lines) == 1, f"{name} should be reported on exactly one line:\n{result.stderr}"
        assert lines[0].startswith("error: ")
    assert "readme.md" not in result.stderr
    assert "1 document extracted" in result.stderr
    assert "5 failed" in result.stderr
    assert "1 file of other types skipped" in result.stderr


def test_cli_extract_all_good_exits_zero(cli_runner, shared_extractor, tmp_docs, reports):
    tmp_docs.jsonl("batch.jsonl", reports.values())
    result = cli_runner.invoke(app, ["extract", str(tmp_docs.root / "batch.jsonl")])
    assert result.exit_code == 0, result.stderr
    assert [r["doc_id"] for r in json_lines(result.stdout)] == list(reports)
    assert "error" not in result.stderr


def test_cli_extract_finds_the_event_in_a_clear_report(cli_runner, shared_extractor, tmp_docs, report):
    path = tmp_docs.json("t22.json", report)
    (record,) = json_lines(cli_runner.invoke(app, ["extract", str(path)]).stdout)
    assert record["events"], "a report of a drone strike that killed three soldiers yields an event"


def test_cli_extract_table_format(cli_runner, shared_extractor, tmp_docs, reports):
    tmp_docs.json("a.json", reports["tower22"])
    tmp_docs.json("b.json", reports["ain-al-asad"])
    result = cli_runner.invoke(app, ["extract", "--format", "table", str(tmp_docs.root)])
    assert result.exit_code == 0, result.stderr
    header = result.stdout
    for column in ("doc", "date", "precision", "type", "weapons", "place", "country", "actors", "claimed_by"):
        assert column in header
    assert "fatalities" in header and "injuries" in header
    assert "tower22" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_cli_extract_output_file(cli_runner, shared_extractor, tmp_docs, tmp_path, report):
    tmp_docs.json("a.json", report)
    out = tmp_path / "out" / "events.jsonl"
    out.parent.mkdir()
    result = cli_runner.invoke(app, ["extract", str(tmp_docs.root), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert [r["doc_id"] for r in json_lines(out.read_text(encoding="utf-8"))] == ["tower22"]


def test_cli_extract_output_into_missing_directory_is_a_usage_error(capsys, tmp_docs, tmp_path, report):
    path = tmp_docs.json("a.json", report)
    code = main(["extract", str(path), "-o", str(tmp_path / "no" / "such" / "dir" / "out.jsonl")])
    err = capsys.readouterr().err
    assert code == 2
    assert "does not exist" in err
    assert "Traceback" not in err


def test_cli_extract_only_bad_inputs_escapes_names_and_needs_no_extractor(capsys, tmp_path):
    missing = tmp_path / "[bold]not-here[/bold].txt"
    code = main(["extract", str(missing)])
    err = capsys.readouterr().err
    assert code == 2
    assert "[bold]not-here[/bold].txt" in err  # printed literally, not as Rich markup
    assert "0 documents extracted" in err


def test_cli_extract_lang_default_applies_to_txt(cli_runner, shared_extractor, tmp_docs):
    tmp_docs.text("ar.txt", "أعلنت المقاومة الإسلامية في العراق مسؤوليتها عن هجوم بطائرة مسيرة.")
    result = cli_runner.invoke(app, ["extract", "--lang", "ar", str(tmp_docs.root)])
    assert result.exit_code == 0, result.stderr
    (record,) = json_lines(result.stdout)
    assert record["lang"] == "ar"


def test_cli_extract_two_workers_same_output_as_one(cli_runner, tmp_docs, reports):
    records = [*reports.values(), reports["harir"] | {"id": "harir-2"}, reports["tower22"] | {"id": "t22-2"}]
    for i, record in enumerate(records):
        tmp_docs.json(f"{i:02d}.json", record)
    tmp_docs.text("03-bad.json", "[")
    one = cli_runner.invoke(app, ["extract", "--workers", "1", str(tmp_docs.root)])
    two = cli_runner.invoke(app, ["extract", "--workers", "2", str(tmp_docs.root)])
    assert one.exit_code == two.exit_code == 2
    assert len(json_lines(one.stdout)) == 5
    assert two.stdout == one.stdout
    assert [line for line in two.stderr.splitlines() if "03-bad.json" in line] == [
        line for line in one.stderr.splitlines() if "03-bad.json" in line
    ]


USER_KB = """
[[actors]]
id = "saraya-test-al-ghadab"
name = "Saraya Test al-Ghadab"
kind = "armed_group"
country = "IQ"
aliases = ["Ghadab Brigades"]
description = "a group only this user's knowledge base knows"

[[places]]
id = "camp-zeta"
name = "Camp Zeta"
kind = "military_base"
lat = 33.10
lon = 44.10
country = "IQ"
admin1 = "Baghdad"
aliases = ["Zeta base"]
"""


@pytest.mark.parametrize("workers", ["1", "2"])
def test_cli_extract_uses_the_users_own_kb_file(cli_runner, shared_extractor, tmp_docs, workers):
    kb = tmp_docs.text("mine.toml", USER_KB)
    doc = tmp_docs.json(
        "u.json",
        {
            "id": "u1",
            "published": "2024-03-05",
            "lang": "en",
            "text": "The Ghadab Brigades said its fighters struck Camp Zeta with two drones on Monday.",
        },
    )
    result = cli_runner.invoke(app, ["extract", str(doc), "--kb-file", str(kb), "--workers", workers])
    assert result.exit_code == 0, result.stderr
    (event,) = json_lines(result.stdout)[0]["events"]
    assert event["location"]["name"] == "Camp Zeta"
    assert event["claimed_by"] == ["Saraya Test al-Ghadab"]


def test_cli_extract_bad_kb_file_is_a_clear_error(shared_extractor, tmp_docs, report, capsys):
    kb = tmp_docs.text("broken.toml", "[[actors]]\nid = ")
    doc = tmp_docs.json("r.json", report)
    code = main(["extract", str(doc), "--kb-file", str(kb)])
    assert code == 3
    assert "broken.toml" in capsys.readouterr().err


# -- input formats -------------------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
WIRE_COLUMNS = "text=body,published=date,title=headline,url=link,outlet=source,id=article_id,lang=language"


@pytest.fixture
def formats_dir(tmp_docs):
    """One file of each new format: a saved page, an RSS and an Atom feed, two Telegram exports, a CSV."""
    for name in ("ain-al-asad.html", "militia-watch.rss", "conflict-desk.atom", "wire-archive.csv"):
        tmp_docs.bytes(name, (FIXTURES / name).read_bytes())
    tmp_docs.bytes("ChatExport_2024-02-05/result.json", (FIXTURES / "telegram-iri" / "result.json").read_bytes())
    tmp_docs.bytes("iri-ar.json", (FIXTURES / "telegram-ar" / "result.json").read_bytes())
    return tmp_docs


def events_by_doc(stdout: str) -> dict[str, list[dict]]:
    return {r["doc_id"]: r["events"] for r in json_lines(stdout)}


def test_cli_extract_every_input_format_yields_events(cli_runner, shared_extractor, formats_dir):
    result = cli_runner.invoke(app, ["extract", str(formats_dir.root), "--csv-columns", WIRE_COLUMNS])
    assert result.exit_code == 2, result.stderr  # the bad feed item, messages and rows
    events = events_by_doc(result.stdout)
    places = {doc: {e["location"]["name"] for e in evs if e.get("location")} for doc, evs in events.items()}
    assert "Ain al-Asad Air Base" in places["ain-al-asad"]  # html
    assert "Tower 22" in places["tag:conflictdesk.example,2024:tower-22"]  # atom
    assert "Harir Air Base" in places["https://militiawatch.example/2024/01/harir-drone"]  # rss
    assert "Tower 22" in places["1863210988/104"]  # telegram, forwarded
    assert "Ain al-Asad Air Base" in places["1795634127/201"]  # telegram, Arabic
    assert "Conoco gas field" in places["wa-005"]  # csv
    assert ["Islamic Resistance in Iraq"] in [e["claimed_by"] for e in events["1863210988/103"]]
    # channel and kind reach the extractor: a post on the group's own channel is its claim
    assert ["Islamic Resistance in Iraq"] in [e["claimed_by"] for e in events["1863210988/105"]]
    assert len(events) == 15
    for failed in (
        "militia-watch.rss#3",
        "result.json#107",
        "iri-ar.json#203",
        "wire-archive.csv:6",
        "wire-archive.csv:7",
    ):
        (line,) = [line for line in result.stderr.splitlines() if failed in line]
        assert line.startswith("error: ")
    assert "15 documents extracted" in result.stderr
    assert "5 failed" in result.stderr


def test_cli_extract_input_format_reads_any_suffix(cli_runner, shared_extractor, tmp_docs):
    page = tmp_docs.bytes("story.php", (FIXTURES / "ain-al-asad.html").read_bytes())
    result = cli_runner.invoke(app, ["extract", str(page), "--input-format", "html", "--format", "table"])
    assert result.exit_code == 0, result.stderr
    assert "ain-al-asad" not in result.stdout and "story" in result.stdout
    assert "Ain al-Asad" in result.stdout


def test_cli_extract_unknown_input_format_is_rejected(cli_runner, tmp_docs, report):
    path = tmp_docs.json("a.json", report)
    result = cli_runner.invoke(app, ["extract", str(path), "--input-format", "pdf"])
    assert result.exit_code == 2
    assert "pdf" in result.stderr


def test_cli_extract_malformed_csv_columns_is_a_usage_error_with_an_example(capsys, tmp_docs):
    path = tmp_docs.text("w.csv", "body\nRockets hit the base.\n")
    code = main(["extract", str(path), "--csv-columns", "text:body"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--csv-columns 'text:body': 'text:body' is not FIELD=COLUMN" in err
    assert "e.g. --csv-columns text=body" in err
    assert "Traceback" not in err


def test_cli_extract_csv_columns_missing_from_the_file(capsys, tmp_docs):
    path = tmp_docs.text("w.csv", "headline,content\nHarir,Rockets hit the base.\n")
    code = main(["extract", str(path), "--csv-columns", "text=body"])
    err = capsys.readouterr().err
    assert code == 2
    assert "no column 'body' (for text); the columns are: 'headline', 'content'" in err


def test_cli_extract_options_also_work_for_ingest(cli_runner, shared_extractor, formats_dir, tmp_path):
    db = str(tmp_path / "formats.db")
    args = ["ingest", str(formats_dir.root), "--db", db, "--csv-columns", WIRE_COLUMNS]
    result = cli_runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "15 new documents, 0 duplicate, 5 failed" in result.stderr
    again = cli_runner.invoke(app, args)
    assert "0 new documents, 15 duplicate" in again.stderr
    page = formats_dir.bytes("more/story.php", (FIXTURES / "ain-al-asad.html").read_bytes())
    forced = cli_runner.invoke(app, ["ingest", str(page), "--db", db, "--input-format", "html"])
    assert forced.exit_code == 0, forced.output
    assert "0 new documents, 1 duplicate, 0 failed" in forced.stderr  # same text as ain-al-asad.html


def test_cli_extract_input_format_choices_are_the_readers_formats():
    from claimgraph.cli.extract import InputFormat
    from claimgraph.sources.files import INPUT_FORMATS

    assert tuple(f.value for f in InputFormat) == INPUT_FORMATS
