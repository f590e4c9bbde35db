"""Reading gold annotations and predictions into the records the scoring rules compare.

``read_gold`` and ``read_predictions`` turn JSON into typed, normalised records
and reject anything malformed with a ``SourceError`` naming ``path`` or
``path:line``, so the rules in ``scorer.py`` never see a loose dict.

Both sides are read the way the dev set's ``score.py`` reads them: a prediction
event's location may be an object or a bare name; its actors may be under
``actors`` or ``actor``; a record's id under ``doc_id`` or ``id``; a date is
``YYYY-MM-DD`` or ``YYYY-MM`` (anything else matches nothing).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from claimgraph.errors import SourceError, UsageError
from claimgraph.eval.normalize import normalize_name, normalize_names

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")

_PRED_HINT = (
    'each line must be one JSON object {"doc_id", "events": [...], "memberships": [...]}, '
    "as written by `claimgraph extract`; see the docstring of devset/score.py"
)
_GOLD_HINT = "gold files follow the schema in the dev set's README.md"


class _Invalid(ValueError):
    """A value in an input record has the wrong shape (internal; becomes SourceError)."""


@dataclass(frozen=True, slots=True)
class EventDate:
    """A date as written: ``YYYY-MM-DD`` or ``YYYY-MM`` (anchored on the 1st)."""

    value: date
    is_month: bool


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened, as far as the scoring rules look at it."""

    lat: float | None
    lon: float | None
    country: str  # upper-case ISO code or ""
    name_keys: frozenset[str]  # normalised names it answers to (never "" for a prediction)


@dataclass(frozen=True, slots=True)
class ScoredEvent:
    """One event (gold or predicted) reduced to what the rules compare."""

    date: EventDate | None
    precision: str | None  # gold's date_precision; ignored for predictions
    sub_event_type: str  # lower-cased
    place: Place
    weapons: frozenset[str]  # raw labels, without "unknown"
    actors: frozenset[str]
    claimed_by: frozenset[str]
    target: str
    fatalities: int | float | None
    injuries: int | float | None
    summary: dict[str, Any]  # what a miss listing shows


@dataclass(frozen=True, slots=True)
class ScoredDocument:
    """One document's events and (member, umbrella) pairs."""

    doc_id: str
    events: tuple[ScoredEvent, ...]
    memberships: frozenset[tuple[str, str]]


# --------------------------------------------------------------------------- reading


def read_gold(gold_dir: Path) -> list[ScoredDocument]:
    """Every ``*.json`` in ``gold_dir``, in file-name order."""
    if not gold_dir.is_dir():
        raise UsageError(f"gold directory {gold_dir} does not exist; pass the dev set's gold/ folder")
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise UsageError(f"gold directory {gold_dir} holds no *.json files; pass the dev set's gold/ folder")
    docs = []
    for path in files:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(record, dict):
                raise _Invalid("not a JSON object")
            docs.append(_gold_document(record, path.stem))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise SourceError(path, f"not valid JSON: {exc}", _GOLD_HINT) from exc
        except _Invalid as exc:
            raise SourceError(path, str(exc), _GOLD_HINT) from exc
    return docs


def read_predictions(pred_path: Path) -> dict[str, ScoredDocument]:
    """One record per line of ``pred_path``, keyed by ``doc_id`` (or ``id``)."""
    if not pred_path.is_file():
        raise UsageError(f"prediction file {pred_path} does not exist; write one with `claimgraph extract -o`")
    docs: dict[str, ScoredDocument] = {}
    for lineno, line in _lines(pred_path):
        where = f"{pred_path}:{lineno}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise _Invalid("not a JSON object")
            doc = _pred_document(record)
        except json.JSONDecodeError as exc:
            raise SourceError(where, f"not valid JSON: {exc.msg} at column {exc.colno}", _PRED_HINT) from exc
        except _Invalid as exc:
            raise SourceError(where, str(exc), _PRED_HINT) from exc
        if doc.doc_id in docs:
            raise SourceError(where, f"second prediction for document {doc.doc_id!r}", "write one line per document")
        docs[doc.doc_id] = doc
    return docs


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Non-blank lines with 1-based numbers (split on newlines only, not U+2028)."""
    try:
        with path.open(encoding="utf-8-sig") as fh:
            for lineno, line in enumerate(fh, start=1):
                if line.strip():
                    yield lineno, line
    except UnicodeDecodeError as exc:
        raise SourceError(path, f"not UTF-8 text: {exc.reason}", _PRED_HINT) from exc


def _gold_document(record: dict[str, Any], stem: str) -> ScoredDocument:
    doc_id = str(record.get("id") or stem)
    events = tuple(_at(f"events[{i}]", _gold_event, e) for i, e in enumerate(_list(record, "events")))
    members = _memberships(record)
    return ScoredDocument(doc_id, events, members)


def _pred_document(record: dict[str, Any]) -> ScoredDocument:
    raw_id = record.get("doc_id") or record.get("id")
    if raw_id is None or raw_id == "":
        raise _Invalid("no 'doc_id' (or 'id')")
    events = tuple(_at(f"events[{i}]", _pred_event, e) for i, e in enumerate(_list(record, "events")))
    return ScoredDocument(str(raw_id), events, _memberships(record))


def _gold_event(e: dict[str, Any]) -> ScoredEvent:
    lat, lon = _coordinates(e)
    names = {normalize_name(_str(e, "location"))} | normalize_names(_str_list(e, "location_aliases_in_text"))
    place = Place(lat, lon, (_str(e, "country") or "").upper(), frozenset(names))
    return ScoredEvent(
        date=_event_date(e.get("date")),
        precision=_str(e, "date_precision"),
        sub_event_type=(_str(e, "sub_event_type") or "").lower(),
        place=place,
        weapons=frozenset(_str_list(e, "weapons")) - {"unknown"},
        actors=normalize_names(_str_list(e, "actor")),
        claimed_by=normalize_names(_str_list(e, "claimed_by")),
        target=normalize_name(_str(e, "target")),
        fatalities=_count(e, "fatalities"),
        injuries=_count(e, "injuries"),
        summary={k: e.get(k) for k in ("date", "location", "sub_event_type")},
    )


def _pred_event(e: dict[str, Any]) -> ScoredEvent:
    loc = e.get("location") or {}
    if isinstance(loc, str):
        loc = {"name": loc}
    if not isinstance(loc, dict):
        raise _Invalid("'location' must be an object, a name or null")
    name = _at("location", _str, loc, "name")
    lat, lon = _at("location", _coordinates, loc)
    country = (_at("location", _str, loc, "country") or "").upper()
    key = normalize_name(name)
    place = Place(lat, lon, country, frozenset({key}) if key else frozenset())
    actors = _str_list(e, "actors") or _str_list(e, "actor")
    return ScoredEvent(
        date=_event_date(e.get("date")),
        precision=None,
        sub_event_type=(_str(e, "sub_event_type") or "").lower(),
        place=place,
        weapons=frozenset(_str_list(e, "weapons")) - {"unknown"},
        actors=normalize_names(actors),
        claimed_by=normalize_names(_str_list(e, "claimed_by")),
        target=normalize_name(_str(e, "target")),
        fatalities=_count(e, "fatalities"),
        injuries=_count(e, "injuries"),
        summary={"date": e.get("date"), "location": name, "sub_event_type": e.get("sub_event_type")},
    )


def _memberships(record: dict[str, Any]) -> frozenset[tuple[str, str]]:
    pairs = set()
    for i, m in enumerate(_list(record, "memberships")):
        member = _at(f"memberships[{i}]", _str, m, "member")
        umbrella = _at(f"memberships[{i}]", _str, m, "umbrella")
        pairs.add((normalize_name(member), normalize_name(umbrella)))
    return frozenset(pairs)


# --------------------------------------------------------------------------- field readers


def _at(where: str, read: Any, obj: Any, *args: Any) -> Any:
    """Call ``read(obj, *args)``, prefixing any complaint with ``where``."""
    if not isinstance(obj, dict):
        raise _Invalid(f"{where}: must be a JSON object")
    try:
        return read(obj, *args)
    except _Invalid as exc:
        raise _Invalid(f"{where}: {exc}") from None


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    value = obj.get(key) or []
    if not isinstance(value, list):
        raise _Invalid(f"'{key}' must be a list or null")
    return value


def _str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise _Invalid(f"'{key}' must be a string or null")
    return value


def _str_list(obj: dict[str, Any], key: str) -> list[str]:
    values = _list(obj, key)
    if not all(isinstance(v, str) for v in values):
        raise _Invalid(f"'{key}' must be a list of strings")
    return values


def _count(obj: dict[str, Any], key: str) -> int | float | None:
    value = obj.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise _Invalid(f"'{key}' must be a number or null")
    return value


def _coordinates(obj: dict[str, Any]) -> tuple[float | None, float | None]:
    lat, lon = obj.get("lat"), obj.get("lon")
    for key, value in (("lat", lat), ("lon", lon)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise _Invalid(f"'{key}' must be a number or null")
    if lat is not None and lon is None:
        raise _Invalid("'lat' given without 'lon'")
    return lat, lon


def _event_date(value: Any) -> EventDate | None:
    """``YYYY-MM-DD`` or ``YYYY-MM``; anything else (e.g. a bare year) matches nothing."""
    if not value:
        return None
    if not isinstance(value, str):
        raise _Invalid("'date' must be a string or null")
    try:
        if m := _DAY.fullmatch(value):
            return EventDate(date(int(m[1]), int(m[2]), int(m[3])), is_month=False)
        if m := _MONTH.fullmatch(value):
            return EventDate(date(int(m[1]), int(m[2]), 1), is_month=True)
    except ValueError as exc:
        raise _Invalid(f"'date' {value!r} is not a calendar date: {exc}") from None
    return None
