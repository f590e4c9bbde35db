"""Theatre packs: the packaged KB is one file per front plus a shared core, loaded together;
a user's own pack in the same format is listed and validated like a packaged one."""

from __future__ import annotations

import json
import tomllib
from importlib import resources

import pytest

from claimgraph.cli.app import app, main
from claimgraph.kb import KBError, load_kb

MY_FRONT = """
[theatre]
id = "sahel-test"
name = "A front written for this test"
description = "One group and one town, to check that a new theatre is data only."

[[actors]]
id = "katibat-test-sahel"
name = "Katibat Test Sahel"
kind = "armed_group"
country = "ML"
aliases = ["Test Sahel Brigade"]

[[relations]]
subject = "katibat-test-sahel"
predicate = "allied_with"
object = "islamic-state"
confidence = "possible"
start = "2024-02"
evidence = "a sentence written for this test"

[[places]]
id = "test-town-sahel"
name = "Testville Sahel"
kind = "town"
lat = 14.5
lon = -4.2
country = "ML"
"""


def test_packaged_theatres_load_together_core_first():
    kb = load_kb()
    ids = [t.id for t in kb.theatres]
    assert ids[0] == "core"
    assert ids[1:] == sorted(ids[1:])
    assert {"iraq", "yemen-red-sea", "lebanon-israel", "syria"} <= set(ids)
    # every actor and place comes from exactly one packaged pack
    assert sum(len(t.actors) for t in kb.theatres) == len(kb.actors)
    assert sum(len(t.places) for t in kb.theatres) == len(kb.places)
    assert sum(t.relations for t in kb.theatres) == len(kb.relations)


def test_each_front_holds_its_own_actors():
    kb = load_kb()
    where = {a: t.id for t in kb.theatres for a in t.actors}
    assert where["houthis"] == "yemen-red-sea"
    assert where["hezbollah-lebanon"] == "lebanon-israel"
    assert where["kataib-hezbollah"] == "iraq"
    assert where["israel"] == "core"


def test_every_packaged_pack_names_itself_after_its_file():
    folder = resources.files("claimgraph.kb").joinpath("data").joinpath("theatres")
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            head = tomllib.loads(entry.read_text(encoding="utf-8"))["theatre"]
            assert head["id"] == entry.name.removesuffix(".toml")
            assert head["name"] and head["description"]


def test_a_user_pack_is_a_theatre_of_its_own(tmp_path):
    mine = tmp_path / "sahel.toml"
    mine.write_text(MY_FRONT, encoding="utf-8")
    kb = load_kb([mine])
    theatre = kb.theatres[-1]
    assert (theatre.id, theatre.actors, theatre.relations, theatre.places) == (
        "sahel-test",
        ("katibat-test-sahel",),
        1,
        ("test-town-sahel",),
    )
    assert kb.actors_named("Test Sahel Brigade")[0].id == "katibat-test-sahel"
    assert kb.places_named("Testville Sahel")[0].country == "ML"


@pytest.mark.parametrize(
    ("theatre", "expected"),
    [
        ('[theatre]\nid = "x-front"\nname = "X"\n', "missing required field 'description'"),
        ('[theatre]\nid = "X Front"\nname = "X"\ndescription = "d"\n', "lowercase-hyphen slug"),
        ('[theatre]\nid = "x-front"\nname = "X"\ndescription = "d"\nregion = "r"\n', "unknown field 'region'"),
        ('[theatre]\nid = "iraq"\nname = "X"\ndescription = "d"\n', "'iraq' is already used"),
        ('theatre = "x"\n', "'theatre' must be a table"),
    ],
)
def test_a_bad_theatre_table_is_named(tmp_path, theatre, expected):
    bad = tmp_path / "front.toml"
    bad.write_text(theatre, encoding="utf-8")
    with pytest.raises(KBError) as info:
        load_kb([bad])
    assert str(bad) in str(info.value) and expected in str(info.value)


def test_cli_kb_theatres_lists_counts(cli_runner, tmp_path):
    mine = tmp_path / "sahel.toml"
    mine.write_text(MY_FRONT, encoding="utf-8")
    result = cli_runner.invoke(app, ["kb", "theatres", "--json", "--kb-file", str(mine)])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["sahel-test"]["actors"] == 1 and rows["sahel-test"]["places"] == 1
    assert rows["yemen-red-sea"]["actors"] >= 1 and rows["core"]["file"].endswith("theatres/core.toml")


def test_cli_kb_theatres_rejects_a_broken_pack(capsys, tmp_path):
    bad = tmp_path / "front.toml"
    bad.write_text(MY_FRONT.replace('kind = "town"', 'kind = "hamlet"'), encoding="utf-8")
    assert main(["kb", "theatres", "--kb-file", str(bad)]) == 3
    assert "unknown kind 'hamlet'" in capsys.readouterr().err
