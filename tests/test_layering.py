"""The folder tree is the pipeline, and imports only run down it (issue 14, item 11).

``store/`` is the floor every stage writes to: it imports only the knowledge base and the text
folding the KB needs, the typed records, the errors and the ACLED column layout. The stages above
it (sources, extraction, engines, reconcile, exports) never import the operations that coordinate
them (``pipeline/``: ingest, review), and nothing below the web app and the CLI imports them.
Every import counts, at module level or inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "claimgraph"

#: Lowest first: a part may import its own layer and those below it, never one above.
LAYERS = [
    {"errors", "models", "acled", "lang", "nlp", "kb"},  # records, the ACLED layout, the KB and its text folding
    {"store"},  # the floor the stages write to
    {"sources", "resolve", "extract", "engines", "reconcile", "export", "eval"},  # the stages
    {"pipeline", "watch"},  # ingest (sources -> engines -> store -> reconcile), review (store -> reconcile), watch
    {"web", "cli", "__init__", "__main__"},  # the interfaces
]
#: Imports up the tree that are allowed, and why.
EXCEPTIONS = {
    # released data migrations (0004 recomputes events with the sweep, 0007 repairs analyst values
    # and reconciles): a released migration is never edited (DEVELOPERS.md)
    ("store.migrations", "reconcile"),
}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(part: str) -> int:
    for i, layer in enumerate(LAYERS):
        if part in layer:
            return i
    raise AssertionError(f"claimgraph/{part} is in no layer of tests/test_layering.py: add it where it belongs")


def _is_part(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def imports() -> list[tuple[str, str, int]]:
    """(module, imported claimgraph module, line) for every import in the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
                if node.module == "claimgraph":  # `from claimgraph import errors`: the submodules named
                    names = [f"claimgraph.{a.name}" for a in node.names if _is_part(a.name)]
            else:
                continue
            found += [(module, name, node.lineno) for name in names if name.startswith("claimgraph.")]
    return found


def test_layering_every_part_of_the_package_has_a_layer():
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir() if p.suffix == ".py" or p.is_dir()}
    parts.discard("__pycache__")
    for part in parts:
        _layer(part)


def test_layering_no_import_runs_back_up():
    upward = []
    for module, name, line in imports():
        here, there = _part(module), _part(name)
        if _layer(there) > _layer(here):
            key = (module.removeprefix("claimgraph."), there)
            if key not in EXCEPTIONS:
                upward.append(f"{module} (line {line}) imports {name}")
    assert not upward, "imports that run back up the pipeline:\n" + "\n".join(upward)


def test_layering_store_imports_no_stage():
    stages = LAYERS[2] | LAYERS[3] | LAYERS[4]
    found = {
        (m, n)
        for m, n, _ in imports()
        if _part(m) == "store" and _part(n) in stages and (m.removeprefix("claimgraph."), _part(n)) not in EXCEPTIONS
    }
    assert not found


@pytest.mark.parametrize("part", ["pipeline", "acled"])
def test_layering_the_tree_shows_the_pipeline(part):
    assert (PACKAGE / part).is_dir() or (PACKAGE / f"{part}.py").is_file()
    assert not (PACKAGE / "store" / "ingest.py").exists() and not (PACKAGE / "store" / "review.py").exists()
    assert not (PACKAGE / "export" / "acled.py").exists()


def test_layering_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The check itself works: a store module importing reconcile is reported."""
    fake = tmp_path / "claimgraph"
    (fake / "store").mkdir(parents=True)
    (fake / "reconcile").mkdir()
    (fake / "store" / "bad.py").write_text("def f():\n    from claimgraph.reconcile import reconcile\n")
    monkeypatch.setattr(f"{__name__}.SRC", tmp_path)
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    with pytest.raises(AssertionError, match=r"claimgraph\.store\.bad \(line 2\) imports claimgraph\.reconcile"):
        test_layering_no_import_runs_back_up()
