"""Strike waves on the Yemen and Lebanon fronts as English reporting tells them: hand-written snippets
("Israel responded with air strikes on A and B", "jets struck A and B last week, in response to previous
attacks", "the governorates of A, B and C were also hit with strikes")."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2024, 5, 8), lang: str = "en"):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang)).events


def test_strikes_a_state_responded_with_are_one_event_per_place(extractor):
    events = _events(
        extractor,
        "Hezbollah fired rockets at Metula on Tuesday. Israel responded with air strikes on militant "
        "positions in the areas of Srebbine and Ayta ash-Shab.",
    )
    struck = sorted(e.location.name for e in events if e.actors == ["Israel"])
    assert struck == ["Ayta ash-Shab", "Srebbine"]


def test_a_strike_in_the_simple_past_with_its_motive_in_a_bare_plural_is_an_event(extractor):
    events = _events(
        extractor,
        "Last week, Israeli warplanes struck Sanaa and Hodeidah, in what the army called a response to "
        "previous Houthi attacks.",
        published=date(2024, 12, 26),
    )
    assert sorted(e.location.name for e in events) == ["Hodeidah", "Sanaa"]
    assert all(e.date.precision == "week" for e in events)


def test_governorates_also_hit_with_strikes_are_one_event_each(extractor):
    events = _events(
        extractor,
        "US jets bombed the port of Ras Isa on Thursday night. The provinces of Dhamar, Saada and Sanaa "
        "were also hit with several strikes.",
        published=date(2025, 4, 18),
    )
    assert {"Dhamar", "Saada", "Sanaa"} <= {e.location.name for e in events}


def test_attacks_a_group_has_turned_to_are_still_no_event(extractor):
    assert not _events(extractor, "The militias have turned to drone attacks against bases in Hodeidah.")


def test_a_handful_of_raids_on_one_named_place_is_that_places_event(extractor):
    events = _events(
        extractor,
        "Rebel media reported US air raids on Yemen early on Sunday. US warplanes launched four raids on the "
        "town of Saada, and three attacks on the Marib governorate, the rebels' television said.",
        published=date(2025, 5, 4),
    )
    assert {"Saada", "Marib Governorate"} <= {e.location.name for e in events}


def test_three_strikes_against_a_group_named_after_a_country_stay_a_tally(extractor):
    events = _events(
        extractor,
        "The US has answered with three retaliatory strikes against Iran-backed militia targets, the latest "
        "on two facilities in Deir ez-Zor province.",
        published=date(2023, 11, 13),
    )
    assert not events


def test_footage_a_newsroom_verified_does_not_unmake_the_attack(extractor):
    (e,) = _events(
        extractor,
        "A ballistic missile fired from Yemen hit the perimeter of Ben Gurion airport on Sunday, according to "
        "photos and footage verified by the network.",
        published=date(2025, 5, 4),
    )
    assert e.location.name == "Ben Gurion Airport"


def test_villages_of_a_lebanese_strike_wave_are_known_places(extractor):
    events = _events(
        extractor,
        "On Monday, Israeli jets struck the outskirts of Adloun and Bisariyeh, north of the Litani, the "
        "national news agency said.",
        published=date(2025, 6, 24),
    )
    assert sorted(e.location.name for e in events) == ["Adloun", "Al Bisariya"]
    assert all(e.location.country == "LB" for e in events)
