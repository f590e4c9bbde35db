"""Load and validate the curated knowledge base (actors, relations, places).

The packaged data is a set of theatre packs, ``claimgraph/kb/data/theatres/*.toml`` (``core``
first, then the others in file-name order), each holding ``[theatre]`` (id, name, description)
and the tables ``[[actors]]``, ``[[relations]]``, ``[[places]]``. Users add their own entries
in TOML files of the same format (``[theatre]`` optional). An id belongs to one packaged pack;
a user's entry whose id already exists replaces the packaged one (a relation is identified by
subject + predicate + object). Every problem found is reported at once in one ``KBError``
naming the file and the entry. Adding a theatre is adding a file, never code.

Nothing is loaded at import time: call ``load_kb()`` once per process and pass the
``KnowledgeBase`` to whoever needs it.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from claimgraph import errors as _errors

__all__ = [
    "ACTOR_KINDS",
    "CONFIDENCES",
    "PLACE_KINDS",
    "PREDICATES",
    "Actor",
    "KBError",
    "KnowledgeBase",
    "Place",
    "Relation",
    "SurfaceForm",
    "Theatre",
    "load_kb",
    "surface_key",
]

ACTOR_KINDS = ("umbrella_brand", "armed_group", "state_force", "state", "organisation", "coalition")
PREDICATES = ("member_of", "front_of", "sponsored_by", "part_of", "allied_with")
CONFIDENCES = ("confirmed", "likely", "possible")
SITE_KINDS = (
    "airbase",
    "military_base",
    "outpost",
    "airport",
    "gas_field",
    "oil_field",
    "border_crossing",
    "camp",
    "embassy",
    "port",
    "dam",
)
TOWN_KINDS = ("city", "town", "neighbourhood", "district")
PROVINCE_KINDS = ("province", "region")
SEA_KINDS = ("sea",)  # a named sea area (Red Sea, Gulf of Aden, Bab al-Mandab): an attack at sea is placed there
PLACE_KINDS = SITE_KINDS + TOWN_KINDS + PROVINCE_KINDS + SEA_KINDS + ("country",)
# Places the extractor makes from the text, never in a KB file: a point at a distance and bearing from a place
# ("offset") and the sea off a port ("offshore"), see extract/sea.py
POSITION_KINDS = ("offset", "offshore")

_THEATRE_DIR = "theatres"
_CORE_THEATRE = "core"
_THEATRE_FIELDS = {"id": str, "name": str, "description": str}
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO2_RE = re.compile(r"^[A-Z]{2}$")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

_ACTOR_FIELDS = {
    "id": str,
    "name": str,
    "kind": str,
    "country": str,
    "aliases": list,
    "abbreviations": list,
    "aliases_ar": list,
    "aliases_fr": list,
    "default_force": str,
    "description": str,
    "generic": bool,
    "adjectives": list,
    "short_names": list,
}
_RELATION_FIELDS = {
    "subject": str,
    "predicate": str,
    "object": str,
    "confidence": str,
    "start": str,
    "end": str,
    "evidence": str,
    "note": str,
}
_PLACE_FIELDS = {
    "id": str,
    "name": str,
    "kind": str,
    "lat": (int, float),
    "lon": (int, float),
    "country": str,
    "admin1": str,
    "aliases": list,
    "aliases_ar": list,
    "aliases_fr": list,
    "hosts": list,
    "launches_by": str,
    "parent": str,
    "case_sensitive": list,
    "common_words": list,
    "note": str,
}
_REQUIRED = {
    "actors": ("id", "name", "kind"),
    "relations": ("subject", "predicate", "object", "confidence"),
    "places": ("id", "name", "kind", "lat", "lon"),
}


class KBError(_errors.KBError, ValueError):
    """The knowledge base (packaged or user-supplied) is inconsistent or unreadable."""


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    country: str = ""
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    aliases_ar: tuple[str, ...] = ()
    aliases_fr: tuple[str, ...] = ()
    default_force: str | None = None
    description: str = ""
    # a generic referent ("Iran-backed militias"): blamed or acting in a text, never the issuer of a claim
    generic: bool = False
    # words that name this actor as an attack's author when they qualify the attack ("an Iran-backed drone strike")
    adjectives: tuple[str, ...] = ()
    # a word of one of its aliases that stands for the actor alone, once a text has named it with that alias ("Yahya
    # Saree ... Saree said", "يحيى سريع ... وأوضح سريع"): too common a word to be an alias of its own
    short_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    subject: str
    predicate: str
    object: str
    confidence: str
    start: str = ""
    end: str = ""
    evidence: str = ""
    note: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.subject, self.predicate, self.object)


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str = ""
    admin1: str = ""
    aliases: tuple[str, ...] = ()
    aliases_ar: tuple[str, ...] = ()
    aliases_fr: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    # the armed group whose launches from this place the reporting means by "launched from X" (Yemen: the Houthis)
    launches_by: str | None = None
    parent: str | None = None
    case_sensitive: tuple[str, ...] = ()
    # aliases that are also ordinary words of their language (Arabic "جويا", "by air", for Jouaiyya): a place
    # only right after a word that introduces one (``nlp.pipeline``, pack cue ``place_word_before``)
    common_words: tuple[str, ...] = ()
    note: str = ""

    @property
    def precision(self) -> Literal["site", "town", "province", "country"]:
        return precision_of(self.kind)

    @property
    def geo_precision(self) -> str:
        """The precision an event placed here is reported with: ``precision``, or what a place at sea is
        (``offset``, ``offshore``, ``sea area``), or ``unresolved`` (a town named in the text that no gazetteer
        knows: name and country, no coordinates)."""
        return _SEA_PRECISION.get(self.kind, self.precision)


_SEA_PRECISION = {"offset": "offset", "offshore": "offshore", "sea": "sea area", "unresolved": "unresolved"}


def precision_of(kind: str) -> Literal["site", "town", "province", "country"]:
    """How exactly a place of this kind locates an event (a sea area as a province, a position at sea as a
    site or, off a port, as a town)."""
    if kind in SITE_KINDS or kind == "offset":
        return "site"
    if kind in TOWN_KINDS or kind in ("offshore", "unresolved"):
        return "town"
    if kind in PROVINCE_KINDS or kind in SEA_KINDS:
        return "province"
    return "country"


@dataclass(frozen=True, slots=True)
class Theatre:
    """One theatre pack: a front (or the shared core) and what it brings to the KB."""

    id: str
    name: str
    description: str
    origin: str
    actors: tuple[str, ...] = ()
    relations: int = 0
    places: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    """One string a matcher should look for; unpacks as a 5-tuple."""

    surface: str
    kind: Literal["actor", "place"]
    id: str
    case_sensitive: bool
    lang: Literal["en", "ar", "fr"]

    def __iter__(self) -> Iterator[Any]:
        return iter((self.surface, self.kind, self.id, self.case_sensitive, self.lang))


# ---------------------------------------------------------------------------
# Normalisation used for lookups and collision checks
# ---------------------------------------------------------------------------

_APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʼʻ`´ʿʾ", "'"))
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_ARABIC = re.compile("[\u0600-\u06ff]")
_SPACES = re.compile(r"\s+")
_DASH_SPACES = re.compile(r"\s*-\s*")


def surface_key(text: str, case_sensitive: bool = False) -> str:
    """The key under which a surface form is indexed.

    NFKC, unified apostrophes and dashes, collapsed spaces; case-folded unless
    ``case_sensitive``; Arabic text additionally loses diacritics/tatweel and has its
    alef, ta marbuta and alef maqsura forms unified.
    """
    s = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).translate(_DASHES)
    s = _DASH_SPACES.sub("-", _SPACES.sub(" ", s).strip())
    if _ARABIC.search(s):
        s = _AR_DIACRITICS.sub("", s).translate(_AR_MAP)
    return s if case_sensitive else s.casefold()


# ---------------------------------------------------------------------------
# The knowledge base
# ---------------------------------------------------------------------------


@dataclass
class KnowledgeBase:
    version: str
    actors: dict[str, Actor]
    places: dict[str, Place]
    relations: list[Relation]
    sources: tuple[str, ...] = ()
    theatres: tuple[Theatre, ...] = ()
    _actor_index: dict[tuple[str, bool], list[str]] = field(default_factory=dict, repr=False)
    _place_index: dict[tuple[str, bool], list[str]] = field(default_factory=dict, repr=False)
    _names: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._names = {a.name.casefold(): a.id for a in self.actors.values()}
        for sf in self.all_surface_forms():
            index = self._actor_index if sf.kind == "actor" else self._place_index
            ids = index.setdefault((surface_key(sf.surface, sf.case_sensitive), sf.case_sensitive), [])
            if sf.id not in ids:
                ids.append(sf.id)

    # -- access -------------------------------------------------------------
    def actor(self, actor_id: str) -> Actor:
        try:
            return self.actors[actor_id]
        except KeyError:
            raise KeyError(f"unknown actor id {actor_id!r}") from None

    def place(self, place_id: str) -> Place:
        try:
            return self.places[place_id]
        except KeyError:
            raise KeyError(f"unknown place id {place_id!r}") from None

    def actor_by_name(self, name: str) -> Actor | None:
        """The actor whose canonical name is ``name`` (case-insensitive), or None."""
        actor_id = self._names.get(name.strip().casefold())
        return self.actors[actor_id] if actor_id else None

    def relations_of(self, actor_id: str) -> list[Relation]:
        """Relations in which the actor is subject or object (in file order)."""
        return [r for r in self.relations if r.subject == actor_id or r.object == actor_id]

    def actors_named(self, surface: str) -> list[Actor]:
        """Actors with this exact surface form (name, alias, abbreviation), after normalisation."""
        return [self.actors[i] for i in self._lookup(self._actor_index, surface)]

    def places_named(self, surface: str) -> list[Place]:
        """Places with this exact surface form, after normalisation; more specific first."""
        found = [self.places[i] for i in self._lookup(self._place_index, surface)]
        order = {"site": 0, "town": 1, "province": 2, "country": 3}
        return sorted(found, key=lambda p: order[p.precision])

    @staticmethod
    def _lookup(index: dict[tuple[str, bool], list[str]], surface: str) -> list[str]:
        ids = list(index.get((surface_key(surface, True), True), ()))
        for i in index.get((surface_key(surface, False), False), ()):
            if i not in ids:
                ids.append(i)
        return ids

    def all_surface_forms(self) -> Iterator[SurfaceForm]:
        """Every (surface, kind, id, case_sensitive, lang) a matcher should look for."""
        for a in self.actors.values():
            seen: set[tuple[str, bool]] = set()
            forms = [(a.name, False, "en")]
            forms += [(s, False, "en") for s in a.aliases]
            forms += [(s, True, "en") for s in a.abbreviations]
            forms += [(s, False, "ar") for s in a.aliases_ar]
            forms += [(s, False, "fr") for s in a.aliases_fr]
            for surface, cs, lang in forms:
                k = (surface_key(surface, cs), cs)
                if k not in seen:
                    seen.add(k)
                    yield SurfaceForm(surface, "actor", a.id, cs, lang)  # type: ignore[arg-type]
        for p in self.places.values():
            seen = set()
            cs_set = set(p.case_sensitive)
            forms = [(p.name, "en")] + [(s, "en") for s in p.aliases]
            forms += [(s, "ar") for s in p.aliases_ar] + [(s, "fr") for s in p.aliases_fr]
            for surface, lang in forms:
                cs = surface in cs_set
                k = (surface_key(surface, cs), cs)
                if k not in seen:
                    seen.add(k)
                    yield SurfaceForm(surface, "place", p.id, cs, lang)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


@dataclass
class _Entry:
    table: str
    index: int
    origin: str
    data: dict[str, Any]

    def where(self) -> str:
        ident = self.data.get("id")
        if ident is None and self.table == "relations":
            ident = f"{self.data.get('subject')} {self.data.get('predicate')} {self.data.get('object')}"
        return f"{self.origin}: {self.table}[{self.index}]" + (f" ({ident})" if ident else "")


def _read_toml(text: bytes | str, origin: str, problems: list[str]) -> dict[str, Any] | None:
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return tomllib.loads(text)
    except UnicodeDecodeError as exc:
        problems.append(f"{origin}: not UTF-8 text ({exc})")
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{origin}: invalid TOML: {exc}")
    return None


def _check_fields(entry: _Entry, spec: dict[str, Any], problems: list[str]) -> None:
    for key, value in entry.data.items():
        if key not in spec:
            problems.append(f"{entry.where()}: unknown field {key!r} (known: {', '.join(spec)})")
            continue
        expected = spec[key]
        if expected is str and not isinstance(value, str):
            problems.append(f"{entry.where()}: field {key!r} must be a string")
        elif expected is list:
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problems.append(f"{entry.where()}: field {key!r} must be a list of non-empty strings")
        elif isinstance(expected, tuple) and (isinstance(value, bool) or not isinstance(value, expected)):
            problems.append(f"{entry.where()}: field {key!r} must be a number")
    for key in _REQUIRED[entry.table]:
        if key not in entry.data or entry.data[key] in ("", None):
            problems.append(f"{entry.where()}: missing required field {key!r}")


def _check_date(entry: _Entry, key: str, problems: list[str]) -> tuple[int, int, int] | None:
    value = entry.data.get(key, "")
    if not isinstance(value, str) or not value:
        return None
    m = _DATE_RE.match(value)
    if not m:
        problems.append(f"{entry.where()}: {key} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return None
    y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    import datetime as _dt

    try:
        _dt.date(y, mo, d)
    except ValueError:
        problems.append(f"{entry.where()}: {key} {value!r} is not a valid date")
        return None
    return (y, mo, d)


def _collect(
    docs: list[tuple[str, dict[str, Any]]], problems: list[str]
) -> tuple[dict[str, dict], dict[str, dict], dict]:
    """Merge the tables of all documents: later files override earlier ones by id."""
    tables: dict[str, dict[Any, _Entry]] = {"actors": {}, "places": {}, "relations": {}}
    for origin, doc in docs:
        for key, value in doc.items():
            if key == "version":
                if not isinstance(value, str):
                    problems.append(f"{origin}: 'version' must be a string")
                continue
            if key == "theatre":
                continue  # read by _theatre()
            if key not in tables:
                problems.append(f"{origin}: unknown table {key!r} (expected theatre, actors, relations, places)")
                continue
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                problems.append(f"{origin}: {key!r} must be an array of tables ([[{key}]])")
                continue
            seen_here: set[Any] = set()
            for i, data in enumerate(value):
                entry = _Entry(key, i, origin, data)
                if key == "relations":
                    ident: Any = tuple(str(data.get(k)) for k in ("subject", "predicate", "object"))
                else:
                    ident = data.get("id")
                    if not isinstance(ident, str) or not _ID_RE.match(ident):
                        problems.append(f"{entry.where()}: id {ident!r} must be a lowercase-hyphen slug")
                        continue
                if ident in seen_here:
                    problems.append(
                        f"{entry.where()}: duplicate {'relation' if key == 'relations' else 'id'} in the same file"
                    )
                    continue
                seen_here.add(ident)
                tables[key][ident] = entry  # later files override
    return tables["actors"], tables["places"], tables["relations"]


def _validate(actors: dict, places: dict, relations: dict, problems: list[str]) -> None:
    for e in actors.values():
        _check_fields(e, _ACTOR_FIELDS, problems)
        d = e.data
        if d.get("kind") and d["kind"] not in ACTOR_KINDS:
            problems.append(f"{e.where()}: unknown kind {d['kind']!r} (expected one of {', '.join(ACTOR_KINDS)})")
        if d.get("country") and not _ISO2_RE.match(str(d["country"])):
            problems.append(
                f"{e.where()}: country {d['country']!r} must be an ISO 3166-1 alpha-2 code (two uppercase letters)"
            )
        aliases = [a for key in ("aliases", "aliases_ar", "aliases_fr") for a in d.get(key, []) if isinstance(a, str)]
        for short in d.get("short_names", []) if isinstance(d.get("short_names"), list) else []:
            if not any(short.casefold() in alias.casefold().split() for alias in aliases):
                problems.append(f"{e.where()}: short name {short!r} is not a word of any of its aliases")
        force = d.get("default_force")
        if force:
            if d.get("kind") != "state":
                problems.append(f"{e.where()}: default_force is only allowed for kind 'state'")
            elif force not in actors:
                problems.append(f"{e.where()}: default_force {force!r} is not a known actor id")
            elif actors[force].data.get("kind") != "state_force":
                problems.append(f"{e.where()}: default_force {force!r} must be an actor of kind 'state_force'")
    for e in relations.values():
        _check_fields(e, _RELATION_FIELDS, problems)
        d = e.data
        for end in ("subject", "object"):
            if d.get(end) and d[end] not in actors:
                problems.append(f"{e.where()}: {end} {d[end]!r} is not a known actor id")
        if d.get("subject") and d.get("subject") == d.get("object"):
            problems.append(f"{e.where()}: subject and object are the same actor")
        if d.get("predicate") and d["predicate"] not in PREDICATES:
            problems.append(
                f"{e.where()}: unknown predicate {d['predicate']!r} (expected one of {', '.join(PREDICATES)})"
            )
        if d.get("confidence") and d["confidence"] not in CONFIDENCES:
            problems.append(
                f"{e.where()}: unknown confidence {d['confidence']!r} (expected one of {', '.join(CONFIDENCES)})"
            )
        start, end_ = _check_date(e, "start", problems), _check_date(e, "end", problems)
        if start and end_ and start > end_:
            problems.append(f"{e.where()}: start {d['start']!r} is after end {d['end']!r}")
    for e in places.values():
        _check_fields(e, _PLACE_FIELDS, problems)
        d = e.data
        if d.get("kind") and d["kind"] not in PLACE_KINDS:
            problems.append(f"{e.where()}: unknown kind {d['kind']!r} (expected one of {', '.join(PLACE_KINDS)})")
        lat, lon = d.get("lat"), d.get("lon")
        if isinstance(lat, (int, float)) and not isinstance(lat, bool) and not -90 <= lat <= 90:
            problems.append(f"{e.where()}: lat {lat} is out of range [-90, 90]")
        if isinstance(lon, (int, float)) and not isinstance(lon, bool) and not -180 <= lon <= 180:
            problems.append(f"{e.where()}: lon {lon} is out of range [-180, 180]")
        if d.get("country") and not _ISO2_RE.match(str(d["country"])):
            problems.append(
                f"{e.where()}: country {d['country']!r} must be an ISO 3166-1 alpha-2 code (two uppercase letters)"
            )
        for h in d.get("hosts", []) if isinstance(d.get("hosts"), list) else []:
            if h not in actors:
                problems.append(f"{e.where()}: hosts entry {h!r} is not a known actor id")
        launcher = d.get("launches_by")
        if launcher and launcher not in actors:
            problems.append(f"{e.where()}: launches_by {launcher!r} is not a known actor id")
        parent = d.get("parent")
        if parent and parent not in places:
            problems.append(f"{e.where()}: parent {parent!r} is not a known place id")
        if parent and parent == d.get("id"):
            problems.append(f"{e.where()}: a place cannot be its own parent")
        cs = d.get("case_sensitive")
        if isinstance(cs, list):
            forms = {d.get("name")} | set(d.get("aliases", []) if isinstance(d.get("aliases"), list) else [])
            forms |= set(d.get("aliases_fr", []) if isinstance(d.get("aliases_fr"), list) else [])
            for s in cs:
                if s not in forms:
                    problems.append(f"{e.where()}: case_sensitive entry {s!r} is not the name or an alias of the place")
        common = d.get("common_words")
        if isinstance(common, list):
            forms = {d.get("name")}
            for key in ("aliases", "aliases_ar", "aliases_fr"):
                forms |= set(d.get(key, []) if isinstance(d.get(key), list) else [])
            for s in common:
                if s not in forms:
                    problems.append(f"{e.where()}: common_words entry {s!r} is not the name or an alias of the place")
    _check_alias_collisions(actors, problems)


def _check_alias_collisions(actors: dict, problems: list[str]) -> None:
    """An alias may belong to one actor only (case-insensitive; abbreviations case-sensitive)."""
    owners: dict[tuple[str, bool], dict[str, _Entry]] = {}
    for e in actors.values():
        d = e.data
        forms: list[tuple[str, bool]] = []
        for key in ("name",):
            if isinstance(d.get(key), str):
                forms.append((d[key], False))
        for key, cs in (
            ("aliases", False),
            ("aliases_fr", False),
            ("aliases_ar", False),
            ("abbreviations", True),
        ):
            if isinstance(d.get(key), list):
                forms += [(s, cs) for s in d[key] if isinstance(s, str)]
        for s, cs in forms:
            owners.setdefault((surface_key(s, cs), cs), {})[d["id"]] = e
    for (key, cs), by_actor in sorted(owners.items()):
        if len(by_actor) > 1:
            where = "; ".join(e.where() for e in by_actor.values())
            kind = "abbreviation" if cs else "alias"
            problems.append(f"{kind} {key!r} is assigned to several actors: {where}")


def _build(
    actors: dict, places: dict, relations: dict, version: str, sources: tuple[str, ...], theatres: tuple[Theatre, ...]
) -> KnowledgeBase:
    def tup(d: dict, key: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.strip() for s in d.get(key, ())))

    actor_objs = {
        i: Actor(
            id=i,
            name=d["name"].strip(),
            kind=d["kind"],
            country=d.get("country", ""),
            aliases=tup(d, "aliases"),
            abbreviations=tup(d, "abbreviations"),
            aliases_ar=tup(d, "aliases_ar"),
            aliases_fr=tup(d, "aliases_fr"),
            default_force=d.get("default_force") or None,
            description=d.get("description", ""),
            generic=bool(d.get("generic", False)),
            adjectives=tup(d, "adjectives"),
            short_names=tup(d, "short_names"),
        )
        for i, d in ((i, e.data) for i, e in actors.items())
    }
    place_objs = {
        i: Place(
            id=i,
            name=d["name"].strip(),
            kind=d["kind"],
            lat=float(d["lat"]),
            lon=float(d["lon"]),
            country=d.get("country", ""),
            admin1=d.get("admin1", ""),
            aliases=tup(d, "aliases"),
            aliases_ar=tup(d, "aliases_ar"),
            aliases_fr=tup(d, "aliases_fr"),
            hosts=tup(d, "hosts"),
            launches_by=d.get("launches_by") or None,
            parent=d.get("parent") or None,
            case_sensitive=tup(d, "case_sensitive"),
            common_words=tup(d, "common_words"),
            note=d.get("note", ""),
        )
        for i, d in ((i, e.data) for i, e in places.items())
    }
    relation_objs = [
        Relation(
            subject=d["subject"],
            predicate=d["predicate"],
            object=d["object"],
            confidence=d["confidence"],
            start=d.get("start", ""),
            end=d.get("end", ""),
            evidence=d.get("evidence", ""),
            note=d.get("note", ""),
        )
        for d in (e.data for e in relations.values())
    ]
    return KnowledgeBase(
        version=version,
        actors=actor_objs,
        places=place_objs,
        relations=relation_objs,
        sources=sources,
        theatres=theatres,
    )


def _theatre(origin: str, doc: dict[str, Any], problems: list[str], expected_id: str | None) -> dict[str, str] | None:
    """The ``[theatre]`` table of a pack, checked; None when the file has none."""
    table = doc.get("theatre")
    if table is None:
        if expected_id is not None:
            problems.append(f"{origin}: missing [theatre] table (id, name, description)")
        return None
    if not isinstance(table, dict):
        problems.append(f"{origin}: 'theatre' must be a table ([theatre] with id, name, description)")
        return None
    for key, value in table.items():
        if key not in _THEATRE_FIELDS:
            problems.append(f"{origin}: [theatre]: unknown field {key!r} (known: {', '.join(_THEATRE_FIELDS)})")
        elif not isinstance(value, str):
            problems.append(f"{origin}: [theatre]: field {key!r} must be a string")
    for key in _THEATRE_FIELDS:
        if not table.get(key):
            problems.append(f"{origin}: [theatre]: missing required field {key!r}")
    ident = table.get("id")
    if isinstance(ident, str) and ident and not _ID_RE.match(ident):
        problems.append(f"{origin}: [theatre]: id {ident!r} must be a lowercase-hyphen slug")
    if expected_id is not None and ident != expected_id:
        problems.append(f"{origin}: [theatre]: id {ident!r} must be the file name without .toml ({expected_id!r})")
    return {k: str(table.get(k, "")) for k in _THEATRE_FIELDS}


def _ids_of(doc: dict[str, Any], table: str) -> list[Any]:
    value = doc.get(table)
    if not isinstance(value, list):
        return []
    if table == "relations":
        return [tuple(str(d.get(k)) for k in ("subject", "predicate", "object")) for d in value if isinstance(d, dict)]
    return [d.get("id") for d in value if isinstance(d, dict)]


def _packaged_packs(problems: list[str]) -> list[tuple[str, str, bytes]]:
    """(name, origin, bytes) of every packaged theatre pack: core first, then by file name."""
    folder = resources.files("claimgraph.kb").joinpath("data").joinpath(_THEATRE_DIR)
    try:
        names = sorted(e.name for e in folder.iterdir() if e.name.endswith(".toml"))
    except (FileNotFoundError, OSError) as exc:
        problems.append(f"claimgraph/kb/data/{_THEATRE_DIR}: cannot list the packaged theatre packs ({exc})")
        return []
    names.sort(key=lambda n: (n != f"{_CORE_THEATRE}.toml", n))
    if f"{_CORE_THEATRE}.toml" not in names:
        core = f"claimgraph/kb/data/{_THEATRE_DIR}/{_CORE_THEATRE}.toml"
        problems.append(f"{core}: missing (the core pack holds 'version')")
    packs = []
    for name in names:
        origin = f"claimgraph/kb/data/{_THEATRE_DIR}/{name}"
        try:
            packs.append((name, origin, folder.joinpath(name).read_bytes()))
        except OSError as exc:
            problems.append(f"{origin}: cannot read packaged theatre pack ({exc})")
    return packs


def load_kb(extra: Iterable[Path | str] = ()) -> KnowledgeBase:
    """Load the packaged theatre packs plus user TOML files (later entries override earlier ones by id).

    The returned version is the packaged version (the core pack's), suffixed with a short content
    hash of the user files when there are any (``2026.11.1+user.1a2b3c4d``), so assertions made
    with a modified KB are distinguishable.
    """
    problems: list[str] = []
    docs: list[tuple[str, dict[str, Any]]] = []
    heads: list[tuple[str, dict[str, str] | None, dict[str, Any]]] = []
    version = ""
    owner: dict[tuple[str, Any], str] = {}
    for name, origin, raw in _packaged_packs(problems):
        doc = _read_toml(raw, origin, problems)
        if doc is None:
            continue
        head = _theatre(origin, doc, problems, expected_id=name.removesuffix(".toml"))
        if name == f"{_CORE_THEATRE}.toml":
            version = doc.get("version", "") if isinstance(doc.get("version", ""), str) else ""
        elif "version" in doc:
            problems.append(f"{origin}: 'version' belongs to the core pack only")
        for table in ("actors", "relations", "places"):
            for ident in _ids_of(doc, table):
                if (table, ident) in owner and owner[(table, ident)] != origin:
                    what = "relation" if table == "relations" else "id"
                    problems.append(f"{origin}: {table}: {what} {ident!r} is already in {owner[(table, ident)]}")
                owner.setdefault((table, ident), origin)
        docs.append((origin, doc))
        heads.append((origin, head, doc))
    if not version:
        problems.append(f"claimgraph/kb/data/{_THEATRE_DIR}/{_CORE_THEATRE}.toml: missing 'version'")
    packaged = len(docs)

    digest = hashlib.sha256()
    sources = [o for o, _ in docs]
    for path in extra:
        path = Path(path)
        origin = str(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            problems.append(f"{origin}: cannot read KB file ({exc.strerror or exc})")
            continue
        digest.update(raw)
        doc = _read_toml(raw, origin, problems)
        if doc is not None:
            head = _theatre(origin, doc, problems, expected_id=None)
            docs.append((origin, doc))
            sources.append(origin)
            if head is not None:
                heads.append((origin, head, doc))

    actors, places, relations = _collect(docs, problems)
    _validate(actors, places, relations, problems)
    seen_theatres: dict[str, str] = {}
    for origin, head, _doc in heads:
        if head and head["id"] in seen_theatres:
            problems.append(f"{origin}: [theatre]: id {head['id']!r} is already used by {seen_theatres[head['id']]}")
        elif head:
            seen_theatres[head["id"]] = origin
    if problems:
        raise KBError("knowledge base is invalid:\n  - " + "\n  - ".join(problems))
    if len(sources) > packaged:
        version = f"{version}+user.{digest.hexdigest()[:8]}"
    theatres = tuple(
        Theatre(
            id=head["id"],
            name=head["name"],
            description=head["description"],
            origin=origin,
            actors=tuple(str(i) for i in _ids_of(doc, "actors")),
            relations=len(_ids_of(doc, "relations")),
            places=tuple(str(i) for i in _ids_of(doc, "places")),
        )
        for origin, head, doc in heads
        if head is not None
    )
    return _build(actors, places, relations, version, tuple(sources), theatres)
