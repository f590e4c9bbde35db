"""Undated Arabic (and English) reports: what the text itself gives to date and attribute them.

- A landmark killing the report names (Abu Taqwa in Baghdad, Wissam al-Tawil, Issam Abdallah) anchors
  its weekdays: the report was written in the days around it.
- A short label ("المقاومة الإسلامية") taken up again by its head noun alone ("المقاومة") is still the
  label of the front the report names in full ("المقاومة الإسلامية في لبنان").
- "الصواريخ الموجهة" (guided missiles) are missiles, as "guided missiles" are.
"""

from datetime import date

from claimgraph.kb.landmarks import named_landmarks
from claimgraph.models import Document


def _events(extractor, text, lang="ar"):
    return extractor.extract(Document(id="t", text=text, lang=lang)).events


def test_a_named_killing_dates_the_strike_of_an_undated_report(extractor):
    (e,) = _events(
        extractor, "A US drone strike on Thursday killed Abu Taqwa, a commander of Harakat al-Nujaba, in Baghdad.", "en"
    )
    assert (e.date.value, e.location.name, e.actors) == (date(2024, 1, 4), "Baghdad", ["US forces"])
    text = "استهدفت غارة أمريكية بطائرة مسيرة يوم الخميس مقرا لحركة النجباء في بغداد ما أدى إلى مقتل أبو تقوى."
    (e,) = _events(extractor, text)
    assert (e.date.value, e.location.name) == (date(2024, 1, 4), "Baghdad")


def test_a_killing_named_as_the_reason_anchors_the_weekday_and_is_no_event_of_its_own(extractor):
    text = (
        "أعلنت المقاومة الإسلامية في لبنان اليوم الأحد أنها استهدفت مركزا لجيش العدو في منطقة شتولا بالصواريخ "
        "الموجهة، ردا على الاعتداء الذي أدى لاستشهاد الصحافي عصام عبد الله."
    )
    (e,) = _events(extractor, text)
    assert e.location.name == "Shtula" and e.date.value == date(2023, 10, 15)
    assert e.actors == ["Hezbollah (Lebanon)"] and e.weapons == ["missile"]
    ids = {lm.id for lm in named_landmarks("after Israeli jets killed Wissam al-Tawil in his car", "en")}
    assert "wissam-tawil-killing" in ids


def test_the_head_noun_of_a_short_label_stays_with_the_front_named_in_full(extractor):
    text = (
        "أعلنت المقاومة الإسلامية في لبنان - حزب الله - اليوم أنها استهدفت موقع الراهب بالصواريخ الموجهة. "
        "وقالت المقاومة الإسلامية في بيان إن مجموعة من مجاهديها استهدفت موقع المالكية. "
        "وأكدت المقاومة أنها حققت إصابات مباشرة في موقع العباد."
    )
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 1, 10)))
    assert {m.actor_id for m in out.mentions} == {"hezbollah-lebanon"}


def test_the_next_day_dates_the_next_site_from_the_day_told_before(extractor):
    arabic = (
        "تعرض حقل خورمالا النفطي لمحاولة قصف بطائرات مسيرة ليلة 14 من تموز 2025، وفي اليوم التالي، "
        "أصاب هجوم آخر حقل سرسنك النفطي في دهوك مما تسبب بحريق."
    )
    english = (
        "Drones targeted the Khurmala oil field on 14 July 2025, and the next day another attack hit the "
        "Sarsang oil field in Duhok, causing a fire."
    )
    for text, lang in ((arabic, "ar"), (english, "en")):
        out = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2025, 7, 20)))
        days = {e.location.name: e.date.value for e in out.events}
        # Duhok only locates the field; the field's day is the one after the 14th
        assert days == {"Khurmala oil field": date(2025, 7, 14), "Sarsang oil field": date(2025, 7, 15)}, lang


def test_arabic_next_day_and_same_day_are_counted_from_the_previous_event():
    from claimgraph.nlp.dates import find_dates

    found = find_dates("وفي اليوم التالي، أصاب هجوم آخر الحقل", 0, "ar", None)
    assert [(d.kind, d.offset, d.follows) for d in found] == [("anchored", 1, True)]
    found = find_dates("وفي اليوم نفسه استهدفت طائرة مسيرة القاعدة", 0, "ar", None)
    assert [(d.kind, d.offset) for d in found] == [("anchored", 0)]
    assert [d.kind for d in find_dates("استهدفت طائرة مسيرة القاعدة فجر اليوم", 0, "ar", None)] == ["relative"]


def test_a_photo_caption_dates_its_photo_not_the_story_below(extractor):
    text = (
        "غارات إسرائيلية على مواقع في ريف حماة\n\n"
        "تصاعد الدخان فوق المباني بعد غارة إسرائيلية على مشارف دمشق، 22 نوفمبر 2023 (Getty)\n\n"
        "- شنت إسرائيل غارات جوية على ريف حماة، مستهدفة مستودع أسلحة.\n"
    )
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 10, 10)))
    days = {e.location.name: e.date.value for e in out.events}
    # the caption's own strike keeps its day; the story's strikes are of the day of the news
    assert days == {"Damascus": date(2023, 11, 22), "Hama Governorate": date(2024, 10, 10)}


def test_a_syrian_citys_countryside_is_its_governorate(extractor):
    for text, lang in (
        ("قصفت طائرات إسرائيلية اليوم مواقع في ريف حمص.", "ar"),
        ("Israeli jets struck positions in the Homs countryside on Thursday.", "en"),
    ):
        (e,) = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2024, 10, 10))).events
        assert e.location.name == "Homs Governorate"


def test_an_event_with_no_day_in_a_landmark_anchored_text_is_of_the_day_after_it(extractor):
    text = (
        "أعلنت المقاومة الإسلامية في لبنان استهداف مقر قيادة المنطقة الشمالية في مدينة صفد بعدد من المسيرات "
        "الانقضاضية، في إطار الرد على جريمة اغتيال القائد وسام الطويل."
    )
    (e,) = _events(extractor, text)
    # Wissam al-Tawil was killed on 8 January 2024; the attack told in answer, with no day, the next day
    assert (e.location.name, e.date.value, e.date.precision) == ("Safed", date(2024, 1, 9), "week")


def test_raids_on_ras_isa_are_the_april_2025_landmark_only_when_told_with_its_dead(extractor):
    text = "نفذت المقاتلات الإسرائيلية فجر الاثنين غارات على ميناء رأس عيسى النفطي شمالي مدينة الحديدة."
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2025, 7, 7)))
    assert [(e.location.name, e.date.value) for e in out.events] == [("Ras Isa port", date(2025, 7, 7))]
    told = "أسفرت الغارات الأمريكية على ميناء رأس عيسى عن مقتل 74 شخصا."
    assert "ras-isa-strike" in {lm.id for lm in named_landmarks(told, "ar")}


def test_a_group_announcing_the_other_sides_raids_is_not_their_author(extractor):
    text = "أعلنت جماعة الحوثي تنفيذ الولايات المتحدة وبريطانيا هجوما بثلاث غارات استهدف منطقة رأس عيسى يوم الجمعة."
    (e,) = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 2, 25))).events
    assert e.actors == ["US forces", "UK forces"] and e.claimed_by == [] and e.target == "Houthis"


def test_a_yearless_october_7_a_month_before_the_news_is_the_war_start_not_its_anniversary(extractor):
    text = (
        "Israeli jets struck Hodeidah port on Monday. The Houthis have attacked ships in the Red Sea and "
        "the Gulf of Aden, they say, in answer to Israel's war on Gaza after Hamas's attack on October 7."
    )
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 11, 12)))
    assert ("Hodeidah", date(2024, 11, 11)) in [(e.location.name, e.date.value) for e in out.events]
    assert all(e.date.value != date(2024, 10, 7) for e in out.events)
    # within a week of the news, the same words are the anniversary's day
    text = "On October 7, Hezbollah fired rockets at Haifa, marking a year of war."
    (e,) = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 10, 8))).events
    assert e.date.value == date(2024, 10, 7)


def test_arabic_repeated_attacks_in_the_present_are_a_habit_not_an_event(extractor):
    text = "وينفذ الحوثيون هجمات متكررة على سفن تجارية في البحر الأحمر وخليج عدن تضامنا مع غزة."
    assert extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 11, 12))).events == []


def test_the_galilee_regions_and_the_tsnobar_base_are_known_places(extractor):
    for text, lang, name in (
        (
            "أعلن حزب الله اليوم استهداف قاعدة تسنوبار اللوجستية في الجولان المحتل بصواريخ الكاتيوشا.",
            "ar",
            "Tsnobar base",
        ),
        ("أطلقت عشرات الصواريخ اليوم من لبنان على إصبع الجليل.", "ar", "Galilee Panhandle"),
        ("Hezbollah fired a barrage of rockets at the Western Galilee on Friday.", "en", "Western Galilee"),
        ("Hezbollah drones struck an army base in the Upper Galilee region on Friday.", "en", "Upper Galilee"),
        ("أطلق حزب الله اليوم صواريخ على الجليل الأعلى.", "ar", "Upper Galilee"),
    ):
        out = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2024, 5, 17)))
        assert [e.location.name for e in out.events] == [name]


def test_a_weekday_and_date_line_atop_an_undated_page_is_the_sites_display_not_the_storys_day(extractor):
    text = (
        "Monday, February 26, 2024\n\nHome | World\n\n"
        "A drone attack on Wednesday hit the Zakho oil field, officials said.\n"
    )
    out = extractor.extract(Document(id="t", text=text, lang="en"))
    assert out.events == []  # the Wednesday cannot be known: not the one before the display date
    story = "\n\nA US drone strike hit a building in Baghdad, killing a militia commander, officials said.\n"
    (e,) = extractor.extract(Document(id="t", text="4 January 2024" + story, lang="en")).events
    assert e.date.value == date(2024, 1, 4)  # a bare date line is the story's
    assert extractor.extract(Document(id="t", text="Thursday, January 4, 2024" + story, lang="en")).events == []


def test_the_jouaiyya_strike_and_the_barrage_that_answered_it_are_dated_in_an_undated_report(extractor):
    text = (
        "Hezbollah fired more than 200 rockets at northern Israel on Wednesday, a day after an Israeli airstrike "
        "in the southern Lebanese village of Jouaiyya killed Taleb Abdullah and three other fighters."
    )
    days = {e.location.name: (e.date.value, e.actors) for e in _events(extractor, text, "en")}
    assert days["Jouaiyya"] == (date(2024, 6, 11), ["Israel"])
    arabic = "ردا على اغتيال القائد طالب عبد الله، أطلق حزب الله اليوم الأربعاء عشرات الصواريخ على كريات شمونة."
    (e,) = _events(extractor, arabic)
    assert (e.location.name, e.date.value) == ("Kiryat Shmona", date(2024, 6, 12))


def test_a_weekday_in_an_undated_text_takes_the_month_of_its_latest_written_date(extractor):
    # nothing else dates the page: the weekday's event is of the month the text's own dates are of
    text = (
        "The group said its fighters had shelled the Tsnobar base with rockets on Tuesday. "
        "The statement came after an Israeli strike on 12 March 2024 killed two of its members near Tyre."
    )
    events = {e.location.name: e.date for e in _events(extractor, text, "en")}
    assert events["Tyre"].value == date(2024, 3, 12) and events["Tyre"].precision == "day"
    tsnobar = next(v for k, v in events.items() if k != "Tyre")
    assert (tsnobar.value, tsnobar.precision) == (date(2024, 3, 1), "month")
    # a landmark's day is a reference, not the page's month; with no other date the weekday stays unknown
    text = "Since 7 October 2023 the group has fought Israel. On Tuesday it shelled the Tsnobar base with rockets."
    assert [e.location.name for e in _events(extractor, text, "en")] == []


def test_a_claim_by_the_brand_used_before_the_iri_dates_an_undated_report(extractor):
    text = (
        "A drone attack targeted the Harir air base, where American forces are stationed. "
        "A group named al-Warithin took responsibility for the operation, which came on Wednesday morning."
    )
    (event,) = _events(extractor, text, "en")
    assert event.location.name == "Harir Air Base" and event.actors == ["Tashkil al-Waritheen"]
    assert event.date.precision == "week" and abs((event.date.value - date(2023, 10, 18)).days) <= 3
