"""A full reconcile in several processes writes exactly the tables one process writes."""

from __future__ import annotations

import pytest

import claimgraph
from claimgraph.reconcile import parallel, reconcile
from conftest import table_digests
from test_reconcile_sweep import _corpus, _insert


def _reconcile(url: str, **kw):
    with claimgraph.open(url) as db, db.engine.begin() as conn:
        return reconcile(conn, **kw)


def _segments(url: str, workers: int) -> list[parallel.Segment] | None:
    from claimgraph.reconcile import _pins, load_reports
    from claimgraph.reconcile.cluster import Sweep

    with claimgraph.open(url) as db, db.engine.connect() as conn:
        pins = _pins(conn)
        pinned = load_reports(conn, sorted(pins))
        sweep = Sweep(pins, pinned)
        return parallel.plan(parallel.swept_weeks(conn, sweep, pinned), sweep, workers)


@pytest.mark.parametrize("workers", [2, 3])
def test_reconcile_parallel_workers_write_the_tables_of_one_process(db_url, workers):
    _insert(db_url, _corpus(61, 1500, days=600))
    assert len(_segments(db_url, workers)) == workers  # the sweep is really shared
    first = _reconcile(db_url, workers=workers)  # every report new: a full sweep
    parallel_tables = table_digests(db_url)
    again = _reconcile(db_url, full=True, workers=1)
    assert (again.created, again.updated, again.removed) == (0, 0, 0)
    assert table_digests(db_url) == parallel_tables
    assert (first.reports, first.weeks) == (again.reports, again.weeks)
    assert first.created == parallel_tables["events"][0]


def test_reconcile_parallel_keeps_the_analysts_decisions_as_one_process_does(db_url):
    rows = _corpus(71, 1200, days=600)
    _insert(db_url, rows)
    _reconcile(db_url)
    with claimgraph.open(db_url) as db:
        events = db.events()
        multi = events[events.reports_count > 1].claimgraph_event_id.tolist()
        db.merge(multi[0], [multi[-1]], "ana")  # a pinned event open across the whole store
        db.split(multi[5], [db.event(multi[5])["reports"][0]["id"]], "ana")
        db.reject(multi[9], "ana")
        db.edit(multi[12], "fatalities", 7, "ana")
    one = table_digests(db_url)
    result = _reconcile(db_url, full=True, workers=2)
    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert table_digests(db_url) == one


def test_reconcile_parallel_sweeps_that_never_meet_fall_back_to_one_sweep(db_url, monkeypatch):
    """A worker that publishes a single week cannot be met: its predecessor sweeps on to the end
    and its rows are dropped; slower, same tables."""
    _insert(db_url, _corpus(81, 900, days=400))
    _reconcile(db_url)
    one = table_digests(db_url)
    monkeypatch.setattr(parallel, "PUBLISHED", 1)
    result = _reconcile(db_url, full=True, workers=3)
    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert table_digests(db_url) == one


def test_reconcile_parallel_small_or_in_memory_stores_run_in_one_process(tmp_path):
    url = str(tmp_path / "small.db")
    _insert(url, _corpus(91, 40, days=20))
    assert _segments(url, 2) is None  # three weeks cannot be shared by two workers
    result = _reconcile(url, workers=2)
    assert result.reports == 40


def test_reconcile_parallel_counts_what_changed_as_one_process_does(tmp_path):
    """A full rebuild after new reports: the same created / updated / removed counts."""
    rows = _corpus(101, 1400, days=500)
    urls = [str(tmp_path / f"{name}.db") for name in ("one", "two")]
    for url in urls:
        _insert(url, rows[:1000])
        _reconcile(url)
        _insert(url, rows[1000:])
    one = _reconcile(urls[0], full=True, workers=1)
    two = _reconcile(urls[1], full=True, workers=2)
    assert one.updated > 0 and one.removed > 0  # the new reports moved events
    assert (two.created, two.updated, two.removed, two.reports) == (one.created, one.updated, one.removed, one.reports)
    assert table_digests(urls[1]) == table_digests(urls[0])
