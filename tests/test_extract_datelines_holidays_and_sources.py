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


def _names(events):
    """The events' place names, in the order of ``_at`` (day, then name)."""
    return [name for _, name in _at(events)]


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
    assert _names(_events(extractor, text, published=date(2024, 10, 2))) == ["Jaffa"]
    text = "Un homme a été tué par des tirs sur le boulevard de Jérusalem à Jaffa mardi soir, selon la police."
    assert _names(_events(extractor, text, "fr", date(2024, 10, 2))) == ["Jaffa"]


def test_a_party_named_inside_a_reference_takes_no_part(extractor):
    text = (
        "Rockets struck Ain al-Asad air base in western Iraq on Monday, the latest of dozens of attacks on U.S. "
        "forces since the Oct. 7 Hamas attack on Israel, officials said."
    )
    (event,) = _events(extractor, text, published=date(2024, 1, 22))
    assert event.actors == []


def test_a_press_room_page_dates_each_release_by_its_stamp_line(extractor):
    text = (
        "PRESS RELEASES\n\n"
        "Forces respond to rocket fire\n"
        "Release No. 20230312-02 | Mar. 12, 2023\n"
        "U.S. forces responded this evening with helicopter fire near al-Mayadin after rockets hit the Green Village "
        "base.\n\n"
        "Forces strike weapons depots\n"
        "Release No. 20230310-01 | Mar. 10, 2023\n"
        "U.S. aircraft today struck weapons depots near Albu Kamal used by groups tied to the IRGC.\n"
    )
    days = {name: day for day, name in _at(_events(extractor, text))}
    assert days.get("Albu Kamal") == "2023-03-10"
    assert "2023-03-12" in {day for name, day in days.items() if name != "Albu Kamal"}


def test_a_news_page_stamped_by_section_dates_its_entries(extractor):
    text = (
        "PRESS ROOM\n\n"
        "02.08.24 | Northern Arena\n"
        "Jets struck a Hezbollah launcher in Aitaroun this afternoon.\n\n"
        "29.07.24 | Northern Arena\n"
        "Rockets launched from Lebanon hit Kiryat Shmona this morning, lightly wounding two people.\n"
    )
    assert _at(_events(extractor, text)) == [("2024-07-29", "Kiryat Shmona"), ("2024-08-02", "Aitaroun")]


def test_a_list_that_adds_provinces_to_a_city_told_before_tells_anew(extractor):
    text = (
        "Background\nThe Hamas leader was killed in Tehran on 31 July 2024, Iranian media said.\n\n"
        "Strikes\nIn the early hours of 26 October 2024, Israeli jets struck Iran. Officials said the raids hit "
        "military sites in Tehran, Khuzestan and Ilam provinces.\n"
    )
    at = _at(_events(extractor, text))
    assert ("2024-10-26", "Khuzestan Province") in at and ("2024-10-26", "Ilam Province") in at


def test_a_region_told_in_a_clause_of_its_own_is_another_attack(extractor):
    text = (
        "أعلنت المقاومة، صباح أمس الإثنين، أنها استهدفت هدفاً في غور الأردن بطائرة مسيّرة، وذلك بعد يوم واحد على "
        "إعلانها مهاجمة هدف في حيفا."
    )
    names = _names(_events(extractor, text, "ar", date(2024, 9, 17)))
    assert "Jordan Valley" in names and "Haifa" in names


def test_the_month_of_august_is_no_yemeni_city(extractor):
    text = "ففي الخامس من آب الماضي، سقطت صواريخ داخل قاعدة عين الأسد."
    assert _names(_events(extractor, text, "ar", date(2024, 9, 17))) == ["Ain al-Asad Air Base"]
    text = "قصفت طائرات أمريكية مواقع في مدينة إب اليمنية فجر اليوم."
    assert _names(_events(extractor, text, "ar", date(2024, 9, 17))) == ["Ibb"]


def test_the_fall_of_a_city_is_no_attack_but_falling_rockets_are(extractor):
    text = "بعد سقوط الرمادي في أيار 2015، انضم الفصيل إلى الحشد وشارك في معارك الفلوجة وهيت."
    assert _events(extractor, text, "ar", date(2024, 1, 20)) == []
    text = "أفاد مصدر أمني بسقوط صاروخين داخل قاعدة عين الأسد مساء اليوم."
    assert _names(_events(extractor, text, "ar", date(2024, 1, 20))) == ["Ain al-Asad Air Base"]


def test_a_missile_fired_from_the_areas_a_capital_holds_names_no_site(extractor):
    text = "وزعمت القيادة المركزية أن الناقلة أُصيبت بصاروخ أُطلق من مناطق سيطرة صنعاء، من دون إصابات."
    assert _events(extractor, text, "ar", date(2024, 1, 27)) == []


def test_a_statement_signed_inside_a_page_dates_the_page_and_its_weekdays(extractor):
    text = (
        "وكالة الأنباء\n\nأصدرت القوات المسلحة اليمنية مساء اليوم بياناً هذا نصه:\n"
        "نفذت القوات البحرية عملية عسكرية استهدفت سفينة نفط في خليج عدن بعدد من الصواريخ البحرية.\n\n"
        "صنعاء، ٢٠ رجب ١٤٤٥هـ\nصادر عن القوات المسلحة اليمنية\n\n"
        "وتأتي العملية بعد إعلان القوات المسلحة، الأربعاء الماضي، خوض قواتها البحرية اشتباكاً مع قطع حربية أمريكية "
        "في البحر الأحمر استمر ساعتين، أكدت خلاله إصابة سفينة تجارية إصابة مباشرة، وهي رواية نفتها واشنطن لاحقاً "
        "في بيان مطوّل.\n"
    )
    assert _at(_events(extractor, text, "ar")) == [("2024-01-31", "Red Sea"), ("2024-02-01", "Gulf of Aden")]


def test_a_weekday_written_before_its_day_is_that_day_for_every_site(extractor):
    text = (
        "وتأتي الحوادث بعد أيام من استهداف رادار في معسكر التاجي شمالي بغداد وقاعدة الإمام علي الجوية في الناصرية "
        "بطائرات مسيّرة فجر الثلاثاء 24 حزيران."
    )
    events = _events(extractor, text, "ar", date(2025, 7, 1))
    assert {day for day, _ in _at(events)} == {"2025-06-24"}


def test_a_stamp_with_a_comma_before_its_year_dates_an_undated_page(extractor):
    text = (
        "المرصد\nآخر تحديث: 14 أغسطس، 2024 - 09:40\n\n"
        "دوّت انفجارات ليل أمس الثلاثاء في محيط حقل كونيكو للغاز بريف دير الزور جراء سقوط قذائف صاروخية.\n"
    )
    assert _at(_events(extractor, text, "ar")) == [("2024-08-13", "Conoco gas field")]


def test_the_bekaa_villages_israel_struck_from_2024_are_known(extractor):
    text = "شنّت طائرة حربية إسرائيلية غارة على شاحنات عند أطراف بلدة بوداي غرب بعلبك بعد ظهر اليوم."
    assert _names(_events(extractor, text, "ar", date(2024, 2, 26))) == ["Bouday"]
    text = "Israeli jets struck a building in Nabi Chit in the Bekaa on Monday, security sources said."
    assert _names(_events(extractor, text, published=date(2024, 3, 12))) == ["Nabi Chit"]


def test_the_previous_day_counts_back_from_the_day_just_told(extractor):
    text = (
        "Early on Dec. 26, U.S. aircraft struck three facilities used by Kataib Hezbollah, among them a site in "
        "Hilla, the Pentagon said. Those strikes answered a drone attack on the air base at Erbil airport the "
        "previous day."
    )
    assert _at(_events(extractor, text, published=date(2024, 1, 4))) == [
        ("2023-12-25", "Erbil Air Base"),
        ("2023-12-26", "Hillah"),
    ]


def test_a_year_written_a_paragraph_before_does_not_carry_to_a_dated_story(extractor):
    text = (
        "Washington listed the group as a terrorist organisation in March 2019.\n\n"
        "U.S. forces have struck militants in Iraq several times in recent weeks. On Dec. 3, an armed drone killed "
        "five fighters near Kirkuk who were preparing a launch, officials said."
    )
    assert _at(_events(extractor, text, published=date(2024, 1, 4))) == [("2023-12-03", "Kirkuk")]
    # in one paragraph, the year written before still dates the story it continues
    text = "The precedent goes back to March 2020. On 11 March, rockets hit Camp Taji north of Baghdad."
    assert _at(_events(extractor, text, published=date(2024, 1, 4))) == [("2020-03-11", "Camp Taji")]


def test_the_groups_that_make_up_that_umbrella_are_its_members(extractor):
    text = (
        "We attribute it to the Islamic Resistance in Iraq, an umbrella group for several Iran-backed militias. "
        "Kataib Hezbollah is one of the groups that make up that umbrella."
    )
    doc = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 2, 2)))
    assert [(m.member, m.umbrella) for m in doc.memberships] == [("Kataib Hezbollah", "Islamic Resistance in Iraq")]


def test_the_target_of_an_attack_prepared_is_no_site(extractor):
    text = (
        "Israeli jets struck a compound in Aqraba south of Damascus late on Saturday. The army said the site was "
        "used by the Quds Force to prepare an attack on northern Israel with explosive drones."
    )
    assert _names(_events(extractor, text, published=date(2019, 8, 25))) == ["Aqraba"]


def test_an_agency_dateline_with_its_day_dates_an_undated_page_and_the_barrens_locate(extractor):
    text = (
        "الوكالة الوطنية للإعلام\n\n"
        "بعلبك – الثلاثاء 15 تموز – وطنية: شنّ الطيران الحربي المعادي بعد ظهر اليوم غارات على وادي فعرا في جرود "
        "الهرمل، ما أدى إلى سقوط 12 شهيداً.\n"
        "وتأتي الغارات بعد نحو ثمانية أشهر على دخول اتفاق وقف إطلاق النار حيّز التنفيذ في 27 تشرين الثاني الماضي.\n"
    )
    assert _at(_events(extractor, text, "ar")) == [("2025-07-15", "Wadi Faara")]


def test_a_yearless_day_weeks_before_the_landmark_a_story_is_of_is_in_its_year(extractor):
    text = (
        "Three U.S. soldiers were killed when a drone struck Tower 22, a small outpost in Jordan near the Syrian "
        "border. The gravest incident before that was a drone that struck the air base at Erbil airport on Dec. 25, "
        "wounding three U.S. service members."
    )
    at = _at(_events(extractor, text))
    assert ("2023-12-25", "Erbil Air Base") in at and ("2024-01-28", "Tower 22") in at
    # a reference is only a floor: "since October 7" puts a yearless September after it
    text = "Since the October 7 attack, militias have hit U.S. bases. On Sept. 20, rockets hit Ain al-Asad air base."
    assert ("2024-09-20", "Ain al-Asad Air Base") in _at(_events(extractor, text))


def test_the_month_of_last_year_when_an_attack_killed_is_that_attack(extractor):
    text = (
        "It was the deadliest attack on the coalition since March of last year, when rockets killed two Americans "
        "and a British soldier at Camp Taji."
    )
    assert _at(_events(extractor, text, published=date(2021, 2, 16))) == [("2020-03-01", "Camp Taji")]


def test_a_claimed_account_at_the_city_is_the_attack_on_its_base(extractor):
    text = (
        "ERBIL - Rockets struck near the coalition base at Erbil International Airport late Monday.\n\n"
        "Indirect fire landed on coalition forces in Erbil at around 9:30 pm, killing one contractor. A group "
        "calling itself Saraya Awliya al-Dam claimed the rocket attack on Erbil in a Telegram message."
    )
    events = _events(extractor, text, published=date(2021, 2, 16))
    assert _names(events) == ["Erbil Air Base"]


def test_a_landmark_inside_a_fronted_avenged_clause_is_a_reference(extractor):
    text = (
        "في إطار الرد الأولي على العدوان الصهيوني الذي استهدف الضاحية الجنوبية وأدى إلى استشهاد القائد فؤاد شكر، "
        "بدأت المقاومة الإسلامية هجوماً جوياً بعدد كبير من المسيّرات باتجاه عمق الكيان."
    )
    assert _events(extractor, text, "ar", date(2024, 8, 25)) == []
    text = (
        "In response to the Israeli aggression on the southern suburbs that killed commander Fuad Shukr, Hezbollah "
        "launched a drone attack deep into Israel."
    )
    assert _events(extractor, text, published=date(2024, 8, 25)) == []


def test_a_lebanese_border_village_struck_in_2024_is_known(extractor):
    text = "08:35 — غارة معادية على بلدة الطيري قضاء بنت جبيل أدت إلى استشهاد مواطنين."
    assert _names(_events(extractor, text, "ar", date(2024, 8, 25))) == ["Tiri"]


def test_villages_of_the_tyre_district_and_the_zebdin_barracks_are_known(extractor):
    text = (
        "On 16 April, Israeli strikes on Ain Baal and Shehabiya in southern Lebanon killed three fighters. The same "
        "day, Hezbollah claimed rocket fire at the Zebdin barracks in the Shebaa Farms."
    )
    names = _names(_events(extractor, text, published=date(2024, 4, 19)))
    assert names == ["Ain Baal", "Shehabiya", "Zibdin site"]


def test_a_capital_paired_with_washington_is_its_government(extractor):
    text = (
        "That attack set off a chain of events that pushed Washington and Tehran to the brink of war, after the U.S. "
        "drone strike near Baghdad's airport on Jan. 3."
    )
    assert "Tehran" not in _names(_events(extractor, text, published=date(2020, 3, 15)))


def test_a_region_holds_no_site_beyond_its_reach(extractor):
    text = (
        "The Islamic Resistance in Iraq claimed a drone attack on a military target in the Golan Heights on November "
        "25.\n\nUnidentified fighters fired four rockets at US forces at the Conoco gas field in Deir ez-Zor Province "
        "on November 25."
    )
    names = _names(_events(extractor, text, published=date(2024, 11, 27)))
    assert names == ["Conoco gas field", "Golan Heights"]
