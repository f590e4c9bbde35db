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


def named_landmarks(text: str, lang: str, actor_keys: Iterable[str] = ()) -> list[Landmark]:
    """The landmarks a text names, in its language, or through the actors it mentions."""
    keys = set(actor_keys)
    subject = normalize_arabic(text) if lang == "ar" else text
    return [
        lm
        for lm in landmarks()
        if (lm.actor and lm.actor in keys) or any(p.search(subject) for p in lm.patterns.get(lang, ()))
    ]


def document_floor(text: str, lang: str, actor_keys: Iterable[str] = ()) -> date | None:
    """The date of the latest landmark the text names, or None."""
    named = named_landmarks(text, lang, actor_keys)
    return max((lm.date for lm in named), default=None)
