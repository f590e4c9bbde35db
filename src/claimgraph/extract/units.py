"""Event units: the stretch of text one event is read from, and its places and dates.

A unit is a sentence, or a whole paragraph when the paragraph is a list item
("- 23 Oct (Mon): al-Tanf garrison ... Claimed by IRI.", "2. Ain al-Asad,
2023-11-20. ..."), because trackers and briefings spread one event over several
short sentences. For each unit we decide which place mentions are event sites
(not datelines, locators such as "near Erbil", launch sites, hospitals, or
speaker labels such as "Kirkuk police") and which date belongs to each site.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from claimgraph.extract import cues
from claimgraph.kb.loader import Place
from claimgraph.nlp import literals
from claimgraph.nlp.dates import DateMention
from claimgraph.nlp.normalize import normalize_arabic
from claimgraph.nlp.pipeline import Annotated, Mention

_LIST_ITEM = re.compile(r"^\s*(?:[-•*–]\s+|\d{1,2}[.)](?:\s+|$))")
_DATE_RANK = {
    "absolute": 0,
    "hijri": 0,
    "weekday": 1,
    "relative": 1,
    "holiday": 1,
    "anchored": 2,
    "week": 3,
    "month": 3,
}


@dataclass(slots=True)
class Unit:
    """Sentences read together for one or more events."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    sentences: list[int]
    mentions: list[Mention]
    dates: list[DateMention] = field(default_factory=list)
    norm: str = ""  # Arabic-normalised text for Arabic cue matching
    low: str = ""  # lower-cased text for cheap substring pre-checks
    launch_sites: list[Mention] = field(default_factory=list)

    def has(self, pattern: re.Pattern) -> re.Match | None:
        """``pattern``'s first match in the unit (its normalised text in Arabic), skipped when the pattern's
        required literals are not in it (``literals.scope``: tested once per unit and pattern)."""
        text = self.norm or self.text
        return literals.scope(text)(pattern).search(text)

    def langs(self) -> tuple[str, ...]:
        """The languages whose patterns may read the unit (an Arabic unit carries its normalised text)."""
        return ("ar",) if self.norm else ("en", "fr")

    def rel(self, pos: int) -> int:
        return pos - self.start

    def head(self, end: int) -> Unit:
        """The unit cut at document offset ``end``, with what is named before it."""
        cut = end - self.start
        return replace(
            self,
            end=end,
            text=self.text[:cut],
            mentions=[m for m in self.mentions if m.end <= end],
            dates=[d for d in self.dates if d.end <= end],
            norm=self.norm[:cut],
            low=self.low[:cut],
            launch_sites=[m for m in self.launch_sites if m.end <= end],
        )


def _of_another_year(after: str, unit: Unit) -> bool:
    """The place is followed by a year ("in Baghdad in 2020") that is not the year of the unit's own days: the place
    is of that year's event, not of the unit's."""
    m = next((m for c in cues.per_language("place_year") if (m := c.match(after))), None)
    if not m:
        return False
    years = {d.value.year for d in unit.dates if d.value is not None and d.precision == "day"}
    return bool(years) and int(m.group(1)) not in years


def _cue_search(stem: str, text: str) -> bool:
    """Whether any language's cue ``stem`` (``cues.per_language``) is found in ``text``."""
    return any(c.search(text) for c in cues.per_language(stem))


def listed_together(a: Mention, b: Mention, text: str, offset: int = 0) -> bool:
    """Two places next to each other as items of one list ("in the Golan and Tiberias"); ``text`` starts at document
    offset ``offset``."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = text[first.end - offset : second.start - offset]
    if not between.strip():
        between += second.text  # "وطبريا": the mention holds the conjunction
    return len(between) < 12 and (next_item(between) or between.strip() in (",", "،"))


def next_item(between: str) -> bool:
    """The words between two places open a new item of a list ("near A and «a safe house» near B")."""
    return any(c.match(between) for c in cues.per_language("next_list_item"))


def title_mentions(ann: Annotated, label: str) -> list[Mention]:
    """The mentions of ``label`` that are the whole first line of the text (a page headed "Ain al-Asad Airbase" or
    "Islamic Resistance in Iraq": what the page is about)."""
    text = ann.text
    head = len(text) - len(text.lstrip())
    end = text.find("\n", head)
    end = len(text) if end < 0 else end
    line = text[head:end].strip()
    return [m for m in ann.mentions if m.start < end and m.label == label and m.text == line]


def clauses(unit: Unit) -> list[tuple[int, int]]:
    """Document offsets of the unit's clauses ("X struck A, hours after Y fired at B" has two)."""
    cuts = [unit.start] + [unit.start + m.start() for m in cues.shared("clause_break").finditer(unit.text)] + [unit.end]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def clause_of(pos: int, bounds: list[tuple[int, int]]) -> tuple[int, int]:
    for a, b in bounds:
        if a <= pos < b:
            return a, b
    return bounds[-1]


def build_units(ann: Annotated) -> list[Unit]:
    """The units of a document: a sentence, or a list item; page furniture (related links, share bars,
    a caption repeated word for word) makes none."""
    units: list[Unit] = []
    by_para: dict[int, list[int]] = {}
    skip = [(a, b) for a, b, kind in cues.furniture_lines(ann.text) if kind in ("furniture", "repeat")]
    for s in ann.sentences:
        if any(a <= s.start < b for a, b in skip):
            continue
        by_para.setdefault(s.paragraph, []).append(s.index)
    for para in sorted(by_para):
        idxs = by_para[para]
        first = ann.sentences[idxs[0]]
        item = _LIST_ITEM.match(ann.text[first.start : first.start + 6])
        groups = [idxs] if item and not _item_of_paragraphs(ann, idxs, item.end()) else _continued(ann, idxs)
        for g in groups:
            s0, s1 = ann.sentences[g[0]], ann.sentences[g[-1]]
            text = ann.text[s0.start : s1.end]
            ms = [m for i in g for m in ann.in_sentence(i)]
            units.append(
                Unit(
                    len(units),
                    s0.start,
                    s1.end,
                    text,
                    para,
                    g,
                    ms,
                    norm=normalize_arabic(text) if ann.lang == "ar" else "",
                    low=text.lower(),
                )
            )
    return units


_ITEM_SENTENCES = 3  # a list item of this many sentences is a paragraph with a number, not one entry


def _item_of_paragraphs(ann: Annotated, idxs: list[int], marker: int) -> bool:
    """A numbered or bulleted paragraph of several sentences whose first sentence tells its news with its day ("1. US
    forces struck two facilities on November 12. Two F-15Es struck ... This is the third round since October 17; the
    second ... on November 8"): read sentence by sentence, as a paragraph. A timeline's entry, headed by its date
    ("OCT. 18 – ...", "Ain al-Asad, 2023-11-20."), or by a title whose day comes later ("Strikes on two facilities.
    ... The strikes took place on Wednesday 2023-11-22"), stays whole."""
    from claimgraph.nlp.dates import find_dates

    if _LIST_ITEM.fullmatch(ann.sentences[idxs[0]].text.strip() + " "):
        idxs, marker = idxs[1:], 0  # "1." read as a sentence of its own
    if len(idxs) < _ITEM_SENTENCES or ann.lang not in ("en", "fr", "ar"):
        return False
    first = ann.sentences[idxs[0]]
    found = [d for d in find_dates(first.text, 0, ann.lang, None) if d.precision == "day" and d.kind != "weekday"]
    return bool(found) and all(d.start > marker + 30 for d in found)


def _continued(ann: Annotated, idxs: list[int]) -> list[list[int]]:
    """One group per sentence of a paragraph, but a sentence that opens with a part of the count told before it
    ("... attacked four enemy bases. Three of them in Syria: al-Shaddadi, Rukban and al-Tanf") joins it."""
    groups: list[list[int]] = []
    for i in idxs:
        text = ann.sentences[i].text
        opening = normalize_arabic(text[:60]) if ann.lang == "ar" else text[:60]
        if groups and any(cue.match(opening) for cue in cues.per_language("partitive_start")):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


_SOURCE_PREFIX = re.compile(r"\s*\([^)\n]{0,40}\)\s*")  # "(MENAFN- Nam News Network) BAGHDAD, May 8 ..."
_DATELINE_AFTER_TAG = re.compile(r"[A-Z][A-Z]")  # after a source tag, only a place in capitals is a dateline


def dateline_end(text: str, lang: str = "en") -> int:
    """End of the dateline ("BAGHDAD, July 27 (Reuters) -"), which may follow a correction line, a header, an
    aggregator's source tag or the page furniture above a story. In the first four lines any dateline form
    counts; further down (menus, captions, share bars above the story) only a place in capitals or one with
    a wire agency does, so that a headline "Tower 22 drone attack - what we know" is not taken for one (lines
    with text are counted: "الرئيسية / أمن", a share bar and a time stamp, then "بغداد - شفق نيوز/"). A line
    headed by a date alone ("OCT. 18 - U.S. forces ...") is a timeline's entry, not a dateline."""
    from claimgraph.nlp.dates import find_dates

    # an opening metadata line ("date 2024-01-24 ERBIL ...") is blanked by then: the dateline follows the spaces
    offset, n = 0, -1
    for line in text[:2000].splitlines(keepends=True)[:15]:
        n += bool(line.strip())  # the lines counted are those with text: blank lines between menus count for nothing
        lead = len(line) - len(line.lstrip(" \t"))
        prefix = _SOURCE_PREFIX.match(line, lead)
        at = prefix.end() if prefix and _DATELINE_AFTER_TAG.match(line, prefix.end()) else lead
        m = cues.shared("dateline").match(line[at:])
        if m and n < 4:
            dated = _dated_line_end(line[at + m.end() :], lang)
            if dated:
                return offset + at + m.end() + dated  # "عدن – 28 أبريل" on a line of its own, the story below
            rest = text[offset + len(line) : offset + len(line) + 300].lstrip().split("\n", 1)[0]
            if (
                not line[at + m.end() :].strip()
                and line[at : at + m.end()].rstrip()[-1:] in ":/"
                and _story_after(rest)
            ):
                return offset + at + m.end()  # "صنعاء - سبأ:" on its own line, the story on the next
        # a dateline opens the story's line ("انتهى/" ends the story; "الرئيسية / أمن" is a site's breadcrumb)
        if m and _story_after(line[at + m.end() :]):
            head = line[at : at + m.end()].strip(" \t-—–")
            # ("OCT. 26 (Washington time) — Two F-16s strike ...": a timeline's day with a note is no dateline)
            day = re.sub(r"\s*\([^()\n]*\)$", "", head)
            dates = find_dates(day, 0, lang, None) if day else []
            place = head.split(",")[0].split("(")[0].strip()
            wire = cues.shared("wire_agency_tag").search(head)  # "April 19 (Reuters) –": a dateline with no place
            if (wire or not (dates and dates[0].start == 0 and dates[0].end == len(day))) and (
                n < 4 or place.isupper() or "(" in head
            ):
                return offset + at + m.end()
        if len(line.split()) > _PARAGRAPH_WORDS:
            n = max(n, 4)  # past a paragraph of the story: only a dateline in capitals or with its agency now
        offset += len(line)
    return 0


_PARAGRAPH_WORDS = 30  # a line this long is a paragraph (a standfirst, the story), no menu or header


# what may stand before a fronted clause: nothing, or a conjunction ("وفي سياق الرد على ...", "وردّاً على ...")
_OPENERS = ("", "و", "ف", "وفي", "ففي", "في")


def _in_paragraph_dateline(m: Mention, doc_text: str) -> bool:
    """The place is in a dateline that opens its line further down the text ("وطنية - صور - في القطاع الغربي،
    استهدفت غارة ...", "BEIRUT (AP) - ..."): an agency's round-up dates each paragraph so; the place is where it was
    filed, not a site."""
    line_start = doc_text.rfind("\n", 0, m.start) + 1
    if m.start - line_start > 40:
        return False
    line = doc_text[line_start : line_start + 400].split("\n", 1)[0]
    head = cues.shared("dateline").match(line)
    return bool(head) and m.end - line_start <= head.end() and _story_after(line[head.end() :])


def _signature_place(m: Mention, doc_text: str, dates) -> bool:
    """The place opens a short line that holds nothing but it and a full date ("صنعاء 14 ذو الحجة 1445هـ", "Beirut,
    6 January 2024"): a statement's or a letter's signature, where it was issued."""
    line_start = doc_text.rfind("\n", 0, m.start) + 1
    line_end = doc_text.find("\n", m.end)
    line_end = len(doc_text) if line_end < 0 else line_end
    if doc_text[line_start : m.start].strip(" \t-–—،,") or line_end - line_start > 60:
        return False
    on_line = [d for d in dates if m.end <= d.start and d.end <= line_end and d.precision == "day"]
    if not on_line:
        return False
    rest = doc_text[m.end : on_line[0].start] + doc_text[on_line[-1].end : line_end]
    return all(w.strip("ـ") in _DATE_MARKS for w in re.findall(r"[^\W\d_]+", rest))


# what a signature line may hold besides its place and dates: the Hijri and Gregorian marks, "corresponding to"
_DATE_MARKS = frozenset({"هـ", "ه", "م", "الموافق", "موافق", ""})


def _dated_line_end(rest: str, lang: str) -> int:
    """Where the day ends when all that follows a dateline's place on its line is that day ("عدن – 28 أبريل",
    "ADEN - April 28, 2025"): the dateline stands on a line of its own. 0 otherwise."""
    from claimgraph.nlp.dates import find_dates

    day = rest.strip()
    if not day or len(day) > 30:
        return 0
    dates = find_dates(day, 0, lang, None)
    if not dates or dates[0].precision != "day" or dates[0].start != 0 or dates[0].end < len(day.rstrip(" .،,")):
        return 0
    return len(rest) - len(rest.lstrip()) + len(day)


def _story_after(rest: str) -> bool:
    """Whether what follows a dateline-like head is the story's first sentence: a few words, not more of a
    breadcrumb's sections ("الرئيسية / أمن", "News / Middle East / Iraq")."""
    rest = rest.strip()
    # ("« violation » de sa souveraineté": a French quote's closing mark, no breadcrumb's)
    crumbs = re.search(r"\s[/>|]\s", rest) or ("«" not in rest and re.search(r"\s»\s", rest))
    return len(rest.split()) >= 3 and not crumbs


def _background_before(around, before: str, at: int, unit: Unit) -> bool:
    """Whether ``before`` (the words up to the place at ``at``) tells the place as background ("the war in", "the
    people of"), with words that are not the tail of a place named before ("عيتا الشعب وكفركلا": the "people" word
    closes Ayta al-Shaab's name, Kfar Kila is a site)."""
    if around("disaster_before").search(before):
        return True  # "the earthquake that struck Syria on 6 February": a disaster's place, no attack's
    lo = at - len(before)
    for hit in around("context_before").finditer(before):
        start = lo + hit.start()
        if around("people_hurt_before").search(before, 0, hit.start()):
            continue  # "rockets wounded four people in Kiryat Shmona": where they were hurt, no background
        if not any(o.label == "PLACE" and o.start <= start < o.end for o in unit.mentions):
            return True
    return False


def _owner_of_actor(m: Mention, unit: Unit, doc_text: str) -> bool:
    """A country named in the possessive right before an actor ("Yemen's Houthi militia", "Israel's military")."""
    if doc_text[m.end : m.end + 2] != "'s":  # the text read has plain apostrophes (``plain_text``)
        return False
    return any(a.label == "ACTOR" and 0 <= a.start - (m.end + 2) <= 2 for a in unit.mentions)


def _own_day_later(m: Mention, d: DateMention, doc_text: str) -> bool:
    """A day told later in the avenged clause itself ("in response to the strikes on A and B in the south that
    killed seven people on Wednesday"): the avenged attack is dated, an event of its own."""
    if d.precision != "day" or not m.end <= d.start < m.end + 130:
        return False
    return not re.search(r"[;:؛]|[.؟?!]\s", doc_text[m.end : d.start])  # within the clause


# the end of a fronted clause: "In retaliation for the killing of X in B, Hezbollah struck A on Sunday"
_CLAUSE_END = re.compile(r"[,،;؛]")


def event_places(unit: Unit, place_table: Mapping[str, Place], doc_text: str, skip_before: int) -> list[Mention]:
    """Place mentions in the unit that can be the site of an event (``place_table``: the document's place table)."""
    places = [m for m in unit.mentions if m.label == "PLACE" and m.start >= skip_before]
    # the words around each place are stretches of the unit's text (``doc_text[unit.start : unit.end]``)
    around = cues.within(unit.text)
    corrected = around("corrected_place").search(unit.text)
    if corrected:
        lo, hi = unit.start + corrected.start(), unit.start + corrected.end()
        places = [m for m in places if not lo <= m.start < hi]
    launch = around("launch_zone").search(unit.text)
    if launch and not around("impact_after_launch").search(unit.text, launch.end()):
        # "the drones were launched from areas ... around the town of al-Mayadin": every place after is a launch area
        lo = unit.start + launch.start()
        for m in [m for m in places if m.start >= lo]:
            unit.launch_sites.append(m)
        places = [m for m in places if m.start < lo]
    places = [_as_province(m, place_table, doc_text) for m in places]
    keep: list[Mention] = []
    earlier: list[Mention] = []  # places of an earlier event the unit refers back to
    bounds = clauses(unit)
    for m in places:
        before = doc_text[max(unit.start, m.start - 60) : m.start]
        after = doc_text[m.end : min(unit.end, m.end + 50)]
        if around("destination_before").search(before):
            continue  # "took the ship and its 25 crew to Hodeidah": where the ship was taken, not where it was seized
        if around("launch_before").search(before):
            unit.launch_sites.append(m)
            continue
        if around("hospital_before").search(before) and not around("hospital_landmark_before").search(before):
            continue  # "the wounded were taken to a hospital in X" (but "a strike near the X Hospital in Y" is Y's)
        if keep and around("between_second_before").search(before):
            continue  # "on the road between Houla and Markaba": Markaba locates the road, Houla is the site
        if (
            around("place_speaker_before").search(before)
            or cues.shared("place_speaker_after").match(after)
            or cues.shared("place_described_after").match(after)
            or cues.shared("place_street_after").match(after)  # "Jerusalem Boulevard", "شارع فلسطين": a street
            or around("place_street_before").search(before)
            or cues.shared("place_outlet_after").match(after)
        ):
            continue
        if around("place_person_before").search(before):
            continue
        if around("place_clock_before").search(before) or cues.shared("place_clock_after").match(after):
            continue  # "6:30 مساءً بتوقيت بغداد", "6:30 p.m. Baghdad time": a time zone
        if _of_another_year(after, unit):
            continue  # "... Soleimani, who was killed by a US drone in Baghdad in 2020": a place of that year
        if around("place_government_before").search(before):
            continue  # "خلافات بين بغداد وأربيل": the governments, not places where something happened
        if _signature_place(m, doc_text, unit.dates):
            continue  # "صنعاء 14 ذو الحجة 1445هـ": where a statement was issued, on its signature line
        if _in_paragraph_dateline(m, doc_text):
            continue  # "وطنية - حاصبيا - ارتفع عدد الشهداء": each paragraph of a round-up has its dateline
        lo = max(unit.start, m.start - 110)
        avenged = around("retaliation_before").search(doc_text[lo : m.start])
        # (a fronted clause, "In retaliation for the killing of X in B, Hezbollah struck A on Sunday": past its
        # comma the day is the main clause's)
        fronted = avenged is not None and doc_text[unit.start : lo + avenged.start()].strip(' \n"«“-–—') in _OPENERS
        if avenged and not any(
            (
                m.end <= d.start < m.end + 130
                and not (fronted and _CLAUSE_END.search(doc_text, m.end, d.start))
                and (m.end + 60 > d.start or _own_day_later(m, d, doc_text))
            )
            or (d.precision == "day" and lo + avenged.start() <= d.start and d.end <= m.start)
            for d in unit.dates
        ):  # (a day told in the avenged clause before its place: "in revenge for an Israeli strike on Saturday in A")
            earlier.append(m)
            continue
        if earlier and around("locator_before").search(before) and m.start - earlier[-1].end < 40:
            continue  # "after a rocket attack on the K-1 base near Kirkuk": Kirkuk locates the earlier event
        if (
            len(places) > 1
            and around("reference_before").search(before)
            and cues.shared("reference_after").match(after)
        ):
            continue  # "a drone hit Harir, two weeks after the Tower 22 attack": a label of an event told elsewhere
        if around("first_attack_since_before").search(before):
            continue  # "This is the first rocket attack on Erbil in months": the attack told, named again
        if around("evacuation_word").search(unit.text) and around("evacuation_call_before").search(
            doc_text[max(unit.start, m.start - 100) : m.start]
        ):
            continue  # "ordered residents of Haret Hreik and Bourj el-Brajneh to evacuate": a warning's places
        if around("planned_target_before").search(before):
            continue  # "used by the Quds Force to prepare an attack on northern Israel": an attack not made there
        if place_table[m.key].precision == "country" and _owner_of_actor(m, unit, doc_text):
            continue  # "Yemen's Houthi militia fired ...": the actor's country, not the site
        if around("domain_before").search(doc_text[max(unit.start, m.start - 110) : m.start]):
            continue  # "the Houthis, who control most of Yemen, including Sanaa": a group's territory, not a site
        if around("home_place_before").search(before):
            continue  # "the latest by militia groups in Iraq and Syria": where the groups are, not a site
        if around("sponsor_place_before").search(before):
            continue  # "fighters loyal to Tehran": the government, not a place
        if _background_before(around, before, m.start, unit) or cues.shared("context_after").match(after):
            continue  # "the war in Gaza", "the Gaza war": background, not the site
        if place_table[m.key].kind in ("city", "country") and any(
            c.match(after) for c in cues.per_language("metonymy_after")
        ):
            continue  # "Baghdad recalled its ambassador": the government, not a place where something happened
        if place_table[m.key].kind in ("city", "country") and around("blamed_capital_before_ar").search(before):
            continue  # "حمّلت واشنطن طهران المسؤولية": the government blamed, not a place
        if place_table[m.key].kind == "sea" and not around("at_sea").search(unit.text):
            continue
        located = [k for k in keep if place_table[k.key].precision in ("site", "town")]
        if (
            located
            and cues.shared("district_after").match(after)
            and m.start - located[-1].end < 40
            and not contains(place_table, located[-1].key, m.key)
        ):
            # "near Qaaqaait al-Jisr in the Nabatieh district": the district locates the village (but "Beirut's Jnah
            # district" is a quarter of the city told before it, the site)
            continue
        if located and _cue_search("district_before", doc_text[located[-1].end : m.start]):
            continue  # "منطقة رأس عيسى بمديرية الصليف": the district (however the KB knows its name) locates the site
        if (
            located
            and place_table[m.key].precision == "province"
            and re.fullmatch(r"[\s,،]*(?:in|في|ب)?\s*", doc_text[located[-1].end : m.start])
            and _km(*_ll(place_table, located[-1].key), *_ll(place_table, m.key)) < 150
        ):
            continue  # "مدينة رداع بمحافظة البيضاء", "Rada'a, al-Bayda province": the province locates the town
        if (
            located
            and around("locator_before").search(before)
            and not (
                place_table[located[-1].key].country != place_table[m.key].country
                and _cue_search("near_before", before[-25:])
                and not _cue_search("across_before", before[-30:])
            )
        ):  # (a site "near" a town across a border is a site of its own; one "opposite Metula", or "in the hills of
            # Kfarchouba", is located by it)
            between = doc_text[located[-1].end : m.start]
            # (a new item of a list, "near A and «a safe house» near B", is a site of its own, not a locator of A)
            # (nor is a place after a weapon of its own: "هجوم على حقل خورمالة، إلى جانب إسقاط مسيّرة قرب مطار أربيل")
            armed = any(w.label == "WEAPON" and located[-1].end <= w.start < m.start for w in unit.mentions)
            # (nor one in a clause of its own: "استهدفت إحداها مطار رامون، فيما استهدفت بقية الطائرات أهدافاً في
            # منطقة النقب")
            apart = clause_of(located[-1].start, bounds) != clause_of(m.start, bounds)
            if not around("locator_break").search(between) and not next_item(between) and not armed and not apart:
                near = _km(*_ll(place_table, located[-1].key), *_ll(place_table, m.key)) < 120
                if len(between) < 40 or near:
                    continue  # "Harir air base, near Erbil airport", "Musayyib ... south of Baghdad": a locator
        keep.append(m)
    # a region (Golan, Kurdistan Region) is the site only when nothing more precise is named
    if len(keep) > 1:
        precise = [m for m in keep if place_table[m.key].kind not in ("sea", "region", "country")]
        drop = ("sea", "region") if precise else ("sea",)  # Golan stays when only "Israel" is also named
        if not precise and around("at_sea").search(unit.text):
            drop = ("country",)  # "Yemen's Houthis fired at a tanker in the Gulf of Aden": the sea is the site
        countries = {place_table[m.key].country for m in precise}
        keep = [
            m
            for m in keep
            if place_table[m.key].kind not in drop
            # a sea beside sites of another country is an attack of its own there ("the carrier in the northern Red
            # Sea, and a target in Jaffa"); beside a port of its own coast it only locates ("off Hodeidah")
            or (place_table[m.key].kind == "sea" and precise and place_table[m.key].country not in countries)
            # so is a region of another country its own weapon is told at ("rockets slammed into Safed, and Israel
            # answered with airstrikes in southern Lebanon"), not one named for its cause ("in support of Gaza")
            or (
                place_table[m.key].kind == "region"
                and precise
                and place_table[m.key].country not in countries
                and (
                    any(w.label == "WEAPON" and 0 <= m.start - w.end <= 30 for w in unit.mentions)
                    # or one item of a list of targets ("ثلاثة أهداف في الجولان المحتل وطبريا")
                    or any(listed_together(m, p, doc_text) for p in precise)
                )
            )
            # a region told in a clause of its own, no precise place in it ("targeted the Jordan Valley on Monday, a
            # day after it struck Haifa"): another attack, not a locator
            or (
                place_table[m.key].kind == "region"
                and all(clause_of(p.start, bounds) != clause_of(m.start, bounds) for p in precise)
            )
        ] or keep
    # one mention per place: the first, unless a clause of its own tells of that place on another day
    # ("the operation at dawn today in Tel Aviv is not the first; two days ago it struck Tel Aviv on Thursday")
    seen: dict[str, set[tuple[int, int]]] = {}
    out = []
    for m in keep:
        clause = clause_of(m.start, bounds)
        if m.key in seen and (clause in seen[m.key] or not _own_days(unit, clause, seen[m.key])):
            continue
        seen.setdefault(m.key, set()).add(clause)
        out.append(m)
    return out


def _own_days(unit: Unit, clause: tuple[int, int], before: set[tuple[int, int]]) -> bool:
    """The clause states a day, and the clauses the place was named in before state other days."""

    def days(c: tuple[int, int]) -> set:
        return {d.value for d in unit.dates if c[0] <= d.start < c[1] and d.value is not None and d.precision == "day"}

    mine = days(clause)
    return bool(mine) and all(days(c) and not days(c) & mine for c in before)


def _as_province(m: Mention, place_table: Mapping[str, Place], doc_text: str) -> Mention:
    """A city named as its province ("Syria's Hasakah and Deir ez-Zor provinces", pack cue ``provinces_after``) is
    that province, when the KB holds it as the city's parent."""
    place = place_table.get(m.key)
    if place is None or place.kind != "city" or not place.parent or place.parent not in place_table:
        return m
    if place_table[place.parent].precision != "province":
        return m
    if not cues.shared("provinces_after").match(doc_text[m.end : m.end + 120]):
        return m
    return replace(m, key=place.parent)


def contains(place_table: Mapping[str, Place], outer_id: str, inner_id: str) -> bool:
    """Whether place ``outer`` (a country, province, region or city) contains ``inner``, both in ``place_table``."""
    if outer_id == inner_id:
        return False
    o, i = place_table[outer_id], place_table[inner_id]
    if o.country != i.country:
        return False
    parent, steps = i.parent, 0
    while parent and steps < 8:  # the KB's own parent chain ("Haret Hreik" in "Dahiyeh", both neighbourhoods)
        if parent == outer_id:
            return True
        parent, steps = (place_table[parent].parent if parent in place_table else None), steps + 1
    if _rank(o) <= _rank(i):
        return False
    if i.kind == "neighbourhood" and o.precision == "town" and _city_of(place_table, i) not in (None, outer_id):
        return False  # a quarter is in the city its parent chain names (Barzeh is Damascus's, not nearby Jamraya's)
    if o.precision == "country":
        return True
    if o.precision == "province":
        # (a region holds what lies within its reach, not its whole country: the Golan Heights hold no base of Deir
        # ez-Zor)
        region = o.kind == "region" and _km(o.lat, o.lon, i.lat, i.lon) < _REGION_KM
        if i.admin1 and o.admin1:
            return o.admin1.lower() == i.admin1.lower() or i.parent == o.id or region
        return i.parent == o.id or region or _km(o.lat, o.lon, i.lat, i.lon) < 80
    # a city contains its neighbourhoods and sites within ~25 km
    return _km(o.lat, o.lon, i.lat, i.lon) < 25


def _city_of(place_table: Mapping[str, Place], p: Place) -> str | None:
    """The town or city in ``p``'s parent chain, if the KB names one."""
    parent, steps = p.parent, 0
    while parent in place_table and steps < 8:
        if place_table[parent].precision == "town" and place_table[parent].kind != "neighbourhood":
            return parent
        parent, steps = place_table[parent].parent, steps + 1
    return None


_REGION_KM = 250  # a region (Kurdistan Region, South Lebanon, the Golan) holds places within this of its centre


def _ll(place_table: Mapping[str, Place], key: str) -> tuple[float | None, float | None]:
    p = place_table[key]
    return p.lat, p.lon


def _rank(p) -> int:
    if p.kind == "neighbourhood":
        return 1
    return {"country": 4, "province": 3, "town": 2, "site": 0}.get(p.precision, 0)


def _km(lat1, lon1, lat2, lon2) -> float:
    import math

    if None in (lat1, lon1, lat2, lon2):
        return 1e9
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def pick_date(
    place: Mention, dates: list[DateMention], anchor: date | None, others: list[Mention] = ()
) -> DateMention | None:
    """The date expression that belongs to ``place``: best kind first, then nearest (preceding wins ties).

    A date that follows the place with another place in between ("struck Idlib, which they blamed for the
    bombings in Kerman on January 3") belongs to that other place.
    """
    usable = [d for d in dates if d.value is not None or (d.kind == "anchored" and anchor is not None)]
    usable = [
        d for d in usable if d.start < place.start or not any(place.end <= o.start < d.start for o in others)
    ] or usable
    if not usable:
        return None
    moved_on = [d for d in usable if d.kind == "anchored" and d.follows and d.end <= place.start]
    if moved_on and not any(moved_on[-1].end <= d.start and d.end <= place.start for d in usable):
        return moved_on[-1]  # "drones hit A on 14 July; the next day, another attack hit B": B's day is the next

    def key(d: DateMention):
        dist = place.start - d.end if d.end <= place.start else (d.start - place.end) + 10
        # an expression right next to the place wins; otherwise the most explicit kind, then the nearest
        return (0 if dist < 45 else 1, _DATE_RANK.get(d.kind, 4), dist)

    return min(usable, key=key)
