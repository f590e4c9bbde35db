"""Reports of a night of raids on Yemen and a monitor's updates: a series of raids on one port, the ministry that
counts the dead from the capital, tolls that rise, a sea beside a target in another country, the raids told again.

Every snippet is written for these tests (none is copied from a real page)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _out(extractor, text, published=date(2025, 4, 19), lang="ar", title=""):
    return extractor.extract(Document("t", text, published=published, lang=lang, title=title))


def _by_place(out):
    return {e.location.name: e for e in out.events if e.location}


def test_a_series_of_raids_on_one_port_on_a_day_is_that_day_s_event(extractor):
    text = "شنت الطائرات الأمريكية، مساء الخميس، سلسلة غارات على ميناء رأس عيسى النفطي في محافظة الحديدة."
    (event,) = _out(extractor, text).events
    assert event.location.name == "Ras Isa port" and event.date.value == date(2025, 4, 17)


def test_the_ministry_in_the_capital_is_no_site_and_the_risen_toll_wins(extractor):
    text = (
        "استهدفت الطائرات الأمريكية بغارات ميناء رأس عيسى مساء الخميس. "
        "وأفادت وزارة الصحة في صنعاء، في حصيلة أولية، بسقوط 20 شهيداً و64 جريح، "
        "قبل أن ترتفع الحصيلة، مساء أمس، إلى 55 شهيداً و120 جريحاً."
    )
    (event,) = _out(extractor, text).events
    assert event.location.name == "Ras Isa port"
    assert (event.fatalities, event.injuries) == (55, 120)


def test_an_earlier_figure_the_text_says_was_replaced_is_no_toll(extractor):
    text = "استهدفت مسيرة قاعدة حقل العمر فجر اليوم، وارتفع عدد القتلى إلى 5، بعد أن كانت في وقت سابق 3 قتلى."
    (event,) = _out(extractor, text).events
    assert event.fatalities == 5
    text = (
        "ارتفع إلى 5 عدد العناصر الذين قتلوا جراء استهداف مسيرة قاعدة حقل العمر فجر اليوم. "
        "وكان المرصد قد أشار في وقت سابق إلى مقتل 3 عناصر."
    )
    (event,) = _out(extractor, text).events
    assert event.fatalities == 5


def test_a_carrier_at_sea_beside_a_target_in_another_country_is_an_attack_of_its_own(extractor):
    text = (
        "أعلن المتحدث العسكري للحوثيين، أمس، استهداف حاملة الطائرات الأمريكية في شمال البحر الأحمر بعدد من "
        "الطائرات المسيرة، إلى جانب استهداف هدف عسكري في منطقة يافا بصاروخ باليستي."
    )
    assert sorted(_by_place(_out(extractor, text))) == ["Jaffa", "Red Sea"]


def test_a_sea_beside_a_port_of_its_own_coast_only_locates_it(extractor):
    text = "قصفت الطائرات الإسرائيلية مساء الاثنين ميناء الحديدة على البحر الأحمر."
    assert sorted(_by_place(_out(extractor, text, date(2025, 5, 6)))) == ["Hodeidah"]


def test_the_field_attacked_before_is_the_field_just_named(extractor):
    text = (
        "تعرض حقل كورمور للغاز ليل الأربعاء لهجوم بطائرة مسيرة.\n"
        "وسبق أن تعرض الحقل، الذي تديره شركات إماراتية، لهجمات متكررة، أعنفها في نيسان 2024 حين أدى قصف "
        "بطائرة مسيرة إلى مقتل أربعة عمال."
    )
    events = sorted(_out(extractor, text, date(2025, 11, 27)).events, key=lambda e: e.date.value)
    assert [(e.location.name, e.date.value, e.date.precision) for e in events] == [
        ("Khor Mor gas field", date(2024, 4, 1), "month"),
        ("Khor Mor gas field", date(2025, 11, 26), "day"),
    ]
    assert [e.fatalities for e in events] == [4, None]


def test_the_sultanate_is_oman_and_halting_raids_is_no_raid(extractor):
    text = (
        "أعلن الرئيس الأمريكي مساء الثلاثاء وقف الغارات الأمريكية على الحوثيين، فيما أكدت سلطنة عُمان التوصل إلى "
        "اتفاق يقضي بعدم استهداف السفن الأمريكية في البحر الأحمر."
    )
    assert _out(extractor, text, date(2025, 5, 7)).events == []


def test_a_province_after_its_town_locates_it(extractor):
    text = "شنت الطائرات الأمريكية مساء السبت سلسلة غارات على مدينة رداع بمحافظة البيضاء."
    places = _by_place(_out(extractor, text, date(2025, 3, 16)))
    assert len(places) == 1 and "Al Bayda Governorate" not in places


def test_the_raids_told_again_with_the_article_are_no_new_attacks(extractor):
    title = "غارات أمريكية على صنعاء وصعدة"
    text = (
        "غارات أمريكية على صنعاء وصعدة\n\n"
        "شن الطيران الأمريكي، مساء السبت، غارات على حي الجراف في صنعاء ومناطق في محافظة صعدة.\n"
        "وأعلنت وزارة الصحة أن الحصيلة غير النهائية للغارات على صنعاء وصعدة ارتفعت إلى 31 شهيداً."
    )
    out = _out(extractor, text, date(2025, 3, 16), title=title)
    assert {e.date.value for e in out.events} == {date(2025, 3, 15)}
    assert len(out.events) == 2


def test_places_added_to_the_knowledge_base(extractor):
    text = "وطاولت الغارات، مساء الخميس، مديرية بني مطر غربي العاصمة."
    assert "Bani Matar" in _by_place(_out(extractor, text))
    text = "استهدفت مسيّرة معادية عند السادسة مساءً دراجة نارية في بلدة كفررمان قضاء النبطية."
    assert "Kfar Remmane" in _by_place(_out(extractor, text))
