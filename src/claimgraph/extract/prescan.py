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


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# an apostrophe inside a word, but not the "'s" the tokenizer splits off ("Iraq's"): "Kata'ib", "Qa'im"
_INNER_APOSTROPHE = re.compile(rf"[^\W\d_][{_APOSTROPHES}](?!s(?![^\W\d_]))[^\W\d_]")


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


def _fold_run(m: re.Match) -> str:
    return _combining().sub("", unicodedata.normalize("NFKD", m.group()))


def fold_text(text: str, apostrophes: bool = False) -> str:
    """``text`` folded character by character as ``normalize.fold`` folds a token: lower case, accents stripped,
    apostrophes dropped (kept with ``apostrophes=True``), Arabic normalised. A token's folded key is a substring
    of the folded text (a family variant of it, for transliteration families)."""
    s = text.lower()
    if s.isascii():
        return s if apostrophes else s.replace("'", "").replace("`", "")
    s = _NON_ASCII.sub(_fold_run, s)
    if not apostrophes:
        for c in _APOSTROPHES:
            if c in s:
                s = s.replace(c, "")
    return normalize_arabic(s) if _ARABIC.search(s) else s


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
    token) and the spellings of its other telling tokens (each must be somewhere on the same line)."""

    label: str
    key: str
    others: tuple[tuple[str, ...], ...]
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
            (first, spellings), others = tokens[0], tuple(forms for _, forms in tokens[1:])
            phrases.add(_Phrase(label, first, others, p.case_sensitive))
            for form in spellings:
                entry = (self.exact if p.case_sensitive else self.literals).setdefault(form, _Literal())
                entry.keys.add(first)
                # Arabic keys may be stems (proclitics removed); some tokens are split off inside a word
                entry.bounded = entry.bounded and not _is_arabic(form) and form not in split_inside
        self.phrases: dict[str, list[_Phrase]] = {}
        for ph in phrases:
            self.phrases.setdefault(ph.key, []).append(ph)
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
        self.folded_automaton = _automaton(self.literals)
        self.exact_automaton = _automaton(self.exact)

    # -- scanning ---------------------------------------------------------------------------------------------------
    def may_hold(self, text: str) -> bool:
        """Whether ``text`` meets a clause of ``GATE`` (False: the stages would read nothing from it)."""
        if not text:
            return False
        lines = text.split("\n")
        every = set(range(len(lines)))
        hits: dict[str, set[int]] = {label: set(every) for label in self.everywhere}  # source -> its lines
        for name in self.always:
            hits[f"cue:{name}"] = set(every)
        # apostrophes kept: a token's bounds show ("IED's"), and the cues read them as written; dropped too
        # when a word has one inside ("Kata'ib"): its folded key is read so
        kept = fold_text(text, apostrophes=True)
        dropped = fold_text(text) if _INNER_APOSTROPHE.search(text) else None
        kept_lines = kept.split("\n")
        dropped_lines = dropped.split("\n") if dropped is not None else None
        # the whole text at once (the automata are C): the cue words and telling tokens of each line
        keys: dict[int, set[str]] = {}
        self._scan(self.folded_automaton, kept, keys, hits)
        if dropped is not None:
            self._scan(self.folded_automaton, dropped, keys, None)
        exact: dict[int, set[str]] = {}
        self._scan(self.exact_automaton, text, exact, None)
        for i in keys.keys() | exact.keys():
            for key in keys.get(i, set()) | exact.get(i, set()):
                for ph in self.phrases.get(key, ()):
                    subject = lines[i] if ph.exact else (dropped_lines or kept_lines)[i]
                    if all(any(form in subject for form in forms) for forms in ph.others):
                        hits.setdefault(ph.label, set()).add(i)
        confirmed: dict[str, set[int]] = {}

        def confirm(source: str, among: set[int]) -> set[int]:
            """The lines of ``among`` where the cue ``source`` (whose words they hold) matches."""
            done = confirmed.setdefault(source, set())
            pattern = self.cues[source[4:]]
            for i in among - done:
                line = lines[i]
                if pattern.search(line) or (self.norm is not None and pattern.search(self.norm(line))):
                    done.add(i)
            return done & among

        standing_in: list[str] | None = None  # the text's abbreviations and the pack's head nouns of actors

        def actor_lines(among: set[int]) -> set[int]:
            nonlocal standing_in
            named = hits.get("ACTOR", set())
            if not named:
                return set()
            if standing_in is None:
                standing_in = sorted({m.group("abbr") for m in _DEFINED.finditer(text)})
            out = named & among
            for i in among - out:
                normal = self.norm(lines[i]) if self.norm is not None else lines[i]
                if any(a in lines[i] for a in standing_in) or any(h in normal for h in self.head_nouns):
                    out.add(i)
            return out

        def lines_of(source: str, among: set[int]) -> set[int]:
            if source == "town":
                return {i for i in among if self.towns is not None and self.towns.names_a_town(lines[i], self.lang)}
            if source == "ACTOR*":
                return actor_lines(among)
            if not source.startswith("cue:"):
                return hits.get(source, set()) & among
            return confirm(source, hits.get(source, set()) & among)

        def possible(source: str) -> set[int]:
            """The lines ``source`` may be met on, from the literals alone (a town may be on any line)."""
            if source == "town":
                return every
            if source == "ACTOR*":
                return every if hits.get("ACTOR") else set()
            return hits.get(source, set())

        for _kind, clause in self.gate:
            among = set(every)
            for requirement in clause:  # the lines the literals allow
                among &= set().union(*(possible(s) for s in requirement))
            # then the lines each requirement meets, a town first: it is looked up on those lines only, and
            # news that is not about an attack seldom names one where it uses an attack word
            for requirement in sorted(clause, key=lambda req: "town" not in req):
                met: set[int] = set()
                for source in requirement:
                    met |= lines_of(source, among - met)
                    if met == among:
                        break
                among = met
                if not among:
                    break
            if among:
                return True
        return False

    @staticmethod
    def _scan(automaton, text: str, keys: dict[int, set[str]], hits: dict[str, set[int]] | None) -> None:
        """Adds to ``keys`` the keys of the whole tokens ``automaton`` finds on each line of ``text``, and to
        ``hits`` (unless None) the lines holding each cue's words."""
        if automaton is None:
            return
        starts = [0]  # where each line begins
        at = text.find("\n")
        while at != -1:
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        last = len(text) - 1
        for end, (size, found, cue_labels, bounded) in automaton.iter(text):
            line = bisect_right(starts, end) - 1
            if cue_labels and hits is not None:
                for label in cue_labels:
                    hits.setdefault(label, set()).add(line)
            if not found:
                continue
            if bounded:
                start = end - size + 1
                if (start > 0 and _touching(text[start - 1], text[start])) or (
                    end < last and _touching(text[end + 1], text[end])
                ):
                    continue
            keys.setdefault(line, set()).update(found)


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


def _touching(c: str, edge: str) -> bool:
    """Whether the character ``c`` next to a literal whose edge character is ``edge`` would be part of the same
    token (two letters, or two digits): then the literal is not a whole token there."""
    return (c.isalpha() and edge.isalpha()) or (c.isdigit() and edge.isdigit())


def _automaton(literals: dict[str, _Literal]):
    if not literals:
        return None
    automaton = ahocorasick.Automaton()
    for word, entry in literals.items():
        automaton.add_word(word, (len(word), frozenset(entry.keys), tuple(entry.cues), entry.bounded))
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
