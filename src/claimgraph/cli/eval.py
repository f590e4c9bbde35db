"""``claimgraph eval``: score a JSON Lines extraction against gold annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from claimgraph.cli.options import DbOption
from claimgraph.store.engine import DEFAULT_DB


def eval_command(
    gold_dir: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD_DIR",
            help="Directory of gold annotations, one <doc_id>.json per document.",
            exists=True,
            file_okay=False,
            show_default=False,
        ),
    ],
    predictions: Annotated[
        Path,
        typer.Argument(
            metavar="PRED.jsonl",
            help="Output of `claimgraph extract` (one JSON line per document).",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as one JSON object.")] = False,
    show_misses: Annotated[bool, typer.Option("--show-misses", help="List missed and spurious events.")] = False,
) -> None:
    """Score predicted events and memberships against gold annotations.

    Reports precision, recall and F1 for events (strict: same type; lenient: any type) and
    memberships, and field accuracy on matched events, with the matching rules of the
    dev-set scorer.

    Example: claimgraph eval devset/gold build/devset.jsonl --show-misses
    """
    from claimgraph.eval.scorer import format_report, score

    result = score(gold_dir, predictions, show_misses=show_misses)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
    else:
        typer.echo(format_report(result))


def eval_clusters_command(
    gold_dir: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD_DIR", help="Directory of gold annotations.", exists=True, file_okay=False, show_default=False
        ),
    ],
    db: DbOption = DEFAULT_DB,
    show_misses: Annotated[bool, typer.Option("--show-misses", help="List wrong and missed merges.")] = False,
) -> None:
    """Score how `ingest` grouped reports of the same real event across documents.

    Real events are derived from gold (events of different documents that agree on date,
    place and kind); each stored report is matched to a gold event of its document; then
    every pair of reports from different documents is a correct, wrong or missed merge.

    Example: claimgraph eval-clusters devset/gold --db dev.db  (after: claimgraph ingest devset/docs --db dev.db)
    """
    from claimgraph.eval.clusters import score_clusters
    from claimgraph.store.engine import connect

    engine = connect(db)
    with engine.connect() as conn:
        s = score_clusters(conn, gold_dir)
    engine.dispose()
    typer.echo(
        f"documents {s.documents}: gold events {s.gold_events} (distinct real events {s.real_events}); "
        f"stored reports {s.reports} -> canonical events {s.canonical_events}\n"
        f"report pairs across documents (matched reports {s.matched_reports}): correct merges {s.correct}, "
        f"wrong merges {s.wrong}, missed merges {s.missed}; merge precision {s.precision:.3f}, recall {s.recall:.3f}"
    )
    if show_misses:
        for a, b in s.wrong_pairs:
            typer.echo(f"  wrong merge: {a} | {b}")
        for a, b in s.missed_pairs:
            typer.echo(f"  missed merge: {a} | {b}")
