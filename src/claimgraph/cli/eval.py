"""``claimgraph eval``: score a JSON Lines extraction against gold annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


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
