"""The cues the extractor reads, by name: every word and pattern lives in the language packs.

``cue(lang, name)`` is a pack's own cue for documents of that language (``attack``, ``claim``,
``aggregate``, ...); ``shared(name)`` a cue that reads documents of every language, the union of
every pack's entry (``retaliation``, ``locator_before``, ...). The packs are in
``claimgraph/lang/<code>/`` (see ``claimgraph.lang`` and docs/languages.md); a cue a pack lacks is
an error when the packs load, never a silent fallback to English.
"""

from __future__ import annotations

import re

from claimgraph.lang import Packs, packs, rules

# Cues every pack must answer (its own, a shared one, or one borrowed with ``same_as``).
PER_LANGUAGE = (
    "attack",
    "aggregate",
    "non_event",
    "claim",
    "claim_negated",
    "attribution",
    "membership",
    "locative_before",
)
SHARED = (
    "defensive",
    "aggregate_except",
    "future_attack",
    "generic_plural",
    "claim_first",
    "claim_revised",
    "launch_zone",
    "impact_after_launch",
    "context_after",
    "metonymy_after",
    "hospital_before",
    "membership_negated",
    "launch_before",
    "locator_before",
    "sponsor_place_before",
    "retaliation",
    "prior_attack",
    "retaliation_before",
    "context_before",
    "period_before",
    "corrected_place",
    "found_verb",
    "correction",
    "took_place",
    "reference_before",
    "reference_after",
    "umbrella_anaphor",
    "umbrella_first",
)
# The channel a claim came through, and the hedge of a blame: tried in this order.
CHANNELS = ("telegram", "video", "statement", "spokesman")
HEDGES = ("confirmed", "likely", "alleged")


def cue(lang: str, name: str) -> re.Pattern:
    """The cue ``name`` of the pack of ``lang``."""
    return rules(lang).cue(name)


def shared(name: str) -> re.Pattern:
    """The cue ``name`` that reads documents of every language."""
    return packs().shared(name)


def channel_of(text: str) -> str | None:
    """The channel a claim sentence names ("in a statement on Telegram" -> telegram), if any."""
    for name in CHANNELS:
        if shared(f"channel_{name}").search(text):
            return name
    return None


def hedge_of(text: str) -> str | None:
    for name in HEDGES:
        if shared(f"hedge_{name}").search(text):
            return name
    return None


# Every cue name the extractor reads.
REQUIRED = (*PER_LANGUAGE, *SHARED, *(f"channel_{c}" for c in CHANNELS), *(f"hedge_{h}" for h in HEDGES))


def check_packs(loaded: Packs | None = None) -> None:
    """Every pack (the built-in ones, or ``loaded``) answers every cue the extractor reads."""
    (packs() if loaded is None else loaded).check_required(REQUIRED)
