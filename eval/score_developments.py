#!/usr/bin/env python3
"""Score strategic developments on the real sets: precision and recall, overall and per language.

    PYTHONPATH=src python3 eval/score_developments.py [--sets realtune fronts] [--tolerance 3] [--misses]

For each ``eval/<set>/`` whose texts are in ``build/eval/<set>/docs`` (``eval/make_docs.py``), extracts
the documents in this process and matches their ``developments`` with the gold files' (same actor,
same kind, dates within ``--tolerance`` days, a week or a month: ``claimgraph.eval.developments``).
``--misses`` lists what was missed and what was found that gold does not hold: use it on tuning sets
only (``realtune``), never on ``realheld`` or ``fronts``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", default=["realtune", "realheld", "fronts"])
    parser.add_argument("--tolerance", type=int, default=3, help="days two day-precision dates may differ")
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms (tuning sets only)")
    args = parser.parse_args(argv)

    from claimgraph.eval.developments import score_developments
    from claimgraph.extract import Extractor
    from claimgraph.models import Document
    from claimgraph.sources.files import iter_documents

    extractor = None
    for name in args.sets:
        manifest = ROOT / "eval" / name / "manifest.jsonl"
        docs = ROOT / "build" / "eval" / name / "docs"
        if not manifest.is_file():
            print(f"{name}: no eval/{name}/manifest.jsonl")
            continue
        if not docs.is_dir() or not any(docs.glob("*.json")):
            print(f"{name}: texts not retrieved (eval/BRIEF.md, then python3 eval/make_docs.py eval/{name})")
            continue
        langs = {
            e["id"]: e.get("lang", "?")
            for e in (json.loads(x) for x in manifest.read_text(encoding="utf-8").splitlines() if x.strip())
        }
        extractor = extractor or Extractor.build()
        lines = [extractor.extract(d).to_json() for d in iter_documents([docs]) if isinstance(d, Document)]
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
            f.write("\n".join(lines) + "\n")
        tallies = score_developments(ROOT / "eval" / name / "gold", Path(f.name), langs, args.tolerance)
        Path(f.name).unlink()
        print(f"{name} ({len(lines)} documents; developments: same actor, kind, date within {args.tolerance} days)")
        for key in ["all", *sorted(k for k in tallies if k != "all")]:
            t = tallies[key]
            print(
                f"  {key:4} gold {t.gold:3}  predicted {t.predicted:3}  matched {t.matched:3}  "
                f"P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f}"
            )
        if args.misses:
            for label, items in (("missed", tallies["all"].misses), ("not in gold", tallies["all"].false_alarms)):
                for d in items:
                    print(f"    {label}: {d.doc_id} {d.kind} {d.actor!r} {d.day} ({d.precision})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
