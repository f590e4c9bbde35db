"""A claim whose subject is the group taken up again: "In a statement, the group said it had struck ..." claims
for the group named before, as "The group said in a statement ..." does; "the U.S. Central Command said that it
launched ..." names its own subject and claims nothing for the group. Hand-written snippets."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.models import Document

FIRST = "The Islamic Resistance in Iraq claimed a drone attack on the Harir base on Sunday. "


def _at(extractor, text: str, place_id: str):
    result = extractor.extract(Document(id="t", text=text, published=date(2024, 8, 14), lang="en"))
    return next(e for e in result.events if e.location.place_id == place_id)


@pytest.mark.parametrize(
    "second",
    [
        "In a statement, the group said its fighters had struck al-Tanf on Sunday.",
        "In a later statement, the group said it had struck al-Tanf on Sunday.",
        "The group said in a statement its fighters had struck al-Tanf on Sunday.",
    ],
)
def test_the_group_taken_up_again_claims(extractor, second):
    assert _at(extractor, FIRST + second, "al-tanf").claimed_by == ["Islamic Resistance in Iraq"]


def test_a_named_subject_taken_up_by_it_claims_nothing_for_the_group(extractor):
    text = FIRST + "On Monday, the U.S. Central Command said that it launched a strike in Kirkuk."
    e = _at(extractor, text, "kirkuk")
    assert "Islamic Resistance in Iraq" not in e.claimed_by


def test_an_attack_told_without_a_site_gives_its_attacker_to_the_site_told_next(extractor):
    text = (
        "On Sunday, Hezbollah fired dozens of rockets toward the occupied territories in response to an Israeli "
        "attack. More than 50 rockets were launched at Beit Hillel in the Upper Galilee, causing a fire."
    )
    assert _at(extractor, text, "beit-hillel").actors == ["Hezbollah (Lebanon)"]


def test_the_resistance_fighters_who_also_targeted_are_the_group_told_before(extractor):
    from datetime import date

    from claimgraph.models import Document

    text = (
        "The Islamic Resistance in Iraq said on Thursday that its drones hit a US base in al-Shaddadi.\n\n"
        "The attack answered US support for Israel in Gaza.\n\n"
        "Early Thursday, the resistance fighters also targeted a US military base at the Conoco gas field "
        "in Deir Ezzor."
    )
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2023, 12, 14)))
    actors = {e.location.name: e.actors for e in out.events}
    assert actors["Conoco gas field"] == ["Islamic Resistance in Iraq"]


def test_claimed_responsibility_with_no_object_claims_the_attack_just_told(extractor):
    from datetime import date

    from claimgraph.models import Document

    text = (
        "A drone attack killed three US soldiers at Tower 22 in Jordan on Sunday.\n\n"
        "A senior US official told the Post that the Islamic Resistance in Iraq claimed responsibility."
    )
    (e,) = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 1, 29))).events
    assert e.claimed_by == ["Islamic Resistance in Iraq"]
    habit = (
        "A drone attack killed three US soldiers at Tower 22 in Jordan on Sunday.\n\n"
        "The Islamic Resistance in Iraq has claimed responsibility for dozens of attacks since October."
    )
    (e,) = extractor.extract(Document(id="t", text=habit, lang="en", published=date(2024, 1, 29))).events
    assert e.claimed_by == []
