"""A running toll dates an undated page: "a war that has killed more than 20,000 Palestinians" was written
around the day that toll was reached (kb/data/tolls.toml), so its weekdays are read in that week. The toll is
never an event's casualty count. Hand-written snippets; the figures are round milestones or between them."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.kb.tolls import toll_day
from claimgraph.models import Document


@pytest.mark.parametrize(
    ("text", "lang", "figure", "day"),
    [
        (
            "Israel's offensive in Gaza has killed more than 20,000 Palestinians, health officials say.",
            "en",
            20000,
            date(2023, 12, 22),
        ),
        ("The war in Gaza, which has killed 15,000 people, entered its second month.", "en", 15000, date(2023, 11, 29)),
        (
            "À Gaza, plus de 30 000 Palestiniens ont été tués selon le ministère de la Santé.",
            "fr",
            30000,
            date(2024, 2, 29),
        ),
        ("ارتفعت حصيلة العدوان على غزة إلى 40000 شهيد.", "ar", 40000, date(2024, 8, 15)),
    ],
)
def test_a_cited_toll_gives_the_day_it_was_reached(text, lang, figure, day):
    found = toll_day(text, lang)
    assert found is not None and found[2] == figure and found[0] == day


@pytest.mark.parametrize(
    "text",
    [
        "The violence has killed at least 20,000 people in Lebanon, officials said.",  # another war's toll
        "Officials said 900 Palestinians were killed in Gaza.",  # below the toll's range
        "More than 25,000 people attended the rally in Baghdad.",  # no war, no dead
    ],
)
def test_other_figures_are_no_toll(text):
    assert toll_day(text, "en") is None


def test_an_undated_page_citing_a_toll_dates_its_weekday_in_that_week(extractor):
    text = (
        "A drone struck a US base near Erbil on Wednesday, the Islamic Resistance in Iraq said.\n\n"
        "The group says it acts in response to the war in Gaza, where more than 20,000 Palestinians have been "
        "killed, according to the health ministry."
    )
    result = extractor.extract(Document(id="t", text=text, published=None, lang="en"))
    (event,) = result.events
    assert event.date.precision == "week"
    assert date(2023, 12, 16) <= event.date.value <= date(2023, 12, 23)
    assert event.fatalities is None  # the toll is the war's, not the attack's
    assert any(n.kind == "publication_date_assumed" for n in result.notes)


# -- a campaign's count of attacks: the Pentagon's tally of attacks on US forces in Iraq and Syria ---------------


@pytest.mark.parametrize(
    ("text", "lang", "figure", "day"),
    [
        ("US troops in Iraq and Syria have come under attack 55 times since Oct. 17, a spokeswoman said.", "en", 55,
         date(2023, 11, 14)),
        ("Coalition forces in Syria and Iraq were attacked at least 23 times in two weeks, an official said.", "en", 23,
         date(2023, 10, 30)),
        ("There have been more than 40 drone and missile attacks on US military personnel in Syria and Iraq.", "en", 40,
         date(2023, 11, 6)),
        ("Le Pentagone a recensé 78 attaques contre les forces américaines en Irak et en Syrie.", "fr", 78,
         date(2023, 12, 7)),
        ("قال البنتاغون إن القوات الأمريكية في العراق وسوريا تعرضت لـ 66 هجوما منذ منتصف أكتوبر.", "ar", 66,
         date(2023, 11, 21)),
    ],
)  # fmt: skip
def test_a_cited_count_of_attacks_gives_the_day_it_was_reached(text, lang, figure, day):
    found = toll_day(text, lang)
    assert found is not None and found[1].id == "us-forces-attacks-2023" and found[2] == figure and found[0] == day


@pytest.mark.parametrize(
    "text",
    [
        "The Houthis have carried out more than 100 attacks on ships in the Red Sea.",  # another campaign
        "US forces in Iraq and Syria have been attacked nine times since January 4.",  # another start, too few
        "The group says it has launched 60 attacks on Israel.",  # no US forces
        "US forces in Iraq and Syria have come under attack more than 180 times.",  # past the count's last rise
    ],
)
def test_other_counts_of_attacks_date_nothing(text):
    assert toll_day(text, "en") is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The Islamic Resistance in Iraq said on Friday it had struck the Ain al-Asad air base with a drone.\n\n"
            "On Thursday the Pentagon said US forces in Iraq and Syria had faced at least 16 attacks since the "
            "start of October.",
            "en",
        ),
        (
            "أعلنت المقاومة الإسلامية في العراق يوم الجمعة استهداف قاعدة عين الأسد بطائرة مسيرة.\n"
            "وقال البنتاغون الخميس إن القوات الأمريكية تعرضت للهجوم 16 مرة على الأقل في العراق وسوريا.",
            "ar",
        ),
    ],
)
def test_an_undated_page_citing_the_count_dates_its_weekday_and_the_count_is_no_event(extractor, text, lang):
    result = extractor.extract(Document(id="t", text=text, published=None, lang=lang))
    (event,) = result.events  # the count of attacks is a tally, not an event in Iraq
    assert event.location.place_id == "ain-al-asad"
    assert event.date.precision == "week"
    assert abs((event.date.value - date(2023, 10, 27)).days) <= 3
    assert any(n.kind == "publication_date_assumed" and "Pentagon count" in n.message for n in result.notes)


@pytest.mark.parametrize(
    ("text", "lang", "figure"),
    [
        ("ومنذ بدء العمليات تعرضت القوات الأميركية في العراق وسوريا لأكثر من 140 استهدافا.", "ar", 140),
        ("وقالت واشنطن إن القوات الأمريكية تعرضت لـ 140 عملية في العراق وسوريا منذ منتصف تشرين الأول.", "ar", 140),
    ],
)
def test_the_count_of_attacks_in_other_arabic_words_and_spellings(text, lang, figure):
    found = toll_day(text, lang)
    assert found is not None and found[1].id == "us-forces-attacks-2023" and found[2] == figure
    assert found[0] == date(2024, 1, 18)


# -- a count of days: the days of the Gaza war ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        ("ردا على المجازر الإسرائيلية بحق القطاع منذ 100 يوم.", "ar", date(2024, 1, 14)),
        ("ودخلت الحرب على غزة يومها الـ50 مع استمرار القصف.", "ar", date(2023, 11, 25)),
        ("Palestinian officials said the toll rose on day 100 of the war in Gaza.", "en", date(2024, 1, 14)),
        ("Gaza's civil defence said the strikes came on the 200th day of the war.", "en", date(2024, 4, 23)),
    ],
)
def test_a_count_of_the_gaza_wars_days_is_the_day_of_the_text(text, lang, day):
    found = toll_day(text, lang)
    assert found is not None and found[1].id == "gaza-war-days"
    assert found[0] == day  # day N is 6 October + N (the text is read as written the day after it)


@pytest.mark.parametrize(
    "text",
    ["The offensive on Lebanon entered its 50th day.", "On day 100 of the war in Ukraine, Kyiv said it held."],
)
def test_other_counts_of_days_date_nothing(text):
    found = toll_day(text, "en")
    assert found is None or found[1].id != "gaza-war-days"


def test_an_undated_statement_counting_the_wars_days_dates_its_listed_operations(extractor):
    text = (
        "أعلنت المقاومة الإسلامية في العراق استهداف قاعدتين أميركيتين في سوريا. "
        "وقالت في بيان: هاجم مجاهدونا بالطائرات المسيرة قاعدتين للأعداء. "
        "واحدة منها في ريف الحسكة وهي قاعدة الشدادي، والثانية قاعدة التنف، "
        "ردا على المجازر بحق القطاع منذ 100 يوم."
    )
    result = extractor.extract(Document(id="t", text=text, published=None, lang="ar"))
    days = {e.location.name: e.date for e in result.events}
    assert set(days) == {"Al-Shaddadi", "Al-Tanf Garrison"}
    assert all(abs((d.value - date(2024, 1, 14)).days) <= 1 and d.precision == "week" for d in days.values())
    assert all(e.actors == ["Islamic Resistance in Iraq"] for e in result.events)
