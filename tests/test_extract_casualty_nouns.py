"""Casualties told as nouns ("resulted in at least 33 fatalities and more than 195 injuries", "no fatalities"),
and one strike named by a neighbourhood and the district the KB places it in ("Haret Hreik in the Dahieh
suburb"): one event, with the figures. Hand-written snippets."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.models import Document


def _events(extractor, text: str):
    return extractor.extract(Document(id="t", text=text, published=date(2024, 9, 30), lang="en")).events


@pytest.mark.parametrize(
    ("text", "killed", "hurt"),
    [
        ("An Israeli airstrike hit Haret Hreik on Friday, resulting in 5 fatalities and 12 injuries.", 5, 12),
        ("An Israeli airstrike hit Haret Hreik on Friday. The attack resulted in at least 33 fatalities and more "
         "than 195 injuries.", 33, 195),
        ("A drone hit the Harir base on Friday. There were no fatalities.", 0, None),
    ],
)  # fmt: skip
def test_casualties_told_as_nouns(extractor, text, killed, hurt):
    (e,) = _events(extractor, text)
    assert (e.fatalities, e.injuries) == (killed, hurt)


def test_a_neighbourhood_and_its_district_are_one_strike(extractor):
    events = _events(
        extractor,
        "An Israeli airstrike on Friday hit a headquarters beneath residential buildings in Haret Hreik in the "
        "Dahieh suburb of Beirut.\n\nThe strike on Dahieh resulted in at least 33 fatalities.",
    )
    assert [e.location.place_id for e in events] == ["haret-hreik"]
    assert events[0].fatalities == 33


def test_the_weapon_told_under_the_district_goes_to_the_neighbourhood_event(extractor):
    """The merge (``report.merge``) folds a district's event into the neighbourhood's told the same day: what the
    district's sentence said of the attack (the drone, Israel) goes to the neighbourhood's event, which had none."""
    from claimgraph.extract.drafts import Draft
    from claimgraph.extract.report import merge
    from claimgraph.models import DateValue
    from claimgraph.nlp.pipeline import Mention

    day = DateValue(date(2024, 7, 30))
    district = Draft(
        Mention("PLACE", "dahiyeh", 0, 7, "Dahiyeh", 0), day, None, weapons=["drone"], perpetrators=["israel"]
    )
    site = Draft(Mention("PLACE", "haret-hreik", 40, 51, "Haret Hreik", 1), day, None)
    (kept,) = merge([district, site], extractor.kb.places)
    assert kept is site and kept.weapons == ["drone"] and kept.perpetrators == ["israel"]


def test_the_city_a_neighbourhood_is_said_to_be_of_only_locates_it(extractor):
    events = _events(extractor, "Israel bombed the Sayyida Zeinab neighbourhood of Damascus on Monday.")
    assert [e.location.place_id for e in events] == ["sayyida-zeinab"]
