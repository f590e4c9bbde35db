"""Forms of real reporting: timelines, countries as sites, the homes of groups, retaliation clauses.

Snippets are hand-written for these tests (not taken from any evaluation set)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text, published=None, lang="en"):
    out = extractor.extract(Document("t", text, published=published, lang=lang))
    return sorted((e.date.iso() if e.date else None, e.location.name if e.location else None) for e in out.events)


TIMELINE = """Attacks on American troops in the region since the war began:

DEC. 4 – American troops at a base in Syria shoot down a drone; nobody is hurt.

DEC. 9 – Troops in Iraq and Syria come under fire twice; a rocket attack in Iraq wounds one soldier \
while a drone in Syria is downed.

JAN. 3 – Two separate rocket attacks target American forces in Iraq. Separately, a drone targets troops in Syria.
"""


def test_timeline_entries_in_capitals_are_dated_and_each_country_is_an_event(extractor):
    assert _events(extractor, TIMELINE, published=date(2024, 1, 20)) == [
        ("2023-12-04", "Syria"),
        ("2023-12-09", "Iraq"),
        ("2023-12-09", "Syria"),
        ("2024-01-03", "Iraq"),
        ("2024-01-03", "Syria"),
    ]


def test_month_abbreviation_in_capitals_does_not_end_a_sentence(extractor):
    ann = extractor.annotator.annotate("NOV. 2 – A drone hit the base. SEPT. 9 – Rockets fell.", "en")
    assert [s.text for s in ann.sentences] == ["NOV. 2 – A drone hit the base.", "SEPT. 9 – Rockets fell."]


def test_several_countries_in_a_summary_sentence_are_not_events(extractor):
    text = (
        "On March 2, 2024, the militias claimed responsibility for attacks with rockets and drones on "
        "American positions in Syria and Iraq, in response to the war."
    )
    assert _events(extractor, text, published=date(2024, 3, 3)) == []


def test_home_of_the_groups_is_not_a_site(extractor):
    text = (
        "The drone attack that wounded four soldiers in southern Jordan on Monday was the latest by "
        "Iran-backed militia groups in Iraq and Syria, officials said."
    )
    assert _events(extractor, text, published=date(2024, 3, 6)) == [("2024-03-04", "Jordan")]


def test_site_of_the_attack_avenged_is_not_an_event(extractor):
    text = (
        "American bombers struck targets in western Iraq on Saturday in retaliation to a rocket barrage "
        "launched by a militia at American troops in Jordan earlier in the week."
    )
    assert _events(extractor, text, published=date(2024, 3, 10)) == [("2024-03-09", "Iraq")]


def test_publication_date_from_the_address_date_path():
    from claimgraph.extract.publication import url_date

    assert url_date("https://news.example/2024/01/28/drone-hits-base/") == date(2024, 1, 28)
    assert url_date("https://news.example/world/20231019-rockets-hit-base") == date(2023, 10, 19)
    assert url_date("https://news.example/story/2024-02-03/strikes") == date(2024, 2, 3)
    assert url_date("https://news.example/archives/2025/06/threats") is None  # a month is no day
    # the day first, as Kurdish and Arab sites write it
    assert url_date("https://news.example/english/kurdistan/20062025") == date(2025, 6, 20)
    assert url_date("https://news.example/ar/news/20-06-2025/drones") == date(2025, 6, 20)
    assert url_date("https://news.example/article/1424117/story.html") is None  # an article number is no date
    assert url_date("https://news.example/node/20241399") is None  # no such day
    assert url_date("https://20240128.example/story") is None  # the host is no path


def test_metadata_line_gives_the_publication_date_and_its_dateline_is_no_site(extractor):
    text = (
        " date 2024-03-07 ERBIL (Example News) – Rockets struck the Harir air base on Wednesday night, "
        "a security official said."
    )
    out = extractor.extract(Document("t", text, lang="en"))
    assert out.published == date(2024, 3, 7)
    assert any(n.kind == "publication_date_inferred" for n in out.notes)
    assert [(e.date.iso(), e.location.name) for e in out.events] == [("2024-03-06", "Harir Air Base")]


def test_header_display_date_is_not_taken_as_publication(extractor):
    text = "Monday, March 11, 2024\n\nRockets struck the Harir air base on Wednesday, an official said."
    out = extractor.extract(Document("t", text, lang="en"))
    assert out.published is None
    assert any(n.kind == "no_publication_date" for n in out.notes)


def test_address_date_dates_a_weekday(extractor):
    text = "Rockets struck the Harir air base on Wednesday night, a Kurdish security official said."
    out = extractor.extract(Document("t", text, lang="en", url="https://news.example/2024/03/08/harir"))
    assert [(e.date.iso(), e.location.name) for e in out.events] == [("2024-03-06", "Harir Air Base")]


def test_a_later_war_named_as_past_sets_the_year_of_an_undated_text(extractor):
    text = (
        "Drones hit the radar at Camp Taji on June 25, as the twelve-day war between Israel and Iran ended. "
        "Militias had killed three Americans in January 2024."
    )
    assert ("2025-06-25", "Camp Taji") in _events(extractor, text)


def test_the_strikes_taken_up_are_the_news_not_the_attack_they_answered(extractor):
    text = (
        "American forces carried out airstrikes on Wednesday against three sites used by militias in Iraq. "
        "The strikes answered attacks on American troops, including a rocket attack on Ain al-Asad "
        "air base on March 2.\n\nThe U.S. strikes were carried out in Jurf al-Sakhar and al-Qaim."
    )
    got = _events(extractor, text, published=date(2024, 3, 7))
    assert ("2024-03-06", "Jurf al-Sakhar") in got and ("2024-03-06", "Al-Qaim") in got
    assert ("2024-03-02", "Ain al-Asad Air Base") in got


def test_dateline_below_page_furniture_and_after_a_source_tag_is_no_site(extractor):
    text = (
        "Drone hits base near Erbil\n\nShare\nA+ A-\n\nA view of the base in 2021. (Photo: Example)\n\n"
        "ERBIL, Kurdistan Region - A drone struck the Harir air base on Tuesday, officials said."
    )
    assert _events(extractor, text, published=date(2024, 3, 8)) == [("2024-03-05", "Harir Air Base")]
    tagged = "(Example Wire) BAGHDAD, March 8 (XNA) – Rockets hit Ain al-Asad air base on Thursday, officials said."
    assert _events(extractor, tagged, published=date(2024, 3, 8)) == [("2024-03-07", "Ain al-Asad Air Base")]


def test_a_repeated_caption_lends_its_year_to_nothing(extractor):
    caption = "Troops train near Deir ez-Zor, March 25, 2022. (Photo: A. Photographer)\n"
    text = (
        "Since Oct. 17, US forces have been attacked many times.\n"
        + caption
        + caption
        + "On the morning of Nov. 13, drones were launched against US forces at Rumalyn Landing Zone, Syria."
    )
    assert _events(extractor, text) == [("2023-11-13", "Rumeilan Landing Zone")]


def test_a_landmark_attack_told_by_description_is_that_attack(extractor):
    text = (
        "The strikes on Friday answered the drone attack that killed three American soldiers at a base "
        "on Jordan's border with Syria, officials said."
    )
    assert ("2024-01-28", "Tower 22") in _events(extractor, text, published=date(2024, 2, 4))
    arabic = "وجاءت الغارات ردا على هجوم بطائرة مسيرة أسفر عن مقتل ثلاثة جنود أمريكيين في الأردن الشهر الماضي."
    assert ("2024-01-28", "Tower 22") in _events(extractor, arabic, published=date(2024, 2, 4), lang="ar")


def test_a_landmark_named_as_the_time_of_the_news_is_not_told(extractor):
    text = "Rockets hit the Harir air base on Tuesday, a month after the Tower 22 attack, officials said."
    assert _events(extractor, text, published=date(2024, 3, 1)) == [("2024-02-27", "Harir Air Base")]


def _claims(extractor, text, published, lang="en"):
    out = extractor.extract(Document("t", text, published=published, lang=lang))
    return sorted((e.location.name, tuple(e.claimed_by)) for e in out.events)


def test_claims_announced_declared_or_told_in_the_first_person(extractor):
    published = date(2024, 3, 8)
    announced = (
        "The Islamic Resistance in Iraq announced on Friday that it launched a drone attack on the Ain al-Asad "
        "air base in western Iraq."
    )
    assert _claims(extractor, announced, published) == [("Ain al-Asad Air Base", ("Islamic Resistance in Iraq",))]
    statement = (
        "Kataib Hezbollah issued a statement on Thursday, announcing that resistance fighters attacked the "
        "Harir air base with drones."
    )
    assert _claims(extractor, statement, published) == [("Harir Air Base", ("Kataib Hezbollah",))]
    quoted = (
        'The Islamic Resistance in Iraq said in a statement: "our fighters targeted the Harir air base on '
        'Thursday with drones."'
    )
    assert _claims(extractor, quoted, published) == [("Harir Air Base", ("Islamic Resistance in Iraq",))]


def test_the_attack_a_strike_answered_keeps_its_own_actor(extractor):
    text = (
        "American jets struck two sites of Kataib Hezbollah in Jurf al-Sakhar on Wednesday, the Pentagon said. "
        "The strikes came in response to attacks by the Islamic Resistance in Iraq, including a rocket attack "
        "on Ain al-Asad air base on March 2."
    )
    out = extractor.extract(Document("t", text, published=date(2024, 3, 7), lang="en"))
    by_place = {e.location.name: e for e in out.events}
    assert by_place["Jurf al-Sakhar"].claimed_by == ["US forces"]
    assert "US forces" not in by_place["Ain al-Asad Air Base"].actors


def test_the_incident_taken_up_says_where_the_attack_just_told_of_was(extractor):
    text = (
        "Several American soldiers were injured on Monday in a suspected rocket attack at an air base, "
        "defense officials said.\n\nThe incident occurred at Ain al-Asad air base in western Iraq, officials said."
    )
    assert _events(extractor, text, published=date(2024, 8, 6)) == [("2024-08-05", "Ain al-Asad Air Base")]


def test_a_frequent_target_is_a_habit_not_an_event(extractor):
    text = "Ain al-Asad air base has been a frequent target for militants dating to October."
    assert _events(extractor, text, published=date(2024, 8, 6)) == []


def test_the_base_taken_up_on_a_day_of_its_own_is_another_attack_there(extractor):
    text = (
        "Several American soldiers were injured on Monday in a rocket attack at Ain al-Asad air base, "
        "officials said. Militants fired two rockets at the base on July 29, officials said."
    )
    got = _events(extractor, text, published=date(2024, 8, 7))
    assert ("2024-08-05", "Ain al-Asad Air Base") in got and len(got) == 2
    same_day = "A drone hit Ain al-Asad air base on Monday. Two rockets also struck the base on Monday."
    assert len(_events(extractor, same_day, published=date(2024, 8, 7))) == 1


def test_a_state_acknowledging_its_strikes_in_another_sentence_claims_them(extractor):
    text = (
        "American jets struck a Kataib Hezbollah depot in Jurf al-Sakhar on Wednesday.\n\n"
        "Hours later, CENTCOM announced that the strikes had destroyed drone storage."
    )
    out = extractor.extract(Document("t", text, published=date(2024, 3, 7), lang="en"))
    assert [(e.location.name, e.claimed_by) for e in out.events] == [("Jurf al-Sakhar", ["US forces"])]
    unacknowledged = "American jets struck a Kataib Hezbollah depot in Jurf al-Sakhar on Wednesday."
    out = extractor.extract(Document("t", unacknowledged, published=date(2024, 3, 7), lang="en"))
    assert [e.claimed_by for e in out.events] == [[]]


def test_a_town_named_like_a_verb_is_the_verb_in_a_title_cased_headline(extractor):
    # the Iraqi town of Hit: a headline's "Hit" is the verb; "in Hit" is the town
    assert _events(extractor, "Explosion Hit Near A Vessel Off Yemen's Coast On Monday", date(2024, 6, 12)) == [
        ("2024-06-10", "Yemen")
    ]
    assert _events(extractor, "Rockets Hit Ain al-Asad Air Base On Monday", date(2024, 6, 12)) == [
        ("2024-06-10", "Ain al-Asad Air Base")
    ]
    assert _events(extractor, "A rocket landed in Hit on Monday.", date(2024, 6, 12)) == [("2024-06-10", "Hit")]


def test_the_incident_takes_up_an_attack_told_without_its_site_across_a_sentence_that_tells_nothing(extractor):
    text = (
        "Several U.S. service members were injured Monday in a suspected rocket attack at an Iraqi air base, "
        "defense officials said.\n\n"
        "It was not immediately clear how many personnel were hurt or the extent of their injuries.\n\n"
        "The incident occurred at Al Asad air base, an installation in western Iraq, officials said.\n\n"
        "The attack comes as officials brace for a response to the killing last week of a senior Hamas leader "
        "in Tehran."
    )
    out = extractor.extract(Document("t", text, published=date(2024, 8, 6), lang="en"))
    by_place = {e.location.name: e for e in out.events}
    assert by_place["Ain al-Asad Air Base"].weapons == ["rocket"]
    assert by_place["Ain al-Asad Air Base"].date.iso() == "2024-08-05"
    # the rocket was that attack's: the killing told after it is not a rocket attack
    assert "rocket" not in by_place["Tehran"].weapons


def test_the_jordan_valley_is_a_region_not_the_kingdom(extractor):
    text = "The group said it launched a drone at an Israeli target in the Jordan Valley on Sunday."
    assert _events(extractor, text, date(2024, 9, 23)) == [("2024-09-22", "Jordan Valley")]


def test_provinces_named_in_a_list_are_provinces_and_a_named_base_in_a_town_is_one_site(extractor):
    text = (
        "U.S. bases in Syria's Hasakah and Deir ez-Zor provinces came under attack on Monday. "
        "Rockets were fired at the Conoco gas field in Deir ez-Zor, while the Kharab al-Jir base in Hasakah "
        "was targeted by drones."
    )
    # the provinces locate the two sites told after them; "in Hasakah" locates Kharab al-Jir
    assert _events(extractor, text, date(2024, 1, 9)) == [
        ("2024-01-08", "Conoco gas field"),
        ("2024-01-08", "Kharab al-Jir"),
    ]
    # a city named alone is still the city
    assert _events(extractor, "A drone struck a checkpoint in Hasakah on Monday.", date(2024, 1, 9)) == [
        ("2024-01-08", "Hasakah")
    ]


def test_a_city_named_only_as_near_gives_way_to_the_site_within_it(extractor):
    text = (
        "Several people were killed on Thursday in an airstrike near Damascus attributed to Israel. Fighters were "
        "killed in the strike on a building in the Sayyida Zeinab area, about six miles south of the capital."
    )
    assert _events(extractor, text, date(2024, 3, 29)) == [("2024-03-28", "Sayyida Zeinab")]
    # strikes told "on" the city and on a town near it stay two events
    assert _events(extractor, "Israeli strikes hit Damascus and Sayyida Zeinab on Thursday.", date(2024, 3, 29)) == [
        ("2024-03-28", "Damascus"),
        ("2024-03-28", "Sayyida Zeinab"),
    ]
