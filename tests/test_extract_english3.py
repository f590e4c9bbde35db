"""Strikes told without their actor in English reporting: a passive "were also hit with several strikes"
after a state's strike is named, and "The attacks ... hit A and B" taking up the strikes just told."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2025, 3, 20), lang: str = "en"):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang)).events


def test_places_hit_by_several_strikes_take_the_state_named_before(extractor):
    events = _events(
        extractor,
        "American forces bombed a fuel depot at Ras Isa on Wednesday night, officials said.\n\n"
        "The provinces of Saada and Dhamar were also hit by several strikes.",
    )
    by_place = {e.location.name: e for e in events}
    assert "Saada" in by_place
    assert by_place["Saada"].actors == ["US forces"]
    assert by_place["Saada"].sub_event_type == "Air/drone strike"


def test_the_attacks_taken_up_keep_the_actor_told_before(extractor):
    events = _events(
        extractor,
        "Israel's army said it struck targets of the Houthi rebels in Yemen overnight.\n\n"
        "The attacks carried out on Wednesday hit the port of Salif and a power station in Hodeidah.",
    )
    assert events
    assert all(e.actors == ["Israel"] for e in events)
    assert all(e.sub_event_type == "Air/drone strike" for e in events)


def test_responsibility_for_the_attacks_is_a_claim_of_the_attacks_told(extractor):
    events = _events(
        extractor,
        "Two explosive drones crossed from Lebanon on Tuesday and one of them crashed near Metula.\n\n"
        "The army said nobody was hurt.\n\n"
        "Hezbollah claimed responsibility for the attacks.",
    )
    (e,) = [e for e in events if e.location.name == "Metula"]
    assert e.claimed_by == ["Hezbollah (Lebanon)"]
