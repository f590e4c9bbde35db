"""Typed records that flow through the pipeline.

A ``Document`` goes in; a ``DocumentExtraction`` comes out, holding
``EventReport``s, ``Claim``s, ``Attribution``s, ``Membership``s and proposed
``NewActor``s. Every extracted value carries ``Evidence``: the character span of
the document text it came from, so any value can be traced to a sentence.

Records are plain dataclasses; ``to_dict`` gives the JSON shape used by
``claimgraph extract`` (a superset of the dev-set scorer's format).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

DatePrecision = Literal["day", "week", "month", "year"]
# offset: a point computed from a place, a distance and a bearing ("60 nautical miles southeast of Aden");
# offshore: at sea off a place ("off Hodeidah"), at its coordinates; sea area: a named sea ("the Red Sea")
# unresolved: a town the text names that neither the KB nor the gazetteer knows (name and country, no coordinates)
GeoPrecision = Literal["site", "offset", "town", "offshore", "province", "sea area", "country", "unresolved"]
Role = Literal["perpetrator", "claimant", "attributed", "target"]
Hedge = Literal["confirmed", "likely", "alleged"]
Confidence = Literal["confirmed", "likely", "possible"]
ClaimStatus = Literal["issued", "superseded", "retracted", "contested"]

SUB_EVENT_TYPES = (
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Armed clash",
    "Attack",
    "Strategic developments",
)
#: ACLED event_type for each sub-event type.
EVENT_TYPE_OF = {
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Armed clash": "Battles",
    "Attack": "Violence against civilians",
    "Strategic developments": "Strategic developments",
}
WEAPONS = (
    "drone",
    "rocket",
    "missile",
    "ballistic_missile",
    "cruise_missile",
    "mortar",
    "ied",
    "small_arms",
    "aircraft",
)


def stable_id(prefix: str, *parts: object) -> str:
    """A deterministic id from content (never Python's salted ``hash``)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


@dataclass(slots=True)
class Document:
    """One input text with its provenance."""

    id: str
    text: str
    published: date | None = None
    lang: str | None = None
    title: str = ""
    url: str | None = None
    outlet: str | None = None
    source: str | None = None  # path or path:line it was read from
    raw: str | None = None  # the raw input (HTML, JSON record) kept for provenance
    ext_id: str | None = None  # the id the input gave it, when ``id`` is the content id
    channel: str | None = None  # a Telegram channel (or other account) the text was posted on
    forwarded_from: str | None = None  # the channel a forwarded message was first posted on
    kind: str = "article"  # article | telegram | feed_item | html — how the text reached us
    repairs: tuple[TextRepair, ...] = ()  # what the readers' text hygiene changed (``sources.common.clean``)

    @staticmethod
    def content_id(text: str) -> str:
        return stable_id("doc", text.strip())

    def repair_notes(self) -> list[Note]:
        """One ``text_repaired`` note naming what was changed at reading, or none."""
        if not self.repairs:
            return []
        message = "; ".join(r.describe() for r in self.repairs)
        return [Note("text_repaired", f"text repaired at reading: {message}")]


@dataclass(slots=True, frozen=True)
class TextRepair:
    """What text hygiene changed in one string field of a document as it was read.

    Lone surrogates and NUL characters are replaced by U+FFFD one for one (no offset moves);
    NFC normalisation may change the length, which is why it happens before extraction: every
    evidence offset is computed on, and stored with, the repaired text.
    """

    field: str  # text | title | outlet | url | raw | id | ...
    surrogates: int = 0  # lone surrogates replaced by U+FFFD
    nul: int = 0  # NUL characters replaced by U+FFFD
    nfc: bool = False  # not in Unicode NFC: normalised

    def describe(self) -> str:
        changes = []
        if self.surrogates:
            changes.append(f"{self.surrogates} lone surrogate{'s' if self.surrogates > 1 else ''} replaced by U+FFFD")
        if self.nul:
            changes.append(f"{self.nul} NUL character{'s' if self.nul > 1 else ''} replaced by U+FFFD")
        if self.nfc:
            changes.append("normalised to NFC")
        return f"{self.field}: {', '.join(changes)}"


@dataclass(slots=True, frozen=True)
class Evidence:
    """A character span of the document text supporting one field."""

    field: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class DateValue:
    """A resolved date with its precision and how it was resolved."""

    value: date
    precision: DatePrecision = "day"
    basis: str = "absolute"  # absolute | weekday | relative | hijri | publication | anchored | landmark | written
    text: str = ""
    start: int = -1
    end: int = -1

    def iso(self) -> str:
        if self.precision == "month":
            return self.value.strftime("%Y-%m")
        if self.precision == "year":
            return self.value.strftime("%Y")
        return self.value.isoformat()


@dataclass(slots=True)
class PlaceRef:
    """A place mention resolved (or not) to coordinates."""

    name: str
    place_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    precision: GeoPrecision | None = None
    resolver: str = "kb"  # kb | gazetteer | unresolved
    surface: str = ""
    start: int = -1
    end: int = -1
    hosts: tuple[str, ...] = ()


@dataclass(slots=True)
class ActorMention:
    """A span of text that names an actor (known or proposed)."""

    actor_id: str | None
    name: str
    surface: str
    start: int
    end: int
    kind: str = ""


@dataclass(slots=True)
class Claim:
    """A claim of responsibility, with its history in this document."""

    id: str
    claimant: str
    claimant_id: str | None
    channel: str = "unknown"  # telegram | statement | video | spokesman | website | unknown
    date: DateValue | None = None
    status: ClaimStatus = "issued"
    supersedes: str | None = None
    first_hand: bool = False  # posted by the claimant itself (e.g. its own channel)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Attribution:
    """Somebody (officials, analysts) blames an actor for an event."""

    attributed_to: str
    attributed_id: str | None
    by: str = ""
    hedge: Hedge = "alleged"
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Vessel:
    """The ship an attack at sea hit: its name, type and flag as the text gives them (None when not stated)."""

    name: str | None = None
    type: str | None = (
        None  # tanker | bulk carrier | container ship | cargo ship | car carrier | merchant vessel | warship | vessel
    )
    flag: str | None = None
    start: int = -1  # the span of the ship's name (or type) in the text
    end: int = -1


@dataclass(slots=True)
class EventReport:
    """One document's account of one event."""

    id: str
    doc_id: str
    sub_event_type: str
    weapons: list[str]
    date: DateValue | None
    location: PlaceRef | None
    launch_site: PlaceRef | None = None
    actors: list[str] = field(default_factory=list)  # claimants + attributed + named perpetrators
    claimed_by: list[str] = field(default_factory=list)
    attributed_to: list[str] = field(default_factory=list)
    target: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    casualty_qualifiers: list[str] = field(default_factory=list)  # e.g. "dozens injured"
    claims: list[Claim] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    confirmed: bool = True  # False: only claimed, no independent confirmation in the text
    unclaimed: bool = False  # the text says no group has claimed it (so far)
    vessel: Vessel | None = None  # an attack at sea: the ship hit

    @property
    def event_type(self) -> str:
        return EVENT_TYPE_OF.get(self.sub_event_type, "Explosions/Remote violence")


@dataclass(slots=True)
class Membership:
    """A stated affiliation: member -> umbrella."""

    member: str
    umbrella: str
    member_id: str | None = None
    umbrella_id: str | None = None
    relation: str = "member_of"  # member_of | front_of | part_of
    confidence: Confidence = "confirmed"
    said_by: str = ""
    evidence: list[Evidence] = field(default_factory=list)


DEVELOPMENT_KINDS = (
    "escalation",
    "suspension",
    "resumption",
    "truce",
    "formation",
    "affiliation",
    "disaffiliation",
    "designation",
    "withdrawal_demand",
    "threat",
)


@dataclass(slots=True)
class Development:
    """A strategic development: an announcement beside the attacks (a new phase, a suspension, a truce,
    a group formed or joined, a designation, a demand for withdrawal, a threat). Never an event."""

    id: str
    doc_id: str
    kind: str  # one of DEVELOPMENT_KINDS
    actor: str  # who announced it (designation: who was designated)
    actor_id: str | None
    date: DateValue | None
    location: PlaceRef | None = None
    channel: str = "unknown"  # telegram | statement | video | spokesman | unknown
    speaker: str | None = None  # a named person speaking for the actor
    counterpart: str | None = None  # the umbrella joined or left; the state that designated
    counterpart_id: str | None = None
    condition: str | None = None  # a threat's condition or deadline, as written
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class NewActor:
    """An actor name not in the knowledge base, proposed for review."""

    name: str
    pattern: str
    status: str = "proposed"
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Note:
    """Something the user should know about a document's extraction."""

    kind: str  # unsupported_language | no_publication_date | empty_text | ...
    message: str


@dataclass(slots=True)
class DocumentExtraction:
    """Everything extracted from one document."""

    doc_id: str
    lang: str | None
    published: date | None
    events: list[EventReport] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    developments: list[Development] = field(default_factory=list)
    new_actors: list[NewActor] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    extractor_version: str = ""
    kb_version: str = ""

    @property
    def claims(self) -> list[Claim]:
        return [c for e in self.events for c in e.claims]

    @property
    def attributions(self) -> list[Attribution]:
        return [a for e in self.events for a in e.attributions]

    def to_dict(self) -> dict[str, Any]:
        """The JSON-lines record: the dev-set scorer's fields plus richer ones."""
        return {
            "doc_id": self.doc_id,
            "lang": self.lang,
            "published": self.published.isoformat() if self.published else None,
            "extractor_version": self.extractor_version,
            "kb_version": self.kb_version,
            "events": [_event_dict(e) for e in self.events],
            "memberships": [_plain(m) for m in self.memberships],
            "developments": [_development_dict(d) for d in self.developments],
            "new_actors": [_plain(a) for a in self.new_actors],
            "notes": [_plain(n) for n in self.notes],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def _event_dict(e: EventReport) -> dict[str, Any]:
    loc = e.location
    return {
        "id": e.id,
        "date": e.date.iso() if e.date else None,
        "date_precision": e.date.precision if e.date else None,
        "date_basis": e.date.basis if e.date else None,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "weapons": e.weapons,
        "location": _plain(loc) if loc else None,
        "launch_site": _plain(e.launch_site) if e.launch_site else None,
        "actors": e.actors,
        "claimed_by": e.claimed_by,
        "attributed_to": e.attributed_to,
        "target": e.target,
        "fatalities": e.fatalities,
        "injuries": e.injuries,
        "casualty_qualifiers": e.casualty_qualifiers,
        "confirmed": e.confirmed,
        "unclaimed": e.unclaimed,
        "claims": [_plain(c) for c in e.claims],
        "attributions": [_plain(a) for a in e.attributions],
        "evidence": [_plain(ev) for ev in e.evidence],
        "vessel": _plain(e.vessel) if e.vessel else None,
    }


def _development_dict(d: Development) -> dict[str, Any]:
    out = _plain(d)
    out["date"] = d.date.iso() if d.date else None
    out["date_precision"] = d.date.precision if d.date else None
    out["date_basis"] = d.date.basis if d.date else None
    out["date_text"] = d.date.text if d.date else None
    return out


def _plain(obj: Any) -> Any:
    """dataclass -> JSON-able dict (dates as ISO strings)."""
    if dataclasses.is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    return obj


#: Fields an analyst can set (reconcile.consensus maps each onto event columns); the
#: store, reconcile and the review pages share this list.
EDITABLE = (
    "sub_event_type",
    "date",
    "place",
    "fatalities",
    "injuries",
    "claimed_by",
    "attributed_to",
    "weapons",
    "target",
    "actors",
)
