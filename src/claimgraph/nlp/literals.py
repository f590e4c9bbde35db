"""Required literals: a cheap test that a regular expression cannot match a text.

``required(pattern)`` reads a compiled pattern's parse tree and returns strings one of which every
match must contain (``("announce", "declare")`` for ``\\b(?:announce|declare)d\\b``), or ``None``
when it cannot tell. ``may_match(pattern, folded)`` is then a substring test on the text, folded
once with ``fold`` — far cheaper than running the pattern, and never wrong: when it says no, the
pattern has no match in the text, so skipping the search changes no result. Patterns that ignore
case, and those that do not, are compared through ``fold`` (letters lower-cased, with the four
non-ASCII letters that ``re.IGNORECASE`` matches to ASCII ones mapped to them); in a pattern that
ignores case, any other cased non-ASCII letter ends the literal run it is in, so the test stays
conservative.

This is the prefilter of RE2 and Hyperscan in small: rules with many cues run on sentences most of
which hold none (issue 18).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from re import _constants as C  # the parser the re module compiles with (Python 3.11+)
from re import _parser as P

from claimgraph.nlp import scripts

# re.IGNORECASE matches these to ASCII letters (the re module's documentation names them)
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLDED = "\u0130\u0131\u017f\u212a"
_MIN = 2  # shorter literals filter too little to be worth testing


def fold(text: str) -> str:
    """``text`` as ``may_match`` compares it (once per text, for every pattern). ``str.translate`` with a
    table walks the text in Python's slow path; most texts hold none of the four letters, and then
    lower-casing alone gives the same string."""
    if text.isascii() or not any(ch in text for ch in _FOLDED):
        return text.lower()
    return text.translate(_FOLD).lower()


def _char_ok(code: int, ignore_case: bool) -> str | None:
    """The character as it appears in folded text, or None when folding cannot be trusted for it."""
    ch = chr(code)
    if ch.isascii():
        return ch.lower()
    if ch.lower() == ch.upper():
        return ch  # uncased (Arabic, digits of other scripts): as written
    if ignore_case:
        return None  # re.IGNORECASE may match it to letters that fold differently
    low = fold(ch)
    return low if len(low) == 1 else None


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    """Of several sets each of which is required, the most selective: the longest shortest member."""
    options = [o for o in options if o and min(map(len, o)) >= _MIN]
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def _required(items, ignore_case: bool) -> frozenset[str] | None:
    options: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            options.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            ch = _char_ok(av, ignore_case)
            if ch is None:
                close()
            else:
                run.append(ch)
            continue
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width: the literals either side still touch in every match
        close()
        if op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            ic = (ignore_case or bool(add_flags & re.I)) and not (del_flags & re.I)
            found = _required(sub, ic)
            if found:
                options.append(found)
        elif op is C.ATOMIC_GROUP:
            found = _required(av, ignore_case)
            if found:
                options.append(found)
        elif op is C.BRANCH:
            alternatives = [_required(branch, ignore_case) for branch in av[1]]
            if all(alternatives):
                options.append(frozenset().union(*alternatives))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, _high, sub = av
            if low >= 1:
                found = _required(sub, ignore_case)
                if found:
                    options.append(found)
    close()
    return _best(options)


# ``required`` and ``required_any`` by the identity of their patterns: hashing a compiled pattern hashes its
# whole program (microseconds for a cue with many words, more than the test it serves). Each entry keeps
# its patterns alive, so no other pattern can take their ids.
_REQUIRED: dict[int, tuple[re.Pattern, tuple[str, ...] | None]] = {}
_REQUIRED_ANY: dict[tuple[int, ...], tuple[tuple[re.Pattern, ...], tuple[str, ...] | None]] = {}


def required(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains (compare with ``fold``ed text), or None."""
    known = _REQUIRED.get(id(pattern))
    if known is None:
        known = _REQUIRED[id(pattern)] = (pattern, _required_of(pattern))
    return known[1]


def _required_of(pattern: re.Pattern) -> tuple[str, ...] | None:
    if not isinstance(pattern.pattern, str):
        return None
    try:
        tree = P.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError, RecursionError):  # pragma: no cover - it compiled once
        return None
    found = _required(list(tree), bool(pattern.flags & re.I))
    return tuple(sorted(found)) if found else None


def required_any(patterns: tuple[re.Pattern, ...]) -> tuple[str, ...] | None:
    """Strings one of which every match of any of ``patterns`` contains, or None."""
    key = tuple(map(id, patterns))
    known = _REQUIRED_ANY.get(key)
    if known is None:
        known = _REQUIRED_ANY[key] = (patterns, _required_any_of(patterns))
    return known[1]


def _required_any_of(patterns: tuple[re.Pattern, ...]) -> tuple[str, ...] | None:
    found: set[str] = set()
    for pattern in patterns:
        lits = required(pattern)
        if lits is None:
            return None
        found.update(lits)
    return tuple(sorted(found))


def may_match_any(patterns: tuple[re.Pattern, ...], folded: str) -> bool:
    """False only when none of ``patterns`` has a match in the text ``folded`` was made from: one test
    for a group of patterns that are then tried one by one."""
    lits = required_any(patterns)
    return lits is None or any(lit in folded for lit in lits)


def may_match(pattern: re.Pattern, folded: str) -> bool:
    """False only when ``pattern`` has no match in the text ``folded`` was made from."""
    lits = required(pattern)
    return lits is None or any(lit in folded for lit in lits)


def search(pattern: re.Pattern, text: str, folded: str) -> re.Match | None:
    """``pattern.search(text)``, skipped when the required literals say it cannot match."""
    return pattern.search(text) if may_match(pattern, folded) else None


class _Never:
    """A pattern that matches nothing, in place of one whose required literals a text lacks."""

    __slots__ = ()

    def search(self, *_args) -> None:
        return None

    match = fullmatch = search

    def finditer(self, *_args) -> Iterator[re.Match]:
        return iter(())

    def findall(self, *_args) -> list:
        return []


NEVER = _Never()


class Scope:
    """Which patterns can match within one text, or within any stretch of it (``text[a:b]``, or the text
    from ``pos``): a match in a stretch holds the literal in the stretch, so in the text. Rules that read
    the few words around each mention of a sentence ask the same patterns of many stretches; the scope
    tests each pattern's literals once, on the whole sentence, and what cannot match there is skipped in
    every stretch. Text derived otherwise (normalised, lower-cased, joined to other text) is no stretch."""

    __slots__ = ("_can", "folded", "scripts")

    def __init__(self, text: str) -> None:
        self.folded = fold(text)
        self.scripts = scripts.present(text)
        # by the id of the pattern: ``may_match`` keeps every pattern it was asked of (``_REQUIRED``)
        self._can: dict[int, re.Pattern | _Never] = {}

    def __call__(self, pattern: re.Pattern | scripts.ScriptSplit) -> re.Pattern | _Never:
        """``pattern`` when it may match within the text, else ``NEVER`` (same answers: no match); a cue
        written in several scripts comes back with the parts of the text's scripts."""
        can = self._can.get(id(pattern))
        if can is None:
            if not may_match(pattern, self.folded):
                can = NEVER
            elif isinstance(pattern, scripts.ScriptSplit):
                can = pattern.variant(self.scripts)
            else:
                can = pattern
            self._can[id(pattern)] = can
        return can


@lru_cache(maxsize=256)
def scope(text: str) -> Scope:
    """The scope of ``text``, kept for the texts last asked: the stages read each sentence and unit of a
    document in turn, each asking its own cues."""
    return Scope(text)


__all__ = [
    "NEVER",
    "Scope",
    "fold",
    "may_match",
    "may_match_any",
    "required",
    "required_any",
    "scope",
    "search",
]
