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
from functools import cache
from re import _constants as C  # the parser the re module compiles with (Python 3.11+)
from re import _parser as P

# re.IGNORECASE matches these to ASCII letters (the re module's documentation names them)
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_MIN = 2  # shorter literals filter too little to be worth testing


def fold(text: str) -> str:
    """``text`` as ``may_match`` compares it (once per text, for every pattern)."""
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


@cache
def required(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains (compare with ``fold``ed text), or None."""
    if not isinstance(pattern.pattern, str):
        return None
    try:
        tree = P.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError, RecursionError):  # pragma: no cover - it compiled once
        return None
    found = _required(list(tree), bool(pattern.flags & re.I))
    return tuple(sorted(found)) if found else None


@cache
def required_any(patterns: tuple[re.Pattern, ...]) -> tuple[str, ...] | None:
    """Strings one of which every match of any of ``patterns`` contains, or None."""
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


__all__ = ["fold", "may_match", "may_match_any", "required", "required_any", "search"]
