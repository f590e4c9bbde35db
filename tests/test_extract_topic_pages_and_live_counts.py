"""An encyclopaedic page about one base: "the base" is the page's own, not the last site another section named; a
later sentence's site beside it is an event of its own, with its own figures. A live page that counts the days of
a war ("اليوم الـ364 من «طوفان الأقصى»", "Day 100 of the Israel-Hamas war") is of that day. On such a page: a
series of raids "carried out by the occupation's aircraft" on one place is that place's event, Israel's; an
outlet's correspondent names no place; a rocket salvo is rockets; a group's line "X: our fighters targeted ..."
is X's claim; a region listed with a town of another country is a site of its own. Texts written for these tests.
"""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

BASE_PAGE = """Harir Air Base
From Wikipedia, the free encyclopedia

Harir Air Base is a military airfield in the Erbil Governorate of the Kurdistan Region of Iraq.

History
In 2020, missiles were fired at a compound near Baghdad International Airport.

Attacks
- On 9 November 2023, two drones were launched at the base; one was shot down and no injuries were reported. \
The Islamic Resistance in Iraq claimed the attack.
- On 4 January 2024, a rocket struck the base, wounding two contractors. Minutes later a U.S. helicopter struck \
a truck near Qaraqosh, killing three people.
"""


def test_the_base_on_a_page_about_the_base_is_that_base(extractor):
    out = extractor.extract(Document(id="t", text=BASE_PAGE, lang="en"))
    by_day = {(e.date.value, e.location.name): e for e in out.events}
    assert (date(2023, 11, 9), "Harir Air Base") in by_day
    assert (date(2024, 1, 4), "Harir Air Base") in by_day
    assert not any(e.location.name.startswith("Baghdad") and e.date.value.year > 2020 for e in out.events)


def test_a_later_sentence_site_is_its_own_event_with_its_own_toll(extractor):
    out = extractor.extract(Document(id="t", text=BASE_PAGE, lang="en"))
    harir = next(e for e in out.events if e.location.name == "Harir Air Base" and e.date.value == date(2024, 1, 4))
    qaraqosh = [e for e in out.events if e.date.value == date(2024, 1, 4) and e is not harir]
    assert harir.injuries == 2 and harir.fatalities is None
    assert len(qaraqosh) == 1 and qaraqosh[0].fatalities == 3
    assert qaraqosh[0].actors == ["US forces"]


LIVE_AR = """قناة المنار | تغطية مباشرة
اليوم الـ٣٠٠ من «طوفان الأقصى»

21:40
المقاومة الإسلامية في لبنان: استهدف مجاهدونا ثكنة زرعيت بصلية صاروخية.

19:05
المقاومة الإسلامية في العراق: هاجم مجاهدونا، فجر اليوم، هدفين في الجولان المحتل وصفد بالطائرات المسيّرة.

03:10
مراسل الميادين: سلسلة غارات نفذها طيران الاحتلال بعد منتصف الليل على بلدة الخيام.
"""


def _live(extractor):
    return extractor.extract(Document(id="t", text=LIVE_AR, lang="ar"))


def test_a_live_page_is_dated_by_the_day_of_the_war_it_counts(extractor):
    out = _live(extractor)
    assert out.events
    assert {e.date.value for e in out.events} == {date(2024, 8, 1)}  # day 1 = 7 October 2023


def test_a_groups_line_in_the_first_person_claims_and_a_salvo_is_rockets(extractor):
    out = _live(extractor)
    told = {e.location.name: e for e in out.events}
    zarit = next(e for name, e in told.items() if "Zar" in name)
    assert zarit.claimed_by == ["Hezbollah (Lebanon)"]
    assert zarit.weapons == ["rocket"]


def test_a_region_listed_with_a_town_of_another_country_is_a_site_of_its_own(extractor):
    told = {e.location.name: e for e in _live(extractor).events}
    assert "Golan Heights" in told and "Safed" in told
    assert told["Golan Heights"].claimed_by == told["Safed"].claimed_by == ["Islamic Resistance in Iraq"]


def test_raids_by_the_occupations_aircraft_on_one_town_are_an_israeli_event_and_the_outlet_is_no_place(extractor):
    told = {e.location.name: e for e in _live(extractor).events}
    assert told["Khiam"].actors == ["Israel"]
    assert "Al-Mayadin" not in told


def test_the_war_day_count_in_english_and_french(extractor):
    en = "Live updates: Day 100 of the Israel-Hamas war\n\nA drone struck al-Tanf garrison today, officials said."
    out = extractor.extract(Document(id="t", text=en, lang="en"))
    assert [e.date.value for e in out.events] == [date(2024, 1, 14)]  # day 1 = 7 October 2023
    fr = "En direct : jour 100 de la guerre à Gaza\n\nUne roquette a frappé la base d'Aïn al-Assad aujourd'hui."
    out = extractor.extract(Document(id="t", text=fr, lang="fr"))
    assert [e.date.value for e in out.events] == [date(2024, 1, 14)]
