"""The cues the extractor reads, by name: every word and pattern lives in the language packs.

``cue(lang, name)`` is a pack's own cue for documents of that language (``attack``, ``claim``,
``aggregate``, ...); ``shared(name)`` a cue that reads documents of every language, the union of
every pack's entry (``retaliation``, ``locator_before``, ...). The packs are in
``claimgraph/lang/<code>/`` (see ``claimgraph.lang`` and docs/languages.md); a cue a pack lacks is
an error when the packs load, never a silent fallback to English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from claimgraph.lang import PackError, Packs, packs, rules
from claimgraph.models import DEVELOPMENT_KINDS
from claimgraph.nlp import literals

# Cues every pack must answer (its own, a shared one, or one borrowed with ``same_as``).
PER_LANGUAGE = (
    "attack",
    "aggregate",
    "non_event",
    "claim",
    "claim_negated",
    "attribution",
    "membership",
    "locative_before",
    "event_taken_up",
)
SHARED = (
    "defensive",
    "aggregate_except",
    "future_attack",
    "generic_plural",
    "claim_first",
    "claim_revised",
    "launch_zone",
    "impact_after_launch",
    "context_after",
    "metonymy_after",
    "hospital_before",
    "membership_negated",
    "launch_before",
    "locator_before",
    "sponsor_place_before",
    "retaliation",
    "prior_attack",
    "retaliation_before",
    "context_before",
    "disaster_before",
    "period_before",
    "corrected_place",
    "found_verb",
    "correction",
    "took_place",
    "reference_before",
    "reference_after",
    "umbrella_anaphor",
    "umbrella_first",
    "furniture_line",
    "caption_line",
    "actor_anaphor",
    "operation_continues",
)
# The channel a claim came through, and the hedge of a blame: tried in this order.
CHANNELS = ("telegram", "video", "statement", "spokesman")
HEDGES = ("confirmed", "likely", "alleged")


@cache
def cue(lang: str, name: str) -> re.Pattern:
    """The cue ``name`` of the pack of ``lang``."""
    return rules(lang).cue(name)


@cache
def shared(name: str) -> re.Pattern:
    """The cue ``name`` that reads documents of every language."""
    return packs().shared(name)


@cache
def per_language(stem: str) -> tuple[re.Pattern, ...]:
    """The shared cues ``stem``, ``stem_fr`` and ``stem_ar`` the packs define: one reading whose words each
    language writes in an entry of its own (the fronts' cues: "a day after", ship names, list items)."""
    found = []
    for suffix in ("", "_fr", "_ar"):
        try:
            found.append(shared(f"{stem}{suffix}"))
        except PackError:
            continue
    return tuple(found)


def within(text: str) -> Callable[[str], re.Pattern]:
    """``shared`` for reading stretches of ``text`` (``text[a:b]``, the words around each mention of a
    sentence): a cue whose required literals the whole text lacks comes back as ``literals.NEVER``, which
    matches nothing, so that it is not run on every stretch only to fail (``literals.Scope``). Only for
    stretches of ``text`` itself: not for its normalised or lower-cased forms."""
    scope = literals.scope(text)
    return lambda name: scope(shared(name))


def find(name: str, text: str) -> re.Match | None:
    """``shared(name).search(text)``, skipped when the cue's required literals are not in ``text``: the
    stages ask the same few cues of each unit's text, whose literal test is kept (``within``)."""
    return within(text)(name).search(text)


class Mapped:
    """A cue found on the text in a pack's normal form, at its offsets in the text as written (the match's
    ``start``, ``end`` and ``group(0)``)."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, start: int, end: int, text: str):
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _: int = 0) -> str:
        return self._text


def finditer_normal(pattern: re.Pattern, text: str, norm: Callable[[str], str]):
    """``pattern``'s matches on ``text`` in the normal form ``norm`` ("حمّلت" read as "حملت"): for each, the match on
    the normal form (its ``string`` is that form) and a ``Mapped`` match at its offsets in ``text``."""
    from claimgraph.nlp.dates import index_map

    subject, where = index_map(text, norm)
    for c in pattern.finditer(subject):
        a, b = where[c.start()], where[c.end()] if c.end() < len(where) else len(text)
        yield c, Mapped(a, b, text[a:b])


def search_normal(
    pattern: re.Pattern, text: str, norm: Callable[[str], str], normalised: str | None = None
) -> Mapped | None:
    """``pattern``'s first match on ``text`` in the normal form ``norm``, as a ``Mapped`` match at its offsets in
    ``text``. ``normalised``, the whole text in that form when the caller has it, spares the character map of a
    text the pattern does not match."""
    if normalised is not None and not pattern.search(normalised):
        return None
    return next((mapped for _, mapped in finditer_normal(pattern, text, norm)), None)


def channel_of(text: str) -> str | None:
    """The channel a claim sentence names ("in a statement on Telegram" -> telegram), if any."""
    for name in CHANNELS:
        if shared(f"channel_{name}").search(text):
            return name
    return None


def hedge_of(text: str) -> str | None:
    for name in HEDGES:
        if shared(f"hedge_{name}").search(text):
            return name
    return None


# The cues of strategic developments (extract/developments.py, lang/<code>/developments.toml): one per
# kind and the negation before a cue; the condition of a threat (shared); ``development_speaker`` (a named
# speaker). All optional: a pack without a kind's cue reads no development of that kind (a user's pack
# written before developments still loads). Listed here so that whatever scans for cues sees them.
DEVELOPMENTS = (
    *(f"development_{k}" for k in DEVELOPMENT_KINDS),
    "development_negated_before",
    # a truce's parties: "between" them, "with" the other; a broker is no party
    "development_truce_between",
    "development_truce_with",
    "development_broker_after",
    "development_broker_before",
    # a group's leader or spokesman named beside it: later, the name alone speaks for the group
    "development_spokesman",
    # verb first (Arabic): what may stand between a cue and its subject
    "development_subject_after",
)
DEVELOPMENTS_SHARED = ("development_condition",)

# Every cue name the extractor reads.
REQUIRED = (
    *PER_LANGUAGE,
    *SHARED,
    *(f"channel_{c}" for c in CHANNELS),
    *(f"hedge_{h}" for h in HEDGES),
)
# Every cue name the extractor may read: the required ones and the optional ones of developments.
READ = (*REQUIRED, *DEVELOPMENTS, *DEVELOPMENTS_SHARED, "development_speaker")


_BULLETS = "-•*–—·"
_LINK_TITLE = re.compile(r"[^.!?؟:\n]{3,90}")  # a link's title: short, no sentence's end
# a citation of a references list: "3. ^ ...", "[4] ...", "^ ...", "- ...", "• ..."
_REFERENCE_ITEM = re.compile(r"(?:\d{1,3}[.)]\s|\[\d{1,3}\]|\^|[-•*–·]\s)")


@lru_cache(maxsize=4)
def furniture_lines(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, kind) of the lines of page furniture: related links (a heading and the bulleted headlines
    under it) and share bars ("furniture"),
    photo captions ("caption"), and lines repeated word for word ("repeat": a caption shown twice)."""
    out = []
    seen: set[str] = set()
    pos = 0
    links = False  # under a related-links heading ("أخبار ذات صلة:", "READ MORE"): its bulleted headlines
    refs = False  # under a references heading ("References", "المراجع"): its numbered citations, blank lines or not
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if not body:
            links = False
        if body and refs and not _REFERENCE_ITEM.match(body):
            refs = False
        if body:
            folded = literals.fold(body)  # most lines are neither: their literals say so
            if refs:
                out.append((pos, pos + len(line), "furniture"))
            elif len(body) < 30 and shared("references_heading").match(body):
                out.append((pos, pos + len(line), "furniture"))
                refs = True
            elif links and (body[:1] in _BULLETS or _LINK_TITLE.fullmatch(body)):
                # a bulleted headline under the heading, or a bare title ("See also" / "Assassination attempt on
                # Mustafa al-Kadhimi")
                out.append((pos, pos + len(line), "furniture"))
            elif literals.search(shared("furniture_line"), body, folded):
                out.append((pos, pos + len(line), "furniture"))
                links = True
            elif body in seen and len(body) > 30 and not body.endswith(":"):  # (a heading, "X:", opens each post)
                out.append((pos, pos + len(line), "repeat"))
            elif literals.search(shared("caption_line"), body, folded):
                out.append((pos, pos + len(line), "caption"))
            seen.add(body)
        pos += len(line)
    return tuple(out)


def blank_furniture(text: str) -> str:
    """``text`` with its furniture lines blanked (same length, so offsets hold)."""
    for start, end, _kind in furniture_lines(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def blank_caption_years(text: str) -> str:
    """``text`` with the years of its photo captions blanked: a caption's "March 25, 2022" may date the
    photo, never the story, and must not lend its year to the story's yearless dates."""
    for start, end, kind in furniture_lines(text):
        if kind == "caption" or (kind == "repeat" and shared("caption_line").search(text[start:end])):
            text = text[:start] + _YEAR.sub(lambda m: " " * len(m.group(0)), text[start:end]) + text[end:]
    return text


def check_packs(loaded: Packs | None = None) -> None:
    """Every pack (the built-in ones, or ``loaded``) answers every cue the extractor reads."""
    (packs() if loaded is None else loaded).check_required(REQUIRED)
