"""`claimgraph demo`: finds the corpus in the checkout and ends with a one-line summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.cli.app import app
from claimgraph.cli.demo import find_demo_corpus
from claimgraph.errors import UsageError

REPO = Path(__file__).resolve().parents[1]


def test_cli_demo_finds_the_corpus_of_the_checkout():
    assert find_demo_corpus() == REPO / "demo" / "corpus"


def test_cli_demo_without_a_corpus_says_how_to_give_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="--corpus DIR"):
        find_demo_corpus(start=tmp_path / "site-packages" / "claimgraph" / "cli" / "demo.py")


def test_cli_demo_ingests_and_prints_events_and_summary(cli_runner, shared_extractor, tmp_docs, reports, tmp_path):
    for record in reports.values():
        tmp_docs.json(f"{record['id']}.json", record)
    db = str(tmp_path / "demo.db")
    result = cli_runner.invoke(app, ["demo", "--corpus", str(tmp_docs.root), "--db", db, "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "claimed by" in result.stdout and "Sources" in result.stdout
    summary = result.stdout.strip().splitlines()[-2]
    assert summary.startswith("3 documents, 3 event reports -> 3 events")
    for part in ("claim", "membership", "docs/s", db):
        assert part in summary
    again = cli_runner.invoke(app, ["demo", "--corpus", str(tmp_docs.root), "--db", db, "--no-serve"])
    assert "nothing new" in again.stdout.strip().splitlines()[-2]


def test_cli_demo_corpus_from_environment(cli_runner, shared_extractor, tmp_docs, report):
    tmp_docs.json("one.json", report)
    result = cli_runner.invoke(
        app,
        ["demo", "--db", str(tmp_docs.root.parent / "d.db"), "--no-serve"],
        env={"CLAIMGRAPH_DEMO_CORPUS": str(tmp_docs.root)},
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-2].startswith("1 document, ")
