"""Scale-out benchmark: ingest throughput and memory for local 1 / local 2 processes / Dask 2 workers.

For each corpus size (default 10,000 and 50,000 varied ~3 KB reports, seed 2025), each
configuration ingests the corpus into a new SQLite file as a bulk load (``--no-reconcile``), and
the driver's and the largest worker's peak RSS are sampled from ``/proc``; then ``claimgraph
reconcile`` runs once on the result, ``reconcile --full`` once per ``--reconcile-workers`` count
(ratio to the first), then a day's batch (``--more`` documents published the day after the store's
last, every attack of the last three days: ``corpus.daily_batch``) is loaded and reconciled
incrementally (its reconcile's ratio to ``reconcile --full`` is printed), and ``--more`` documents
spread over all 600 days are ingested with the default reconcile (time and RSS reported separately:
reconcile is a different phase, see docs/scale.md). docs/s are wall time, start-up included, and
ratios are to the first configuration run (local 1 process by default).

Usage::

    python bench/scale.py                     # 10,000 and 50,000 documents (~25 minutes on 2 cores)
    python bench/scale.py --sizes 2000        # a quick look
    python bench/scale.py --configs 1         # local 2 processes only (reconcile figures in ~10 minutes)
    python bench/scale.py --sizes 10000 --configs 1 --reconcile-workers 1 2   # reconcile in 1 and 2 processes
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus import SPAN_DAYS, daily_batch, write_corpus
from ingest import run_sampled
from run import ROOT, BenchError, claimgraph_command, environment

CONFIGS = (
    ("local, 1 process", ["--workers", "1"]),
    ("local, 2 processes", ["--workers", "2"]),
    ("dask LocalCluster, 2 workers", ["--engine", "dask", "--workers", "2"]),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out-dir", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument(
        "--configs",
        type=int,
        nargs="+",
        default=list(range(len(CONFIGS))),
        help="which ingest configurations to run (0: local 1, 1: local 2, 2: Dask 2); ratios are to the first",
    )
    parser.add_argument("--more", type=int, default=500, help="documents ingested after the load (incremental)")
    parser.add_argument(
        "--reconcile-workers",
        type=int,
        nargs="+",
        default=[1, 2],
        help="`reconcile --full --workers N` once for each N (ratios to the first)",
    )
    args = parser.parse_args(argv)
    results: dict = {"environment": environment(), "sizes": {}}
    cli = claimgraph_command()
    try:
        for size in args.sizes:
            corpus = args.out_dir / f"scale-{size}.jsonl"
            stats = write_corpus(corpus, size, args.seed)
            print(
                f"\ncorpus: {stats.docs} docs, {stats.avg_bytes:.0f} bytes/doc, {stats.words} words "
                f"({stats.distinct_words} distinct)"
            )
            rows = {}
            base = None
            print(
                f"{'configuration':<32} {'seconds':>8} {'docs/s':>8} {'ratio':>6} {'driver MB':>10} {'worker MB':>10}"
            )
            for label, extra in (CONFIGS[i] for i in args.configs):
                db = args.out_dir / f"scale-{size}.db"
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)
                run = run_sampled([*cli, "ingest", str(corpus), "--db", str(db), "--no-reconcile", *extra], label)
                rate = size / run.seconds
                base = base or rate
                rows[label] = {
                    "seconds": round(run.seconds, 1),
                    "docs_per_s": round(rate, 1),
                    "ratio": round(rate / base, 2),
                    "driver_rss_mb": run.driver_rss_mb,
                    "worker_rss_mb": run.worker_rss_mb,
                }
                print(
                    f"{label:<32} {run.seconds:8.1f} {rate:8.1f} {rate / base:6.2f} {run.driver_rss_mb:10.0f} "
                    f"{run.worker_rss_mb:10.0f}"
                )
            more = args.out_dir / f"scale-{size}-more.jsonl"
            write_corpus(more, args.more, args.seed + 1)
            daily = args.out_dir / f"scale-{size}-daily.jsonl"  # a day's news: attacks of the last three days
            daily_batch(daily, args.more, args.seed + 2)
            phases = [("reconcile, once after the load", [*cli, "reconcile", "--db", str(db)])]
            phases += [
                (
                    f"reconcile --full, {n} worker{'s' if n > 1 else ''}",
                    [*cli, "reconcile", "--full", "--workers", str(n), "--db", str(db)],
                )
                for n in args.reconcile_workers
            ]
            phases += [
                (
                    f"ingest {args.more} of a day, --no-reconcile",
                    [*cli, "ingest", str(daily), "--db", str(db), "--workers", "2", "--no-reconcile"],
                ),
                (f"reconcile the day's {args.more}", [*cli, "reconcile", "--db", str(db)]),
                (
                    f"ingest {args.more} over all 600 days",
                    [*cli, "ingest", str(more), "--db", str(db), "--workers", "2"],
                ),
            ]
            full = None
            for label, command in phases:
                rec = run_sampled(command, label)
                rows[label] = {
                    "seconds": round(rec.seconds, 1),
                    "driver_rss_mb": rec.driver_rss_mb,
                    "worker_rss_mb": rec.worker_rss_mb,
                    "summary": rec.reported,
                }
                ratio = ""
                if label.startswith("reconcile --full"):
                    full = full or rec.seconds
                    ratio = f"{full / rec.seconds:6.2f}"  # speed-up over the first --full
                    rows[label]["speedup"] = round(full / rec.seconds, 2)
                elif label.startswith("reconcile the day's") and full:
                    ratio = f"{rec.seconds / full:6.2f}"  # cost as a share of one-process --full
                    rows[label]["share_of_full"] = round(rec.seconds / full, 3)
                print(
                    f"{label:<32} {rec.seconds:8.1f} {'':>8} {ratio:>6} {rec.driver_rss_mb:10.0f} "
                    f"{rec.worker_rss_mb:10.0f}  {rec.reported}"
                )
            results["sizes"][size] = {
                "corpus": stats.__dict__ if hasattr(stats, "__dict__") else str(stats),
                "runs": rows,
            }
        if len(args.sizes) > 1:
            results["equal density"] = _equal_density(cli, args)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    out = args.out_dir / "scale.json"
    out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"results: {out}")
    return 0


def _equal_density(cli: list[str], args: argparse.Namespace) -> dict:
    """Reconcile the smallest corpus squeezed to the largest one's reports per day: its memory should
    match the largest corpus's (memory follows density, not length)."""
    small, large = min(args.sizes), max(args.sizes)
    span = SPAN_DAYS * small // large
    corpus = args.out_dir / f"scale-{small}-over-{span}-days.jsonl"
    write_corpus(corpus, small, args.seed, span_days=span)
    db = args.out_dir / f"scale-{small}-over-{span}-days.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    run_sampled([*cli, "ingest", str(corpus), "--db", str(db), "--no-reconcile", "--workers", "2"], "load")
    rec = run_sampled([*cli, "reconcile", "--db", str(db)], "reconcile")
    label = f"reconcile, {small} docs over {span} days"
    print(f"\nequal density ({large} docs over {SPAN_DAYS} days = {small} over {span}):")
    print(f"{label:<32} {rec.seconds:8.1f} {'':>8} {'':>6} {rec.driver_rss_mb:10.0f}")
    return {"docs": small, "span_days": span, "seconds": round(rec.seconds, 1), "driver_rss_mb": rec.driver_rss_mb}


if __name__ == "__main__":
    raise SystemExit(main())
