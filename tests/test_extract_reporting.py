"""Forms of real reporting: timelines, countries as sites, the homes of groups, retaliation clauses.

Snippets are hand-written for these tests (not taken from any evaluation set)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text, published=None, lang="en"):
    out = extractor.extract(Document("t", text, published=published, lang=lang))
    return sorted((e.date.iso() if e.date else None, e.location.name if e.location else None) for e in out.events)


TIMELINE = """Attacks on American troops in the region since the war began:

DEC. 4 – American troops at a base in Syria shoot down a drone; nobody is hurt.

DEC. 9 – Troops in Iraq and Syria come under fire twice; a rocket attack in Iraq wounds one soldier \
while a drone in Syria is downed.

JAN. 3 – Two separate rocket attacks target American forces in Iraq. Separately, a drone targets troops in Syria.
"""


def test_timeline_entries_in_capitals_are_dated_and_each_country_is_an_event(extractor):
    assert _events(extractor, TIMELINE, published=date(2024, 1, 20)) == [
        ("2023-12-04", "Syria"),
        ("2023-12-09", "Iraq"),
        ("2023-12-09", "Syria"),
        ("2024-01-03", "Iraq"),
        ("2024-01-03", "Syria"),
    ]


def test_month_abbreviation_in_capitals_does_not_end_a_sentence(extractor):
    ann = extractor.annotator.annotate("NOV. 2 – A drone hit the base. SEPT. 9 – Rockets fell.", "en")
    assert [s.text for s in ann.sentences] == ["NOV. 2 – A drone hit the base.", "SEPT. 9 – Rockets fell."]


def test_several_countries_in_a_summary_sentence_are_not_events(extractor):
    text = (
        "On March 2, 2024, the militias claimed responsibility for attacks with rockets and drones on "
        "American positions in Syria and Iraq, in response to the war."
    )
    assert _events(extractor, text, published=date(2024, 3, 3)) == []


def test_home_of_the_groups_is_not_a_site(extractor):
    text = (
        "The drone attack that wounded four soldiers in southern Jordan on Monday was the latest by "
        "Iran-backed militia groups in Iraq and Syria, officials said."
    )
    assert _events(extractor, text, published=date(2024, 3, 6)) == [("2024-03-04", "Jordan")]


def test_site_of_the_attack_avenged_is_not_an_event(extractor):
    text = (
        "American bombers struck targets in western Iraq on Saturday in retaliation to a rocket barrage "
        "launched by a militia at American troops in Jordan earlier in the week."
    )
    assert _events(extractor, text, published=date(2024, 3, 10)) == [("2024-03-09", "Iraq")]
