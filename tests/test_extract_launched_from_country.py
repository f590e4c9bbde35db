"""Fired from a country at a named place: the country is where the launches came from (a place, not the state), the
named place is the site, with "at" before a name as much as "at the", and "toward" ends the launch area.
Sentences written for these tests."""

from datetime import date

import pytest

from claimgraph.models import Document


@pytest.mark.parametrize(
    ("text", "site", "weapons"),
    [
        ("About 30 rockets were fired from Lebanon toward the Upper Galilee on Tuesday.", "Upper Galilee", ["rocket"]),
        ("About 30 rockets were fired from Lebanon at Kiryat Shmona on Tuesday.", "Kiryat Shmona", ["rocket"]),
        (
            "The Israeli military said about 30 projectiles were fired from Lebanon toward the Upper Galilee on "
            "Tuesday, most of which were intercepted.",
            "Upper Galilee",
            [],  # "projectiles" names no weapon
        ),
    ],
)
def test_fired_from_a_country_at_a_place(extractor, text, site, weapons):
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 6, 12)))
    [event] = out.events
    assert (event.location.name, event.weapons) == (site, weapons)
    assert event.launch_site is not None and event.launch_site.name == "Lebanon"


def test_a_launch_area_named_by_a_town_is_no_site(extractor):
    text = "The rockets were fired from a field outside the town of Saqlawiya at dawn on Tuesday."
    assert extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 6, 12))).events == []
