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
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources

from claimgraph.nlp import literals
from claimgraph.nlp.dates import index_map
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
    # the event told without its name ("the drone strike that killed three U.S. troops in Jordan"), per language
    descriptions: dict[str, tuple[re.Pattern, ...]] = field(default_factory=dict)
    # an undated text that tells of it was written in the days around it (``extract.undated``)
    anchor: bool = False


@cache
def landmarks() -> tuple[Landmark, ...]:
    raw = resources.files("claimgraph.kb").joinpath("data", "landmarks.toml").read_text(encoding="utf-8")
    out = []
    for d in tomllib.loads(raw)["landmarks"]:
        patterns, descriptions = {}, {}
        for key, value in d.items():
            for prefix, table in (("patterns_", patterns), ("descriptions_", descriptions)):
                if key.startswith(prefix):
                    lang = key.removeprefix(prefix)
                    prep = normalize_arabic if lang == "ar" else (lambda s: s)
                    table[lang] = tuple(re.compile(prep(p), re.I) for p in value)
        out.append(
            Landmark(
                d["id"],
                d["name"],
                date.fromisoformat(d["date"]),
                d.get("actor"),
                bool(d.get("reference_only", False)),
                d.get("place"),
                patterns,
                descriptions,
                bool(d.get("anchor", False)),
            )
        )
    return tuple(out)


# a toll told in a relative clause on a landmark ("Hamas's October 7 attack, which killed 1,200", "طوفان الاقصى،
# والتي أسفرت عن مقتل"): the landmark's own toll
_LANDMARK_TOLL = re.compile(
    r"^[^.;:؛]{0,40}?(?:\b(?:which|that|who|in which|qui|dont|lors de laquelle)\b|(?:^|\s)و?(?:التي|الذي|اللذين)\s)",
    re.I,
)


def tells_landmark_toll(text: str, at: int, langs: Iterable[str]) -> bool:
    """Whether the figure at ``at`` in ``text`` is told of a landmark the text names just before it, in a clause of
    its own ("since Hamas's October 7 attack, which killed 1,200 people"): the landmark's toll, not the news's.
    ``text`` is as the patterns of ``langs`` read it (Arabic normalised)."""
    folded = literals.fold(text)
    for lang in langs:
        for i, lm in enumerate(landmarks()):
            pattern = _named_by(i, lang)
            if pattern is None or not literals.may_match_any(lm.patterns[lang], folded):
                continue
            for m in pattern.finditer(text, 0, at):
                if _LANDMARK_TOLL.search(text[m.end() : at]):
                    return True
    return False


@cache
def _named_by(index: int, lang: str) -> re.Pattern | None:
    """Every name pattern of landmark ``index`` in ``lang``, in one alternation (None: it has none)."""
    pats = landmarks()[index].patterns.get(lang, ())
    return re.compile("|".join(f"(?:{p.pattern})" for p in pats), re.I) if pats else None


def landmark_named_at(text: str, lang: str) -> Landmark | None:
    """The landmark whose name ``text`` opens with (as ``lang``'s patterns read it, Arabic normalised), or None:
    "the Israel-Hamas war" after "Day 364 of"."""
    for i, lm in enumerate(landmarks()):
        pattern = _named_by(i, lang)
        if pattern is not None and pattern.match(text):
            return lm
    return None


def named_landmarks(text: str, lang: str, actor_keys: Iterable[str] = ()) -> list[Landmark]:
    """The landmarks a text names, in its language, or through the actors it mentions.

    A landmark is searched for only when the text holds one of the literals its patterns require
    (``nlp.literals``): most texts name none, and the test is a substring search."""
    keys = set(actor_keys)
    named = _named_in(text, lang)
    return [lm for i, lm in enumerate(landmarks()) if (lm.actor and lm.actor in keys) or i in named]


@lru_cache(maxsize=8)
def _named_in(text: str, lang: str) -> frozenset[int]:
    """The landmarks ``text`` names in ``lang`` (their indices), kept for the texts last asked: the stages ask
    of the same document several times, and each search of its whole text is long."""
    subject = normalize_arabic(text) if lang == "ar" else text
    folded = literals.fold(subject)
    out = set()
    for i, lm in enumerate(landmarks()):
        pattern = _named_by(i, lang)
        if pattern is not None and literals.may_match_any(lm.patterns[lang], folded) and pattern.search(subject):
            out.add(i)
    return frozenset(out)


# a landmark named as the time of the news, not told: "two weeks after the", "since the", "after the drone strike
# on", "بعد الهجوم على"
_TIME_REFERENCE = re.compile(
    r"\b(?:after|since|before|following|ahead of|until|prior to)\s+(?:the\s+)?(?:deadly\s+)?"
    r"(?:(?:drone|rocket|missile)\s+)?(?:(?:attack|strike|assault)\s+(?:on|at|against)\s+(?:the\s+)?)?$"
    r"|(?:بعد|منذ|قبل)\s+(?:(?:الهجوم|الضربة|استهداف)\s+(?:ب\S+\s+)?(?:على|في)\s+)?$",
    re.I,
)


def described_landmarks(
    text: str, start: int, lang: str, document: str | None = None
) -> list[tuple[Landmark, int, int]]:
    """The landmark events with a place that ``text`` (a unit starting at ``start``) tells of by description
    or by name: (landmark, start, end) of each match, in document offsets. "The January 28 drone strike that
    killed three U.S. troops in Jordan" is the Tower 22 attack, whether or not the text names the outpost.
    ``document`` (the whole text the unit is from) lets every unit skip the landmarks the document cannot
    tell of at all, tested once per document."""
    return [(lm, a, b) for lm, a, b, reference in _landmark_matches(text, start, lang, document) if not reference]


def reference_spans(text: str, start: int, lang: str, document: str | None = None) -> list[tuple[int, int]]:
    """Where ``text`` (a unit starting at ``start``) names a landmark that is only ever a reference ("الهجوم
    الإسرائيلي على قطاع غزة", "the war in Gaza"), in document offsets: a place inside those words is part of the
    reference's name, the site of no event. ``document`` lets each unit skip what the whole text never names."""
    named = [i for i in _named_in(document if document is not None else text, lang) if landmarks()[i].reference_only]
    if not named:
        return []
    subject, imap = index_map(text, normalize_arabic) if lang == "ar" else (text, None)
    out = []
    for i in named:
        pattern = _named_by(i, lang)
        for m in pattern.finditer(subject) if pattern is not None else ():
            a, b = (imap[m.start()], imap[m.end()] if m.end() < len(imap) else len(text)) if imap else m.span()
            out.append((start + a, start + b))
    return out


def referenced_landmarks(
    text: str, start: int, lang: str, document: str | None = None
) -> list[tuple[Landmark, int, int]]:
    """The landmark events with a place that ``text`` names only to date the news ("days after the killing of
    Ismail Haniyeh in Tehran", "weeks after the Tower 22 attack"): (landmark, start, end) of each name."""
    return [(lm, a, b) for lm, a, b, reference in _landmark_matches(text, start, lang, document) if reference]


def _landmark_matches(text: str, start: int, lang: str, document: str | None) -> list[tuple[Landmark, int, int, bool]]:
    """Each landmark with a place that ``text`` tells of, (landmark, start, end, named only to date the news)."""
    candidates = _told_in(document if document is not None else text, lang)
    if not candidates:
        return []
    if lang == "ar":
        subject, imap = index_map(text, normalize_arabic)
    else:
        subject, imap = text, None
    folded = literals.fold(subject)
    out = []
    for i in candidates:
        lm = landmarks()[i]
        named = _told_by(i, lang)
        if not literals.may_match_any(tuple(p for p, _ in named), folded):
            continue
        referenced = None
        for p, by_name in named:
            m = literals.search(p, subject, folded)
            if not m:
                continue
            a, b = (imap[m.start()], imap[m.end()]) if imap else (m.start(), m.end())
            if by_name and _TIME_REFERENCE.search(subject[max(0, m.start() - 40) : m.start()]):
                referenced = referenced or (lm, start + a, start + b, True)
                continue  # "weeks after the Tower 22 attack": the landmark dates the news, it is not told
            out.append((lm, start + a, start + b, False))
            break
        else:
            if referenced:
                out.append(referenced)
    return out


@lru_cache(maxsize=8)
def _told_in(document: str, lang: str) -> tuple[int, ...]:
    """The landmarks with a place that ``document`` may tell of: those whose required literals it holds."""
    folded = literals.fold(normalize_arabic(document) if lang == "ar" else document)
    return tuple(
        i
        for i, lm in enumerate(landmarks())
        if lm.place
        and not lm.reference_only
        and _told_by(i, lang)
        and literals.may_match_any(tuple(p for p, _ in _told_by(i, lang)), folded)
    )


@cache
def _told_by(index: int, lang: str) -> tuple[tuple[re.Pattern, bool], ...]:
    """The patterns that tell of landmark ``index`` in ``lang``: its descriptions, then its names (True)."""
    lm = landmarks()[index]
    return tuple((p, False) for p in lm.descriptions.get(lang, ())) + tuple(
        (p, True) for p in lm.patterns.get(lang, ())
    )


def document_floor(text: str, lang: str, actor_keys: Iterable[str] = ()) -> date | None:
    """The date of the latest landmark the text names, or None."""
    named = named_landmarks(text, lang, actor_keys)
    return max((lm.date for lm in named), default=None)
