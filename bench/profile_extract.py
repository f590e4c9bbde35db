#!/usr/bin/env python3
"""Where extraction spends its time: cProfile over bench documents, summed per function.

    python bench/profile_extract.py [--docs 200] [--top 25] [--corpus build/bench/corpus.jsonl]

Writes the bench corpus first when it is missing (``bench/corpus.py``, seed 2023), builds one
extractor (not profiled), warms it on ten documents (not profiled), then profiles ``extract`` on
``--docs`` documents and prints the total, the tokenizer's own share (spaCy ``make_doc`` on the same
texts, timed separately) and the functions with the most cumulative and own time. The summary in
docs/evaluation.md ("Where the time goes") comes from this script.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--corpus", type=Path, default=ROOT / "build" / "bench" / "corpus.jsonl")
    args = parser.parse_args(argv)

    from corpus import write_corpus
    from run import load_documents

    from claimgraph.extract import Extractor

    if not args.corpus.is_file():
        write_corpus(args.corpus, max(args.docs + 10, 200))
    docs = load_documents(args.corpus)[: args.docs + 10]
    warm, docs = docs[:10], docs[10:]
    extractor = Extractor.build()
    for d in warm:
        extractor.extract(d)
    nlp = extractor.annotator._pipeline("en")[0]
    t0 = time.process_time()
    for d in docs:
        nlp.make_doc(d.text)
    tokenizer = time.process_time() - t0

    profile = cProfile.Profile()
    t0 = time.process_time()
    profile.enable()
    for d in docs:
        extractor.extract(d)
    profile.disable()
    total = time.process_time() - t0
    print(
        f"{len(docs)} documents: extract {total:.2f} s CPU under the profiler "
        f"(tokenizer alone, unprofiled: {tokenizer:.2f} s)"
    )
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
