"""The document-wide stages of extraction, each ``stage(extractor, reading) -> None``.

Their order is ``extract.pipeline.STAGES``; the ``events`` and ``corrections`` stages, which read the
document unit by unit, are in ``extract.events``. Each stage says what it reads from the ``Reading``
and what it writes; the extractor gives only what never changes (KB, annotator, gazetteer, readers).
"""

from __future__ import annotations

from collections import ChainMap
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from claimgraph.extract import abbreviations, cues, firsthand, newactors, publication
from claimgraph.extract import report as reporting
from claimgraph.extract.developments import read_developments
from claimgraph.extract.drafts import ARMED_KINDS, STATE_FORCES, year_hint
from claimgraph.extract.reading import Reading
from claimgraph.extract.undated import display_date_spans, post_regions, post_stamps, weekday_days
from claimgraph.extract.units import build_units, contains, dateline_end
from claimgraph.extract.windows import rewrite_spans
from claimgraph.kb.landmarks import named_landmarks, reference_spans
from claimgraph.lang import packs
from claimgraph.models import ActorMention, Note
from claimgraph.nlp.dates import find_dates, weekday_number
from claimgraph.nlp.lang import SUPPORTED, detect_language
from claimgraph.nlp.normalize import blank_footnotes, latin_homoglyphs, plain_apostrophes, plain_arabic_fi
from claimgraph.nlp.pipeline import Annotated, Mention

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import Extractor

# a yearless landmark day ("October 7") this long before the news is the landmark, not its anniversary
ANNIVERSARY_NEWS = timedelta(days=7)


def language(ex: Extractor, r: Reading) -> None:
    """Reads ``doc``; writes ``lang`` (declared, else detected) and notes: an empty text or a language with no
    pack ends the reading (``done``); a missing publication date is taken from the document's address or
    opening metadata line when it has one (``doc.published``, noted), else noted as missing."""
    doc = r.doc
    r.lang = r.out.lang = detect_language(doc.text, doc.lang)
    if not doc.text.strip():
        r.out.notes.append(Note("empty_text", "the document has no text"))
        r.done = True
        return
    if r.lang not in SUPPORTED:
        r.out.notes.append(
            Note(
                "unsupported_language",
                f"language {r.lang!r} is not supported (supported: {', '.join(SUPPORTED)}); "
                "nothing was extracted. Translate the text, or pass --lang if it was misdetected.",
            )
        )
        r.done = True
        return
    if doc.published is None:
        inferred = publication.infer(doc.url, doc.text)
        if inferred:
            day, basis = inferred
            r.doc = replace(doc, published=day)
            r.out.published = day
            r.out.notes.append(Note("publication_date_inferred", f"publication date {day.isoformat()} from {basis}"))
        else:
            r.out.notes.append(Note("no_publication_date", "no publication date: relative dates were not resolved"))


def plain_text(ex: Extractor, r: Reading) -> None:
    """Reads ``original`` and ``lang``; writes ``doc``, its text with plain apostrophes, Latin letters for the
    Cyrillic or Greek look-alikes inside Latin words, reference markers ("Iraq.[2]") blanked and, in Arabic,
    "فى" spelt "في" (same length, so spans stay)."""
    text = blank_footnotes(latin_homoglyphs(plain_apostrophes(r.original)))
    r.doc = replace(r.doc, text=plain_arabic_fi(text) if r.lang == "ar" else text)


def prescan(ex: Extractor, r: Reading) -> None:
    """Reads ``doc.text`` and ``lang``; a text that names nothing the stages read anything from (no clause of
    ``prescan.GATE`` on any line) gets a ``no_event_cues`` note and, with the gate on, ends the reading."""
    if ex.prescan is None or ex.prescan.may_hold(r.doc.text, r.lang):
        return
    r.out.notes.append(
        Note("no_event_cues", "no line names a place with an attack word or weapon, a membership or a new actor")
    )
    r.done = ex.gate


def annotate(ex: Extractor, r: Reading) -> None:
    """Reads ``doc.text`` and ``lang``; writes ``ann`` (sentences, paragraphs, KB actors, places and weapons)
    and the record's actor mentions."""
    r.ann = ex.annotator.annotate(r.doc.text, r.lang)
    r.out.mentions = [
        ActorMention(m.key, ex.name(m.key), m.text, m.start, m.end, ex.kb.actors[m.key].kind)
        for m in r.ann.mentions
        if m.label == "ACTOR"
    ]


def local_abbreviations(ex: Extractor, r: Reading) -> None:
    """Reads ``ann``; adds to it the abbreviations the text defines ("Kataib al-Imam Ali (KIA)") where used, and the
    KB's short names of the actors it named in full ("Yahya Saree ... Saree said")."""
    _add_mentions(r, abbreviations.local_abbreviations(r.ann))
    _add_mentions(r, abbreviations.short_names(r.ann, ex.kb))


def new_actors(ex: Extractor, r: Reading) -> None:
    """Reads ``ann``; writes the record's proposed new actors ("a group calling itself Saraya X") and adds
    their mentions to ``ann``."""
    r.out.new_actors, mentions = newactors.find_new_actors(r.ann)
    _add_mentions(r, mentions)


def towns(ex: Extractor, r: Reading) -> None:
    """Reads ``ann`` (English, Arabic and French); writes ``places`` (the KB's places plus the gazetteer towns the
    text names, and the unresolved names listed beside known towns) and adds their mentions to ``ann``."""
    if ex.towns is None or r.lang not in ("en", "ar", "fr"):
        return
    found, mentions = ex.towns.find(r.ann)
    if found:
        r.places = ChainMap(found, ex.kb.places)
        _add_mentions(r, mentions)


def dual_places(ex: Extractor, r: Reading) -> None:
    """Reads ``ann`` (Arabic); re-keys the second place of a dual construct to the place of that kind: "مطاري دمشق
    وحلب" names the airports of Damascus and Aleppo, and "وحلب" is Aleppo's airport when the KB knows "مطار حلب"."""
    if r.lang != "ar":
        return
    duals = {form: k for k, v in packs().shared_table("alias_dual_construct").items() for form in str(v).split("|")}
    places = [m for m in r.ann.mentions if m.label == "PLACE"]
    changed = False
    for first, second in pairwise(places):
        word = first.text.split()[0] if first.text.split() else ""
        single = duals.get(word)
        gap = r.ann.text[first.end : second.start]
        if single is None or gap.strip() or not second.text.startswith("و") or " " in second.text:
            continue
        found = ex.annotator.annotate(f"{single} {second.text[1:]}", "ar").mentions
        whole = [m for m in found if m.label == "PLACE" and m.start == 0 and m.end == len(single) + len(second.text)]
        if whole and whole[0].key != second.key:
            r.ann.mentions[r.ann.mentions.index(second)] = replace(second, key=whole[0].key)
            changed = True
    if changed:
        r.ann = Annotated(r.ann.text, r.ann.lang, r.ann.sentences, list(r.ann.mentions))


def units(ex: Extractor, r: Reading) -> None:
    """Reads ``ann``; writes ``units`` (sentences, or whole list items) and ``skip`` (the dateline's end)."""
    r.skip = dateline_end(r.ann.text, r.lang)
    r.units = build_units(r.ann)


def _written_dates(text: str, lang: str, published: date | None, hint_year) -> list:
    """Every date expression of ``text``, a caption's own dates read with their own year ("the base after a rocket
    attack, July 7, 2021")."""
    found = find_dates(cues.blank_caption_years(text), 0, lang, published, hint_year)
    captions = [(a, b) for a, b, kind in cues.furniture_lines(text) if kind == "caption"]
    if captions:
        found = [d for d in found if not any(a <= d.start < b for a, b in captions)] + [
            d for d in find_dates(text, 0, lang, published, hint_year) if any(a <= d.start < b for a, b in captions)
        ]
        found.sort(key=lambda d: d.start)
    return found


def _posts_dated(text: str, lang: str, found: list, hint_year) -> list:
    """A feed's export (``undated.post_regions``): each post's dates read against its own stamp's day ("مساء اليوم"
    is the evening of the post's day, not of the export's), and the stamps themselves date no event (a post with no
    day of its own is of its stamp's day: ``events.new_paragraph``)."""
    found = [d for d in found if not _on_stamp(text, d.start)]
    return [d for d in _regions_dated(text, lang, found, post_regions(text), hint_year) if not _on_stamp(text, d.start)]


def _regions_dated(text: str, lang: str, found: list, regions, hint_year) -> list:
    """``found`` with the dates inside each of ``regions`` ((start, end, day)) read again against that day."""
    out = [d for d in found if not any(a <= d.start < b for a, b, _ in regions)]
    for a, b, day in regions:
        for d in _written_dates(text[a:b], lang, day, hint_year):
            d.start, d.end = d.start + a, d.end + a
            out.append(d)
    return sorted(out, key=lambda d: d.start)


def _entries_dated(text: str, lang: str, found: list, published: date, hint_year) -> list:
    """A live page whose entries are headed by a clock time and a yearless day ("08:10, Tue 15 July"; shared cue
    ``dated_entry_line``): each entry's dates, to the next heading, read against its heading's day ("at around 7:00
    this morning" is the 15th's morning, not the page's), in the year the page's publication puts the heading in."""
    headings = list(cues.shared("dated_entry_line").finditer(text))
    if len(headings) < 2:
        return found
    days = []
    for m in headings:
        told = [d for d in find_dates(m.group(0), 0, lang, published, hint_year) if d.precision == "day" and d.value]
        days.append(told[0].value if told and told[0].value <= published else None)
    bounds = [
        (m.end(), nxt.start() if nxt else len(text), day)
        for m, nxt, day in zip(headings, [*headings[1:], None], days, strict=True)
        if day is not None
    ]
    return _regions_dated(text, lang, found, bounds, hint_year) if bounds else found


def _on_stamp(text: str, at: int) -> bool:
    return any(a <= at < b for a, b, _ in post_stamps(text))


def _in_another_zone(text: str, d) -> bool:
    """The day ``d`` is the day just told, given again in another clock's zone in brackets ("فجر 28 حزيران 2021 (مساء
    27 حزيران بتوقيت واشنطن)", "early June 28 (June 27, Washington time)"): the same moment, no event's day."""
    head, tail = text[max(0, d.start - 12) : d.start], text[d.end : d.end + 40]
    # (inside the brackets: "At 4:00 p.m. (EST) Feb. 2, U.S. Central Command (CENTCOM)" is no bracketed day)
    opened = head.rfind("(") > head.rfind(")")
    return opened and ")" in tail and bool(cues.shared("time_zone_word").search(tail.split(")")[0]))


def _period_clause(r: Reading, at: int) -> bool:
    """The date at ``at`` opens a period told as a clause that names no place ("killed since Hezbollah opened fire
    on Oct. 8"; with a place, "since militants struck Ain al-Asad on Oct. 17" tells that attack)."""
    text = r.ann.text
    lo = max(0, at - 80)
    m = cues.shared("period_clause_before").search(text[lo:at])
    return m is not None and not any(x.label == "PLACE" and lo + m.start() <= x.start < at for x in r.ann.mentions)


def _cuts(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``text`` cut at the ``spans`` (sorted, not overlapping): the spans and the stretches between them."""
    out, pos = [], 0
    for a, b in sorted(spans):
        out += [(pos, a), (a, b)]
        pos = b
    return [*out, (pos, len(text))]


LANDMARK_BACK_DAYS = 45  # a yearless day this many days before a landmark the story is of is in its year


def dates(ex: Extractor, r: Reading) -> None:
    """Reads ``ann``, the publication date, ``skip`` and ``units``; writes ``landmarks``, ``hint_year``,
    ``found`` (every date expression, resolved), ``period_starts``, ``event_dates`` (those that can date an
    event: not the dateline's, not a period's bound, not a reference-only landmark, not after publication),
    ``anchors`` (period bounds, which anchor "that day" only) and each unit's own dates."""
    text, lang, published = r.ann.text, r.lang, r.doc.published
    hint_year = year_hint(text)
    # (not those only a related link names: "See also / Assassination attempt on Mustafa al-Kadhimi")
    landmarks = named_landmarks(cues.blank_furniture(text), lang, {m.key for m in r.ann.mentions if m.label == "ACTOR"})
    if published is None and landmarks:
        # no publication date: yearless dates fall on or after the latest landmark the text names, or in the weeks
        # before one the story is of ("the gravest incident before Sunday was a drone on Dec. 25", in a story of
        # the January attack; a reference, "since October 7", is only a floor)
        latest = max(landmarks, key=lambda lm: lm.date)
        floor = latest.date if latest.reference_only else latest.date - timedelta(days=LANDMARK_BACK_DAYS)
        hint_year = floor if hint_year is None or hint_year <= floor.year else date(hint_year, 1, 1)
    found = _written_dates(text, lang, published, hint_year)
    # a site's display of the day atop the page ("الخميس، 08 شباط 2024 - 10:12") dates no event: with no publication
    # date it is not the story's day; with one, it would date the headline below it as if the text said so. Nor
    # does it give the year of the story's yearless dates ("le 20 juillet" is not of the year after it)
    shown = display_date_spans(text, found)
    if shown:
        blanked = "".join(" " * (b - a) if (a, b) in shown else text[a:b] for a, b in _cuts(text, shown))
        found = _written_dates(blanked, lang, published, hint_year)
    if post_stamps(text):
        found = _posts_dated(text, lang, found, hint_year)
    elif published is not None and "\n" in text:
        found = _entries_dated(text, lang, found, published, hint_year)
    if published is None:
        for d in found:  # "since October 7": a yearless landmark's day takes the landmark's year
            same = [
                lm
                for lm in landmarks
                if d.value and not d.explicit_year and d.value.month == lm.date.month and d.value.day == lm.date.day
            ]
            if same and d.precision == "day":
                d.value = same[0].date
    else:
        for d in found:  # "after Hamas's attack on 7 October", a month and more before the news: the landmark's day
            if d.value is None or d.explicit_year or d.precision != "day" or published - d.value <= ANNIVERSARY_NEWS:
                continue
            same = [
                lm
                for lm in landmarks
                if lm.reference_only and (lm.date.month, lm.date.day) == (d.value.month, d.value.day)
            ]
            if same and same[0].date < d.value:
                d.value = same[0].date
    if published is None or r.assumed_precision is not None:
        # an undated text that writes "Friday 2 February 2024" means that day by any later "Friday"
        written = weekday_days(text, lang, found, {lm.date for lm in landmarks})
        for d in found:
            wd = weekday_number(d.text, lang) if d.kind == "weekday" else None
            if wd in written:
                d.value, d.kind = written[wd], "absolute"
    # a day that is a reference-only landmark ("since October 7") anchors the narrative, dates no event
    reference_days = {lm.date for lm in landmarks if lm.reference_only}
    period_starts = [
        d.start
        for d in found
        if (cues.shared("period_before").search(text[max(0, d.start - 30) : d.start]) or _period_clause(r, d.start))
        and not cues.shared("period_event_after").match(text, d.end)  # "since Jan. 8, when a strike killed ..."
    ]
    skip = r.skip
    # "a day after the Hamas-led attack on southern Israel": a day counted from a reference-only landmark dates nothing
    references = [a for a, _ in reference_spans(text, 0, lang, text)] if landmarks else []
    only_the = cues.per_language("only_the_between")  # nothing but an article between the day and the name
    period_starts += [
        d.start
        for d in found
        if d.kind == "anchored"
        and any(0 <= a - d.end <= 12 and any(c.fullmatch(text[d.end : a]) for c in only_the) for a in references)
    ]
    zoned = {d.start for d in found if _in_another_zone(text, d)}
    # "(appended Feb. 3 for media queries)", "Updated on 5 August": a stamp of the page or a note, not the news's day
    stamped = cues.shared("stamp_date_before")
    zoned |= {d.start for d in found if stamped.search(text[max(0, d.start - 40) : d.start])}
    # an assumed day (``undated.assumed_day``) is only a floor: a day the text writes with its year after it is
    # still told ("On 1 April 2024 a drone struck ..." in a page dated by the February landmark it names)
    assumed = r.assumed_precision is not None
    # a weekday written just before the day it names ("فجر الثلاثاء 24 حزيران", "Tuesday, June 24") is that day's, no
    # second date for another site of the sentence
    zoned |= {
        d.start
        for d, e in pairwise(found)
        if d.kind == "weekday"
        and e.kind == "absolute"
        and e.precision == "day"
        and not text[d.end : e.start].strip(" ,،")
    }
    r.event_dates = [
        d
        for d in found
        if d.start not in zoned
        and (
            published is None
            or d.value is None
            or d.value <= published + timedelta(days=1)
            or (assumed and d.explicit_year)
        )
        and d.start >= skip  # the dateline's date is the filing date
        and d.start not in period_starts
        and not (d.value in reference_days and d.precision == "day")
    ]
    # a period bound ("Jusqu'au 28 janvier.") dates no event but anchors "ce jour-là" in the next sentence
    r.anchors = [
        d
        for d in found
        if d.start in period_starts
        and d.start >= skip
        and (published is None or d.value is None or d.value <= published)
    ]
    r.landmarks, r.hint_year, r.found, r.period_starts = landmarks, hint_year, found, period_starts
    for u in r.units:
        u.dates = [d for d in r.event_dates if u.start <= d.start < u.end]


def merge(ex: Extractor, r: Reading) -> None:
    """Reads ``drafts`` and ``places``; writes ``drafts``: one per (date, place), and none for a province or
    country (or a city with a neighbourhood) that holds another event's place the same day, unless the two are
    the two sides' attacks (a state force's strike against the armed group's attack)."""
    armed = {k for k, a in ex.kb.actors.items() if a.kind in ARMED_KINDS}
    reporting.told_again(r.drafts, r.places)
    r.drafts = reporting.merge(r.drafts, r.places, armed)


def acknowledged(ex: Extractor, r: Reading) -> None:
    """Reads ``ann`` and ``drafts``; writes ``state_ack`` of the strikes of a state force that the text has
    acknowledge its strikes anywhere ("U.S. forces conducted airstrikes on three facilities ... U.S. CENTCOM
    announced"): a state's official word on its own strike is its claim, whichever sentence carries it. A word
    that names the site it is about ("the army said it killed a Hezbollah member in Bint Jbeil") is on the strikes
    at that site alone, not on the others of a round-up."""
    sites = {d.place.key for d in r.drafts}
    speakers: set[str] = set()
    at: dict[str, set[str]] = {}  # the sites a statement names: its word is on their strikes alone
    for sent in r.ann.sentences:
        if any(c.search(sent.text) for c in cues.per_language("state_ack")):  # (each language's words)
            said = {ex.acting(m.key) for m in r.ann.in_sentence(sent.index, "ACTOR")} & STATE_FORCES
            told = {m.key for m in r.ann.in_sentence(sent.index, "PLACE")}
            # (a province names the sites in it: "قصفت معسكرات في صنعاء والجوف" is on the strikes at al-Hazm too)
            named = {k for k in sites if k in told or any(contains(r.places, t, k) for t in told)}
            if not named:
                # "The military said it hit command centers there": the word is on the strikes of its own paragraph,
                # when that paragraph tells of some, else on all the state's strikes
                named = {d.place.key for d in r.drafts if d.unit.paragraph == sent.paragraph}
            if not said:
                # "The military said it hit weapons depots there": the state force that struck there speaks
                said = {p for d in r.drafts if d.place.key in named for p in d.perpetrators} & STATE_FORCES
            if not named and not any(m.key != "aircraft" for m in r.ann.in_sentence(sent.index, "WEAPON")):
                # (not "The IDF confirms a drone struck inside the base": the drone that hit it is another's)
                speakers |= said
            for key in named:
                at.setdefault(key, set()).update(said)
    # "There was no immediate Israeli comment on that strike": the strike told last before it is not acknowledged
    silent = set()
    for sent in r.ann.sentences:
        if any(c.search(sent.text) for c in cues.per_language("state_no_comment")):
            before = [d for d in r.drafts if d.place.start < sent.start and d.unit.paragraph == sent.paragraph]
            silent |= {id(d) for d in before[-1:]}
    for d in r.drafts:
        if id(d) in silent and not at.get(d.place.key):
            continue
        if (speakers | at.get(d.place.key, set())) & set(d.perpetrators):
            d.state_ack = True


def report(ex: Extractor, r: Reading) -> None:
    """Reads ``drafts`` and ``places``; writes the record's event reports (place resolved, actors named)."""
    r.out.events = [reporting.event_report(d, r.doc.id, r.places, ex.name) for d in r.drafts]


def memberships(ex: Extractor, r: Reading) -> None:
    """Reads ``ann``; writes the record's memberships (stated affiliations)."""
    r.out.memberships = ex.memberships.read(r.ann, ex.name)


def developments(ex: Extractor, r: Reading) -> None:
    """Reads ``ann``, ``found`` (the dates), the publication date, ``places`` and ``skip``; writes the record's
    developments (announcements: a new phase, a suspension, a threat, ...). Writes nothing the event
    stages read: developments are never events."""
    r.out.developments = read_developments(
        r.ann, r.doc.id, r.found, r.doc.published, r.places, ex.kb, ex.name, skip=r.skip
    )


def quote_original(ex: Extractor, r: Reading) -> None:
    """Reads ``doc.text`` and ``original``; rewrites the record's quoted spans with the original's typographic
    apostrophes."""
    if r.doc.text != r.original:
        _quote_original(r.out, r.doc.text, r.original)  # the record is changed in place


def first_hand(ex: Extractor, r: Reading) -> None:
    """Reads ``doc`` (its channel); writes the record's claims: a post on a group's own channel is its claim."""
    firsthand.apply_first_hand(ex.kb, r.doc, r.out)


# -- helpers --------------------------------------------------------------------------------------------------------
def _add_mentions(r: Reading, mentions: list[Mention]) -> None:
    """``mentions`` added to ``r.ann``, in text order."""
    if mentions:
        ann = r.ann
        r.ann = Annotated(ann.text, ann.lang, ann.sentences, sorted(ann.mentions + mentions, key=lambda m: m.start))


def _quote_original(obj, read: str, original: str):
    """``obj`` with the spans quoted from the text as read re-quoted from the original (its typographic
    apostrophes)."""

    def requote(record) -> dict[str, str]:
        start, end = getattr(record, "start", None), getattr(record, "end", None)
        if not (isinstance(start, int) and isinstance(end, int)):
            return {}
        return {
            name: original[start:end]
            for name in ("text", "surface")  # Evidence, DateValue / ActorMention
            if getattr(record, name, None) == read[start:end] and read[start:end] != original[start:end]
        }

    return rewrite_spans(obj, requote)
