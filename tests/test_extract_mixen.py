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
