"""Text folding for matching: transliteration families, diacritics, Arabic forms.

``fold`` maps one token to the key used by every matcher, so that the many
spellings users meet collapse to one form: Kata'ib / Kataib / Kataeb -> kataib,
Hizballah / Hezbollah -> hezbollah, Ayn / Ain, Assad / Asad, Aïn -> ain, and in
Arabic: alef forms, ta marbuta, alef maqsura, diacritics and tatweel.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    """Latin transliteration families (``nlp/data/transliteration.toml``): variant -> folded key."""
    data = tomllib.loads(resources.files("claimgraph.nlp").joinpath("data/transliteration.toml").read_text("utf-8"))
    return {v: canon for canon, variants in data["families"].items() for v in variants}


_APOSTROPHES = "'’ʼ`ʻʿʾ‘"
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_ARABIC = re.compile("[\u0600-\u06ff]")


def plain_apostrophes(text: str) -> str:
    """Typographic apostrophes as ASCII ("l’attaque" -> "l'attaque", "Iraq’s" -> "Iraq's"), one character for
    one so that offsets are unchanged: the cue patterns are written with the ASCII apostrophe."""
    if "’" in text or "‘" in text or "ʼ" in text:  # translate reads every character: only when there is work
        return text.translate(_TYPOGRAPHIC)
    return text


# Cyrillic and Greek letters drawn like Latin ones, which some sites slip into English words ("tо", "іn"
# with a Cyrillic о and і) so that copies can be traced: read as the Latin letter they look like
_HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁӏАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧοι",
    "aeopcyxijsdlABEKMHOPCTXIJSABEZHIKMNOPTYXoi",
)
_MIXED_WORD = re.compile(r"\w*(?:[a-zA-Z][\u0370-\u03ff\u0400-\u04ff]|[\u0370-\u03ff\u0400-\u04ff][a-zA-Z])\w*")
_NON_LATIN_LETTER = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")


def latin_homoglyphs(text: str) -> str:
    """Words that mix Latin letters with Cyrillic or Greek look-alikes ("tо", "іn", "Kataіb") written in Latin
    letters only, one character for one (offsets unchanged). Words written wholly in Cyrillic or Greek stay."""
    if not _NON_LATIN_LETTER.search(text):
        return text
    return _MIXED_WORD.sub(lambda m: m.group(0).translate(_HOMOGLYPHS), text)


# reference markers that encyclopaedias attach to a word or a full stop ("in Iraq.[2][3]", "attack[a]")
_FOOTNOTES = re.compile(r"(?<=[^\s\[])(?:\[(?:\d{1,3}|[a-z]|citation needed)\])+")


def blank_footnotes(text: str) -> str:
    """Reference markers attached to a word ("Iraq.[2][3]", "the strike[a]") blanked, one space for one
    character (offsets unchanged): the tokenizer would otherwise keep "Iraq.[2" as one token, which no name
    matches."""
    if "[" not in text:
        return text
    return _FOOTNOTES.sub(lambda m: " " * len(m.group(0)), text)


_AR_FI_AS_MAQSURA = re.compile("(?<![\u0600-\u06ff])([وف]?)فى(?![\u0600-\u06ff])")


def plain_arabic_fi(text: str) -> str:
    """The preposition في written with a final alef maqsura, as Egyptian outlets write it ("فى سوريا"), in its
    usual spelling, one character for one so that offsets are unchanged: the cues read "في" as written."""
    if "فى" in text:
        return _AR_FI_AS_MAQSURA.sub(lambda m: m.group(1) + "في", text)
    return text


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def normalize_arabic(text: str) -> str:
    """Remove diacritics and tatweel; unify alef, ta marbuta, alef maqsura, hamza seats."""
    return _AR_DIACRITICS.sub("", text).translate(_AR_MAP)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def fold(token: str) -> str:
    """The matching key of one token."""
    if is_arabic(token):
        return normalize_arabic(token)
    s = strip_accents(token).lower()
    for a in _APOSTROPHES:
        s = s.replace(a, "")
    return _families().get(s, s)


# Arabic proclitics: wa- (and), fa-, bi- (with), li- (to), ka- (like), and the article.
_AR_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")


def arabic_stems(token: str) -> list[str]:
    """Candidate forms of an Arabic token with proclitics removed (longest first)."""
    t = normalize_arabic(token)
    out = []
    for p in _AR_PREFIXES:
        if t.startswith(p) and len(t) - len(p) >= 2:
            rest = t[len(p) :]
            # keep the article when only a conjunction/preposition was removed
            if p in ("وال", "بال", "فال", "كال") or p == "لل":
                out.append("ال" + rest)
            if (p.endswith("ال") or p == "لل") and len(rest) < 4:
                continue  # the article before a short word makes a common noun: البلد (the country) is not بلد (Balad)
            out.append(rest)
    return out
