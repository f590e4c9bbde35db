"""Casualty counts: lower bounds, vague amounts, zero, sums, updates and shared totals.

Snippets are hand-written for these tests (not taken from the dev set)."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.models import Document


def _run(extractor, text, published):
    return extractor.extract(Document("t", text, published=published, lang="en"))


def _only_event(result):
    assert len(result.events) == 1, [(e.location and e.location.name) for e in result.events]
    return result.events[0]


def test_casualties_at_least_n_becomes_n(extractor):
    text = (
        "A one-way drone slammed into the living quarters at Tower 22 in Jordan on Sunday, killing "
        "three American soldiers and wounding at least 34 others, US officials said."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 30)))
    assert event.fatalities == 3
    assert event.injuries == 34


def test_casualties_dozens_is_not_a_number(extractor):
    text = "Rockets hit a compound near Baghdad airport on Thursday, wounding dozens of people, medical sources said."
    event = _only_event(_run(extractor, text, date(2024, 1, 13)))
    assert event.injuries is None
    assert event.fatalities is None


def test_casualties_several_wounded_is_not_a_number(extractor):
    text = (
        "Several service members suffered minor injuries when a rocket hit the al-Tanf garrison on "
        "Monday, the Pentagon said."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 10)))
    assert event.injuries is None


def test_casualties_no_casualties_gives_zero_and_zero(extractor):
    text = (
        "Two drones targeted Erbil air base on Saturday, a security source said, adding that there were no casualties."
    )
    event = _only_event(_run(extractor, text, date(2024, 3, 4)))
    assert event.fatalities == 0
    assert event.injuries == 0


def test_casualties_no_one_was_hurt_gives_zero_and_zero(extractor):
    text = "A rocket fell inside the Conoco gas field base on Friday. No one was hurt, a US official said."
    event = _only_event(_run(extractor, text, date(2024, 1, 8)))
    assert (event.fatalities, event.injuries) == (0, 0)


def test_casualties_components_are_summed(extractor):
    text = (
        "Missiles struck Ain al-Asad air base on Saturday evening. Four US soldiers and a contractor "
        "were wounded, US Central Command said."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 22)))
    assert event.injuries == 5
    assert event.fatalities is None


def test_casualties_updated_figure_wins(extractor):
    text = (
        "A US drone strike hit two vehicles in Jurf al-Sakhar on Tuesday night. Iraqi security "
        "sources initially said two fighters were killed. Later on Wednesday, the Popular Mobilization "
        "Forces said the death toll had risen to five."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 25)))
    assert event.location.name == "Jurf al-Sakhar"
    assert event.fatalities == 5


def test_casualties_shared_total_for_two_strikes_is_not_copied(extractor):
    text = (
        "US jets struck Kataib Hezbollah sites in Jurf al-Sakhar, south of Baghdad, and near "
        "al-Qaim on the Syrian border on Sunday. The strikes killed 16 people in total, the "
        "Iraqi government said."
    )
    result = _run(extractor, text, date(2024, 2, 5))
    by_place = {e.location.name: e for e in result.events}
    assert set(by_place) == {"Jurf al-Sakhar", "Al-Qaim"}
    assert by_place["Jurf al-Sakhar"].fatalities is None
    assert by_place["Al-Qaim"].fatalities is None


def test_casualties_named_victim_together_with_companions(extractor):
    text = (
        "A US drone strike on a car in eastern Baghdad on Wednesday killed Abu Fadak, a senior commander of the "
        "group, together with two of his bodyguards, security sources said."
    )
    (event,) = extractor.extract(Document("t", text, published=date(2024, 5, 9), lang="en")).events
    assert event.fatalities == 3


def test_casualties_counted_targets_are_not_dead(extractor):
    text = "US bombers struck 40 targets in Deir ez-Zor on Friday and killed a militia commander in Albu Kamal."
    result = extractor.extract(Document("t", text, published=date(2024, 2, 3), lang="en"))
    assert all(e.fatalities in (None, 1) for e in result.events)


def test_casualties_french_a_tue_counts(extractor):
    text = "Une frappe de drone américaine a tué mardi quatre combattants près de Kirkouk, selon des sources locales."
    (event,) = extractor.extract(Document("t", text, published=date(2024, 5, 8), lang="fr")).events
    assert event.fatalities == 4


def test_casualties_arabic_no_human_losses_is_zero(extractor):
    text = "سقط صاروخان قرب قاعدة عين الأسد الجوية مساء الثلاثاء من دون تسجيل خسائر بشرية."
    (event,) = extractor.extract(Document("t", text, published=date(2024, 6, 19), lang="ar")).events
    assert (event.fatalities, event.injuries) == (0, 0)


def test_casualties_follow_up_naming_two_places_goes_to_the_nearest(extractor):
    text = (
        "US aircraft struck sites at Jurf al-Sakhar and near al-Qaim on Wednesday. At Jurf al-Sakhar, two fighters "
        "were killed, the group said; no toll was given for al-Qaim."
    )
    result = extractor.extract(Document("t", text, published=date(2024, 1, 25), lang="en"))
    figures = {e.location.name: e.fatalities for e in result.events}
    assert figures["Jurf al-Sakhar"] == 2
    assert figures["Al-Qaim"] is None


def test_casualties_year_of_a_dateline_is_not_a_death_toll(extractor):
    from datetime import date

    from claimgraph.models import Document

    text = (
        "Beyrouth, 21 nov 2024 (AFP) - Des frappes israéliennes ont tué mercredi 36 combattants pro-iraniens "
        "à Palmyre, dans le centre de la Syrie."
    )
    (event,) = extractor.extract(Document("t", text, published=date(2024, 11, 21), lang="fr")).events
    assert event.fatalities == 36


def test_casualties_an_impossible_count_is_no_figure(extractor):
    from claimgraph.models import Document

    text = "A drone struck the Harir air base on Tuesday, killing 99999999999999999999 soldiers."
    out = extractor.extract(Document("t", text, published=date(2024, 2, 16)))
    assert [(e.location.name, e.fatalities) for e in out.events] == [("Harir Air Base", None)]


def test_a_part_of_those_killed_is_no_new_toll():
    from claimgraph.extract.casualties import parse_casualties

    assert parse_casualties("At least two of those killed were members of the Amal movement.").fatalities is None
    assert parse_casualties("The strike killed three emergency workers in the town.").fatalities == 3


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A drone attack targeted the Ain al-Asad airbase on Monday, without causing casualties or damage.", "en"),
        ("A drone hit Ain al-Asad air base on Monday, causing minor damage without any reported human casualties.",
         "en"),
        ("Rockets struck Ain al-Asad air base on Monday; there were no reported casualties.", "en"),
        ("سقطت طائرة مسيرة على قاعدة عين الأسد يوم الاثنين دون أن تسفر عن إصابات.", "ar"),
        ("استهدفت طائرة مسيرة قاعدة عين الأسد يوم الاثنين، ولم ترد أنباء عن وقوع إصابات.", "ar"),
    ],
)  # fmt: skip
def test_no_casualties_in_other_words(extractor, text, lang):
    (event,) = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2023, 12, 5))).events
    assert (event.fatalities, event.injuries) == (0, 0)
