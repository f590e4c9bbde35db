"""English reporting, second pass: hand-written snippets of how news reports tell claims after the event
("The IRI claimed responsibility for the attack" after a sentence that told drones at two bases), claims
by a group named before ("an attack also claimed by the same group"), and totals that are not one event's."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2023, 11, 24), lang: str = "en"):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang)).events


def _claimants(e) -> list[str]:
    return sorted({c.claimant for c in e.claims})


def test_a_claim_of_the_attack_goes_to_each_site_the_sentence_before_told(extractor):
    events = _events(
        extractor,
        "On Thursday, several drones were launched at Ain al-Asad air base, and another drone was launched "
        "at Harir air base, an official said. The Islamic Resistance in Iraq claimed responsibility "
        "for the attack.",
    )
    assert len(events) == 2
    assert all(_claimants(e) == ["Islamic Resistance in Iraq"] for e in events)


def test_an_attack_claimed_by_the_same_group_takes_the_group_named_before(extractor):
    events = _events(
        extractor,
        "On Thursday, two drones targeted Ain al-Asad air base. A faction calling itself the Islamic "
        "Resistance in Iraq claimed the attack. On Wednesday, three rockets were fired at Harir air base, "
        "an attack claimed by the same group.",
    )
    (harir,) = [e for e in events if "Harir" in e.location.name]
    assert _claimants(harir) == ["Islamic Resistance in Iraq"]


def test_a_toll_of_the_other_sides_strikes_is_not_the_claimed_attacks(extractor):
    (e,) = _events(
        extractor,
        "On Thursday, a drone was launched at Harir air base. The Islamic Resistance in Iraq claimed the "
        "attack. Earlier this week, US air strikes killed seven of the group's fighters.",
    )
    assert _claimants(e) == ["Islamic Resistance in Iraq"]
    assert e.fatalities is None


def _actors(e) -> list[str]:
    return sorted(e.actors)


def test_a_states_health_ministry_tells_of_a_strike_it_did_not_carry_out(extractor):
    events = _events(
        extractor,
        "Two people were killed in a drone strike in southern Lebanon on Tuesday, a day after the Israeli "
        "army launched raids across the region. Lebanon's Health Ministry confirmed the deaths and said the "
        "drone hit a car in Nabatieh.",
        published=date(2025, 6, 25),
    )
    (e,) = [e for e in events if e.location.name == "Nabatieh"]
    assert _actors(e) == ["Israel"]


def test_a_drone_strike_on_a_car_with_no_actor_named_is_the_state_that_was_striking(extractor):
    events = _events(
        extractor,
        "Israeli jets struck Khiam on Monday. On Tuesday, a drone struck a car in Nabatieh, killing two.",
        published=date(2025, 6, 25),
    )
    (e,) = [e for e in events if e.location.name == "Nabatieh"]
    assert _actors(e) == ["Israel"]
