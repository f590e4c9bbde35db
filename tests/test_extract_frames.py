"""Whose attacks a report is about, said once (extract/frames.py), and the author of an attack named by a
preposition after its place or by its sponsor's adjective. Sentences written for these tests."""

from datetime import date

import pytest

from claimgraph.models import Document

GENERIC = "Unidentified Iran-backed militia"


def _events(extractor, text, lang="en", published=date(2024, 1, 29)):
    out = extractor.extract(Document(id="t", text=text, lang=lang, published=published))
    return {e.location.name: e for e in out.events}


def test_a_report_framed_as_a_generic_attackers_attacks_gives_it_to_each_attack(extractor):
    text = (
        "Three attacks on US troops by Iran-backed groups in two days\n\n"
        "On Thursday, a one-way drone targeting US forces at Ain al-Asad air base was shot down. "
        "Hours later, two drones flew at coalition forces at Harir air base in Erbil and were downed.\n"
    )
    events = _events(extractor, text)
    assert events["Ain al-Asad Air Base"].actors == [GENERIC]
    assert events["Harir Air Base"].actors == [GENERIC]


def test_a_run_of_attacks_launched_by_the_generic_attacker_frames_the_report(extractor):
    text = (
        "Iranian-backed militias launched three separate attacks last week, a US official said. "
        "On Tuesday a drone targeted US forces at the Conoco gas field in Syria."
    )
    assert _events(extractor, text)["Conoco gas field"].actors == [GENERIC]


def test_an_unframed_report_leaves_an_attack_without_attacker(extractor):
    text = (
        "On Thursday, a one-way drone targeting US forces at Ain al-Asad air base was shot down. "
        "The base hosts US and coalition troops."
    )
    assert _events(extractor, text)["Ain al-Asad Air Base"].actors == []


def test_the_frame_is_not_spread_to_the_other_sides_strikes_or_to_named_attackers(extractor):
    text = (
        "Attacks on US troops by Iran-backed militias have not stopped. "
        "On Tuesday Kataib Hezbollah fired rockets at Ain al-Asad air base. "
        "On Wednesday US jets struck a depot in al-Qaim."
    )
    events = _events(extractor, text)
    assert events["Ain al-Asad Air Base"].actors == ["Kataib Hezbollah"]
    assert events["Al-Qaim"].actors == ["US forces"]
    # an air strike that names no one is the other side's, not the framed attacker's
    text = (
        "Attacks on US troops by Iran-backed militias have not stopped. "
        "On Wednesday an air strike hit a depot in al-Qaim."
    )
    assert _events(extractor, text)["Al-Qaim"].actors == []


def test_strikes_on_sites_used_by_the_militias_are_no_frame(extractor):
    text = (
        "US strikes on facilities used by Iran-backed militias hit two sites on Friday. "
        "On Saturday, a drone targeted US forces at Ain al-Asad air base."
    )
    assert _events(extractor, text)["Ain al-Asad Air Base"].actors == []


def test_an_arabic_report_of_the_attacks_the_factions_wage_frames_each_attack(extractor):
    text = (
        "ردا على الهجمات المتكررة التي تشنها فصائل موالية لإيران ضد القوات الأميركية، "
        "استهدفت طائرة مسيرة يوم الأربعاء قاعدة حرير في أربيل."
    )
    events = _events(extractor, text, "ar", date(2023, 11, 23))
    assert events["Harir Air Base"].actors == [GENERIC]


def test_the_sponsors_adjective_on_an_attack_names_the_class_not_the_sponsor(extractor):
    text = "An Iran-backed drone strike killed three American soldiers in Jordan on Sunday."
    (event,) = _events(extractor, text).values()
    assert event.actors == [GENERIC]
    # the adjective on a named group is only a description of it
    text = "The Iran-backed Kataib Hezbollah fired rockets at Ain al-Asad air base on Sunday."
    assert _events(extractor, text)["Ain al-Asad Air Base"].actors == ["Kataib Hezbollah"]


def test_adjective_mentions_replace_the_sponsor_inside_the_adjective():
    from claimgraph.extract.frames import adjective_mentions
    from claimgraph.nlp.pipeline import Annotated, Mention, Sentence

    text = "An Iran-backed drone strike hit the base. Iran-backed groups deny it."
    ann = Annotated(
        text,
        "en",
        [Sentence(0, 0, 41, text[:41], 0), Sentence(1, 42, len(text), text[42:], 0)],
        [Mention("ACTOR", "iran", 3, 7, "Iran", 0), Mention("ACTOR", "generic", 42, 61, "Iran-backed groups", 1)],
    )
    found, dropped = adjective_mentions(ann, (("Iran-backed", "generic"),))
    assert [(m.key, m.start, m.end) for m in found] == [("generic", 3, 14)]
    assert dropped == {0}  # "Iran" inside the adjective; the longer name of the second sentence stays


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("On Monday, a drone attack in Erbil by Kataib Hezbollah wounded three U.S. soldiers.", "Kataib Hezbollah"),
        (
            "On Monday, a rocket attack on Ain al-Asad by the Islamic Resistance in Iraq caused no casualties.",
            "Islamic Resistance in Iraq",
        ),
        ("On Monday, a one-way drone attack in Erbil by Iran-aligned militants wounded three U.S. soldiers.", GENERIC),
    ],
)
def test_the_author_named_with_by_after_the_attacks_place(extractor, text, actor):
    (event,) = _events(extractor, text).values()
    assert event.actors == [actor]


def test_a_number_that_begins_a_compound_word_counts_no_one(extractor):
    text = "On Monday, a one-way drone attack by Kataib Hezbollah in Erbil wounded three U.S. soldiers."
    (event,) = _events(extractor, text).values()
    assert event.injuries == 3
    text = "On Monday, a two-day barrage of rockets on Ain al-Asad air base wounded four soldiers."
    assert _events(extractor, text)["Ain al-Asad Air Base"].injuries == 4


def test_a_dam_is_a_site_and_no_reported_casualties_is_none(extractor):
    text = "On Thursday morning, a convoy was hit by an IED near Mosul Dam; there were no reported casualties."
    (event,) = _events(extractor, text).values()
    assert event.location.name == "Mosul Dam"
    assert (event.fatalities, event.injuries) == (0, 0)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A ballistic missile launched from Yemen hit the perimeter of Ben Gurion airport on Sunday.", "en"),
        ("سقط صاروخ باليستي أطلق من اليمن في محيط مطار بن غوريون صباح الأحد.", "ar"),
    ],
)
def test_an_attack_launched_from_yemen_is_the_houthis(extractor, text, lang):
    (event,) = _events(extractor, text, lang, date(2025, 5, 5)).values()
    assert (event.location.name, event.actors) == ("Ben Gurion Airport", ["Houthis"])


def test_a_launch_place_with_no_single_launcher_names_no_one(extractor):
    text = "A drone launched from Iraq struck a base in the Golan Heights on Friday."
    assert all(e.actors == [] for e in _events(extractor, text, "en", date(2024, 10, 5)).values())


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("On Friday, drones launched by the Iran-backed Houthis exploded in Taba.", "Houthis"),
        ("A drone attack on Tel Aviv on Friday morning had been attributed to Yemen's Houthi movement.", "Houthis"),
        ("Israel attributed the drone attack on Tel Aviv on Friday to the Houthis.", "Houthis"),
    ],
)
def test_the_attacker_named_by_launched_by_or_attributed_to(extractor, text, actor):
    (event,) = _events(extractor, text, "en", date(2024, 7, 20)).values()
    assert event.actors == [actor]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("On 24 January 2024, the United States launched an airstrike on Kataib Hezbollah in Iraq.", "Iraq"),
        ("On 24 January 2024, Israeli jets struck Hezbollah in Lebanon.", "Lebanon"),
    ],
)
def test_a_group_named_with_its_country_leaves_the_country_to_the_strike(extractor, text, place):
    (event,) = _events(extractor, text, "en", date(2024, 1, 25)).values()
    assert event.location.name == place and event.date.value == date(2024, 1, 24)


def test_the_frame_is_not_given_to_a_states_strike_near_its_own_base(extractor):
    # US forces striking near the base that hosts them are the strike's authors (``report.hosted_garrison``), so
    # the frame has no attack to fill here
    text = (
        "Attacks on US troops by Iran-backed militias have not stopped. "
        "On Wednesday US forces struck militants near Conoco."
    )
    assert _events(extractor, text)["Conoco gas field"].actors == ["US forces"]
