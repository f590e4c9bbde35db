"""An undated wire story is dated by its dateline ("WASHINGTON/BAGHDAD, Aug 5 (Reuters) -"; with no year, the year
the landmark it tells of gives), and a place that only locates a site ("in Musayyib, south of Baghdad, on Tuesday")
does not take the site's date. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.extract.undated import dateline_day
from claimgraph.models import Document


def _events(extractor, text: str, published: date | None = None):
    return extractor.extract(Document(id="t", text=text, lang="en", published=published)).events


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("BAGHDAD, Aug 5, 2024 (Reuters) - A rocket attack on the Ain al-Asad air base on Monday wounded five.",
         date(2024, 8, 5)),
        # no year: the first Aug 5 after the landmark the story tells of (Haniyeh's killing, 31 July 2024)
        ("WASHINGTON/BAGHDAD, Aug 5 (Reuters) - A rocket attack on the Ain al-Asad air base on Monday wounded five,"
         " days after the killing of Hamas leader Ismail Haniyeh in Tehran.", date(2024, 8, 5)),
        # no year, and the weekday told fits one year only (5 August 2024 was a Monday)
        ("BAGHDAD, Aug 5 (Reuters) - A rocket attack on the Ain al-Asad air base on Monday wounded five.",
         date(2024, 8, 5)),
        # no year and nothing that gives one (5 August was a Sunday in none of 2023-2026): the day is unknown
        ("BAGHDAD, Aug 5 (Reuters) - A rocket attack on the Ain al-Asad air base on Sunday wounded five.", None),
        ("A rocket attack on the Ain al-Asad air base on Monday wounded five.", None),
    ],
)  # fmt: skip
def test_the_day_a_dateline_gives(text, day):
    assert dateline_day(None, text, "en") == day


def test_an_undated_wire_story_reads_its_weekdays_against_its_dateline(extractor):
    [event] = _events(
        extractor,
        "WASHINGTON/BAGHDAD, Aug 5 (Reuters) - A rocket attack on the Ain al-Asad air base in western Iraq on Monday "
        "injured several U.S. personnel, days after the killing of Hamas leader Ismail Haniyeh in Tehran.",
    )
    assert event.location.place_id == "ain-al-asad"
    assert (event.date.value, event.date.precision) == (date(2024, 8, 5), "day")


def test_a_place_that_locates_the_site_leaves_it_its_date(extractor):
    [event] = _events(
        extractor,
        "Last week the U.S. military carried out a strike in Musayyib, south of Baghdad, on Tuesday.",
        published=date(2024, 8, 5),
    )
    assert event.location.name == "Musayyib"
    assert (event.date.value, event.date.precision) == (date(2024, 7, 30), "day")


def test_a_landmark_named_to_date_the_news_lends_no_site(extractor):
    # "days after the killing of X in Tehran": Tehran is where the landmark happened, not a site of this attack
    events = _events(
        extractor,
        "A rocket attack on the Ain al-Asad air base on Monday injured five U.S. personnel, days after the killing "
        "of Hamas leader Ismail Haniyeh in Tehran.",
        published=date(2024, 8, 5),
    )
    assert [e.location.place_id for e in events] == ["ain-al-asad"]
