"""Fatalities and injuries from a span of text.

"at least 34 injured" -> 34; "five troops and two contractors were wounded" -> 7;
"killing X and one of his companions" -> 2; "no casualties" -> 0 and 0;
"dozens" / "several" / "a number of" -> None with a qualifier. Figures given for
several events together ("in the two strikes") are not assigned to either.

The words and patterns are the ``casualty_*`` cues and the ``number_words`` tables of the language
packs (``lang/<code>/casualties.toml``). They are all shared: a casualty figure is read with every
pack's words, whatever the document's language. This module says how they combine: a number (in
figures, or one of the number words) after the words that introduce it, the words after it, the
field it goes to. The patterns are built once per process (``casualty_rules``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from claimgraph.kb.tolls import toll_day
from claimgraph.lang import alternation, packs

IC = re.IGNORECASE
FIELDS = ("fatalities", "injuries")
# The shared cues this module reads, ``casualty_<name>`` in the packs.
CUES = (
    "killed",
    "hurt",
    "killed_count",
    "hurt_count",
    "toll",
    "risen",
    "vague",
    "shared_total",
    "period_total",
    "among",
    "none",
    "none_killed",
    "none_hurt",
    "not_people_after",
    "month_after",
    "date_before",
    "not_a_count_before",
    "hurt_verb_before",
    "killed_verb_before",
    "part_after",
    "not_a_count_after",
    "and",
    "pair",
    "named_killed",
    "killed_list",
    "list_end",
    "list_hurt_tail",
    "list_separator",
    "list_and_start",
    "together",
    "first_victim",
    "one_of",
    "person_name",
    "vague_killed_before",
    "vague_hurt_before",
    "vague_killed_near_before",
    "vague_people_after",
    "word",
    "hurt_word",
    "superseded_before",
)


@dataclass(slots=True)
class Casualties:
    fatalities: int | None = None
    injuries: int | None = None
    qualifiers: list[str] = field(default_factory=list)
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (field, start, end) within the text
    shared: bool = False  # the figure covers several events
    counted: bool = False  # ... and says how many ("in the two strikes", "between the two sites"): never one event's
    period: bool = False  # the figure is a period's or a campaign's toll: no one event's
    partial: bool = False  # a part of a figure given elsewhere ("two of its fighters were among the dead")


@dataclass(frozen=True, slots=True)
class CasualtyRules:
    """Every pack's casualty words, compiled: what ``parse_casualties`` reads with."""

    numbers: dict[str, int]  # number words and articles
    stems: tuple[str, ...]  # any of them in the text: it may state casualties
    appositions: frozenset[str]  # first words of an apposition in a list of victims
    normal: Callable[[str], str]  # the text in every pack's normal form
    cue: dict[str, re.Pattern]  # the ``casualty_*`` cues, without the prefix
    num_subject: re.Pattern  # a number that can open a subject (no article)
    after_num: dict[str, re.Pattern]  # the words after a number, up to the field's verb
    counts: dict[str, tuple[re.Pattern, ...]]  # "killing at least 5", "the toll rose to 5"
    other_word: dict[str, re.Pattern]  # the other field's verb in the words after a number
    other_verb_before: dict[str, re.Pattern]  # the other field's verb just before a number
    and_number: re.Pattern  # "and two (contractors)": a part of a summed figure
    and_part: re.Pattern  # "(killed three soldiers) and two contractors": a part after a counted noun
    risen: re.Pattern  # "the number of wounded has risen to 40" (group hurt: wounded)
    kill_list: re.Pattern  # "killing X and one of his companions" (group obj: the list)
    together: re.Pattern  # "together with one of his aides"
    about_casualties: re.Pattern  # after a vague count: it counts dead or wounded
    about_hurt: re.Pattern  # after a vague count: it counts the wounded
    killed: re.Pattern  # the killed words alone
    other_nouns: dict[str, frozenset[str]]  # per field, the nouns that count the other ("جريح" for the dead)


def _inline(pattern: re.Pattern) -> str:
    """A compiled cue as a group of a case-insensitive pattern, keeping its own case setting."""
    return f"(?:{pattern.pattern})" if pattern.flags & IC else f"(?-i:{pattern.pattern})"


@cache
def casualty_rules() -> CasualtyRules:
    """The casualty patterns of the built-in packs, built once per process."""
    loaded = packs()
    words = loaded.shared_table("number_words")
    articles = loaded.shared_table("number_articles")
    cue = {name: loaded.shared(f"casualty_{name}") for name in CUES}
    # "26,000", "3.000", "3 000" are one number, not 26 or 0
    digits = r"\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?![\d.,]\d)|\d{1,4}"
    # a number may have Arabic "and" written onto it ("3 شهداء و5 جرحى")
    num = rf"(?:\b|(?<=(?<!\w)و))(?P<num>{digits}|{alternation([*words, *articles])})\b"
    killed, hurt = _inline(cue["killed"]), _inline(cue["hurt"])
    verb = {"fatalities": killed, "injuries": hurt}
    other = {"fatalities": hurt, "injuries": killed}
    return CasualtyRules(
        numbers={**words, **articles},
        stems=tuple(loaded.shared_items("casualty_stems")),
        appositions=frozenset(loaded.shared_items("apposition_words")),
        normal=loaded.normal_form(),
        cue=cue,
        num_subject=re.compile(rf"(?:\b|(?<=(?<!\w)و))(?P<num>{digits}|{alternation(words)})\b", IC),
        # the words after a number up to the verb, in the same sentence: a dot only in an initialism ("U.S.")
        after_num={f: re.compile(rf"(?P<what>(?:[^.;:]|(?-i:(?<=[A-Z]))\.){{0,70}}?)\b{verb[f]}", IC) for f in FIELDS},
        counts={
            "fatalities": (
                re.compile(_inline(cue["killed_count"]) + num, IC),
                re.compile(_inline(cue["toll"]) + num, IC),
            ),
            "injuries": (re.compile(_inline(cue["hurt_count"]) + num, IC),),
        },
        other_word={f: re.compile(rf"\b{other[f]}", IC) for f in FIELDS},
        other_verb_before={"fatalities": cue["hurt_verb_before"], "injuries": cue["killed_verb_before"]},
        and_number=re.compile(_inline(cue["and"]) + num, IC),
        and_part=re.compile(r"(?:\s*[^\s\d.,;:،()\[\]]+){0,3}?\s*" + _inline(cue["and"]) + num, IC),
        risen=re.compile(_inline(cue["risen"]) + num, IC),
        # (a dot only in an initialism: "attacks on U.S. forces, along with two of his companions")
        kill_list=re.compile(_inline(cue["killed_list"]) + r"(?P<obj>(?:[^.;]|(?-i:(?<=\b[A-Z]))\.){3,200})", IC),
        together=re.compile(rf"(?:,\s*)?{_inline(cue['together'])}\s*{num}\b", IC),
        about_casualties=re.compile(f"{killed}|{hurt}|{_inline(cue['word'])}|{_inline(cue['hurt_word'])}", IC),
        about_hurt=re.compile(f"{hurt}|{_inline(cue['hurt_word'])}", IC),
        killed=re.compile(killed, IC),
        other_nouns={
            "fatalities": frozenset(loaded.shared_items("casualty_hurt_nouns")),
            "injuries": frozenset(loaded.shared_items("casualty_killed_nouns")),
        },
    )


def mentions_casualties(text: str) -> bool:
    """Cheap pre-check (substring tests, no regex): does the text talk about dead or wounded at all?"""
    low = text.lower()
    return any(w in low for w in casualty_rules().stems)


def _num(word: str) -> int | None:
    w = word.lower()
    bare = re.sub(r"[,.\u202f\u00a0 ]", "", w)
    if bare.isdigit():
        return int(bare)
    r = casualty_rules()
    return r.numbers.get(r.normal(w) if not w.isascii() else w)


_LARGE_FIGURE = re.compile(r"\d[\d,.\u202f\u00a0 ]{3,}\d|[\d٠-٩]{4,}")


def _cites_a_running_toll(text: str) -> bool:
    """Whether ``text`` cites a war's running toll (``kb/tolls``): "the war in Gaza, where more than 20,000
    Palestinians have been killed" is the war's count, not the event's."""
    return bool(_LARGE_FIGURE.search(text)) and any(toll_day(text, lang) for lang in ("en", "fr", "ar"))


_COUNTED = re.compile(r"\d|\b(?:two|three|four|both|deux|trois|quatre)\b|(?:ين|تين)(?!\w)", re.IGNORECASE)


def parse_casualties(text: str) -> Casualties:
    """Casualty figures stated in ``text`` (one sentence or event unit)."""
    r = casualty_rules()
    cue = r.cue
    c = Casualties()
    norm = r.normal(text)
    total = cue["shared_total"].search(text)
    if total:
        c.shared = True
        c.counted = bool(_COUNTED.search(total.group(0)))
    if cue["period_total"].search(text) or _cites_a_running_toll(text):
        c.period = True
    if cue["among"].search(norm):
        c.partial = True
    m = cue["none"].search(norm)
    if m:
        c.fatalities, c.injuries = 0, 0
        c.spans.append(("casualties", *m.span()))
    if cue["none_killed"].search(norm):
        c.fatalities = 0
    m = cue["none_hurt"].search(text)
    if m:
        c.injuries = 0
        c.spans.append(("injuries", *m.span()))
        if c.fatalities is None and not r.killed.search(text):
            c.fatalities = 0  # "none of them caused injuries": nobody was hurt at all
    for fld in FIELDS:
        value, span = _figure(norm, fld)
        if value is not None:
            setattr(c, fld, value)
            c.spans.append((fld, *span))
    for m in r.risen.finditer(text):
        n = _num(m.group("num"))
        fld = "injuries" if m.group("hurt") is not None else "fatalities"
        if n is not None:
            setattr(c, fld, n)
            c.spans.append((fld, *m.span()))
    m = cue["pair"].search(text)
    if m:
        fld = "fatalities" if m.group("killed") else "injuries"
        if getattr(c, fld) is None:
            setattr(c, fld, 2)
    if c.fatalities is None and cue["named_killed"].search(text) and not cue["vague"].search(text):
        c.fatalities = 1
    if c.fatalities is None or c.fatalities <= 1:
        listed = _listed_killed(text)
        if listed and (c.fatalities is None or listed > c.fatalities):
            c.fatalities = listed
    for m in cue["vague"].finditer(norm):
        tail = norm[m.end() : m.end() + 80]
        head = norm[max(0, m.start() - 20) : m.start()]
        if cue["vague_killed_before"].search(head):
            c.qualifiers.append(text[m.start() : m.end() + 30].strip())
            c.fatalities = None
            continue
        if cue["vague_hurt_before"].search(head):
            c.qualifiers.append(text[m.start() : m.end() + 30].strip())
            c.injuries = None
            continue
        near_killed = cue["vague_killed_near_before"].search(head)
        if not cue["vague_people_after"].match(tail) and not near_killed:
            continue  # "several rockets": a vague count of something else
        if r.about_casualties.search(tail) or near_killed:
            c.qualifiers.append(text[m.start() : m.end() + 30].strip())
            if r.about_hurt.search(tail[:60]):
                c.injuries = None
            elif r.killed.search(tail[:60]):
                c.fatalities = None
    return c


def _figure(text: str, fld: str) -> tuple[int | None, tuple[int, int]]:
    """The last figure stated for ``fld`` (updates come later in a text), summing listed components."""
    r = casualty_rules()
    cue = r.cue
    found: list[tuple[int, int, int]] = []  # (value, start, end)
    for m in r.num_subject.finditer(text):
        n = _num(m.group("num"))
        after = r.after_num[fld].match(text, m.end())
        if n is None or after is None:
            continue
        if _counted_noun(text, m):
            continue  # "ثمانية مدنيين": the dual noun is counted by the number before it, not two of its own
        if m.group("num") in r.other_nouns[fld]:
            continue  # "102 جريح، ... 80 شهيداً": a wounded man is no count of the dead
        what = after.group("what")
        if cue["none_killed" if fld == "fatalities" else "none_hurt"].search(text, m.end(), after.end() + 12):
            continue  # "according to two security officials, but no one was killed": the 2 is no count of the dead
        if cue["not_people_after"].match(what):
            continue  # "two drones were shot down", "85 targets ..., and killed": not people
        if cue["month_after"].match(what):
            continue  # "31 janvier", "Oct 19": a date, not a count
        if 1900 <= n <= 2100 and cue["date_before"].search(text, max(0, m.start() - 16), m.start()):
            continue  # "21 nov 2024 (AFP) - ... ont tué": the year of a date, not a count
        if r.other_word[fld].search(what):
            continue  # "two were killed and 24 others wounded": the 2 belongs to the other field
        before = text[max(0, m.start() - 25) : m.start()]
        if _superseded(text, m.start()):
            continue  # "after an initial toll of seven": the figure the later one replaced
        if cue["not_a_count_before"].search(before):
            continue  # "no one was hurt", "Tower 22", "July 31", "F-16"
        if r.other_verb_before[fld].search(before):
            continue  # "killed three soldiers and wounded dozens": the 3 is the other verb's object
        if cue["part_after"].match(what):
            continue  # "two of them seriously": a part of a figure already given
        if _among_before(text, m.start()):
            continue  # "تسعة شهداء بينهم امرأتان وأربعة أطفال، و174 جريحاً": the children are among the dead
        for extra in r.and_number.finditer(what):
            k = _num(extra.group("num"))
            if k:
                n += k
        found.append((n, m.start(), after.end()))
    # (a toll raised after a figure of the other kind is that kind's: "six wounded, a toll later raised to eight")
    raised = [(a, b) for a, b, _, kind in _raised_tolls(text) if kind not in (None, fld)]
    for pat in r.counts[fld]:
        for m in pat.finditer(text):
            if any(a <= m.start("num") < b for a, b in raised):
                continue
            n = _num(m.group("num"))
            if _counted_noun(text, m):
                continue  # "قتلت الغارة ثمانية مدنيين": the count is the number, not its dual noun
            if n == 1 and cue["not_a_count_after"].match(text, m.end()):
                continue  # "killing more than a dozen people"
            if cue["not_people_after"].match(text[m.end() : m.end() + 60]):
                continue  # "سقوط ثلاث قذائف": shells fell, no one
            if n is not None and not _superseded(text, m.start("num")):
                extra, end = _and_parts(text, m.end(), fld)
                found.append((n + extra, m.start(), end))
    # "six hurt at first, a toll later raised to eight": the raised figure is of the kind counted just before it
    found += [(n, a, b) for a, b, n, kind in _raised_tolls(text) if n is not None and kind == fld]
    if not found:
        return None, (0, 0)
    # a component inside a summed figure ("five troops and two contractors") is not a figure of its own
    outer = [f for f in found if not any(o[1] < f[1] < o[2] for o in found)]
    value, start, end = max(outer, key=lambda f: f[1])
    return value, (start, end)


# each language's words for a toll raised to a bare figure (one shared cue each: their groups share a name)
_RAISED = ("toll_raised_to", "toll_raised_to_fr", "toll_raised_to_ar")


@lru_cache(maxsize=8)
def _raised_tolls(text: str) -> tuple[tuple[int, int, int | None, str | None], ...]:
    """(start, end, figure, field) of each toll raised to a bare figure in ``text``: the field is the kind of the
    figures told just before it (``_last_kind``). Read once for both fields."""
    return tuple(
        (m.start(), m.end(), _num(m.group("num")), _last_kind(text[max(0, m.start() - 100) : m.start()]))
        for name in _RAISED
        for m in packs().shared(name).finditer(text)
    )


def _last_kind(before: str) -> str | None:
    """The field whose words ``before`` names last ("six wounded, a toll ...": injuries), or None."""
    cue = casualty_rules().cue
    last = {f: max((m.end() for w in words for m in cue[w].finditer(before)), default=-1) for f, words in _KIND_WORDS}
    return None if max(last.values()) < 0 else max(last, key=last.get)


_KIND_WORDS = (("fatalities", ("killed", "killed_count")), ("injuries", ("hurt", "hurt_count")))


def _counted_noun(text: str, m: re.Match) -> bool:
    """A noun the number words list (a dual, "مدنيين"; a singular, "جندي") right after a number (three or more, in
    figures or words) that counts it."""
    word = m.group("num")
    if re.sub(r"[,.\u202f\u00a0 ]", "", word).isdigit():
        return False
    before = text[max(0, m.start("num") - 20) : m.start("num")].split()
    # (a number of three or more: "جندي واحد" is one soldier, its noun no count of its own)
    return bool(before) and (_num(before[-1]) or 0) >= 3


def _among_before(text: str, at: int) -> bool:
    """The figure at ``at`` is listed among the people a figure just before counts ("nine killed, among them two
    women and four children", "بينهم امرأتان وأربعة أطفال"): a part of it, no count of its own. The list runs
    from the among-word to the figure with no comma between."""
    before = text[max(0, at - 40) : at]
    among = list(casualty_rules().cue["among"].finditer(before))
    return bool(among) and not re.search(r"[,،;؛.]", before[among[-1].end() :])


def _superseded(text: str, at: int) -> bool:
    """The figure at ``at`` is the one a later toll replaced ("up from an initial toll of seven", "بعدما كانت الحصيلة
    الأولية سبعة شهداء")."""
    return bool(casualty_rules().cue["superseded_before"].search(text, max(0, at - 45), at))


def _and_parts(text: str, pos: int, fld: str) -> tuple[int, int]:
    """The parts joined to a counted noun ("killing three soldiers and two contractors", "مقتل جندي ومتعاقدين
    اثنين"): their sum, and where the last ends. A part that the other field's verb follows ("and two others
    were wounded"), that counts no people ("and two drones") or that a casualty word opens ("وإصابة اثنين") is not
    one."""
    r = casualty_rules()
    cue = r.cue
    total = 0
    while m := r.and_part.match(text, pos):
        tail = text[m.end() : m.end() + 40]
        n = _num(m.group("num"))
        if (
            not n
            or m.group("num") in r.other_nouns[fld]  # "شهيد وجريح": one dead, one wounded
            or cue["not_people_after"].match(tail)
            or r.other_word[fld].search(re.split(r"[.;:،,]", tail)[0])
            or any(p.search(m.group(0)) for p in (r.about_casualties, *r.counts["injuries"], *r.counts["fatalities"]))
        ):
            break  # "and two others were wounded", "and two drones", "وإصابة اثنين": no part of this figure
        total += n
        pos = m.end()
    return total, pos


def _listed_killed(text: str) -> int | None:
    """'killing Mushtaq al-Saidi ... and one of his companions' -> 2 (names plus counted others)."""
    r = casualty_rules()
    cue = r.cue
    m = r.kill_list.search(text)
    if not m:
        return None
    obj = m.group("obj")
    extra = 0
    # "together with one of his aides", "ainsi qu'un de ses gardes du corps": also after an apposition the list's end
    # cuts ("killed Abu Baqir al-Saadi, the commander CENTCOM said ..., along with two of his companions")
    m2 = r.together.search(obj)
    if m2:
        extra = _num(m2.group("num")) or 0
        obj = obj[: m2.start()]
    for end in (cue["list_end"], cue["list_hurt_tail"]):
        stop = end.search(obj)
        if stop:
            obj = obj[: stop.start()]
    items = cue["list_separator"].split(obj)
    total = 0
    for position, item in enumerate(items):
        item = item.strip()
        item = cue["list_and_start"].sub("", item)
        if not item:
            continue
        first = item.split()[0].lower()
        if position == 0 and cue["first_victim"].search(item):
            total += 1  # "killing a senior commander and two companions": the first object is a victim
            continue
        if first in r.appositions and not cue["one_of"].search(item):
            continue  # apposition ("a senior commander of ..."), not a further victim
        n = _num(first)
        if n is not None and len(item.split()) > 1:
            total += n
        elif cue["one_of"].match(item) or cue["person_name"].search(item):
            total += 1
    total += extra
    return total or None
