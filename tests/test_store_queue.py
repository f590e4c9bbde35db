"""What the review queue and the event list read beside the rows: status counts, facets, key
sentences, duplicate suggestions (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

import claimgraph
from claimgraph.pipeline import review
from claimgraph.store.facets import facets, status_counts
from claimgraph.store.filters import EventFilter
from claimgraph.store.queue import distance_km, duplicate_pairs, key_sentences
from web_corpus import HILLA_AIR, HILLA_DRONE

IRI = "Islamic Resistance in Iraq"


@pytest.fixture
def store(db_url, sources, shared_extractor):
    sources.json("hilla-aircraft.json", HILLA_AIR)
    sources.json("hilla-drone.json", HILLA_DRONE)
    db = claimgraph.open(db_url)
    db.ingest([sources.root])
    yield db
    db.close()


def _ids(db, **filters) -> list[str]:
    return list(db.events(**filters).claimgraph_event_id)


def test_store_status_counts_add_up_and_follow_a_rejection(store):
    with store.engine.begin() as conn:
        counts = status_counts(conn, EventFilter())
        total = sum(counts.values())
        assert counts["unreviewed"] == total == len(_ids(store))
        target = _ids(store, place="Harir")[0]
        review.reject(conn, target, "alice", "an exercise")
        after = status_counts(conn, EventFilter())
        assert after["rejected"] == 1 and after["unreviewed"] == total - 1
        assert status_counts(conn, EventFilter(review_status="rejected")) == after  # its own status ignored
        assert status_counts(conn, EventFilter(country="SY"))["unreviewed"] == len(_ids(store, country="SY"))


def test_store_facets_count_types_countries_and_each_claimant_of_a_list(store):
    with store.engine.connect() as conn:
        found = facets(conn, EventFilter())
        frame = store.events()
    types = {f["value"]: f["count"] for f in found["type"]}
    assert types == frame.sub_event_type.value_counts().to_dict()
    countries = {f["value"]: f["count"] for f in found["country"]}
    assert countries == frame.country_code.value_counts().to_dict()
    claimants = {f["value"]: f["count"] for f in found["claimed_by"]}
    assert claimants[IRI] == len(_ids(store, claimed_by=IRI))
    assert claimants["Tashkil al-Waritheen"] == 1  # one of two claimants of the Conoco event
    assert [f["count"] for f in found["type"]] == sorted((f["count"] for f in found["type"]), reverse=True)


def test_store_key_sentence_is_the_one_with_most_evidence(store):
    tower = _ids(store, place="Tower 22")[0]
    with store.engine.connect() as conn:
        key = key_sentences(conn, [tower])[tower]
    start = key["sentence_start"]
    assert "Tower 22" in key["sentence"] and {"fatalities", "injuries", "location"} <= set(key["fields"])
    for a, b in key["spans"]:
        assert start <= a < b <= start + len(key["sentence"])


def test_store_duplicates_suggest_same_day_near_compatible_events_only(store):
    hilla = _ids(store, place="Hillah")
    assert len(hilla) == 2  # the machine keeps aircraft and drone apart
    with store.engine.begin() as conn:
        pairs = duplicate_pairs(conn, _ids(store))
        assert [{p["a"]["id"], p["b"]["id"]} for p in pairs] == [set(hilla)]
        assert pairs[0]["why"].startswith("same day, both at Hillah")
        review.reject(conn, hilla[1], "alice", "duplicate report")
        assert duplicate_pairs(conn, _ids(store)) == []  # a rejected event is never suggested


def test_store_distance_km_between_known_places():
    assert distance_km((33.0, 44.0), (33.0, 44.0)) == 0
    assert 99 < distance_km((33.3, 44.4), (32.4, 44.4)) < 101  # 0.9 degree of latitude: about 100 km
