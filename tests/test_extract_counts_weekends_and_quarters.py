"""Counts of targets, countries struck together, weekends, a city's quarters and the people hurt there (eighteenth
session).

"Jets struck 40 Houthi targets at 12 sites in Yemen late on Sunday" counts one strike's targets, no tally of
incidents; "strikes in Syria and Iraq on Thursday" strike both countries; a landmark told in a retaliation clause
leaves the narrative at the day the sentence gives itself; "more than a year after the October 7 attack" puts a
yearless dateline in the next year; "at the weekend" is its Saturday; "Beirut's Jnah district" is Jnah, not Beirut;
"wounded three people in Metula" tells where they were hurt; "near the X Hospital in Y" marks the site. Sentences
written for these tests."""

from datetime import date

from claimgraph.extract.undated import assumed_day, dateline_day
from claimgraph.models import Document
from claimgraph.nlp.dates import find_dates


def _events(extractor, text, lang="en", published=None):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published)).events


def _at(events):
    return sorted((e.date.value.isoformat() if e.date.value else None, e.location.name) for e in events)


def test_a_count_of_the_targets_one_strike_hit_is_that_days_event(extractor):
    text = "British and American jets struck 40 Houthi targets at 12 sites in Yemen late on Sunday, the allies said."
    assert _at(_events(extractor, text, published=date(2024, 2, 26))) == [("2024-02-25", "Yemen")]
    passive = "More than 60 targets were struck at nine facilities in Iraq on Thursday, the Pentagon said."
    assert _at(_events(extractor, passive, published=date(2024, 2, 3))) == [("2024-02-01", "Iraq")]
    fr = "Washington et Londres ont mené dimanche une vague de frappes aériennes contre 40 cibles au Yémen."
    assert _at(_events(extractor, fr, "fr", date(2024, 2, 26))) == [("2024-02-25", "Yemen")]
    ar = "وقالت القيادة المركزية إن مقاتلاتها ضربت أكثر من 60 هدفاً في العراق يوم الخميس."
    assert _at(_events(extractor, ar, "ar", date(2024, 2, 3))) == [("2024-02-01", "Iraq")]


def test_a_tally_of_attacks_stays_a_tally(extractor):
    text = "The militias have claimed more than 150 attacks on U.S. bases in Iraq since October, officials said."
    assert _events(extractor, text, published=date(2024, 2, 3)) == []
    # a count of targets with no day of its own is a campaign's
    text = "Over the past month the coalition has struck more than 300 targets in Yemen."
    assert _events(extractor, text, published=date(2024, 2, 26)) == []


def test_countries_struck_in_one_list_are_each_an_event(extractor):
    text = "U.S. warplanes carried out strikes in Syria and Iraq on Thursday against Iran-backed militias."
    assert _at(_events(extractor, text, published=date(2024, 2, 3))) == [
        ("2024-02-01", "Iraq"),
        ("2024-02-01", "Syria"),
    ]


def test_a_landmark_in_a_retaliation_clause_leaves_the_narrative_at_the_sentences_day(extractor):
    text = (
        "Late on Friday, American bombers struck back in Iraq, in retaliation for the drone attack that killed three "
        "U.S. soldiers at Tower 22 in Jordan.\n\n"
        "The raids hit positions near al-Qaim, close to the Syrian border, Iraqi officials said."
    )
    found = _at(_events(extractor, text, published=date(2024, 2, 4)))
    assert ("2024-02-02", "Al-Qaim") in found


def test_a_year_counted_from_a_landmark_sets_a_yearless_datelines_year():
    text = (
        "BEIRUT, Oct 24 (Reuters) - Israeli jets struck the southern suburbs of Beirut on Wednesday, more than a "
        "year after the October 7, 2023, attack by Hamas set off the war.\n"
    )
    assert dateline_day(None, text, "en") == date(2024, 10, 24)
    fr = (
        "BEYROUTH, 24 oct (AFP) - L'aviation israélienne a frappé la banlieue sud mercredi, plus d'un an après le "
        "début de la guerre à Gaza.\n"
    )
    assert dateline_day(None, fr, "fr") == date(2024, 10, 24)


def test_the_weekend_is_its_saturday():
    tuesday = date(2024, 10, 22)
    assert [d.value for d in find_dates("Drones hit the port at the weekend.", 0, "en", tuesday)] == [
        date(2024, 10, 19)
    ]
    assert [d.value for d in find_dates("Rockets struck the town over the weekend.", 0, "en", tuesday)] == [
        date(2024, 10, 19)
    ]
    assert [d.value for d in find_dates("Un drone a frappé le port ce week-end.", 0, "fr", tuesday)] == [
        date(2024, 10, 19)
    ]
    assert find_dates("The weekend was quiet.", 0, "en", tuesday) == []


def test_an_attack_claimed_on_a_weekday_is_dated_by_the_weekend_it_names(extractor):
    text = "Hezbollah on Tuesday claimed a drone attack on a villa in Caesarea at the weekend."
    assert _at(_events(extractor, text, published=date(2024, 10, 22))) == [("2024-10-19", "Caesarea")]


def test_a_citys_named_district_is_the_site(extractor):
    text = "An Israeli air strike hit Beirut's Jnah district late on Monday, the health ministry said."
    assert _at(_events(extractor, text, published=date(2024, 10, 22))) == [("2024-10-21", "Jnah")]
    # a village's district only locates the village
    text = "Israeli jets struck a house in Kfar Rumman in the Nabatieh district on Monday."
    assert [name for _, name in _at(_events(extractor, text, published=date(2024, 10, 22)))] == ["Kfar Remmane"]


def test_people_hurt_in_a_place_are_hurt_there(extractor):
    text = "On Sunday, rockets fired from Lebanon wounded three people in Metula, medics said."
    events = _events(extractor, text, published=date(2024, 10, 22))
    assert _at(events) == [("2024-10-20", "Metula")]
    assert events[0].injuries == 3
    # the people of a place named for a cause are no site
    assert _events(extractor, "The strikes on Sunday were in solidarity with the people of Gaza.", None) == []


def test_a_hospital_near_the_strike_marks_its_site(extractor):
    text = "The strike late on Monday near the Sahel General Hospital in Beirut's Jnah district killed 12 people."
    events = _events(extractor, text, published=date(2024, 10, 22))
    assert _at(events) == [("2024-10-21", "Jnah")]
    assert events[0].fatalities == 12
    # the wounded taken to a hospital name no site
    text = "A drone struck a car in Nabatieh on Monday; the wounded were taken to a hospital in Sidon."
    assert _at(_events(extractor, text, published=date(2024, 10, 22))) == [("2024-10-21", "Nabatieh")]


def test_a_figure_of_raids_on_named_places_is_that_nights_raids(extractor):
    text = "The rebels' television station reported 12 strikes on Sanaa and Saada on Friday."
    assert _at(_events(extractor, text, published=date(2024, 10, 19))) == [
        ("2024-10-18", "Saada"),
        ("2024-10-18", "Sanaa"),
    ]
    # a figure over a span of days stays a tally
    text = "Rebel media reported 12 strikes on Sanaa and Saada over the past two weeks."
    assert _events(extractor, text, published=date(2024, 10, 19)) == []


def test_two_releases_each_with_its_date_are_two_days_strikes(extractor):
    text = (
        "Press releases\n\n"
        "Feb. 8, 2024 | Release 1\n"
        "On Feb. 8, U.S. forces struck a Houthi missile launcher readied for launch against ships in the Red Sea.\n\n"
        "Feb. 7, 2024 | Release 2\n"
        "On Feb. 7, U.S. and British aircraft struck 18 Houthi targets at eight locations in Yemen.\n"
    )
    days = [day for day, _ in _at(_events(extractor, text, published=None))]
    assert days == ["2024-02-07", "2024-02-08"]


def test_a_place_after_the_people_hurt_is_no_launch_site(extractor):
    text = "On Sunday, rockets fired from Lebanon killed two people in Nahariya, police said."
    events = _events(extractor, text, published=date(2024, 10, 22))
    assert _at(events) == [("2024-10-20", "Nahariya")]
    assert events[0].fatalities == 2


def test_a_pages_references_list_tells_no_events(extractor):
    text = (
        "Kharab al-Jir airfield is a U.S.-led coalition base in Hasakah Governorate, Syria.\n\n"
        "History\n"
        "On 20 March 2023 two drones struck the airfield; no one was hurt.[1]\n\n"
        "References\n"
        '1. ^ "Drones hit coalition airfield in Hasakah". Example Wire. 20 March 2023.\n'
        '2. ^ "U.S. jets strike militia depots in Syria". Example Times. 24 March 2023.\n'
        '3. ^ "Rockets target U.S. troops in Iraq and Syria". Example Post. 26 March 2023.\n'
    )
    assert _at(_events(extractor, text, published=None)) == [("2023-03-20", "Kharab al-Jir")]


def test_countries_over_a_span_of_days_are_no_event(extractor):
    text = "[Map: militia attacks on U.S. forces in Iraq and Syria, October 17 - December 8, 2023]"
    assert _events(extractor, text, published=date(2023, 12, 9)) == []


def test_an_arabic_headline_a_day_after_a_landmark_dates_an_undated_page():
    text = (
        "منذ 5 ساعات | أخبار\n\n"
        "بعد يوم على سقوط نظام بشار الأسد.. غارات إسرائيلية على مستودعات في ريف دمشق\n\n"
        "استهدفت غارات إسرائيلية ليل الاثنين مستودعات للذخيرة في محيط دمشق، وفق مصادر محلية.\n"
    )
    found = assumed_day(None, text, "ar")
    assert found is not None and found[0] == date(2024, 12, 9)
    # a sentence in a paragraph that begins so dates nothing
    paragraph = (
        "بعد يومين على الهجوم عقد المسؤولون في بغداد اجتماعاً مطولاً بحثوا فيه الرد على الهجمات المتكررة على القواعد "
        "التي تستضيف قوات التحالف الدولي، وقرروا تشكيل لجنة تحقيق مشتركة مع الجانب الأمريكي لمتابعة القضية.\n"
    )
    assert assumed_day(None, paragraph, "ar") is None


def _claims(events):
    return sorted((e.location.name, tuple(sorted(c.claimant for c in e.claims))) for e in events)


def test_a_trackers_claim_column_names_each_rows_claimant(extractor):
    text = (
        "Militia attacks log\n\n"
        "DATE | BASE | WEAPON | CLAIMED BY | EFFECTS\n"
        "------------------------------------------------\n"
        "Nov. 2 | Harir Air Base, Erbil | one drone | Islamic Resistance in Iraq | downed; CENTCOM: no injuries\n"
        "Nov. 3 | Ain al-Asad Air Base | four rockets | - | two intercepted\n"
    )
    events = _events(extractor, text, published=date(2023, 11, 5))
    claims = dict(_claims(events))
    assert claims["Harir Air Base"] == ("Islamic Resistance in Iraq",)
    assert claims["Ain al-Asad Air Base"] == ()
    harir = next(e for e in events if e.location.name == "Harir Air Base")
    assert "US forces" not in harir.actors  # CENTCOM in the effects column takes no part


def test_an_arabic_trackers_mixed_column_tells_claim_from_blame(extractor):
    text = (
        "| التاريخ | الموقع | الوسيلة | الجهة (تبنٍّ / إسناد) | الخسائر |\n"
        "| 2/12/2023 | قاعدة حرير، أربيل | مسيّرة | المقاومة الإسلامية في العراق (تبنٍّ) | لا إصابات |\n"
        "| 3/12/2023 | قاعدة عين الأسد، الأنبار | صواريخ | كتائب حزب الله (إسناد أمريكي) | أضرار مادية |\n"
    )
    events = _events(extractor, text, "ar", date(2023, 12, 5))
    claims = dict(_claims(events))
    assert claims["Harir Air Base"] == ("Islamic Resistance in Iraq",)
    assert claims["Ain al-Asad Air Base"] == ()
    ain = next(e for e in events if e.location.name == "Ain al-Asad Air Base")
    assert [a.attributed_to for a in ain.attributions] == ["Kataib Hezbollah"]


def test_a_claim_cell_written_as_a_phrase_is_read_as_prose(extractor):
    text = (
        "Date | Location | Means | Claim / attribution | Casualties\n"
        "Aug 9 | Albu Kamal, Syria | airstrikes | Acknowledged by the Pentagon; sites of Kataib Hezbollah | 2 dead\n"
        "Aug 10 | Ain al-Asad Air Base | 6 rockets | None; U.S. officials point to Iran-backed militias | none\n"
    )
    events = _events(extractor, text, published=date(2021, 8, 12))
    claims = dict(_claims(events))
    assert "Kataib Hezbollah" not in claims["Albu Kamal"]
    assert claims["Ain al-Asad Air Base"] == ()


def test_a_clock_times_am_ends_a_sentence_before_the_next(extractor):
    text = (
        "Early on July 16, two drones hit the Tawke oil field at 6:10 a.m. A third struck the Sarsang field at "
        "7:05 a.m. The directorate reported no casualties in the July 16 attacks."
    )
    found = _at(_events(extractor, text, published=date(2025, 7, 17)))
    assert found == [("2025-07-16", "Sarsang oil field"), ("2025-07-16", "Tawke oil field")]
    events = _events(extractor, text, published=date(2025, 7, 17))
    assert all(e.fatalities == 0 for e in events)  # "no casualties in the July 16 attacks" is theirs, no count


def test_a_warship_named_makes_the_sea_a_site(extractor):
    text = "The rebels fired missiles and a drone at the USS Dwight D. Eisenhower in the northern Red Sea on Sunday."
    events = _events(extractor, text, published=date(2024, 6, 3))
    assert [(day, e.location.country) for (day, _), e in zip(_at(events), events, strict=True)] == [
        ("2024-06-02", "YE")
    ]


def test_strikes_that_began_hitting_named_places_are_that_days_events(extractor):
    text = "The US began striking rebel targets on Saturday evening, hitting sites in the capital, Sanaa, and in Saada."
    assert [name for _, name in _at(_events(extractor, text, published=date(2025, 3, 16)))] == ["Saada", "Sanaa"]
    # a campaign's start with no place hit is none
    text = "Iran-aligned militias began attacking U.S. bases in Iraq and Syria on Oct. 17."
    assert _events(extractor, text, published=date(2023, 11, 1)) == []


def test_none_were_killed_is_no_dead_and_no_sum_of_the_wounded(extractor):
    text = (
        "Three rockets hit Erbil Air Base on Monday, U.S. officials said. On Tuesday an official said six were "
        "wounded - four troops and two contractors - and that none were killed."
    )
    events = _events(extractor, text, published=date(2024, 8, 7))
    assert [(e.fatalities, e.injuries) for e in events] == [(0, 6)]


def test_a_correction_naming_the_weapon_moves_that_attack(extractor):
    text = (
        "Rockets struck Ain al-Asad Air Base on Monday, officials said. On Saturday an Israeli strike had hit "
        "Beirut's southern suburbs, Lebanese media said.\n\n"
        "CORRECTION: An earlier version of this story said the rocket attack took place Sunday. It happened Monday, "
        "Aug. 5."
    )
    found = _at(_events(extractor, text, published=date(2024, 8, 7)))
    assert ("2024-08-05", "Ain al-Asad Air Base") in found
    assert ("2024-08-03", "Dahiyeh") in found  # the strike the correction does not name keeps its day


def test_a_target_that_posed_a_threat_is_no_threat_told(extractor):
    text = "A U.S. strike late on Tuesday near Musayyib hit fighters who posed a threat to coalition troops."
    assert _at(_events(extractor, text, published=date(2024, 8, 2))) == [("2024-07-30", "Musayyib")]
    # a threat told is none
    assert (
        _events(
            extractor, "The militia threatened on Tuesday to strike bases near Musayyib.", published=date(2024, 8, 2)
        )
        == []
    )


def test_a_landmarks_description_on_another_day_is_another_event(extractor):
    text = (
        "وكان العدو الإسرائيلي قد شنّ فجر الخميس غارات على ميناءي الصليف ورأس عيسى في محافظة الحديدة، ما أسفر عن "
        "استشهاد تسعة من العاملين في الميناءين."
    )
    names = [name for _, name in _at(_events(extractor, text, "ar", date(2024, 12, 21)))]
    assert "Al-Salif port" in names and "Ras Isa port" in names


def test_since_last_month_when_tells_that_months_strikes(extractor):
    text = (
        "وتُعدّ هذه أول ضربة أمريكية داخل العراق منذ مطلع شباط الماضي، حين استهدفت غارات أمريكية مواقع في "
        "القائم وعكاشات غربي الأنبار."
    )
    found = _at(_events(extractor, text, "ar", date(2024, 7, 31)))
    assert [(day[:7], name) for day, name in found] == [("2024-02", "Akashat"), ("2024-02", "Al-Qaim")]


def test_damascus_research_sites_are_known(extractor):
    text = (
        "Late on Monday, Israeli warplanes destroyed the research centre in Barzeh, in northern Damascus, and a "
        "second facility in Jamraya, a monitor said."
    )
    names = [name for _, name in _at(_events(extractor, text, published=date(2024, 12, 10)))]
    assert "Barzeh" in names and "Jamraya" in names


def test_the_city_taken_up_on_a_day_of_its_own_is_that_citys_attack(extractor):
    text = (
        "Iranian missiles struck a villa in Erbil on Monday, killing four people.\n\n"
        "On March 13, 2022, the Revolutionary Guards fired a dozen missiles at a compound in the city."
    )
    assert _at(_events(extractor, text, published=date(2024, 1, 16))) == [
        ("2022-03-13", "Erbil"),
        ("2024-01-15", "Erbil"),
    ]
    # "the city" on the day already told is that attack, no second one
    text = "Iranian missiles struck a villa in Erbil on Monday. Four people were killed in the city on Monday."
    assert _at(_events(extractor, text, published=date(2024, 1, 16))) == [("2024-01-15", "Erbil")]


def test_a_live_pages_entry_heading_dates_this_morning_in_its_entry(extractor):
    text = (
        "LIVE: drone attacks on the oil fields\n\n"
        "10:05, Thu 17 July\n"
        "Officials say a drone struck the Tawke field at 9:40 this morning.\n\n"
        "09:15, Tue 15 July\n"
        "A drone hit a facility at the Sarsang field at around 8:00 this morning, starting a fire.\n"
    )
    assert _at(_events(extractor, text, published=date(2025, 7, 17))) == [
        ("2025-07-15", "Sarsang oil field"),
        ("2025-07-17", "Tawke oil field"),
    ]


def test_a_quarter_is_in_the_city_its_kb_parent_names(extractor):
    text = "An Israeli strike hit Haret Hreik in Beirut's southern suburbs on Tuesday evening."
    assert [name for _, name in _at(_events(extractor, text, published=date(2024, 7, 31)))] == ["Haret Hreik"]


def test_a_groups_statement_that_reports_the_enemys_raids_claims_none(extractor):
    text = (
        "أكد المتحدث باسم القوات المسلحة اليمنية أن العدو الأمريكي والبريطاني شنّ فجر اليوم الجمعة 40 غارة جوية "
        "استهدفت العاصمة صنعاء.\n\n"
        "نص البيان:\n\n"
        "بسم الله الرحمن الرحيم\n"
        "شنّ العدو فجر اليوم 40 غارة على العاصمة صنعاء، ما أدى إلى استشهاد ثلاثة من مجاهدينا.\n"
        "صادر عن القوات المسلحة اليمنية\n"
    )
    events = _events(extractor, text, "ar", date(2024, 2, 9))
    sanaa = [e for e in events if e.location.name == "Sanaa"]
    assert sanaa and all(not e.claims for e in sanaa)
    assert all({"US forces", "UK forces"} <= set(e.actors) for e in sanaa)
