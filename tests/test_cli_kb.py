"""`claimgraph kb`: the packaged knowledge base loads, and users can find actors and places
by any of their names, in any script."""

from __future__ import annotations

import json

import pytest

from claimgraph.cli.app import app, main


def test_cli_kb_check_says_ok(cli_runner):
    result = cli_runner.invoke(app, ["kb", "check"])
    assert result.exit_code == 0, result.output
    assert "OK" in result.stdout


def test_cli_kb_stats_json_counts_everything(cli_runner):
    result = cli_runner.invoke(app, ["kb", "stats", "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["version"]
    assert stats["actors"] > 0 and stats["places"] > 0 and stats["relations"] > 0
    assert stats["predicates"].get("member_of", 0) > 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kataib hezbollah", "Kataib Hezbollah"),
        ("IRI", "Islamic Resistance in Iraq"),  # an abbreviation
        ("المقاومة الإسلامية في العراق", "Islamic Resistance in Iraq"),  # Arabic
    ],
)
def test_cli_kb_actors_found_by_any_name(cli_runner, query, expected):
    result = cli_runner.invoke(app, ["kb", "actors", query, "--json"])
    assert result.exit_code == 0, result.output
    assert expected in [row["name"] for row in json.loads(result.stdout)]


def test_cli_kb_places_found_by_alias_with_coordinates(cli_runner):
    result = cli_runner.invoke(app, ["kb", "places", "Ain al-Assad", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    base = next(row for row in rows if "Asad" in row["name"])
    assert base["country"] == "IQ"
    assert 33 < base["lat"] < 34.5 and 42 < base["lon"] < 43


def test_cli_kb_actors_table(cli_runner):
    result = cli_runner.invoke(app, ["kb", "actors", "nujaba"])
    assert result.exit_code == 0, result.output
    assert "Nujaba" in result.stdout


def test_cli_kb_broken_extra_file_exits_3_with_one_line(capsys, tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text('[[actors]]\nid = "x"\nname = ', encoding="utf-8")
    code = main(["kb", "check", "--kb-file", str(extra)])
    err = capsys.readouterr().err
    assert code == 3
    assert "mine.toml" in err
    assert "Traceback" not in err
