"""Landmark events (``kb/data/landmarks.toml``): dated anchors for texts that carry no date.

``document_floor`` answers: of the landmarks a text names (by pattern, or by naming the KB actor
whose first act a landmark is), which is the latest? A report cannot tell of events before the
landmarks it names as already past, so a yearless date in a document with no publication date
takes the first year that puts it on or after that floor (see ``nlp.dates``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from claimgraph.nlp.normalize import normalize_arabic


@dataclass(frozen=True)
class Landmark:
    id: str
    name: str
    date: date
    actor: str | None
    reference_only: bool
    place: str | None
    patterns: dict[str, tuple[re.Pattern, ...]]


@cache
def landmarks() -> tuple[Landmark, ...]:
    raw = resources.files("claimgraph.kb").joinpath("data", "landmarks.toml").read_text(encoding="utf-8")
    out = []
    for d in tomllib.loads(raw)["landmarks"]:
        patterns = {}
        for key, value in d.items():
            if key.startswith("patterns_"):
                lang = key.removeprefix("patterns_")
                prep = normalize_arabic if lang == "ar" else (lambda s: s)
                patterns[lang] = tuple(re.compile(prep(p), re.I) for p in value)
        out.append(
            Landmark(
                d["id"],
                d["name"],
                date.fromisoformat(d["date"]),
                d.get("actor"),
                bool(d.get("reference_only", False)),
                d.get("place"),
                patterns,
            )
        )
    return tuple(out)


@cache
def _scanner(lang: str) -> re.Pattern | None:
    """Every landmark pattern of a language in one alternation, one named group per landmark: one pass."""
    parts = [
        f"(?P<lm{i}>{'|'.join(f'(?:{p.pattern})' for p in lm.patterns[lang])})"
        for i, lm in enumerate(landmarks())
        if lm.patterns.get(lang)
    ]
    return re.compile("|".join(parts), re.I) if parts else None


def named_landmarks(text: str, lang: str, actor_keys: Iterable[str] = ()) -> list[Landmark]:
    """The landmarks a text names, in its language, or through the actors it mentions."""
    keys = set(actor_keys)
    scanner = _scanner(lang)
    found: set[int] = set()
    if scanner is not None:
        subject = normalize_arabic(text) if lang == "ar" else text
        found = {int(m.lastgroup[2:]) for m in scanner.finditer(subject) if m.lastgroup}
    return [lm for i, lm in enumerate(landmarks()) if (lm.actor and lm.actor in keys) or i in found]


def document_floor(text: str, lang: str, actor_keys: Iterable[str] = ()) -> date | None:
    """The date of the latest landmark the text names, or None."""
    named = named_landmarks(text, lang, actor_keys)
    return max((lm.date for lm in named), default=None)
