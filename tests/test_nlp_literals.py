"""Required literals: the prefilter that lets a rule skip a pattern on text it cannot match. It may
say "maybe" too often, never "no" wrongly: every test below that finds a match also checks the gate
let it through."""

from __future__ import annotations

import re

import pytest

from claimgraph.nlp import literals


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\bTower 22\b", re.I, ("tower 22",)),
        (r"\b(?:announce|declare)d\b", re.I, ("announce", "declare")),
        (r"\bOct(?:ober|\.)? 7(?:th)?\b", re.I, ("oct",)),
        (r"(?:truce|ceasefire) in Gaza", 0, (" in gaza",)),
        (r"a[bc]d", 0, None),  # no run of two literal characters
        (r"\d+ (?:km|miles)", re.I, ("km", "miles")),
        (r"(?:attack|strike)s?|raid", re.I, ("attack", "raid", "strike")),
        (r"(?:attack)?s", re.I, None),  # the group may be absent: nothing is required
        # the most selective required set: its shortest member the longest
        (r"تعليق (?:العمليات|عملياتها)", 0, ("العمليات", "عملياتها")),
    ],
)
def test_required_literals_of_a_pattern(pattern, flags, expected):
    got = literals.required(re.compile(pattern, flags))
    if expected is None:
        assert got is None
    else:
        assert got == tuple(sorted(expected))


@pytest.mark.parametrize(
    ("pattern", "flags", "text"),
    [
        (r"\bTower 22\b", re.I, "a drone hit TOWER 22 in Jordan"),
        (r"\bstrikes?\b", re.I, "U.S. STRIKES hit Qaim"),
        (r"\bKataib\b", re.I, "\u212aataib Hezbollah"),  # the Kelvin sign matches k when case is ignored
        (r"\bsince\b", re.I, "\u017fince October"),  # the long s matches s
        (r"\bdrone\b", 0, "the drone"),
        (r"Isra(?:el|il)", 0, "ISRAEL said; Israel struck"),
        (r"(?i:hezbollah) said", 0, "HEZBOLLAH said"),
        (r"السابع من (?:اكتوبر|تشرين الاول)", 0, "منذ السابع من اكتوبر"),
    ],
)
def test_the_gate_never_hides_a_match(pattern, flags, text):
    compiled = re.compile(pattern, flags)
    assert compiled.search(text)
    assert literals.may_match(compiled, literals.fold(text))
    assert literals.search(compiled, text, literals.fold(text)) is not None


def test_the_gate_says_no_when_no_required_literal_is_in_the_text():
    pattern = re.compile(r"\b(?:announced|declared) (?:a|the) (?:truce|ceasefire)\b", re.I)
    text = "Rockets struck the base at dawn; no group claimed the attack."
    assert not literals.may_match(pattern, literals.fold(text))
    assert literals.search(pattern, text, literals.fold(text)) is None


def test_a_case_sensitive_pattern_is_never_matched_more_often_than_before():
    pattern = re.compile(r"\bIRI\b")  # the gate folds; the pattern still decides
    text = "the iri brand"
    assert literals.may_match(pattern, literals.fold(text))
    assert literals.search(pattern, text, literals.fold(text)) is None


def test_a_cased_non_ascii_letter_under_ignorecase_breaks_the_literal():
    # re.IGNORECASE may match "é" to letters whose lower case is not "é": no literal across it
    pattern = re.compile(r"attaqué", re.I)
    assert literals.required(pattern) == ("attaqu",)
    assert literals.may_match(pattern, literals.fold("ATTAQUÉ"))
