"""The Houthi, Hezbollah and Syria fronts: attacks at sea (positions, sea areas, the ship), a front's own
label for a shared name, and "a day after" — hand-written snippets, and the two reports of issue 16 ingested."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

import claimgraph
from claimgraph.extract.sea import find_vessels, offset_point
from claimgraph.extract.sequence import days_before
from claimgraph.models import Document

FIXTURES = Path(__file__).parent / "fronts"


def _events(extractor, text: str, published: date = date(2024, 3, 6), lang: str = "en"):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang)).events


def _km(a, b) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def test_offset_point_goes_the_distance_on_the_bearing():
    east = offset_point(0.0, 0.0, 111.195, 90)
    assert east == pytest.approx((0.0, 1.0), abs=1e-3)
    south = offset_point(12.78, 45.04, 100.0, 180)
    assert south[1] == pytest.approx(45.04, abs=1e-3) and _km((12.78, 45.04), south) == pytest.approx(100, abs=0.5)


def test_sea_position_from_a_port_distance_and_bearing(extractor):
    (e,) = _events(
        extractor,
        "A bulk carrier was struck by a missile on Tuesday about 50 nautical miles southwest of Aden, "
        "the British maritime agency said.",
    )
    assert e.location.precision == "offset"
    assert e.location.name.endswith("of Aden")
    assert _km((12.78, 45.04), (e.location.lat, e.location.lon)) == pytest.approx(92.6, abs=1)
    assert e.location.lat < 12.78 and e.location.lon < 45.04  # southwest
    assert e.target == "civilians" and e.vessel.type == "bulk carrier"


def test_off_a_port_is_the_sea_next_to_it(extractor):
    (e,) = _events(extractor, "Two drones hit a container ship off Hodeidah on Monday, a security firm said.")
    assert e.location.precision == "offshore"
    assert (round(e.location.lat, 1), round(e.location.lon, 1)) == (14.8, 43.0)


def test_a_sea_area_is_the_site_not_the_country_of_the_group(extractor):
    (e,) = _events(
        extractor,
        "Yemen's Houthi rebels said they fired a missile at a Liberian-flagged tanker in the Red Sea on Sunday.",
    )
    assert e.location.name == "Red Sea" and e.location.precision == "sea area"
    assert e.vessel.flag == "Liberian" and e.vessel.type == "tanker"
    assert e.claimed_by == ["Houthis"]


def test_a_ship_named_in_several_sentences_is_one_target(extractor):
    events = _events(
        extractor,
        "The Houthis said on Wednesday they had fired missiles at the bulk carrier Star Nova in the Gulf of Aden. "
        "The Star Nova was hit about 70 nautical miles east of Aden, the US military said on Wednesday.",
    )
    assert len(events) == 1
    (e,) = events
    assert e.vessel.name == "Star Nova" and e.location.precision == "offset"
    assert e.claimed_by == ["Houthis"]


def test_find_vessels_reads_name_type_and_flag():
    (v,) = find_vessels("They fired at the Panama-flagged oil tanker Sea Harmony near the strait.")
    assert (v.name, v.type, v.flag) == ("Sea Harmony", "tanker", "Panama")
    (w,) = find_vessels("The USS Gravely shot down a cruise missile.")
    assert (w.name, w.type) == ("Gravely", "warship")
    assert find_vessels("Rockets struck the airport on Friday.") == []


def test_days_before_reads_a_day_after_and_its_numbers():
    assert days_before("rockets on Wednesday, a day after an Israeli strike in the village of ")[0] == 1
    assert days_before("drones on Friday, two days after the raid on ")[0] == 2
    assert days_before("le Hezbollah a tiré mercredi, au lendemain d'une frappe à ")[0] == 1
    assert days_before("rockets at the town of ") is None


def test_the_event_after_a_day_after_is_the_day_before(extractor):
    events = _events(
        extractor,
        "Hezbollah launched drones at Metula on Friday, a day after an Israeli strike on the village of Khiam "
        "killed two fighters.",
        published=date(2024, 5, 10),
    )
    by_place = {e.location.name: e for e in events}
    assert by_place["Khiam"].date.iso() == "2024-05-09" and by_place["Khiam"].actors == ["Israel"]
    assert by_place["Metula"].date.iso() == "2024-05-10"


def test_islamic_resistance_is_hezbollah_in_a_lebanese_report(extractor):
    (e, *_) = _events(
        extractor,
        "The Islamic Resistance said it fired rockets at an Israeli position in Shtula on Monday, in response to "
        "the Israeli strikes on the village of Houla.",
    )
    assert e.claimed_by == ["Hezbollah (Lebanon)"]


def test_islamic_resistance_stays_iraqi_without_a_lebanese_place(extractor):
    (e,) = _events(extractor, "The Islamic Resistance said it launched a drone at Eilat on Monday.")
    assert e.claimed_by == ["Islamic Resistance in Iraq"]


def test_ingest_the_two_reports_of_issue_16(tmp_path, shared_extractor):
    with claimgraph.open(f"sqlite:///{tmp_path / 'fronts.db'}") as db:
        db.ingest([FIXTURES])
        events = db.events()
    rows = events.to_dict("records")
    sea = [r for r in rows if "nautical miles" in r["location"]]
    assert len(sea) == 1
    (ship,) = sea
    assert ship["geo_precision"] == 2  # ACLED's "near": a point computed from Aden
    assert abs(ship["latitude"] - 12.1) < 0.1 and abs(ship["longitude"] - 45.7) < 0.1
    assert "Houthis" in ship["claimed_by"] and ship["actor2"] == "civilians"
    assert not [r for r in rows if r["location"] in ("Gulf of Aden", "Aden")]  # one event, at sea
    barrage = next(r for r in rows if "Hezbollah (Lebanon)" in (r["actor1"] or ""))
    assert "Hezbollah (Lebanon)" in barrage["claimed_by"]
    strike = next(r for r in rows if r["location"] == "Jouaiyya")
    assert strike["actor1"] == "Israel" and strike["fatalities"] == 4
    assert str(strike["event_date"])[:10] == "2024-06-11"
