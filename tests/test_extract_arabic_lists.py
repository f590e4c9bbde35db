"""Arabic reporting, second pass: hand-written snippets of the Lebanon and Yemen fronts' wording (the side
an armed group's attack abroad hit; lists of villages and governorates, one event each)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2024, 5, 21), lang: str = "ar"):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang)).events


def test_a_groups_attack_on_a_town_of_the_state_it_fights_hits_that_state(extractor):
    (e,) = _events(
        extractor,
        "أعلن حزب الله أن مقاتليه قصفوا مستعمرة كريات شمونة بصواريخ الكاتيوشا اليوم ردا على القصف "
        "الإسرائيلي للقرى الجنوبية.",
    )
    assert e.location.name == "Kiryat Shmona"
    assert e.target == "Israel"
    assert e.actors == ["Hezbollah (Lebanon)"]  # the Israeli shelling avenged is not this attack's


def test_the_same_rule_holds_in_english(extractor):
    (e,) = _events(
        extractor,
        "Hezbollah said on Tuesday it fired a barrage of rockets at Kiryat Shmona in response to Israeli "
        "attacks on southern villages.",
        lang="en",
    )
    assert e.target == "Israel"


def test_a_group_fighting_at_home_gets_no_state_as_target(extractor):
    events = _events(
        extractor,
        "Hezbollah fighters clashed with gunmen in Hermel on Tuesday, the Lebanese army said.",
        lang="en",
    )
    assert all(e.target != "Lebanon" for e in events)


def test_villages_listed_in_arabic_are_one_event_each(extractor):
    events = _events(
        extractor,
        "قتل شخصان اليوم في غارة إسرائيلية على بلدة عيتا الجبل، وقتل آخر في غارة شنتها مسيرة إسرائيلية "
        "على دراجة نارية في بلدة معركة، كما استهدف القصف بلدة طيرحرفا.",
        published=date(2024, 8, 23),
    )
    assert sorted(e.location.name for e in events) == ["Aita al-Jabal", "Maarakeh", "Tayr Harfa"]
    assert all(e.actors == ["Israel"] for e in events)


def test_the_word_battle_is_not_the_village_of_that_name(extractor):
    text = "وقال قائد ميداني إن معركة طويلة تنتظر الجيش في الجنوب بعد غارة إسرائيلية اليوم."
    assert all(e.location.name != "Maarakeh" for e in _events(extractor, text, published=date(2024, 8, 23)))


def test_strikes_by_us_aviation_listed_by_governorate_keep_the_state_that_struck(extractor):
    events = _events(
        extractor,
        "أعلن الحوثيون اليوم أن الطيران الأميركي شن 15 غارة جوية خلال الساعات الماضية. وقال المتحدث "
        "العسكري إن القصف شمل عشر غارات على محافظة الحديدة وغارتين على محافظة تعز.",
        published=date(2024, 1, 23),
    )
    assert sorted(e.location.name for e in events) == ["Hodeidah Governorate", "Taiz Governorate"]
    assert all(e.actors == ["US forces"] for e in events)


def test_an_undated_text_that_names_today_s_weekday_after_a_date_moves_to_that_day(extractor):
    text = (
        "دخان يتصاعد فوق بلدة حولا في 12 آب 2024.\n\n"
        "قتل شخصان اليوم الخميس في غارات إسرائيلية على جنوب لبنان.\n\n"
        "وقتل شخص في غارة على بلدة عيتا الجبل، وأصيب آخر في غارة على بلدة طيرحرفا."
    )
    events = extractor.extract(Document(id="t", text=text, published=None, lang="ar")).events
    told = {e.location.name: e.date.value for e in events}
    assert told["Aita al-Jabal"] == told["Tayr Harfa"] == date(2024, 8, 15)  # the Thursday after the 12th


def test_several_operations_of_a_named_day_most_notably_a_list_are_events(extractor):
    text = (
        'وكانت المقاومة الإسلامية في لبنان قد أعلنت يوم أمس تنفيذ عدة عمليات، أبرزها استهداف ثكنة "برانيت" '
        'وموقع "المالكية".'
    )
    names = sorted(e.location.name for e in _events(extractor, text))
    assert names == ["Branit barracks", "Malkia"]


def test_several_targets_of_no_day_most_notably_one_stay_a_summary(extractor):
    text = "واستهدفت الفصائل منذ بدء الحرب عدة أهداف في عمق الأراضي المحتلة، أبرزها ثكنة برانيت."
    assert not _events(extractor, text)
