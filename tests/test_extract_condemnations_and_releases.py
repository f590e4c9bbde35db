"""Press releases, condemnations and the figures told around them (fourteenth session). A condemnation is no event,
but the strikes it names at a place are ("condemned the strikes on the border areas of X"), unless the text told
that attack already; the city the condemnation was voiced in is no site. "Killed in strikes on positions around X"
tells of strikes at X. A monitor that speaks ("the Syrian Observatory said") lost no one. A note's stamp ("appended
Feb. 3") dates nothing, and "(EST) Feb. 2, U.S. Central Command (CENTCOM)" is no day in another zone's brackets. "These
strikes follow the drone attack on X on Jan. 28" tells of the past: the news stays at its own day. A toll "in those
areas" is shared by the places just named. A state's "statement on U.S. strikes" and "the IDF says jets struck" are
its word on its strikes, but "the IDF confirms a drone struck inside the base" is no word on its own. Sentences written
for these tests."""

from datetime import date

from claimgraph.models import Document


def _events(extractor, text, lang="en", published=None):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published)).events


def _sites(events):
    return sorted(e.location.name for e in events)


def test_the_strikes_a_condemnation_names_are_events_at_their_places(extractor):
    text = (
        "In Basra, a government spokesman condemned the strikes on the outskirts of al-Qaim and Akashat as an"
        " attack on Iraqi sovereignty."
    )
    assert _sites(_events(extractor, text, published=date(2024, 3, 9))) == ["Akashat", "Al-Qaim"]


def test_a_condemnation_alone_or_of_any_attack_tells_no_event(extractor):
    for text in (
        "Baghdad condemned the strike and summoned the U.S. charge d'affaires in Basra.",
        "The ministry in Erbil condemned any attack on diplomatic missions.",
    ):
        assert _events(extractor, text, published=date(2024, 3, 9)) == []


def test_condemning_an_attack_told_before_adds_no_event(extractor):
    text = (
        "A drone struck the Erbil air base on Monday, wounding two U.S. soldiers. On Tuesday U.S. jets struck a"
        " depot near Hilla. The government condemned the U.S. strike, while also condemning the attack on Erbil."
    )
    assert _sites(_events(extractor, text, published=date(2024, 3, 6))) == ["Erbil Air Base", "Hillah"]


def test_fighters_killed_in_strikes_on_positions_around_a_town_is_an_event(extractor):
    text = "At least nine fighters were killed in strikes on positions around Albu Kamal, a monitor said."
    (e,) = _events(extractor, text, published=date(2024, 3, 9))
    assert (e.location.name, e.date.value) == ("Albu Kamal", date(2024, 3, 9))


def test_a_monitor_that_speaks_is_no_target(extractor):
    text = (
        "U.S. jets struck depots near al-Mayadin on Friday. The Syrian Observatory for Human Rights said nine"
        " fighters were killed in the strikes."
    )
    (e,) = _events(extractor, text, published=date(2024, 3, 9))
    assert e.target != "Syrian Observatory for Human Rights"


RELEASE = (
    "ARMY CENTRAL COMMAND\n"
    "U.S. CENTRAL COMMAND STATEMENT ON U.S. STRIKES IN IRAQ\n"
    "March 8, 2024\n"
    "\n"
    "TAMPA, Fla. - At 5:00 p.m. (EST) March 8, U.S. Central Command (CENTCOM) forces conducted "
    "airstrikes in Iraq against militia groups.\n"
    "\n"
    "These strikes follow the rocket attack on Ain al-Asad on March 2 that wounded two U.S. service "
    "members.\n"
    "\n"
    "NOTE (appended March 10 for media queries): Strikes were conducted at two facilities.\n"
    "\n"
    "In Baghdad, a spokesman condemned the strikes on the areas of al-Qaim and Akashat. The government "
    "said 11 people were killed and 14 wounded in those areas.\n"
)


def test_a_release_dates_its_strikes_by_its_own_day_not_the_attack_it_answers(extractor):
    got = {e.location.name: e for e in _events(extractor, RELEASE, published=date(2024, 3, 8))}
    assert {k: e.date.value for k, e in got.items()} == {
        "Ain al-Asad Air Base": date(2024, 3, 2),
        "Al-Qaim": date(2024, 3, 8),  # not the note's March 10, nor the answered attack's March 2
        "Akashat": date(2024, 3, 8),
    }
    # the toll "in those areas" is the two places' together: neither gets it
    assert [(got[k].fatalities, got[k].injuries) for k in ("Al-Qaim", "Akashat")] == [(None, None), (None, None)]
    # the command's own statement on its strikes is its word on them
    assert [(got[k].actors, got[k].claimed_by) for k in ("Al-Qaim", "Akashat")] == [(["US forces"], ["US forces"])] * 2


LIVE = """9:15 am
IDF says jets struck Hezbollah targets overnight in Kfar Kila

8:01 am
Hezbollah says it sent drones at a base in Safed. The IDF confirms a drone struck inside the base.

7:30 am
An Israeli drone strike hit a car near Bint Jbeil on Monday, Lebanese sources said. The IDF has not commented.
"""


def test_the_army_says_in_the_present_is_its_word_on_the_strikes_it_names(extractor):
    got = {e.location.name: e for e in _events(extractor, LIVE, published=date(2024, 1, 10))}
    assert got["Kfar Kila"].claimed_by == ["Israel"]
    # confirming a drone that hit its base is no word on its own strike elsewhere
    assert got["Bint Jbeil"].claimed_by == []


ADVISORY = (
    "MARITIME SECURITY ADVISORY\n"
    "Issued: 12 March 2024\n"
    "\n"
    "2. INCIDENTS\n"
    "2.1 10 MAR 2024 - OCEAN STAR (Liberia-flagged bulk carrier). The vessel was struck by an anti-ship "
    "missile approx. 50nm east of Aden. No injuries were reported. The Houthis claimed the attack.\n"
    "\n"
    "2.2 8 MAR 2024 - TWO CONTAINER SHIPS (escorted). Two anti-ship missiles were fired at the convoy in "
    "the Gulf of Aden; both were shot down by a US destroyer.\n"
    "\n"
    "2.3 11 MAR 2024 - CENTCOM said its forces struck a Houthi anti-ship missile aimed into the Gulf of "
    "Aden.\n"
    "\n"
    "3. BACKGROUND\n"
    "Houthi fighters seized a car carrier in the southern Red Sea on 19 November 2023 and took the ship "
    "and its crew to Hodeidah.\n"
)


def test_an_advisory_s_numbered_incidents_are_each_an_event_of_their_day(extractor):
    got = sorted((e.date.value, e.location.name) for e in _events(extractor, ADVISORY, published=date(2024, 3, 12)))
    assert got == [
        (date(2023, 11, 19), "Red Sea"),  # where it was seized, not the port it was taken to
        (date(2024, 3, 8), "Gulf of Aden"),  # "2.2 8 MAR 2024 - ...": an entry of its own, not the 10th's sea
        (date(2024, 3, 10), "50 nautical miles east of Aden"),  # "approx." ends no sentence
        (date(2024, 3, 11), "Gulf of Aden"),  # the command's strike the next day is no part of the Houthi attack
    ]


CHANNEL = (
    "[09.11.24 22:41]\n"
    "The channel resumes its coverage tonight.\n"
    "\n"
    "[10.11.24 19:30]\n"
    "IRI claims TWO operations today:\n"
    '1) drones at "a military target in the occupied Golan"\n'
    '2) drones at "a vital target in Tiberias"\n'
)


def test_a_channel_s_numbered_claims_under_a_claim_head_are_each_claimed(extractor):
    got = [(e.location.name, e.date.value, e.claimed_by) for e in _events(extractor, CHANNEL)]
    iri = ["Islamic Resistance in Iraq"]
    assert got == [("Golan Heights", date(2024, 11, 10), iri), ("Tiberias", date(2024, 11, 10), iri)]


SAREE = (
    "أعلن المتحدث العسكري تنفيذ عمليتين عسكريتين.\n"
    "\n"
    "وجاء في البيان:\n"
    "بسم الله الرحمن الرحيم\n"
    "نفذت القوات المسلحة اليمنية عمليتين عسكريتين نوعيتين:\n"
    'الأولى: استهدفت حاملة الطائرات الأمريكية "هاري ترومان" في البحر الأحمر بعدد من الصواريخ المجنحة.\n'
    "الثانية: استهدفت سفينة تجارية في خليج عدن بعدد من الطائرات المسيرة.\n"
    "صادر عن القوات المسلحة اليمنية\n"
    "صنعاء ٢٠ جمادى الآخرة ١٤٤٦هـ الموافق ٢١-١٢-٢٠٢٤م\n"
)


def test_a_statement_announced_in_its_block_signs_its_ordinal_operations(extractor):
    got = {e.location.name: e for e in _events(extractor, SAREE, lang="ar")}
    assert sorted(got) == ["Gulf of Aden", "Red Sea"]
    for e in got.values():
        # the day of the one signature line that holds both dates; the group of the head, not the carrier's state
        assert (e.date.value, e.actors, e.claimed_by) == (date(2024, 12, 21), ["Houthis"], ["Houthis"])
    assert got["Red Sea"].target == "US forces"


def test_a_fronted_retaliation_clause_keeps_its_place_out_of_the_main_clause_s_day(extractor):
    text = (
        "In retaliation for the assassination of commander Fuad Shukr in Beirut's southern suburbs, Hezbollah"
        " launched dozens of drones at the Glilot base on Sunday."
    )
    assert [e.location.name for e in _events(extractor, text, published=date(2024, 8, 25))] == ["Glilot base"]


MASIRAH = (
    "المسيرة نت | الرئيسية | محلي\n"
    "الاثنين ١٦ محرم ١٤٤٦هـ\n"
    "\n"
    "القوات المسلحة تستهدف أم الرشراش\n"
    "\n"
    "أعلن المتحدث الرسمي باسم القوات المسلحة العميد يحيى سريع أن القوة الصاروخية استهدفت صباح اليوم الاثنين"
    " أهدافاً حيوية في أم الرشراش بعدد من الصواريخ الباليستية.\n"
    "وكان سلاح الجو المسير قد استهدف فجر السبت منطقة يافا بطائرة مسيرة، ما أدى إلى مقتل مستوطن وإصابة"
    " ثمانية آخرين.\n"
)


def test_an_undated_page_whose_displayed_weekday_is_the_one_it_calls_today_is_of_that_day(extractor):
    got = {e.location.name: e for e in _events(extractor, MASIRAH, lang="ar")}
    # the header's Monday 16 Muharram 1446 is 22 July 2024, and the story calls today Monday
    assert got["Eilat"].date.value == date(2024, 7, 22)
    # the spokesman named after his title announces his forces' operation: the Houthis' claim
    assert (got["Eilat"].actors, got["Eilat"].claimed_by) == (["Houthis"], ["Houthis"])
    # "مقتل مستوطن": one settler killed
    assert (got["Jaffa"].date.value, got["Jaffa"].fatalities, got["Jaffa"].injuries) == (date(2024, 7, 20), 1, 8)


def test_attacks_told_before_the_campaign_s_tally_they_belong_to_are_events(extractor):
    text = (
        "On Sunday the IRI claimed drone attacks on al-Shaddadi and al-Tanf, part of what it says are more than"
        " 160 attacks since October."
    )
    got = sorted(e.location.name for e in _events(extractor, text, published=date(2024, 1, 29)))
    assert got == ["Al-Shaddadi", "Al-Tanf Garrison"]
    # a tally alone is still no event
    assert _events(extractor, "The IRI has claimed more than 160 attacks on bases in Syria since October.") == []


TOWER = (
    "ويأتي القرار بعد يومين من الهجوم الذي استهدف فجر الأحد الماضي موقعاً أمريكياً يُعرف بـ«البرج 22» شمال"
    " شرقي الأردن، وأسفر عن مقتل ثلاثة جنود أمريكيين. وحمّلت واشنطن «المقاومة الإسلامية في العراق» مسؤولية"
    " الهجوم، وقال مسؤولون أمريكيون إنه يحمل «بصمات كتائب حزب الله»، فيما لم يصدر تبنٍّ للهجوم على البرج بعينه.\n"
    "وكانت المقاومة الإسلامية قد أعلنت في اليوم نفسه استهداف قاعدة الشدادي بطائرات مسيّرة، ضمن ما تقول إنها"
    " أكثر من 160 عملية منذ تشرين الأول.\n"
)


def test_arabic_blame_by_two_speakers_no_claim_and_the_same_day_as_the_attack_told(extractor):
    got = {e.location.name: e for e in _events(extractor, TOWER, lang="ar", published=date(2024, 1, 30))}
    tower = got["Tower 22"]
    # Washington holds the IRI responsible and officials see KH's hallmarks; no claim was issued for the tower
    assert set(tower.actors) == {"Islamic Resistance in Iraq", "Kataib Hezbollah"}
    assert tower.claimed_by == []
    # "في اليوم نفسه": the day of the attack just told, not the news's; the tally is the campaign's
    assert (got["Al-Shaddadi"].date.value, got["Al-Shaddadi"].claimed_by) == (
        date(2024, 1, 28),
        ["Islamic Resistance in Iraq"],
    )


def test_the_gaza_war_named_as_a_period_is_no_site(extractor):
    text = (
        "الهجوم الذي أدى إلى مقتل ثلاثة جنود أمريكيين في البرج 22 هو الأول الذي يوقع قتلى في صفوف القوات"
        " الأمريكية منذ اندلاع حرب غزة."
    )
    assert "Gaza Strip" not in [
        e.location.name for e in _events(extractor, text, lang="ar", published=date(2024, 1, 29))
    ]


SABA = (
    "وكالة الأنباء اليمنية سبأ\n"
    "الأربعاء 12 رجب 1445هـ\n"
    "\n"
    "صنعاء - سبأ:\n"
    "أوضح المتحدث الرسمي باسم القوات المسلحة العميد يحيى سريع في بيان أن القوات البحرية نفذت مساء الثلاثاء"
    " عملية استهداف لسفينة تجارية في خليج عدن بعدد من الصواريخ البحرية.\n"
    "وأضاف أن الدفاعات الجوية تمكنت في وقت سابق اليوم من إسقاط طائرة أمريكية نوع «إم كيو 9» في أجواء محافظة"
    " الحديدة.\n"
)


def test_a_display_the_day_after_the_weekday_told_with_a_today_of_its_own_dates_the_page(extractor):
    got = {e.location.name: e for e in _events(extractor, SABA, lang="ar")}
    # Wednesday 12 Rajab 1445 is 24 January 2024: Tuesday evening is the 23rd, "earlier today" the 24th
    assert got["Gulf of Aden"].date.value == date(2024, 1, 23)
    drone = next(e for name, e in got.items() if name.startswith("Hodeidah"))
    # the American drone shot down is the target, the Houthis who downed it the actor
    assert (drone.date.value, drone.actors, drone.target) == (date(2024, 1, 24), ["Houthis"], "US forces")


OILFIELDS = (
    "أعلن جهاز مكافحة الإرهاب أن طائرة مسيّرة هاجمت صباح اليوم الأربعاء حقل طاوكي، وقالت الوزارة إن الهجمات لم"
    " توقع ضحايا.\n"
    "وسبقه يوم الاثنين هجوم بمسيّرتين على حقل خورمالة غربي أربيل، إلى جانب إسقاط مسيّرة قرب مطار أربيل الدولي في"
    " اليوم نفسه.\n"
    "ولا تعد هذه الهجمات الأولى، ففي نيسان 2024 قُتل أربعة عمال بهجوم بطائرة مسيّرة على حقل كورمور الغازي.\n"
)


def test_oil_field_drones_a_downing_near_the_airport_and_an_attack_a_year_before(extractor):
    got = {e.location.name: e for e in _events(extractor, OILFIELDS, lang="ar", published=date(2025, 7, 16))}
    assert (got["Tawke oil field"].fatalities, got["Tawke oil field"].injuries) == (0, 0)  # "لم توقع ضحايا"
    # the drone downed near the airport is an event of its own, not a locator of the field told before it
    assert got["Erbil Air Base"].date.value == date(2025, 7, 14)
    # "بهجوم بطائرة مسيّرة" is one attack, whatever the plural beside it
    assert (got["Khor Mor gas field"].date.value, got["Khor Mor gas field"].date.precision) == (
        date(2024, 4, 1),
        "month",
    )
    assert got["Khor Mor gas field"].fatalities == 4


def test_a_yearless_french_dispatch_takes_its_year_from_the_fall_of_assad(extractor):
    text = (
        "Beyrouth, 16 juillet (AFP) – L'aviation israélienne a frappé mercredi des positions militaires dans la"
        " province de Deraa. Ces frappes, les plus importantes depuis la chute de Bachar Al-Assad il y a sept mois,"
        " interviennent alors que Damas et Tel-Aviv menaient des discussions indirectes."
    )
    got = [(e.location.name, e.date.value) for e in _events(extractor, text, lang="fr")]
    # the landmark (December 2024) gives the yearless dateline its year; the capitals that talk are no sites
    assert got == [("Daraa Governorate", date(2025, 7, 16))]


TIMELINE = (
    "APRIL 14 — The first direct attack\n"
    "\n"
    "Before dawn, several ballistic missiles struck Nevatim air base in the Negev.\n"
    "\n"
    "OCTOBER 1 — The second barrage\n"
    "\n"
    "The IRGC fired about 180 ballistic missiles at Israel in the evening, saying it was avenging Hassan Nasrallah,"
    " killed in Beirut. Dozens of missiles struck Nevatim and Tel Nof air bases, causing no casualties.\n"
)


def test_a_timeline_heading_dates_the_paragraph_below_it_and_its_attack_names_the_attacker(extractor):
    got = sorted(
        (e.date.value, e.location.name, tuple(e.actors))
        for e in _events(extractor, TIMELINE, published=date(2024, 11, 4))
    )
    assert got == [
        (date(2024, 4, 14), "Nevatim Airbase", ()),
        # the heading's day, not the day Nevatim was told at before; the attack told at the country is the IRGC's
        (date(2024, 10, 1), "Nevatim Airbase", ("IRGC",)),
        (date(2024, 10, 1), "Tel Nof Airbase", ("IRGC",)),
    ]  # and Beirut, where the avenged leader was killed, is no site


TRACKER = (
    "Incident Log: Attacks on Coalition Sites, February 2021\n"
    "Published March 5, 2021\n"
    "\n"
    "#21-015 | Sat 20 Feb | BALAD AIR BASE (Salah al-Din)\n"
    "Four rockets hit the base. One Iraqi employee was wounded.\n"
    "Claim: none.\n"
    "\n"
    "#21-017 | Fri 26 Feb | EASTERN SYRIA\n"
    "Two F-15E aircraft dropped seven precision-guided munitions on buildings at a border crossing near Abu Kamal.\n"
)


def test_a_tracker_s_numbered_heading_dates_its_entry_and_the_base_it_names_is_the_base_hit(extractor):
    got = sorted((e.date.value, e.location.name) for e in _events(extractor, TRACKER, published=date(2021, 3, 5)))
    assert got == [(date(2021, 2, 20), "Balad Air Base"), (date(2021, 2, 26), "Albu Kamal")]


def test_a_yearless_update_stamp_takes_its_year_from_the_landmarks_the_story_tells_as_past(extractor):
    text = (
        "WORLD NEWS\n"
        "Updated 11:58 AM GMT+4, March 17\n"
        "\n"
        "DUBAI (AP) — The strikes, the first against the Houthis since President Donald Trump began his second"
        " term, began Saturday evening. Explosions shook Sanaa, where residents said a strike leveled a building."
        " The Houthis had largely halted attacks on shipping after the Gaza ceasefire took effect on Jan. 19.\n"
    )
    got = [(e.location.name, e.date.value) for e in _events(extractor, text)]
    # March 17 after the landmarks of January 2025 is 17 March 2025: Saturday evening is the 15th
    assert got == [("Sanaa", date(2025, 3, 15))]


def test_an_address_with_the_month_s_name_in_its_date_path_dates_a_live_page():
    from claimgraph.extract.publication import url_date

    assert url_date("https://news.example/world/live/2025/jun/22/war-live-latest") == date(2025, 6, 22)
    assert url_date("https://news.example/2024/October/1/story") == date(2024, 10, 1)
    assert url_date("https://news.example/2024/jun/story-32") is None  # a month is no day


def test_a_village_the_kb_does_not_know_beside_a_known_town_is_a_site_of_its_own(extractor):
    text = (
        "Three people were killed in Israeli strikes this morning: one man when a drone struck a car in the town of"
        " Khiam, and two in a strike on the village of Deir Marwan."
    )
    got = {e.location.name: e for e in _events(extractor, text, published=date(2024, 8, 25))}
    assert sorted(got) == ["Deir Marwan", "Khiam"]
    assert got["Deir Marwan"].location.precision == "unresolved"


def test_a_yearless_stamp_in_eastern_time_after_biden_took_office_is_of_that_year(extractor):
    text = (
        "AP NEWS\n"
        "Updated 5:02 PM EDT, June 28\n"
        "\n"
        "BAGHDAD (AP) — Iran-backed militias fired a barrage of rockets at the base at the al-Omar oil field on"
        " Monday, a U.S. military spokesman said. It was the second time that President Joe Biden, who took office"
        " in January, has ordered retaliatory strikes against the groups.\n"
    )
    got = [(e.location.name, e.date.value) for e in _events(extractor, text)]
    assert got == [("Al-Omar oil field", date(2021, 6, 28))]


def test_the_saudi_oil_sites_the_houthis_claimed_are_places(extractor):
    text = (
        "نفّذ سلاح الجو المسيّر عملية واسعة بعشر طائرات مسيّرة استهدفت مصفاتي بقيق وخريص التابعتين لشركة أرامكو"
        " في المنطقة الشرقية فجر اليوم السبت."
    )
    got = sorted(e.location.name for e in _events(extractor, text, lang="ar", published=date(2019, 9, 14)))
    assert got == ["Abqaiq", "Khurais"]
