#!/usr/bin/env python3
"""Extraction output before and after a change, byte for byte, on every set there is.

    python bench/same_output.py --save build/same-output/before   # on the old code
    python bench/same_output.py --against build/same-output/before # on the new code

Runs ``claimgraph extract`` (in this process, one extractor) over every document folder it finds:
the synthetic dev set and seeds (``../shared/devset``), the held-out sets in ``tests/`` and
``eval/``, the demo corpus, and the real sets whose texts have been retrieved (``build/realdev/docs``,
``build/eval/*/docs``). With ``--save`` it writes one JSON Lines file per set; with ``--against`` it
compares each set's lines with the saved ones and prints, per set, how many documents differ and
the first differing field of each. Exit status 1 when anything differs.

``--ignore FIELD`` (repeatable) leaves a top-level field out of the comparison, for a change that adds
a field and must leave every other byte alone (``--ignore developments``: the rest of each line, key
order included, must be identical).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def document_sets() -> dict[str, Path]:
    found = {
        "devset": ROOT.parent / "shared" / "devset" / "docs",
        "demo": ROOT / "demo" / "corpus",
        "realdev": ROOT / "build" / "realdev" / "docs",
    }
    for folder in sorted(
        [*ROOT.glob("tests/heldout*/docs"), *ROOT.glob("eval/*/docs"), *ROOT.glob("build/eval/*/docs")]
    ):
        found[folder.parent.name] = folder
    return {name: path for name, path in found.items() if path.is_dir()}


def extract_set(extractor, folder: Path) -> list[str]:
    from claimgraph.models import Document
    from claimgraph.sources.files import iter_documents

    docs = [d for d in iter_documents([folder]) if isinstance(d, Document)]
    return [extractor.extract(d).to_json() for d in sorted(docs, key=lambda d: d.id)]


def first_difference(a, b, path="") -> str:
    if type(a) is not type(b):
        return f"{path or '/'}: {a!r} -> {b!r}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return first_difference(a.get(key), b.get(key), f"{path}/{key}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items -> {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, f"{path}/{i}")
    return f"{path or '/'}: {str(a)[:80]!r} -> {str(b)[:80]!r}"


def without(line: str, fields: list[str]) -> str:
    """The line with the top-level ``fields`` left out, the rest as written (key order kept)."""
    if not fields:
        return line
    record = json.loads(line)
    return json.dumps({k: v for k, v in record.items() if k not in fields}, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, help="folder to write one <set>.jsonl per set")
    mode.add_argument("--against", type=Path, help="folder written earlier with --save")
    parser.add_argument("--ignore", action="append", default=[], metavar="FIELD", help="top-level field not compared")
    args = parser.parse_args(argv)

    from claimgraph.extract import Extractor

    extractor = Extractor.build()
    differing = 0
    for name, folder in document_sets().items():
        lines = extract_set(extractor, folder)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"{name}: {len(lines)} documents saved")
            continue
        saved_file = args.against / f"{name}.jsonl"
        if not saved_file.is_file():
            print(f"{name}: no saved output to compare with (run --save on the old code)")
            continue
        saved = {
            json.loads(x)["doc_id"]: without(x, args.ignore) for x in saved_file.read_text("utf-8").splitlines() if x
        }
        now = {json.loads(x)["doc_id"]: without(x, args.ignore) for x in lines}
        diff = sorted(k for k in saved.keys() | now.keys() if saved.get(k) != now.get(k))
        differing += len(diff)
        print(f"{name}: {len(now)} documents, {len(diff)} differ")
        for k in diff:
            before, after = json.loads(saved.get(k, "{}")), json.loads(now.get(k, "{}"))
            print(f"  {k}: {first_difference(before, after)}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
