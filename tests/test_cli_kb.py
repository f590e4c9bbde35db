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


# -- claimgraph kb packs ---------------------------------------------------------------------
# A user's pack: its own attack words, the other cues the extractor reads borrowed from English.
USER_PACK = {
    "pack.toml": 'format = "claimgraph.langpack.v1"\ncode = "xx"\nname = "Test"\nversion = "0.1"\nspacy = "xx"\n',
    "cues.toml": """[cue.attack]
alternatives = ['lobbed', 'shelled']
wrap = "word"
examples = ["Militants lobbed mortar rounds at the base.", "Artillery shelled the village overnight."]

[cue.aggregate]
same_as = "en"
examples = ["The group has claimed more than 150 attacks since October."]

[cue.non_event]
same_as = "en"
examples = ["The group warned it would resume operations."]

[cue.claim]
same_as = "en"
examples = ["The group claimed the attack."]

[cue.claim_negated]
same_as = "en"
examples = ["No group has claimed the attack."]

[cue.attribution]
same_as = "en"
examples = ["Officials blamed the militia."]

[cue.membership]
same_as = "en"
examples = ["The brigade is a member of the coalition."]

[cue.locative_before]
same_as = "en"
examples = ["US forces in "]

[cue.event_taken_up]
same_as = "en"
examples = ["The U.S. strikes were carried out in Jurf al-Sakhar."]
""",
}


def _user_pack(root, files=USER_PACK):
    folder = root / "xx"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_cli_kb_packs_json_lists_the_builtin_packs(cli_runner):
    result = cli_runner.invoke(app, ["kb", "packs", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["code"]: row for row in json.loads(result.stdout)}
    assert {"en", "fr", "ar"} <= set(rows)
    assert rows["ar"]["name"] == "Arabic" and rows["ar"]["version"]
    for row in rows.values():
        assert row["cue"] > 0 and row["examples"] >= 2 * row["cue"]  # every cue shows at least two examples
        assert row["folder"] == "built-in"


def test_cli_kb_packs_table(cli_runner):
    result = cli_runner.invoke(app, ["kb", "packs"])
    assert result.exit_code == 0, result.output
    assert "English" in result.stdout and "French" in result.stdout and "OK" in result.stdout


def test_cli_kb_packs_validates_a_user_pack(cli_runner, tmp_path):
    folder = _user_pack(tmp_path)
    result = cli_runner.invoke(app, ["kb", "packs", "--pack-dir", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    mine = next(row for row in json.loads(result.stdout) if row["code"] == "xx")
    assert mine == {
        "code": "xx",
        "name": "Test",
        "version": "0.1",
        "cue": 9,
        "table": 0,
        "list": 0,
        "examples": 10,
        "not_examples": 0,
        "folder": str(folder.resolve()),
    }


_CUES = USER_PACK["cues.toml"]


@pytest.mark.parametrize(
    ("cues", "expected"),
    [
        (
            _CUES.replace("Artillery shelled", "Artillery pounded"),
            "xx/cues.toml:1 [cue.attack]: example does not match",
        ),
        (
            _CUES.replace("[cue.membership]\nsame_as", "[cue.membership]\nsame_az"),
            "xx/cues.toml:26 [cue.membership]: unknown key",
        ),
        (_CUES.split("\n[cue.membership]")[0], "'xx' (PACK) lacks cue(s) membership"),
    ],
    ids=["example-fails", "unknown-key", "missing-cue"],
)
def test_cli_kb_packs_bad_pack_exits_2_naming_the_file(capsys, tmp_path, cues, expected):
    folder = _user_pack(tmp_path, {**USER_PACK, "cues.toml": cues})
    code = main(["kb", "packs", "--pack-dir", str(folder)])
    err = capsys.readouterr().err
    assert code == 2
    # the message may be wrapped to the terminal width
    assert expected.replace("PACK", str(folder.resolve())) in " ".join(err.split())
    assert "Traceback" not in err
