"""Years a text counts, days of the month it dated last, and who blames whom (fifteenth session). "December 2 last
year" is of the year before the story's; "on 7 October 2023, nearly two years ago" puts an undated story in 2025;
"the 29th of the same month" is a day of the month dated last; a live page headed "Sunday 23 November" is of that
day; "١٤ سبتمبر (أيلول) ٢٠١٩" holds its year after the bracketed month. "نسبت واشنطن الهجوم إلى الكتائب" lays the
attack on the group, "التي نفت أي مسؤولية" is its denial, no claim, and "حمّلت واشنطن طهران المسؤولية" names a
government, not a place. A state force that announces its responsibility claims the strike; the larger front named in
an apposition ("Hezbollah, the most powerful member of Iran's axis of resistance, fired") takes no part. Sentences
written for these tests."""

from datetime import date

from claimgraph.extract.undated import assumed_day, years_ago_year
from claimgraph.models import Document
from claimgraph.nlp.dates import find_dates


def _events(extractor, text, lang="en", published=None, url=None):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published, url=url)).events


def _days(text, lang="en", published=None):
    return [d.value for d in find_dates(text, 0, lang, published) if d.kind in ("absolute", "month")]


def test_a_yearless_day_last_year_is_of_the_year_before_the_story(extractor):
    assert _days("Hezbollah fired two mortar shells on December 2 last year.", published=date(2025, 11, 23)) == [
        date(2024, 12, 2)
    ]
    assert _days("Le Hezbollah a tiré deux obus le 2 décembre de l'année dernière.", "fr", date(2025, 11, 23)) == [
        date(2024, 12, 2)
    ]
    assert _days("أطلق الحزب قذيفتين في 2 كانون الأول من العام الماضي.", "ar", date(2025, 11, 23)) == [
        date(2024, 12, 2)
    ]
    # without "last year" the day is the latest one not after the story's
    assert _days("Hezbollah fired two mortar shells on December 2.", published=date(2025, 12, 20)) == [
        date(2025, 12, 2)
    ]


def test_a_year_counted_back_dates_an_undated_story():
    french = "Depuis l'attaque du Hamas le 7 octobre 2023, il y a près de deux ans, ils tirent."
    assert years_ago_year(french, "fr") == 2025
    assert years_ago_year("وتعد المواجهة الأخطر منذ حرب تموز 2006، أي منذ 13 عاماً.", "ar") == 2019
    assert years_ago_year("It was the deadliest clash since the 2006 war, 13 years ago.", "en") == 2019
    assert years_ago_year("The 2006 war lasted 34 days.", "en") is None


def test_a_yearless_dateline_takes_the_year_the_story_counts_back_to():
    text = (
        "SANAA, 30 août (AFP) – Les Houthis ont annoncé samedi la mort de leur Premier ministre, tué jeudi. Ils tirent"
        " des missiles vers Israël depuis l'attaque du Hamas le 7 octobre 2023, il y a près de deux ans."
    )
    day, precision, _ = assumed_day(None, text, "fr")
    assert (day, precision) == (date(2025, 8, 30), "day")


def test_the_day_a_live_page_heads_its_posts_with_is_its_day(extractor):
    text = (
        "Middle East live: Israeli strike on Beirut\nSunday 23 November\nLive updates | All times GMT\n\n13:20\n"
        "An Israeli air strike hit a building in Haret Hreik this afternoon, killing five people."
    )
    day, precision, _ = assumed_day(None, text, "en")
    assert (day, precision) == (date(2025, 11, 23), "day")
    (e,) = _events(extractor, text)
    assert (e.location.name, e.date.value) == ("Haret Hreik", date(2025, 11, 23))


def test_a_day_of_the_same_month_is_of_the_month_dated_last(extractor):
    text = (
        "في 27 ديسمبر 2019 تعرضت قاعدة كي-1 لهجوم صاروخي. وفي 29 من الشهر نفسه شنّت مقاتلات أمريكية غارات على"
        " مواقع في القائم."
    )
    events = _events(extractor, text, "ar", date(2024, 1, 31))
    assert sorted((e.location.name, e.date.value) for e in events) == [
        ("Al-Qaim", date(2019, 12, 29)),
        ("K-1 Air Base", date(2019, 12, 27)),
    ]
    assert _days("Rockets hit the base on 3 March 2024, and again on the 5th of the same month.") == [
        date(2024, 3, 3),
        date(2024, 3, 5),
    ]


def test_a_bare_count_of_days_moves_on_but_a_count_from_another_event_does_not(extractor):
    text = "في 27 ديسمبر 2019 تعرضت قاعدة كي-1 لهجوم صاروخي. وبعد يومين، شنّت مقاتلات أمريكية غارات على القائم."
    events = _events(extractor, text, "ar", date(2024, 1, 31))
    assert ("Al-Qaim", date(2019, 12, 29)) in [(e.location.name, e.date.value) for e in events]
    # "بعد أسبوعين من سقوط صاروخين": counted from another event, not from the one told before
    found = find_dates("وتأتي الضربة بعد أسبوعين من سقوط صاروخين.", 0, "ar", date(2024, 8, 6))
    assert not [d for d in found if d.kind == "anchored"]


def test_a_bracketed_month_name_keeps_the_year_of_an_arabic_date():
    assert _days("استهداف منشأة بقيق في 14 سبتمبر (أيلول) 2019.", "ar", date(2022, 1, 18)) == [date(2019, 9, 14)]
    assert _days("وقع الهجوم في سبتمبر (أيلول) 2019.", "ar", date(2022, 1, 18)) == [date(2019, 9, 1)]


def test_a_salvo_with_many_rockets_is_one_attack_but_rockets_fired_since_a_day_are_a_tally(extractor):
    one = "في 27 ديسمبر 2019 تعرضت قاعدة كي-1 لهجوم بأكثر من 30 صاروخاً."
    assert [e.location.name for e in _events(extractor, one, "ar", date(2024, 1, 31))] == ["K-1 Air Base"]
    tally = "أطلق الحزب أكثر من 100 صاروخ على كريات شمونة منذ بداية الحرب."
    assert _events(extractor, tally, "ar", date(2024, 1, 31)) == []


def test_an_attack_laid_on_a_group_that_denies_it_is_blamed_not_claimed(extractor):
    text = (
        "في 27 ديسمبر 2019 تعرضت قاعدة كي-1 لهجوم صاروخي."
        " ونسبت واشنطن الهجوم إلى كتائب حزب الله، التي نفت أي مسؤولية عنه."
    )
    (e,) = _events(extractor, text, "ar", date(2024, 1, 31))
    assert (e.actors, e.claimed_by) == (["Kataib Hezbollah"], [])


def test_a_capital_blamed_is_its_government_not_a_place(extractor):
    text = (
        "ويعيد الهجوم إلى الأذهان استهداف منشأة بقيق في 14 سبتمبر 2019، الذي تبنّته الجماعة، في حين حمّلت واشنطن"
        " طهران المسؤولية المباشرة عنه."
    )
    events = _events(extractor, text, "ar", date(2022, 1, 18))
    assert [e.location.name for e in events] == ["Abqaiq"]
    assert "United States" not in events[0].actors


def test_a_state_force_that_announces_its_responsibility_claims_the_strike(extractor):
    for text, lang in (
        (
            "أعلن الحرس الثوري الإيراني، صباح اليوم الأحد، مسؤوليته عن القصف بالصواريخ الباليستية الذي استهدف أربيل.",
            "ar",
        ),
        (
            "Iran's Revolutionary Guards on Sunday claimed responsibility for the ballistic missile attack on Erbil.",
            "en",
        ),
    ):
        (e,) = _events(extractor, text, lang, date(2022, 3, 13))
        assert (e.actors, e.claimed_by) == (["IRGC"], ["IRGC"]), text


def test_a_front_named_in_an_apposition_takes_no_part(extractor):
    text = (
        "Hezbollah, the most powerful member of Iran's axis of resistance, fired two mortar shells at an Israeli"
        " position on Mount Dov on Monday."
    )
    (e,) = _events(extractor, text, published=date(2024, 12, 3))
    assert (e.location.name, e.actors, e.target) == ("Shebaa Farms", ["Hezbollah (Lebanon)"], "Israel")


def test_a_french_group_that_says_it_fired_claims_the_attack(extractor):
    text = "Mercredi, les Houthis ont encore affirmé avoir tiré un missile balistique sur Jaffa."
    (e,) = _events(extractor, text, "fr", date(2025, 8, 30))
    assert (e.actors, e.claimed_by) == (["Houthis"], ["Houthis"])


def test_the_parties_of_the_attack_avenged_are_not_the_strikes_actors(extractor):
    text = (
        "The Israeli military said early on Saturday that it had completed a series of strikes on military targets in"
        " Iran, in what it described as a response to months of attacks by the Islamic Republic against Israel.\n\n"
        "According to the military, the strikes targeted sites in Tehran province and in the western provinces of"
        " Khuzestan and Ilam."
    )
    events = _events(extractor, text, published=date(2024, 10, 26))
    assert sorted(e.location.name for e in events) == ["Ilam Province", "Khuzestan Province", "Tehran Province"]
    assert all(e.actors == ["Israel"] and e.date.value == date(2024, 10, 26) for e in events)


def test_a_landmark_avenged_with_no_day_is_a_reference_but_one_told_with_its_day_is_an_event(extractor):
    reference = (
        "أعلنت المقاومة الإسلامية في لبنان، فجر اليوم الأحد، أنها أطلقت رشقات صاروخية على قاعدة ميرون، وذلك في إطار"
        " الرد على العدوان الصهيوني على الضاحية الجنوبية لبيروت واغتيال القائد فؤاد شكر."
    )
    events = _events(extractor, reference, "ar", date(2024, 8, 25))
    assert [e.date.value for e in events] == [date(2024, 8, 25)]
    told = (
        "US jets struck targets near al-Qaim on Friday, in retaliation for the drone attack that hit Tower 22 in"
        " Jordan last Sunday, killing three American soldiers."
    )
    events = _events(extractor, told, published=date(2024, 2, 3))
    assert sorted(e.location.name for e in events) == ["Al-Qaim", "Tower 22"]


def test_solidarity_with_gaza_in_a_statement_is_no_site_and_a_carrier_is_the_target(extractor):
    text = (
        "ردا على العدوان الأمريكي المستمر على بلدنا، واستمرارا في موقفنا تجاه إخواننا في غزة، نفذت القوات البحرية"
        " في القوات المسلحة اليمنية عملية عسكرية استهدفت حاملة الطائرات الأمريكية (ترومان) في شمال البحر الأحمر"
        " بعدد من الصواريخ الباليستية والطائرات المسيرة."
    )
    (e,) = _events(extractor, text, "ar", date(2025, 3, 17))
    assert (e.location.name, e.actors, e.target) == ("Red Sea", ["Houthis"], "US forces")


def test_zionist_strikes_are_israels(extractor):
    text = "وأسفرت الغارات الصهيونية على بلدة الخيام عن استشهاد مواطن."
    (e,) = _events(extractor, text, "ar", date(2024, 8, 25))
    assert (e.location.name, e.actors) == ("Khiam", ["Israel"])


def test_a_live_page_headed_with_a_short_weekday_takes_the_year_after_the_landmark_it_tells_of():
    text = (
        "Israel strikes military targets in Iran – as it happened\nSat 26 Oct\nKey events\n\n06.55 BST\nIsrael carried"
        " out three waves of air strikes on Iran overnight. The operation followed Iran's 1 October barrage of about"
        " 180 ballistic missiles."
    )
    day, precision, _ = assumed_day(None, text, "en")
    assert (day, precision) == (date(2024, 10, 26), "day")


def test_last_monday_in_a_mondays_story_is_the_week_before():
    for text, lang in (
        ("Last Monday, drones struck fuel trucks near Abu Dhabi.", "en"),
        ("Lundi dernier, des drones ont frappé des camions près d'Abou Dhabi.", "fr"),
        ("وفي يوم الاثنين الماضي، استهدفت مسيرات صهاريج قرب أبوظبي.", "ar"),
    ):
        found = [d.value for d in find_dates(text, 0, lang, date(2022, 1, 24)) if d.kind == "weekday"]
        assert found == [date(2022, 1, 17)], text
    assert [d.value for d in find_dates("On Monday drones struck.", 0, "en", date(2022, 1, 24))] == [date(2022, 1, 24)]


def test_a_yearless_dateline_of_an_earlier_round_takes_the_year_its_leads_weekday_fits(extractor):
    text = (
        "DUBAI, Jan 24 (Reuters) - The United Arab Emirates intercepted two ballistic missiles fired by Yemen's Houthi"
        " movement at Abu Dhabi before dawn on Monday. In Saudi Arabia, the coalition said late on Sunday that a"
        " missile fell on an industrial area in Jazan. Last Monday, drones struck fuel trucks in the Musaffah"
        " industrial area of Abu Dhabi, killing three people."
    )
    assert assumed_day(None, text, "en")[0] == date(2022, 1, 24)
    events = _events(extractor, text)
    assert ("Musaffah", date(2022, 1, 17)) in [(e.location.name, e.date.value) for e in events]


def test_iranian_missiles_of_the_twelve_day_war_are_of_june_2025_and_the_guards(extractor):
    text = (
        "مباشر.. صواريخ إيرانية على بات يام وحيفا\n\n06:30\nالحرس الثوري يعلن إطلاق موجة جديدة من عملية «الوعد الصادق"
        " 3» استهدفت مواقع في حيفا."
    )
    day, _, _ = assumed_day(None, text, "ar")
    assert (day.year, day.month) == (2025, 6)
    events = _events(extractor, text, "ar")
    assert "Bat Yam" in [e.location.name for e in events]
    assert all("IRGC" in e.actors for e in events)


def test_a_states_air_defence_headquarters_that_reports_the_strikes_is_no_party(extractor):
    text = (
        "Iran's air defence headquarters says Israeli jets attacked military sites in Tehran, Khuzestan and Ilam"
        " provinces."
    )
    events = _events(extractor, text, published=date(2024, 10, 26))
    assert len(events) == 3 and all(e.actors == ["Israel"] for e in events)


def test_a_leads_days_after_a_landmark_dates_an_undated_story():
    text = (
        "Des explosions ont retenti dans la nuit de jeudi à vendredi près d'une base aérienne proche d'Ispahan, six"
        " jours après l'attaque sans précédent de drones et de missiles lancée par Téhéran contre Israël."
    )
    assert assumed_day(None, text, "fr")[:2] == (date(2024, 4, 19), "day")


def test_an_agency_named_before_a_verb_is_no_city_with_an_apostrophe(extractor):
    text = (
        "En Syrie, l'agence officielle Sana a fait état vers 2h55 d'une « agression » israélienne au missile contre"
        " des sites de la défense aérienne dans le sud du pays."
    )
    assert [e.location.name for e in _events(extractor, text, "fr", date(2024, 4, 19))] == []
    text = "Des frappes américaines ont visé Sana'a jeudi."
    assert [e.location.name for e in _events(extractor, text, "fr", date(2024, 4, 19))] == ["Sanaa"]


def test_a_french_war_in_a_place_is_background(extractor):
    text = (
        "La région est en alerte depuis le début de la guerre entre Israël et le Hamas dans la bande de Gaza,"
        " déclenchée par l'attaque du Hamas le 7 octobre."
    )
    assert _events(extractor, text, "fr", date(2024, 4, 19)) == []
    text = "Une frappe israélienne a tué six personnes dans la bande de Gaza jeudi."
    assert [e.location.name for e in _events(extractor, text, "fr", date(2024, 4, 19))] == ["Gaza Strip"]


def test_a_yearless_day_weeks_before_the_dated_passage_it_follows_is_of_its_year(extractor):
    text = (
        "The crisis ran from 24 August to 1 September 2019.\n\n" + "Background. " * 40 + "\n\nLate on 24 August,"
        " Israeli aircraft struck a compound in Aqraba, south-east of Damascus, killing two Hezbollah members."
    )
    events = _events(extractor, text)
    assert [(e.location.name, e.date.value) for e in events] == [("Aqraba", date(2019, 8, 24))]


def test_a_headlines_city_is_the_bodys_site_the_same_day(extractor):
    text = (
        "بعد هجوم أربيل الصاروخي.. جماعة مسلحة تتبنى\n\n"
        "تبنّت جماعة مسلحة، اليوم الثلاثاء، الهجوم الصاروخي الذي استهدف مساء أمس الاثنين مطار أربيل الدولي، وأسفر عن"
        " مقتل متعاقد مدني.\n\nوهذا أول هجوم صاروخي على أربيل منذ أشهر."
    )
    events = _events(extractor, text, "ar", date(2021, 2, 16))
    assert [(e.location.name, e.date.value) for e in events] == [("Erbil Air Base", date(2021, 2, 15))]


def test_a_headlines_fields_in_two_towns_are_the_bodys_named_fields(extractor):
    text = (
        "مسيّرات تضرب حقولاً نفطية في زاخو ودهوك\n\n"
        "هاجمت مسيّرتان مفخختان صباح اليوم الأربعاء حقل بيشخابور النفطي في إدارة زاخو، فيما استهدفت مسيّرة ثالثة حقل"
        " طاوكي."
    )
    events = _events(extractor, text, "ar", date(2025, 7, 16))
    assert sorted(e.location.name for e in events) == ["Peshkhabour oil field", "Tawke oil field"]


def test_an_embassy_that_condemns_and_a_capital_called_on_are_no_sites(extractor):
    text = (
        "سقطت مسيّرة مفخخة على حقل خورمالة النفطي مساء الاثنين. وأربيل تطالب بغداد بمحاسبة الجناة، ودانت السفارة"
        " الأمريكية في بغداد الهجمات."
    )
    events = _events(extractor, text, "ar", date(2025, 7, 16))
    assert [e.location.name for e in events] == ["Khurmala oil field"]


def test_a_french_wire_dateline_with_a_hyphen_is_no_site(extractor):
    text = (
        "Dubaï (AFP) - Les rebelles houthis du Yémen ont revendiqué mardi l'attaque contre un cargo dans le golfe"
        " d'Aden."
    )
    events = _events(extractor, text, "fr", date(2025, 9, 30))
    assert "Dubai" not in [e.location.name for e in events]


def test_the_gulf_cities_the_houthis_struck_are_places(extractor):
    text = (
        "The coalition said late on Sunday that a ballistic missile fired by the Houthis fell on an industrial area in"
        " Ahad al-Masarihah in the southern Jazan region, wounding two foreign residents. Houthi spokesman Yahya"
        " Saree said the group had fired drones at Dubai."
    )
    events = _events(extractor, text, published=date(2022, 1, 24))
    assert sorted(e.location.name for e in events) == ["Ahad al-Masarihah", "Dubai"]


def test_a_dated_story_reads_a_yearless_day_after_a_past_month_in_its_own_year():
    text = "The groups have launched attacks since November 2023. The deadliest was the Oct. 4 drone strike."
    found = [d.value for d in find_dates(text, 0, "en", date(2024, 11, 20)) if d.kind == "absolute"]
    assert found == [date(2024, 10, 4)]


def test_a_maritime_advisorys_lettered_entries_are_each_their_days_events(extractor):
    text = (
        "2. INCIDENTS THIS REPORTING PERIOD (15–18 JAN)\n"
        "a. 15 JAN — GULF OF ADEN. M/V EAGLE STAR (bulk carrier, US-owned and operated) struck by an ASBM approx. 95"
        " NM SE of Aden. No injuries. The Houthi military spokesperson claimed the attack.\n"
        "c. 17 JAN — GULF OF ADEN. M/V SEA PEARL (bulk carrier, US-owned) hit by an OWA UAV approx. 60 NM SE of"
        " Aden. No injuries. Claimed by the Houthis.\n"
    )
    events = _events(extractor, text, published=date(2024, 1, 19))
    assert [(e.location.name, e.date.value) for e in events] == [
        ("Aden", date(2024, 1, 15)),
        ("Aden", date(2024, 1, 17)),
    ]
    assert events[0].weapons == ["ballistic_missile"]
    assert all("US forces" not in e.actors for e in events)


def test_missiles_of_a_group_that_a_state_struck_are_its_target(extractor):
    text = "On Wednesday US forces struck 14 Houthi missiles loaded on launchers near Hodeidah."
    (e,) = _events(extractor, text, published=date(2024, 1, 18))
    assert (e.actors, e.target) == (["US forces"], "Houthis")


def test_a_habit_told_with_no_day_is_no_event_but_one_told_with_its_day_is(extractor):
    for text, lang in (
        ("Houthi forces continue to target commercial vessels in the southern Red Sea and the Gulf of Aden.", "en"),
        ("Les Houthis continuent de cibler des navires marchands en mer Rouge.", "fr"),
        ("تواصل قوات الحوثيين استهداف السفن التجارية في البحر الأحمر وخليج عدن.", "ar"),
    ):
        assert _events(extractor, text, lang, date(2024, 1, 19)) == [], text
    text = "The Houthis continued to target shipping on Monday, hitting a tanker in the Red Sea with a missile."
    assert [e.location.name for e in _events(extractor, text, published=date(2024, 1, 19))] == ["Red Sea"]


def test_the_places_an_evacuation_warning_addresses_are_no_sites(extractor):
    for text, lang in (
        (
            "The Israeli military on Tuesday ordered residents of Haret Hreik and Bourj el-Brajneh to evacuate ahead of"
            " strikes.",
            "en",
        ),
        ("ووجّه أدرعي إنذاراً لسكان بلدات الخيام وكفركلا بإخلاء منازلهم فوراً قبل غارات جوية.", "ar"),
    ):
        assert _events(extractor, text, lang, date(2024, 10, 1)) == [], text
    text = "After ordering residents of Haret Hreik to evacuate, Israeli jets struck Haret Hreik on Tuesday."
    assert [e.location.name for e in _events(extractor, text, published=date(2024, 10, 1))] == ["Haret Hreik"]
