"""Who acts and who is named: a state named as the owner of a news outlet ("Israel's Channel 12
reported", "Iran's Tasnim news agency said") is who reports, not who attacked; a state striking
"targets" is the actor. Hand-written snippets."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.models import Document


def _events(extractor, text: str):
    return extractor.extract(Document(id="t", text=text, published=date(2024, 3, 7), lang="en")).events


@pytest.mark.parametrize(
    "text",
    [
        "Israel's Channel 12 reported that a drone struck Eilat on Tuesday.",
        "Israel's public broadcaster said a drone struck Eilat on Tuesday.",
    ],
)
def test_the_country_of_an_outlet_is_not_the_actor(extractor, text):
    (event,) = _events(extractor, text)
    assert event.location.name == "Eilat"
    assert "Israel" not in event.actors


def test_the_countrys_own_forces_still_act(extractor):
    (event,) = _events(extractor, "Israel's army said its jets struck Khiam on Tuesday.")
    assert event.actors == ["Israel"]


def test_a_state_striking_targets_is_the_actor_not_the_target(extractor):
    # "targets" after the verb: the actor's own lower-case verb is no modifier of a target noun
    (event,) = _events(extractor, "Israeli warplanes struck targets in southern Lebanon on Tuesday.")
    assert event.actors == ["Israel"] and event.target != "Israel"
