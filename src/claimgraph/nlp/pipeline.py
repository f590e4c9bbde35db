"""The annotation stage: sentences plus KB / lexicon matches, per language.

spaCy ``blank()`` pipelines (tokenizer, sentencizer) with PhraseMatchers built
from the knowledge base and the weapon lexicon. Tokens are matched on a folded
``NORM`` (see ``normalize.fold``) so transliteration variants meet; short
abbreviations (KH, IRI, PMF) are matched case-sensitively on ``ORTH``. Built
once per process by ``Annotator.build`` and passed to the extractor.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, NORM, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimgraph.kb.loader import surface_key
from claimgraph.nlp.normalize import arabic_stems, fold, is_arabic, normalize_arabic

LEXICON_VERSION = "lexicon.v1"
_NEWLINES = re.compile(r"\n\s*")


@dataclass(slots=True)
class Mention:
    """A KB or lexicon match in the text (character offsets into the document)."""

    label: str  # ACTOR | PLACE | WEAPON
    key: str  # actor id, place id or weapon class
    start: int
    end: int
    text: str
    sent: int


@dataclass(frozen=True, slots=True)
class Pattern:
    """One phrase a matcher looks for: ``key`` is "LABEL|id"; matched on ``NORM`` (folded) or, when
    ``case_sensitive``, on ``ORTH``."""

    key: str
    doc: Doc
    case_sensitive: bool


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(slots=True)
class Annotated:
    """A document after annotation."""

    text: str
    lang: str
    sentences: list[Sentence]
    mentions: list[Mention]
    _by_sent: dict[int, list[Mention]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for m in self.mentions:
            self._by_sent.setdefault(m.sent, []).append(m)

    def in_sentence(self, index: int, label: str | None = None) -> list[Mention]:
        ms = self._by_sent.get(index, [])
        return [m for m in ms if label is None or m.label == label]


def _variants(alias: str) -> set[str]:
    """Spelling variants of one alias that tokenise differently: hyphen vs space."""
    out = {alias, alias.replace("-", " ")}
    out.add(_cue("alias_article").sub(lambda m: m.group("article") + "-", alias))
    head = _cue("alias_quoted_after").match(alias)
    if head:
        # Arabic statements quote the name after the word for the place: موقع "الراهب", ثكنة «برانيت»
        word, name = alias[: head.end()].strip(), alias[head.end() :]
        out.update(f"{word} {quote}{name}" for quote in ('"', "«", "“"))
    first, _, rest = alias.partition(" ")
    dual = _dual_construct().get(normalize_arabic(first)) if rest and is_arabic(first) else None
    for form in dual.split("|") if dual else ():
        out.add(f"{form} {rest}")  # "حقلي العمر وكونيكو", "مطارا دمشق وحلب": the first of two places named together
    return {v for v in out if v.strip()}


@cache
def _dual_construct() -> dict[str, str]:
    """The Arabic words for a place and their dual in a construct ("حقل" -> "حقلي"), keys normalised."""
    from claimgraph.lang import packs

    return {normalize_arabic(k): str(v) for k, v in packs().shared_table("alias_dual_construct").items()}


class Annotator:
    """One spaCy pipeline and matcher pair per language, each built on first use."""

    def __init__(self, forms: list, lexicon: dict, ar_vocab: set[str], common: Iterable[tuple[str, str]] = ()):
        self._forms = forms
        # (place id, folded surface) of the aliases that are also ordinary words (the KB's ``common_words``)
        self._common: dict[str, tuple[str, ...]] = {}
        for ident, surface in common:
            self._common[ident] = (*self._common.get(ident, ()), surface_key(surface))
        self._lexicon = lexicon
        self._ar_vocab = ar_vocab
        self._pipelines: dict[str, tuple[Language, PhraseMatcher, PhraseMatcher]] = {}
        self._patterns: dict[str, list[Pattern]] = {}
        # per language, the folded words of each actor name of several words: a name quoted before its last
        # words ('"حزب الله" العراقي') is still that name (``_quoted_names``)
        self._names: dict[str, dict[tuple[str, ...], str]] = {}
        self.version = LEXICON_VERSION

    @classmethod
    def build(cls, kb, languages: Iterable[str] = ("en",)) -> Annotator:
        """Collect the KB's surface forms; build the pipelines of ``languages`` now, others when first needed."""
        lexicon = load_lexicon()
        forms = list(kb.all_surface_forms())
        ar_vocab: set[str] = set()
        for surface, *_ in forms:
            if is_arabic(surface):
                ar_vocab.update(normalize_arabic(w) for w in surface.split())
        for by_lang in lexicon.values():
            for w in by_lang.get("ar", []):
                ar_vocab.update(normalize_arabic(x) for x in w.split())
        common = [(p.id, s) for p in kb.places.values() for s in getattr(p, "common_words", ())]
        annotator = cls(forms, lexicon, ar_vocab, common)
        for lang in languages:
            annotator._pipeline(lang)
        return annotator

    def _pipeline(self, lang: str) -> tuple[Language, PhraseMatcher, PhraseMatcher]:
        """The pipeline of ``lang``: its pack's spaCy language (a language with no pack is a ``PackError``)."""
        if lang not in self._pipelines:
            self._pipelines[lang] = self._make(lang)
        return self._pipelines[lang]

    def patterns(self, lang: str) -> tuple[Language, list[Pattern]]:
        """The pipeline of ``lang`` and every phrase its matchers look for (for the pre-scan)."""
        nlp = self._pipeline(lang)[0]
        return nlp, self._patterns[lang]

    def _make(self, lang: str) -> tuple[Language, PhraseMatcher, PhraseMatcher]:
        from claimgraph.lang import rules

        nlp = spacy.blank(rules(lang).spacy)
        # the folded key is a lexeme attribute: computed once per word type, not per token
        nlp.vocab.lex_attr_getters[NORM] = _make_norm(self._ar_vocab)
        nlp.add_pipe("sentencizer")
        _keep_month_abbreviations(nlp, rules(lang))
        _keep_abbreviations(nlp, rules(lang))
        if rules(lang).spacy == "ar":
            _split_proclitic_before_quote(nlp)
            _split_full_stop_after_number(nlp)
        folded = PhraseMatcher(nlp.vocab, attr="NORM")
        exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        pats: dict[str, list[Doc]] = {}
        cased: dict[str, list[Doc]] = {}
        for surface, kind, ident, case_sensitive, form_lang in self._forms:
            if lang != "ar" and form_lang == "ar":
                continue
            key = f"{'ACTOR' if kind == 'actor' else 'PLACE'}|{ident}"
            if case_sensitive:
                cased.setdefault(key, []).append(nlp.make_doc(surface))
            else:
                for v in _variants(surface):
                    pats.setdefault(key, []).append(nlp.make_doc(v))
        for weapon, by_lang in self._lexicon.items():
            for form_lang, words in by_lang.items():
                if (form_lang == "ar") != (lang == "ar") and form_lang != "en":
                    continue
                for w in words:
                    for v in _variants(w):
                        pats.setdefault(f"WEAPON|{weapon}", []).append(nlp.make_doc(v))
        self._names[lang] = {
            tuple(t.norm_ for t in doc): key
            for key, docs in pats.items()
            if key.startswith("ACTOR|")
            for doc in docs
            if len(doc) > 1
        }
        for key, docs in pats.items():
            folded.add(key, docs)
        for key, docs in cased.items():
            exact.add(key, docs)
        self._patterns[lang] = [Pattern(key, doc, False) for key, docs in pats.items() for doc in docs] + [
            Pattern(key, doc, True) for key, docs in cased.items() for doc in docs
        ]
        return nlp, folded, exact

    def annotate(self, text: str, lang: str) -> Annotated:
        nlp, folded, exact = self._pipeline(lang)
        doc = nlp.make_doc(text)
        spans: list[Span] = []
        for matcher in (folded, exact):
            for match_id, s, e in matcher(doc):
                spans.append(Span(doc, s, e, label=nlp.vocab.strings[match_id]))
        spans += _quoted_names(doc, spans, self._names.get(lang, {}))
        spans = [
            sp
            for sp in spans
            if not _common_word(sp)
            and not _weapon_as_thing(sp, text)
            and not self._ordinary_word(sp, text)
            and not _river_bank(sp, text)
            and not _split_name(sp)
        ]
        spans = _state_or_place(spans, text, lang)
        # a multi-word name that is both ("US embassy in Baghdad") is read as the place; "Iran" stays an actor
        places = {(sp.start, sp.end) for sp in spans if sp.label_.startswith("PLACE") and len(sp) > 1}
        kept = filter_spans([sp for sp in spans if sp.label_.startswith("PLACE") or (sp.start, sp.end) not in places])
        spans = kept + _weapons_in_actors(kept, spans)
        sentences: list[Sentence] = []
        paragraph = 0
        for start_char, end_char in _sentence_bounds(doc, nlp.get_pipe("sentencizer"), text):
            body = text[start_char:end_char].rstrip()
            if not body:
                continue
            if sentences and "\n" in text[sentences[-1].end : start_char]:
                paragraph += 1
            # a sentence ends where its text ends: trailing line breaks belong to the paragraph break
            sentences.append(Sentence(len(sentences), start_char, start_char + len(body), body, paragraph))
        starts = [s.start for s in sentences]
        mentions = []
        for sp in spans:
            label, key = sp.label_.split("|", 1)
            sent = max(0, bisect.bisect_right(starts, sp.start_char) - 1)
            mentions.append(Mention(label, key, sp.start_char, sp.end_char, sp.text, sent))
        mentions.sort(key=lambda m: m.start)
        return Annotated(text, lang, sentences, mentions)

    def _ordinary_word(self, span: Span, text: str) -> bool:
        """A place alias the KB marks as also an ordinary word (``common_words``: Arabic "جويا", "by air", for
        Jouaiyya in "هجومًا جويًا") is that word unless a word introducing a place comes right before it
        ("بلدة جويا", "في جويا") or a preposition is attached to it ("بجويا"); a name in quotes after it makes it
        the word ("في معركة «الفجر»", in the battle "al-Fajr", not in Maarakeh)."""
        if not self._common or not span.label_.startswith("PLACE"):
            return False
        words = self._common.get(span.label_.split("|", 1)[1])
        if not words:
            return False
        found = surface_key(span.text)
        word = next((w for w in words if found == w or found.endswith(w)), None)
        if word is None:
            return False
        if text[span.end_char : span.end_char + 3].lstrip()[:1] in ('"', "«", "“", "'"):
            return True  # a name in quotes follows: "معركة «...»" is a named battle, not Maarakeh
        if span.text.startswith("آ"):
            return True  # "الخامس من آب": August, written with its madda (normalised, Ibb's "إب" reads the same)
        if any(c in "بل" for c in found[: len(found) - len(word)]):
            return False  # "بجويا": in Jouaiyya
        return not _cue("place_word_before").search(text[max(0, span.start_char - 30) : span.start_char])


_QUOTES = frozenset("\"'”»’")


def _quoted_names(doc: Doc, spans: list[Span], names: dict[tuple[str, ...], str]) -> list[Span]:
    """An actor's name quoted before the words that complete a longer name ('و"حزب الله" العراقي', Iraq's
    Hezbollah): the longer name, its span running over the closing quote, so that ``filter_spans`` keeps it over
    the quoted part."""
    out = []
    for sp in spans:
        if not sp.label_.startswith("ACTOR") or sp.end >= len(doc) or doc[sp.end].text not in _QUOTES:
            continue
        head = tuple(t.norm_ for t in sp)
        for n in (1, 2):
            key = names.get(head + tuple(t.norm_ for t in doc[sp.end + 1 : sp.end + 1 + n]))
            if key is not None and sp.end + 1 + n <= len(doc):
                out.append(Span(doc, sp.start, sp.end + 1 + n, label=key))
                break
    return out


def _weapons_in_actors(kept: list[Span], spans: list[Span]) -> list[Span]:
    """The weapon an actor's name holds ("مسيرة إسرائيلية", an Israeli drone): the name is the actor and the weapon
    both, so the longest weapon inside a kept actor span is kept too. A raid word ("غارة إسرائيلية") is not: like
    "aircraft" elsewhere it makes no event and its sub-type comes from the strike-word default."""
    out = []
    for actor in kept:
        if not actor.label_.startswith("ACTOR"):
            continue
        inner = [
            sp
            for sp in spans
            if sp.label_.startswith("WEAPON")
            and sp.label_ != "WEAPON|aircraft"
            and actor.start <= sp.start
            and sp.end <= actor.end
        ]
        if inner:
            out.append(max(inner, key=lambda sp: (len(sp), -sp.start)))
    return out


def _locates(spans: list[Span], span: Span, text: str) -> bool:
    """A country named after a place and a comma locates it ("Haret Hreik, Dahieh, Lebanon"): the place."""
    comma = re.search(r"[,،]\s*$", text[max(0, span.start_char - 4) : span.start_char])
    if not comma:
        return False
    at = span.start_char - (len(text[max(0, span.start_char - 4) : span.start_char]) - comma.start())
    return any(
        sp.label_.startswith("PLACE") and sp.end_char == at and (sp.start, sp.end) != (span.start, span.end)
        for sp in spans
    )


@cache
def _cue(name: str) -> re.Pattern:
    """A shared cue of the language packs (lang/<code>/annotate.toml), compiled once."""
    from claimgraph.lang import packs

    return packs().shared(name)


def _river_bank(span: Span, text: str) -> bool:
    """ "الضفة الغربية لنهر الفرات", "the west bank of the Euphrates": a river's bank, not the region so named."""
    if not span.label_.startswith("PLACE"):
        return False
    after = text[span.end_char : span.end_char + 40]
    return bool(_cue("river_bank_after").match(after))


def _weapon_as_thing(span: Span, text: str) -> bool:
    """A weapon word that names no weapon used in the event: "two drone storage sites", "a rocket launcher",
    or what the target was about to use: "militants preparing to launch drones", "à lancer un drone"."""
    if not span.label_.startswith("WEAPON"):
        return False
    # the text is passed in: ``span.doc.text`` re-joins every token of the document on each call
    before = text[max(0, span.start_char - 40) : span.start_char]
    return (
        bool(_cue("weapon_thing_after").match(text[span.end_char : span.end_char + 30]))
        or bool(_cue("weapon_intended_before").search(before))
        or bool(_cue("weapon_outlet_before").search(before))  # "قناة المسيرة": the Houthis' TV, not a drone
    )


def _state_or_place(spans: list[Span], text: str, lang: str) -> list[Span]:
    """A name that is both a state and a place ("Syria") is the place after a locative word ("US forces in
    Syria", "في سوريا") and the state elsewhere ("Syria condemned"); without a pack for the language, the state."""
    by_span: dict[tuple[int, int], list[Span]] = {}
    for sp in spans:
        by_span.setdefault((sp.start, sp.end), []).append(sp)
    if all(len(v) == 1 for v in by_span.values()):
        return spans
    from claimgraph.lang import packs

    pack = packs().get(lang)
    out = []
    for group in by_span.values():
        kinds = {sp.label_.split("|", 1)[0] for sp in group}
        if len(group) == 1 or kinds != {"ACTOR", "PLACE"}:
            out.extend(group)
            continue
        before = text[max(0, group[0].start_char - 80) : group[0].start_char]
        if _cue("blamed_on_before").search(before):
            out.extend(sp for sp in group if sp.label_.startswith("ACTOR"))  # "blamed the attacks on Israel"
            continue
        before = before[-40:]
        locative = (
            (pack is not None and pack.cue("locative_before").search(pack.norm(before)))
            or _in_proclitic(group[0])
            or _locates(spans, group[0], text)
        )
        out.extend(sp for sp in group if sp.label_.startswith("PLACE" if locative else "ACTOR"))
    return out


def _in_proclitic(span: Span) -> bool:
    """An Arabic name with "in" written onto it ("بسوريا": in Syria), the proclitic the matcher took off."""
    first = span[0]
    if not is_arabic(first.text):
        return False
    written = normalize_arabic(first.text)
    stem = first.norm_
    return written != stem and written.endswith(stem) and written[: -len(stem)] in ("ب", "وب", "فب")


def _common_word(span: Span) -> bool:
    """A Latin place name written without a capital is an ordinary word ("hit", "west bank of the Tigris")."""
    if not span.label_.startswith("PLACE"):
        return False
    t = span.text
    return not is_arabic(t) and not any(c.isupper() for c in t) and not any(c.isdigit() for c in t)


def _split_name(span: Span) -> bool:
    """A name written with an apostrophe met where the text has two words: "Sana'a" (tokens "Sana'" and "a" in
    French, the apostrophe folded away) in "l'agence Sana a fait état" (the agency SANA, then the verb): a name does
    not end in a lone lower-case letter after a space."""
    return len(span) > 1 and len(span[-1].text) == 1 and span[-1].text.islower() and bool(span[-2].whitespace_)


_CLITIC_AND_ARTICLE = ("لل", "وال", "بال", "فال", "كال")  # a proclitic written onto the article


def _make_norm(ar_vocab: set[str]):
    """The NORM getter: folded Latin tokens; Arabic tokens normalised, proclitics removed when that finds a KB word."""

    def norm(text: str) -> str:
        if is_arabic(text):
            # the Arabic tokenizer can leave a full stop on a word ending in a diacritic ("المسيّر.")
            n = normalize_arabic(text).rstrip(".,،؛:!?»\"'")
            # "للحرس" is "to" + "الحرس": read as the word, even where a KB name writes it so ("فيلق القدس التابع
            # للحرس الثوري"), or "للحرس الثوري الإيراني" would never name the IRGC (the names read the same way)
            for clitic in _CLITIC_AND_ARTICLE:
                if n.startswith(clitic) and "ال" + n[len(clitic) :] in ar_vocab:
                    return "ال" + n[len(clitic) :]
            if n not in ar_vocab:
                for stem in arabic_stems(text):
                    if stem in ar_vocab:
                        return stem
            return n
        return fold(text)

    return norm


# a conjunction or preposition written onto an opening quote: و"المطلة", و«حانيتا», بـ"الكاتيوشا"
_AR_PROCLITIC_QUOTE = re.compile(r'^(?:[وف][بلك]?|[بلك])ـ?(?=["«“”‘’\'])')


def _split_proclitic_before_quote(nlp: Language) -> None:
    """Arabic writes a one-letter proclitic onto the quote that opens a name (و"المطلة", و«حانيتا»):
    spaCy's Arabic prefixes split only the quote itself, so the name stayed glued to "و" and its
    quote and no alias matched. The proclitic becomes a token of its own when a quote follows it."""
    prefixes = nlp.tokenizer.prefix_search

    def search(text: str):
        return _AR_PROCLITIC_QUOTE.search(text) or (prefixes(text) if prefixes else None)

    nlp.tokenizer.prefix_search = search


# a full stop after a number that ends a word ("عام 2023." -> "2023", "."), not inside one ("3.5"); or after a
# closing quote or bracket ("«كتائب سيد الشهداء»." -> "الشهداء»", "."), which spaCy's Arabic suffixes keep on it
_FULL_STOP_AFTER_NUMBER = re.compile(r"(?<=[0-9\u0660-\u0669»”\"')])\.$")


def _split_full_stop_after_number(nlp: Language) -> None:
    """spaCy's Arabic suffixes leave the full stop on a number or a closing quote that ends a sentence ("تأسست عام
    2023.", "«كتائب سيد الشهداء»."), so the sentence ran on into the next one, as the English tokenizer never lets
    it: the full stop becomes a token of its own, and ends the sentence."""
    suffixes = nlp.tokenizer.suffix_search

    def search(text: str):
        return _FULL_STOP_AFTER_NUMBER.search(text) or (suffixes(text) if suffixes else None)

    nlp.tokenizer.suffix_search = search


def _keep_month_abbreviations(nlp: Language, pack) -> None:
    """A month's abbreviation keeps its full stop in any case ("OCT. 18 - ...", "Nov. 3"), so that a
    timeline's date is not read as a sentence of its own: spaCy's exceptions know only some title-case
    forms. The abbreviations are the pack's month words that a longer month word of the same month
    begins with ("oct" of "october"); full names ("may") are left alone, as their full stop ends a sentence."""
    if not pack.has("table", "months"):
        return
    months = pack.table("months")
    for word, number in months.items():
        if not (word.isascii() and word.isalpha()):
            continue
        if any(other != word and other.startswith(word) and n == number for other, n in months.items()):
            for form in {word.upper(), word.title()}:
                nlp.tokenizer.add_special_case(form + ".", [{ORTH: form + "."}])


def _keep_abbreviations(nlp: Language, pack) -> None:
    """The pack's abbreviations whose full stop ends no sentence ("approx. 60nm southeast of Aden") keep it."""
    if not pack.has("list", "kept_abbreviations"):
        return
    for word in pack.items("kept_abbreviations"):
        for form in {word, word.title(), word.upper()}:
            nlp.tokenizer.add_special_case(form + ".", [{ORTH: form + "."}])


# a clock time's "a.m." / "p.m." that ends a sentence: the next word is one a sentence opens with
_CLOCK_END = re.compile(
    r"\b[ap]\.m\.\s+(?=(?:The|A|An|It|He|She|They|We|In|On|At|Its|Their|His|Her|This|That|No|Both|Another|Two|Three"
    r"|Four|Five|Officials|Later|Earlier|Shortly|Minutes|Hours|Soon|Then)\b)"
)


def _sentence_bounds(doc: Doc, sentencizer, text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences: the sentencizer's punctuation rule, and line breaks end sentences
    too (headlines, list items, bylines).

    Read from arrays rather than by setting ``Token.is_sent_start`` and iterating ``doc.sents``: each of
    those walks every token in Python, which cost more than tokenizing the text.
    """
    if not len(doc):
        return []
    token_starts = doc.to_array([IDX]).tolist()
    first = _sentencizer_starts(doc, sentencizer)
    for m in _NEWLINES.finditer(text):
        i = bisect.bisect_left(token_starts, m.end())
        if 0 < i < len(doc):
            first.add(i)
    if ".m. " in text:
        for m in _CLOCK_END.finditer(text):  # "at 6:15 a.m. A third struck ...": the tokenizer keeps "a.m." whole
            i = bisect.bisect_left(token_starts, m.end())
            if 0 < i < len(doc):
                first.add(i)
    first.add(0)
    chars = [token_starts[i] for i in sorted(first)]
    return list(zip(chars, [*chars[1:], len(text)], strict=True))


def _sentencizer_starts(doc: Doc, sentencizer) -> set[int]:
    """The token indices spaCy's ``Sentencizer.predict`` marks as sentence starts, computed from arrays.

    Its rule: a sentence starts at the first token that is neither punctuation nor one of its
    ``punct_chars`` after a token that is one of its ``punct_chars``. ``predict`` reads ``token.text``
    and ``token.is_punct`` of every token in a loop of Python objects; here one array of each, then
    one step per sentence."""
    orth, punct = doc.to_array([ORTH, IS_PUNCT]).T
    ends = numpy.isin(orth, _punct_hashes(frozenset(sentencizer.punct_chars)))
    marks = numpy.flatnonzero(ends).tolist()
    plain = numpy.flatnonzero(~ends & (punct == 0)).tolist()
    starts, start = {0}, 0
    while True:
        i = bisect.bisect_left(marks, start)  # the first end mark at or after the current start
        if i == len(marks):
            return starts
        j = bisect.bisect_right(plain, marks[i])  # the first plain token after it starts the next sentence
        if j == len(plain):
            return starts
        start = plain[j]
        starts.add(start)


@cache
def _punct_hashes(chars: frozenset[str]) -> numpy.ndarray:
    """The ORTH ids (string hashes) of the sentencizer's sentence-ending characters."""
    from spacy.strings import hash_string

    return numpy.array(sorted(hash_string(c) for c in chars), dtype=numpy.uint64)


def load_lexicon() -> dict[str, dict[str, list[str]]]:
    data = tomllib.loads(resources.files("claimgraph.nlp").joinpath("data/lexicon.toml").read_text("utf-8"))
    return data["weapons"]
