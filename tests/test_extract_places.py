"""Where an event happened: gazetteer towns, datelines, capitals standing for governments, launch areas.

Snippets are hand-written for these tests (not taken from the dev set)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _run(extractor, text, published, lang="en"):
    return extractor.extract(Document("t", text, published=published, lang=lang))


def test_places_town_outside_kb_resolved_by_gazetteer_in_the_documents_country(extractor):
    text = (
        "A roadside bomb struck an army patrol near the town of Tarmiyah, north of Baghdad, on Sunday, "
        "killing two soldiers."
    )
    (event,) = _run(extractor, text, date(2024, 3, 4)).events
    assert event.location.resolver == "gazetteer"
    assert event.location.country == "IQ"
    assert 33.5 < event.location.lat < 33.8 and 44.2 < event.location.lon < 44.6
    assert event.location.precision == "town"
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.fatalities == 2


def test_places_gazetteer_never_jumps_to_another_country(extractor):
    # "Ain al Asad" is also the name of a village in Israel; an Iraqi report must not land there
    text = "Rockets hit near the village of Ayn al Asad in western Iraq on Monday, officials in Anbar said."
    result = _run(extractor, text, date(2024, 1, 9))
    assert all(e.location.country == "IQ" for e in result.events)


def test_places_dateline_is_neither_location_nor_date(extractor):
    text = (
        "WASHINGTON, Jan 29 (wire) - A drone struck Tower 22 in Jordan late on Sunday, killing three US soldiers, "
        "the Pentagon said."
    )
    (event,) = _run(extractor, text, date(2024, 1, 29)).events
    assert event.location.name == "Tower 22"
    assert event.date.iso() == "2024-01-28"


def test_places_dateline_after_a_correction_line(extractor):
    text = (
        "(Corrects day of attack in paragraph 1)\n"
        "BAGHDAD, Feb 10 (Reuters) - Two rockets were fired late on Thursday at Ain al-Asad air base, "
        "two security sources said. There were no casualties."
    )
    (event,) = _run(extractor, text, date(2024, 2, 10)).events
    assert event.location.name == "Ain al-Asad Air Base"
    assert event.date.iso() == "2024-02-08"


def test_places_capital_standing_for_its_government_is_not_a_site(extractor):
    text = (
        "Iranian missiles struck Erbil late on Monday, killing four civilians. Baghdad recalled its ambassador "
        "from Tehran and called the strike a violation of sovereignty."
    )
    result = _run(extractor, text, date(2024, 1, 16))
    assert [e.location.name for e in result.events] == ["Erbil"]


def test_places_war_named_after_a_place_is_not_an_event(extractor):
    text = "They were the first US troops killed by hostile fire in the region since the Gaza war began in October."
    assert _run(extractor, text, date(2024, 1, 29)).events == []


def test_places_launch_area_is_recorded_not_used_as_site(extractor):
    text = (
        "Two drones struck the Conoco gas field on Monday night. The Observatory said the drones were launched "
        "from areas controlled by Iran-backed militias around the town of al-Mayadin."
    )
    result = _run(extractor, text, date(2024, 8, 27))
    assert [e.location.name for e in result.events] == ["Conoco gas field"]


def test_places_initially_reported_place_is_replaced_by_the_correction(extractor):
    text = (
        "A drone struck a US outpost on Sunday. A Jordanian spokesman initially said it had hit the al-Tanf "
        "garrison in Syria, but US officials said the drone struck Tower 22 inside Jordan."
    )
    result = _run(extractor, text, date(2024, 1, 29))
    assert [e.location.name for e in result.events] == ["Tower 22"]
