"""Name normalisation used by the dev-set scoring rules.

Scoring compares actor and place names after folding transliteration variants,
so that "Kata'ib Hizballah", "Kataeb Hezbollah" and "KH" are one name. This is
the scorer's own definition of "the same name" (devset README, "Scoring
rules"); it is deliberately independent of the resolver in
``claimgraph.resolve``, so that improving the extractor's matching can never
change how it is scored.

The steps, in order:

1. Unicode NFKD, drop combining marks (Aïn -> Ain), lowercase.
2. Fold apostrophe look-alikes to ``'``.
3. Rewrite spelling families (hizballah -> hezbollah, kata'ib -> kataib, ...).
4. Replace anything but ASCII letters, digits, Arabic letters and spaces by a
   space; drop stop words ("al", "the", "movement", ...).
5. Map known abbreviations and alternative names to one key (kh -> kataib
   hezbollah, pmu -> popular mobilization forces, ...).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'"})

#: Spelling families that transliteration produces; applied after lowercasing.
_SPELLING_FAMILIES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bhizballah\b|\bhizbullah\b|\bhizbollah\b|\bhezbolla\b", "hezbollah"),
        (r"\bkata'?ib\b|\bkataeb\b|\bkataib\b|\bkatayib\b", "kataib"),
        (r"\bsayy?id\b", "sayyid"),
        (r"\bshuhada'?\b|\bshohada\b", "shuhada"),
        (r"\bnujab[a']+\b", "nujaba"),
        (r"\b(ain|ayn|ein)\b", "ain"),
        (r"\bas+ad\b|\basad\b", "asad"),
        (r"\bair ?base\b|\bairbase\b|\bair base\b", "airbase"),
        (r"\bu\.?s\.?\b|\bunited states\b|\bamerican\b|\bus-led\b", "us"),
    )
)
_NOT_NAME_CHAR = re.compile(r"[^a-z0-9\u0600-\u06ff ]+")
_STOP_WORDS = frozenset({"al", "el", "the", "of", "in", "movement", "harakat", "group", "militia"})

#: Normalised alternative name -> normalised canonical name.
NAME_EQUIVALENTS: dict[str, str] = {
    "kh": "kataib hezbollah",
    "iraqi hezbollah brigades": "kataib hezbollah",
    "hezbollah brigades": "kataib hezbollah",
    "hhn": "hezbollah nujaba",
    "nujaba": "hezbollah nujaba",
    "nujaba hezbollah": "hezbollah nujaba",
    "kss": "kataib sayyid shuhada",
    "sayyid shuhada brigades": "kataib sayyid shuhada",
    "said shuhada brigades": "kataib sayyid shuhada",
    "aah": "asaib ahl haq",
    "asaib ahl haq": "asaib ahl haq",
    "iri": "islamic resistance iraq",
    "islamic resistance iraq": "islamic resistance iraq",
    "muqawama islamiyah fi iraq": "islamic resistance iraq",
    "pmf": "popular mobilization forces",
    "hashd shaabi": "popular mobilization forces",
    "hashed shaabi": "popular mobilization forces",
    "popular mobilisation forces": "popular mobilization forces",
    "pmu": "popular mobilization forces",
    "popular mobilization units": "popular mobilization forces",
    "quds force": "irgc quds force",
    "irgc qf": "irgc quds force",
    "islamic revolutionary guard corps quds force": "irgc quds force",
    "pasdaran": "irgc",
    "islamic revolutionary guard corps": "irgc",
    "revolutionary guards": "irgc",
    "lebanese hezbollah": "hezbollah lebanon",
    "hezbollah": "hezbollah lebanon",
    "ansar allah": "houthis",
    "houthi": "houthis",
    "us forces": "us forces",
    "us military": "us forces",
    "us troops": "us forces",
    "us": "us forces",
    "us army": "us forces",
    "us central command": "us forces",
    "centcom": "us forces",
    "coalition": "coalition forces",
    "us coalition forces": "coalition forces",
    "international coalition": "coalition forces",
}

#: States (normalised). Their acknowledgement of their own strike is annotated
#: as a claim in gold, but ``claimed_by`` is scored on non-state claimants only.
STATE_ACTORS = frozenset(
    {"us forces", "coalition forces", "israel", "iraqi government", "iraqi security forces", "irgc"}
)


def normalize_name(name: str | None) -> str:
    """The scoring key of an actor or place name; ``""`` for no name."""
    if not name:
        return ""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = folded.translate(_APOSTROPHES)
    for pattern, replacement in _SPELLING_FAMILIES:
        folded = pattern.sub(replacement, folded)
    folded = _NOT_NAME_CHAR.sub(" ", folded)
    key = " ".join(t for t in folded.split() if t not in _STOP_WORDS)
    return NAME_EQUIVALENTS.get(key, key)


def normalize_names(names: Iterable[str | None] | None) -> frozenset[str]:
    """The set of non-empty scoring keys of ``names``."""
    keys = (normalize_name(n) for n in names or ())
    return frozenset(k for k in keys if k)
