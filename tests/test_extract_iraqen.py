"""English reporting of the Iraqi militia campaign: two sides' attacks told the same day in one country, habits
told with "mainly", "hours ago", a country name that a gazetteer town also bears, encyclopaedia reference
markers, and a dateline whose agency line is in brackets. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document
from claimgraph.nlp.normalize import blank_footnotes


def _events(extractor, text: str, published: date = date(2024, 3, 6)):
    return extractor.extract(Document(id="t", text=text, published=published, lang="en")).events


def _names(events) -> set[str]:
    return {e.location.name for e in events if e.location}


def test_a_state_strike_in_the_country_is_not_the_militia_attack_on_a_base_there(extractor):
    events = _events(
        extractor,
        "On March 4, Kataib Hezbollah fired rockets at Ain al-Asad air base, wounding two soldiers.\n\n"
        "Hours later on March 4, US forces carried out air strikes in Iraq against the group responsible.",
    )
    assert {"Ain al-Asad Air Base", "Iraq"} <= _names(events)
    (iraq,) = [e for e in events if e.location.name == "Iraq"]
    assert iraq.actors == ["US forces"]


def test_the_same_sides_strike_in_the_country_still_gives_way_to_its_site(extractor):
    events = _events(
        extractor,
        "On March 4, US forces struck targets in Iraq. The US strike hit a depot in Jurf al-Sakhar on March 4.",
    )
    assert "Iraq" not in _names(events)


def test_targets_the_attacks_have_mainly_hit_are_a_habit(extractor):
    events = _events(
        extractor,
        "Their rockets have mostly struck Ain al-Asad air base, Erbil air base and the Victory base complex.",
    )
    assert events == []


def test_hours_ago_is_the_day_of_publication(extractor):
    (e,) = _events(
        extractor,
        "The camp had been handed over on January 9, 2024.\n\nA few hours ago, a drone hit Harir air base.",
    )
    assert e.date.iso() == "2024-03-06"


def test_a_country_named_after_a_locative_word_is_not_a_town_of_that_name(extractor):
    events = _events(
        extractor,
        "Iran denied a role. A drone struck a checkpoint in Palestine on Tuesday.",
    )
    assert all(e.location.country != "IR" for e in events)


def test_reference_markers_are_blanked_one_space_per_character():
    text = "The US struck Kataib Hezbollah in Iraq.[2][13] A [note] stays, as does [1] alone."
    out = blank_footnotes(text)
    assert len(out) == len(text)
    assert out.endswith("in Iraq." + " " * 7 + " A [note] stays, as does [1] alone.")


def test_a_place_before_reference_markers_is_read(extractor):
    (e,) = _events(extractor, "On 2 March 2024, a drone struck Erbil air base.[4][5] No one was hurt.")
    assert e.location.name == "Erbil Air Base"


def test_a_dateline_with_its_agency_line_in_brackets_is_no_site(extractor):
    events = _events(
        extractor,
        "Baghdad, (Gulf Wire Service - 5th Mar, 2024) US aircraft struck militia depots in Al-Qaim on Monday.",
    )
    assert _names(events) == {"Al-Qaim"}


def test_an_attack_told_with_a_past_year_alone_is_background(extractor):
    events = _events(
        extractor,
        "Militias have vowed revenge since a US drone strike in Baghdad killed their founder in 2020.",
    )
    assert events == []


def test_an_attack_in_the_year_of_publication_is_still_news(extractor):
    (e,) = _events(extractor, "A US drone strike in Baghdad killed a militia commander in 2024, officials said.")
    assert e.location.name == "Baghdad"


def test_the_place_a_named_base_is_described_in_locates_it(extractor):
    (e,) = _events(
        extractor,
        "On 2 March 2024, a drone struck Tower 22, a small US logistics outpost in Rukban, killing a soldier.",
    )
    assert e.location.name == "Tower 22"


def test_a_garrison_named_after_near_the_us_locates_the_camp(extractor):
    events = _events(
        extractor,
        "On 2 March 2024, a drone hit a training camp in Rukban near the U.S. al-Tanf garrison.",
    )
    assert _names(events) == {"Rukban"}


def test_the_people_a_blamed_attack_wounded_are_its_target_not_its_author(extractor):
    (e,) = _events(
        extractor,
        "A rocket attack blamed on an Iran-aligned militia wounded four U.S. personnel at Erbil air base on Monday.",
    )
    assert "US forces" not in e.actors
    assert e.target == "US forces"


def test_a_singular_iran_backed_militia_is_the_unnamed_actor(extractor):
    (e,) = _events(extractor, "On Monday an Iranian-backed militia fired two rockets at Ain al-Asad air base.")
    assert e.actors == ["Unidentified Iran-backed militia"]


def test_forces_said_to_be_targeted_are_the_target(extractor):
    (e,) = _events(extractor, "On March 1, coalition troops at Harir air base were attacked by two drones.")
    assert e.target == "Coalition forces"
    assert "Coalition forces" not in e.actors


def test_forces_in_a_country_that_were_targeted_are_the_target(extractor):
    (e,) = _events(extractor, "MARCH 3 - U.S. troops in Syria are targeted in three separate rocket attacks.")
    assert e.target == "US forces"
