"""The Python API: ``claimgraph.open(db)`` and its DataFrames, on SQLite and PostgreSQL."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

import claimgraph
from claimgraph.acled import COLUMNS, DTYPES
from claimgraph.errors import UsageError
from claimgraph.store import schema


@pytest.fixture
def store(db_url, sources, shared_extractor):
    db = claimgraph.open(db_url)
    db.ingest([sources.root])
    yield db
    db.close()


def test_queries_events_frame_has_the_export_columns_and_dtypes(store):
    frame = store.events()
    assert list(frame.columns) == list(COLUMNS)
    assert {c: str(t) for c, t in frame.dtypes.items()} == DTYPES
    assert frame.event_date.is_monotonic_decreasing  # newest first
    assert frame.latitude.between(-90, 90).all() and frame.longitude.between(-180, 180).all()
    tower = frame[frame.claimgraph_event_id == store.events(place="Tower 22").claimgraph_event_id.iloc[0]].iloc[0]
    assert tower.actor1 == "Islamic Resistance in Iraq"  # the brand that claimed, not a faction
    iso = {"JO": 400, "SY": 760}[tower.country_code]  # numeric ISO 3166, as ACLED
    assert (tower.inter1, tower.iso, tower.time_precision, tower.geo_precision) == (3, iso, 1, 1)
    assert tower.sources_count == 2 and "injuries" in tower.conflicts and tower.fatalities == 3


def test_queries_unknown_fatalities_are_zero_in_acled_column_but_empty_range(store):
    frame = store.events(place="Conoco")
    row = frame.iloc[0]
    assert row.fatalities == 0 and pd.isna(row.fatalities_low) and pd.isna(row.fatalities_high)


def test_queries_since_near_the_first_day_of_the_calendar_is_no_crash(store):
    # found by the Schemathesis run (GET /api/timeline?since=0002-01-01): "since" minus the year of
    # slack for long events fell before 0001-01-01 and raised OverflowError
    assert len(store.events(since="0001-01-01")) == len(store.events()) > 0
    assert len(store.events(since="0002-01-01")) == len(store.events())


def test_queries_filters_combine(store):
    assert len(store.events(country="IQ", type="drone")) >= 2
    assert set(store.events(claimed_by="Islamic Resistance in Iraq", country="Jordan").location) <= {
        "Tower 22",
        "Al-Tanf Garrison",
    }
    assert store.events(since="2030-01-01").empty
    assert store.count_events(conflicts=True) == len(store.events(conflicts=True)) == 2
    with pytest.raises(UsageError):
        store.events(since="2024-02-01", until="2024-01-01")
    with pytest.raises(UsageError, match="unknown country"):
        store.events(country="Narnia")


def test_queries_full_text_search_finds_words_and_survives_operators(store):
    hits = store.search("Tower 22")
    assert [h["doc_id"] for h in hits] and "Tower" in hits[0]["snippet"]
    assert store.search('drone AND "NEAR(') is not None  # FTS syntax in user input is quoted, never parsed
    with pytest.raises(UsageError):
        store.search("  ")


def test_queries_documents_and_actors_frames(store):
    docs = store.documents()
    assert len(docs) == 8 and set(docs.columns) >= {"id", "ext_id", "outlet", "published", "lang", "n_events"}
    actors = store.actors()
    iri = actors[actors.name == "Islamic Resistance in Iraq"].iloc[0]
    assert iri.events_claimed >= 4 and iri.kind == "umbrella_brand"
    assert "المقاومة الإسلامية في العراق" in iri.aliases_ar


def test_queries_plain_latitude_longitude_columns_in_the_database(store):
    with store.engine.connect() as conn:
        cols = {c["name"] for c in sa.inspect(conn).get_columns(schema.events.name)}
        assert {"latitude", "longitude"} <= cols
        n = conn.execute(sa.select(sa.func.count()).where(schema.events.c.latitude.is_not(None))).scalar()
    assert n == len(store.events())


def test_queries_open_rejects_an_unknown_url_scheme():
    with pytest.raises(UsageError, match="unsupported database URL"):
        claimgraph.open("mysql://localhost/x")
