"""The pre-scan: can a document hold anything the extractor reads? One pass over the raw text, before tokenizing.

Most of a news stream tells of no attack. Tokenizing and matching such a document costs as much as
reading a report; this scan says "nothing here" for a fraction of that. It reads the text once with
an Aho-Corasick automaton (``pyahocorasick``) over literals taken from the data — every phrase the
annotator's matchers look for (each KB alias, in every language, including a user's ``--kb-file``,
and every weapon of the lexicon), and the words every cue of ``GATE`` needs (taken from the packs'
compiled patterns, including a user's packs) — then confirms a cue with its own pattern on the lines
where its words occur. A cue that only counts beside an actor (the membership and development cues, whose
words — "the", "with", "call" — are on most lines of any news) is not looked for at all: it is confirmed
on the lines that name an actor, and only in a document that names one.

A document can hold something only if it meets one clause of ``GATE``: every requirement of the
clause met on one line (a unit, which events and memberships are read from, never spans a line
break), by any of the requirement's sources. A document that meets none is returned at once with a
``no_event_cues`` note and nothing else. The scan is built to never turn away a document the stages
would read something from — each literal is a necessary part of what its matcher or cue matches, in
the folded form the matchers read — so the output is the same with and without it (the tests and
``bench/same_output.py`` compare both on every set); ``CLAIMGRAPH_PRESCAN=off`` turns the gate off
(the scan still runs and notes what it found, so that both outputs can be compared byte for byte).

A stage that reads something new from the text (a new kind of record) must add the clause that
makes it possible to ``GATE``; otherwise documents that only hold that are turned away.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

import ahocorasick
from spacy.attrs import NORM, ORTH

from claimgraph.extract import cues
from claimgraph.extract.abbreviations import _DEFINED
from claimgraph.nlp.normalize import _APOSTROPHES, _ARABIC, _families, fold, normalize_arabic

# the parser behind ``re`` (the standard library's own; stable within a Python version): what a pattern needs
sre_parse = re._parser
sre_constants = re._constants

# What a document must name for the extractor to read anything from it: any one clause; each clause's
# requirements all on one line; each requirement met by any of its sources. A source is a label of the
# annotator's matches (PLACE, ACTOR, WEAPON), ``town`` (a gazetteer town after a locative word), or
# ``cue:NAME`` (the cue as the pack of the document's language reads it; ``cue:PREFIX*`` every cue of the pack
# whose name starts with PREFIX, a pack having none meeting nothing). ``ACTOR*`` is an actor on the line:
# a KB actor's phrase, or — when the document names one somewhere — the text's own abbreviation of it
# ("(KIA)") or a head noun of the pack ("the Resistance") that stands for it on other lines.
GATE: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    # an event is read from a unit that names a site and an attack word or a weapon (not an aircraft)
    ("event", (("PLACE", "town"), ("WEAPON", "cue:attack"))),
    # an advisory's entry, whose attack is told lines below the position it names (events._entry_position)
    ("entry", (("cue:entry_heading",),)),
    # a membership from a sentence with a membership cue and an actor
    (
        "membership",
        (
            ("ACTOR*", "cue:new_actor_calling", "cue:new_actor_shaped"),
            ("cue:membership", "cue:umbrella_under", "cue:membership_brigades", "cue:membership_possessive"),
        ),
    ),
    # a proposed new actor from its own cues
    ("new actor", (("cue:new_actor_calling", "cue:new_actor_shaped"),)),
    # a development from a sentence with a development cue of any kind and an actor (named there, or the
    # last announcer of the paragraph, which is the same line)
    (
        "development",
        (("ACTOR*", "cue:new_actor_calling", "cue:new_actor_shaped"), ("cue:development_*",)),
    ),
)
# Weapons that make no event on their own ("US helicopters flew reinforcements"): see eventful.reports_an_event.
NOT_AN_ATTACK_WEAPONS = frozenset({"aircraft"})
SWITCH = "CLAIMGRAPH_PRESCAN"


def gate_enabled() -> bool:
    """Whether documents with nothing to read are returned at once (``CLAIMGRAPH_PRESCAN=off`` says no)."""
    return os.environ.get(SWITCH, "on").strip().lower() not in ("off", "0", "no", "false")


# -- folding the text the way the matchers fold tokens ---------------------------------------------------------------


# an apostrophe inside a word, but not the "'s" the tokenizer splits off ("Iraq's"): "Kata'ib", "Qa'im" (written
# apostrophe first, the letter before it behind: the search then only stops at apostrophes)
_INNER_APOSTROPHE = re.compile(rf"[{_APOSTROPHES}](?<=[^\W\d_][{_APOSTROPHES}])(?!s(?![^\W\d_]))(?=[^\W\d_])")


def _has_inner_apostrophe(text: str) -> bool:
    """Whether a word of ``text`` has an apostrophe inside (most texts have no apostrophe at all: no search)."""
    return any(c in text for c in _APOSTROPHES) and _INNER_APOSTROPHE.search(text) is not None


@cache
def _combining() -> re.Pattern:
    """Every combining mark (what ``strip_accents`` drops after NFKD), as ranges of code points."""
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]+")


# each non-ASCII character folded on its own (NFKD, then combining marks dropped): the same as folding a run of
# them, since NFKD decomposes character by character and only reorders combining marks, which are dropped
_FOLDED_CHAR: dict[str, str] = {}
_ASCII_BYTES = bytes(range(128))


def _folded_char(c: str) -> str:
    f = _FOLDED_CHAR.get(c)
    if f is None:
        f = _FOLDED_CHAR[c] = _combining().sub("", unicodedata.normalize("NFKD", c))
    return f


def fold_text(text: str, apostrophes: bool = False) -> str:
    """``text`` folded character by character as ``normalize.fold`` folds a token: lower case, accents stripped,
    apostrophes dropped (kept with ``apostrophes=True``), Arabic normalised. A token's folded key is a substring
    of the folded text (a family variant of it, for transliteration families)."""
    return _fold(text, apostrophes)[0]


def _fold(text: str, apostrophes: bool) -> tuple[str, bool]:
    """``fold_text``, and whether each character of the folded text stands where its own was in ``text`` (each
    folded to one character, none dropped: what a text in a Latin script with its dashes and quotes folds to)."""
    s = text.lower()
    if s.isascii():
        return (s, len(s) == len(text)) if apostrophes else (s.replace("'", "").replace("`", ""), False)
    # the non-ASCII characters of the text, in C (the ASCII bytes of UTF-8 are never part of another character):
    # news in a Latin script has few, mostly punctuation that folds to itself (dashes, quotes)
    odd = set(s.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
    arabic = False
    aligned = apostrophes and len(s) == len(text)
    for c in odd:
        f = _folded_char(c)
        if f != c:  # a folded character folds to itself: replacing one never makes another to replace
            s = s.replace(c, f)
            aligned = aligned and len(f) == 1
        arabic = arabic or _ARABIC.search(f) is not None
    if not apostrophes:
        for c in _APOSTROPHES:
            if c in s:
                s = s.replace(c, "")
    return (normalize_arabic(s), False) if arabic else (s, aligned)


# -- the words a pattern cannot match without -----------------------------------------------------------------------
def required_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains (lower-cased), or None when the pattern can
    match without any (then it is confirmed on every line)."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError):
        return None
    found = _sequence(list(parsed))
    if not found or any(len(w) < 2 for w in found):
        return None
    return frozenset(w.lower() for w in found)


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective of several alternative requirements: the one whose shortest string is longest."""
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _sequence(items: list) -> frozenset[str] | None:
    candidates: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is sre_constants.LITERAL:
            run += chr(arg)
            continue
        if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue  # zero-width: the literals on either side are still adjacent in a match
        if run:
            candidates.append(frozenset([run]))
            run = ""
        found: frozenset[str] | None = None
        if op is sre_constants.SUBPATTERN:
            found = _sequence(list(arg[-1]))
        elif op is sre_constants.BRANCH:
            alternatives = [_sequence(list(branch)) for branch in arg[1]]
            if all(alternatives):
                found = frozenset().union(*alternatives)
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
            low, _high, sub = arg
            if low >= 1:
                found = _sequence(list(sub))
        elif op is sre_constants.ATOMIC_GROUP:
            found = _sequence(list(arg))
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset([run]))
    return _best(candidates)


# -- one language's scanner ------------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Literal:
    """What one literal of the automaton stands for."""

    keys: set[str] = field(default_factory=set)  # the phrase tokens it spells (their folded key, or "=" + ORTH)
    bounded: bool = True  # as a token: no letter (or digit) may touch it on either side
    cues: set[str] = field(default_factory=set)  # cue:NAME whose words include it (anywhere, no bounds)


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A matcher phrase: its label, the key of its most telling token (found by the automaton, as a whole
    token) and the spellings of its other telling tokens (each must be on the same line, as a whole token when
    bounded: "led" of "US-led coalition" is not the "led" of "called")."""

    label: str
    key: str
    others: tuple[tuple[tuple[str, ...], bool], ...]  # (spellings, bounded) per other telling token
    exact: bool  # looked for in the text as written (case-sensitive), else in the folded text


def _is_arabic(s: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in s)


class LanguageScan:
    """The automaton and cue patterns for documents of one language."""

    def __init__(self, lang: str, annotator, towns):
        self.lang = lang
        self.towns = towns if lang in ("en", "ar") else None  # the towns stage reads English and Arabic
        nlp, patterns = annotator.patterns(lang)
        self.norm = cues.rules(lang).normaliser
        self.literals: dict[str, _Literal] = {}  # searched in the folded text
        self.exact: dict[str, _Literal] = {}  # searched in the text as written (case-sensitive phrases)
        split_inside = _split_inside_tokens(nlp)
        variants = _variants_of_norms(nlp)
        phrases: set[_Phrase] = set()
        function_words = _function_words()
        self.everywhere: set[str] = set()  # labels of phrases with no word token: possible on every line
        for p in patterns:
            label, key = p.key.split("|", 1)
            if label == "WEAPON" and key in NOT_AN_ATTACK_WEAPONS:
                continue
            tokens: list[tuple[str, tuple[str, ...]]] = []  # (key, every spelling of it) per telling token
            for t in _telling_tokens(p.doc, p.case_sensitive, function_words):
                if p.case_sensitive:
                    tokens.append(("=" + t.orth_, (t.orth_,)))
                    continue
                # every spelling that folds to the token's key (transliteration families, tokenizer exceptions)
                forms = {fold_text(f) for f in variants.get(t.norm_, set()) | {t.norm_}}
                if all(any(c.isalnum() for c in f) for f in forms):  # not "&" for "and": then not required
                    tokens.append((t.norm_, tuple(sorted(forms))))
            if not tokens:
                self.everywhere.add(label)
                continue
            # the most telling token: the one whose shortest spelling is longest
            tokens.sort(key=lambda tok: (-min(map(len, tok[1])), tok[0]))
            first, spellings = tokens[0]
            others = tuple(
                (forms, not any(_is_arabic(f) or f in split_inside for f in forms)) for _, forms in tokens[1:]
            )
            phrases.add(_Phrase(label, first, others, p.case_sensitive))
            for form in spellings:
                entry = (self.exact if p.case_sensitive else self.literals).setdefault(form, _Literal())
                entry.keys.add(first)
                # Arabic keys may be stems (proclitics removed); some tokens are split off inside a word
                entry.bounded = entry.bounded and not _is_arabic(form) and form not in split_inside
        # the phrases by the key of their most telling token, then by label
        self.phrases: dict[str, dict[str, list[_Phrase]]] = {}
        for ph in sorted(phrases, key=lambda ph: (ph.key, ph.label, ph.others, ph.exact)):
            self.phrases.setdefault(ph.key, {}).setdefault(ph.label, []).append(ph)
        self.gate = _expand(GATE, cues.rules(lang))
        pack = cues.rules(lang)
        # head nouns standing for an actor named before ("وقالت المقاومة"), in the pack's normal form
        self.head_nouns = pack.items("actor_head_nouns") if pack.has("list", "actor_head_nouns") else []
        self.cue_names = sorted(
            {s[4:] for _, clause in self.gate for req in clause for s in req if s.startswith("cue:")}
        )
        self.cues: dict[str, re.Pattern] = {}
        self.always: list[str] = []  # cues with no word they need, or only common ones: confirmed where needed
        lazy = _lazy_cues(self.gate)
        for name in self.cue_names:
            pattern = cues.rules(lang).cue(name)
            self.cues[name] = pattern
            words = required_literals(pattern)
            # a cue whose clauses each have a selective other requirement (an actor) is confirmed on the lines
            # that requirement allows, not looked for everywhere (the development cues' words, "the", "with",
            # "call", are on most lines of any news)
            if words is None or name in lazy:
                self.always.append(name)
                continue
            for word in {fold_text(w, apostrophes=True) for w in words} - {""}:
                self.literals.setdefault(word, _Literal(bounded=False)).cues.add(f"cue:{name}")
        for entry in self.literals.values():
            if not entry.keys:
                entry.bounded = False
        _drop_covered_cue_words(self.literals)
        self.folded_automaton = _automaton(self.literals)
        self.exact_automaton = _automaton(self.exact)
        # for a text whose folded form has its characters at the same places (news in a Latin script): one pass
        # finds both, the case-sensitive phrases by their lower case, then compared as written
        self.aligned_automaton = _automaton(self.literals, self.exact)
        # the sources possible on every line: phrases with no word token, cues not looked for
        self.on_every_line = frozenset(self.everywhere) | {f"cue:{name}" for name in self.always}
        # each clause of the gate, and its requirements in the order they are met: a town first
        self.clauses = tuple(
            (clause, tuple(sorted(clause, key=lambda req: "town" not in req))) for _kind, clause in self.gate
        )

    # -- scanning ---------------------------------------------------------------------------------------------------
    def may_hold(self, text: str) -> bool:
        """Whether ``text`` meets a clause of ``GATE`` (False: the stages would read nothing from it)."""
        if not text:
            return False
        lines = text.split("\n")
        every = range(len(lines))
        # apostrophes kept: a token's bounds show ("IED's"), and the cues read them as written; dropped too
        # when a word has one inside ("Kata'ib"): its folded key is read so
        kept, aligned = _fold(text, apostrophes=True)
        dropped = fold_text(text) if _has_inner_apostrophe(text) else None
        kept_lines = kept.split("\n")
        dropped_lines = dropped.split("\n") if dropped is not None else None
        # the whole text at once (the automata are C): the cue words and telling tokens of each line
        cue_lines: dict[str, set[int]] = {}  # cue:NAME -> the lines holding its words
        keys: dict[int, set[str]] = {}  # line -> the keys of the phrases' telling tokens on it (folded, or "=" + ORTH)
        if aligned:
            self._scan(self.aligned_automaton, kept, kept_lines, keys, cue_lines, text)
        else:
            self._scan(self.folded_automaton, kept, kept_lines, keys, cue_lines)
            self._scan(self.exact_automaton, text, lines, keys, None)
        if dropped is not None:
            self._scan(self.folded_automaton, dropped, dropped_lines, keys, None)
        # the phrases whose telling token is on a line, by label; their other tokens are looked for when needed
        candidates: dict[str, dict[int, list[_Phrase]]] = {}
        by_key = self.phrases
        for i, found in keys.items():
            for key in found:
                for label, of_label in by_key.get(key, {}).items():
                    at = candidates.get(label)
                    if at is None:
                        candidates[label] = {i: list(of_label)}
                    elif i in at:
                        at[i].extend(of_label)
                    else:
                        at[i] = list(of_label)
        on_every_line = self.on_every_line
        phrased: dict[tuple[str, int], bool] = {}

        def phrase_lines(label: str, among: Iterable[int]) -> set[int]:
            """The lines of ``among`` where a phrase of ``label`` is (every token it requires on the line)."""
            if label in on_every_line:
                return set(among)
            at = candidates.get(label)
            if not at:
                return set()
            out: set[int] = set()
            for i in at.keys() & among if isinstance(among, set) else at:
                known = phrased.get((label, i))
                if known is None:
                    # bounds are read in the text with its apostrophes ("iraq's"), not without them ("iraqs")
                    folded = (dropped_lines or kept_lines)[i]
                    known = phrased[label, i] = _holds_a_phrase(at[i], lines[i], folded, dropped_lines is None)
                if known:
                    out.add(i)
            return out

        confirmed: dict[str, set[int]] = {}
        refuted: dict[str, set[int]] = {}

        def confirm(source: str, among: set[int]) -> set[int]:
            """The lines of ``among`` where the cue ``source`` (whose words they hold) matches."""
            done = confirmed.setdefault(source, set())
            failed = refuted.setdefault(source, set())
            pattern = self.cues[source[4:]]
            for i in among - done - failed:
                line = lines[i]
                if pattern.search(line) or (self.norm is not None and pattern.search(self.norm(line))):
                    done.add(i)
                else:
                    failed.add(i)
            return done & among

        named: set[int] | None = None  # the lines naming a KB actor
        standing_in: list[str] | None = None  # the text's abbreviations and the pack's head nouns of actors

        def actor_named() -> set[int]:
            nonlocal named
            if named is None:
                named = phrase_lines("ACTOR", every)
            return named

        def actor_lines(among: set[int]) -> set[int]:
            nonlocal standing_in
            if not actor_named():
                return set()
            if standing_in is None:
                standing_in = sorted({m.group("abbr") for m in _DEFINED.finditer(text)})
            out = actor_named() & among
            for i in among - out:
                normal = self.norm(lines[i]) if self.norm is not None else lines[i]
                if any(a in lines[i] for a in standing_in) or any(h in normal for h in self.head_nouns):
                    out.add(i)
            return out

        def lines_of(source: str, among: set[int]) -> set[int]:
            if source == "town":
                if self.towns is None or not among:
                    return set()
                ordered = sorted(among)
                # the lines at once first (joined with a character no candidate spans): most name no town
                if not self.towns.names_a_town("\x00".join([lines[i] for i in ordered]), self.lang):
                    return set()
                return {i for i in ordered if self.towns.names_a_town(lines[i], self.lang)}
            if source == "ACTOR*":
                return actor_lines(among)
            if not source.startswith("cue:"):
                return phrase_lines(source, among)
            return confirm(source, among if source in on_every_line else cue_lines.get(source, set()) & among)

        def possible(requirement: tuple[str, ...]) -> set[int] | None:
            """The lines ``requirement`` may be met on, from the literals alone (None: any line; a town may be on
            any line)."""
            for source in requirement:
                if source == "town" or source in on_every_line or (source == "ACTOR*" and actor_named()):
                    return None
            out: set[int] = set()
            for source in requirement:
                if source.startswith("cue:"):
                    out |= cue_lines.get(source, set())
                elif source != "ACTOR*":
                    out |= phrase_lines(source, every)
            return out

        for clause, in_order in self.clauses:
            allowed: set[int] | None = None  # the lines the literals allow (None: every line)
            for requirement in clause:
                lines_met = possible(requirement)
                if lines_met is not None:
                    allowed = lines_met if allowed is None else allowed & lines_met
                    if not allowed:
                        break
            among = set(every) if allowed is None else set(allowed)
            # then the lines each requirement meets, a town first: it is looked up on those lines only, and
            # news that is not about an attack seldom names one where it uses an attack word
            for requirement in in_order:
                if not among:
                    break
                met: set[int] = set()
                for source in requirement:
                    met |= lines_of(source, among - met)
                    if met == among:
                        break
                among = met
            if among:
                return True
        return False

    @staticmethod
    def _scan(
        automaton,
        text: str,
        lines: list[str],
        keys: dict[int, set[str]],
        cue_lines: dict[str, set[int]] | None,
        written: str | None = None,
    ) -> None:
        """Adds to ``keys`` the keys of the whole tokens ``automaton`` finds on each line of ``text`` (split into
        ``lines``), and to ``cue_lines`` (unless None) the lines holding each cue's words. ``written``: the text as
        written, of which ``text`` is the lower case letter for letter, where the case-sensitive literals of an
        ``aligned_automaton`` are compared."""
        if automaton is None:
            return
        matches = list(automaton.iter(text))
        if not matches:
            return
        ends: list[int] | None = None  # where each line's successor begins
        last = len(text) - 1
        for end, (size, found, cue_labels, bounded, exact) in matches:
            start = end - size + 1
            if bounded:  # a whole token: no letter (or digit) touches it (bounds first: most touch one, need no line)
                if start > 0:
                    c, edge = text[start - 1], text[start]
                    if (c.isalpha() and edge.isalpha()) or (c.isdigit() and edge.isdigit()):
                        found = ()
                if found and end < last:
                    c, edge = text[end + 1], text[end]
                    if (c.isalpha() and edge.isalpha()) or (c.isdigit() and edge.isdigit()):
                        found = ()
            if exact and written is not None:
                # the case-sensitive phrases' tokens of this lower case: as written, whole if their literal is bounded
                spelt = written[start : end + 1]
                for form, form_keys, form_bounded in exact:
                    if form == spelt and (not form_bounded or _whole(text, start, end, last)):
                        found = form_keys if not found else found | form_keys
            if not found and (not cue_labels or cue_lines is None):
                continue
            if ends is None:
                ends = list(accumulate(len(line) + 1 for line in lines))
            line = bisect_right(ends, end)
            if cue_labels and cue_lines is not None:
                for label in cue_labels:
                    held = cue_lines.get(label)
                    if held is None:
                        cue_lines[label] = {line}
                    else:
                        held.add(line)
            if not found:
                continue
            held = keys.get(line)
            if held is None:
                keys[line] = set(found)
            else:
                held.update(found)


def _whole(text: str, start: int, end: int, last: int) -> bool:
    """Whether ``text[start:end + 1]`` is a whole token: no letter touches a letter of it, no digit a digit."""
    if start > 0:
        c, edge = text[start - 1], text[start]
        if (c.isalpha() and edge.isalpha()) or (c.isdigit() and edge.isdigit()):
            return False
    if end < last:
        c, edge = text[end + 1], text[end]
        if (c.isalpha() and edge.isalpha()) or (c.isdigit() and edge.isdigit()):
            return False
    return True


def _holds_a_phrase(phrases: list[_Phrase], line: str, folded: str, bounds: bool = True) -> bool:
    """Whether ``line`` (``folded``, as the automaton read it) holds every other telling token of one of
    ``phrases`` (their most telling one is on it), each in one of its spellings (as a whole token where the token
    is bounded, unless ``bounds`` is False)."""
    for ph in phrases:
        subject = line if ph.exact else folded
        for forms, bounded in ph.others:
            for form in forms:
                if form in subject and (not (bounded and bounds) or _holds_token(subject, form)):
                    break
            else:
                break  # none of this token's spellings is on the line
        else:
            return True
    return False


def _holds_token(subject: str, form: str) -> bool:
    """Whether ``form`` is in ``subject`` as a whole token."""
    at = subject.find(form)
    last, size = len(subject) - 1, len(form)
    while at >= 0:
        if _whole(subject, at, at + size - 1, last):
            return True
        at = subject.find(form, at + 1)
    return False


def _drop_covered_cue_words(literals: dict[str, _Literal]) -> None:
    """Drops from ``literals`` each cue's words that hold a shorter word of the same cue ("launched" holds
    "launch"): wherever they are, that word is on the same line, so they only add matches to go through."""
    for word in sorted(literals, key=len):
        entry = literals[word]
        if entry.keys or not entry.cues:
            continue
        inside = {
            cue
            for a in range(len(word))
            for b in range(a + 1, len(word) + 1)
            if b - a < len(word) and word[a:b] in literals
            for cue in literals[word[a:b]].cues
        }
        entry.cues -= inside
        if not entry.cues:
            del literals[word]


def _lazy_cues(gate) -> set[str]:
    """The cues of ``gate`` each of whose clauses has another requirement that a town cannot meet (an actor, a
    cue): such a cue need only be confirmed on the lines the rest of its clause allows."""
    lazy: set[str] = set()
    eager: set[str] = set()
    for _kind, clause in gate:
        for requirement in clause:
            selective = any(other is not requirement and "town" not in other for other in clause)
            for source in requirement:
                if source.startswith("cue:"):
                    (lazy if selective else eager).add(source[4:])
    return lazy - eager


def _expand(gate, rules) -> tuple:
    """``gate`` with each ``cue:PREFIX*`` replaced by the cues of ``rules`` (a pack) whose names start so."""
    from claimgraph.lang import packs

    names = sorted({name for p in packs().values() for kind, name in p.entries if kind == "cue"} | set(rules._cues))

    def sources(source: str) -> tuple[str, ...]:
        if source.startswith("cue:") and source.endswith("*"):
            prefix = source[4:-1]
            return tuple(f"cue:{n}" for n in names if n.startswith(prefix) and rules.has_cue(n))
        return (source,)

    return tuple(
        (kind, tuple(tuple(s for source in req for s in sources(source)) for req in clause)) for kind, clause in gate
    )


def _telling_tokens(doc, case_sensitive: bool, function_words: frozenset[str]) -> list:
    """The tokens of a phrase a line is required to hold: its three longest words, but not the packs' function
    words nor words of one or two letters ("in", "of", "al" are on every line), unless it has no other. Requiring
    fewer tokens than the phrase has only lets more lines through."""

    def key(t) -> str:
        return t.orth_ if case_sensitive else t.norm_

    words = sorted((t for t in doc if any(c.isalnum() for c in t.orth_)), key=lambda t: -len(key(t)))
    telling = [t for t in words if len(key(t)) > 2 and key(t).lower() not in function_words]
    return telling[:3] or words[:1]


@cache
def _function_words() -> frozenset[str]:
    """Every pack's function words (``detect_words``: what tells its language apart), folded."""
    from claimgraph.lang import packs

    loaded = packs()
    return frozenset(
        fold_text(w)
        for code in loaded
        if loaded[code].has("list", "detect_words")
        for w in loaded[code].items("detect_words")
    )


def _automaton(literals: dict[str, _Literal], exact: dict[str, _Literal] | None = None):
    """An automaton of ``literals`` (folded) and, by their lower case, of the case-sensitive ``exact`` ones, which
    ``LanguageScan._scan`` then compares as written. Each value: (length, keys, cue labels, bounded, exact forms as
    (written, keys, bounded))."""
    if not literals and not exact:
        return None
    forms: dict[str, list[tuple[str, frozenset[str], bool]]] = {}
    for written, entry in (exact or {}).items():
        forms.setdefault(written.lower(), []).append((written, frozenset(entry.keys), entry.bounded))
    automaton = ahocorasick.Automaton()
    for word in literals.keys() | forms.keys():
        entry = literals.get(word) or _Literal(bounded=False)
        value = (len(word), frozenset(entry.keys), tuple(entry.cues), entry.bounded, tuple(forms.get(word, ())))
        automaton.add_word(word, value)
    automaton.make_automaton()
    return automaton


def _split_inside_tokens(nlp) -> set[str]:
    """Folded forms of the tokens the tokenizer's exceptions split off inside a word ("can" of "cannot"):
    such a token may touch a letter, so its literal is matched without bounds."""
    out: set[str] = set()
    for tokens in nlp.tokenizer.rules.values():
        orths = [t.get(ORTH) for t in tokens]
        if len(orths) > 1 and all(orths):
            for o in orths:
                out.add(fold_text(o))
                out.add(o)
    return out


def _variants_of_norms(nlp) -> dict[str, set[str]]:
    """Every spelling a token may have for each folded key: the transliteration families' variants, and the
    tokenizer exceptions whose tokens carry that key ("Jan." -> "january")."""
    out: dict[str, set[str]] = {}
    for variant, canon in _families().items():
        out.setdefault(canon, set()).add(variant)
    for tokens in nlp.tokenizer.rules.values():
        for t in tokens:
            orth, norm = t.get(ORTH), t.get(NORM)
            if not orth:
                continue
            for key in {norm, orth.lower(), fold(orth)} - {None}:
                out.setdefault(key, set()).add(orth)
    return out


class Prescan:
    """Built once per process (lazily per language, like the annotator's pipelines); holds no document state."""

    def __init__(self, annotator, towns=None):
        self.annotator = annotator
        self.towns = towns
        self._by_lang: dict[str, LanguageScan] = {}

    def scanner(self, lang: str) -> LanguageScan:
        if lang not in self._by_lang:
            self._by_lang[lang] = LanguageScan(lang, self.annotator, self.towns)
        return self._by_lang[lang]

    def may_hold(self, text: str, lang: str) -> bool:
        return self.scanner(lang).may_hold(text)

    def languages(self) -> Iterable[str]:
        return self._by_lang.keys()
