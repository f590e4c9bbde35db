"""Arabic real reporting: the habits of Arabic news pages and of the groups' statements.

Every snippet is written for these tests (none is copied from a real page)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document
from claimgraph.nlp.normalize import arabic_stems

IRI = "Islamic Resistance in Iraq"


def _events(extractor, text, published=date(2024, 2, 12)):
    return extractor.extract(Document("t", text, published=published, lang="ar")).events


def _places(events):
    return sorted(e.location.name for e in events if e.location)


def test_arabic_usual_claims_are_a_habit_not_events(extractor):
    text = "وعادة ما تتبنى الفصائل العراقية الهجمات بالطائرات المسيرة على قاعدة عين الأسد وقاعدة حرير في أربيل."
    assert _events(extractor, text) == []


def test_arabic_local_source_in_a_city_is_no_event_site(extractor):
    # published Thursday 15 Feb 2024: "مساء الأربعاء" = 14 Feb
    text = "أفاد مصدر محلي في السليمانية، مساء الأربعاء، بتعرض حقل خور مور للغاز لهجوم بطائرة مسيرة دون وقوع إصابات."
    events = _events(extractor, text, date(2024, 2, 15))
    assert _places(events) == ["Khor Mor gas field"]


def test_arabic_television_channel_named_after_a_town_is_no_site(extractor):
    text = (
        'ونقلت قناة "الميادين" عن بيان للمقاومة الإسلامية في العراق أنها استهدفت قاعدة التنف '
        "بطائرتين مسيرتين فجر اليوم."
    )
    events = _events(extractor, text)
    assert _places(events) == ["Al-Tanf Garrison"]


def test_arabic_the_country_is_not_the_town_of_balad():
    assert "بلد" not in arabic_stems("البلد")
    assert "بلد" not in arabic_stems("للبلد")
    assert "بلد" in arabic_stems("وبلد")
    assert "رميلان" in arabic_stems("الرميلان")


def test_arabic_drones_without_a_pilot_are_drones(extractor):
    text = "هاجمت المقاومة الإسلامية في العراق قاعدة التنف بثلاث طائرات دون طيار فجر اليوم."
    (event,) = _events(extractor, text)
    assert event.weapons == ["drone"]


def test_arabic_statement_that_goes_on_keeps_its_claimant(extractor):
    # published Sunday 18 Feb 2024
    text = (
        "أعلنت المقاومة الإسلامية في العراق، اليوم الأحد، أنها استهدفت قاعدة عين الأسد بطائرة مسيرة.\n"
        'وأضافت: "كما استهدفت المقاومة، في عملية منفصلة، قاعدة الشدادي بطائرتين مسيرتين".'
    )
    events = _events(extractor, text, date(2024, 2, 18))
    assert _places(events) == ["Ain al-Asad Air Base", "Al-Shaddadi"]
    assert all(e.claimed_by == [IRI] for e in events)


def test_arabic_our_fighters_in_a_quoted_statement_are_the_claimant(extractor):
    text = (
        "أعلنت المقاومة الإسلامية في العراق مسؤوليتها عن الهجوم على قاعدة عين الأسد فجر اليوم.\n"
        'وأضاف البيان: "مقاتلونا هاجموا قاعدة التنف بطائرتين مسيرتين".'
    )
    events = _events(extractor, text)
    assert _places(events) == ["Ain al-Asad Air Base", "Al-Tanf Garrison"]
    assert all(e.claimed_by == [IRI] for e in events)


def test_arabic_a_habit_of_claiming_adds_no_claim_to_the_event(extractor):
    text = (
        "أسقطت الدفاعات الجوية طائرة مسيرة فوق قاعدة عين الأسد اليوم الاثنين.\n"
        "وعادة ما تتبنى المقاومة الإسلامية في العراق الهجمات على قاعدة عين الأسد."
    )
    (event,) = _events(extractor, text)
    assert event.claimed_by == []


def test_arabic_no_human_losses_in_quotes_is_zero_and_zero(extractor):
    text = 'أسقطت الدفاعات طائرة مسيرة مفخخة قرب مطار أربيل الدولي فجر اليوم، مؤكدة عدم وقوع "أي خسائر بشرية أو مادية".'
    (event,) = _events(extractor, text)
    assert (event.fatalities, event.injuries) == (0, 0)


def test_arabic_no_human_damage_in_a_later_paragraph_is_zero_and_zero(extractor):
    text = (
        "تعرض حقل خور مور للغاز لهجوم بطائرات مسيرة مساء اليوم.\n\n"
        "وقال المصدر إن الهجوم تسبب بأضرار مادية دون تسجيل أي أضرار بشرية."
    )
    (event,) = _events(extractor, text)
    assert (event.fatalities, event.injuries) == (0, 0)


def test_arabic_killing_of_a_commander_counts_one(extractor):
    text = "أدت ضربة بطائرة مسيرة على سيارة في جرف الصخر فجر اليوم إلى مقتل قيادي في كتائب حزب الله."
    (event,) = _events(extractor, text)
    assert event.fatalities == 1


def test_arabic_what_the_city_sentence_tells_goes_to_its_neighbourhood(extractor):
    # the strike is told in Baghdad first (its toll), then placed in a district of it
    text = (
        "أفاد مصدران أمنيان بمقتل قيادي في ضربة بطائرة مسيرة في بغداد مساء اليوم.\n"
        "وقال مصدر أمني إن طائرة مسيرة استهدفت سيارة في منطقة المشتل في شرق بغداد."
    )
    (event,) = _events(extractor, text)
    assert event.location.name == "Al-Mashtal"
    assert event.fatalities == 1


def test_arabic_statement_list_where_each_operation_has_its_own_day(extractor):
    # published Sunday 24 Mar 2024: dawn today, Thursday 21, and the 12th of this month
    text = (
        "والهجوم الذي نفذته المقاومة الإسلامية في العراق فجر اليوم على «تل أبيب» ليس الأول؛ إذ أعلنت "
        "قبل يومين استهدافها محطة كهرباء في «تل أبيب»، فجر الخميس، بالطيران المسير، وسبق ذلك "
        "استهدافها مطار «بن غوريون»، يوم 12 مارس الجاري بالطيران المسير."
    )
    events = _events(extractor, text, date(2024, 3, 24))
    got = sorted((e.location.name, e.date.iso()) for e in events)
    assert got == [("Ben Gurion Airport", "2024-03-12"), ("Tel Aviv", "2024-03-21"), ("Tel Aviv", "2024-03-24")]


def test_arabic_the_day_before_yesterday_is_two_days_back(extractor):
    # published Friday 4 Oct 2024
    text = "وأعلنت المقاومة الإسلامية في العراق أول أمس أنها استهدفت ميناء إيلات بطائرة مسيرة."
    (event,) = _events(extractor, text, date(2024, 10, 4))
    assert event.date.iso() == "2024-10-02"


def test_arabic_two_days_ago(extractor):
    text = "وكانت طائرة مسيرة قد استهدفت قاعدة حرير قبل يومين."
    (event,) = _events(extractor, text, date(2024, 2, 12))
    assert event.date.iso() == "2024-02-10"


def test_arabic_present_tense_announcement_is_a_claim(extractor):
    text = "المقاومة الإسلامية في العراق تعلن استهداف قاعدة عين الأسد بطائرة مسيرة فجر اليوم."
    (event,) = _events(extractor, text)
    assert event.claimed_by == [IRI]


def test_arabic_american_bombardment_names_the_actor(extractor):
    text = "استهدف قصف أميركي مقرا لكتائب حزب الله في جرف الصخر ليل السبت."
    (event,) = _events(extractor, text)
    assert event.actors == ["US forces"]


def test_arabic_strikes_announced_by_the_command_are_the_state_s(extractor):
    text = "أعلنت القيادة المركزية الأمريكية أن قواتها نفذت أمس ضربات على منشآت يستخدمها الحرس الثوري قرب البوكمال."
    (event,) = _events(extractor, text)
    assert event.actors == ["US forces"]
    assert event.sub_event_type == "Air/drone strike"


def test_arabic_bases_in_each_of_two_countries_are_two_events(extractor):
    # published Sunday 4 Feb 2024: "ليل أمس" = 3 Feb
    text = "استهدفت المقاومة الإسلامية قواعد أمريكية في كل من سوريا والعراق برشقات صاروخية ليل أمس."
    events = _events(extractor, text, date(2024, 2, 4))
    assert sorted((e.location.name, e.date.iso()) for e in events) == [("Iraq", "2024-02-03"), ("Syria", "2024-02-03")]


def test_arabic_launch_base_is_not_the_site(extractor):
    text = (
        "أعلنت المقاومة الإسلامية في العراق أنها أسقطت أمس طائرة مسيرة أمريكية في سماء محافظة ديالى، "
        "وأن المسيرة انطلقت من قاعدة علي السالم في الكويت."
    )
    events = _events(extractor, text)
    assert _places(events) == ["Diyala Governorate"]


def test_arabic_several_targets_with_the_most_prominent_named_are_a_tally(extractor):
    text = (
        "ومنذ بدء المرحلة الثانية استهدفت الفصائل عدة أهداف حيوية في عمق الأراضي المحتلة، أبرزها "
        "مصافي النفط في حيفا وثكنة عسكرية في إيلات."
    )
    assert _events(extractor, text) == []


def test_arabic_an_embassy_that_condemns_is_no_site(extractor):
    text = (
        "تعرض حقل سرسنك النفطي لهجوم بطائرة مسيرة صباح اليوم. بدورها، دانت السفارة الأميركية في بغداد "
        "الهجمات الأخيرة بالطائرات المسيرة."
    )
    events = _events(extractor, text)
    assert _places(events) == ["Sarsang oil field"]


def test_arabic_page_dates_in_figures_are_dates():
    from claimgraph.nlp.dates import find_dates

    found = find_dates("الأحد 24-03-2024 16:31 | تم النشر: 2024/01/05", 0, "ar", None)
    got = {d.value.isoformat() for d in found if d.kind == "absolute"}
    assert got == {"2024-03-24", "2024-01-05"}


def test_arabic_undated_page_on_the_attack_on_the_base_at_the_jordanian_border(extractor):
    # no publication date: the deadly attack on the US base on the Jordanian border is a landmark
    text = (
        "تبنت المقاومة الإسلامية في العراق اليوم الأحد مسؤولية الهجوم بطائرة مسيرة على قاعدة أمريكية "
        "على الحدود الأردنية، والذي أسفر عن مقتل 3 جنود أمريكيين."
    )
    (event,) = extractor.extract(Document("t", text, published=None, lang="ar")).events
    assert event.date.iso() == "2024-01-28"
    assert event.location.country == "JO"


def test_arabic_undated_text_takes_its_today_from_the_landmark_it_reports_as_today(extractor):
    text = (
        "تبنت المقاومة الإسلامية في العراق اليوم الأحد مسؤولية الهجوم بطائرة مسيرة على قاعدة أمريكية "
        "على الحدود الأردنية، والذي أسفر عن مقتل 3 جنود أمريكيين.\n"
        "وأضافت المقاومة في بيانها أنها استهدفت اليوم قاعدة التنف بطائرة مسيرة."
    )
    events = extractor.extract(Document("t", text, published=None, lang="ar")).events
    tanf = [e for e in events if e.location.name == "Al-Tanf Garrison"]
    assert [e.date.iso() for e in tanf] == ["2024-01-28"]


def test_arabic_undated_text_without_a_landmark_leaves_today_unknown(extractor):
    text = "وأضافت المقاومة الإسلامية في العراق في بيانها أنها استهدفت اليوم قاعدة التنف بطائرة مسيرة."
    assert extractor.extract(Document("t", text, published=None, lang="ar")).events == []


def test_arabic_more_than_forty_wounded_is_a_toll_not_a_tally(extractor):
    text = "أسفر هجوم بطائرة مسيرة على قاعدة التنف فجر اليوم عن مقتل 3 جنود وإصابة أكثر من 40 آخرين."
    (event,) = _events(extractor, text)
    assert (event.fatalities, event.injuries) == (3, 40)


def test_a_yearless_day_with_its_weekday_in_an_undated_text_finds_its_year():
    from claimgraph.nlp.dates import find_dates

    (day,) = [d for d in find_dates("يوم الأحد 24 مارس، سقطت صواريخ على القاعدة", 0, "ar", None) if d.value]
    assert day.value == date(2024, 3, 24)
    assert [d.value for d in find_dates("سقطت صواريخ على القاعدة في 24 مارس", 0, "ar", None)] == [None]
    # the weekday may be quoted ('"الجمعة" 26 أبريل'); it fixes the year before a landmark's floor does
    soleimani = date(2020, 1, 3)
    found = find_dates('قتل أربعة عمال "الجمعة" 26 أبريل بقصف', 0, "ar", None, soleimani)
    (day,) = [d for d in found if "26" in d.text]
    assert day.value == date(2024, 4, 26)
    found = find_dates("On Friday, April 26, a drone hit the gas field.", 0, "en", None, soleimani)
    (day,) = [d for d in found if "26" in d.text]
    assert day.value == date(2024, 4, 26)
    (day,) = find_dates("A drone hit the gas field on April 26.", 0, "en", None, soleimani)
    assert day.value == date(2020, 4, 26)  # no weekday: the first year on or after the floor


def test_arabic_hijri_dates_and_eastern_digits():
    from claimgraph.nlp.dates import find_dates

    def values(text):
        return [d.value for d in find_dates(text, 0, "ar", None) if d.value]

    assert values("صدر البيان في ٢٢ جمادى الأولى ١٤٤٥ هـ") == [date(2023, 12, 6)]
    assert values("نشر بتاريخ ١٥-٠٧-٢٠٢٥") == [date(2025, 7, 15)]


def test_arabic_verb_with_an_object_pronoun_before_its_subject_names_the_attacker(extractor):
    # "the drone, the Houthis launched it from Yemen": verb + object pronoun, then the subject
    text = "وقالت القناة إن الطائرة المسيرة أطلقها الحوثيون من اليمن وأسقطت قرب إيلات يوم الثلاثاء."
    (e,) = _events(extractor, text)
    assert e.location.name == "Eilat" and e.actors == ["Houthis"]
    text = "وقال مسؤول إن الهجوم على قاعدة عين الأسد نفذته كتائب حزب الله يوم الأحد."
    (e,) = _events(extractor, text)
    assert e.actors == ["Kataib Hezbollah"]


def test_a_landmarks_own_toll_is_not_the_news_toll(extractor):
    text = (
        "وأسقطت طائرة مسيرة قرب إيلات يوم الثلاثاء. وهذه أول عملية منذ طوفان الأقصى في السابع من أكتوبر، "
        "والتي أسفرت عن مقتل أكثر من 1200 إسرائيلي."
    )
    (e,) = _events(extractor, text, published=date(2023, 11, 1))
    assert e.fatalities is None
    english = [
        "A drone was downed near Eilat on Tuesday. It was the first since Hamas's October 7 attack, which killed 1,200",
        "A drone hit Eilat on Tuesday, the first attack since Hamas's October 7 attack, which killed 1,200 people.",
    ]
    for text in english:
        (e,) = extractor.extract(Document("t", text, published=date(2023, 11, 1), lang="en")).events
        assert e.fatalities is None, text
    # a landmark named as the time of the news leaves the news's own toll alone
    text = "A drone hit Eilat on Tuesday, killing two people, two days after the Tower 22 attack."
    (e,) = extractor.extract(Document("t", text, published=date(2024, 2, 1), lang="en")).events
    assert e.fatalities == 2


def test_the_group_a_coalition_is_named_against_takes_no_part(extractor):
    # "US forces and the coalition against ISIS came under new attacks ... in Iraq and Syria with drones": ISIS is
    # what the coalition fights and Syria where the attacks were; neither is a party
    text = (
        'تعرضت القوات الأميركية والتحالف الدولي المناهض لتنظيم "داعش" إلى هجمات جديدة في آخر 48 ساعة في العراق '
        "وسوريا بطائرات مسيّرة وصواريخ، وفق مسؤول عسكري أميركي الخميس.\n"
        "هاجمت طائرات مسيّرة الأربعاء قوات أميركية متمركزة في قاعدة عسكرية في مطار أربيل الدولي، بحسب المسؤول."
    )
    events = _events(extractor, text, published=date(2024, 8, 14))
    assert len(events) == 2  # the country-level report of new attacks, and Erbil
    assert events and all(not set(e.actors) & {"Islamic State", "Syrian Arab Army"} for e in events)
    assert all(not e.claimed_by for e in events)


def test_an_arabic_state_raid_after_in_still_names_the_state(extractor):
    # "في غارة إسرائيلية" (in an Israeli raid): the preposition does not make the state a place
    text = "قتل ثلاثة عناصر من حزب الله في غارة إسرائيلية استهدفت سيارة في القنيطرة يوم السبت."
    (e,) = _events(extractor, text)
    assert "Israel" in e.actors


def test_arabic_armed_groups_backed_by_iran_are_the_unnamed_militias(extractor):
    text = "وقال مسؤول إن الهجوم على قاعدة حرير نفذته جماعات مسلحة مدعومة من إيران يوم الأحد."
    (e,) = _events(extractor, text)
    assert e.actors == ["Unidentified Iran-backed militia"]


def test_arabic_dual_strikes_and_drones(extractor):
    # "two air strikes ... the two strikes targeted ... near the cities of Albu Kamal and al-Mayadin"
    text = (
        "أعلنت وزارة الدفاع الأمريكية تنفيذ ضربتين جويتين استهدفتا منشآت للحرس الثوري الإيراني في سوريا يوم الأحد.\n"
        "وقال وزير الدفاع الأميركي إن الضربتين استهدفتا منشأة تدريب ومخبأ قرب مدينتي البوكمال والميادين."
    )
    events = _events(extractor, text)
    assert _places(events) == ["Al-Mayadin", "Albu Kamal"]
    assert all(e.actors == ["US forces"] and e.weapons == ["aircraft"] for e in events)
    (e,) = _events(extractor, "أسقطت الدفاعات الجوية مسيرتين قرب قاعدة حرير يوم الأحد.")
    assert e.weapons == ["drone"]


def test_hezbollah_statement_positions_and_the_gaza_it_supports(extractor):
    # "in support of our steadfast Palestinian people in the Gaza Strip": Gaza is the cause, not a site
    text = (
        "وأعلن حزب الله في بيان أمس الأحد استهداف موقع حدب البستان بصاروخ بركان، وقصف موقع رويسة القرن في مزارع "
        "شبعا، دعمًا لشعبنا الفلسطيني الصامد في قطاع غزة."
    )
    events = _events(extractor, text)
    assert _places(events) == ["Hadab al-Bustan position", "Ruwaysat al-Qarn position"]
    assert all(e.claimed_by == ["Hezbollah (Lebanon)"] for e in events)


def test_arabic_earlier_scattered_strikes_are_a_summary_and_negev_sites_are_known(extractor):
    text = (
        "واستهدفت المقاومة العراقية، في وقتٍ سابق، عبر ضرباتٍ متفرّقة، محطة الكهرباء في تل أبيب، ومطار بن غوريون، "
        "ومصافي النفط في حيفا."
    )
    assert _events(extractor, text) == []
    text = "واستهدفت المقاومة الإسلامية في العراق يوم الأحد موقع سبير العسكري وقاعدة عوبدا الجوية بالطائرات المسيرة."
    assert _places(_events(extractor, text)) == ["Ovda Air Base", "Sapir"]


def test_a_few_days_ago_is_this_week_at_week_precision(extractor):
    (e,) = _events(extractor, "وقبل أيام، استهدفت المقاومة الإسلامية في العراق قاعدة عوبدا الجوية.", date(2024, 3, 30))
    assert (e.date.iso(), e.date.precision) == ("2024-03-25", "week")
    text = "The group said a few days ago that it had targeted Ovda air base with drones."
    (e,) = extractor.extract(Document("t", text, published=date(2024, 3, 30), lang="en")).events
    assert (e.date.iso(), e.date.precision) == ("2024-03-25", "week")


def test_al_masirah_is_a_channel_not_a_drone(extractor):
    (e,) = _events(extractor, 'وذكرت قناة "المسيرة" أن غارات أميركية استهدفت صنعاء يوم الأحد.')
    assert e.weapons == ["aircraft"]


def test_two_states_raids_and_an_announcer_of_anothers_attack(extractor):
    # "American British raids": both states struck; neither is the target
    (e,) = _events(extractor, "بسقوط قتيلين في غارات أميركية بريطانية على محافظة الحديدة يوم الأحد.")
    assert e.actors == ["US forces", "UK forces"] and e.target is None
    # "the Houthis announced that the US and Britain launched raids": the Houthis claim nothing
    text = "أعلنت جماعة الحوثي، الأحد، أن الولايات المتحدة وبريطانيا شنتا 6 غارات على منطقة رأس عيسى في محافظة الحديدة."
    (e,) = _events(extractor, text)
    assert e.actors == ["US forces", "UK forces"] and e.claimed_by == []
    # the group's own announcement ("that it targeted") is still its claim
    (e,) = _events(extractor, "أعلنت جماعة الحوثي، الأحد، أنها استهدفت سفينة في البحر الأحمر بصاروخ.")
    assert e.claimed_by == ["Houthis"]


def test_the_month_of_ab_is_not_the_city_of_ibb(extractor):
    # "آب" (August, in the Levant) and "إب" (Ibb) are one word once normalised
    text = "أعلن يحيى سريع، اليوم الخميس 22 آب/أغسطس 2024، استهداف سفينة في البحر الأحمر بصاروخ باليستي."
    assert "Ibb" not in _places(_events(extractor, text, date(2024, 8, 22)))
    assert _places(_events(extractor, "شنت طائرات أمريكية غارات على مدينة إب يوم الخميس.")) == ["Ibb"]


def test_a_states_news_agency_speaks_and_an_israeli_attack_names_israel(extractor):
    text = (
        "قالت وكالة أنباء النظام السوري (سانا) إن هجوما إسرائيليا استهدف مبنى سكنيا في منطقة السيدة زينب "
        "جنوب دمشق يوم الأحد."
    )
    (e,) = _events(extractor, text)
    assert e.actors == ["Israel"]
    text = "وأفاد تلفزيون النظام السوري بإصابة جنود جراء عدوان إسرائيلي استهدف مواقع في محيط مدينة السفيرة يوم الأحد."
    events = _events(extractor, text)
    assert events and all("Syrian Arab Army" not in e.actors and "Israel" in e.actors for e in events)


def test_on_the_road_to_jerusalem_is_an_obituary_formula_not_a_site(extractor):
    text = 'ونعى الحزب في بيان مقاتلا قال إنه "ارتقى على طريق القدس" بعد غارة إسرائيلية على بلدة النجارية يوم الجمعة.'
    assert "Jerusalem" not in _places(_events(extractor, text))


def test_an_arabic_city_named_only_as_near_gives_way_to_the_site(extractor):
    text = (
        "قتل عدد من الأشخاص يوم الأحد في غارة إسرائيلية قرب دمشق. "
        "واستهدفت الغارة مبنى في منطقة السيدة زينب جنوب العاصمة."
    )
    assert _places(_events(extractor, text)) == ["Sayyida Zeinab"]
