"""Reading events unit by unit: the ``events`` stage and its steps, and the ``corrections`` stage.

``per_unit(*steps)`` makes the ``events`` stage: it reads the document's units in order and runs the
steps on each (their order is ``extract.pipeline.STAGES``), with a ``UnitReading`` for what is read
from that unit; what a unit leaves for the next ones (the day the narrative is at, "they", "claimed
it", "those attacks") is the reading's ``Discourse``. Every step is
``step(extractor, reading, unit_reading) -> None`` and its docstring says what it reads and writes;
the helpers after the steps (``restates``, ``aggregate_span``, ``drop_containers``, ``assign_*``) are
the rules they apply.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from claimgraph.extract import cues
from claimgraph.extract.casualties import mentions_casualties, parse_casualties
from claimgraph.extract.drafts import (
    AGGREGATE_NOUNS,
    ARMED_KINDS,
    SPECIFIC,
    STATE_FORCES,
    Draft,
    apply_casualties,
    clean_weapons,
    uniq,
)
from claimgraph.extract.eventful import reports_an_event
from claimgraph.extract.followups import add_claims, add_to_events
from claimgraph.extract.handdown import _coarse
from claimgraph.extract.reading import Discourse, Reading
from claimgraph.extract.roles import STATE_KINDS, UnitRoles, assign_roles, quiet_roles
from claimgraph.extract.tables import RowRoles, row_cells
from claimgraph.extract.undated import post_day_at, relative_before
from claimgraph.extract.units import (
    Unit,
    clause_of,
    clauses,
    contains,
    event_places,
    listed_together,
    pick_date,
    title_mentions,
)
from claimgraph.kb.landmarks import described_landmarks, reference_spans, referenced_landmarks, tells_landmark_toll
from claimgraph.lang import packs
from claimgraph.models import DateValue, Evidence
from claimgraph.nlp.dates import find_dates, index_map
from claimgraph.nlp.normalize import fold, normalize_arabic
from claimgraph.nlp.pipeline import Mention

if TYPE_CHECKING:
    from collections.abc import Mapping

    from claimgraph.extract.pipeline import Extractor
    from claimgraph.kb.loader import Place


@dataclass(slots=True)
class UnitReading:
    """What is read from one unit, step by step."""

    unit: Unit
    done: bool = False  # the remaining steps do not apply to this unit
    roles: UnitRoles = field(default_factory=UnitRoles)
    agg: tuple[int, int] | None = None  # document offsets of a count of many incidents ("more than 85 targets")
    aggregate: bool = False  # the unit counts many incidents rather than telling of one
    weapons: list[Mention] = field(default_factory=list)  # the weapons it names
    sites: list[Mention] = field(default_factory=list)  # the places that can be an event's site
    eventful: bool = False  # it tells of an event of its own
    dated_sites: list[tuple[Mention, DateValue]] = field(default_factory=list)  # each event's site and date
    new: list[Draft] = field(default_factory=list)  # the events it tells of
    taken_up: bool = False  # it says where the attack told just before without a site was ("The incident ...")
    # sites that are landmark events: their days, and whether the unit describes the event without naming it
    landmark_days: dict[str, tuple[date, bool]] = field(default_factory=dict)


UnitStep = Callable[["Extractor", Reading, UnitReading], None]


@dataclass(frozen=True, slots=True)
class PerUnit:
    """The ``events`` stage: reads the units in order and runs ``steps`` on each, until one ends the unit
    (``done``). Reads ``units``, their dates, ``places`` and ``anchors``; writes ``drafts``, ``current`` and
    ``discourse``."""

    steps: tuple[UnitStep, ...]
    name: str = "events"

    def __call__(self, ex: Extractor, r: Reading) -> None:
        for u in r.units:
            s = UnitReading(u)
            for step in self.steps:
                step(ex, r, s)
                if s.done:
                    break


def per_unit(*steps: UnitStep) -> PerUnit:
    """The ``events`` stage running ``steps`` on each unit in turn."""
    return PerUnit(steps)


# -- the steps -------------------------------------------------------------------------------------------------------
def new_paragraph(ex: Extractor, r: Reading, s: UnitReading) -> None:
    """Reads the unit's paragraph; clears ``discourse.prev_weapons`` when a paragraph was skipped over
    (an antecedent is in this or the previous paragraph), and ``discourse.last_date`` of a dated text when a live
    blog's entry stamp ("8:15 pm") stands before the unit: a new entry, whose undated news is of the blog's day; a
    feed's post stamp ("٢٤.٠١.٢٤ ١٩:٤٢") sets it to the post's day."""
    dc = r.discourse
    if s.unit.paragraph > dc.prev_para + 1:
        dc.prev_weapons = []
    if r.doc.published is not None and cues.shared("entry_stamp_line").search(r.ann.text, dc.prev_end, s.unit.end):
        dc.last_date = None
        dc.para_dates.pop(s.unit.paragraph, None)
    day = post_day_at(r.ann.text, s.unit.start)
    if day is not None and day != dc.post_day:  # a feed's next post: the narrative is at its stamp's day
        dc.post_day = dc.last_date = day
        dc.para_dates.pop(s.unit.paragraph, None)
    dc.prev_end = max(dc.prev_end, s.unit.end)
    speaker = _speaker_label(ex, s.unit)
    if speaker is not None:
        dc.last_perp, dc.last_claimant, dc.perp_newer = [speaker], [speaker], False


# a line that is an armed group's name and a colon, and nothing else but a channel's marks ("🔻 المقاومة الإسلامية في
# العراق:", "Islamic Resistance in Iraq:"): the heading of the group's statement relayed below it
_LABEL_REST = re.compile(r"[\W_]*")


def _speaker_label(ex: Extractor, u: Unit) -> str | None:
    """The armed group a statement's heading line names ("🔻 المقاومة الإسلامية في العراق:"): what is told below it is
    the group's word, "مجاهدونا" its fighters. None when the unit is anything else."""
    text = u.text.rstrip()
    if not text.endswith(":") or len(text) > 80:
        return None
    actors = [m for m in u.mentions if m.label == "ACTOR"]
    if len(actors) != 1 or ex.kind(actors[0]) not in ARMED_KINDS or ex.generic(actors[0].key):
        return None
    a, b = actors[0].start - u.start, actors[0].end - u.start
    if not (_LABEL_REST.fullmatch(text[:a]) and _LABEL_REST.fullmatch(text[b:])):
        return None
    return actors[0].key


def narrative_only(ex: Extractor, r: Reading, s: UnitReading) -> None:
    """A unit that names nothing, with no event to add to, only moves the narrative date: reads its dates and
    ``anchors``; writes ``discourse.last_date`` and ``discourse.para_dates``, and ends the unit."""
    u = s.unit
    if u.mentions or r.current or _entry_place(r, u) is not None:
        return
    dated = [d for d in u.dates + _bounds_within(r, u) if d.value is not None and d.precision == "day"]
    if dated:
        r.discourse.last_date = dated[0].value
        r.discourse.para_dates[u.paragraph] = _paragraph_day(dated[0])
    elif r.discourse.placeless:
        # "It was not immediately clear how many were hurt.": a paragraph that names nothing between an attack
        # told without its site and "The incident occurred at ..." keeps that attack the antecedent
        r.discourse.prev_para = u.paragraph
    _today_named(r, u)
    s.done = True


def _today_named(r: Reading, u: Unit) -> None:
    """An undated text that names its own day ("today, Friday", "اليوم الجمعة") after a full date (a photo's
    caption, an earlier event): the text's day is the first such weekday on or after that date (a story told
    forwards, as ``developments`` dates an undated announcement): the narrative moves to it, so the events told
    after it with no day of their own take it. (Sites the text dates "this morning" stay unresolved: only a
    landmark sets ``discourse.today``.) A text that names no date before it, or is dated, is left as it is."""
    dc = r.discourse
    if r.doc.published is None and dc.today is None:
        _today_dated(r, u)
    if r.doc.published is not None or dc.today is not None or dc.last_date is None:
        return
    ref = dc.last_date
    weekday = next((d for d in u.dates if d.kind == "weekday"), None)
    if weekday is None:
        return
    # "today" right before the weekday ("اليوم الجمعة" is read as one weekday, "يوم الجمعة", after "ال")
    if relative_before(r.ann.text, weekday, r.lang) != 0:
        return
    said = _resolved(r, weekday, ref + timedelta(days=6))  # the weekday within the week from ref on
    if said is None or not ref <= said <= ref + timedelta(days=6):
        return
    dc.last_date = said


def _today_dated(r: Reading, u: Unit) -> None:
    """An undated text that gives its own day in full ("فجر اليوم الأحد 20/10/2024", "today, Friday 24 May
    2024"): "today" and a weekday right before a written date that falls on that weekday make that date the
    text's day (``discourse.today``), against which its other weekdays ("مساء السبت", "last Sunday") are read."""
    for d in u.dates:
        if d.kind != "absolute" or d.value is None or d.precision != "day":
            continue
        near = r.ann.text[max(u.start, d.start - 30) : d.start]
        told = find_dates(near, 0, r.lang, d.value)
        weekdays = [x for x in told if x.kind == "weekday" and _resolved(r, x, d.value) == d.value]
        # "today" before the weekday, or read into it ("اليوم الجمعة" is one weekday, "يوم الجمعة", after "ال")
        spans = [near] + [near[max(0, x.start - 12) : x.start + 3] for x in weekdays]
        today = any(
            x.kind == "relative" and _resolved(r, x, d.value) == d.value
            for span in spans
            for x in find_dates(span, 0, r.lang, d.value)
        )
        if today and weekdays:
            r.discourse.today = d.value
            return


def _paragraph_day(d) -> DateValue:
    """The day a paragraph is at, with the words that state it (its events' date evidence)."""
    return DateValue(d.value, "day", "context", d.text, d.start, d.end)


def roles(ex: Extractor, r: Reading, s: UnitReading) -> None:
    """Reads the unit's text and mentions; writes ``roles`` (perpetrators, targets, claimants, blame)."""
    u = s.unit
    # a party named inside a reference's own words ("since the Oct. 7 Hamas attack on Israel") takes no part
    spans = reference_spans(u.text, u.start, r.lang, r.ann.text) if u.mentions else []
    mentions = [m for m in u.mentions if not (m.label == "ACTOR" and any(a <= m.start < b for a, b in spans))]
    s.roles = assign_roles(u.text, u.start, u.norm, r.lang, mentions, ex.kind) if u.mentions else quiet_roles(u, r.lang)
    row = row_cells(r.ann.text, u.start, u.end, mentions) if u.mentions else None
    if row is not None and row.prose_cell is not None:
        # a claim cell written as a phrase ("Acknowledged by the Pentagon; facilities used by KH"): read as prose
        a, b = row.prose_cell
        cell = assign_roles(r.ann.text[a:b], a, "", r.lang, row.prose_mentions, ex.kind)
        row.claimants, row.attributed = cell.claimants, cell.attributed
        row.perpetrators = cell.perpetrators + cell.claimants
        row.elsewhere += [
            m for m in row.prose_mentions if m not in cell.perpetrators + cell.claimants + cell.attributed
        ]
    if row is not None:
        _row_roles(s.roles, row, r.ann.text)


def _distinct(mentions: list[Mention]) -> list[Mention]:
    """``mentions`` without repeats of one span, in order."""
    return list({(m.start, m.end): m for m in mentions}.values())


def _row_roles(roles: UnitRoles, row: RowRoles, text: str) -> None:
    """A tracker's row: its actors' roles are its columns' ("| IRI |" under "Claimed by" claims; "CENTCOM later said"
    under "Outcome" takes no part), not the words around them (``tables.row_cells``)."""
    apart = {(m.start, m.end) for m in row.elsewhere + row.claimants + row.attributed + row.targets}
    others = [m for m in roles.perpetrators if (m.start, m.end) not in apart]
    if row.claim_column:
        roles.claimants = list(row.claimants)
        roles.claim_negated = False
        roles.claim_anaphora = False
        if row.claimants and row.claim_cell is not None:
            a, b = row.claim_cell
            roles.claim_evidence = [Evidence("claimed_by", a, b, text[a:b].strip())]
    roles.perpetrators = _distinct(row.perpetrators + others) if row.perpetrators or not row.claim_column else others
    roles.attributed = _distinct(row.attributed + [m for m in roles.attributed if (m.start, m.end) not in apart])
    if row.targets:
        roles.targets = list(row.targets)
    else:
        roles.targets = [m for m in roles.targets if (m.start, m.end) not in apart]


def sites(ex: Extractor, r: Reading, s: UnitReading) -> None:
    """Reads the unit, ``places`` and ``skip``; writes ``agg``/``aggregate`` (a count of many incidents),
    ``weapons``, ``sites`` (the places that can be an event's site; those told after a count, with their
    own roles, when the count hides no event near it) and ``roles``."""
    u = s.unit
    s.agg = aggregate_span(u, r.lang)
    s.aggregate = s.agg is not None
    s.weapons = [m for m in u.mentions if m.label == "WEAPON"]
    text = r.ann.text
    s.sites = event_places(u, r.places, text, r.skip) if any(m.label == "PLACE" for m in u.mentions) else []
    _described_landmarks(r, s)
    _site_taken_up(r, s)
    _dual_taken_up(r, s)
    if not s.sites:
        _ship_at_sea(r, s)
    if not s.sites:
        _entry_position(r, s)
    agg = s.agg
    if agg and s.sites:
        # a count of many incidents hides no event near it, but a specific one told further on stands:
        # "struck 85 targets ..., the first retaliation for the drone attack ... at Tower 22 last Sunday"
        far = [p for p in s.sites if p.start - agg[1] > 60 and r.places[p.key].precision != "country"]
        if not any(d.start >= agg[1] and d.precision == "day" for d in u.dates):
            far = []  # "claimed 200 launches at targets from Eilat to Haifa": places of the count itself
        if far:
            s.sites, s.aggregate = far, False
            sub = [m for m in u.mentions if m.start >= agg[1]]
            s.roles = assign_roles(text[agg[1] : u.end], agg[1], "", r.lang, sub, ex.kind)


def _dual_taken_up(r: Reading, s: UnitReading) -> None:
    """ "وكانت ضربات مماثلة قد استهدفت المطارين في 12 تشرين الأول": a unit that names no site and takes up two
    (a dual with the article, pack cue ``dual_site_anaphor``), on a day of its own, tells of attacks at the last two
    sites events were told at (when its day is not theirs)."""
    u = s.unit
    if s.sites or not r.drafts or not cues.rules(r.lang).has_cue("dual_site_anaphor"):
        return
    days = [d.value for d in u.dates if d.precision == "day" and d.value is not None]
    m = cues.cue(r.lang, "dual_site_anaphor").search(u.text) if days else None
    if m is None:
        return
    sites = []
    for d in reversed(r.drafts):
        if r.places[d.place.key].precision == "site" and d.place.key not in [x.place.key for x in sites]:
            sites.append(d)
        if len(sites) == 2:
            break
    if len(sites) < 2 or any(d.date.value in days for d in sites):
        return
    a, b = u.start + m.start(), u.start + m.end()
    for d in reversed(sites):
        s.sites.append(Mention("PLACE", d.place.key, a, b, r.ann.text[a:b], u.sentences[0]))


def _site_taken_up(r: Reading, s: UnitReading) -> None:
    """ "Militants fired two rockets at the base last week": a unit that takes up a site just told of without its
    name, on a day of its own, tells of an attack there: the last site an event was told at (only when its day
    differs from that event's: the same day is the same event, told again), else the last site the text named in
    this paragraph or the two before ("Few sites have been hit as often as the Khor Mor gas field. The drone that
    struck the field on Nov. 26 ..."). The towns such a unit names besides are no sites of it ("..., leaving Erbil
    and Sulaymaniyah without power")."""
    u = s.unit
    # (a day of its own, or its paragraph's under a tracker's heading: "#21-015 | Sat 20 Feb | BALAD AIR BASE" over
    # "Four rockets hit the base")
    headed = r.discourse.para_dates.get(u.paragraph)
    if (not u.dates and headed is None) or any(r.places[p.key].precision == "site" for p in s.sites):
        return
    # ("On March 13, 2022, the IRGC fired missiles at a compound in the city": the city told before, with "the city")
    m, precision = cues.find("site_anaphor", u.text), "site"
    if not m and not s.sites:
        m, precision = cues.find("town_anaphor", u.text), "town"
    if not m:
        return
    a, b = u.start + m.start(), u.start + m.end()
    if any(p.start < a for p in s.sites):
        return  # "Rockets hit Erbil; the base ...": the town named first is the unit's own site
    bases = [d for d in r.drafts if r.places[d.place.key].precision == precision]
    named = [
        x
        for v in r.units
        if v.end <= u.start and u.paragraph - 2 <= v.paragraph
        for x in v.mentions
        if x.label == "PLACE" and x.start >= r.skip and x.key in r.places and r.places[x.key].precision == precision
    ]
    topic = _topic_site(r) if precision == "site" else None
    if topic and not any(x.start > _paragraph_start(r, u) for x in named):
        key = topic  # a page about the base: "the base" is the page's own, not the one its last section named
    elif named and (not bases or named[-1].start > bases[-1].place.start):
        key = named[-1].key
    elif bases:
        key = bases[-1].place.key
    else:
        return
    told = [d for d in r.drafts if d.place.key == key and d.date.value is not None]
    own = [d.value for d in u.dates if d.value is not None] or ([headed.value] if headed and headed.value else [])
    if told and (not own or any(abs((d - told[-1].date.value).days) <= 1 for d in own)):
        return
    sent = next((i for i in u.sentences if r.ann.sentences[i].start <= a < r.ann.sentences[i].end), u.sentences[0])
    # the towns its own sentence names besides are no sites; a later sentence's site is one of its own ("Shortly
    # afterwards a gunship struck a vehicle near Abu Ghraib")
    later = [p for p in s.sites if p.sent > sent]
    s.sites = [Mention("PLACE", key, a, b, r.ann.text[a:b], sent), *later]


def _topic_site(r: Reading) -> str | None:
    """The site a page is about: its first line is the site's name and nothing else ("Ain al-Asad Airbase" heading
    an encyclopaedic article)."""
    sites = [m for m in title_mentions(r.ann, "PLACE") if m.key in r.places and r.places[m.key].precision == "site"]
    return sites[0].key if sites else None


def _paragraph_start(r: Reading, u: Unit) -> int:
    """Where the unit's paragraph begins."""
    return min((v.start for v in r.units if v.paragraph == u.paragraph), default=u.start)


def _ship_at_sea(r: Reading, s: UnitReading) -> None:
    """ "Sailors from a ship sunk in the Red Sea were rescued. The Eternity C cargo vessel was first attacked on
    7 July": a dated attack on a ship that names no place was at the sea the paragraph (or the one before) last
    named, when no attack was told there yet."""
    u = s.unit
    ship = cues.find("at_sea", u.text)
    if not ship or not any(d.precision == "day" for d in u.dates) or not u.has(cues.cue(r.lang, "attack")):
        return
    seas = [
        m
        for v in r.units
        if v.start < u.start and u.paragraph - 1 <= v.paragraph <= u.paragraph
        for m in v.mentions
        if m.label == "PLACE" and m.start >= r.skip and r.places[m.key].kind == "sea"
    ]
    if not seas or any(d.place.key == seas[-1].key for d in r.drafts):
        return  # an attack already told at that sea: the unit adds to it (``follow_up``), it is no new one
    a, b = u.start + ship.start(), u.start + ship.end()
    s.sites = [Mention("PLACE", seas[-1].key, a, b, r.ann.text[a:b], u.sentences[0])]


def _entry_position(r: Reading, s: UnitReading) -> None:
    """ "a. 02 SEP 2024 - BLUE LAGOON I (Panama flag) / Position: approximately 70NM north-west of Saleef, Yemen. /
    The vessel reported being struck by two projectiles": an attack told with no place under a timeline entry's
    heading is at the place the entry named before it (a maritime advisory's position line), when the entry has told
    of no event yet (else the unit adds to that one: "NOV. 22 – U.S. aircraft struck ... Kataib Hezbollah said
    eight of its fighters were killed")."""
    found = _entry_place(r, s.unit)
    if found is not None and not any(d.unit.end > found[0] for d in r.drafts):
        s.sites = [found[1]]


def _entry_place(r: Reading, u: Unit) -> tuple[int, Mention] | None:
    """(where the entry's heading line starts, the last place it finds above the unit) for an attack's unit with no
    place of its own in a timeline entry's block (``_entry_position``), or None."""
    if any(m.label == "PLACE" for m in u.mentions):
        return None
    if not u.has(cues.cue(r.lang, "attack")) and not any(
        m.label == "WEAPON" and m.key != "aircraft" for m in u.mentions
    ):
        return None  # (an attack word, or a weapon that is one: "two missiles exploding near the vessel")
    # the entry's heading: a paragraph's day at most a few lines up, with no blank line between (its block)
    heads = [r.discourse.para_dates.get(p) for p in range(u.paragraph, u.paragraph - _ENTRY_LINES, -1)]
    entry = next((h for h in heads if h is not None and 0 <= h.start < u.start), None)
    if entry is None or not _timeline_entry(entry, r.ann.text) or "\n\n" in r.ann.text[entry.start : u.start]:
        return None
    named = [
        m
        for v in r.units
        if v.end > entry.start and v.start < u.start
        for m in v.mentions
        if m.label == "PLACE" and m.start >= r.skip and m.start > entry.start
    ]
    # (the position, not the country after it: "approximately 70NM north-west of Saleef, Yemen")
    finer = [m for m in named if m.key in r.places and r.places[m.key].precision != "country"]
    line = r.ann.text.rfind("\n", 0, entry.start) + 1
    return (line, (finer or named)[-1]) if named else None


_ENTRY_LINES = 4  # an entry's attack is told at most this many lines below its heading


_DESCRIBED_DAYS = 3  # a unit's own day this far before a landmark's tells of another event, not the landmark


def _described_landmarks(r: Reading, s: UnitReading) -> None:
    """A landmark event the unit tells of ("the January 28 drone strike that killed three U.S. troops in
    Jordan", "the Tower 22 attack") is a site of the unit: the landmark's place, on the landmark's day,
    standing for the country or border the description names."""
    u = s.unit
    for a, b in reference_spans(u.text, u.start, r.lang, r.ann.text):
        s.sites = [m for m in s.sites if not a <= m.start < b]  # "the war on Gaza": Gaza is the reference's name
    for lm, a, b in referenced_landmarks(u.text, u.start, r.lang, r.ann.text):
        # "days after the killing of Ismail Haniyeh in Tehran", "after the drone strike on Tower 22": the landmark's
        # place, as its name or named right after it, is no site
        s.sites = [
            m
            for m in s.sites
            if not (
                (m.key == lm.place or contains(r.places, m.key, lm.place))
                and a <= m.start < b + 30
                and "." not in r.ann.text[b : m.start]
            )
            # (nor a place inside the reference's own words: "six days after the attack launched by Tehran")
            and not a <= m.start < b
        ]
    avenged = cues.find("retaliation", u.text)
    own_days = [
        d.value
        for d in u.dates
        if d.value is not None and d.precision == "day" and d.kind in ("absolute", "weekday", "relative", "hijri")
    ]
    for lm, a, b in described_landmarks(u.text, u.start, r.lang, r.ann.text):
        if lm.place not in r.places:
            continue
        # (a landmark answered after the news, "..., en riposte à l'attaque qui a tué trois soldats", is still told;
        # one in a fronted clause, "في إطار الرد على ... اغتيال القائد فؤاد شكر، قامت المقاومة", is not)
        answered = avenged is not None and u.start + avenged.end() <= a and _fronted_avenged(u) is None
        if own_days and not answered and all((lm.date - day).days > _DESCRIBED_DAYS for day in own_days):
            continue  # "raids on the ports of Salif and Ras Isa on Thursday killed nine workers": another day's raids
        fronted = _fronted_avenged(u)
        if (
            avenged
            and u.start + avenged.end() <= a
            # (another site told, or the landmark inside a fronted clause: "في إطار الرد الأولي على العدوان الذي
            # استهدف الضاحية ...، بدأت المقاومة هجوماً جوياً باتجاه عمق الكيان")
            and (any(not a <= m.start < b for m in s.sites) or (fronted is not None and fronted[0] <= a < fronted[1]))
            and not any(d.start >= u.start + avenged.end() for d in u.dates)
        ):
            # "Hezbollah fired rockets at X, in response to the aggression on the southern suburbs and the killing of
            # Fuad Shukr": the landmark avenged, told with no day, is a reference, not an event the unit tells (not
            # "in response to the drone attack that hit Tower 22 last Sunday, killing three")
            s.sites = [m for m in s.sites if not a <= m.start < b and m.key != lm.place]
            continue
        described = not any(m.key == lm.place and a <= m.start < b for m in u.mentions)
        if described and any(
            r.places[m.key].precision == "site" for m in s.sites if not a <= m.start < b and m.key != lm.place
        ):
            continue  # "an attack on the al-Tanf base ... northeast of Jordan, killing three American soldiers"
        s.sites = [m for m in s.sites if not a <= m.start < b and m.key != lm.place]
        # the landmark's place as the unit names it ("البرج 22"), else the place its description names ("Jordan")
        own = [m for m in u.mentions if m.label == "PLACE" and m.key == lm.place]
        named = own or [m for m in u.mentions if m.label == "PLACE" and a <= m.start < b]
        m = named[0] if own else named[-1] if named else None
        start, end = (m.start, m.end) if m else (a, b)
        s.sites.insert(0, Mention("PLACE", lm.place, start, end, r.ann.text[start:end], u.sentences[0]))
        s.landmark_days[lm.place] = (lm.date, described)


def eventful(ex: Extractor, r: Reading, s: UnitReading) -> None:
    """Reads ``sites``, ``aggregate``, the unit, ``period_starts`` and ``drafts``; writes ``eventful``: the unit
    tells of an attack of its own, not of events already read."""
    s.eventful = bool(s.sites) and not s.aggregate and reports_an_event(s.unit, r.lang, s.weapons, r.period_starts)
    if s.eventful and s.unit.has(cues.cue(r.lang, "non_event")):
        # "In Baghdad, a spokesman condemned the strikes on al-Qaim": the attack condemned is at the places named
        # after the condemnation, not where it was voiced
        told = s.unit.has(cues.shared("condemned_attack"))
        if told is not None:
            # (and an attack the text has told already is condemned, not told: "while also condemning the attack on
            # Erbil", after the drone attack on the Erbil air base)
            known = {d.place.key for d in r.drafts if not _coarse(r.places, d.place.key)}
            s.sites = [
                m
                for m in s.sites
                if s.unit.rel(m.start) >= told.start()
                and not any(m.key == k or contains(r.places, m.key, k) or contains(r.places, k, m.key) for k in known)
            ]
            s.eventful = bool(s.sites)
    if not s.eventful and s.aggregate and s.sites and _entry_of_its_own(r, s):
        # "12 January – US and British aircraft strike more than 60 targets at 16 locations across Yemen": a
        # timeline's entry is one event, however many targets it counts
        s.eventful = reports_an_event(s.unit, r.lang, s.weapons, r.period_starts)
    _listed_sites(ex, r, s)
    if s.eventful and not s.unit.dates and _past_year(r, s.unit):
        s.eventful = False  # "after a US strike in Baghdad killed Soleimani in 2020": background, not news
    if not s.eventful and s.sites and r.discourse.placeless and cues.shared("incident_taken_up").match(s.unit.text):
        s.eventful = True  # "The incident occurred at Al Asad air base": where the attack just told of was
        s.taken_up = True
    entry = r.discourse.para_dates.get(s.unit.paragraph)
    entry = entry if entry is not None and _timeline_entry(entry, r.ann.text) else None
    if s.eventful and s.sites and restates(r.places, s.unit, s.sites, r.drafts, s.roles, entry):
        s.eventful = False


# a line that is an item of a list: a bullet or a number ("- ثكنة برانيت.", "• Ramim barracks", "2) ...")
_LIST_ITEM = re.compile(
    r"\s*(?:[-–•*▪●◦]|\(?\d{1,2}[.)-]"
    # ("الأولى: استهدفت ...", "الثانية: ...", "أولاً: مطار دبي", "First: ...": an ordinal and a colon)
    r"|(?:ال)?(?:[أا]ولى|ثاني[ةه]|ثالث[ةه]|رابع[ةه]|خامس[ةه]|[أا]ول|ثاني|ثالث|رابع|خامس)(?:اً|ًا|ا)?\s*:"
    r"|(?i:first|second|third|fourth|fifth)(?:ly)?\s*:)\s+"
)


def _listed_sites(ex: Extractor, r: Reading, s: UnitReading) -> None:
    """ "أعلنت المقاومة تنفيذ هجوم بالصواريخ والمسيّرات على عدد من المقار والقواعد، أبرزها:" and a site per line below:
    a unit that tells of an attack, names no site and ends with a colon heads a list; each item that names a site
    and tells nothing of its own is an event of the head's attack, with its weapons and parties."""
    u, dc = s.unit, r.discourse
    item = _LIST_ITEM.match(u.text)
    if item and dc.list_head is None and dc.list_told is not None:
        # "B-1 bombers struck more than 85 targets at seven facilities. ... we can place most of them:" (a line that
        # names no place) and the places below: the attack told just before the colon is the list's
        index, paragraph, weapons, roles, day = dc.list_told
        colon = next((v for v in r.units if v.index == u.index - 1), None)
        if (
            colon is not None
            and colon.index == index + 1
            and colon.paragraph == paragraph
            and colon.text.rstrip().endswith(":")
        ):
            dc.list_head = (colon.index, weapons, roles, day)
    if dc.list_head is not None and item and s.sites and s.eventful and not s.aggregate:
        # "الأولى: استهدفت حاملة الطائرات الأمريكية ... في البحر العربي": an item that tells its own attack but names no
        # armed party acting is the head's operation, by the head's parties
        index, weapons, roles, day = dc.list_head
        own = [m for m in s.roles.perpetrators + s.roles.claimants if ex.kind(m) in ARMED_KINDS]
        head = [m for m in roles.perpetrators + roles.claimants if ex.kind(m) in ARMED_KINDS]
        if u.index - index <= _LIST_ITEMS and head and not own:
            # (the states it names are the struck side: "حاملة الطائرات الأمريكية")
            struck = [m for m in s.roles.targets + s.roles.perpetrators if m not in roles.targets]
            s.roles = replace(roles, targets=roles.targets + struck)
    if dc.list_head is not None and item and s.sites and not s.eventful and not s.aggregate:
        index, weapons, roles, day = dc.list_head
        # (an item that names a party of its own acting is no item of the head's attack; "KH and PMF positions at
        # Akashat", "IRGC-linked depots" name whose sites were hit)
        acting = (s.roles.perpetrators + s.roles.claimants + s.roles.attributed) if s.roles else []
        if u.index - index <= _LIST_ITEMS and not any(m in acting and m not in roles.targets for m in u.mentions):
            s.eventful = True
            s.weapons = s.weapons or weapons
            s.roles = roles
            if day is not None and not any(d.precision == "day" for d in u.dates):
                dc.last_date = day  # an item with no day of its own is of the head's
    if item:
        return
    told = dc.list_told
    dc.list_head, dc.list_told = None, None
    if (
        told is not None
        and s.eventful
        and told[0] == u.index - 1
        and told[1] == u.paragraph
        and not (s.roles.perpetrators or s.roles.claimants or s.roles.attributed)
        and (told[3].perpetrators or told[3].claimants)
        and _same_weapons(s.weapons, told[2])
    ):
        # "The IRGC fired about 180 ballistic missiles at Israel. Dozens of missiles struck Nevatim and Tel Nof": the
        # attack told just before at a country is the one whose sites follow, by its parties
        s.roles = replace(told[3], targets=list(s.roles.targets))
    if not u.text.rstrip().endswith(":"):
        if all(_coarse(r.places, m.key) for m in s.sites) and reports_an_event(u, r.lang, s.weapons, r.period_starts):
            # the attack a list head may take up
            dc.list_told = (u.index, u.paragraph, s.weapons, s.roles, _unit_day(u))
        return
    if not reports_an_event(u, r.lang, s.weapons, r.period_starts):
        armed = [m for m in s.roles.perpetrators + s.roles.claimants if ex.kind(m) in ARMED_KINDS]
        claims = u.has(cues.cue(r.lang, "claim")) or (armed and u.text.rstrip().endswith(":"))
        if not s.sites and claims and _items_follow(r, u):
            # "IRI claims TWO operations today:", "نفذت القوات المسلحة اليمنية عمليتين:" and an operation per line: a
            # claim's list, whatever it calls them
            dc.list_head = (u.index, s.weapons, s.roles, _unit_day(u))
            return
        if told is not None and told[0] == u.index - 1 and told[1] == u.paragraph and _items_follow(r, u):
            dc.list_head = (u.index, told[2], told[3], told[4])  # (the colon's line names a place: read here)
        return
    if not s.sites:
        dc.list_head = (u.index, s.weapons, s.roles, _unit_day(u))
    elif all(_coarse(r.places, m.key) for m in s.sites) and _items_follow(r, u):
        # "هاجم مجاهدونا أربع قواعد للعدو، ثلاث منها في سوريا، وهي:" and a base per line: the country locates the
        # items, it is no site of its own
        dc.list_head = (u.index, s.weapons, s.roles, _unit_day(u))
        s.eventful = False


_LIST_ITEMS = 12  # a list's items: as many lines below its head


def _same_weapons(mine: list[Mention], told: list[Mention]) -> bool:
    """The unit names the weapons told before, or a kind they are of ("missiles" after "ballistic missiles")."""
    a, b = set(clean_weapons([m.key for m in mine])), set(clean_weapons([m.key for m in told]))
    if not a or not b:
        return False
    generic = {"missile": {"ballistic_missile", "cruise_missile", "missile"}, "rocket": {"rocket"}, "drone": {"drone"}}
    return bool(a & b) or any(b & generic.get(k, set()) for k in a)


def _unit_day(u: Unit) -> date | None:
    """The first day the unit writes out (a list head's, for its items)."""
    days = [d for d in u.dates if d.precision == "day" and d.value is not None]
    # ("Friday, February 2": the written day before the weekday read against the page's day)
    written = [d for d in days if d.kind in ("absolute", "hijri")]
    return (written or days)[0].value if days else None


def _items_follow(r: Reading, u: Unit) -> bool:
    """The unit after ``u`` is an item of a list (a bullet or a number opens it)."""
    nxt = next((v for v in r.units if v.index == u.index + 1), None)
    return nxt is not None and bool(_LIST_ITEM.match(nxt.text))


def _past_year(r: Reading, u) -> bool:
    """Whether an undated unit names a year alone ("in 2020", pack cue ``past_year``) before the year of the
    publication (else of the narrative's day)."""
    if not cues.rules(r.lang).has_cue("past_year"):
        return False
    now = r.doc.published or r.discourse.last_date
    if now is None:
        return False
    return any(int(m.group("y")) < now.year for m in cues.cue(r.lang, "past_year").finditer(u.text))


def _locates(site: Mention, other: Mention, text: str) -> bool:
    """``other`` right after ``site`` only locates it ("in Musayyib, south of Baghdad, on Tuesday"): a date after
    it is still the site's."""
    gap = text[site.end : other.start]
    return 0 <= len(gap) < 40 and "." not in gap and bool(cues.shared("locator_before").search(gap))


def date_sites(ex: Extractor, r: Reading, s: UnitReading) -> None:
    """Reads ``sites``, the unit's dates, ``places``, ``discourse`` and the publication date; writes
    ``dated_sites``: each event's site with its date, provinces or countries that locate a site dropped (and
    ``discourse.last_date`` when an undated text names its own day: ``_today_named``)."""
    _today_named(r, s.unit)
    if not s.eventful:
        return
    u = s.unit
    published = r.doc.published
    last_date = r.discourse.last_date
    anchor = last_date
    if u.dates and all(d.kind == "anchored" for d in u.dates) and (anchor is None or _reversed(r, u)):
        # "The strikes come a day after ...", "ويأتي الهجوم بعد ساعات من غارة": from the day of the news (its lead
        # event's), not from the day an earlier paragraph's background names
        lead = [d.date.value for d in r.drafts[:1] if d.date.value is not None and d.date.precision == "day"]
        anchor = lead[0] if lead and anchor is not None else published
    if u.dates and all(d.kind == "anchored" and d.offset == 0 and d.follows for d in u.dates):
        # "وكانت المقاومة قد أعلنت في اليوم نفسه استهداف ...", "the same day": the day of the event told last, though a
        # landmark told as the past left the narrative at the news's day
        told = [d.date.value for d in r.drafts[-1:] if d.date.value is not None and d.date.precision == "day"]
        anchor = told[0] if told else anchor
    assigned: list[tuple[Mention, DateValue]] = []
    bounds = clauses(u)
    avenged = cues.find("retaliation", u.text)
    fronted = _fronted_avenged(u)
    for p in s.sites:
        ca, cb = clause_of(p.start, bounds)
        in_clause = [d for d in u.dates if ca <= d.start < cb]
        candidates = in_clause or u.dates
        if fronted:
            # "In response to the strike Israel carried out on Monday in B, Hezbollah shelled A": Monday is B's
            inside = fronted[0] <= p.start < fronted[1]
            candidates = [d for d in candidates if (fronted[0] <= d.start < fronted[1]) == inside]
        elif avenged and p.start < u.start + avenged.start():
            # "Hezbollah targeted A in revenge for an Israeli strike on Saturday in B": Saturday is B's, not A's
            candidates = [d for d in candidates if d.start < u.start + avenged.start()]
        others = [
            o
            for o in u.mentions
            if o.label == "PLACE"
            and o.key != p.key
            and o.key in r.places
            and not contains(r.places, o.key, p.key)
            and not _locates(p, o, r.ann.text)
        ]
        # "drones hit A on 14 July, and the next day another attack hit B": the unit's own earlier day anchors
        earlier = [d.value for d in u.dates if d.kind != "anchored" and d.value is not None and d.end <= p.start]
        # ("X struck A on Tuesday, a day after strikes on B": B is dated back from A's day, told earlier in the unit)
        moves_on = earlier and any(d.kind == "anchored" and (d.follows or d.offset > 0) for d in candidates)
        dm = pick_date(p, candidates, anchor or (earlier[-1] if moves_on else None), others)
        landmark = s.landmark_days.get(p.key)
        own = dm is not None and dm.value is not None and dm.precision == "day"
        if landmark is not None and not (
            own and (dm.kind in ("absolute", "hijri") or (dm.kind in ("weekday", "relative") and not landmark[1]))
        ):
            # the landmark's own day, whatever day the narrative is at ("days after the attack in Jordan")
            assigned.append((p, DateValue(landmark[0], "day", "landmark", p.text, p.start, p.end)))
            told_day = dm or next((d for d in in_clause or u.dates if d.kind in ("weekday", "relative")), None)
            if published is None and r.discourse.today is None and told_day is not None:
                # told as "today" or "yesterday": an undated text's own day follows from the landmark's
                told = _resolved(r, told_day, landmark[0])
                if told is not None:
                    r.discourse.today = landmark[0] + (landmark[0] - told)
            continue
        after_it = dm is not None and dm.kind == "anchored" and dm.offset > 0 and not dm.follows
        if after_it and p.start > dm.end and assigned and assigned[0][0].end <= dm.start:
            # "X struck A, four days after an attack on B": B is the earlier event, dated from A
            dv = DateValue(
                assigned[0][1].value - timedelta(days=dm.offset),
                "day",
                "anchored",
                dm.text,
                dm.start,
                dm.end,
            )
        else:
            own = [x for x in u.dates if x.end <= (dm.start if dm else 0) and x.kind != "anchored" and x.value]
            dv = dm.resolve(own[-1].value if own and dm.kind == "anchored" else anchor) if dm else None
        if published is None and any(d.kind in ("weekday", "relative") for d in ([dm] if dm else in_clause or u.dates)):
            known = [lm for lm in r.landmarks if lm.place == p.key]
            if not known:
                told_day = dm or next(d for d in (in_clause or u.dates) if d.kind in ("weekday", "relative"))
                dv = _on_text_day(r, told_day) or _written_month(r)
                if dv is None:
                    continue  # "last Thursday" in an undated text: the day cannot be known, not the context's
            else:
                # "the attack at Tower 22 on Saturday night": the landmark the text tells of gives its day
                dv = DateValue(known[0].date, "day", "landmark", p.text, p.start, p.end)
        if dv is None and r.drafts and cues.cue(r.lang, "event_taken_up").match(u.text):
            # "The U.S. strikes were carried out in A and B": the strikes told before (by the actor named
            # here, else the last ones), on their day
            named = {ex.acting(m.key) for m in u.mentions if m.label == "ACTOR"}
            # (the first the actor is told of: the news, not the earlier attack it answered)
            told = [d for d in r.drafts if named & set(d.perpetrators)][:1] or r.current[-1:]
            if told:
                dv = DateValue(told[0].date.value, told[0].date.precision, "context")
        if dv is None:
            dv = r.discourse.para_dates.get(u.paragraph)
        if dv is None and not _AGAIN.search(u.text):
            # "وكانت المقاومة قد تبنت الهجوم على عين الأسد": a place told before, and no day of its own (nor of its
            # paragraph): the event told there
            same = [d for d in r.drafts if d.place.key == p.key and d.date.value is not None]
            if same:
                dv = DateValue(same[-1].date.value, same[-1].date.precision, "context")
        if dv is None:
            dv = DateValue(last_date, "day", "context") if last_date else None
        if dv is None and published:
            dv = DateValue(published, "day", "publication")
        if dv is None:
            continue
        assigned.append((p, dv))
    s.dated_sites = drop_containers(r.places, assigned, u, r.discourse.para_dates.get(u.paragraph), r.ann.text, r.lang)


# "again", "another attack", "مجدداً", "هجوم جديد", "une nouvelle attaque": a new event at a place told before
_AGAIN = re.compile(
    r"\b(?:again|another|anew|a new|a second|second time)\b|\b(?:nouvelle?|nouveau|à nouveau|de nouveau)\b"
    r"|(?<!\w)(?:مجدد(?:اً|ا)?|جديد(?:ة|ه)?|ثان(?:ٍ|ية|يه)?|الثانية|الثانيه)(?!\w)|مر[ةه]\s+(?:أخرى|اخرى)",
    re.IGNORECASE,
)  # (not "كانون الثاني", January)


def _written_month(r: Reading) -> DateValue | None:
    """In an undated text nothing else dates, an event told with no day it can read is of the month of the latest
    date the text writes (``undated.latest_written_day``): said at month precision, not guessed to the day."""
    if r.written_month is None:
        return None
    return DateValue(r.written_month, "month", "written")


def _resolved(r: Reading, dm, published: date) -> date | None:
    """The day a weekday or a relative day ("today", "yesterday") names in a text published on ``published``."""
    if dm.kind not in ("weekday", "relative"):
        return None
    again = [d for d in find_dates(dm.text, dm.start, r.lang, published) if d.value is not None]
    return again[0].value if again and again[0].kind in ("weekday", "relative") else None


def _on_text_day(r: Reading, dm) -> DateValue | None:
    """In an undated text whose own day a landmark told as today's news gives ("the IRI today claimed the
    attack on the base on the Jordanian border ... it also struck Tanf today"), the day a weekday or
    relative day names."""
    if r.discourse.today is None or dm.kind not in ("weekday", "relative"):
        return None
    value = _resolved(r, dm, r.discourse.today)
    return DateValue(value, "day", "landmark", dm.text, dm.start, dm.end) if value else None


def new_events(ex: Extractor, r: Reading, s: UnitReading) -> None:
    """Reads ``dated_sites``, ``weapons``, ``roles``, the unit and ``discourse``; writes ``new`` (one draft per
    dated site, with its weapons, actors and casualties, read per clause when each clause tells of its own
    event), adds them to ``drafts`` and makes them ``current``."""
    if not s.eventful:
        return
    u, weapons_here = s.unit, s.weapons
    for p, dv in s.dated_sites:
        d = Draft(place=p, date=dv, unit=u, launch=u.launch_sites[0] if u.launch_sites else None)
        d.evidence.append(Evidence("location", p.start, p.end, p.text))
        if dv.start >= 0:
            d.evidence.append(Evidence("date", dv.start, dv.end, dv.text))
        s.new.append(d)
    bounds = clauses(u)
    groups: dict[tuple[int, int], list[Draft]] = {}
    for d in s.new:
        groups.setdefault(clause_of(d.place.start, bounds), []).append(d)
    fronted = _fronted_avenged(u)
    avenged = cues.find("retaliation", u.text) if r.lang != "ar" or fronted else None
    if r.lang != "ar" or fronted:
        groups = _avenged_apart(groups, u)
    for (ca, cb), group in groups.items():
        if ca >= 0 and avenged and all(d.place.start < u.start + avenged.start() for d in group):
            # "Hezbollah targeted A in response to an Israeli strike on B": Israel and its strike are B's
            cb = min(cb, u.start + avenged.start())
            sub = [m for m in u.mentions if ca <= m.start < cb]
            assign_weapons(group, [w for w in weapons_here if ca <= w.start < cb], u)
            assign_actors(ex, group, assign_roles(r.ann.text[ca:cb], ca, "", r.lang, sub, ex.kind), u, r.discourse)
            continue
        if ca < 0:
            # the attack a strike answered: its own actors, read from the words after "in response to"
            lo = -ca
            sub = [m for m in u.mentions if lo <= m.start < cb]
            assign_weapons(group, [w for w in weapons_here if lo <= w.start < cb] or weapons_here, u)
            assign_actors(ex, group, assign_roles(r.ann.text[lo:cb], lo, "", r.lang, sub, ex.kind), u, r.discourse)
            continue
        if len(groups) == 1:
            # "jets pounded X, hours after a drone slammed into Y": Y's weapon is in Y's clause
            in_clause = [w for w in weapons_here if ca <= w.start < cb]
            assign_weapons(group, in_clause or weapons_here, u)
            assign_actors(ex, group, s.roles, u, r.discourse)
            continue
        # several clauses, each with its own event: read weapons and roles per clause
        sub = [m for m in u.mentions if ca <= m.start < cb]
        in_clause = [w for w in weapons_here if ca <= w.start < cb]
        if not in_clause and len({w.key for w in weapons_here}) == 1:
            in_clause = weapons_here  # "US aircraft hit X, and on Nov. 8 they struck Y": one weapon, shared
        assign_weapons(group, in_clause, u)
        if r.lang != "ar" or fronted:
            clause_roles = assign_roles(r.ann.text[ca:cb], ca, "", r.lang, sub, ex.kind)
        else:
            # the unit's roles (Arabic clauses are read as one), but a target only in its own clause: "the first
            # operation targeted ship A ..., and the third a US destroyer" hit the US navy in the third alone
            clause_roles = replace(s.roles, targets=[m for m in s.roles.targets if ca <= m.start < cb])
        assign_actors(ex, group, clause_roles, u, r.discourse, (ca, cb))
    assign_casualties(s.new, u, r.ann.sentences, r.places)
    if r.lang != "ar" and cues.cue(r.lang, "event_taken_up").match(u.text):
        # "X said it struck A. The attacks carried out on Thursday hit B and C": the attacks told just before
        told = {tuple(d.perpetrators) for d in r.current if d.perpetrators}
        for d in s.new:
            if len(told) == 1 and not (d.perpetrators or d.claimants or d.attributed):
                d.perpetrators = list(next(iter(told)))
                if not d.weapons and set(d.perpetrators) & STATE_FORCES and r.current[-1].unit is not u:
                    # (the state's strikes told before were air strikes: "it struck ...", "launched raids")
                    d.weapons = ["aircraft"] if cues.shared("strike_word").search(r.current[-1].unit.text) else []
    by = r.discourse.placeless_by
    for d in s.new:
        told_before = by and d.weapons and set(d.weapons) <= set(r.discourse.prev_weapons)
        if told_before and not (d.perpetrators or d.claimants or d.attributed):
            # "Hezbollah fired dozens of rockets toward the north. More than 50 rockets were launched at
            # Beit Hillel": the attack told just before without a site, and its attacker
            d.perpetrators = list(by)
    prev_weapons = r.discourse.prev_weapons
    if prev_weapons and cues.shared("further_operations").search(u.text):
        prev_weapons = []  # "the fighters also targeted ...": further operations, whose weapons are not told
    days = r.discourse.prev_weapon_days
    for d in s.new:
        if d.date.value is not None and days and d.date.value not in days:
            continue  # an operation of another day is not one of those told with the weapon
        if not d.weapons and prev_weapons and not set(d.perpetrators) & STATE_FORCES:
            d.weapons = list(prev_weapons)  # "One of those attacks, on ... Tower 22": the drones above
    if s.taken_up:
        r.discourse.prev_weapons = []  # the attack told without its site has found it: its weapon is spent
    r.drafts.extend(s.new)
    r.current = s.new or r.current


def follow_up(ex: Extractor, r: Reading, s: UnitReading) -> None:
    """A unit that tells of no new event adds its claims, blame, figures and weapons to the events already read
    (``current``, or those at the places it names). Reads the unit, ``roles``, ``agg``, ``drafts``,
    ``current`` and ``discourse.last_claimant``; writes into those drafts."""
    u, roles, agg = s.unit, s.roles, s.agg
    last_claimant = r.discourse.last_claimant
    if not s.new and s.sites:
        _dated_again(r, s)
    if not s.new and cues.shared("topic_change").match(u.text):
        return  # "من جهة أخرى، قُتل جنديان ...": another matter, not of the events read before
    if not s.new and not s.aggregate:
        add_to_events(ex, u, roles, r.current, r.drafts, last_claimant)
    elif not s.new and roles.claimants:
        # a count of claims that names places with events ("claimed three operations ... at Haifa"):
        # link the claim to those events only, never to whatever was read last
        named = {m.key for m in u.mentions if m.label == "PLACE"} & {d.place.key for d in r.drafts}
        if named:
            add_to_events(ex, u, roles, [d for d in r.drafts if d.place.key in named], r.drafts, last_claimant)
        elif agg and SPECIFIC.search(u.text[: u.rel(agg[0])]):
            # "The attack was claimed by X, a coalition that has claimed scores of attacks": the count
            # describes the claimant; what comes before it is about this event
            head = u.head(agg[0])
            head_roles = assign_roles(head.text, head.start, head.norm, r.lang, head.mentions, ex.kind)
            add_to_events(ex, head, head_roles, r.current, r.drafts, last_claimant)


def _dated_again(r: Reading, s: UnitReading) -> None:
    """A headline's attack, dated by nothing but the page's day, that the unit tells again with that day written
    ("... تعلن استهداف قاعدة عين الأسد" atop, "أعلنت المقاومة، الخميس، استهداف قاعدة عين الأسد"): the day is
    the text's own now, and ``report.told_again`` no longer moves it to an earlier attack at the same place."""
    keys = {m.key for m in s.sites}
    for d in r.drafts:
        if d.place.key not in keys or d.date.basis != "publication":
            continue
        same = [
            dm
            for dm in s.unit.dates
            if dm.kind in ("absolute", "weekday", "relative") and dm.precision == "day" and dm.value == d.date.value
        ]
        if same:
            d.date = DateValue(same[0].value, "day", same[0].kind, same[0].text, same[0].start, same[0].end)
            d.evidence.append(Evidence("date", same[0].start, same[0].end, same[0].text))


def carry_discourse(ex: Extractor, r: Reading, s: UnitReading) -> None:
    """Reads the unit, ``roles``, ``new`` and ``anchors``; writes ``discourse``: the weapon antecedent, the
    paragraph, the narrative day, the paragraph's day, the last perpetrators, state actor and claimants."""
    u, roles, dc = s.unit, s.roles, r.discourse
    classes = clean_weapons([m.key for m in u.mentions if m.label == "WEAPON" and m.key != "aircraft"])
    if classes:  # the antecedent stays until another weapon is named (fragments like "28." keep it)
        dc.prev_weapons = classes if len(classes) == 1 else []
        dc.prev_weapon_days = {d.date.value for d in s.new if d.date.value is not None}
    dc.prev_para = u.paragraph
    dated = [d for d in u.dates + _bounds_within(r, u) if d.value is not None and d.precision == "day"]
    if r.doc.published is not None and _in_caption(r, u):
        # a photo's caption dates the photo: the story's next lines are not of its day (with no publication
        # date, though, it is the earliest the story can be: ``_today_named``)
        dated = []
    elif s.new and s.new[-1].date.basis == "written":
        pass  # a month said for want of a day moves the narrative to no day
    elif s.new and dc.last_date is not None and all(d.date.basis == "landmark" for d in s.new):
        # "retaliation for the killing of Fuad Shukr": a landmark told as the past moves the narrative to no day, but
        # the unit's own day does ("Friday evening, US bombers struck 85 targets, in retaliation for the attack that
        # killed three soldiers in Jordan": Friday)
        marks = {d.date.value for d in s.new}
        own = [d for d in _not_avenged(u, dated) if d.kind != "anchored" and d.value not in marks]
        if own:
            dc.last_date = own[0].value
    elif (
        s.new
        and dc.last_date is not None
        and all(d.date.value is not None and d.date.value < dc.last_date for d in s.new)
        and cues.find("retaliation", u.text)
    ):
        pass  # "These strikes follow the drone attack on Tower 22 on Jan. 28": the attack answered is the past
    elif s.new and not _told_as_earlier(r, u, dated):
        dc.last_date = _news_day(u, s.new, dated)
    elif dated:
        dc.last_date = dated[0].value
    # "Several U.S. service members were injured Monday in a rocket attack at an Iraqi air base.": the next
    # unit may say where ("The incident occurred at Al Asad air base")
    dc.placeless = bool(not s.new and not s.sites and dated and (classes or u.has(cues.cue(r.lang, "attack"))))
    own = _not_avenged(u, dated)
    if own:
        dc.para_dates[u.paragraph] = _paragraph_day(own[-1])
        heading = own[0]
        if _timeline_entry(heading, r.ann.text) and "\n" not in r.ann.text[u.start : u.end].strip():
            # "OCTOBER 1 — "True Promise 2"" over the entry's paragraph: that paragraph is of the heading's day
            dc.para_dates.setdefault(u.paragraph + 1, _paragraph_day(heading))
    subjects = [
        ex.acting(m.key)
        for m in roles.perpetrators + roles.claimants
        if ex.kind(m) in ARMED_KINDS and not ex.generic(m.key)
    ]
    if subjects:
        dc.last_perp = subjects
        dc.perp_newer = not set(subjects) <= set(dc.last_claimant)
    dc.placeless_by = subjects if dc.placeless else []
    states_here = [ex.acting(m.key) for m in roles.perpetrators if ex.kind(m) in STATE_KINDS]
    if states_here:
        dc.last_state = states_here[0]
        dc.last_states = uniq(states_here)
    if [m for m in roles.claimants if not ex.generic(m.key)]:
        dc.last_claimant = [m.key for m in roles.claimants if not ex.generic(m.key)]
        dc.perp_newer = False
    elif not subjects:
        firsts = [
            m.key for m in u.mentions if m.label == "ACTOR" and ex.kind(m) in ARMED_KINDS and not ex.generic(m.key)
        ]
        if firsts and not s.new:
            dc.last_perp = firsts[:1]


def _not_avenged(u: Unit, dated: list) -> list:
    """``dated`` without the days of the attack the unit's news answered, told after it ("..., in response to the
    strikes on Beirut on Thursday"): they date that attack, not the paragraph."""
    avenged = cues.find("retaliation", u.text)
    if avenged is None or _fronted_avenged(u):
        return dated
    return [d for d in dated if d.start < u.start + avenged.start()]


def _news_day(u: Unit, new: list[Draft], dated: list) -> date:
    """The day the narrative is at after a unit that told of new events: the last one's, unless it is the attack the
    unit's news answered ("US forces struck 85 targets late on Friday, the first retaliation for the drone attack
    that killed three soldiers at Tower 22 last Sunday": the narrative is at Friday, not at Tower 22's Sunday)."""
    avenged = cues.find("retaliation", u.text)
    last = new[-1].date
    if last.basis == "anchored" and avenged is None:
        # "Hezbollah fired 200 rockets at northern Israel on Wednesday, a day after an Israeli strike on X": the
        # narrative stays at Wednesday, the strike counted back from it is its background
        told = [d.date.value for d in new if d.date.basis != "anchored" and d.date.value is not None]
        if told and last.value is not None and last.value < told[0]:
            return told[0]
    if avenged is None or _fronted_avenged(u):
        return last.value
    cut = u.start + avenged.start()
    told = [d for d in new if d.place.start < cut]
    if told:
        return told[-1].date.value
    own = [d for d in dated if d.start < cut]
    return own[-1].value if own else new[-1].date.value


def _in_caption(r: Reading, u: Unit) -> bool:
    """The unit is a photo caption's line ("Smoke rises after a strike near Damascus, 22 November 2023 (Getty)")."""
    return any(kind == "caption" and a <= u.start < b for a, b, kind in cues.furniture_lines(r.ann.text))


def _reversed(r: Reading, u: Unit) -> bool:
    """The unit's anchored days count back from the news ("The strikes come a day after ...")."""
    return any(
        d.kind == "anchored"
        and cues.shared("date_anchor_reversed_before").search(r.ann.text[max(u.start, d.start - 30) : d.start])
        for d in u.dates
    )


def _told_as_earlier(r: Reading, u: Unit, dated: list) -> bool:
    """ "The strikes come a day after the Houthis fired a missile": the unit tells of the earlier event only to
    place the news, so the narrative stays at the news' day (its next units with no day are not the eve)."""
    if dated:
        return False
    return any(
        d.kind == "anchored"
        and d.offset < 0
        and cues.shared("date_anchor_reversed_before").search(r.ann.text[max(u.start, d.start - 30) : d.start])
        for d in u.dates
    )


# -- the corrections stage --------------------------------------------------------------------------------------------
def corrections(ex: Extractor, r: Reading) -> None:
    """ "Correction: an earlier version said the attack took place on Tuesday. It took place on Wednesday.":
    the event dated by the wrong day (else the first of the weapon it names, else the lead event) takes the
    corrected day. Reads units; writes the dates of drafts."""
    units, drafts = r.units, r.drafts
    if not drafts:
        return
    for i, u in enumerate(units):
        if not cues.find("correction", u.text):
            continue
        window = [u, *units[i + 1 : i + 2]]
        stated = [d for w in window for d in w.dates if d.value is not None and d.precision == "day"]
        right = [
            d
            for w in window
            for d in w.dates
            if d.value is not None
            and cues.shared("took_place").search(w.text[max(0, d.start - w.start - 40) : d.start - w.start])
        ]
        if not right:
            continue
        new = right[-1]
        wrong = {d.value for d in stated if d is not new}
        # the event dated by the wrong day; else the first of the weapon the correction names ("said the rocket
        # attack took place Sunday"); else the story's lead event
        named = {m.key for w in window for m in w.mentions if m.label == "WEAPON"}
        target = (
            [d for d in drafts if d.date.value in wrong]
            or [d for d in drafts if named & set(d.weapons)][:1]
            or drafts[:1]
        )
        for d in target:
            d.date = DateValue(new.value, "day", "correction", new.text, new.start, new.end)


# -- helpers --------------------------------------------------------------------------------------------------------
def _within(dates: list, u: Unit) -> list:
    return [d for d in dates if u.start <= d.start < u.end]


def _bounds_within(r: Reading, u: Unit) -> list:
    """The period bounds of the unit that move the narrative: an end ("Jusqu'au 28 janvier. Ce jour-là, ..."), not
    the first day of a period still running ("since 17 October")."""
    if not r.doc.published:
        return []
    # (the opening word of a period that runs on to the news, "since October 17", "منذ 17 تشرين الأول", "depuis le 17
    # octobre", pack cues ``since_before``: its first day is no day the narrative is at)
    since = cues.per_language("since_before")
    return [
        d
        for d in _within(r.anchors, u)
        if not any(c.search(r.ann.text[max(u.start, d.start - 30) : d.start]) for c in since)
    ]


@cache
def _reference_words() -> tuple[str, str, str, str]:
    """The words of a reference to an event by its place ("the Erbil attack"): determiners and nouns."""
    names = (
        "event_reference_determiner",
        "event_reference_noun",
        "event_back_reference_determiner",
        "event_back_reference_noun",
    )
    return tuple(cues.shared(name).pattern for name in names)


def restates(
    place_table: Mapping[str, Place],
    u: Unit,
    places: list[Mention],
    drafts: list[Draft],
    roles: UnitRoles,
    paragraph_date: DateValue | None = None,
) -> bool:
    """The unit speaks again of events already read (a claim posted the next morning, a follow-up).
    ``paragraph_date``: the day of the timeline entry the unit belongs to, if it belongs to one."""
    determiner, noun, back_determiner, back_noun = _reference_words()
    for p in places:
        if re.search(
            rf"\b(?:{determiner})\s+{re.escape(p.text)}\s+(?:[\w-]+\s+)?(?:{noun})s?\b",
            u.text,
            re.I,
        ) and not any(d.precision == "day" and d.kind in ("absolute", "weekday", "relative") for d in u.dates):
            return True  # "the Erbil attack", "after the Baghdad strike": an event told elsewhere
    known = {d.place.key: d for d in drafts}
    if _told_raids(place_table, u, places, known):
        return True
    if any(
        place_table[p.key].precision == "province"
        and p.key not in known
        and any(q.key in known and listed_together(p, q, u.text, u.start) for q in places)
        for p in places
    ):
        return False  # "military sites in Tehran, Khuzestan and Ilam provinces": a list with new places tells anew
    places = [p for p in places if place_table[p.key].precision not in ("country", "province") or p.key in known]
    if not places or not all(p.key in known for p in places):
        return False
    for p in places:
        if re.search(
            rf"\b(?:{back_determiner})\s+{re.escape(p.text)}\s+(?:\w+\s+)?(?:{back_noun})\b",
            u.text,
            re.I,
        ):
            return True  # "the Ain al-Asad attack": a reference back to an event already read
    own = [d for d in u.dates if d.kind in ("absolute", "hijri") and d.value is not None]
    if not u.dates:
        # "JAN. 3 - ... Separately, a drone targets troops in Syria": a paragraph at another day tells of another event
        return paragraph_date is None or all(
            abs((paragraph_date.value - known[p.key].date.value).days) <= 1 for p in places
        )
    if own:
        # a draft dated by nothing but the publication day (the headline) is not a dated account: the unit's own
        # day is ("US raids on Albu Kamal" atop, "on the evening of Sunday 12 November, US jets struck ..."), and
        # ``report.told_again`` makes the two one
        return all(
            abs((d.value - known[p.key].date.value).days) <= 1
            and (known[p.key].date.basis != "publication" or d.value == known[p.key].date.value)
            for d in own
            for p in places
        )
    claimish = roles.claimants or roles.claim_anaphora or roles.claim_negated
    return bool(claimish) and all(
        d.value is not None and 0 <= (d.value - known[p.key].date.value).days <= 2 for d in u.dates for p in places
    )


def _told_raids(place_table: Mapping[str, Place], u: Unit, places: list[Mention], known: Mapping[str, Draft]) -> bool:
    """ "الحصيلة غير النهائية للغارات على صنعاء وصعدة ورداع" (the toll of the raids on ...): the raids named with
    the article, with no day of the unit's own, at places the text told attacks at (or in, or around): those
    attacks again (pack cue ``raids_told_before``, Arabic). A first account may name its raid with the article
    too ("استشهد 5 في الغارة على عيترون"): only places already told are read so."""
    if not places or any(d.precision == "day" and d.kind in ("absolute", "weekday", "relative") for d in u.dates):
        return False
    told = cues.find("raids_told_before", u.text)
    if told is None or not all(p.start >= u.start + told.end() for p in places):
        return False
    return all(
        p.key in known or any(contains(place_table, k, p.key) or contains(place_table, p.key, k) for k in known)
        for p in places
    )


def aggregate_span(u: Unit, lang: str) -> tuple[int, int] | None:
    """Document offsets of a count of many incidents in the unit ("more than 85 targets"), if any."""
    if lang == "en" and not any(w in u.low for w in AGGREGATE_NOUNS):
        return None  # no counted noun at all: skip the costly pattern
    m = u.has(cues.cue(lang, "aggregate"))
    if not m:
        return None
    if cues.shared("month_before_count").search((u.norm or u.text)[max(0, m.start() - 12) : m.start()]):
        return None  # "no casualties in the July 16 attacks": a day of the month, no count
    phrase = m.group(0).lower()
    # "two drones ... three rockets" are one event's details; counts of attacks/times are aggregates,
    # but "two rocket attacks on Kharab al-Jir" (one or two claims at one site) still reports an event
    if cues.shared("aggregate_pair").match(phrase) and len(u.mentions) < 8:
        return None
    if cues.shared("aggregate_single").search(phrase) or cues.shared("aggregate_except").search(phrase):
        return None
    # ("three strikes hit Erbil, Balad and Baghdad in eight days": a tally of several days still)
    of_a_day = cues.shared("aggregate_of_a_day").match(phrase) and not cues.shared("tally_period").search(u.text)
    if of_a_day and any(d.precision == "day" for d in u.dates):
        return None  # "OCT. 19 - U.S. forces in Syria were attacked three times": that day's event, not a tally
    if of_a_day and _counted_at_a_place(u, m.end(), lang):
        return None  # "launched three attacks on the Marib governorate": that place's event, not a tally
    if any(d.precision == "day" for d in u.dates) and _targets_of_one_strike(u, m, lang):
        return None  # "struck 36 Houthi targets at 13 locations in Yemen late on Saturday": that day's strike
    if _raids_counted_on_sites(u, m, lang):
        return None  # "al-Masirah reported 15 strikes on sites north and south of the capital": one night's raids
    if re.search(r"[\"“«]\s*$", u.text[: m.start()]):
        return None  # a count quoted from a claim ("carried out \"three operations\"") reports one event
    if re.match(r"[^.;:]{0,80}:\s*\S", u.text[m.end() :]):
        # "claimed three attacks on Wednesday: a drone attack on A, rockets at B", "أطلق أكثر من 320 صاروخاً على 11
        # قاعدة وثكنة عسكرية للعدو، منها: ثكنة كيلع، وقاعدة نفح": a list of the sites follows
        return None
    text = u.norm or u.text
    if any(x.label == "PLACE" and x.end <= u.start + m.start() for x in u.mentions) and cues.shared(
        "tally_before"
    ).search(text[max(0, m.start() - 50) : m.start()]):
        # "claimed drone attacks on A and B, part of what it says are more than 160 attacks since October": the
        # campaign's tally the events told before it belong to
        return None
    return u.start + m.start(), u.start + m.end()


def _targets_of_one_strike(u: Unit, count: re.Match, lang: str) -> bool:
    """The count is of the targets one strike hit ("struck 36 Houthi targets", "more than 85 targets were struck",
    pack cue ``targets_of_one_strike``), not of incidents."""
    one = u.has(cues.cue(lang, "targets_of_one_strike"))
    return one is not None and one.start() < count.end() and count.start() < one.end()


def _raids_counted_on_sites(u: Unit, count: re.Match, lang: str) -> bool:
    """A figure of strikes on the sites named next (pack cue ``raids_counted_on_sites``), in a unit that tells no
    span of days: one night's raids reported as a count, not a tally."""
    if not cues.rules(lang).has_cue("raids_counted_on_sites") or cues.find("tally_period", u.text):
        return False
    text = u.norm or u.text
    return bool(cues.cue(lang, "raids_counted_on_sites").match(text[count.start() :])) and not re.search(
        r"\b(?:since|so far|this (?:month|year)|in total|depuis|au total|cette année|ce mois)\b", text, re.IGNORECASE
    )


def _counted_at_a_place(u: Unit, end: int, lang: str) -> bool:
    """A count of attacks followed by the one place they hit ("three attacks on the Marib governorate", "سلسلة غارات
    عنيفة نفذها طيران الاحتلال على الضاحية الجنوبية"). ``end`` is where the count ends in the text the unit is read
    in (its normalised text in Arabic)."""
    if lang == "ar":
        on = cues.shared("count_on_place_ar").match(u.norm, end)
        # the place itself, as the normalised text writes it
        return on is not None and any(
            m.label == "PLACE" and u.norm.startswith(normalize_arabic(m.text), on.end()) for m in u.mentions
        )
    on = cues.shared("count_on_place").match(u.text, end)
    # the place itself, not a word made of it ("against Iran-backed militia targets")
    return on is not None and any(
        m.label == "PLACE" and m.start == u.start + on.end() and not u.text[m.end - u.start :].startswith("-")
        for m in u.mentions
    )


def drop_containers(
    place_table: Mapping[str, Place],
    assigned: list[tuple[Mention, DateValue]],
    u: Unit,
    paragraph_date: DateValue | None = None,
    text: str = "",
    lang: str | None = None,
) -> list[tuple[Mention, DateValue]]:
    """A province or country named next to a site in it locates the site; it is not another event.
    ``paragraph_date``: the day the unit's paragraph states, which dates its country-level events too.
    A town near a site (a base, a position) is a target of its own when the two are items of one list, or
    when the town is told first and another attack word comes before the site (``_own_target``)."""
    keep = []
    bounds = clauses(u)
    listed = _place_lists(u, text)
    for p, dv in assigned:
        inner = [
            q
            for q, dq in assigned
            if q is not p
            and (dq.value == dv.value or clause_of(q.start, bounds) == clause_of(p.start, bounds))
            and contains(place_table, p.key, q.key)
            and not (
                place_table[p.key].precision == "town"
                and place_table[q.key].precision == "site"
                and _own_target(p, q, listed, text, lang, u.start)
            )
        ]
        if inner:
            continue
        keep.append((p, dv))
    # country-level sites only when nothing more precise is named in the unit, or a facility of their own stands in
    # another country than the precise sites ("once at Al-Asad Airbase and once at a base in northeast Syria")
    precise = [x for x in keep if place_table[x[0].key].precision != "country"]
    if precise:
        elsewhere = {place_table[x[0].key].country for x in precise}
        facility = cues.per_language("facility_in_before")
        keep = [
            x
            for x in keep
            if place_table[x[0].key].precision != "country"
            or (
                place_table[x[0].key].country not in elsewhere
                and any(c.search(text[max(u.start, x[0].start - 60) : x[0].start]) for c in facility)
            )
        ]
    else:
        # a country (or a region of one) is the place when nothing more precise is named and the unit, or
        # the timeline entry it belongs to ("OCT. 19 - ... Separately, drones target two bases in Iraq"),
        # dates the attack itself: "U.S. forces in Syria shot down two drones on Wednesday"; several
        # countries are several events only on a timeline's day ("NOV. 17 - troops in Iraq and Syria ...")
        explicit = [
            x
            for x in keep
            if x[1].basis in ("absolute", "weekday", "relative", "hijri", "month", "anchored")
            or (x[1] is paragraph_date and _timeline_entry(x[1], text))
        ]
        several = len({x[0].key for x in keep}) > 1
        each = cues.shared("each_country").search(u.text)  # "in each of Syria and Iraq": one event per country
        # ("conducted airstrikes in Iraq and Syria on Friday": a list of the countries struck, each its event)
        # (but not over a span: "Attacks on US forces in Iraq and Syria, October 17 - December 8")
        days = {d.value for d in u.dates if d.precision == "day" and d.value is not None}
        one_list = (
            len(days) <= 1
            and cues.shared("strike_word").search(u.text) is not None  # not "attacks on sites in Syria and Iraq"
            and len({listed.get(x[0].start, -1 - i) for i, x in enumerate(keep)}) == 1
        )
        if several and not one_list and not (each and all(x[0].start > u.start + each.start() for x in explicit)):
            keep = [x for x in explicit if _timeline_entry(x[1], text)]
        else:
            keep = explicit
    return keep


def _own_target(town: Mention, site: Mention, listed: dict[int, int], text: str, lang: str | None, start: int) -> bool:
    """A town near a site is not the site's locator but a target of its own: the two are items of one list
    ("the Branit barracks and Hanita"), or the town is told first as the object of an attack and another
    attack word introduces the site ("shelled Metula with rockets, as well as striking the Malkia
    position"); "In Erbil, a drone struck the air base" keeps Erbil a locator."""
    if listed.get(town.start, -1) == listed.get(site.start, -2):
        return True
    if lang is None or town.end > site.start:
        return False
    from claimgraph.lang import rules

    attack, norm = cues.cue(lang, "attack"), rules(lang).norm
    return bool(attack.search(norm(text[start : town.start])) and attack.search(norm(text[town.end : site.start])))


def _place_lists(u: Unit, text: str) -> dict[int, int]:
    """The lists of places the unit names, as {a place mention's start: its list's number}: places joined by
    only a comma, a joining word or a word for places ("the Branit barracks and Hanita", "ثكنة برانيت
    ومواقع جل العلام والمطلة") are items of one list, each a target of its own; a town among them does not
    locate the site beside it, however near (pack cue ``listed_place_between``)."""
    if not text:
        return {}
    joined = cues.shared("listed_place_between")
    out: dict[int, int] = {}
    places = sorted((m for m in u.mentions if m.label == "PLACE"), key=lambda m: m.start)
    n = 0
    for prev, m in zip([None, *places], places, strict=False):
        # "وحانيتا": the joining word written onto the name is part of the mention
        gap = text[prev.end : m.start] + (m.text[0] if m.text[:1] in ("\u0648", "\u0641") else "") if prev else ""
        if prev is None or prev.end > m.start or not joined.match(gap):
            n += 1
        out[m.start] = n
    return out


def _entry_of_its_own(r: Reading, s: UnitReading) -> bool:
    """The unit opens a timeline's entry with its day ("12 January – ...") and names one country or sea as its
    site."""
    u = s.unit
    days = [d for d in u.dates if d.precision == "day" and d.value is not None and d.start == u.start]
    if not days or not _timeline_entry(
        DateValue(days[0].value, "day", "absolute", days[0].text, days[0].start, days[0].end), r.ann.text
    ):
        return False
    return len({m.key for m in s.sites}) == 1


def _timeline_entry(dv: DateValue, text: str) -> bool:
    """The day heads its line as a timeline entry's does ("NOV. 17 - U.S. troops in Iraq and Syria are
    attacked three times"): the countries its paragraph names are that day's events, not a summary's."""
    if dv.precision != "day" or dv.start < 0:
        return False
    # (after a bullet or an item's number: "2.2 24 JAN 2024 - MAERSK DETROIT ...", "- Oct. 18 - ...")
    prefix = text[text.rfind("\n", 0, dv.start) + 1 : dv.start]
    return (prefix == "" or bool(_ENTRY_MARK.fullmatch(prefix))) and bool(
        cues.shared("timeline_head_after").match(text, dv.end)
    )


# a timeline entry's mark before its day: a bullet, a number, a section's number ("2.2 "), a letter ("c. 17 JAN —")
_ENTRY_MARK = re.compile(
    r"\s*(?:[-–•*▪●◦]|\(?\d{1,2}(?:\.\d{1,2})*[.)-]?|\(?[a-z][.)])\s+"
    # (a tracker's incident number and the weekday before the day: "#21-015 | Sat 20 Feb | BALAD AIR BASE")
    r"|\s*#?[\w-]{1,12}\s*\|\s*(?:[A-Za-z]{3,9}\.?,?\s+)?"
    # (an advisory's numbered incident: "INCIDENT 110 — 21 AUG 2024 — 0555Z — 77NM W of Al Hudaydah")
    r"|\s*(?:INCIDENT|Incident)\s+\d{1,4}\s*[—–-]\s*"
)


_MARKS = re.compile(r"[\u064b-\u0652\u0640]")  # Arabic short vowels, tanween, shadda, sukun, tatweel


def _no_marks(ch: str) -> str:
    return "" if _MARKS.fullmatch(ch) else ch


_FRONTED_LEAD = re.compile(r"\W*(?:(?:and|but|و|ف)\s*)?", re.IGNORECASE)
_CLAUSE_COMMA = re.compile(r"[,،]")


def _fronted_avenged(u: Unit) -> tuple[int, int] | None:
    """The part of a unit that opens with what it answers, up to its comma ("In response to the assassination Israel
    carried out on Monday in Nabatieh, Hezbollah shelled Kiryat Shmona", "ردّاً على عملية الاغتيال التي نفذها العدو
    أمس في النبطية، قصف مجاهدو المقاومة ..."): document offsets, or None."""
    span = _fronted_span(u.text, bool(u.norm))
    return (u.start + span[0], u.start + span[1]) if span else None


@lru_cache(maxsize=64)
def _fronted_span(text: str, arabic: bool) -> tuple[int, int] | None:
    """``_fronted_avenged`` within ``text`` (several stages ask it of each unit: read once)."""
    if arabic:  # read without its diacritics ("ردّاً على" as "رداً على"), offsets of the text as written
        subject, where = index_map(text, _no_marks)
    else:
        subject, where = text, None
    m = cues.find("retaliation", subject)
    if not m or m.start() > _FRONTED_LEAD.match(subject).end():
        return None
    comma = _CLAUSE_COMMA.search(subject, m.end())
    if comma is None or comma.start() - m.end() > 220:
        return None
    return (where[m.start()], where[comma.start()]) if where else (m.start(), comma.start())


def _avenged_apart(groups: dict[tuple[int, int], list[Draft]], u: Unit) -> dict[tuple[int, int], list[Draft]]:
    """The events told after "in retaliation for" / "in response to" in a unit that also tells of the strike
    answering them ("The U.S. strikes came in response to attacks by Iran-backed groups, including the
    attack on al-Asad on Jan. 20") form a group of their own, keyed (-start of the answered part, end of its
    clause), so that the strike's actor is not theirs."""
    fronted = _fronted_avenged(u)
    m = cues.find("retaliation", u.text)
    if not m and not fronted:
        return groups
    lo = fronted[0] if fronted else u.start + m.end()
    out: dict[tuple[int, int], list[Draft]] = {}
    for (ca, cb), group in groups.items():
        hi = fronted[1] if fronted else cb  # a fronted answered part ends at its comma; the strike told follows
        after = [d for d in group if lo <= d.place.start < hi]
        before = [d for d in group if not lo <= d.place.start < hi]
        if before:
            out[(max(ca, hi) if fronted else ca, cb)] = before
        if after and (before or any(k[0] < lo for k in groups)):
            out.setdefault((-lo, hi), []).extend(after)
        elif after:
            out[(ca, cb)] = after
    return out


_LIST_COMMA = re.compile(r"[,،;؛]")


@cache
def _armed_people_words() -> frozenset[str]:
    """The weapon words that name people who carry arms ("gunmen", "مسلحون"), folded as the lexicon's are."""
    return frozenset(fold(w) for w in packs().shared_items("armed_people_words"))


def assign_weapons(drafts: list[Draft], weapons: list[Mention], u: Unit) -> None:
    """The weapons of the unit's new events: each weapon to the nearest event, one weapon class to all of a day."""
    if not drafts:
        return
    back = cues.find("retaliation", u.text)
    if back and all(d.place.start < u.start + back.start() for d in drafts):
        # "US jets struck X, in retaliation for a ballistic missile attack on Y": the missile is Y's
        weapons = [w for w in weapons if w.start < u.start + back.start()]
    for prior in cues.shared("prior_attack").finditer(u.text):
        # "after a rocket attack on the K-1 base ..., US aircraft struck ...": the rockets are the earlier attack's,
        # unless the event read here is that earlier attack ("hours after a drone slammed into the base at Erbil")
        comma = u.text.find(",", prior.end())
        lo, hi = u.start + prior.start(), u.start + (comma if comma >= 0 else len(u.text))
        if all(not lo <= d.place.start < hi for d in drafts):
            weapons = [w for w in weapons if not lo <= w.start < u.start + prior.end()]
    classes = {w.key for w in weapons}
    text = u.text

    def apart(d: Draft, w: Mention) -> tuple[int, int]:
        """How far a weapon is from an event's site: the commas between them first ("al-Tanf on the border with a
        drone, and al-Shaddadi with rockets": the drone is al-Tanf's, though nearer al-Shaddadi), then characters."""
        a, b = sorted((d.place.end if d.place.end <= w.start else d.place.start, w.start))
        return len(_LIST_COMMA.findall(text, max(0, a - u.start), max(0, b - u.start))), abs(d.place.start - w.start)

    nearest = {id(w): min(drafts, key=lambda x: apart(x, w)) for w in weapons}
    armed_people = _armed_people_words()
    for d in drafts:
        if len(drafts) == 1:
            mine = weapons
        elif len(classes) <= 1:
            # one weapon for several sites: shared by the sites of the same date only
            mine = [w for w in weapons if nearest[id(w)].date.value == d.date.value]
        else:
            mine = [w for w in weapons if nearest[id(w)] is d]
        if any(w.key != "small_arms" for w in mine):
            # "gunmen fired two rockets": the gunmen carry the rockets, the attack is no shooting
            mine = [w for w in mine if not (w.key == "small_arms" and fold(w.text) in armed_people)]
        d.weapons = clean_weapons([w.key for w in mine])
        if {"drone", "missile"} <= set(d.weapons) and cues.shared("drone_fired_missile").search(u.text):
            d.weapons.remove("missile")  # "the drone fired two missiles": one drone strike
        d.evidence.extend(Evidence("weapons", w.start, w.end, w.text) for w in mine)
    _listed_after_colon(drafts, weapons, u)


def _listed_after_colon(drafts: list[Draft], weapons: list[Mention], u: Unit) -> None:
    """Sites listed after a colon that got no weapon take the weapons told before it ("fired 300 rockets at eleven
    bases, among them: A, B and C"; "أطلق أكثر من 320 صاروخاً على 11 قاعدة، منها: ثكنة كيلع، وقاعدة نفح")."""
    colon = u.text.find(":")
    if colon < 0 or len(drafts) < 2:
        return
    at = u.start + colon
    listed = [d for d in drafts if d.place.start > at]
    before = [w for w in weapons if w.start < at]
    if len(listed) < 2 or not before or any(d.place.start < at for d in drafts):
        return
    for d in listed:
        if not d.weapons:
            d.weapons = clean_weapons([w.key for w in before])
            d.evidence.extend(Evidence("weapons", w.start, w.end, w.text) for w in before)


def assign_actors(
    ex: Extractor, drafts: list[Draft], roles: UnitRoles, u: Unit, dc: Discourse, clause: tuple[int, int] | None = None
) -> None:
    """The actors of the unit's new events, their claims and blame; "they" and "claimed it" from the discourse,
    and the last state actor for air strikes with no actor named (named in the drafts' ``clause`` of the unit, when
    its clauses tell of events of their own: "Rockets hit Safed, and Israel answered with airstrikes in X")."""
    perps = [ex.acting(m.key) for m in roles.perpetrators]
    claimants = [ex.acting(m.key) for m in roles.claimants]
    if roles.claim_anaphora and dc.last_claimant and not (dc.perp_newer and dc.last_perp):
        claimants = list(dc.last_claimant)
    elif roles.claim_anaphora and dc.last_perp:
        claimants = list(dc.last_perp)
    continues = not claimants and dc.last_claimant and cues.shared("operation_continues").search(u.text)
    if perps and continues and set(perps) <= {ex.acting(k) for k in dc.last_claimant}:
        # "X claimed A. X added: 'in a separate operation, X also struck B'": the statement goes on
        claimants = list(perps)
    # "X: ... استهدف مجاهدونا قاعدة ...", '"Our mujahideen struck ..."': the group's own statement, in the first person
    first_person = bool(cues.shared("first_person_claim").search(u.text))
    if not perps and not claimants and (roles.perp_anaphora or first_person) and dc.last_perp:
        perps = list(dc.last_perp)
        if (
            dc.last_claimant
            and set(perps) <= {ex.acting(k) for k in dc.last_claimant}
            and cues.shared("operation_continues").search(u.text)
        ):
            # "X said it struck A. A few hours earlier, its fighters hit B": one statement, several operations
            claimants = list(perps)
        elif first_person:
            claimants = list(perps)
    elif first_person and perps and not claimants:
        # "المقاومة الإسلامية في لبنان: استهدف مجاهدونا ...": the group that speaks of its fighters claims the attack
        claimants = [k for k in perps if getattr(ex.kb.actors.get(k), "kind", "armed_group") in ARMED_KINDS]
    claimants = [k for k in claimants if not ex.generic(k)]
    for d in drafts:
        d.perpetrators = uniq(perps)
        d.claimants = uniq(claimants) if not roles.claim_negated else []
        d.superseded = [m.key for m in roles.first_claimants]
        d.attributed = uniq(m.key for m in roles.attributed)
        d.targets = uniq(ex.acting(m.key) for m in roles.targets)
        d.unclaimed = roles.claim_negated
        d.state_ack = roles.state_ack
        for m in roles.claimants + roles.attributed + roles.perpetrators:
            d.evidence.append(Evidence("actors", m.start, m.end, m.text))
        add_claims(ex, d, roles, u)
        ca, cb = clause or (u.start, u.end)
        strikes = cues.shared("air_strike_named").search(u.text[ca - u.start : cb - u.start])
        if not d.perpetrators and not d.claimants and not d.attributed and ("aircraft" in d.weapons or strikes):
            states = [
                m.key
                for m in u.mentions
                if m.label == "ACTOR"
                and ca <= m.start < cb
                and ex.kind(m) in STATE_KINDS
                and not cues.shared("state_institution_after").match(u.text, m.end - u.start)
            ]  # "Lebanon's Health Ministry said a drone struck": the state's civil office tells, it did not strike
            states = [ex.acting(k) for k in states if ex.acting(k) not in d.targets]
            if states:
                d.perpetrators = states[:1]
            elif dc.last_states:
                d.perpetrators = list(dc.last_states)  # "the aggression's warplanes", after "US-British raids"


def assign_casualties(drafts: list[Draft], u: Unit, sentences, places=None) -> None:
    """The unit's figures to its new events: per clause when clauses tell of different events, else to the last."""
    bounds = clauses(u)
    if len({d.place.sent for d in drafts}) > 1:
        # "A missile struck the base, injuring eight. Shortly afterwards a gunship struck a vehicle near Abu Ghraib":
        # each sentence's figures for its own events
        starts = {a for a, _ in bounds} | {sentences[i].start for i in {d.place.sent for d in drafts}}
        cuts = sorted(x for x in starts if u.start <= x < u.end)
        bounds = [(a, b) for a, b in zip(cuts, [*cuts[1:], u.end], strict=True) if b > a]
    by_clause: dict[tuple[int, int], list[Draft]] = {}
    for d in drafts:
        by_clause.setdefault(clause_of(d.place.start, bounds), []).append(d)
    if len(by_clause) > 1:
        # "X struck A, killing five, hours after Y hit B, wounding two": each clause's figures for its own event
        for (ca, cb), group in by_clause.items():
            text = (u.norm or u.text)[ca - u.start : cb - u.start]
            cas = parse_casualties(text) if mentions_casualties(text) else None
            if cas is not None and not (cas.shared and len(group) > 1) and not cas.period:
                for d in group if cas.fatalities == 0 and cas.injuries == 0 else group[-1:]:
                    apply_casualties(d, cas, u, offset=ca - u.start)
        return
    cas = parse_casualties(u.norm or u.text) if mentions_casualties(u.norm or u.text) else None
    if cas is None:
        return
    if (cas.shared and len(drafts) > 1) or cas.period:
        return  # "at least 500 killed in the two days of attacks": the toll of a period, not of this event
    if cas.spans and tells_landmark_toll(u.norm or u.text, cas.spans[0][1], u.langs()):
        # "the first attack since Hamas's October 7 attack, which killed 1,200": the landmark's toll; its own when
        # the unit tells of the landmark as an event ("in response to the attack on Tower 22, which killed three")
        for d in [d for d in drafts if d.date.basis == "landmark"][-1:]:
            apply_casualties(d, cas, u)
        return
    if cas.spans:
        # "... in response to last week's attack on Tower 22 in Jordan, which killed three": the landmark event named
        # last before the figure has it, not the strikes listed before
        at = u.start + cas.spans[0][1]
        before = [d for d in drafts if d.place.end <= at]
        last = max(before, key=lambda d: d.place.start, default=None)
        if last is not None and last.date.basis == "landmark":
            apply_casualties(last, cas, u)
            return
    if cas.spans and len(bounds) > 1:
        ca, cb = clause_of(u.start + cas.spans[0][1], bounds)
        clause = (u.norm or u.text)[ca - u.start : cb - u.start]
        attacks = [m.group(0) for lang in u.langs() for m in cues.cue(lang, "attack").finditer(clause)]
        if not any(ca <= d.place.start < cb for d in drafts) and any(not mentions_casualties(a) for a in attacks):
            # "ارتفاع حصيلة الغارة على وادي الكفور الى 10 شهداء وقصف مدفعي على كفركلا": the toll's own attack, which
            # the unit does not place ("Two soldiers were killed ..., when a drone struck X": "killed" is no attack)
            return
    here = _toll_placed_after(drafts, cas, u) or _toll_told_first(drafts, cas, u)
    if here is not None:
        apply_casualties(here, cas, u)  # "... killing one and wounding two in al-Qaim": that place's toll
        return
    if not (cas.fatalities == 0 and cas.injuries == 0) and _one_toll_for_listed_places(drafts, cas, u, places or {}):
        return
    targets = drafts if len(drafts) == 1 else drafts[-1:]
    if cas.fatalities == 0 and cas.injuries == 0:
        targets = drafts
    for d in targets:
        apply_casualties(d, cas, u)


_IN_PLACE = re.compile(r"\s*(?:[آا]خرين\s+|others\s+|autres\s+)?(?:في|ب|in|at|à|au|near|قرب)\s*$", re.IGNORECASE)


def _toll_placed_after(drafts: list[Draft], cas, u: Unit) -> Draft | None:
    """Of several events a unit tells, the one whose place the figure names right after it ("strikes on A and B,
    which killed one and wounded two in B", "أسفر عن استشهاد أحد المنتسبين وإصابة اثنين آخرين في القائم")."""
    if len({d.place.key for d in drafts}) < 2 or not cas.spans:
        return None
    end = u.start + max(e for _, _, e in cas.spans)
    text = u.norm or u.text
    for m in u.mentions:
        between = text[end - u.start : m.start - u.start]
        if m.label == "PLACE" and end <= m.start <= end + 30 and _IN_PLACE.fullmatch(between):
            return next((d for d in reversed(drafts) if d.place.key == m.key), None)
    return None


_BREAK = re.compile(r"\.\.|[،,;؛|]|\s[-–—]\s")


def _toll_told_first(drafts: list[Draft], cas, u: Unit) -> Draft | None:
    """A figure told before every place, of the first one, when a break parts that place from the next: "ثمانية
    شهداء من الحشد بضربات أمريكية على جرف النصر.. وواشنطن تحمّل الكتائب مسؤولية هجوم عين الأسد" (a headline's two
    stories), not "five killed in strikes on A and B"."""
    if len({d.place.key for d in drafts}) < 2 or not cas.spans:
        return None
    end = u.start + max(e for _, _, e in cas.spans)
    ordered = sorted(drafts, key=lambda d: d.place.start)
    if end > ordered[0].place.start:
        return None
    nxt = next((d for d in ordered if d.place.key != ordered[0].place.key), None)
    if nxt is None or not _BREAK.search(u.text[ordered[0].place.end - u.start : nxt.place.start - u.start]):
        return None
    return ordered[0]


def _one_toll_for_listed_places(drafts: list[Draft], cas, u: Unit, table) -> bool:
    """One figure told after strikes on several places of one day ("struck A and B on Monday, killing
    eleven"), or before the places listed together ("23 killed in the strikes on A and B"): it sums them, and the
    text does not say how it splits, so no place's event gets it."""
    places = {d.place.key for d in drafts}
    if len(places) < 2 or len({d.date.value for d in drafts}) > 1 or not cas.spans:
        return False
    first = min(s for _, s, _ in cas.spans) + u.start
    if all(d.place.end <= first for d in drafts):
        return True
    # "23 fighters were killed in the strikes on positions in A and B": the places listed together after the figure
    last = max(e for _, _, e in cas.spans) + u.start
    after = sorted((d.place for d in drafts), key=lambda m: m.start)
    cities = [table[m.key].parent if m.key in table and table[m.key].kind == "neighbourhood" else None for m in after]
    if None not in cities and len(set(cities)) == 1:
        return False  # quarters of one city listed together: one strike (``report``), the figure its own
    return all(m.start >= last for m in after) and all(
        listed_together(a, b, u.text, u.start) for a, b in pairwise(after)
    )
