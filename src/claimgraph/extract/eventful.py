"""Does a unit report an event of its own? The tests that keep summaries, habits and background out.

A unit that names a place and an attack word is a candidate; these tests turn candidates away when the
text speaks of many incidents, of a kind of event, of the future, of a period, of a false alarm, of a
heading, or of something found rather than fired. Every test is a general reading of news prose, not a
rule for one text.
"""

from __future__ import annotations

import re
from functools import cache

from claimgraph.extract import cues
from claimgraph.extract.drafts import HABITUAL
from claimgraph.extract.units import Unit
from claimgraph.nlp.pipeline import Mention

_HEADING = re.compile(r"^[^.!?\n]{3,70}$")  # "The Palestine Street strike"


@cache
def _kind_of_event(lang: str) -> tuple[re.Pattern, tuple[re.Pattern, ...]] | None:
    """A pack's bare plural ("killings") and what still makes its unit one event: a singular event ("a drone
    attack") or a strike told in the simple past ("Israeli jets struck Sanaa"), if the pack writes them."""
    pack = cues.rules(lang)
    if not pack.has_cue("bare_plural"):
        return None
    one = tuple(pack.cue(name) for name in ("singular_event", "past_attack") if pack.has_cue(name))
    return pack.cue("bare_plural"), one


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
    if any(c.search(u.text) for c in cues.per_language("not_an_attack")):
        return False
    if any(c.search(u.text) for c in cues.per_language("campaign_start")):
        return False  # "militias began attacking U.S. bases on Oct. 17": a campaign's start, no one attack
    if cues.shared("overflight").search(u.norm or u.text) and not u.has(cues.cue(lang, "attack")):
        return False  # "drones flew over the villages all night", "قنابل مضيئة": no attack told
    future = u.has(cues.shared("future_attack"))
    if (
        u.has(cues.cue(lang, "non_event"))
        and (not weapons or future)
        and (future or not u.has(cues.shared("condemned_attack")))
    ):
        return (
            False  # threats, suspensions, condemnations, talks; but "condemned the strikes on al-Qaim" tells of strikes
        )
    if not u.dates and any(u.start <= s < u.end for s in period_starts):
        return False  # "Since October 2023, this dynamic has resumed, with US strikes hitting ...": a period
    kind_words = _kind_of_event(lang)
    if kind_words and not day and kind_words[0].search(u.text) and not any(c.search(u.text) for c in kind_words[1]):
        return False  # "were targeted killings of named commanders in Baghdad": a kind of event, not one
    if _HEADING.match(u.text) and not u.dates and not cues.shared("flash_line").match(u.text):
        return False  # a headline over the story ("The Palestine Street strike"), not a news flash ("عاجل | ...")
    # "security forces found the launch vehicle": a find, not an attack
    return not (cues.shared("found_verb").search(u.text) and not cues.shared("fired_verb").search(u.text))
