"""Benchmark the web API on 100,000 events in SQLite: p50 / p95 latency of the event list and the map.

Steps:

1. build ``build/bench/web.db`` (kept between runs): 100,000 synthetic canonical events with
   their documents, reports and links, written directly through the schema (extraction is
   benchmarked elsewhere; here the database is the subject). Dates span 2023-10 to 2025-12,
   places and actors come from the knowledge base, with realistic skew (a few bases and the
   IRI dominate), claims, attributions and some conflicts;
2. start ``claimgraph serve`` on a free local port;
3. for each scenario, send N requests with varied filters (seeded) over HTTP and record the
   latency; print p50 / p95 / max and requests/s, and write ``build/bench/web.json``.

Target: p95 < 100 ms for a filtered page of 100 events.

Usage::

    python bench/web.py                 # 100,000 events, 200 requests per scenario
    python bench/web.py --events 20000 --requests 50
    git worktree add /tmp/cg-main main && python bench/web.py --against /tmp/cg-main/src   # before/after
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from run import ROOT, claimgraph_command, environment

SUB_TYPES = [
    ("Air/drone strike", ["drone"]),
    ("Shelling/artillery/missile attack", ["rocket"]),
    ("Shelling/artillery/missile attack", ["missile"]),
    ("Air/drone strike", ["aircraft"]),
    ("Remote explosive/landmine/IED", ["ied"]),
    ("Attack", []),
]


def build(db: Path, n_events: int, seed: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import sqlalchemy as sa

    from claimgraph.kb import load_kb
    from claimgraph.models import EVENT_TYPE_OF, stable_id
    from claimgraph.store import schema
    from claimgraph.store.engine import connect
    from claimgraph.store.writer import sync_kb

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    rng = random.Random(seed)
    kb = load_kb()
    places = [p for p in kb.places.values() if p.country in ("IQ", "SY", "JO", "IL")]
    weights = [8 if p.kind in ("airbase", "military_base", "outpost") else 1 for p in places]
    groups = [a.name for a in kb.actors.values() if a.kind in ("armed_group", "umbrella_brand")]
    iri = "Islamic Resistance in Iraq"
    engine = connect(db)
    with engine.begin() as conn:
        sync_kb(conn, kb)
    start = date(2023, 10, 1)
    batch: dict[str, list[dict[str, Any]]] = {"documents": [], "event_reports": [], "events": [], "event_links": []}

    def flush() -> None:
        with engine.begin() as conn:
            for table in ("documents", "event_reports", "events", "event_links"):
                if batch[table]:
                    conn.execute(schema.metadata.tables[table].insert(), batch[table])
                    batch[table].clear()

    for i in range(n_events):
        day = start + timedelta(days=int(rng.triangular(0, 820, 120)))
        place = rng.choices(places, weights)[0]
        sub, weapons = rng.choice(SUB_TYPES)
        claimed = [iri] if rng.random() < 0.6 else ([rng.choice(groups)] if rng.random() < 0.3 else [])
        attributed = [rng.choice(groups)] if rng.random() < 0.25 else []
        n_sources = 1 + int(rng.expovariate(0.8))
        conflicts = rng.sample(["place", "injuries", "claimed_by", "date"], k=rng.choice([0, 0, 0, 1, 2]))
        event_id = stable_id("evt", "bench", seed, i)
        injuries = rng.choice([None, None, 0, 1, 2, 5, 34])
        row = {
            "id": event_id,
            "event_type": EVENT_TYPE_OF[sub],
            "sub_event_type": sub,
            "date": day,
            "date_precision": "day",
            "date_low": day,
            "date_high": day,
            "place_name": place.name,
            "place_id": place.id,
            "latitude": place.lat,
            "longitude": place.lon,
            "country": place.country,
            "admin1": place.admin1,
            "geo_precision": place.precision,
            "weapons": weapons,
            "actors": claimed + attributed,
            "claimed_by": claimed,
            "attributed_to": attributed,
            "target": "US forces",
            "fatalities": rng.choice([None, None, 0, 1, 3]),
            "fatalities_low": None,
            "fatalities_high": None,
            "injuries": injuries,
            "injuries_low": injuries,
            "injuries_high": injuries,
            "n_reports": n_sources,
            "n_sources": n_sources,
            "conflicts": conflicts,
            "review_status": "unreviewed",
            "first_reported": day + timedelta(days=1),
            "last_reported": day + timedelta(days=n_sources),
        }
        batch["events"].append(row)
        for k in range(n_sources):
            doc_id = stable_id("doc", "bench", seed, i, k)
            text = f"Report {i}.{k}: {sub} at {place.name} on {day.isoformat()}."
            batch["documents"].append(
                {
                    "id": doc_id,
                    "ext_id": f"bench-{i}-{k}",
                    "title": text[:60],
                    "text": text,
                    "raw": None,
                    "content_hash": doc_id,
                    "outlet": rng.choice(["Wire A", "Wire B", "Wire C", "Channel D"]),
                    "url": None,
                    "published": day + timedelta(days=k + 1),
                    "lang": "en",
                    "extractor_version": "bench",
                    "kb_version": kb.version,
                    "n_events": 1,
                    "notes": [],
                }
            )
            report_id = stable_id("rep", doc_id, 0)
            batch["event_reports"].append(
                {
                    "id": report_id,
                    "doc_id": doc_id,
                    "ordinal": 0,
                    "event_type": row["event_type"],
                    "sub_event_type": sub,
                    "weapons": weapons,
                    "date": day,
                    "date_precision": "day",
                    "date_basis": "absolute",
                    "date_low": day,
                    "date_high": day,
                    "place_name": place.name,
                    "place_id": place.id,
                    "latitude": place.lat,
                    "longitude": place.lon,
                    "country": place.country,
                    "admin1": place.admin1,
                    "geo_precision": place.precision,
                    "launch_site": None,
                    "actors": row["actors"],
                    "claimed_by": claimed,
                    "attributed_to": attributed,
                    "unclaimed": False,
                    "target": "US forces",
                    "fatalities": row["fatalities"],
                    "injuries": injuries,
                    "casualty_qualifiers": [],
                    "confirmed": True,
                    "extractor_version": "bench",
                }
            )
            batch["event_links"].append({"report_id": report_id, "event_id": event_id, "origin": "machine"})
        if len(batch["events"]) >= 2000:
            flush()
    flush()
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
        n = conn.execute(sa.select(sa.func.count()).select_from(schema.events)).scalar()
    engine.dispose()
    print(f"built {db}: {n} events")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scenarios(rng: random.Random, event_ids: list[str]) -> dict[str, Any]:
    countries = ["IQ", "SY", "JO"]
    actors = ["Islamic Resistance in Iraq", "Kataib Hezbollah", "KH", "Harakat Hezbollah al-Nujaba"]

    def window() -> dict[str, str]:
        a = date(2023, 10, 1) + timedelta(days=rng.randint(0, 700))
        return {"since": a.isoformat(), "until": (a + timedelta(days=rng.choice([7, 30, 90]))).isoformat()}

    return {
        "events page (100), country + dates": lambda: (
            "/api/events",
            {"limit": 100, "country": rng.choice(countries), **window()},
        ),
        "events page (100), actor alias": lambda: ("/api/events", {"limit": 100, "actor": rng.choice(actors)}),
        "events page (100), no filter, offset": lambda: ("/api/events", {"limit": 100, "offset": rng.randint(0, 5000)}),
        "event list page (HTML), country + dates": lambda: ("/events", {"country": rng.choice(countries), **window()}),
        "event page (HTML)": lambda: (f"/events/{rng.choice(event_ids)}", {}),
        "event (API)": lambda: (f"/api/events/{rng.choice(event_ids)}", {}),
        "map GeoJSON, 7-90-day window": lambda: ("/api/events.geojson", window()),
        "map GeoJSON, country + type": lambda: (
            "/api/events.geojson",
            {"country": rng.choice(countries), "type": "drone", **window()},
        ),
        "map GeoJSON, everything (100k features)": lambda: ("/api/events.geojson", {}),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out-dir", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument(
        "--against",
        metavar="SRC",
        help="also serve the database from another source tree (its src/ folder, e.g. a checkout of main) and "
        "send every request to both, alternating which goes first, so that both see the same machine load; "
        "prints both and the ratio of the p95s (this / against)",
    )
    args = parser.parse_args(argv)
    db = args.out_dir / f"web-{args.events}.db"
    args.out_dir.mkdir(parents=True, exist_ok=True)
    if not db.exists():
        t = time.perf_counter()
        build(db, args.events, args.seed)
        print(f"database built in {time.perf_counter() - t:.1f} s")
    servers = {"this": start(db, None)}
    if args.against:
        servers["against"] = start(db, args.against)
    try:
        for _, base in servers.values():
            wait_up(base)
        rng = random.Random(args.seed)
        with sqlite3.connect(db) as conn:
            event_ids = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY id LIMIT 2000")]
        results: dict[str, Any] = {name: {} for name in servers}
        head = f"{'scenario':<44} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'KB/resp':>8}"
        if args.against:
            head += f" {'against p50':>12} {'against p95':>12} {'p95 ratio':>10}"
        print("\n" + head)
        for name, make in scenarios(rng, event_ids).items():
            n = args.requests if "everything" not in name else max(5, args.requests // 20)
            times: dict[str, list[float]] = {k: [] for k in servers}
            sizes: list[int] = []
            for i in range(n):
                path, params = make()
                order = list(servers) if i % 2 == 0 else list(reversed(servers))  # alternate: same load for both
                for key in order:
                    url = f"{servers[key][1]}{path}?{urlencode(params)}"
                    t = time.perf_counter()
                    with urllib.request.urlopen(url, timeout=60) as response:
                        body = response.read()
                    times[key].append((time.perf_counter() - t) * 1000)
                    if key == "this":
                        sizes.append(len(body))
            line = f"{name:<44} {n:>4}"
            for key in servers:
                ts = sorted(times[key])
                p50, p95 = statistics.median(ts), ts[min(len(ts) - 1, round(0.95 * (len(ts) - 1)))]
                results[key][name] = {
                    "n": n,
                    "p50_ms": round(p50, 1),
                    "p95_ms": round(p95, 1),
                    "max_ms": round(ts[-1], 1),
                    "avg_kb": round(statistics.mean(sizes) / 1024, 1),
                }
                line += (
                    f" {p50:8.1f} {p95:8.1f} {ts[-1]:8.1f} {statistics.mean(sizes) / 1024:8.1f}"
                    if key == "this"
                    else f" {p50:12.1f} {p95:12.1f} {results['this'][name]['p95_ms'] / max(p95, 0.1):10.2f}"
                )
            print(line)
    finally:
        for server, _ in servers.values():
            server.terminate()
            server.wait(timeout=10)
    out = args.out_dir / "web.json"
    out.write_text(
        json.dumps(
            {
                "events": args.events,
                "results": results["this"],
                "against": {"source": args.against, "results": results.get("against")} if args.against else None,
                "environment": environment(),
            },
            indent=2,
        )
    )
    target = results["this"]["events page (100), country + dates"]["p95_ms"]
    print(
        f"target p95 < 100 ms for a filtered page of 100 events: {'met' if target < 100 else 'NOT met'} ({target} ms)"
    )
    print(f"results: {out}")
    return 0


def start(db: Path, source: str | None) -> tuple[subprocess.Popen[str], str]:
    """``claimgraph serve`` on a free port, from this tree or (``source``) another one's ``src``."""
    import os

    env = dict(os.environ)
    if source:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))
    port = free_port()
    server = subprocess.Popen(
        [*claimgraph_command(), "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    return server, f"http://127.0.0.1:{port}"


def wait_up(base: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/api/events?limit=1", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)


if __name__ == "__main__":
    raise SystemExit(main())
