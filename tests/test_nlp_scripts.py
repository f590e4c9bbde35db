"""Cues written in several scripts, read with the parts a text's scripts allow (``nlp/scripts.py``): an
English sentence skips the Arabic part of a shared cue, an Arabic one the Latin parts. Leaving a part out
must change no answer: the match, its span and its groups are those of the whole pattern."""

from __future__ import annotations

import re

import pytest

from claimgraph.lang import packs
from claimgraph.nlp import literals, scripts
from claimgraph.nlp.normalize import normalize_arabic


@pytest.mark.parametrize(
    ("source", "flags", "expected"),
    [
        ("غارة", 0, scripts.ARABIC),
        (r"(?<!\w)(?:مرارا|مراراً)", 0, scripts.ARABIC),  # the lookbehind consumes nothing
        (r"(?:^|\s)[وف]?(?:ي|ت)نفذ", 0, scripts.ARABIC),
        (r"\b(?:repeatedly|often)\b", re.I, scripts.LATIN),
        (r"\d+ (?:km|كم)", 0, 0),  # either script: neither is required
        (r"(?:attack)?\d+", 0, 0),  # an optional word requires nothing
        (r"[^a-z]+", 0, 0),  # a negated class may match anything else
        (r"[a-zA-Z]+ غارة", 0, scripts.ARABIC | scripts.LATIN),
        (r"[0-9a-f]x", 0, scripts.LATIN),  # the x, not the class that also holds digits
    ],
)
def test_the_scripts_every_match_consumes(source, flags, expected):
    assert scripts.requires(source, flags) == expected


def test_the_scripts_a_text_holds():
    assert scripts.present("Drones hit the base.") == scripts.LATIN
    assert scripts.present("استهدفت طائرة مسيرة القاعدة") == scripts.ARABIC
    assert scripts.present("قال CENTCOM إن") == scripts.ARABIC | scripts.LATIN
    assert scripts.present("12:30 — 2024") == 0
    assert scripts.present("\u212a") == scripts.LATIN  # the Kelvin sign matches k when case is ignored


def _parts():
    return ["(?<!\\w)(?:مرارا|مراراً)|بشكل متكرر", r"\b(?:repeatedly|routinely)\b", r"\bà plusieurs reprises\b"]


def test_a_text_of_one_script_is_read_without_the_other_scripts_parts():
    cue = scripts.ScriptSplit.of(_parts(), re.I)
    assert isinstance(cue, scripts.ScriptSplit)
    english = cue.variant(scripts.LATIN)
    assert "مرارا" not in english.pattern and "repeatedly" in english.pattern
    arabic = cue.variant(scripts.ARABIC)
    assert "repeatedly" not in arabic.pattern and "مرارا" in arabic.pattern
    assert cue.search("They were repeatedly attacked.").group(0) == "repeatedly"
    assert cue.search("تعرضت القاعدة للقصف مرارا").group(0) == "مرارا"
    assert cue.search("Les bases ont été visées à plusieurs reprises.")
    assert cue.search("Nothing of the kind.") is None


def test_a_cue_whose_parts_need_no_script_stays_one_pattern():
    cue = scripts.ScriptSplit.of([r"\d+ ?%", r"\d+ (?:كم|km)"], 0)
    assert isinstance(cue, re.Pattern)


def test_group_numbers_hold_when_a_part_with_groups_is_left_out():
    # the Arabic part comes first and has a group: the English part's group keeps number 2
    cue = scripts.ScriptSplit.of([r"(غارة) على", r"(strike) on"], 0)
    english = cue.variant(scripts.LATIN)
    m = english.search("a strike on the base")
    assert m.group(2) == "strike" and m.group(1) is None
    assert cue.whole.search("a strike on the base").span(2) == m.span(2)


def test_named_groups_hold_in_every_variant():
    cue = scripts.ScriptSplit.of([r"(?P<ar>غارة)", r"(?P<en>strike)"], 0)
    assert cue.groupindex == {"ar": 1, "en": 2}
    assert cue.search("a strike").group("en") == "strike"
    assert cue.search("غارة").group("ar") == "غارة"


def _cue_texts() -> list[str]:
    """Every example and counter-example the packs hold (sentences written for them, in three languages),
    as written and in the Arabic normal form, and a few mixed texts."""
    texts = []
    for code in packs():
        for entry in packs()[code].entries.values():
            texts += entry.spec.get("examples", []) + entry.spec.get("not_examples", [])
    texts += [normalize_arabic(t) for t in texts if scripts.present(t) & scripts.ARABIC]
    texts += [
        "قالت القيادة المركزية الأمريكية (CENTCOM) إن طائرة مسيرة استهدفت القاعدة مرارا",
        "The statement, signed المقاومة الإسلامية في العراق, claimed two drone attacks.",
    ]
    return texts


def test_every_shared_cue_answers_every_text_as_its_whole_pattern_does():
    """On every pack example, the split reading gives the same matches (spans and groups) as the whole."""
    loaded = packs()
    split = {}
    for code in loaded:
        for name, cue in loaded[code]._cues.items():
            if isinstance(cue, scripts.ScriptSplit):
                split[name] = cue
    assert len(split) > 20  # most shared cues are written in every pack
    texts = _cue_texts()
    assert len(texts) > 500
    for name, cue in split.items():
        for text in texts:
            got = [(m.span(), m.groups()) for m in cue.finditer(text)]
            want = [(m.span(), m.groups()) for m in cue.whole.finditer(text)]
            assert got == want, (name, text)


def test_a_scope_hands_out_the_variant_of_its_texts_scripts():
    cue = scripts.ScriptSplit.of(_parts(), re.I)
    scope = literals.Scope("The bases were repeatedly attacked.")
    got = scope(cue)
    assert isinstance(got, re.Pattern) and "مرارا" not in got.pattern
    assert got.search("The bases were repeatedly attacked.").group(0) == "repeatedly"
    assert literals.Scope("The bases were hit.")(cue) is literals.NEVER  # no required literal
