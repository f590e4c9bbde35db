"""Fatalities and injuries from a span of text.

"at least 34 injured" -> 34; "five troops and two contractors were wounded" -> 7;
"killing X and one of his companions" -> 2; "no casualties" -> 0 and 0;
"dozens" / "several" / "a number of" -> None with a qualifier. Figures given for
several events together ("in the two strikes") are not assigned to either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimgraph.nlp.normalize import normalize_arabic

IC = re.IGNORECASE

_EN = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a dozen": 12,
    "dozen": 12,
}
_FR = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
}
_AR = {
    normalize_arabic(k): v
    for k, v in {
        "واحد": 1,
        "شخص واحد": 1,
        "اثنان": 2,
        "اثنين": 2,
        "ثلاثة": 3,
        "ثلاث": 3,
        "أربعة": 4,
        "أربع": 4,
        "خمسة": 5,
        "خمس": 5,
        "ستة": 6,
        "ست": 6,
        "سبعة": 7,
        "سبع": 7,
        "ثمانية": 8,
        "ثماني": 8,
        "تسعة": 9,
        "عشرة": 10,
        "عشر": 10,
        # dual nouns count two; "a third" one more
        "جنديان": 2,
        "جنديين": 2,
        "شخصان": 2,
        "شخصين": 2,
        "عنصران": 2,
        "عنصرين": 2,
        "مدنيان": 2,
        "مدنيين": 2,
        "مقاتلان": 2,
        "مقاتلين": 2,
        "ثالث": 1,
        "آخر": 1,
    }.items()
}
_WORDS = {**_EN, **_FR, **_AR}


def _num_pattern(words) -> str:
    alts = "|".join(sorted((re.escape(w) for w in words if " " not in w), key=len, reverse=True))
    return rf"\b(?P<num>\d{{1,4}}|{alts})\b"


_NUM = _num_pattern(_WORDS)
# Subjects never start with the article: "a" / "an" count only as objects ("killed a commander").
_NUM_SUBJ = _num_pattern(w for w in _WORDS if w not in ("a", "an", "un", "une"))
VAGUE = re.compile(
    r"\b(several|a number of|dozens|(?:more than |over |nearly )?a dozen|scores|some|many|numerous|unspecified number|"
    r"an unspecified|a few|"
    r"plusieurs|des dizaines|عشرات|العشرات|عدد من)\b|(?:عشرات|العشرات|عدد من)",
    IC,
)
SHARED_TOTAL = re.compile(
    r"\b(?:in|during|across) (?:the |both )?(?:two|three|four|\d+|both|all) (?:strikes|attacks|raids|sites|incidents)\b"
    r"|\bwithout saying how many\b|\bat each site\b|\bin total\b|\baltogether\b|\bcombined\b",
    IC,
)

_KILL_WORDS = r"killed|dead|died|were killed|was killed|lost their lives|martyred|tués?|قتلوا|قتل|لقوا حتفهم"
_KILL_V = rf"(?:{_KILL_WORDS})"
_HURT_WORDS = (
    r"wounded|injured|hurt|treated for (?:minor )?injuries|suffered (?:minor |non-serious |serious )?injuries|"
    r"blessés?|اصيب|اصيبوا|جرحى"
)
_HURT_V = rf"(?:{_HURT_WORDS})"
_AR_KILL_N = normalize_arabic("مقتل") + "|" + normalize_arabic("اودى بحياة") + "|" + normalize_arabic("استشهاد")
_AR_HURT_N = normalize_arabic("اصابة") + "|" + normalize_arabic("وإصابة") + "|" + normalize_arabic("جرح")

# "NUM ... were killed": tried at every number, so one match cannot hide the next.
_NUM_SUBJ_RE = re.compile(_NUM_SUBJ, IC)
_AFTER_NUM = {
    "fatalities": re.compile(rf"(?P<what>[^.;:]{{0,70}}?)\b{_KILL_V}", IC),
    "injuries": re.compile(rf"(?P<what>[^.;:]{{0,70}}?)\b{_HURT_V}", IC),
}
# "killing NUM ...", "injuring at least 34"
_VERB_OBJ = {
    "fatalities": re.compile(
        rf"\b(?:killing|killed|kills|kill|death of|deaths of|martyred|tuant|a tué|ont tué)\s+(?:all\s+)?"
        rf"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|on \w+day)\s+)?"
        rf"(?:at least |more than |au moins )?{_NUM}",
        IC,
    ),
    "injuries": re.compile(
        rf"\b(?:wounding|injuring|wounded|injured|blessant)\s+(?:at least |more than )?{_NUM}\b", IC
    ),
}
_MONTH_AFTER = re.compile(
    r"^\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|"
    r"déc|dec)\w*\b",
    IC,
)
# a month name (or a day and a month) just before a four-digit number: it is a year
_YEAR_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|"
    r"déc)[\w.]*,?\s+(?:\d{1,2},?\s+)?$",
    IC,
)
# "the death toll had risen to five"
_TOLL = re.compile(rf"\b(?:death toll|toll)\b[^.;]{{0,30}}?\b(?:to|at|of)\s+(?:at least\s+)?{_NUM}", IC)
_AR_NOUN = {
    "fatalities": re.compile(rf"(?:{_AR_KILL_N}|قتل|قتلوا)\s+{_NUM}"),
    "injuries": re.compile(rf"(?:{_AR_HURT_N}|اصيب|واصيب)\s+{_NUM}"),
}
_ZERO_BOTH = re.compile(
    r"\b(no casualties|no one was (?:hurt|harmed|injured)|nobody was (?:hurt|injured)|neither damage nor casualties|"
    r"caused no casualties|without casualties|no (?:human )?losses|aucune victime|pas de victime|"
    r"sans faire de (?:victimes?|blessés)|n'a fait aucune victime|aucun blessé)\b"
    "|"
    + normalize_arabic("عدم وقوع أي إصابات")
    + "|"
    + normalize_arabic("دون وقوع إصابات")
    + "|"
    + normalize_arabic("لا إصابات")
    + "|"
    + normalize_arabic("دون تسجيل إصابات")
    + "|"
    + normalize_arabic("لم يسفر عن إصابات")
    + "|"
    + normalize_arabic("لم تسجل إصابات")
    + "|"
    + normalize_arabic("دون تسجيل اصابات")
    + "|"
    + r"(?:دون|بدون|لم)[^.،]{0,25}"
    + normalize_arabic("خسائر بشرية"),
    IC,
)
_ZERO_INJ = re.compile(
    r"\b(no injuries|none of them caused injuries|caused no injuries|no one was injured|"
    r"no (?:one|personnel) (?:were|was) (?:injured|wounded)|no (?:human )?injuries)\b",
    IC,
)
_ZERO_KILL_AR = re.compile(
    "|".join(normalize_arabic(p) for p in ("لم تسجل أي حالة وفاة", "دون وقوع وفيات", "لا وفيات", "لم تسجل أي وفيات"))
)
_ZERO_KILL = re.compile(
    r"\b(no deaths|no (?:one|\w+ (?:service members|troops|soldiers|personnel)) (?:were|was) killed|no fatalities|"
    r"no one was killed)\b",
    IC,
)
_PERSON_NOUN = re.compile(
    r"\b(?:commander|leader|official|member|fighter|soldier|officer|civilian|man|woman|child|contractor|"
    r"militant|driver|aide|chief|general)\b",
    IC,
)
# words that open an apposition ("a senior commander", "known as Abu Taqwa", "dit « Abou Taqwa »"), not a victim
_APPOSITION = frozenset(
    [
        "a",
        "an",
        "the",
        "known",
        "who",
        "whom",
        "which",
        "its",
        "his",
        "their",
        "dit",
        "alias",
        "surnommé",
        "l'un",
        "l",
        "un",
    ]
)
_TOGETHER = re.compile(
    rf"(?:,\s*)?\b(?:together with|along with|alongside|ainsi qu['’ ]|avec)\s*{_NUM}\b"
    rf"(?:\s+(?:of|de)\s+(?:his|her|their|ses|leurs))?",
    IC,
)
_KILL_LIST = re.compile(
    r"\b(?:killing|killed|a tué|ont tué)\s+"
    r"(?!by\b|in\b|on\b|at\b|when\b|while\b|during\b|since\b|after\b|as\b|there\b|of\b|and\b)"
    r"(?P<obj>[^.;]{3,200})",
    IC,
)
# "the toll of injured has risen to at least 40": the field is named before the update
_RISEN = re.compile(
    rf"\b(?P<what>injur\w*|wounded|hurt|dead|death|deaths|killed|fatalities)\b[^.;]{{0,90}}?\b(?:risen|rose|climbed|"
    rf"increased|grown|jumped) to (?:at least |more than )?{_NUM}",
    IC,
)
# "Nasrallah was killed", "a police officer and a civilian were killed"
_NAMED_KILLED = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:al-|Abu\s+)?[A-Z][\w-]+)*\s+was\s+(?:killed|assassinated)\b")
_ARTICLE_LIST = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w-]+\s+){1,2}(?:and|,)\s+(?:an?|one)\s+(?:[\w-]+\s+){1,2}"
    r"(?:were|have been) (?P<verb>killed|wounded|injured)\b"
)


@dataclass(slots=True)
class Casualties:
    fatalities: int | None = None
    injuries: int | None = None
    qualifiers: list[str] = field(default_factory=list)
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (field, start, end) within the text
    shared: bool = False  # the figure covers several events
    partial: bool = False  # a part of a figure given elsewhere ("two of its fighters were among the dead")


_CASUALTY_STEMS = (
    "kill",
    "dead",
    "death",
    "died",
    "wound",
    "injur",
    "hurt",
    "casualt",
    "victim",
    "lives",
    "bless",
    "tué",
    "مقتل",
    "قتل",
    "اصاب",
    "اصيب",
    "جرح",
    "حياه",
    "حتف",
    "ضحايا",
    "خساير",  # normalised form of خسائر
)


def mentions_casualties(text: str) -> bool:
    """Cheap pre-check (substring tests, no regex): does the text talk about dead or wounded at all?"""
    low = text.lower()
    return any(w in low for w in _CASUALTY_STEMS)


def _num(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return _WORDS.get(normalize_arabic(w) if not w.isascii() else w)


_PARTIAL = re.compile(
    r"\bamong (?:the dead|those killed|the victims|the wounded|them)\b|\bparmi (?:les|eux)\b|بينهم|من بينهم", IC
)
# "more than a dozen", "a number of": the article is no count
_NOT_A_COUNT_AFTER = re.compile(r"\s*(?:dozen|number|few|handful|score|couple|series)\b", IC)


def parse_casualties(text: str) -> Casualties:
    """Casualty figures stated in ``text`` (one sentence or event unit)."""
    c = Casualties()
    norm = normalize_arabic(text)
    if SHARED_TOTAL.search(text):
        c.shared = True
    if _PARTIAL.search(norm):
        c.partial = True
    m = _ZERO_BOTH.search(norm)
    if m:
        c.fatalities, c.injuries = 0, 0
        c.spans.append(("casualties", *m.span()))
    if _ZERO_KILL.search(text) or _ZERO_KILL_AR.search(norm):
        c.fatalities = 0
    m = _ZERO_INJ.search(text)
    if m:
        c.injuries = 0
        c.spans.append(("injuries", *m.span()))
        if c.fatalities is None and not re.search(_KILL_V, text, IC):
            c.fatalities = 0  # "none of them caused injuries": nobody was hurt at all
    for fld in ("fatalities", "injuries"):
        value, span = _figure(norm, fld)
        if value is not None:
            setattr(c, fld, value)
            c.spans.append((fld, *span))
    for m in _RISEN.finditer(text):
        n = _num(m.group("num"))
        fld = "injuries" if re.match(r"injur|wound|hurt", m.group("what"), IC) else "fatalities"
        if n is not None:
            setattr(c, fld, n)
            c.spans.append((fld, *m.span()))
    m = _ARTICLE_LIST.search(text)
    if m:
        fld = "fatalities" if m.group("verb") == "killed" else "injuries"
        if getattr(c, fld) is None:
            setattr(c, fld, 2)
    if c.fatalities is None and _NAMED_KILLED.search(text) and not VAGUE.search(text):
        c.fatalities = 1
    if c.fatalities is None or c.fatalities <= 1:
        listed = _listed_killed(text)
        if listed and (c.fatalities is None or listed > c.fatalities):
            c.fatalities = listed
    for m in VAGUE.finditer(norm):
        tail = norm[m.end() : m.end() + 80]
        head = norm[max(0, m.start() - 20) : m.start()]
        if re.search(r"\b(?:killed|killing)\s+$", head, IC):
            c.qualifiers.append(text[m.start() : m.end() + 30].strip())
            c.fatalities = None
            continue
        if re.search(r"\b(?:wounded|wounding|injured|injuring)\s+(?:\w+\s+)?$", head, IC):
            c.qualifiers.append(text[m.start() : m.end() + 30].strip())
            c.injuries = None
            continue
        if not re.match(
            r"^\s*(?:of\s+)?(?:[\w-]+\s+){0,3}?(?:people|personnel|soldiers|troops|service|civilians|fighters|members|"
            r"injur|wound|casualt|dead|killed|others|were|was|militaires|personnes|مقاتل|شخص|جندي|آخرين)",
            tail,
            IC,
        ) and not re.search(r"(?:اصيب|قتل)", head):
            continue  # "several rockets": a vague count of something else
        if re.search(rf"{_KILL_V}|{_HURT_V}|casualt|victim|injur|wound", tail, IC) or re.search(r"(?:اصيب|قتل)", head):
            c.qualifiers.append(text[m.start() : m.end() + 30].strip())
            if (
                re.search(rf"{_HURT_V}|injur|wound", tail[:60], IC)
                or "اصيب" in norm[max(0, m.start() - 20) : m.start()]
            ):
                c.injuries = None
            elif re.search(_KILL_V, tail[:60], IC):
                c.fatalities = None
    return c


def _figure(text: str, fld: str) -> tuple[int | None, tuple[int, int]]:
    """The last figure stated for ``fld`` (updates come later in a text), summing listed components."""
    found: list[tuple[int, int, int]] = []  # (value, start, end)
    other = _KILL_WORDS if fld == "injuries" else _HURT_WORDS
    for m in _NUM_SUBJ_RE.finditer(text):
        n = _num(m.group("num"))
        after = _AFTER_NUM[fld].match(text, m.end())
        if n is None or after is None:
            continue
        what = after.group("what")
        if re.match(
            r"^\s*(?:[\w-]+\s+)?(?:times|attacks|strikes|km|kilomet|hours|minutes|days|rockets|drones|missiles|targets|"
            r"sites|facilities|positions|locations|bases)\b",
            what,
            IC,
        ):
            continue  # "two drones were shot down", "85 targets ..., and killed": not people
        if _MONTH_AFTER.match(what):
            continue  # "31 janvier", "Oct 19": a date, not a count
        if 1900 <= n <= 2100 and _YEAR_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue  # "21 nov 2024 (AFP) - ... ont tué": the year of a date, not a count
        if re.search(rf"\b(?:{other})", what, IC):
            continue  # "two were killed and 24 others wounded": the 2 belongs to the other field
        before = text[max(0, m.start() - 25) : m.start()]
        if re.search(r"\b(?:no|none|not)\s+$|[A-Z][\w.-]*\s+$|[-/]$", before):
            continue  # "no one was hurt", "Tower 22", "July 31", "F-16"
        if re.search(rf"\b(?:{other}|killing|wounding|injuring)\s+(?:at least\s+)?$", before, IC):
            continue  # "killed three soldiers and wounded dozens": the 3 is the other verb's object
        if re.match(r"\s+(?:of them|d'entre eux)\b", what, IC):
            continue  # "two of them seriously": a part of a figure already given
        for extra in re.finditer(rf"\b(?:and|et|و)\s+{_NUM}", what, IC):
            k = _num(extra.group("num"))
            if k:
                n += k
        found.append((n, m.start(), after.end()))
    for pat in (_VERB_OBJ[fld], _AR_NOUN[fld]) + ((_TOLL,) if fld == "fatalities" else ()):
        for m in pat.finditer(text):
            n = _num(m.group("num"))
            if n == 1 and _NOT_A_COUNT_AFTER.match(text, m.end()):
                continue  # "killing more than a dozen people"
            if n is not None:
                found.append((n, m.start(), m.end()))
    if not found:
        return None, (0, 0)
    # a component inside a summed figure ("five troops and two contractors") is not a figure of its own
    outer = [f for f in found if not any(o[1] < f[1] < o[2] for o in found)]
    value, start, end = max(outer, key=lambda f: f[1])
    return value, (start, end)


def _listed_killed(text: str) -> int | None:
    """'killing Mushtaq al-Saidi ... and one of his companions' -> 2 (names plus counted others)."""
    m = _KILL_LIST.search(text)
    if not m:
        return None
    obj = re.split(r",\s+(?:Iraqi|US|the|officials|security|a US|according)\b|\s+(?:said|according)\b", m.group("obj"))[
        0
    ]
    obj = re.split(rf"\s+and\s+(?:{_NUM_SUBJ}|\w+)\s+(?:others\s+)?(?:{_HURT_WORDS})\b", obj, flags=IC)[0]
    extra = 0
    m2 = _TOGETHER.search(obj)
    if m2:
        extra = _num(m2.group("num")) or 0  # "together with one of his aides", "ainsi qu'un de ses gardes du corps"
        obj = obj[: m2.start()]
    items = re.split(r",\s*|\s+and\s+", obj)
    total = 0
    for position, item in enumerate(items):
        item = item.strip()
        item = re.sub(r"^(?:and|et)\s+", "", item)
        if not item:
            continue
        first = item.split()[0].lower()
        if position == 0 and first in ("a", "an") and _PERSON_NOUN.search(item):
            total += 1  # "killing a senior commander and two companions": the first object is a victim
            continue
        if first in _APPOSITION and "one of" not in item:
            continue  # apposition ("a senior commander of ..."), not a further victim
        n = _num(first)
        if n is not None and len(item.split()) > 1:
            total += n
        elif item.startswith("one of") or re.search(r"\b[A-Z][a-z]+(?:\s+(?:al-|Abu\s+)?[A-Z][\w-]+)+", item):
            total += 1
    total += extra
    return total or None
