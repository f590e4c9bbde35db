"""A village no gazetteer knows is still where an attack happened (issue 13, item 10): a name listed
beside known towns, or after a word for a village, is kept as written with the country the text gives,
no coordinates and precision "unresolved"; `claimgraph kb unresolved` lists such names. Hand-written
snippets; the invented names (Wadi Jilo, Bir Semmour, Qasr Noura) are in no gazetteer."""

from __future__ import annotations

import json
from datetime import date

from claimgraph.cli.app import app
from claimgraph.models import Document


def _events(extractor, text: str, lang: str = "en", published: date = date(2024, 8, 14)):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang)).events


def _places(events) -> dict[str, tuple]:
    return {
        e.location.name: (e.location.country, e.location.lat, e.location.precision, e.location.resolver) for e in events
    }


def test_a_name_listed_beside_known_villages_is_an_unresolved_place_of_their_country(extractor):
    events = _events(
        extractor, "Israeli jets struck the outskirts of Khiam, Wadi Jilo and Kfar Kila on Wednesday, NNA said."
    )
    places = _places(events)
    assert set(places) == {"Khiam", "Wadi Jilo", "Kfar Kila"}
    assert places["Wadi Jilo"] == ("LB", None, "unresolved", "unresolved")
    assert places["Khiam"][2] == "town" and places["Khiam"][3] == "kb"
    assert all(e.actors == ["Israel"] for e in events)


def test_a_french_list_after_a_word_for_villages_takes_the_country_of_the_sentence(extractor):
    events = _events(
        extractor,
        "Les avions israéliens ont frappé les villages libanais de Bir Semmour et de Qasr Noura, ainsi que "
        "Khiam, selon l'agence NNA.",
        lang="fr",
    )
    places = _places(events)
    assert {"Bir Semmour", "Qasr Noura", "Khiam"} <= set(places)
    assert places["Bir Semmour"][:3] == ("LB", None, "unresolved")


def test_the_villages_of_a_and_b_in_english(extractor):
    events = _events(extractor, "Israeli warplanes struck the villages of Qasr Noura and Khiam on Wednesday.")
    assert _places(events)["Qasr Noura"][:3] == ("LB", None, "unresolved")


def test_the_settlements_of_a_and_b(extractor):
    # Israeli communities Hezbollah claims, named as settlements or kibbutzim: placed by the town named beside them
    text = "Hezbollah said it fired rockets at Kiryat Shmona and the settlements of Abirim and Manot on Monday."
    places = _places(_events(extractor, text))
    assert places["Abirim"][:3] == ("IL", None, "unresolved") and places["Manot"][:3] == ("IL", None, "unresolved")


def test_no_country_no_place(extractor):
    # nothing in the text says which country the village is in: no event is placed there
    events = _events(extractor, "Warplanes struck the village of Qasr Noura on Wednesday.")
    assert "Qasr Noura" not in _places(events)


def test_a_list_with_an_actor_in_it_is_not_a_list_of_places(extractor):
    events = _events(extractor, "Hezbollah, Amal and Khiam residents said Israeli jets struck Khiam on Wednesday.")
    assert set(_places(events)) <= {"Khiam"}


def test_a_list_of_countries_lends_no_country(extractor):
    events = _events(extractor, "US jets struck Iraq, Syria and Wadi Jilo on Wednesday.")
    assert "Wadi Jilo" not in _places(events)


def test_kb_unresolved_lists_the_names_by_frequency(tmp_path, shared_extractor, cli_runner):
    docs = []
    for i, (published, text) in enumerate(
        [
            ("2024-08-14", "BEIRUT - Israeli warplanes struck Khiam, Wadi Jilo and Kfar Kila on Wednesday, NNA said."),
            ("2024-08-20", "BEIRUT - Israeli jets hit the outskirts of Wadi Jilo and Khiam on Tuesday, NNA said."),
            ("2024-08-21", "BEIRUT - An Israeli strike hit Bir Semmour and Yaroun on Wednesday, NNA said."),
        ]
    ):
        path = tmp_path / f"d{i}.json"
        path.write_text(json.dumps({"id": f"d{i}", "title": "", "published": published, "lang": "en", "text": text}))
        docs.append(str(path))
    db = str(tmp_path / "u.db")
    result = cli_runner.invoke(app, ["ingest", *docs, "--db", db])
    assert result.exit_code == 0, result.stderr
    result = cli_runner.invoke(app, ["kb", "unresolved", "--db", db, "--json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["name"], r["country"], r["documents"]) for r in rows] == [
        ("Wadi Jilo", "LB", 2),
        ("Bir Semmour", "LB", 1),
    ]
    assert rows[0]["first"] == "2024-08-14" and rows[0]["last"] == "2024-08-20"


def test_a_road_between_two_places_adds_no_place(extractor):
    events = _events(extractor, "A drone hit a car on the road between Khiam and Wadi Jilo on Wednesday.")
    assert "Wadi Jilo" not in _places(events)


def test_a_village_named_inside_a_known_district_is_not_a_second_place(extractor):
    events = _events(
        extractor, "A Turkish drone struck a car near the town of Qasr Noura in Iraq's Sinjar district on Monday."
    )
    assert "Qasr Noura" not in _places(events)
