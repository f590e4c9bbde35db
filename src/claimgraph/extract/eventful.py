"""Does a unit report an event of its own? The tests that keep summaries, habits and background out.

A unit that names a place and an attack word is a candidate; these tests turn candidates away when the
text speaks of many incidents, of a kind of event, of the future, of a period, of a false alarm, of a
heading, or of something found rather than fired. Every test is a general reading of news prose, not a
rule for one text.
"""

from __future__ import annotations

import re

from claimgraph.extract import cues
from claimgraph.extract.drafts import HABITUAL
from claimgraph.extract.units import Unit
from claimgraph.nlp.pipeline import Mention

# "were targeted killings of named commanders in Baghdad": a kind of event, not one
_BARE_PLURAL = re.compile(
    r"(?<!\bthe )(?<!\bthese )(?<!\bthose )(?<!\bits )(?<!\btheir )(?<!\bUS )(?<!\bthe two )"
    r"\b(?:targeted killings|killings|strikes|attacks|raids|bombings|assassinations)\b",
    re.I,
)
_SINGULAR_EVENT = re.compile(
    r"\b(?:an?|the|one|this|that)\s+(?:[\w-]+\s+){0,2}(?:attack|strike|raid|bombing|blast|explosion)\b", re.I
)
_HEADING = re.compile(r"^[^.!?\n]{3,70}$")  # "The Palestine Street strike"
_NOT_AN_ATTACK = re.compile(r"\b(false alarm|cardiac|heart attack|re-?posted|footage)\b", re.I)


def reports_an_event(u: Unit, lang: str, weapons: list[Mention], period_starts: list[int]) -> bool:
    """Whether a unit that names a place tells of one attack of its own."""
    day = any(d.precision == "day" for d in u.dates)
    # an attack word, or a weapon that is one ("One drone; damage unknown"); aircraft words are not:
    # "US helicopters flew reinforcements" names a weapon, not an attack
    if not (any(w.key != "aircraft" for w in weapons) or u.has(cues.cue(lang, "attack"))):
        return False
    if not day and (
        cues.shared("generic_plural").search(u.text) or u.has(cues.shared("future_attack")) or HABITUAL.search(u.text)
    ):
        return False  # "has turned to Israel, issuing claims", "could hit", "repeatedly", "for months"
    if _NOT_AN_ATTACK.search(u.text):
        return False
    if u.has(cues.cue(lang, "non_event")) and (not weapons or u.has(cues.shared("future_attack"))):
        return False  # threats, suspensions, condemnations, talks
    if not u.dates and any(u.start <= s < u.end for s in period_starts):
        return False  # "Since October 2023, this dynamic has resumed, with US strikes hitting ...": a period
    if lang == "en" and not day and _BARE_PLURAL.search(u.text) and not _SINGULAR_EVENT.search(u.text):
        return False
    if _HEADING.match(u.text) and not u.dates:
        return False
    # "security forces found the launch vehicle": a find, not an attack
    return not (
        cues.shared("found_verb").search(u.text) and not re.search(r"\b(struck|hit|fired|launched|attacked)\b", u.text)
    )
