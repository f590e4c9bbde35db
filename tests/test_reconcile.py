"""Reconcile: reports of one attack from several outlets become one event; conflicts are kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import claimgraph
from claimgraph.reconcile.cluster import ReportView, Sweep, cluster
from claimgraph.reconcile.consensus import compute
from conftest import SOURCES, DocFiles, table_digests, write_sources

IRI = "Islamic Resistance in Iraq"


def view(
    rid: str,
    doc: str,
    day: date,
    *,
    place: str = "ain-al-asad",
    lat: float = 33.8,
    lon: float = 42.44,
    precision: str = "day",
    geo: str = "site",
    sub: str = "Air/drone strike",
    weapons=("drone",),
    country: str = "IQ",
    high: date | None = None,
    **kw,
) -> ReportView:
    return ReportView(
        rid,
        doc,
        sub,
        tuple(weapons),
        day,
        precision,
        day,
        high or day,
        place,
        place,
        lat,
        lon,
        country,
        "Anbar",
        geo,
        **kw,
    )


# -- clustering rules ----------------------------------------------------------------------------


def test_reconcile_cluster_same_site_next_day_from_two_outlets_is_one_event():
    reports = [view("r1", "a", date(2024, 1, 20)), view("r2", "b", date(2024, 1, 21))]
    assert len(cluster(reports)) == 1


def test_reconcile_cluster_two_reports_of_one_document_stay_two_events():
    reports = [view("r1", "a", date(2024, 1, 20)), view("r2", "a", date(2024, 1, 20))]
    assert len(cluster(reports)) == 2


def test_reconcile_cluster_nearby_sites_across_a_border_join_distant_ones_do_not():
    tower22 = view("r1", "a", date(2024, 1, 28), place="tower-22", lat=33.32, lon=38.69, country="JO")
    tanf = view("r2", "b", date(2024, 1, 28), place="al-tanf", lat=33.49, lon=38.62, country="SY")
    erbil = view("r3", "c", date(2024, 1, 28), place="erbil", lat=36.19, lon=44.01)
    clusters = cluster([tower22, tanf, erbil])
    assert sorted(len(c.reports) for c in clusters) == [1, 2]


def test_reconcile_cluster_country_only_report_joins_a_site_in_that_country():
    site = view("r1", "a", date(2024, 2, 4), place="conoco", lat=35.3, lon=40.3, country="SY")
    vague = view("r2", "b", date(2024, 2, 4), place="syria", lat=35.0, lon=38.5, country="SY", geo="country")
    elsewhere = view("r3", "c", date(2024, 2, 4), place="iraq", lat=33.0, lon=44.0, country="IQ", geo="country")
    clusters = cluster([site, vague, elsewhere])
    assert sorted(sorted(r.id for r in c.reports) for c in clusters) == [["r1", "r2"], ["r3"]]


def test_reconcile_cluster_state_air_strike_never_joins_a_militia_drone_attack():
    militia = view("r1", "a", date(2024, 2, 2), place="al-qaim", lat=34.37, lon=41.09)
    us = view("r2", "b", date(2024, 2, 2), place="al-qaim", lat=34.37, lon=41.09, weapons=("aircraft",))
    assert len(cluster([militia, us])) == 2


def test_reconcile_cluster_month_report_joins_only_an_unambiguous_event():
    feb5 = view("r1", "a", date(2024, 2, 5))
    feb20 = view("r2", "b", date(2024, 2, 20))
    month = view("r3", "c", date(2024, 2, 1), precision="month", high=date(2024, 2, 29))
    assert len(cluster([feb5, feb20, month])) == 3  # two candidates: stays on its own
    assert len(cluster([feb5, month])) == 1


def test_reconcile_cluster_result_does_not_depend_on_input_order():
    reports = [view(f"r{i}", f"d{i}", date(2024, 1, 20 + i % 3), lat=33.8 + i * 0.01) for i in range(9)]
    ids = {tuple(sorted(r.id for r in c.reports)) for c in cluster(reports)}
    assert ids == {tuple(sorted(r.id for r in c.reports)) for c in cluster(reversed(reports))}
    assert {c.event_id() for c in cluster(reports)} == {c.event_id() for c in cluster(list(reversed(reports)))}


def test_reconcile_cluster_the_day_of_slack_counts_once():
    """Bases are hit again every few days: two attacks two days apart are two events."""
    assert len(cluster([view("r1", "a", date(2024, 1, 20)), view("r2", "b", date(2024, 1, 22))])) == 2
    week = view("r3", "c", date(2024, 1, 15), precision="week", high=date(2024, 1, 21))
    assert len(cluster([week, view("r4", "d", date(2024, 1, 22))])) == 1  # the Monday after the week
    assert len(cluster([week, view("r5", "e", date(2024, 1, 23))])) == 2


def test_reconcile_cluster_reports_either_side_of_a_week_boundary_are_one_event():
    sunday, monday = date(2024, 1, 21), date(2024, 1, 22)
    assert sunday.weekday() == 6
    assert len(cluster([view("r1", "a", sunday), view("r2", "b", monday)])) == 1


def test_reconcile_cluster_a_year_or_undated_report_stands_alone():
    day = view("r1", "a", date(2024, 2, 5))
    year = view("r2", "b", date(2024, 1, 1), precision="year", high=date(2024, 12, 31))
    undated = ReportView("r3", "c", "Air/drone strike", ("drone",), None, None, None, None, *[None] * 7)
    assert len(cluster([day, year, undated])) == 3


def test_reconcile_cluster_analyst_pins_hold_reports_weeks_apart():
    a, b = view("r1", "a", date(2024, 1, 5)), view("r2", "b", date(2024, 3, 5))
    near = view("r3", "c", date(2024, 1, 5))
    pins = {"r1": "evt_x", "r2": "evt_x"}
    clusters = cluster([a, b, near], pins)
    pinned = next(c for c in clusters if c.pinned_id == "evt_x")
    assert {r.id for r in pinned.reports} >= {"r1", "r2"}
    assert sum(len(c.reports) for c in clusters) == 3


def test_reconcile_cluster_keeps_a_report_a_review_kept_out_of_a_pinned_event():
    pinned, fits = view("r1", "a", date(2024, 1, 5)), view("r2", "b", date(2024, 1, 5))
    month = view("r3", "c", date(2024, 1, 1), precision="month", high=date(2024, 1, 31))
    pins = {"r1": "evt_x"}
    assert {tuple(sorted(r.id for r in c.reports)) for c in cluster([pinned, fits, month], pins)} == {
        ("r1", "r2", "r3")
    }
    kept_out = {"evt_x": frozenset({"r2", "r3"})}  # a review left r2 and the month report out of evt_x
    clusters = cluster([pinned, fits, month], pins, kept_out)
    assert {tuple(sorted(r.id for r in c.reports)) for c in clusters} == {("r1",), ("r2", "r3")}
    assert {tuple(sorted(r.id for r in c.reports)) for c in cluster([pinned, fits], pins, {"evt_y": {"r2"}})} == {
        ("r1", "r2")
    }  # an exclusion binds only the event it names


def _random_reports(seed: int, n: int = 160) -> list[ReportView]:
    import random

    rng = random.Random(seed)
    sites = [(33.8, 42.44), (33.31, 44.36), (36.19, 44.01), (33.32, 38.69), (34.45, 40.92)]
    out = []
    for i in range(n):
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(90))
        lat, lon = rng.choice(sites)
        kind = rng.random()
        if kind < 0.1:
            out.append(
                view(
                    f"r{i:03}",
                    f"d{rng.randrange(n // 2)}",
                    day.replace(day=1),
                    precision="month",
                    high=(day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1),
                    lat=lat,
                    lon=lon,
                )
            )
        elif kind < 0.2:
            monday = day - timedelta(days=day.weekday())
            out.append(
                view(
                    f"r{i:03}",
                    f"d{rng.randrange(n // 2)}",
                    monday,
                    precision="week",
                    high=monday + timedelta(days=6),
                    lat=lat,
                    lon=lon,
                )
            )
        else:
            out.append(
                view(
                    f"r{i:03}",
                    f"d{rng.randrange(n // 2)}",
                    day,
                    lat=lat,
                    lon=lon,
                    geo=rng.choice(["site", "site", "town", "province"]),
                )
            )
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reconcile_sweep_state_at_any_week_can_be_rebuilt_from_the_final_events(seed):
    """What lets an incremental reconcile start and stop anywhere: the open events before a
    week follow from the finished clusters alone."""
    reports = _random_reports(seed)
    pins = {reports[0].id: "evt_a", reports[50].id: "evt_a", reports[7].id: "evt_b"}
    sweep = Sweep(pins, [r for r in reports if r.id in pins])
    weeks: dict[date, list[ReportView]] = {}
    for r in reports:
        weeks.setdefault(sweep.arrival(r), []).append(r)
    states, finals = {}, []
    for week in sorted(weeks):
        finals += sweep.close(week)
        states[week] = sweep.state()
        sweep.step(week, weeks[week])
    finals += sweep.finish()
    assert sorted(r.id for c in finals for r in c.reports) == sorted(r.id for r in reports)
    assert len(states) > 10 and any(states.values())
    for week, state in states.items():
        probe = Sweep(pins, [r for r in reports if r.id in pins])
        probe.resume(week, [c.reports for c in finals])
        assert probe.state() == state, week


@pytest.mark.parametrize("seed", [4, 5])
def test_reconcile_sweep_result_does_not_depend_on_input_order(seed):
    reports = _random_reports(seed)
    key = lambda clusters: sorted(sorted(r.id for r in c.reports) for c in clusters)  # noqa: E731
    assert key(cluster(reports)) == key(cluster(reversed(reports)))
    assert max(len(c.reports) for c in cluster(reports)) > 1


# -- consensus -------------------------------------------------------------------------------------


def test_reconcile_consensus_numbers_keep_low_best_high_and_flag_the_conflict():
    first = view("r1", "a", date(2024, 1, 28), injuries=34, fatalities=3, published=date(2024, 1, 29))
    update = view("r2", "b", date(2024, 1, 28), injuries=47, fatalities=3, published=date(2024, 1, 31))
    c = compute([first, update])
    assert (c.row["injuries_low"], c.row["injuries"], c.row["injuries_high"]) == (34, 47, 47)
    assert c.row["fatalities"] == 3
    assert c.conflicts == ["injuries"]


def test_reconcile_consensus_claimed_versus_unclaimed_is_a_conflict_but_silence_is_not():
    claimed = view("r1", "a", date(2023, 10, 17), claimed_by=(IRI,))
    unclaimed = view("r2", "b", date(2023, 10, 17), unclaimed=True)
    silent = view("r3", "c", date(2023, 10, 17))
    assert compute([claimed, unclaimed]).conflicts == ["claimed_by"]
    assert compute([claimed, silent]).conflicts == []
    assert compute([claimed, unclaimed]).row["claimed_by"] == [IRI]


def test_reconcile_consensus_analyst_value_wins_and_machine_values_stay():
    a = view("r1", "a", date(2024, 1, 28), injuries=34)
    b = view("r2", "b", date(2024, 1, 28), injuries=47)
    c = compute([a, b], analyst={"injuries": 40})
    assert c.row["injuries"] == 40
    values = {(v.value, v.origin, v.is_consensus) for v in c.values if v.field == "injuries"}
    assert values == {(34, "machine", False), (47, "machine", False), (40, "analyst", True)}


# -- on stored documents ------------------------------------------------------------------------------


@pytest.fixture
def store(db_url, sources, shared_extractor):
    db = claimgraph.open(db_url)
    db.ingest([sources.root])
    yield db
    db.close()


def _event_at(db, place: str, day: str):
    frame = db.events(place=place, since=day, until=day)
    assert len(frame) == 1, frame[["event_date", "location", "sub_event_type"]]
    return db.event(frame.claimgraph_event_id.iloc[0])


def test_reconcile_tower22_and_tanf_are_one_event_with_a_place_conflict(store):
    detail = _event_at(store, "Tower 22", "2024-01-28")
    e = detail["event"]
    assert e["n_sources"] == 2 and e["fatalities"] == 3
    assert {"place", "injuries"} <= set(e["conflicts"])
    places = {v["value"]["name"]: [s["outlet"] for s in v["sources"]] for v in detail["conflicts"]["place"]}
    assert places == {"Tower 22": ["Wire A"], "Al-Tanf Garrison": ["Wire B"]}
    assert (e["injuries_low"], e["injuries"], e["injuries_high"]) == (34, 47, 47)
    sentences = [ev["sentence"] for r in detail["reports"] for ev in r["evidence"]]
    assert any("Tower 22" in s for s in sentences) and any("al-Tanf" in s for s in sentences)


def test_reconcile_claimed_and_unclaimed_reports_of_harir(store):
    e = _event_at(store, "Harir", "2023-10-17")["event"]
    assert e["claimed_by"] == [IRI] and "claimed_by" in e["conflicts"] and e["n_sources"] == 2


def test_reconcile_same_day_attacks_on_two_bases_stay_apart(store):
    frame = store.events(since="2024-01-20", until="2024-01-20")
    assert sorted(frame.location) == ["Ain al-Asad Air Base", "Harir Air Base"]


def test_reconcile_claim_history_keeps_brand_apart_from_blamed_faction(store):
    detail = _event_at(store, "Conoco", "2024-02-05")
    history = [(c["claimant"], c["status"]) for c in detail["claim_history"]]
    assert history == [("Tashkil al-Waritheen", "superseded"), (IRI, "issued")]
    assert detail["claim_history"][1]["supersedes"] == detail["claim_history"][0]["id"]
    e = detail["event"]
    assert IRI in e["claimed_by"] and e["attributed_to"] == ["Kataib Hezbollah"]
    assert [(a["attributed_to"], a["hedge"]) for a in detail["attributions"]] == [("Kataib Hezbollah", "likely")]


def test_reconcile_actor_graph_combines_kb_and_extracted_memberships(store):
    relations = store.actor("Tashkil al-Waritheen")["relations"]
    edge = next(r for r in relations if r["object_name"] == IRI and r["evidence_count"])
    assert edge["evidence_count"] == 1 and edge["first_seen"] == date(2024, 2, 6)
    assert all("Tashkil al-Waritheen" in ev["text"] and IRI in ev["text"] for ev in edge["evidence"])
    assert edge["evidence"] and edge["evidence"][0]["ext_id"] == "wire-b-conoco"
    kh = store.actor("KH")
    assert any(r["in_kb"] and r["object_name"] == IRI for r in kh["relations"])
    assert any(ev["roles"] == ["attributed", "involved"] for ev in kh["events"])


def test_reconcile_incremental_ingest_in_any_order_equals_a_full_rebuild(db_url, tmp_path, shared_extractor):
    files = DocFiles(tmp_path / "one-by-one")
    names = list(SOURCES)[::-1]
    with claimgraph.open(db_url) as db:
        for name in names:  # newest-first, one document per run: incremental every time
            write_sources(files, [name])
            db.ingest([files.root / f"{name}.json"])
    incremental = table_digests(db_url)
    with claimgraph.open(db_url) as db:
        result = db.reconcile(full=True)
    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert table_digests(db_url) == incremental
