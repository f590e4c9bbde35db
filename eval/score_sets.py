#!/usr/bin/env python3
"""Score extraction on every real set whose texts are present, overall and per language.

    python3 eval/score_sets.py [--claimgraph .venv/bin/claimgraph] [--scorer ../shared/devset/score.py]

Sets: ``../shared/realdev`` (texts in ``build/realdev/docs``) and every ``eval/<set>/`` with a
``manifest.jsonl`` (texts in ``build/eval/<set>/docs``, made by ``eval/make_docs.py``). A set whose
texts are missing is named, with the command that retrieves them. Then the sets whose texts were written
for this project and are committed (``eval/<set>/docs``: heldout2, arw1, arw2). For each set it runs
``claimgraph extract`` once and the reference scorer on the whole set and on each language's
documents (gold files copied into ``build/eval-scores/<set>/<lang>/``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def real_sets() -> list[tuple[str, Path, Path, Path]]:
    """(name, manifest, gold folder, docs folder) of each real set."""
    out = []
    realdev = ROOT.parent / "shared" / "realdev"
    if realdev.is_dir():
        out.append(("realdev", realdev / "manifest.jsonl", realdev / "gold", ROOT / "build" / "realdev" / "docs"))
    for manifest in sorted(ROOT.glob("eval/*/manifest.jsonl")):
        name = manifest.parent.name
        out.append((name, manifest, manifest.parent / "gold", ROOT / "build" / "eval" / name / "docs"))
    return out


def written_sets() -> list[tuple[str, Path, Path]]:
    """(name, gold folder, docs folder) of each set whose texts were written for this project and are
    committed with it (``eval/<set>/docs``: heldout2, arw1, arw2)."""
    return [(d.parent.name, d.parent / "gold", d) for d in sorted(ROOT.glob("eval/*/docs")) if d.is_dir()]


def _languages(docs: Path) -> dict[str, list[str]]:
    langs: dict[str, list[str]] = {}
    for path in sorted(docs.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        langs.setdefault(doc.get("lang", "en"), []).append(doc["id"])
    return langs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claimgraph", default=str(ROOT / ".venv" / "bin" / "claimgraph"))
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "devset" / "score.py"))
    parser.add_argument("--sets", nargs="*", help="only these sets (e.g. realdev realtune while tuning)")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "build" / "eval-scores", help="where predictions and per-language gold go"
    )
    args = parser.parse_args(argv)
    for name, manifest, gold, docs in real_sets():
        if args.sets and name not in args.sets:
            continue
        if not docs.is_dir() or not any(docs.glob("*.json")):
            hint = (
                "see ../shared/realdev/README.md"
                if name == "realdev"
                else f"retrieve them (eval/BRIEF.md), then python3 eval/make_docs.py eval/{name}"
            )
            print(f"== {name}: texts missing ({docs}); {hint}")
            continue
        langs: dict[str, list[str]] = {}
        for line in manifest.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                langs.setdefault(entry.get("lang", "en"), []).append(entry["id"])
        _score(args, name, gold, docs, langs)
    print("== sets written for this project (eval/<set>/docs; see each README: some are held out) ==")
    for name, gold, docs in written_sets():
        if not args.sets or name in args.sets:
            _score(args, name, gold, docs, _languages(docs))
    return 0


def _score(args: argparse.Namespace, name: str, gold: Path, docs: Path, langs: dict[str, list[str]]) -> None:
    """Extract ``docs`` once, score the whole set and each language's documents."""
    work = args.out
    pred = work / f"{name}.jsonl"
    pred.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([args.claimgraph, "extract", str(docs), "-o", str(pred)], check=True, capture_output=True)
    print(f"== {name} ({sum(map(len, langs.values()))} documents)")
    subprocess.run([sys.executable, args.scorer, str(gold), str(pred)], check=True)
    for lang, ids in sorted(langs.items()):
        sub = work / name / lang
        shutil.rmtree(sub, ignore_errors=True)
        sub.mkdir(parents=True)
        for doc_id in ids:
            if (gold / f"{doc_id}.json").is_file():
                shutil.copy(gold / f"{doc_id}.json", sub)
        print(f"-- {name} [{lang}] ({len(ids)} documents)")
        subprocess.run([sys.executable, args.scorer, str(sub), str(pred)], check=True)


if __name__ == "__main__":
    sys.exit(main())
