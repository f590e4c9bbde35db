"""Cues written in several scripts, read only in the scripts a text is written in.

A shared cue is the union of every language pack's part (``(?:arabic part)|(?:english part)|(?:french
part)``), and Python's ``re`` tries every part at every position of a text: an English sentence pays for
the Arabic part's alternatives, and an Arabic one for the English and French parts'. A part that cannot
match without consuming an Arabic letter has no match in a text that holds none, and likewise a part that
needs a Latin letter; leaving it out changes no answer (the other parts keep their order, and a part with
groups stays as a part that fails at once, so group numbers hold).

``requires(source, flags)`` tells which scripts every match of a pattern consumes a character of (read
from its parse tree, conservatively: when it cannot tell, none); ``ScriptSplit`` is a pattern made of
parts that answers each call with the parts the text's scripts allow (``present``, kept per text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from re import _constants as C  # the parser the re module compiles with (Python 3.11+)
from re import _parser as P

ARABIC = 1
LATIN = 2
ALL = ARABIC | LATIN

# The Arabic blocks: letters, supplement, extended-A, presentation forms A and B.
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_ARABIC_CLASS = "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in _ARABIC_RANGES)
_HAS_ARABIC = re.compile(f"[{_ARABIC_CLASS}]")
# what an ASCII letter of a pattern may match, with or without re.IGNORECASE (the Kelvin sign, long s...)
_HAS_LATIN = re.compile("[a-z]", re.IGNORECASE)


def _arabic(code: int) -> bool:
    return any(a <= code <= b for a, b in _ARABIC_RANGES)


def _latin(code: int) -> bool:
    return code < 128 and chr(code).isalpha()


def _script_of(code: int) -> int:
    return ARABIC if _arabic(code) else LATIN if _latin(code) else 0


def _class_script(items) -> int:
    """The script every character a class matches belongs to (0 when it may match others)."""
    found = ALL
    for op, av in items:
        if op is C.LITERAL:
            found &= _script_of(av)
        elif op is C.RANGE:
            low, high = av
            same_block = any(a <= low and high <= b for a, b in _ARABIC_RANGES)
            ascii_letters = ord("a") <= low <= high <= ord("z") or ord("A") <= low <= high <= ord("Z")
            found &= ARABIC if same_block else LATIN if ascii_letters else 0
        else:  # NEGATE, CATEGORY, ...
            return 0
    return found


def _requires(items) -> int:
    """The scripts every match of the sequence ``items`` consumes a character of."""
    found = 0
    for op, av in items:
        if op is C.LITERAL:
            found |= _script_of(av)
        elif op is C.IN:
            found |= _class_script(av)
        elif op is C.SUBPATTERN:
            found |= _requires(av[3])
        elif op is C.ATOMIC_GROUP:
            found |= _requires(av)
        elif op is C.BRANCH:
            need = ALL
            for branch in av[1]:
                need &= _requires(branch)
            found |= need
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, _high, sub = av
            if low >= 1:
                found |= _requires(sub)
        # zero-width assertions, anchors, back-references, categories: nothing required
    return found


def requires(source: str, flags: int = 0) -> int:
    """The scripts (``ARABIC``, ``LATIN``) every match of ``source`` consumes a character of."""
    try:
        return _requires(list(P.parse(source, flags)))
    except (re.error, TypeError, ValueError, RecursionError):
        return 0


@lru_cache(maxsize=512)
def present(text: str) -> int:
    """The scripts ``text`` holds characters of (the stages ask the same sentences many cues)."""
    return (ARABIC if _HAS_ARABIC.search(text) else 0) | (LATIN if _HAS_LATIN.search(text) else 0)


class ScriptSplit:
    """A pattern that is the union of ``parts`` (sources with the same flags), compiled whole, and read
    with the parts a text's scripts allow. It answers the calls the stages make of a compiled pattern;
    ``pattern``, ``flags``, ``groups`` and ``groupindex`` are those of the whole."""

    __slots__ = ("_parts", "_variants", "flags", "groupindex", "groups", "pattern", "whole")

    def __init__(self, parts: list[str], flags: int):
        self.whole = re.compile("|".join(f"(?:{s})" for s in parts), flags)
        self.pattern, self.flags = self.whole.pattern, self.whole.flags
        self.groups, self.groupindex = self.whole.groups, self.whole.groupindex
        self._parts = [(s, requires(s, flags), re.compile(s, flags).groups > 0) for s in parts]
        self._variants: dict[int, re.Pattern] = {ALL: self.whole}

    @classmethod
    def of(cls, parts: list[str], flags: int) -> re.Pattern | ScriptSplit:
        """The whole pattern when no part needs a script (nothing to leave out), else a ``ScriptSplit``."""
        split = cls(parts, flags)
        if not any(need for _, need, _ in split._parts):
            return split.whole
        return split

    def variant(self, scripts: int) -> re.Pattern:
        """The pattern for a text holding ``scripts``: the parts that need another script left out."""
        found = self._variants.get(scripts)
        if found is None:
            kept = []
            for source, need, grouped in self._parts:
                if not need & ~scripts:
                    kept.append(f"(?:{source})")
                elif grouped:  # its groups keep their numbers; it fails at once
                    kept.append(f"(?!)(?:{source})")
            found = re.compile("|".join(kept) if kept else "(?!)", self.flags)
            self._variants[scripts] = found
        return found

    # -- the calls of a compiled pattern ----------------------------------------------------------
    def search(self, string: str, *args) -> re.Match | None:
        return self.variant(present(string)).search(string, *args)

    def match(self, string: str, *args) -> re.Match | None:
        return self.variant(present(string)).match(string, *args)

    def fullmatch(self, string: str, *args) -> re.Match | None:
        return self.variant(present(string)).fullmatch(string, *args)

    def finditer(self, string: str, *args) -> Iterator[re.Match]:
        return self.variant(present(string)).finditer(string, *args)

    def findall(self, string: str, *args) -> list:
        return self.variant(present(string)).findall(string, *args)

    def sub(self, repl, string: str, count: int = 0) -> str:
        return self.variant(present(string)).sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return self.variant(present(string)).split(string, maxsplit)

    def __repr__(self) -> str:
        return f"ScriptSplit({self.pattern!r})"


__all__ = ["ALL", "ARABIC", "LATIN", "ScriptSplit", "present", "requires"]
