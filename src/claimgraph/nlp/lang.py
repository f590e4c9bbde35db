"""Language identification: script share plus function-word profiles.

Enough to route a document to the right rules and to refuse, with a clear note,
a language we have no rules for. The declared language wins when given.
"""

from __future__ import annotations

import re

SUPPORTED = ("en", "ar", "fr")

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Frequent function words; a language needs several hits to be recognised.
_PROFILES: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "a",
            "is",
            "that",
            "on",
            "for",
            "with",
            "was",
            "by",
            "from",
            "at",
            "said",
            "were",
            "has",
            "have",
            "which",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "des",
            "du",
            "de",
            "et",
            "en",
            "un",
            "une",
            "est",
            "dans",
            "pour",
            "sur",
            "par",
            "qui",
            "au",
            "aux",
            "été",
            "ont",
            "selon",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "del",
            "de",
            "y",
            "en",
            "un",
            "una",
            "es",
            "que",
            "por",
            "para",
            "con",
            "se",
            "su",
            "fue",
            "según",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "den",
            "dem",
            "des",
            "ein",
            "eine",
            "ist",
            "nicht",
            "mit",
            "von",
            "auf",
            "für",
            "sich",
            "wurde",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "gli",
            "le",
            "dei",
            "delle",
            "di",
            "e",
            "in",
            "un",
            "una",
            "che",
            "per",
            "con",
            "è",
            "sono",
            "stato",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "do",
            "da",
            "dos",
            "das",
            "de",
            "e",
            "em",
            "um",
            "uma",
            "que",
            "para",
            "com",
            "foi",
            "não",
            "pelo",
        ]
    ),
    "tr": frozenset(["ve", "bir", "bu", "da", "de", "ile", "için", "olarak", "olan", "göre", "ise"]),
}


def detect_language(text: str, declared: str | None = None) -> str | None:
    """Return an ISO 639-1 code, or None when the text has no words at all."""
    if declared:
        return declared.lower().split("-")[0]
    sample = text[:5000]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return None
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    if arabic / len(letters) > 0.4:
        # Persian shares the script; its letters pe, che, zhe, gaf are absent from Arabic.
        persian = sum(1 for c in letters if c in "پچژگ")
        return "fa" if persian > 3 else "ar"
    if sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters) > 0.4:
        return "ru"
    if sum(1 for c in letters if "\u0590" <= c <= "\u05ff") / len(letters) > 0.4:
        return "he"
    words = [w.lower() for w in _WORD.findall(sample)]
    scores = {lang: sum(1 for w in words if w in prof) for lang, prof in _PROFILES.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= 2 else "en"
