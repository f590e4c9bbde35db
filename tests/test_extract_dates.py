"""Date resolution: weekdays, relative expressions, precision, Hijri dates, time zones, corrections.

Snippets are hand-written for these tests (not taken from the dev set)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _run(extractor, text, published, lang="en"):
    return extractor.extract(Document("t", text, published=published, lang=lang))


def _only_event(result):
    assert len(result.events) == 1, [(e.location and e.location.name, e.date and e.date.iso()) for e in result.events]
    return result.events[0]


def test_dates_weekday_resolves_to_most_recent_such_day(extractor):
    # Published Friday 9 Feb 2024; "Tuesday" is 6 Feb.
    text = "Rockets were fired at the al-Tanf garrison in southern Syria on Tuesday, US officials said."
    event = _only_event(_run(extractor, text, date(2024, 2, 9)))
    assert event.date.iso() == "2024-02-06"
    assert event.date.precision == "day"


def test_dates_late_thursday_is_thursday(extractor):
    # Published Friday 15 March 2024.
    text = "A drone struck near Harir air base late Thursday, Kurdish officials said, without reporting casualties."
    event = _only_event(_run(extractor, text, date(2024, 3, 15)))
    assert event.date.iso() == "2024-03-14"
    assert event.date.precision == "day"


def test_dates_yesterday_is_day_before_publication(extractor):
    text = (
        "Two Katyusha rockets landed inside Baghdad airport's Victory base complex yesterday, an "
        "Iraqi security source said."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 17)))
    assert event.date.iso() == "2024-01-16"


def test_dates_two_days_later_is_relative_to_previous_event(extractor):
    # Published Friday 12 Jan 2024: Sunday = 7 Jan, two days later = 9 Jan.
    text = (
        "A drone hit the al-Omar oil field in eastern Syria on Sunday, the coalition said. Two days "
        "later, rockets were fired at the Conoco gas field, also in Deir ez-Zor province."
    )
    result = _run(extractor, text, date(2024, 1, 12))
    by_place = {e.location.name: e for e in result.events}
    assert set(by_place) == {"Al-Omar oil field", "Conoco gas field"}
    assert by_place["Al-Omar oil field"].date.iso() == "2024-01-07"
    assert by_place["Conoco gas field"].date.iso() == "2024-01-09"


def test_dates_last_week_has_week_precision_on_monday(extractor):
    # Published Wednesday 14 Feb 2024: last week starts Monday 5 Feb.
    text = (
        "A drone attack on Ain al-Asad air base last week caused minor damage to a hangar, an Iraqi "
        "security source told reporters on Wednesday."
    )
    event = _only_event(_run(extractor, text, date(2024, 2, 14)))
    assert event.date.precision == "week"
    assert event.date.iso() == "2024-02-05"


def test_dates_in_february_has_month_precision(extractor):
    text = (
        "The base has been quiet since a rocket barrage targeted Harir air base in February, according "
        "to a coalition spokesman interviewed in April."
    )
    event = _only_event(_run(extractor, text, date(2024, 4, 10)))
    assert event.date.precision == "month"
    assert event.date.iso() == "2024-02"


def test_dates_explicit_day_and_month(extractor):
    text = (
        "Kataib Hezbollah fighters fired a drone at Tower 22 in Jordan on January 20, according to "
        "a US defence official who spoke on condition of anonymity."
    )
    event = _only_event(_run(extractor, text, date(2024, 2, 1)))
    assert event.date.iso() == "2024-01-20"
    assert event.location.name == "Tower 22"


def test_dates_hijri_date_in_translated_statement(extractor):
    # 8 Jumada al-Ula 1445 AH = Wednesday 22 November 2023 (Umm al-Qura); published days later.
    text = (
        "Statement (translated): In the name of God, the Most Merciful. Continuing our approach of "
        "resisting the occupation forces, the mujahideen of the Islamic Resistance in Iraq struck, "
        "on 8 Jumada al-Ula 1445 AH, the occupation base of Ain al-Asad in western Iraq with two "
        "drones, hitting their targets directly."
    )
    event = _only_event(_run(extractor, text, date(2023, 11, 28)))
    assert event.date.precision == "day"
    assert abs((event.date.value - date(2023, 11, 22)).days) <= 1
    assert event.date.basis == "hijri"


def test_dates_us_evening_strike_takes_next_local_day(extractor):
    # 6:30 p.m. EST Friday 2 Feb = 02:30 Saturday 3 Feb in Iraq.
    text = (
        "US Central Command said its bombers struck Kataib Hezbollah positions in al-Qaim at about "
        "6:30 p.m. Eastern Time on Friday."
    )
    event = _only_event(_run(extractor, text, date(2024, 2, 4)))
    assert event.location.name == "Al-Qaim"
    assert event.date.iso() == "2024-02-03"


def test_dates_correction_overrides_earlier_date(extractor):
    # Published Friday 19 Jan 2024: Tuesday = 16 Jan, Wednesday = 17 Jan.
    text = (
        "Two drones targeted Harir air base on Tuesday, a Kurdish official said. No damage was "
        "reported.\n\nCorrection: An earlier version of this story said the attack took place on "
        "Tuesday. It took place on Wednesday."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 19)))
    assert event.date.iso() == "2024-01-17"
