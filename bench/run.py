"""Benchmark ``claimgraph extract`` throughput on a varied synthetic corpus.

Steps:

1. write ``build/bench/corpus.jsonl`` (``bench/corpus.py``: N reports of ~3 KB,
   many distinct words, deterministic for a seed);
2. **in-process, one core**: ``Extractor.build()`` once (timed separately), then
   ``extract(doc)`` for every document: docs/s and words/s;
3. **CLI**: ``claimgraph extract corpus.jsonl -o /dev/null --workers W`` for
   W = 1 and 2, timed end to end (interpreter start, imports and one extractor
   build per worker included), plus a one-document run whose time estimates that
   fixed start-up cost;
4. print a table and write ``build/bench/extract.json``.

"words" are whitespace-separated tokens of the document text.

Usage::

    python bench/run.py            # 2,000 documents
    python bench/run.py --quick    # 200 documents
    python bench/run.py --docs 500 --no-cli
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from corpus import CorpusStats, write_corpus

ROOT = Path(__file__).resolve().parents[1]
QUICK_DOCS = 200


@dataclass(frozen=True, slots=True)
class Timing:
    """One measured run."""

    label: str
    docs: int
    words: int
    bytes: int
    seconds: float
    cpu_seconds: float | None = None
    note: str = ""

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def kb_per_doc(self) -> float:
        return self.bytes / 1024 / self.docs if self.docs else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "docs_per_s": round(self.docs_per_s, 2),
            "words_per_s": round(self.words_per_s),
            "kb_per_doc": round(self.kb_per_doc, 2),
        }


class BenchError(Exception):
    """The benchmark cannot run; the message says why and what to do."""


# --------------------------------------------------------------------------- measurements


def load_documents(corpus_path: Path) -> list[Any]:
    """The corpus as ``claimgraph.models.Document`` objects (read before any timing)."""
    from claimgraph.models import Document

    docs = []
    with corpus_path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            docs.append(
                Document(
                    id=rec["id"],
                    text=rec["text"],
                    published=date.fromisoformat(rec["published"]),
                    lang=rec["lang"],
                    title=rec["title"],
                    source=f"{corpus_path.name}:{len(docs) + 1}",
                )
            )
    return docs


def measure_in_process(docs: list[Any], stats: CorpusStats) -> tuple[float, Timing, dict[str, Any]]:
    """Build the extractor once, then extract every document in this process."""
    try:
        from claimgraph.extract import Extractor
    except ImportError as exc:
        raise BenchError(
            f"cannot import claimgraph.extract.Extractor ({exc}); install the package "
            "(`make venv`) or run with PYTHONPATH=src"
        ) from exc

    t0 = time.perf_counter()
    extractor = Extractor.build()
    build_seconds = time.perf_counter() - t0

    # spaCy's tokenizer alone on the same texts (the extractor's own), the floor the issue measures against
    nlp = extractor.annotator._pipeline("en")[0]
    tok0 = time.process_time()
    for doc in docs:
        nlp.make_doc(doc.text)
    tokenizer_cpu = time.process_time() - tok0

    events = 0
    last = None
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for doc in docs:
        last = extractor.extract(doc)
        events += len(last.events)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    versions = {"extractor_version": last.extractor_version, "kb_version": last.kb_version} if last else {}
    timing = Timing(
        "in-process, 1 core",
        stats.docs,
        stats.words,
        stats.bytes,
        wall,
        cpu,
        note=f"{events} events; build {build_seconds:.2f}s not included",
    )
    extra = {
        **versions,
        "events": events,
        "tokenizer_cpu_seconds": round(tokenizer_cpu, 3),
        "tokenizer_docs_per_s": round(len(docs) / tokenizer_cpu, 1) if tokenizer_cpu else None,
        "ratio_to_tokenizer": round(tokenizer_cpu / cpu, 3) if cpu else None,
    }
    return build_seconds, timing, extra


def claimgraph_command() -> list[str]:
    """How to run the CLI: the console script next to this interpreter, else via Python."""
    script = Path(sys.executable).with_name("claimgraph")
    if script.is_file():
        return [str(script)]
    found = shutil.which("claimgraph")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from claimgraph.cli.app import main; sys.exit(main())"]


def run_cli(corpus_path: Path, workers: int) -> float:
    """Wall time of one ``claimgraph extract`` run over ``corpus_path``."""
    command = [
        *claimgraph_command(),
        "extract",
        str(corpus_path),
        "-o",
        os.devnull,
        "--workers",
        str(workers),
    ]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
    }
    t0 = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-8:])
        raise BenchError(f"`{' '.join(command)}` exited with {proc.returncode}:\n{tail}")
    return seconds


def measure_cli(corpus_path: Path, stats: CorpusStats, worker_counts: list[int]) -> tuple[float, list[Timing]]:
    """Start-up cost (one document), then one timed run per worker count."""
    one_doc = corpus_path.with_name("one-doc.jsonl")
    with corpus_path.open(encoding="utf-8") as fh:
        one_doc.write_text(fh.readline(), encoding="utf-8")
    startup = run_cli(one_doc, 1)
    timings = []
    for workers in worker_counts:
        seconds = run_cli(corpus_path, workers)
        steady = stats.docs / (seconds - startup) if seconds > startup else float("nan")
        timings.append(
            Timing(
                f"CLI --workers {workers}",
                stats.docs,
                stats.words,
                stats.bytes,
                seconds,
                note=f"wall time incl. start-up; ~{steady:.1f} docs/s after start-up",
            )
        )
    return startup, timings


# --------------------------------------------------------------------------- report


def format_table(rows: list[Timing], baseline: Timing | None) -> str:
    columns = (("docs", 6), ("seconds", 8), ("docs/s", 8), ("words/s", 9), ("KB/doc", 7), ("ratio", 6))
    header = f"{'run':22s} " + " ".join(f"{name:>{width}s}" for name, width in columns)
    lines = [header, "-" * len(header)]
    for row in rows:
        ratio = row.docs_per_s / baseline.docs_per_s if baseline and baseline.docs_per_s else float("nan")
        lines.append(
            f"{row.label:22s} {row.docs:6d} {row.seconds:8.2f} {row.docs_per_s:8.1f} "
            f"{row.words_per_s:9.0f} {row.kb_per_doc:7.2f} {ratio:5.2f}x"
        )
    return "\n".join(lines)


def environment() -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    try:
        import spacy

        info["spacy"] = spacy.__version__
    except ImportError:
        info["spacy"] = None
    try:
        from importlib.metadata import version

        info["claimgraph"] = version("claimgraph")
    except Exception:  # not installed, only on PYTHONPATH
        info["claimgraph"] = None
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_DOCS} documents")
    parser.add_argument("--seed", type=int, default=2023, help="corpus seed (default 2023)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="CLI worker counts (default 1 2)")
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI runs")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args(argv)
    n_docs = QUICK_DOCS if args.quick else args.docs

    sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing
    corpus_path = args.out_dir / "corpus.jsonl"
    stats = write_corpus(corpus_path, n_docs, args.seed)
    print(
        f"corpus: {corpus_path} — {stats.docs} docs, {stats.avg_bytes:.0f} bytes/doc, "
        f"{stats.words} words ({stats.distinct_words} distinct), seed {args.seed}"
    )

    result: dict[str, Any] = {
        "corpus": {
            "path": str(corpus_path),
            "seed": args.seed,
            **asdict(stats),
            "avg_bytes": stats.avg_bytes,
        },
        "environment": environment(),
    }
    try:
        docs = load_documents(corpus_path)
        build_seconds, in_process, extra = measure_in_process(docs, stats)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    print(f"Extractor.build(): {build_seconds:.2f}s (not included below)")
    print(
        f"in-process CPU: extract {stats.docs / in_process.cpu_seconds:.1f} docs/s, spaCy tokenizer alone "
        f"{extra['tokenizer_docs_per_s']} docs/s on the same documents: ratio {extra['ratio_to_tokenizer']:.2f}x"
    )
    result["build_seconds"] = round(build_seconds, 3)
    result["in_process"] = {**in_process.to_dict(), **extra}
    rows = [in_process]

    status = 0
    cli_rows: list[Timing] = []
    if not args.no_cli:
        try:
            startup, cli_rows = measure_cli(corpus_path, stats, args.workers)
        except BenchError as exc:
            print(f"bench: CLI runs failed: {exc}", file=sys.stderr)
            result["cli_error"] = str(exc)
            status = 1
        else:
            rows += cli_rows
            result["cli_startup_seconds"] = round(startup, 3)
            result["cli"] = {f"workers_{w}": t.to_dict() for w, t in zip(args.workers, cli_rows, strict=True)}

    print()
    print(format_table(rows, baseline=in_process))
    print("ratio: docs/s relative to the in-process single-core run")
    if cli_rows:
        by_workers = dict(zip(args.workers, cli_rows, strict=True))
        print(f"CLI start-up (1 document, --workers 1): {startup:.2f}s")
        if 1 in by_workers and 2 in by_workers:
            speedup = by_workers[2].docs_per_s / by_workers[1].docs_per_s
            result["cli"]["ratio_workers_2_vs_1"] = round(speedup, 3)
            print(f"CLI --workers 2 vs --workers 1: {speedup:.2f}x")

    out = args.out_dir / "extract.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"results: {out}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
