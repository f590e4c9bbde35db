#!/usr/bin/env python3
"""Extraction time against text length: is a long document linear?

    python bench/long_docs.py [--sizes 25000 50000 100000 200000]

Two texts per size: one paragraph repeated (many events of one kind; the case that was quadratic)
and real-length bench reports joined (``build/bench/corpus.jsonl`` when present, else the paragraph).
Prints CPU seconds per size and the ratio to the smallest size: linear time gives a ratio equal to
the size ratio (8x for 200,000 against 25,000).
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from claimgraph.extract import Extractor
from claimgraph.models import Document

PARAGRAPH = (
    "Rockets struck the Ain al-Asad air base on Tuesday, Iraqi officials said, and the Islamic Resistance in "
    "Iraq claimed the attack on Telegram. No casualties were reported.\n\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000, 200_000])
    args = parser.parse_args()
    corpus = Path(__file__).resolve().parent.parent / "build" / "bench" / "corpus.jsonl"
    reports = [json.loads(x)["text"] for x in corpus.read_text().splitlines()[:200]] if corpus.is_file() else []
    extractor = Extractor.build()
    extractor.extract(Document("warm", "\n\n".join(reports[:20]) or PARAGRAPH * 50, published=date(2024, 1, 5)))
    texts = {
        "repeated": lambda n: (PARAGRAPH * (n // len(PARAGRAPH) + 1))[:n],
        "reports": lambda n: ("\n\n".join(reports * (n // 3000 + 1)) if reports else PARAGRAPH * (n // 100))[:n],
    }
    print(f"{'text':10} {'chars':>8} {'cpu s':>7} {'ratio':>6} {'size ratio':>10}")
    for name, make in texts.items():
        base = None
        for n in args.sizes:
            doc = Document(f"{name}-{n}", make(n), published=date(2024, 1, 5))
            t0 = time.process_time()
            extractor.extract(doc)
            took = time.process_time() - t0
            base = base or took
            print(f"{name:10} {n:>8,} {took:>7.2f} {took / base:>5.1f}x {n / args.sizes[0]:>9.0f}x")


if __name__ == "__main__":
    main()
