"""Benchmark ``claimgraph ingest`` into SQLite: throughput, peak memory, duplicate ingest, reconcile.

Steps (corpus from ``bench/corpus.py``: varied ~3 KB reports, deterministic for a seed):

1. **first ingest** of N documents into a new SQLite file with ``--workers W``: wall time
   (start-up included), the docs/s the command reports (extractor start-up excluded), and
   the peak resident memory of the driver process and of the largest worker, sampled
   from ``/proc`` every 0.1 s;
2. **duplicate ingest**: the same command again; every document is a duplicate, so this
   measures hashing and lookups (the database must not change);
3. **full reconcile** (``claimgraph reconcile --full``) of the resulting database;
4. **exports** of all its events in each format (``claimgraph export``), events/s and size;
5. print a table and write ``build/bench/ingest.json``.

Usage::

    python bench/ingest.py                 # 10,000 documents, --workers 2
    python bench/ingest.py --docs 2000 --workers 1
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from corpus import write_corpus
from run import ROOT, BenchError, claimgraph_command, environment


@dataclass(slots=True)
class Run:
    label: str
    seconds: float
    reported: str
    driver_rss_mb: float
    worker_rss_mb: float


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in Path(f"/proc/{pid}/task").iterdir():
            text = (tid / "children").read_text()
            out += [int(c) for c in text.split()]
    except OSError:
        pass
    return out


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_sampled(args: list[str], label: str) -> Run:
    """Run a command, sampling the RSS of it and its descendants; returns its timing."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    driver = worker = 0.0
    while proc.poll() is None:
        driver = max(driver, _rss_mb(proc.pid))
        stack = _children(proc.pid)
        while stack:
            child = stack.pop()
            worker = max(worker, _rss_mb(child))
            stack += _children(child)
        time.sleep(0.1)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise BenchError(f"`{' '.join(args)}` exited with {proc.returncode}: {err.strip()[-600:]}")
    summary = err.strip().splitlines()[-1] if err.strip() else ""
    return Run(label, seconds, summary, round(driver, 1), round(worker, 1))


def table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # fixed table names
            for t in ("documents", "event_reports", "events", "claims", "memberships", "evidence")
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000, help="corpus size (default 10000)")
    parser.add_argument("--seed", type=int, default=2024, help="corpus seed (default 2024)")
    parser.add_argument("--workers", type=int, default=2, help="extraction workers (default 2)")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args(argv)

    corpus = args.out_dir / "ingest-corpus.jsonl"
    stats = write_corpus(corpus, args.docs, args.seed)
    print(
        f"corpus: {corpus} — {stats.docs} docs, {stats.avg_bytes:.0f} bytes/doc, {stats.words} words "
        f"({stats.distinct_words} distinct), seed {args.seed}"
    )
    db = args.out_dir / "ingest.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cmd = [*claimgraph_command(), "ingest", str(corpus), "--db", str(db), "--workers", str(args.workers)]
    try:
        first = run_sampled(cmd, f"ingest --workers {args.workers} (new db)")
        counts = table_counts(db)
        second = run_sampled(cmd, "ingest again (all duplicates)")
        if table_counts(db) != counts:
            raise BenchError("the duplicate ingest changed the database")
        rebuild = run_sampled([*claimgraph_command(), "reconcile", "--db", str(db), "--full"], "reconcile --full")
        exports = [
            run_sampled(
                [
                    *claimgraph_command(),
                    "export",
                    "-f",
                    fmt,
                    "--db",
                    str(db),
                    "-o",
                    str(args.out_dir / f"export.{fmt}"),
                ],
                f"export --format {fmt}",
            )
            for fmt in ("csv", "geojson", "stix", "jsonl", "parquet")
        ]
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2

    reported = re.search(r"\(([\d.]+) docs/s\)", first.reported)
    steady = float(reported.group(1)) if reported else None
    size_mb = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists()) / 2**20
    print()
    print(f"{'run':<36} {'seconds':>8} {'docs/s':>8} {'driver RSS MB':>14} {'worker RSS MB':>14}")
    for r in (first, second, rebuild):
        rate = f"{stats.docs / r.seconds:8.1f}" if "reconcile" not in r.label else f"{'':>8}"
        print(f"{r.label:<36} {r.seconds:8.1f} {rate} {r.driver_rss_mb:14.0f} {r.worker_rss_mb:14.0f}")
    n_events = counts["events"]
    for r in exports:
        size = (args.out_dir / f"export.{r.label.split()[-1]}").stat().st_size / 2**20
        print(
            f"{r.label:<36} {r.seconds:8.1f} {n_events / r.seconds:8.0f} events/s {size:8.1f} MB "
            f"(driver RSS {r.driver_rss_mb:.0f} MB)"
        )
    print(f"docs/s reported by ingest (extractor start-up excluded): {steady}")
    print(f"duplicate ingest: {second.seconds / first.seconds:.3f} of the first run's time")
    print(f"database: {size_mb:.0f} MB; rows: {counts}")
    result = {
        "corpus": {"path": str(corpus), "seed": args.seed, **asdict(stats)},
        "workers": args.workers,
        "first": {**asdict(first), "docs_per_s": round(stats.docs / first.seconds, 2), "reported_docs_per_s": steady},
        "duplicate": {
            **asdict(second),
            "docs_per_s": round(stats.docs / second.seconds, 2),
            "ratio_to_first": round(second.seconds / first.seconds, 4),
        },
        "reconcile_full": asdict(rebuild),
        "exports": {
            r.label.split()[-1]: {**asdict(r), "events_per_s": round(counts["events"] / r.seconds, 1)} for r in exports
        },
        "database_mb": round(size_mb, 1),
        "rows": counts,
        "environment": environment(),
    }
    out = args.out_dir / "ingest.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
