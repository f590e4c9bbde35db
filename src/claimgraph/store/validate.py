"""Analyst input, checked once: every review action calls these, so the CLI, the REST API and the
pages refuse the same values with the same message, and a refused value changes nothing.

==================  ================================================================================
value               allowed
==================  ================================================================================
fatalities,         a whole number from 0 to ``MAX_COUNT`` (100000), or unknown (``None``)
injuries
date                a real day from ``MIN_DATE`` (1900-01-01) to tomorrow (UTC): ``YYYY-MM-DD``, a
                    ``datetime.date``, or the stored form ``{date, precision, low, high}`` with
                    ``low <= date <= high`` and a precision of day, week, month or year
place               a place of the knowledge base (by ``place_id``; its name and coordinates are
                    taken from the KB), or coordinates: latitude -90..90 and longitude -180..180
sub_event_type      one of ``models.SUB_EVENT_TYPES``
weapons             at most 20 of ``models.WEAPONS``
claimed_by,         at most ``MAX_ITEMS`` (50) names of 1 to ``MAX_NAME`` (200) characters
attributed_to,
actors
target              a name of 1 to 200 characters, or ``None``
note                at most ``MAX_NOTE`` (2000) characters
user                1 to ``MAX_USER`` (80) characters
==================  ================================================================================

A bad value raises ``errors.InvalidValue`` (exit code 2, HTTP 422) naming the field and what it
accepts. ``problem`` answers the same question without a database (no KB look-up), for values
already stored: migration 0007 uses it to repair what older versions let in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.errors import InvalidValue, UsageError
from claimgraph.models import EDITABLE, SUB_EVENT_TYPES, WEAPONS
from claimgraph.store import schema

MAX_COUNT = 100_000
MIN_DATE = date(1900, 1, 1)
MAX_NAME = 200
MAX_ITEMS = 50
MAX_NOTE = 2000
MAX_USER = 80
MAX_TEXT = 2000  # a value as typed (CLI argument, form field)
DATE_PRECISIONS = ("day", "week", "month", "year")
GEO_PRECISIONS = ("site", "offset", "town", "offshore", "province", "sea area", "country", "unresolved")
LIST_FIELDS = ("claimed_by", "attributed_to", "actors")
COUNT_FIELDS = ("fatalities", "injuries")

_COUNT = f"a whole number from 0 to {MAX_COUNT}, or unknown"
_NAMES = f"at most {MAX_ITEMS} names of 1 to {MAX_NAME} characters"


def max_date() -> date:
    """The latest day an event can be on: tomorrow in UTC (a day of slack for time zones)."""
    return datetime.now(UTC).date() + timedelta(days=1)


def _date_range() -> str:
    return f"a real day from {MIN_DATE.isoformat()} to {max_date().isoformat()} (YYYY-MM-DD)"


def _day(text: Any) -> date | None:
    if isinstance(text, datetime):
        return None
    if isinstance(text, date):
        return text
    if not isinstance(text, str):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _in_range(day: date | None) -> bool:
    return day is not None and MIN_DATE <= day <= max_date()


def _name(value: Any) -> str | None:
    """A name stripped of surrounding space, or None when it is not a usable name."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if 0 < len(value) <= MAX_NAME else None


def _coordinate(value: Any, limit: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    value = float(value)
    return value if math.isfinite(value) and -limit <= value <= limit else None


def _count(field: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise InvalidValue(field, _COUNT, value)
    return value


def _date(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    day = _day(value)
    if day is not None:
        if not _in_range(day):
            raise InvalidValue("date", _date_range(), value)
        iso = day.isoformat()
        return {"date": iso, "precision": "day", "low": iso, "high": iso}
    if not isinstance(value, dict):
        raise InvalidValue("date", _date_range(), value)
    days = {k: _day(value.get(k)) for k in ("date", "low", "high")}
    precision = value.get("precision")
    bad = [k for k, d in days.items() if not _in_range(d)]
    if bad:
        raise InvalidValue(f"date ({bad[0]})", _date_range(), value.get(bad[0]))
    if precision not in DATE_PRECISIONS:
        raise InvalidValue("date (precision)", f"one of {', '.join(DATE_PRECISIONS)}", precision)
    low, day, high = days["low"], days["date"], days["high"]
    if not low <= day <= high:  # type: ignore[operator]
        raise InvalidValue("date", "an interval with low <= date <= high", value)
    return {"date": day.isoformat(), "precision": precision, "low": low.isoformat(), "high": high.isoformat()}  # type: ignore[union-attr]


def _place_structure(value: dict[str, Any]) -> dict[str, Any]:
    """Coordinates and labels of a place given without a KB id (raises InvalidValue)."""
    lat = _coordinate(value.get("latitude"), 90.0)
    lon = _coordinate(value.get("longitude"), 180.0)
    if lat is None:
        raise InvalidValue("place (latitude)", "a number from -90 to 90", value.get("latitude"))
    if lon is None:
        raise InvalidValue("place (longitude)", "a number from -180 to 180", value.get("longitude"))
    labels: dict[str, str | None] = {}
    for key in ("name", "admin1"):
        raw = value.get(key)
        if raw is not None and _name(raw) is None:
            raise InvalidValue(f"place ({key})", f"a name of 1 to {MAX_NAME} characters", raw)
        labels[key] = _name(raw)
    country = value.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 2 and country.isalpha()):
        raise InvalidValue("place (country)", "a two-letter ISO country code (IQ, SY)", country)
    precision = value.get("geo_precision") or "site"
    if precision not in GEO_PRECISIONS:
        raise InvalidValue("place (geo_precision)", f"one of {', '.join(GEO_PRECISIONS)}", precision)
    return {
        "name": labels["name"] or f"{lat:.4f}, {lon:.4f}",
        "place_id": None,
        "latitude": lat,
        "longitude": lon,
        "country": country.upper() if country else None,
        "admin1": labels["admin1"],
        "geo_precision": precision,
    }


def kb_place(conn: Connection, place_id: str) -> dict[str, Any] | None:
    """The stored form of the KB place ``place_id`` (None: the KB has no such place)."""
    from claimgraph.kb.loader import precision_of

    t = schema.kb_places
    row = conn.execute(sa.select(t).where(t.c.id == place_id)).mappings().first()
    if row is None:
        return None
    return {
        "name": row["name"],
        "place_id": row["id"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "country": row["country"],
        "admin1": row["admin1"],
        "geo_precision": precision_of(row["kind"]),
    }


def _stored_place(value: dict[str, Any]) -> dict[str, Any]:
    """A stored place (a confirmed machine value may lack coordinates): coordinates, when given, in range."""
    for key, limit in (("latitude", 90.0), ("longitude", 180.0)):
        if value.get(key) is not None and _coordinate(value[key], limit) is None:
            raise InvalidValue(f"place ({key})", f"a number from -{limit:g} to {limit:g}", value[key])
    return value


def _place(conn: Connection | None, value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InvalidValue("place", "a place of the knowledge base or coordinates (latitude, longitude)", value)
    if conn is None:
        return _stored_place(value)
    place_id = value.get("place_id")
    if place_id is None:
        return _place_structure(value)
    found = kb_place(conn, place_id) if isinstance(place_id, str) and len(place_id) <= MAX_NAME else None
    if found is None:
        raise InvalidValue(
            "place (place_id)", "the id of a place of the knowledge base (see `claimgraph kb places`)", place_id
        )
    return found


def _names(field: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or len(value) > MAX_ITEMS:
        raise InvalidValue(field, _NAMES, value)
    out: list[str] = []
    for item in value:
        name = _name(item)
        if name is None:
            raise InvalidValue(field, _NAMES, item)
        if name not in out:
            out.append(name)
    return out


def _weapons(value: Any) -> list[str]:
    if value is None:
        return []
    allowed = f"a list of: {', '.join(WEAPONS)}"
    if not isinstance(value, list | tuple) or len(value) > len(WEAPONS) * 2:
        raise InvalidValue("weapons", allowed, value)
    bad = [w for w in value if w not in WEAPONS]
    if bad:
        raise InvalidValue("weapons", allowed, bad[0])
    return sorted(set(value))


def _check(conn: Connection | None, field: str, value: Any) -> Any:
    if field in COUNT_FIELDS:
        return _count(field, value)
    if field == "date":
        return _date(value)
    if field == "place":
        return _place(conn, value)
    if field == "sub_event_type":
        if value not in SUB_EVENT_TYPES:
            raise InvalidValue(field, f"one of {'; '.join(SUB_EVENT_TYPES)}", value)
        return value
    if field == "weapons":
        return _weapons(value)
    if field in LIST_FIELDS:
        return _names(field, value)
    if field == "target":
        if value is None:
            return None
        name = _name(value)
        if name is None:
            raise InvalidValue(field, f"a name of 1 to {MAX_NAME} characters, or none", value)
        return name
    raise InvalidValue("field", f"one of {', '.join(EDITABLE)}", field)


def value(conn: Connection, field: str, given: Any) -> Any:
    """``given`` for ``field`` in its stored form (KB places filled in from the KB), or InvalidValue."""
    return _check(conn, field, given)


def problem(field: str, stored: Any) -> str | None:
    """What is wrong with a stored analyst value (None: nothing), checked without the database."""
    try:
        _check(None, field, stored)
    except InvalidValue as exc:
        return str(exc)
    return None


def note(text: Any) -> str:
    if text is None:
        return ""
    if not isinstance(text, str) or len(text) > MAX_NOTE:
        raise InvalidValue("note", f"text of at most {MAX_NOTE} characters", text)
    return text


def user(name: Any) -> str:
    if not isinstance(name, str) or not 0 < len(name.strip()) <= MAX_USER:
        raise InvalidValue("user", f"a name of 1 to {MAX_USER} characters", name)
    return name.strip()


def typed(field: str, text: Any) -> str:
    """A value as typed (CLI argument, form field): text of at most ``MAX_TEXT`` characters."""
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise InvalidValue(field, f"text of at most {MAX_TEXT} characters", text)
    return text.strip()


# -- analyst text -> values (the CLI's arguments, the pages' form fields) -----------------------------


def check_fields(fields: Sequence[str]) -> None:
    bad = [f for f in fields if f not in EDITABLE]
    if bad:
        shown = ", ".join(str(f)[:40] for f in bad)
        raise UsageError(f"unknown field(s) {shown}: use one of {', '.join(EDITABLE)}")


_COORDINATES = re.compile(r"^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$")


def parse_value(conn: Connection, field: str, text: str) -> Any:
    """An analyst's value for ``field`` typed as text (CLI, web form) -> the stored value (checked)."""
    from claimgraph.store.filters import actor_name

    check_fields([field])
    text = typed(field, text)
    if field in ("fatalities", "injuries"):
        if text.lower() in ("", "null", "none", "unknown"):
            return None
        if not text.isdigit() or not text.isascii():
            raise UsageError(f"{field} must be a whole number (or 'unknown'), not {text[:40]!r}")
        return value(conn, field, int(text))
    if field == "date":
        return value(conn, field, text)
    if field == "place":
        return _place_value(conn, text)
    if field == "sub_event_type":
        match = [t for t in SUB_EVENT_TYPES if t.casefold() == text.casefold()]
        if not match:
            raise UsageError(f"unknown sub-event type {text[:60]!r}: use one of {'; '.join(SUB_EVENT_TYPES)}")
        return match[0]
    if field == "target":
        return value(conn, field, actor_name(conn, text) if text else None)
    items = [x.strip() for x in text.split(",") if x.strip()]
    if field == "weapons":
        bad = [w for w in items if w not in WEAPONS]
        if bad:
            raise UsageError(f"unknown weapon(s) {', '.join(b[:30] for b in bad[:5])}: use {', '.join(WEAPONS)}")
        return value(conn, field, items)
    return value(conn, field, [actor_name(conn, x) for x in items])


def _place_value(conn: Connection, text: str) -> dict[str, Any]:
    """A KB place by any of its names, or coordinates typed as "latitude, longitude"."""
    from claimgraph.kb.loader import surface_key

    coordinates = _COORDINATES.match(text)
    if coordinates:
        lat, lon = (float(x) for x in coordinates.groups())
        return value(conn, "place", {"latitude": lat, "longitude": lon})
    t = schema.kb_places
    key = surface_key(text)
    for row in conn.execute(sa.select(t.c.id, t.c.name, t.c.aliases)).mappings():
        if key in {surface_key(x) for x in (row["name"], *row["aliases"])}:
            return value(conn, "place", {"place_id": row["id"]})
    raise UsageError(
        f"unknown place {text[:80]!r}: use a place of the knowledge base (`claimgraph kb places`) or coordinates "
        "as 'latitude, longitude' (e.g. '33.79, 38.64'), or add the place with --kb-file"
    )


__all__ = ["MAX_COUNT", "MAX_ITEMS", "MAX_NAME", "MAX_NOTE", "MAX_USER", "MIN_DATE", "note", "problem", "user", "value"]
