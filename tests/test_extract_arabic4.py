"""Arabic statements that list several targets: a proclitic written onto a quoted name (و"المطلة"), a name
quoted after its word for a position (موقع "الراهب"), a town listed beside a nearby position, "the eastern
entrance of the village" (no 'east of'), the verbal noun ضرب (a strike), Arabic spellings the KB lacked,
and an undated page dated by the post it embeds. Hand-written sentences."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text: str, published: date | None = date(2024, 3, 6)):
    return extractor.extract(Document(id="t", text=text, published=published, lang="ar")).events


def _names(events) -> set[str]:
    return {e.location.name for e in events if e.location}


def test_a_conjunction_written_onto_a_quoted_name_still_names_the_place(extractor):
    events = _events(extractor, 'أعلنت المقاومة الإسلامية في لبنان صباح اليوم استهداف "المطلة" و"حانيتا" بالصواريخ.')
    assert {"Metula", "Hanita"} <= _names(events)


def test_a_name_quoted_after_its_word_for_a_position_is_the_position(extractor):
    events = _events(extractor, "قصف مجاهدو المقاومة الإسلامية فجر اليوم موقع «الراهب» بقذائف المدفعية.")
    assert "Al-Raheb position" in _names(events)


def test_a_town_listed_beside_a_nearby_barracks_is_a_target_of_its_own(extractor):
    events = _events(extractor, "أعلنت المقاومة الإسلامية في لبنان أمس استهداف ثكنة برانيت وحانيتا بالصواريخ.")
    assert {"Branit barracks", "Hanita"} <= _names(events)


def test_a_border_village_does_not_hold_a_position_twenty_km_away(extractor):
    events = _events(
        extractor,
        "قصف حزب الله مستوطنة المطلة بالصواريخ مساء اليوم، إضافة إلى استهداف موقع المالكية بقذائف المدفعية.",
    )
    assert {"Metula", "Malkia"} <= _names(events)


def test_the_eastern_entrance_of_a_village_is_at_the_village(extractor):
    events = _events(
        extractor,
        "أعلن حزب الله أمس استهداف موقع المالكية، كما استهدف تجمعا للجنود عند المدخل الشرقي لقرية الغجر.",
    )
    assert {"Malkia", "Ghajar"} <= _names(events)


def test_the_verbal_noun_for_a_strike_tells_of_an_attack(extractor):
    events = _events(extractor, "أعلن حزب الله يوم الاثنين ضرب هدف عسكري في مدينة إيلات.")
    assert "Eilat" in _names(events)


def test_arabic_spellings_of_border_places(extractor):
    events = _events(
        extractor,
        'قصف حزب الله مساء الثلاثاء مرابض مدفعية العدو في الزاعورة، ومواقع "جل العلام" بصواريخ الكاتيوشا.',
    )
    assert {"Zaoura", "Jal al-Alam"} <= _names(events)


def test_an_undated_page_reads_its_weekdays_against_the_post_it_embeds(extractor):
    events = _events(
        extractor,
        "قالت وسائل إعلام محلية إن غارات إسرائيلية استهدفت منطقة السيدة زينب بريف دمشق مساء الأحد.\n"
        "— Local Outlet (@local_outlet) March 4, 2024\n",
        published=None,
    )
    (e,) = [e for e in events if e.location and e.location.name.startswith("Sayyida")]
    assert e.date.value == date(2024, 3, 3)


def test_daily_attacks_are_a_habit_not_an_event(extractor):
    events = _events(
        extractor,
        "وتنفذ الجماعة هجمات شبه يومية بالصواريخ والمسيرات على مستوطنة كريات شمونة.\n\n"
        "وقصفت الجماعة صباح اليوم مستوطنة المطلة بصاروخين.",
    )
    assert _names(events) == {"Metula"}


def test_the_army_that_said_it_shelled_a_building_used_by_a_group(extractor):
    (e,) = _events(extractor, "وقال الجيش الإسرائيلي إنه قصف مساء أمس مبنى يستخدمه حزب الله في بلدة عيتا الشعب.")
    assert e.actors == ["Israel"]
    assert e.target == "Hezbollah (Lebanon)"


def test_an_undated_statement_that_gives_today_in_full_dates_its_other_weekdays(extractor):
    events = _events(
        extractor,
        "وقالت الفصائل في بيانها: «استهدف مجاهدونا فجر اليوم الخميس 7/3/2024 ميناء حيفا بطائرة مسيرة».\n\n"
        "ومساء الثلاثاء أعلنت الفصائل استهداف هدف حيوي في إيلات بالطيران المسير.",
        published=None,
    )
    days = {e.location.name: e.date.value for e in events if e.location}
    assert days.get("Eilat") == date(2024, 3, 5)


def test_the_iraqi_resistance_is_the_islamic_resistance_in_iraq(extractor):
    (e,) = _events(extractor, "وأعلنت المقاومة العراقية يوم الاثنين استهداف ميناء حيفا بالطيران المسير.")
    assert e.claimed_by == ["Islamic Resistance in Iraq"]


def test_villages_that_reconnaissance_planes_flew_over_are_no_sites(extractor):
    events = _events(
        extractor,
        "وقصفت المدفعية الإسرائيلية صباح اليوم أطراف بلدة الخيام، فيما حلقت طائرات الاستطلاع طوال الليل، "
        "فوق قرى صور وبنت جبيل.",
    )
    assert _names(events) == {"Khiam"}
