"""Exports: ACLED-layout CSV, GeoJSON, STIX 2.1, JSON Lines, Parquet — each read back and checked."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

import claimgraph
from claimgraph.acled import COLUMNS, DTYPES
from claimgraph.cli.app import main
from claimgraph.export import WRITERS
from claimgraph.store.filters import EventFilter

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


@pytest.fixture
def store(db_url, sources, shared_extractor):
    db = claimgraph.open(db_url)
    db.ingest([sources.root])
    yield db
    db.close()


def export(store, fmt: str, f: EventFilter | None = None) -> str:
    out = io.StringIO()
    with store.engine.connect() as conn:
        WRITERS[fmt](conn, f or EventFilter(), out)
    return out.getvalue()


def validate_stix(text: str):
    from stix2validator import ValidationOptions, validate_string

    result = validate_string(text, ValidationOptions(version="2.1"))
    objects = getattr(result, "object_results", None) or [result]
    errors = [str(e) for o in objects for e in o.errors]
    return result, errors


# -- CSV -----------------------------------------------------------------------------------------


def test_export_csv_loads_in_pandas_with_the_documented_dtypes(store):
    text = export(store, "csv")
    frame = pd.read_csv(io.StringIO(text), dtype=DTYPES, keep_default_na=False, na_values=[""])
    assert list(frame.columns) == list(COLUMNS)
    assert {c: str(t) for c, t in frame.dtypes.items()} == DTYPES
    assert frame.event_date.is_monotonic_increasing  # oldest first
    expected = store.events().sort_values(["event_date", "claimgraph_event_id"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(
        frame.sort_values(["event_date", "claimgraph_event_id"]).reset_index(drop=True), expected
    )


def test_export_csv_respects_the_event_filters(store):
    text = export(store, "csv", EventFilter(claimed_by="IRI"))
    frame = pd.read_csv(io.StringIO(text), dtype=DTYPES, keep_default_na=False, na_values=[""])
    assert len(frame) and all("Islamic Resistance in Iraq" in c for c in frame.claimed_by)
    assert (frame.actor1 == "Islamic Resistance in Iraq").all()  # the brand that claimed, never a faction


# -- GeoJSON ----------------------------------------------------------------------------------------


def test_export_geojson_is_rfc7946_lon_lat_with_precision(store):
    data = json.loads(export(store, "geojson"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert len(data["features"]) == len(store.events())
    for feature in data["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["id"], str)
        assert set(feature) == {"type", "id", "geometry", "properties"}
        geometry = feature["geometry"]
        assert geometry is None or geometry["type"] == "Point"
        if geometry:
            lon, lat = geometry["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["claimgraph_geo_precision"] in ("site", "town", "province", "country", None)
        assert "latitude" not in feature["properties"]
    qaim = next(f for f in data["features"] if f["properties"]["location"] == "Al-Qaim")
    lon, lat = qaim["geometry"]["coordinates"]
    assert 40 < lon < 42 and 34 < lat < 35  # [longitude, latitude], not the other way round


# -- STIX -------------------------------------------------------------------------------------------


def test_export_stix_bundle_passes_the_official_validator(store):
    text = export(store, "stix")
    result, errors = validate_stix(text)
    assert errors == [] and result.is_valid
    bundle = json.loads(text)
    kinds = {o["type"] for o in bundle["objects"]}
    assert {"incident", "intrusion-set", "location", "relationship", "note", "report", "identity"} <= kinds
    iri = next(
        o for o in bundle["objects"] if o["type"] == "intrusion-set" and o["name"] == "Islamic Resistance in Iraq"
    )
    assert "المقاومة الإسلامية في العراق" in iri["aliases"]
    attributed = [
        o for o in bundle["objects"] if o["type"] == "relationship" and o["relationship_type"] == "attributed-to"
    ]
    assert attributed and all(0 < o["confidence"] <= 100 for o in attributed)
    claims = [o for o in bundle["objects"] if o["type"] == "note" and o["abstract"].startswith("Claim")]
    assert any("superseded" in n["content"] for n in claims) and any("issued" in n["content"] for n in claims)
    assert any(o["type"] == "relationship" and o["relationship_type"] == "member-of" for o in bundle["objects"])


def test_export_stix_ids_are_stable_across_exports_and_reingest(store, sources):
    first = export(store, "stix")
    store.ingest([sources.root])
    assert export(store, "stix") == first  # byte-identical: platforms deduplicate on the ids


@pytest.mark.skipif(not (DEVSET / "docs").is_dir(), reason=f"the dev set is not at {DEVSET}")
def test_export_stix_of_the_ingested_dev_set_has_zero_validator_errors(tmp_path, shared_extractor):
    with claimgraph.open(str(tmp_path / "dev.db")) as db:
        db.ingest([DEVSET / "docs"])
        result, errors = validate_stix(export(db, "stix"))
    assert errors == [] and result.is_valid


# -- JSON Lines and Parquet --------------------------------------------------------------------------


def test_export_jsonl_keeps_every_assertion_with_evidence_into_the_text(store):
    lines = [json.loads(line) for line in export(store, "jsonl").splitlines()]
    assert len(lines) == len(store.events())
    tower = next(r for r in lines if "place" in r["event"]["conflicts"])
    assert len(tower["reports"]) == 2 and {v["field"] for v in tower["fields"]} >= {"place", "injuries"}
    for record in lines:
        for report in record["reports"]:
            text = store.document(report["doc_id"])["document"]["text"]
            for ev in report["evidence"]:
                assert text[ev["start"] : ev["end"]] == ev["text"]
        for claim in record["claims"]:
            assert claim["status"] in ("issued", "superseded") and claim["evidence"]


def test_export_parquet_round_trips(store, tmp_path):
    path = tmp_path / "events.parquet"
    with store.engine.connect() as conn:
        n = WRITERS["parquet"](conn, EventFilter(), path)
    frame = pd.read_parquet(path)
    assert n == len(frame) == len(store.events()) and list(frame.columns) == list(COLUMNS)
    expected = store.events().sort_values(["event_date", "claimgraph_event_id"]).reset_index(drop=True)
    frame = frame.astype(DTYPES).sort_values(["event_date", "claimgraph_event_id"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(frame, expected)


# -- command line ------------------------------------------------------------------------------------


def test_export_cli_writes_each_format_atomically(store, db_url, tmp_path, capsys):
    for fmt in ("csv", "geojson", "stix", "jsonl", "parquet"):
        out = tmp_path / f"events.{fmt}"
        assert main(["export", "--format", fmt, "--db", db_url, "-o", str(out)]) == 0
        assert out.stat().st_size > 0 and not (tmp_path / f"events.{fmt}.partial").exists()
    assert "exported as parquet" in capsys.readouterr().err


def test_export_cli_errors_are_clear(store, db_url, capsys):
    assert main(["export", "--format", "parquet", "--db", db_url]) == 2
    assert "give a file with -o" in capsys.readouterr().err
    assert main(["export", "--format", "csv", "--db", db_url, "-o", "/nonexistent/dir/x.csv"]) == 2
    assert "does not exist" in capsys.readouterr().err
