#!/usr/bin/env python3
"""Turn the retrieved texts of one of claimgraph's real sets into document files.

    python3 eval/make_docs.py eval/SET [--cache build/eval/SET/cache] [--out build/eval/SET/docs]

The set folder holds ``manifest.jsonl`` (one line per document: id, query, corpus, url, outlet,
published, lang). The cache holds one ``<id>.json`` per retrieved text, ``{"id", "url", "text",
"retrieved"}``, written by the retrieval step of ``eval/BRIEF.md``; texts are never committed.
The output gets one ``<id>.json`` per document in the dev set's layout. Missing texts are listed
on stderr and skipped; the exit status is 0 when at least one document was written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    name = args.set_dir.resolve().name
    cache = args.cache or Path("build/eval") / name / "cache"
    out = args.out or Path("build/eval") / name / "docs"
    out.mkdir(parents=True, exist_ok=True)
    missing, written = [], 0
    for line in (args.set_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        cached = cache / f"{entry['id']}.json"
        if not cached.is_file():
            missing.append(entry["id"])
            continue
        text = json.loads(cached.read_text(encoding="utf-8"))["text"]
        doc = {
            "id": entry["id"],
            "title": entry.get("outlet"),
            "published": entry.get("published"),
            "url": entry.get("url"),
            "lang": entry.get("lang", "en"),
            "text": text,
        }
        (out / f"{entry['id']}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        written += 1
    print(f"{name}: {written} documents written to {out}")
    if missing:
        print(f"{name}: missing texts (retrieve them first, eval/BRIEF.md): {' '.join(missing)}", file=sys.stderr)
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
