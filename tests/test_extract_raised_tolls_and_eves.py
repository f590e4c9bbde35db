"""A toll raised to a bare figure ("six wounded at first, a toll later raised to eight") counts the kind told
before it, in English, French and Arabic; "a day after strikes on X" dates X a day before the strike told first, and
the sites told after a fronted "a day after the attack" are all of that next day. Texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.models import Document

RAISED = [
    (
        "en",
        "A missile hit Ben Gurion airport on Sunday. Medics first reported five people wounded, a toll later "
        "raised to nine.",
    ),
    (
        "fr",
        "Dimanche, un missile a frappé l'aéroport Ben Gourion. Les secours ont d'abord fait état de cinq blessés, "
        "un bilan porté ensuite à neuf.",
    ),
    (
        "ar",
        "سقط صاروخ في محيط مطار بن غوريون صباح الأحد، وأفاد المسعفون بإصابة خمسة أشخاص، قبل أن ترتفع الحصيلة إلى تسعة.",
    ),
]


@pytest.mark.parametrize(("lang", "text"), RAISED)
def test_a_toll_raised_to_a_bare_figure_counts_the_wounded(extractor, lang, text):
    out = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2025, 5, 5)))
    [event] = out.events
    assert (event.fatalities, event.injuries) == (None, 9)


def test_a_day_after_strikes_on_a_port_dates_the_port_a_day_before(extractor):
    text = "Israeli jets bombed Sanaa airport on Tuesday, a day after strikes on the port of Hodeidah."
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2025, 5, 7)))
    assert sorted(e.date.value for e in out.events) == [date(2025, 5, 5), date(2025, 5, 6)]


def test_sites_told_after_a_fronted_day_after_are_all_of_that_day(extractor):
    text = (
        "Hezbollah claimed a drone attack on Metula on Monday. A day after the attack, Israeli jets struck Khiam "
        "and Kfar Kila."
    )
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2025, 5, 7)))
    days = {e.location.name: e.date.value for e in out.events}
    assert days["Khiam"] == days["Kfar Kila"] == date(2025, 5, 6)
