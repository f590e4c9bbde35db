"""One document's reading: everything the extraction learns about a document while it reads it.

A ``Reading`` is made for each document and passed through the stages of ``extract.pipeline``
(``stage(extractor, reading)``); each stage fills in or changes some of its fields and says which in
its docstring. The ``Extractor`` holds only what never changes (the KB, the annotator, the readers),
so one extractor reads many documents at once, each in its own ``Reading``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from claimgraph.extract.drafts import Draft
from claimgraph.extract.units import Unit
from claimgraph.kb.landmarks import Landmark
from claimgraph.kb.loader import Place
from claimgraph.models import DateValue, Document, DocumentExtraction
from claimgraph.nlp.dates import DateMention
from claimgraph.nlp.pipeline import Annotated


@dataclass(slots=True)
class Discourse:
    """What the narrative carries from one unit to the next (set after each unit, read by the next ones)."""

    last_date: date | None = None  # the day the narrative is at
    last_perp: list[str] = field(default_factory=list)  # the last armed actors who acted or claimed ("they")
    last_claimant: list[str] = field(default_factory=list)  # the last claimants ("claimed it")
    perp_newer: bool = False  # the last armed actor told of acted after the last claim ("X conducted 12 attacks. The
    # group claimed ...": the group is X, not the claimant of an earlier paragraph)
    last_state: str | None = None  # the last state actor who struck (for later "air strikes" with no actor)
    last_states: list[str] = field(default_factory=list)  # ... with those it struck with ("US-British raids")
    para_dates: dict[int, DateValue] = field(default_factory=dict)  # the day each paragraph is at
    prev_weapons: list[str] = field(default_factory=list)  # the antecedent of "those attacks"
    prev_weapon_days: set[date] = field(default_factory=set)  # the days of the events told with that weapon
    prev_para: int = -1  # the paragraph of the last unit read
    prev_end: int = 0  # where the last unit read ends
    placeless: bool = False  # the last unit told of a dated attack without naming where ("at an Iraqi air base")
    placeless_by: list[str] = field(default_factory=list)  # the armed group that unit named as the attacker
    today: date | None = None  # an undated text's own day, from a landmark it tells of as today's news
    post_day: date | None = None  # the day of the feed's post being read (``undated.post_stamps``)
    # a unit that tells of an attack on sites it lists below, one per line ("... على عدد من القواعد، أبرزها:"): its
    # index, weapons and roles, for the items that follow it (``events.eventful``)
    list_head: tuple | None = None
    # the unit just before, when it told of an attack with no site of its own: (index, paragraph, weapons, roles)
    list_told: tuple | None = None


@dataclass(slots=True)
class Reading:
    """One document's state while it is read: made by ``Extractor.extract``, filled in by the stages."""

    doc: Document  # the document as read: from ``plain_text`` on, its text has plain apostrophes
    original: str  # the text as given, which the spans are quoted from in the end
    out: DocumentExtraction  # the record being built
    places: Mapping[str, Place]  # the place table: the KB's places, plus the gazetteer towns this text names
    lang: str = ""
    done: bool = False  # nothing (more) to read: the remaining stages are skipped
    ann: Annotated | None = None  # sentences and mentions (KB matches, local abbreviations, new actors, towns)
    units: list[Unit] = field(default_factory=list)  # the stretches of text events are read from, in order
    skip: int = 0  # end of the dateline: nothing before it is an event's place or date
    landmarks: list[Landmark] = field(default_factory=list)  # well-known days the text names ("October 7")
    hint_year: int | date | None = None  # the year (or earliest day) of yearless dates
    found: list[DateMention] = field(default_factory=list)  # every date expression in the text
    period_starts: list[int] = field(default_factory=list)  # offsets of dates that bound a period ("until ...")
    event_dates: list[DateMention] = field(default_factory=list)  # the dates that can date an event
    anchors: list[DateMention] = field(default_factory=list)  # period bounds that anchor "that day" only
    drafts: list[Draft] = field(default_factory=list)  # the events read so far, in reading order
    current: list[Draft] = field(default_factory=list)  # the events of the last unit that told of some
    discourse: Discourse = field(default_factory=Discourse)
    # no publication date: the precision of dates read against an assumed day (``extract.undated``)
    assumed_precision: str | None = None
    # the landmark an undated text tells of, when its day stands for the news day (``extract.undated``)
    assumed_landmark: date | None = None
    # nothing dates an undated text but the dates it writes: the month of the latest (``extract.undated``)
    written_month: date | None = None
