"""A claim that names the attack it avenges: "Hezbollah said it targeted A in revenge for an Israeli strike on
Saturday on B". The actor, the weapon and the day of the avenged strike are B's, never A's; a day told in the
avenged clause before its place makes B an event of its own; "in revenge for", "in reprisal for", "to avenge"
read like "in response to". Hand-written snippets."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text: str, lang: str = "en"):
    result = extractor.extract(Document(id="t", text=text, published=date(2024, 9, 2), lang=lang))
    return result.events


def test_the_avenging_attack_keeps_its_own_actor_and_target(extractor):
    (e,) = _events(
        extractor,
        "Hezbollah said it fired rockets at Kiryat Shmona on Sunday in response to an Israeli strike on Bint Jbeil.",
    )
    assert e.location.place_id == "kiryat-shmona"
    assert e.actors == ["Hezbollah (Lebanon)"] and e.target == "Israel"
    assert e.weapons == ["rocket"]


def test_an_avenged_strike_dated_before_its_place_is_an_event_of_its_own(extractor):
    events = {
        e.location.place_id: e
        for e in _events(
            extractor,
            "Hezbollah said it targeted Kiryat Shmona on Sunday in revenge for an Israeli strike on Saturday on "
            "Bint Jbeil that killed three people.",
        )
    }
    assert set(events) == {"kiryat-shmona", "bint-jbeil"}
    assert events["kiryat-shmona"].date.value == date(2024, 9, 1)
    assert events["kiryat-shmona"].actors == ["Hezbollah (Lebanon)"] and events["kiryat-shmona"].fatalities is None
    assert events["bint-jbeil"].date.value == date(2024, 8, 31)
    assert events["bint-jbeil"].actors == ["Israel"] and events["bint-jbeil"].fatalities == 3


def test_the_claim_of_a_barrage_told_before_is_the_same_event_on_its_own_day(extractor):
    events = _events(
        extractor,
        "More than 20 rockets were fired from Lebanon at Kiryat Shmona overnight, the military said on Sunday.\n\n"
        "Hezbollah claimed responsibility, saying it targeted Kiryat Shmona in revenge for an Israeli strike "
        "Saturday that killed three emergency workers in Bint Jbeil.",
    )
    barrage = [e for e in events if e.location.place_id == "kiryat-shmona"]
    assert len(barrage) == 1  # one attack, not a second one on the avenged strike's day
    assert barrage[0].date.value != date(2024, 8, 31)  # not the avenged strike's day
    assert barrage[0].claimed_by == ["Hezbollah (Lebanon)"] and "Israel" not in barrage[0].actors


def test_a_state_force_is_not_the_attacker_of_the_base_that_hosts_it(extractor):
    events = _events(
        extractor,
        "A US drone strike killed a Kataib Hezbollah commander in Baghdad on Wednesday. The strike is part of a US "
        "retaliation for the militia killing three US soldiers at Tower 22 in Jordan on 28 January.",
    )
    tower = next(e for e in events if e.location.place_id == "tower-22")
    assert "US forces" not in tower.actors and tower.target == "US forces"
    assert tower.weapons != ["aircraft"]
    baghdad = next(e for e in events if e.location.place_id == "baghdad")
    assert baghdad.actors == ["US forces"]


def test_a_state_is_the_target_not_the_attacker_on_its_own_soil(extractor):
    (e,) = _events(
        extractor,
        "Israel's military was investigating a drone attack claimed by the Houthis that killed one person in "
        "Tel Aviv on Friday.",
    )
    assert e.location.place_id == "tel-aviv"
    assert e.actors == ["Houthis"] and e.claimed_by == ["Houthis"] and e.target == "Israel"


def test_a_state_striking_abroad_keeps_its_strike(extractor):
    (e,) = _events(extractor, "Israeli jets struck Bint Jbeil on Friday, the Israeli military said.")
    assert e.actors == ["Israel"]
