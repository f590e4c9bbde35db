"""Datelines with no place, holidays, speakers and what an assumed day may not hide (seventeenth session).

"Jan 22 (Reuters) - ..." is a wire's dateline though it names no city: its day is the story's, not a timeline's
entry. "يوم عيد الميلاد" and "le jour de Noël" are the 25th of December. "أفاد مصدر في وزارة الداخلية" names the
ministry a source speaks from, no party to the strike it reports. An address that spells a tracker's period
("/tracker/2025-06-24-to-2025-07-03") is of the period's last day. An undated page dated by a landmark it names
still tells of the later days it writes with their year. The Mezzeh district and the consulate the KB puts in it
are one strike's site; "Jerusalem Boulevard in Jaffa" is a street of Jaffa; "the Oct. 7 Hamas attack on Israel"
makes no party of Hamas. Sentences written for these tests."""

from datetime import date

from claimgraph.extract.publication import url_date
from claimgraph.extract.undated import assumed_day
from claimgraph.models import Document
from claimgraph.nlp.dates import find_dates


def _events(extractor, text, lang="en", published=None):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published)).events


def _at(events):
    return sorted((e.date.value.isoformat() if e.date.value else None, e.location.name) for e in events)


def test_a_wire_dateline_with_no_place_gives_the_story_its_day():
    text = (
        "Factbox\nJan 22 (Reuters) - Rockets struck Ain al-Asad air base in western Iraq on Monday, the latest of "
        "dozens of attacks on U.S. forces since the Gaza war began, officials said.\n"
    )
    found = assumed_day(None, text, "en")
    assert found is not None and found[0] == date(2024, 1, 22) and found[1] == "day"
    # a day with a note of its own is still a timeline's entry, no dateline
    entry = "Timeline\n\nOCT. 26 (local time) - Two drones struck the base at al-Tanf in Syria since the Gaza war.\n"
    found = assumed_day(None, entry, "en")
    assert found is None or found[2] != "its dateline"


def test_christmas_and_new_year_are_days_in_arabic_and_french():
    ar = [d.value for d in find_dates("استهدفت مسيرة القاعدة صباح يوم عيد الميلاد.", 0, "ar", date(2024, 1, 10))]
    assert date(2023, 12, 25) in ar
    assert date(2023, 12, 31) in [
        d.value for d in find_dates("سقطت صواريخ قرب السفارة ليلة رأس السنة.", 0, "ar", date(2024, 1, 10))
    ]
    fr = [d.value for d in find_dates("Un drone a visé la base le jour de Noël.", 0, "fr", date(2024, 1, 10))]
    assert fr == [date(2023, 12, 25)]
    # a man's birthday is no holiday
    assert [d.value for d in find_dates("احتفل القائد بعيد ميلاده الخمسين.", 0, "ar", date(2024, 1, 10))] == []


def test_a_holiday_dates_the_attack_it_is_told_with(extractor):
    text = "Un drone a visé la base d'Erbil le jour de Noël, a indiqué l'armée."
    events = _events(extractor, text, "fr", date(2024, 1, 3))
    assert _at(events) == [("2023-12-25", "Erbil")]


def test_a_source_in_a_ministry_is_no_party_to_the_strike_it_reports(extractor):
    text = (
        "أفاد مصدر في وزارة الداخلية العراقية، فجر اليوم الثلاثاء، بأن طائرات أمريكية قصفت مقراً للحشد الشعبي "
        "في مدينة الحلة، ما أسفر عن مقتل عنصر."
    )
    (event,) = _events(extractor, text, "ar", date(2023, 12, 26))
    assert event.actors == ["US forces"]
    text = "قال مسؤول أمني في وزارة الدفاع إن مسيرة مجهولة استهدفت معسكر التاجي مساء أمس."
    (event,) = _events(extractor, text, "ar", date(2025, 6, 25))
    assert event.actors == []


def test_an_address_that_spells_a_period_is_of_its_last_day():
    assert url_date("https://monitor.example.org/tracker/2025-06-24-to-2025-07-03") == date(2025, 7, 3)
    assert url_date("https://news.example.com/2024/01/28/story") == date(2024, 1, 28)


def test_a_page_dated_by_a_landmark_still_tells_the_later_days_it_writes(extractor):
    text = (
        "Profile\n"
        "The group's commander Abu Baqir al-Saadi was killed by a US drone strike in Baghdad on 7 February 2024.\n\n"
        "On 1 April 2024 a drone launched from Iraq hit a hangar at the Eilat naval base; the Islamic Resistance in "
        "Iraq claimed it.\n"
    )
    events = _events(extractor, text)
    assert ("2024-04-01", "Eilat") in _at(events)
    assert all(e.date.precision == "day" for e in events)


def test_a_quarter_and_the_site_the_kb_puts_in_it_are_one_strike(extractor):
    text = (
        "APRIL 1 – STRIKE IN DAMASCUS\nA suspected Israeli air strike flattened the consular building beside Iran's "
        "embassy in the Mezzeh district of Damascus, killing General Mohammad Reza Zahedi of the Quds Force and six "
        "other officers."
    )
    events = _events(extractor, text, published=date(2024, 4, 3))
    assert _at(events) == [("2024-04-01", "Iranian consulate in Damascus")]
    assert events[0].fatalities == 7


def test_a_street_named_after_a_city_is_no_site(extractor):
    text = "Two gunmen opened fire at a tram stop on Jerusalem Boulevard in Jaffa on Tuesday evening, killing six."
    assert [name for _, name in _at(_events(extractor, text, published=date(2024, 10, 2)))] == ["Jaffa"]
    text = "Un homme a été tué par des tirs sur le boulevard de Jérusalem à Jaffa mardi soir, selon la police."
    assert [name for _, name in _at(_events(extractor, text, "fr", date(2024, 10, 2)))] == ["Jaffa"]


def test_a_party_named_inside_a_reference_takes_no_part(extractor):
    text = (
        "Rockets struck Ain al-Asad air base in western Iraq on Monday, the latest of dozens of attacks on U.S. "
        "forces since the Oct. 7 Hamas attack on Israel, officials said."
    )
    (event,) = _events(extractor, text, published=date(2024, 1, 22))
    assert event.actors == []
