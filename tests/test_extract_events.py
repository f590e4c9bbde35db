"""Event-level behaviour of the extractor: what counts as an event, how many, and where.

Snippets are hand-written for these tests (not taken from the dev set)."""

from __future__ import annotations

from datetime import date

import claimgraph
from claimgraph.models import Document


def _run(extractor, text, published, lang="en", doc_id="t"):
    return extractor.extract(Document(doc_id, text, published=published, lang=lang))


def _places(result):
    return sorted(e.location.name for e in result.events if e.location)


def test_events_two_bases_give_two_events(extractor):
    text = (
        "BAGHDAD (wire) - Iran-aligned militants attacked two bases hosting US troops on Monday. "
        "A drone was launched at Ain al-Asad air base in Anbar, while three rockets were fired at "
        "Harir air base in the Kurdistan region, security officials said. Neither attack caused damage."
    )
    result = _run(extractor, text, date(2024, 1, 24))
    assert len(result.events) == 2
    assert _places(result) == ["Ain al-Asad Air Base", "Harir Air Base"]
    by_place = {e.location.name: e for e in result.events}
    assert by_place["Ain al-Asad Air Base"].weapons == ["drone"]
    assert by_place["Harir Air Base"].weapons == ["rocket"]
    assert {e.date.iso() for e in result.events} == {"2024-01-22"}


def test_events_two_sites_same_day_same_town_are_one_event(extractor):
    text = (
        "US aircraft struck a weapons depot and a command post used by Kataib Hezbollah near the "
        "town of al-Qaim on Friday, the Pentagon said. Both facilities, on the outskirts of al-Qaim, "
        "were destroyed."
    )
    result = _run(extractor, text, date(2024, 2, 10))
    assert len(result.events) == 1
    event = result.events[0]
    assert event.location.name == "Al-Qaim"
    assert event.date.iso() == "2024-02-09"
    assert event.sub_event_type == "Air/drone strike"
    assert "aircraft" in event.weapons


def test_events_event_mentioned_in_passing_is_extracted(extractor):
    text = (
        "Rockets hit the Rumeilan landing zone in Hasakah province on Thursday, the coalition said. "
        "The attack came a day after a drone struck the Conoco gas field in Deir ez-Zor, which caused "
        "no damage."
    )
    result = _run(extractor, text, date(2024, 3, 15))
    assert _places(result) == ["Conoco gas field", "Rumeilan Landing Zone"]
    by_place = {e.location.name: e for e in result.events}
    assert by_place["Rumeilan Landing Zone"].date.iso() == "2024-03-14"
    assert by_place["Conoco gas field"].date.iso() == "2024-03-13"
    assert by_place["Conoco gas field"].weapons == ["drone"]


def test_events_aggregate_count_is_not_an_event(extractor):
    text = (
        "US and coalition forces have come under attack more than 100 times in Iraq and Syria since "
        "mid-October, a Pentagon spokeswoman told reporters on Tuesday, mostly with rockets and "
        "one-way drones."
    )
    result = _run(extractor, text, date(2024, 1, 9))
    assert result.events == []


def test_events_aggregate_next_to_a_real_attack_adds_no_event(extractor):
    text = (
        "A drone targeted US forces at the al-Omar oil field in eastern Syria on Saturday, a US "
        "official said. It was the latest of more than 150 attacks on American troops in the region "
        "since October, including dozens on bases in Iraq."
    )
    result = _run(extractor, text, date(2024, 2, 5))
    assert len(result.events) == 1
    assert result.events[0].location.name == "Al-Omar oil field"
    assert result.events[0].date.iso() == "2024-02-03"


def test_events_threat_is_not_an_event(extractor):
    text = (
        "Kataib Hezbollah warned on Sunday that it would strike US bases at Ain al-Asad and Harir "
        "with drones and missiles if Washington did not withdraw its troops from Iraq by the end of "
        "the month."
    )
    result = _run(extractor, text, date(2024, 2, 19))
    assert result.events == []


def test_events_suspension_announcement_is_not_an_event(extractor):
    text = (
        "Harakat Hezbollah al-Nujaba said on Wednesday it was halting its operations against "
        "American forces in Iraq and Syria for now, citing the need to give negotiations on a US "
        "withdrawal a chance."
    )
    result = _run(extractor, text, date(2024, 2, 15))
    assert result.events == []


def test_events_condemnation_is_not_an_event(extractor):
    text = (
        "The Iraqi government on Monday condemned what it called repeated violations of Iraqi "
        "sovereignty and summoned the US charge d'affaires in Baghdad, a foreign ministry statement said."
    )
    result = _run(extractor, text, date(2024, 1, 8))
    assert result.events == []


def test_events_location_is_impact_site_not_launch_site(extractor):
    text = (
        "Five rockets launched from a truck near Zakho struck the Rumeilan landing zone in "
        "north-eastern Syria on Sunday, US officials said. Iraqi security forces later found the "
        "burned-out truck."
    )
    result = _run(extractor, text, date(2024, 2, 6))
    assert len(result.events) == 1
    event = result.events[0]
    assert event.location.name == "Rumeilan Landing Zone"
    assert event.location.country == "SY"
    assert event.launch_site is not None and event.launch_site.name == "Zakho"
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.weapons == ["rocket"]


def test_events_dateline_is_not_the_location(extractor):
    text = (
        "ERBIL, Iraq (wire) - Two drones targeted US forces at al-Shaddadi in Syria's Hasakah "
        "province on Saturday, a spokesman for the Syrian Democratic Forces said."
    )
    result = _run(extractor, text, date(2024, 1, 22))
    assert len(result.events) == 1
    assert result.events[0].location.name == "Al-Shaddadi"
    assert result.events[0].location.country == "SY"
    assert all(e.location.name != "Erbil" for e in result.events)


def test_events_intercepted_attack_is_still_an_event(extractor):
    text = (
        "Air defences at Erbil air base shot down an explosive-laden drone on Wednesday evening, the "
        "Kurdistan Region's counter-terrorism service said."
    )
    result = _run(extractor, text, date(2024, 1, 4))
    assert len(result.events) == 1
    event = result.events[0]
    assert event.location.name == "Erbil Air Base"
    assert event.date.iso() == "2024-01-03"
    assert event.weapons == ["drone"]


def test_events_us_drone_strike_in_baghdad_is_air_strike_with_drone(extractor):
    text = (
        "A US drone strike hit a vehicle in eastern Baghdad on Wednesday night, killing a senior "
        "Kataib Hezbollah commander and two companions, the US military said."
    )
    result = _run(extractor, text, date(2024, 2, 8))
    assert len(result.events) == 1
    event = result.events[0]
    assert event.sub_event_type == "Air/drone strike"
    assert event.weapons == ["drone"]
    assert event.location.name == "Baghdad"
    assert event.fatalities == 3
    assert "US forces" in event.actors


def test_events_weapon_not_stated_gives_generic_attack(extractor):
    text = (
        "The Islamic Resistance in Iraq said it attacked the occupation base at al-Tanf on Thursday. "
        "It gave no details of the weapons used."
    )
    result = _run(extractor, text, date(2024, 1, 26))
    assert len(result.events) == 1
    event = result.events[0]
    assert event.location.name == "Al-Tanf Garrison"
    assert event.sub_event_type == "Attack"
    assert [w for w in event.weapons if w != "unknown"] == []


def test_events_attack_on_israel_is_located_in_israel(extractor):
    text = (
        "The Islamic Resistance in Iraq said on Telegram that it had launched a drone at a "
        "'vital target' in Eilat on Friday. The Israeli military said the drone fell in an open area."
    )
    result = _run(extractor, text, date(2024, 3, 2))
    assert len(result.events) == 1
    event = result.events[0]
    assert event.location.name == "Eilat"
    assert event.location.country == "IL"
    assert event.date.iso() == "2024-03-01"


def test_events_evidence_spans_point_at_their_text(extractor):
    text = (
        "BAGHDAD (wire) - Three rockets struck near Harir air base on Tuesday, and a drone was shot "
        "down over Baghdad airport the same night, officials said. Kataib Sayyid al-Shuhada claimed "
        "the rocket attack in a Telegram post."
    )
    result = _run(extractor, text, date(2024, 1, 11))
    assert len(result.events) == 2
    evidence = [ev for e in result.events for ev in e.evidence]
    assert evidence
    for ev in evidence:
        assert 0 <= ev.start < ev.end <= len(text)
        assert text[ev.start : ev.end] == ev.text
    loc_texts = {ev.text for e in result.events for ev in e.evidence if ev.field == "location"}
    assert any("Harir" in t for t in loc_texts)
    assert any("Baghdad airport" in t for t in loc_texts)
    for claim in result.claims:
        for ev in claim.evidence:
            assert text[ev.start : ev.end] == ev.text


def test_events_top_level_extract_function_works():
    result = claimgraph.extract(
        "Two rockets struck Ain al-Asad air base on Sunday, the Iraqi military said. No one was hurt.",
        published="2024-01-16",
        lang="en",
    )
    assert len(result.events) == 1
    event = result.events[0]
    assert event.location.name == "Ain al-Asad Air Base"
    assert event.date.iso() == "2024-01-14"
    assert (event.fatalities, event.injuries) == (0, 0)


def test_events_extraction_is_deterministic(extractor):
    text = (
        "Drones attacked Harir air base and the al-Tanf garrison on Thursday. The Islamic Resistance "
        "in Iraq claimed both attacks on Telegram, and US officials blamed Kataib Hezbollah."
    )
    first = _run(extractor, text, date(2024, 2, 2), doc_id="det")
    second = _run(extractor, text, date(2024, 2, 2), doc_id="det")
    assert first.to_dict() == second.to_dict()
    assert [e.id for e in first.events] == [e.id for e in second.events]
    assert len(first.events) == 2
    assert len({e.id for e in first.events}) == 2


def test_events_specific_attack_told_inside_an_aggregate_sentence_is_kept(extractor):
    text = (
        "US forces struck more than 85 targets at seven facilities in Iraq and Syria late on Friday, the first "
        "retaliation for the drone attack that killed three American soldiers at Tower 22 in Jordan last Sunday."
    )
    (event,) = _run(extractor, text, date(2024, 2, 3)).events
    assert event.location.name == "Tower 22"
    assert event.date.iso() == "2024-01-28"
    assert event.fatalities == 3
    assert "US forces" not in event.actors


def test_events_carried_out_airstrikes_is_an_attack_with_the_state_as_actor(extractor):
    from claimgraph.models import Document

    text = (
        "The US military carried out airstrikes on Wednesday against two facilities used by Kataib Hezbollah "
        "at Jurf al-Sakhar, a defence official said."
    )
    out = extractor.extract(Document("t", text, published=date(2023, 11, 24)))
    assert [(e.location.name, e.date.iso(), e.actors) for e in out.events] == [
        ("Jurf al-Sakhar", "2023-11-22", ["US forces"])
    ]


def test_events_the_strikes_taken_up_keep_the_day_of_the_strikes_told_before(extractor):
    from claimgraph.models import Document

    text = (
        "US forces conducted airstrikes in Iraq on Wednesday against facilities used by Kataib Hezbollah. "
        "The attack on Ain al-Asad air base on Saturday had injured several personnel. "
        "The U.S. strikes were carried out in Jurf al-Sakhar and al-Qaim, near the Syrian border."
    )
    out = extractor.extract(Document("t", text, published=date(2024, 1, 25)))
    dates = {e.location.name: e.date.iso() for e in out.events}
    assert dates["Jurf al-Sakhar"] == dates["Al-Qaim"] == "2024-01-24"
