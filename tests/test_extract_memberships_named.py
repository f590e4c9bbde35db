"""Memberships stated by naming: a unit named "of" its owner ("the Quds Force of the IRGC", the possessive turned
round), and an alliance's core groups listed after it is taken up again ("the alliance's core groups — Hezbollah
and the Houthis"). A state listed with them is no member. Hand-written snippets."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.models import Document


def _pairs(extractor, text: str) -> set[tuple[str, str]]:
    doc = Document(id="t", text=text, published=date(2024, 4, 2), lang="en")
    return {(m.member, m.umbrella) for m in extractor.extract(doc).memberships}


@pytest.mark.parametrize(
    "text",
    [
        "The general commanded the Quds Force of the IRGC for a decade.",  # nothing else on the page
        "He had led the Quds Force of Iran's Revolutionary Guards in Syria since 2020.",
    ],
)
def test_a_unit_named_of_its_owner_belongs_to_it(extractor, text):
    assert _pairs(extractor, text) == {("IRGC Quds Force", "IRGC")}


def test_a_unit_of_a_state_is_no_membership(extractor):
    assert _pairs(extractor, "The Quds Force of Iran trains militias across the region.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "The Axis of Resistance faces its worst crisis. The alliance's core groups, Iran, Hezbollah and the Houthis, "
        "are turning back to local power.",
        "The Axis of Resistance faces its worst crisis. Its core groups, Hezbollah and the Houthis, are turning "
        "back to local power.",
        "The Axis of Resistance's core groups, Hezbollah and the Houthis, are turning back to local power.",
    ],
)
def test_an_alliances_core_groups_are_its_members_but_not_the_state_among_them(extractor, text):
    assert _pairs(extractor, text) == {("Hezbollah (Lebanon)", "Axis of Resistance"), ("Houthis", "Axis of Resistance")}
