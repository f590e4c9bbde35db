"""Language identification: script share plus function-word profiles.

Enough to route a document to the right rules and to refuse, with a clear note,
a language we have no rules for. The declared language wins when given.

The supported languages are the language packs (``claimgraph/lang/<code>/``); each pack says how
its documents are recognised (``detect.toml``: a script, or function words), and
``lang/detect.toml`` does the same for languages that have no pack, so that they are refused
rather than read with another language's cues.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from claimgraph.lang import PACKS_DIR, PackError, packs

SCRIPT_SHARE = 0.4  # a text more than this share of whose letters are of one script is in its language
SAMPLE = 5000  # characters of the text read

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SECTIONS = {
    "scripts": {"doc", "letters", "examples"},
    "marks": {"doc", "script", "letters", "more_than", "examples"},
    "words": {"doc", "items", "examples"},
}


class _Supported(Sequence[str]):
    """The codes of the built-in language packs, read when first asked (not at import)."""

    def __getitem__(self, index):
        return tuple(packs())[index]

    def __len__(self) -> int:
        return len(packs())

    def __contains__(self, code: object) -> bool:
        return code in packs()

    def __iter__(self) -> Iterator[str]:
        return iter(packs())

    def __repr__(self) -> str:
        return repr(tuple(self))


SUPPORTED: Sequence[str] = _Supported()


@dataclass(frozen=True, slots=True)
class Profiles:
    """What language detection reads: the packs' entries, then ``lang/detect.toml``'s."""

    scripts: tuple[tuple[str, re.Pattern], ...]  # (language, one letter of its script), tried in order
    marks: dict[str, tuple[str, frozenset[str], int]]  # script language -> (language, letters, more than)
    words: dict[str, frozenset[str]]  # language -> function words; ties go to the first
    fallback: str  # a Latin-script text with too few function words of any language
    min_words: int


@cache
def profiles() -> Profiles:
    """The detection profiles of the built-in packs and of the languages without one."""
    loaded = packs()
    path = PACKS_DIR / "detect.toml"
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise PackError(f"lang/{path.name}: not valid TOML: {e}") from None
    unknown = sorted(set(data) - {"fallback", "min_words", *_SECTIONS})
    if unknown or "fallback" not in data:
        raise PackError(f"lang/{path.name}: unknown key(s) {', '.join(unknown) or '-'}, or no fallback")
    others: dict[str, dict[str, dict[str, Any]]] = {}
    for section, allowed in _SECTIONS.items():
        for code, spec in data.get(section, {}).items():
            bad = sorted(set(spec) - allowed)
            if bad or not spec.get("examples"):
                raise PackError(f"lang/{path.name} [{section}.{code}]: unknown key(s) {bad}, or no examples")
            if code not in loaded:  # a language with a pack is detected by the pack's entries
                others.setdefault(section, {})[code] = spec
    scripts = [
        (code, rules.cue("detect_script")) for code, rules in loaded.items() if rules.has("cue", "detect_script")
    ]
    scripts += [(code, re.compile(spec["letters"])) for code, spec in others.get("scripts", {}).items()]
    words = {
        code: frozenset(rules.items("detect_words"))
        for code, rules in loaded.items()
        if rules.has("list", "detect_words")
    }
    words |= {code: frozenset(spec["items"]) for code, spec in others.get("words", {}).items()}
    marks = {
        spec["script"]: (code, frozenset(spec["letters"]), int(spec["more_than"]))
        for code, spec in others.get("marks", {}).items()
    }
    return Profiles(tuple(scripts), marks, words, data["fallback"], int(data.get("min_words", 1)))


def detect_language(text: str, declared: str | None = None) -> str | None:
    """Return an ISO 639-1 code, or None when the text has no words at all."""
    if declared:
        return declared.lower().split("-")[0]
    sample = text[:SAMPLE]
    tokens = _WORD.findall(sample)
    letters = "".join(tokens)
    if not letters:
        return None
    found = profiles()
    for code, letter in found.scripts:
        if len(letter.findall(letters)) / len(letters) > SCRIPT_SHARE:
            mark = found.marks.get(code)
            if mark is not None and sum(1 for c in letters if c in mark[1]) > mark[2]:
                return mark[0]  # another language of the same script: Persian in Arabic letters
            return code
    words = Counter(map(str.lower, tokens))  # each distinct word is looked up once per language
    scores = {code: sum(n for w, n in words.items() if w in vocabulary) for code, vocabulary in found.words.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= found.min_words else found.fallback
