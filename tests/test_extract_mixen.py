"""English strikes answering earlier attacks: the places of the avenged attacks stay out of the strike's sites
even when the clause between "in response to" and the place holds an abbreviation ("U.S. troops") or the
quotation opens after "response" (in response "to ..."). Hand-written sentences."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text: str, published: date | None = date(2024, 2, 8)):
    return extractor.extract(Document(id="t", text=text, published=published, lang="en")).events


def _countries(events) -> set[str]:
    return {e.location.country for e in events if e.location}


def test_an_abbreviation_in_the_avenged_clause_keeps_its_place_out(extractor):
    events = _events(
        extractor,
        "American warplanes bombed an ammunition depot in eastern Syria on Tuesday in retaliation for "
        "drone attacks on U.S. troops in Iraq.",
    )
    assert _countries(events) == {"SY"}
    assert any("US forces" in e.actors for e in events)


def test_a_quotation_opening_after_response_keeps_the_avenged_places_out(extractor):
    events = _events(
        extractor,
        "Two U.S. jets struck a warehouse in eastern Syria on Tuesday, a raid carried out, the Pentagon said, in "
        "response “to repeated rocket fire on our bases in Iraq and Syria by Iran-aligned militias.”",
    )
    assert _countries(events) == {"SY"}
    assert len(events) == 1


def test_an_avenged_attack_with_a_day_of_its_own_later_in_its_clause_is_an_event(extractor):
    events = _events(
        extractor,
        "Hezbollah said on Thursday it fired rockets at Metula in response to the Israeli air raids on the "
        "village of Kfar Kila in southern Lebanon that killed four civilians and wounded two children on Wednesday.",
    )
    by_place = {e.location.name: e for e in events if e.location}
    assert {"Metula", "Kfar Kila"} <= set(by_place)
    assert by_place["Kfar Kila"].actors == ["Israel"]
    assert by_place["Metula"].date.value == date(2024, 2, 8)


def test_an_avenged_attack_whose_day_is_told_after_the_sentence_stays_out(extractor):
    events = _events(
        extractor,
        "Hezbollah fired rockets at Metula on Thursday in response to Israeli raids on the village of Khiam. "
        "The army said on Wednesday it had hit launchers.",
    )
    assert "Khiam" not in {e.location.name for e in events if e.location}
