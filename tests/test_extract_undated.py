"""Documents with no publication date, and country-level places: real reporting often has both.

Snippets are hand-written for these tests (not taken from any evaluation set)."""

from __future__ import annotations

from datetime import date

from claimgraph.kb.landmarks import document_floor, landmarks, named_landmarks
from claimgraph.models import Document


def _events(extractor, text, published=None, lang="en"):
    out = extractor.extract(Document("t", text, published=published, lang=lang))
    return [(e.date.iso() if e.date else None, e.location.name if e.location else None) for e in out.events]


def test_landmarks_data_loads_with_dates_and_patterns():
    ids = {lm.id for lm in landmarks()}
    assert {"october-7", "tower-22", "soleimani-strike", "iri-first-claims"} <= ids
    assert all(lm.patterns or lm.actor for lm in landmarks())


def test_landmarks_floor_is_the_latest_named():
    text = "Two days after the Tower 22 attack, and months into the Gaza war, drones flew again."
    assert document_floor(text, "en") == date(2024, 1, 28)
    assert document_floor("ولم تتبن اي جهة الهجوم منذ طوفان الأقصى", "ar") == date(2023, 10, 7)
    assert document_floor("A quiet week in the markets.", "en") is None


def test_landmarks_an_actor_can_be_the_floor():
    named = named_landmarks("no pattern here", "en", {"islamic-resistance-in-iraq"})
    assert [lm.id for lm in named] == ["iri-first-claims"]


def test_undated_yearless_day_takes_the_year_after_the_brands_birth(extractor):
    text = (
        "The Islamic Resistance in Iraq said its fighters struck Ain al-Asad air base with two drones "
        "late on December 2, causing no casualties."
    )
    assert _events(extractor, text) == [("2023-12-02", "Ain al-Asad Air Base")]


def test_undated_yearless_day_after_a_later_landmark_moves_to_that_year(extractor):
    text = (
        "Weeks after the Tower 22 attack, rockets hit the Harir air base north of Erbil on March 3, "
        "a Kurdish security official said."
    )
    assert _events(extractor, text) == [("2024-03-03", "Harir Air Base")]


def test_undated_reference_landmark_day_dates_no_event(extractor):
    text = "Since October 7, militias have fired drones at Ain al-Asad air base, the Pentagon says."
    assert _events(extractor, text) == []


def test_dated_document_is_not_moved_by_landmarks(extractor):
    text = "A drone hit the Harir air base on Tuesday, two weeks after the Tower 22 attack."
    assert _events(extractor, text, published=date(2024, 2, 16)) == [("2024-02-13", "Harir Air Base")]


def test_country_after_locative_is_the_place_of_a_dated_attack(extractor):
    text = "US forces in Syria shot down two drones on Wednesday, a defence official said."
    assert _events(extractor, text, published=date(2023, 11, 24)) == [("2023-11-22", "Syria")]


def test_country_as_subject_is_the_state_not_a_place(extractor):
    text = "Syria condemned the strike on Monday and summoned the US envoy."
    assert _events(extractor, text, published=date(2023, 11, 24)) == []


def test_country_in_arabic_after_fi_is_the_place(extractor):
    text = "أسقطت القوات الأمريكية في سوريا طائرة مسيرة يوم الأربعاء."
    events = _events(extractor, text, published=date(2023, 11, 24), lang="ar")
    assert events == [("2023-11-22", "Syria")]


def test_two_countries_without_a_site_make_no_event(extractor):
    text = "Militias have attacked US forces in Iraq and Syria on Tuesday and Wednesday, officials said."
    assert _events(extractor, text, published=date(2023, 11, 24)) == []


def test_furniture_related_link_line_makes_no_event(extractor):
    text = (
        "A drone hit the Harir air base on Tuesday, officials said.\n"
        "Read more: Rockets hit Ain al-Asad air base on Monday\n"
    )
    assert _events(extractor, text, published=date(2024, 2, 16)) == [("2024-02-13", "Harir Air Base")]


def test_caption_year_is_not_the_story_year(extractor):
    text = (
        "Troops train near Deir ez-Zor, May 3, 2021. (Photo: a staff photographer)\n"
        "On Nov. 12, drones launched by the Islamic Resistance in Iraq hit the al-Shaddadi base in Syria."
    )
    assert [d for d, _ in _events(extractor, text)] == ["2023-11-12"]


def test_since_october_17_count_sets_the_campaign_floor():
    assert document_floor("US forces have been attacked 52 times since Oct. 17, an official said.", "en") == date(
        2023, 10, 17
    )


def test_undated_weekday_cannot_borrow_the_context_date(extractor):
    text = (
        "Since October 17, the Islamic Resistance in Iraq has claimed dozens of attacks.\n"
        "Last Thursday, a drone was shot down over the Harir air base, officials said."
    )
    assert _events(extractor, text) == []


def test_caption_keeps_its_own_dated_fact(extractor):
    text = (
        "Rockets hit the Ain al-Asad base on Tuesday, officials said.\n"
        "Smoke rises over Ain al-Asad air base after a rocket attack, July 7, 2021. (Photo: staff)\n"
    )
    dates = sorted(d for d, _ in _events(extractor, text, published=date(2024, 8, 8)))
    assert dates == ["2021-07-07", "2024-08-06"]


def test_country_event_of_last_month_keeps_month_precision(extractor):
    text = "Washington struck back for the drone attack in Jordan last month that killed three US troops."
    out = extractor.extract(Document("t", text, published=date(2024, 2, 9)))
    dated = [(e.date.iso(), e.date.precision, e.location.country) for e in out.events]
    # the drone attack in Jordan that killed three US troops is the Tower 22 attack: its own day
    assert ("2024-01-28", "day", "JO") in dated


def test_undated_period_start_dates_no_later_event(extractor):
    text = (
        "Since October 17, the Islamic Resistance in Iraq has claimed more than 40 attacks.\n"
        "Drones were also shot down over the Harir air base, officials said."
    )
    assert _events(extractor, text) == []


def test_undated_report_of_the_landmark_itself_takes_its_day(extractor):
    text = "A drone attack killed three US soldiers at Tower 22 in Jordan on Saturday night, US officials said."
    assert _events(extractor, text) == [("2024-01-28", "Tower 22")]


def test_country_event_gives_way_to_the_sites_told_the_next_day(extractor):
    text = (
        "US forces struck targets in Iraq late on Tuesday, the Pentagon said.\n"
        "On Wednesday the strikes hit a Kataib Hezbollah depot at Jurf al-Sakhar, Iraqi officials said."
    )
    names = [n for _, n in _events(extractor, text, published=date(2024, 1, 25))]
    assert "Jurf al-Sakhar" in names and "Iraq" not in names
