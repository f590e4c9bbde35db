"""A monitor's dispatch: an undated page that names its days by weekday, a headline above the dated account, a
drone nobody owns, a name quoted before its last word, a toll for two sites, a toll told with its raid.

Every snippet is written for these tests (none is copied from a real page)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

IRI = "Islamic Resistance in Iraq"


def _out(extractor, text, lang="ar", published=None, title=""):
    return extractor.extract(Document("t", text, published=published, lang=lang, title=title))


def _by_place(out):
    return {e.location.name: e for e in out.events if e.location}


def test_undated_page_takes_the_year_of_the_day_it_names_with_its_weekday(extractor):
    # no publication date, no address: "the evening of Sunday 12 November" fits 2023 alone among the campaign's
    # years, and "this Monday morning" is the day after
    text = (
        "وثق ناشطون مساء يوم الأحد 12 تشرين الثاني غارات جوية أمريكية على مقرات للفصائل في مدينة الميادين.\n"
        "وفي صباح اليوم الاثنين، استهدفت طائرة مسيرة قاعدة حقل كونيكو."
    )
    out = _out(extractor, text)
    events = _by_place(out)
    assert events["Al-Mayadin"].date.value == date(2023, 11, 12)
    assert events["Conoco gas field"].date.value == date(2023, 11, 13)
    assert any(n.kind == "publication_date_assumed" and "2023-11-13" in n.message for n in out.notes)


def test_a_weekday_day_that_fits_no_single_year_dates_no_page(extractor):
    # 12 November is a Sunday in 2023 only; written with Monday it fits no year from 2019 to 2026
    text = "وثق ناشطون مساء يوم الاثنين 12 تشرين الثاني غارات جوية أمريكية على مقرات للفصائل في مدينة الميادين."
    out = _out(extractor, text)
    assert not any(n.kind == "publication_date_assumed" and "weekday" in n.message for n in out.notes)


def test_a_weekday_day_that_fits_no_campaign_year_is_read_in_the_earlier_round_it_fits(extractor):
    # written with Friday, 12 November fits 2021 alone (the Kataib Hezbollah attacks of the earlier rounds)
    text = "وثق ناشطون مساء يوم الجمعة 12 تشرين الثاني غارات جوية أمريكية على مقرات للفصائل في مدينة الميادين."
    (e,) = _out(extractor, text).events
    assert e.date.value == date(2021, 11, 12)


def test_a_headline_dated_by_the_page_gives_way_to_the_body_s_own_day(extractor):
    text = (
        "غارات أمريكية على مواقع للفصائل في البوكمال.. ومقتل 5 عناصر\n\n"
        "شنت طائرات حربية أمريكية مساء يوم الخميس 8 شباط غارات على مستودعات أسلحة في بادية البوكمال."
    )
    (event,) = _out(extractor, text, published=date(2024, 2, 9)).events
    assert event.location.name == "Albu Kamal"
    assert event.date.value == date(2024, 2, 8)
    assert event.fatalities == 5


def test_a_drone_of_unknown_origin_is_nobody_s_even_after_a_claim(extractor):
    text = (
        "قصفت الفصائل قاعدة حقل العمر بصواريخ. وتبنت المقاومة الإسلامية في العراق الهجوم في بيان.\n"
        "كما سُمع دوي انفجار في قاعدة الشدادي بعد ساعات جراء استهدافها بطائرة مسيرة مجهولة المصدر."
    )
    events = _by_place(_out(extractor, text, published=date(2024, 1, 10)))
    assert events["Al-Omar oil field"].claimed_by == [IRI]
    assert events["Al-Shaddadi"].claimed_by == [] and events["Al-Shaddadi"].actors == []


def test_unknown_origin_in_english_and_french(extractor):
    en = "Late on Tuesday a drone of unknown origin struck the Conoco gas field, where US troops are based."
    (event,) = _out(extractor, en, lang="en", published=date(2024, 1, 10)).events
    assert event.actors == [] and event.claimed_by == [] and event.unclaimed
    fr = (
        "Mardi soir, un drone d'origine inconnue a frappé le champ gazier de Conoco, "
        "où sont stationnés des soldats américains."
    )
    (event,) = _out(extractor, fr, lang="fr", published=date(2024, 1, 10)).events
    assert event.actors == [] and event.claimed_by == []


def test_a_name_quoted_before_its_last_word_is_the_longer_name(extractor):
    text = 'ويعد "حزب الله" العراقي أحد أبرز فصائل المقاومة الإسلامية في العراق.'
    out = _out(extractor, text, published=date(2024, 1, 10))
    assert [(m.member, m.umbrella) for m in out.memberships] == [("Kataib Hezbollah", IRI)]


def test_a_toll_for_the_two_sites_is_no_single_site_s(extractor):
    text = (
        "استهدفت غارات أمريكية مساء أمس مقراً للفصائل في البوكمال ومستودعاً في الميادين. "
        "وقتل 7 عناصر من الفصائل في الموقعين."
    )
    events = _by_place(_out(extractor, text, published=date(2024, 2, 3)))
    assert events["Albu Kamal"].fatalities is None and events["Al-Mayadin"].fatalities is None
    fr = (
        "Des frappes américaines ont visé jeudi un dépôt à Boukamal et un quartier général à Mayadine. "
        "Sept combattants ont été tués dans les deux frappes."
    )
    events = _by_place(_out(extractor, fr, lang="fr", published=date(2024, 2, 3)))
    assert events["Albu Kamal"].fatalities is None and events["Al-Mayadin"].fatalities is None


def test_a_toll_told_with_its_raid_by_a_pronoun(extractor):
    text = "ونفذت طائرات أمريكية غارة على مستودع للأسلحة في ريف دير الزور يوم الأربعاء، قُتل فيها 6 عناصر من الفصائل."
    (event,) = _out(extractor, text, published=date(2024, 2, 3)).events
    assert event.fatalities == 6
    text = "واستهدفت مسيرة قاعدة حرير مساء أمس في هجوم أصيب فيه جنديان."
    (event,) = _out(extractor, text, published=date(2024, 2, 3)).events
    assert event.injuries == 2


def test_a_scheduled_day_dates_the_page_through_the_weekday_it_calls_today(extractor):
    # "the session scheduled for Thursday 23 October" fits 2025 alone; "today, Monday" is the Monday before it
    text = (
        "استهدفت مسيّرة معادية ظهر اليوم الاثنين سيارة في بلدة عيترون.\n"
        "ويترقب الأهالي ما ستخرج به جلسة مجلس الوزراء المقررة الخميس 23 تشرين الأول."
    )
    (event,) = _out(extractor, text).events
    assert event.date.value == date(2025, 10, 20)


def test_the_lead_s_bare_weekday_is_the_news_day_after_a_day_named_with_its_weekday(extractor):
    text = (
        "أعلنت فصائل المقاومة الإسلامية في العراق، الخميس، استهداف قاعدة حرير بطائرة مسيرة.\n"
        "وكانت الفصائل قد أعلنت الثلاثاء 17 أكتوبر/تشرين الأول أولى عملياتها باستهداف قاعدة عين الأسد."
    )
    events = _by_place(_out(extractor, text))
    assert events["Harir Air Base"].date.value == date(2023, 10, 19)
    assert events["Ain al-Asad Air Base"].date.value == date(2023, 10, 17)


def test_a_headline_told_again_with_the_page_s_day_stays_apart_from_an_earlier_attack(extractor):
    text = (
        "«المقاومة الإسلامية في العراق» تعلن استهداف قاعدة «عين الأسد» بمسيّرتين\n\n"
        "أعلنت المقاومة الإسلامية في العراق، الخميس، استهداف قاعدة عين الأسد بطائرتين مسيرتين.\n"
        "وكانت المقاومة قد أعلنت الثلاثاء 17 تشرين الأول أولى عملياتها باستهداف قاعدة عين الأسد أيضاً."
    )
    out = _out(extractor, text, published=date(2023, 10, 19))
    assert sorted(e.date.value for e in out.events) == [date(2023, 10, 17), date(2023, 10, 19)]


def test_the_war_on_gaza_named_as_background_is_no_event(extractor):
    text = "وتأتي هذه الهجمات على خلفية الهجوم الإسرائيلي على قطاع غزة، الذي بدأ قبل أسبوعين."
    assert _out(extractor, text, published=date(2023, 10, 19)).events == []
    en = "The drone attacks come amid the war in Gaza. An Israeli strike hit a school in Gaza on Tuesday, killing 12."
    (event,) = _out(extractor, en, lang="en", published=date(2023, 10, 19)).events
    assert event.fatalities == 12


def test_the_same_party_taken_up_again_and_members_listed_in_an_apposition(extractor):
    text = (
        "تبنت المقاومة الإسلامية في العراق، الأحد، هجوماً على قاعدة التنف.\n"
        "والسبت، تبنّت الجهة ذاتها هجوماً بطائرة مسيرة على قاعدة الشدادي.\n"
        'وكانت "المقاومة الإسلامية في العراق"، التي يُعتقد أنها تضم فصائل أبرزها "كتائب حزب الله" و"حركة النجباء"، '
        "قد أعلنت الثلاثاء استهداف قاعدة خراب الجير."
    )
    events = _by_place(_out(extractor, text, published=date(2024, 1, 28)))
    assert events["Al-Shaddadi"].claimed_by == [IRI]
    assert [e.claimed_by for e in events.values()] == [[IRI]] * 3
