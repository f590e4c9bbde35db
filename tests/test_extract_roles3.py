"""Victims named by their fighters, and tolls that are not one event's: hand-written snippets of what
real reporting does ("fighters of X were killed in US strikes"; "500 killed in the two days of attacks";
"the war, which has killed 26,000"; "killed since October 7")."""

from __future__ import annotations

from datetime import date

from claimgraph.extract.casualties import parse_casualties
from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2024, 2, 3), lang: str = "en"):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang)).events


def test_fighters_of_a_group_who_were_killed_are_its_losses_not_its_attack(extractor):
    (e,) = _events(
        extractor,
        "Seven fighters of Kataib Hezbollah were killed in US strikes on a base near Al-Qaim on Friday.",
    )
    assert e.actors == ["US forces"]
    assert e.target == "Kataib Hezbollah"


def test_fighters_of_an_umbrella_with_an_apposition_were_killed_too(extractor):
    (e,) = _events(
        extractor,
        "Five fighters of the Islamic Resistance in Iraq, most of them members of Kataib Hezbollah, "
        "were killed in US strikes near Al-Qaim on Friday.",
    )
    assert "Islamic Resistance in Iraq" not in e.actors
    assert "Kataib Hezbollah" not in e.actors


def test_fighters_of_a_group_who_fired_still_make_it_the_actor(extractor):
    (e,) = _events(extractor, "Drones launched by fighters of Kataib Hezbollah struck a base near Al-Qaim on Friday.")
    assert e.actors == ["Kataib Hezbollah"]


def test_a_toll_of_days_of_attacks_is_no_one_strikes(extractor):
    (e,) = _events(
        extractor,
        "Israeli jets struck the southern suburbs of Beirut on Tuesday. At least 312 people have been "
        "killed and 900 wounded in the three days of attacks, the health ministry said.",
        published=date(2024, 9, 26),
    )
    assert e.fatalities is None
    assert e.injuries is None


def test_a_toll_since_a_date_or_of_a_campaign_is_not_an_events():
    assert parse_casualties("Since the war began, eleven civilians were killed in the province.").period
    assert parse_casualties("Four soldiers have been killed since October in such attacks.").period
    assert parse_casualties("the offensive in the south, which has killed more than 3,000 people").period
    assert not parse_casualties("The strike, the deadliest since October, killed five people.").period


def test_a_number_with_a_thousands_separator_is_read_whole():
    assert parse_casualties("The bombing killed more than 1,200 people.").fatalities == 1200


def test_one_toll_after_strikes_on_listed_places_goes_to_neither(extractor):
    events = _events(
        extractor,
        "British and American jets bombed rebel sites in Sanaa and Hodeidah on Monday, killing eleven people, "
        "the rebels said.",
        published=date(2024, 2, 6),
    )
    assert sorted(e.location.name for e in events) == ["Hodeidah", "Sanaa"]
    assert all(e.fatalities is None for e in events)


def test_a_toll_after_one_place_still_goes_to_its_event(extractor):
    (e,) = _events(
        extractor,
        "British and American jets bombed rebel sites in Hodeidah on Monday, killing eleven people.",
        published=date(2024, 2, 6),
    )
    assert e.fatalities == 11
