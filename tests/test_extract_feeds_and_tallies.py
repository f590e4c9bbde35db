"""Channel pages, tallies, launch areas and a group's own words (sixteenth session). A channel's web page prints each
post's views and time under it ("👁 ٤١٫٢ ألف  ١٥.٠٢.٢١ ٢١:٣٨"): the post above the stamp is of its day. "Three
strikes hit Erbil, Balad and Baghdad in eight days" is a tally, however few it counts. One contractor killed "in
Erbil" the evening rockets hit the base at Erbil airport is that attack, told at its city. "Launched from an area
south of Erbil near the boundary with Kirkuk" names where they came from. "دمّرت آلية عسكرية" and "أغارت طائرات
الاحتلال على منزل" tell of attacks; "الهدف الرئيس للعملية كان قاعدة غليلوت", revealed by the group's leader, claims
one. "اليوم الجمعة الـ24 من آذار" is a day with its article; "Erbil (Irak), 15 juillet (AFP) –" is a dateline.
Sentences written for these tests."""

from datetime import date

from claimgraph.extract.undated import assumed_day
from claimgraph.models import Document
from claimgraph.nlp.dates import find_dates


def _events(extractor, text, lang="en", published=None):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published)).events


def _days(text, lang="en", published=None):
    return [d.value for d in find_dates(text, 0, lang, published) if d.value is not None]


def _at(events):
    return sorted((e.date.value.isoformat() if e.date.value else None, e.location.name) for e in events)


def test_a_channel_page_dates_each_post_by_the_stamp_under_it(extractor):
    text = (
        "قناة الأخبار العاجلة\n@news_channel · قناة\n\n"
        "🔴 عاجل | سقوط صواريخ على قاعدة عين الأسد الجوية غربي الأنبار\n"
        "👁 ١٢٫٤ ألف     ٠٣.٠١.٢٤ ٢٠:١٥\n\n"
        "🔴 مصادر أمنية: لا خسائر بشرية في القصف\n"
        "👁 ٩٫١ ألف     ٠٣.٠١.٢٤ ٢١:٠٢\n\n"
        "🔴 عاجل | طائرة مسيّرة تستهدف قاعدة حرير شمال أربيل\n"
        "👁 ١٥٫٠ ألف     ٠٥.٠١.٢٤ ١٠:٤٠\n\n"
        "⬇️ تحميل المزيد\n"
    )
    assert _at(_events(extractor, text, "ar")) == [
        ("2024-01-03", "Ain al-Asad Air Base"),
        ("2024-01-05", "Harir Air Base"),
    ]


def test_an_export_whose_stamps_head_the_posts_keeps_reading_them_so(extractor):
    text = (
        "Channel export\n\n05.01.24 10:40\nA drone targeted Harir air base north of Erbil.\n\n"
        "03.01.24 20:15\nRockets fell on Ain al-Asad air base in Anbar.\n"
    )
    assert _at(_events(extractor, text)) == [("2024-01-03", "Ain al-Asad Air Base"), ("2024-01-05", "Harir Air Base")]


def test_a_few_attacks_counted_over_several_days_are_a_tally(extractor):
    assert (
        _events(extractor, "Weekly roundup: three strikes hit sites in Erbil, Balad and Baghdad in eight days.") == []
    )
    arabic = "حصاد الأسبوع: ثلاث ضربات طالت مواقع الاحتلال في أربيل وبلد وبغداد خلال ثمانية أيام."
    assert _events(extractor, arabic, "ar", date(2021, 2, 22)) == []
    # the same count on one day is that day's events
    one_day = "Three rocket attacks hit Erbil, Balad and Baghdad on Monday."
    assert len(_events(extractor, one_day, published=date(2021, 2, 22))) == 3


def test_a_casualty_report_at_the_city_is_the_attack_on_its_base(extractor):
    text = (
        "Rockets struck the base at Erbil airport on Monday evening, and Saraya Awliya al-Dam claimed the attack. "
        "A coalition spokesman said one contractor was killed and five were wounded when rockets fell on coalition "
        "forces in Erbil."
    )
    events = _events(extractor, text, published=date(2021, 2, 16))
    assert _at(events) == [("2021-02-15", "Erbil Air Base")]
    assert events[0].fatalities == 1


def test_a_drone_attack_on_the_city_and_a_rocket_attack_on_its_base_stay_two(extractor):
    text = (
        "Rockets struck the base at Erbil airport on Monday evening. "
        "Separately, a drone hit a house in Erbil on Monday, police said."
    )
    assert len(_events(extractor, text, published=date(2021, 2, 16))) == 2


def test_a_long_launch_area_is_no_site(extractor):
    english = (
        "The rockets were launched from an area south of Erbil near the boundary with Kirkuk, and some fell on "
        "residential neighbourhoods."
    )
    assert _events(extractor, english, published=date(2021, 2, 16)) == []
    arabic = "الصواريخ أُطلقت من منطقة جنوب أربيل قرب الحدود الإدارية مع كركوك، وسقط بعضها على أحياء سكنية."
    assert _events(extractor, arabic, "ar", date(2021, 2, 16)) == []


def test_a_destroyed_vehicle_and_a_raid_are_attacks(extractor):
    events = _events(
        extractor,
        "أعلن حزب الله أن مقاتليه دمّروا آلية عسكرية إسرائيلية عند طريق ثكنة أفيفيم أمس.",
        "ar",
        date(2019, 9, 2),
    )
    assert _at(events) == [("2019-09-01", "Avivim")]
    assert _at(
        _events(
            extractor,
            "Hezbollah said it destroyed an Israeli military vehicle near Avivim on Sunday.",
            published=date(2019, 9, 2),
        )
    ) == [("2019-09-01", "Avivim")]
    raid = _events(
        extractor, "أغارت طائرات الاحتلال مساء السبت على منزل في بلدة عقربا جنوب شرق دمشق.", "ar", date(2019, 8, 25)
    )
    assert _at(raid) == [("2019-08-24", "Aqraba")]
    assert raid[0].actors == ["Israel"]


def test_the_target_a_leader_reveals_is_his_group_s_claim(extractor):
    text = (
        "وفي كلمة متلفزة مساء اليوم، كشف الأمين العام لحزب الله حسن نصر الله أن الهدف الرئيس للعملية كان قاعدة "
        "غليلوت قرب تل أبيب."
    )
    events = _events(extractor, text, "ar", date(2024, 8, 25))
    assert _at(events) == [("2024-08-25", "Glilot base")]
    assert events[0].claimed_by == ["Hezbollah (Lebanon)"]


def test_the_attack_answered_in_context_is_no_event(extractor):
    text = (
        "وفي سياق الردّ الأوّلي على العدوان الصهيوني الذي طال الضاحية الجنوبية لبيروت، أطلق مجاهدو المقاومة "
        "الإسلامية في لبنان صباح اليوم صليات صاروخية على ثكنة كيلع."
    )
    assert [e.location.name for e in _events(extractor, text, "ar", date(2024, 8, 25))] == ["Kela barracks"]
    conjoined = text.replace("وفي سياق الردّ الأوّلي على", "ورداً على")
    assert [e.location.name for e in _events(extractor, conjoined, "ar", date(2024, 8, 25))] == ["Kela barracks"]


def test_a_news_flash_line_tells_of_an_event(extractor):
    flash = _events(extractor, "عاجل | سقوط صواريخ على قاعدة عين الأسد الجوية غربي الأنبار", "ar", date(2024, 1, 3))
    assert _at(flash) == [("2024-01-03", "Ain al-Asad Air Base")]
    assert _at(_events(extractor, "BREAKING: Rockets hit Ain al-Asad air base", published=date(2024, 1, 3))) == [
        ("2024-01-03", "Ain al-Asad Air Base")
    ]


def test_a_day_written_with_the_article_is_a_day(extractor):
    text = "رصد المرصد صباح اليوم الجمعة الـ24 من آذار سقوط قذائف صاروخية على القاعدة الأمريكية في حقل العمر النفطي."
    assert _at(_events(extractor, text, "ar")) == [("2023-03-24", "Al-Omar oil field")]


def test_a_dateline_with_its_country_in_brackets_is_no_site(extractor):
    text = (
        "Erbil (Irak), 15 juillet (AFP) – Un drone chargé d'explosifs a frappé mardi matin le champ pétrolier de "
        "Sarsang, au lendemain d'une attaque contre le champ de Khourmala."
    )
    assert _at(_events(extractor, text, "fr")) == [
        ("2025-07-14", "Khurmala oil field"),
        ("2025-07-15", "Sarsang oil field"),
    ]


def test_a_yearless_page_stamp_takes_the_year_of_the_landmark_told_as_past():
    text = (
        "Le Point\nMONDE\nIrak : deux drones s'abattent sur un champ pétrolier\nPublié le 14/07 à 22h31\n\n"
        "Deux drones se sont abattus lundi soir sur le champ de Khourmala. Ces incidents interviennent moins d'un "
        "mois après la fin de la guerre de douze jours entre Israël et l'Iran."
    )
    day, precision, _ = assumed_day(None, text, "fr")
    assert (day, precision) == (date(2025, 7, 14), "day")
    assert assumed_day(None, text.replace("Publié le 14/07", "Score 14/07"), "fr") is None


def test_a_yearless_issue_stamp_and_byline_date_an_undated_page():
    english = (
        "FRANCE 24\nIsraeli strike kills four in south Lebanon\nIssued on: 05/11 - 20:48\n\n"
        "An Israeli strike on a car in south Lebanon on Sunday killed four people. It was the deadliest day for "
        "civilians since cross-border exchanges began after the Hamas attack on Israel on October 7."
    )
    assert assumed_day(None, english, "en")[:2] == (date(2023, 11, 5), "day")
    french = (
        "L'Orient-Le Jour\nOLJ / Par Nour KHALIL, le 24 novembre à 06h00\n\n"
        "L'armée israélienne a frappé dimanche un immeuble de Haret Hreik, le plus haut responsable tué depuis "
        "l'entrée en vigueur du cessez-le-feu du 27 novembre 2024."
    )
    assert assumed_day(None, french, "fr")[:2] == (date(2025, 11, 24), "day")


def test_a_bracketed_country_before_the_agency_is_a_dateline(extractor):
    text = (
        "Aitaroun (Lebanon) (AFP) - An Israeli strike on a car on the road between the villages of Aynata and "
        "Aitaroun on Sunday killed three girls and their grandmother."
    )
    assert [e.location.name for e in _events(extractor, text, published=date(2023, 11, 5))] == ["Aynata"]


def test_a_toll_since_a_day_is_no_event_s_toll(extractor):
    text = (
        "Hezbollah fired rockets at Kiryat Shmona on Sunday. At least 70 people have been killed on the Lebanese "
        "side since October 8, according to an AFP tally."
    )
    events = _events(extractor, text, published=date(2023, 11, 5))
    assert [(e.location.name, e.fatalities) for e in events] == [("Kiryat Shmona", None)]


def test_the_months_a_page_spans_give_its_yearless_days_their_year(extractor):
    text = (
        "Timeline of militia attacks on coalition sites in Iraq (February-July 2021)\n\n"
        "This article lists attacks between February and July 2021.\n\n"
        "February\n15 February - Rockets struck Erbil International Airport, killing a contractor.\n\n"
        "July\n7 July - At least 14 rockets hit Ain al-Asad Air Base, wounding two US service members.\n\n"
        "See also\nAssassination attempt on Mustafa al-Kadhimi\n"
    )
    assert _at(_events(extractor, text)) == [("2021-02-15", "Erbil Air Base"), ("2021-07-07", "Ain al-Asad Air Base")]


def test_a_clash_with_a_force_is_an_attack(extractor):
    text = "اشتبك مجاهدو المقاومة الإسلامية فجر اليوم مع قوة مشاة إسرائيلية تقدمت نحو أطراف بلدة العديسة."
    assert _at(_events(extractor, text, "ar", date(2024, 10, 2))) == [("2024-10-02", "Odaisseh")]
    english = "Hezbollah fighters clashed with Israeli troops advancing on Odaisseh on Wednesday."
    assert _at(_events(extractor, english, published=date(2024, 10, 2))) == [("2024-10-02", "Odaisseh")]


def test_a_statement_s_number_holds_no_yesterday(extractor):
    text = (
        "البيان الخامس\nبسم الله الرحمن الرحيم\nفجّر مجاهدو المقاومة الإسلامية عبوة ناسفة بقوة إسرائيلية عند تخوم "
        "بلدة كفركلا.\n"
    )
    assert _at(_events(extractor, text, "ar", date(2024, 10, 2))) == [("2024-10-02", "Kfar Kila")]
    assert _days("البيان الخامس", "ar", date(2024, 10, 2)) == []
    assert _days("وأمس، سقطت صواريخ على المطار.", "ar", date(2024, 10, 2)) == [date(2024, 10, 1)]


def test_a_hijri_day_written_beside_the_gregorian_is_that_day():
    text = "الأربعاء 02-10-2024\n28 ربيع الأول 1446 هـ"
    assert {d.value for d in find_dates(text, 0, "ar", None) if d.value} == {date(2024, 10, 2)}


def test_a_new_series_of_raids_on_one_place_is_its_event(extractor):
    text = "ميدانياً، شن الطيران الحربي الإسرائيلي سلسلة غارات جديدة على الضاحية الجنوبية لبيروت."
    assert _at(_events(extractor, text, "ar", date(2024, 10, 2))) == [("2024-10-02", "Dahiyeh")]


def test_a_strike_every_day_is_a_habit_not_an_event(extractor):
    arabic = "ومنذ بدء سريان وقف الأعمال العدائية، لا يكاد يمرّ يوم من دون غارة على سيارة في قرى الجنوب والبقاع."
    assert _events(extractor, arabic, "ar", date(2025, 8, 12)) == []
    english = "Hardly a day passes without a strike on a car in the villages of the south and the Bekaa."
    assert _events(extractor, english, published=date(2025, 8, 12)) == []
    french = "Pas un jour ne passe sans une frappe sur une voiture dans les villages du Sud et de la Bekaa."
    assert _events(extractor, french, "fr", date(2025, 8, 12)) == []


def test_the_fall_of_a_regime_is_no_falling_rocket(extractor):
    text = "فقد الحزب بسقوط النظام في دمشق عمقه الجغرافي، فيما تنشغل طهران بإعادة ترتيب أولوياتها."
    assert _events(extractor, text, "ar", date(2025, 8, 12)) == []


def test_a_toll_since_the_war_began_is_no_event_s_toll(extractor):
    french = (
        "Une frappe israélienne a tué dimanche trois secouristes à Adloun, dans le caza de Saïda. Plus de 3 100 "
        "personnes ont été tuées au Liban depuis le début des hostilités en octobre 2023."
    )
    events = _events(extractor, french, "fr", date(2024, 11, 11))
    assert [(e.location.name, e.fatalities) for e in events] == [("Adloun", 3)]
    arabic = (
        "استشهد ثلاثة مسعفين في غارة إسرائيلية على بلدة عدلون أمس. واستشهد أكثر من 3100 شخص في لبنان منذ بدء "
        "العدوان في تشرين الأول 2023."
    )
    events = _events(extractor, arabic, "ar", date(2024, 11, 11))
    assert [(e.location.name, e.fatalities) for e in events] == [("Adloun", 3)]


def test_the_place_an_earthquake_struck_is_no_site(extractor):
    text = (
        "قصف العدو الإسرائيلي حي كفرسوسة في دمشق فجر اليوم. ويأتي هذا العدوان بعد أقل من أسبوعين على الزلزال المدمر "
        "الذي ضرب سورية في السادس من شباط."
    )
    names = [e.location.name for e in _events(extractor, text, "ar", date(2023, 2, 19))]
    assert len(names) == 1 and names[0] != "Syria"  # (Kafr Sousa, or Damascus that holds it)
    english = (
        "Israeli missiles struck Kafr Sousa in Damascus on Sunday, less than two weeks after the devastating "
        "earthquake that struck Syria on Feb. 6."
    )
    names = [e.location.name for e in _events(extractor, english, published=date(2023, 2, 19))]
    assert len(names) == 1 and names[0] != "Syria"


def test_supporters_are_no_village(extractor):
    text = "وجاء الهجوم بعد اعتصام أنصار القوى الخاسرة قرب بوابات المنطقة الخضراء، حيث استهدفت مسيّرة منزل رئيس الوزراء."
    assert [e.location.country for e in _events(extractor, text, "ar", date(2021, 11, 7))] == ["IQ"]


def test_a_statement_listing_its_targets_by_adverbial_ordinals(extractor):
    text = (
        "نفذت القوات المسلحة اليمنية عملية عسكرية واسعة في عمق العدو الإماراتي، استهدفت ما يلي:\n"
        "أولاً: مطار دبي الدولي.\nثانياً: مطار أبوظبي الدولي.\n"
        "وقد نُفذت العملية بخمسة صواريخ باليستية وعدد كبير من الطائرات المسيرة."
    )
    names = {e.location.name for e in _events(extractor, text, "ar", date(2022, 1, 17))}
    assert {"Dubai International Airport", "Abu Dhabi International Airport"} <= names


def test_the_aggression_s_aircraft_are_the_saudi_led_coalition(extractor):
    text = "ارتكب طيران العدوان السعودي الأمريكي مساء أمس جريمة باستهداف منزل مواطن في حي الليبي بصنعاء بغارتين."
    events = _events(extractor, text, "ar", date(2022, 1, 18))
    assert [(e.location.name, e.actors) for e in events] == [("Sanaa", ["Saudi-led coalition"])]


def test_officials_who_describe_the_attack_do_not_speak_for_its_place(extractor):
    text = "In April, a drone struck a hangar at Erbil airport in what officials called a new tactic."
    assert _at(_events(extractor, text, published=date(2021, 6, 28))) == [("2021-04-01", "Erbil Air Base")]
    assert _events(extractor, "Rockets hit the airport, Kirkuk police said.", published=date(2021, 6, 28)) == []


def test_an_advisory_entry_s_attack_is_at_its_position(extractor):
    text = (
        "2. INCIDENTS SINCE LAST ADVISORY\n\n"
        "a. 02 SEP 2024 - BLUE LAGOON I (Panama flag, crude oil tanker)\n"
        "Position: approximately 70NM north-west of Saleef, Yemen.\n"
        "The vessel reported being struck by two projectiles. The crew is safe.\n\n"
        "b. 30 AUG 2024 - GROTON (Liberia flag, container ship)\n"
        "Position: approximately 130NM east of Aden, Yemen.\n"
        "The master reported two missiles exploding near the vessel. No damage reported.\n"
    )
    events = _events(extractor, text, published=date(2024, 9, 3))
    assert [(e.date.value, e.location.country) for e in events] == [(date(2024, 9, 2), "YE"), (date(2024, 8, 30), "YE")]
    assert all(e.location.name != "Yemen" for e in events)
    # a position line alone, with no attack told below it, is no event
    quiet = text.replace("The vessel reported being struck by two projectiles.", "The vessel reported nothing.")
    assert len(_events(extractor, quiet, published=date(2024, 9, 3))) == 1
