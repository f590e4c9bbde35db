"""``claimgraph demo``: extract the bundled demo corpus and show the events."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from claimgraph.cli import extract as extract_cmd
from claimgraph.cli.output import events_table, plural, print_error, stderr_console, stdout_console
from claimgraph.errors import SourceError, UsageError
from claimgraph.extract.runner import Failure, extract_one
from claimgraph.models import DocumentExtraction
from claimgraph.sources.files import iter_documents

CORPUS_ENV = "CLAIMGRAPH_DEMO_CORPUS"


def find_demo_corpus(start: Path | None = None) -> Path:
    """``demo/corpus`` in the checkout this package runs from (an editable install).

    Looks in the directories above ``start`` (default: this file), then in the current
    directory. A non-editable install has no corpus: pass --corpus or set the variable.
    """
    here = (start or Path(__file__)).resolve()
    for candidate in [*(p / "demo" / "corpus" for p in here.parents), Path.cwd() / "demo" / "corpus"]:
        if candidate.is_dir():
            return candidate
    raise UsageError(
        f"demo corpus not found (looked for demo/corpus above {here.parent} and in the current directory); "
        f"run from a claimgraph checkout, or pass --corpus DIR or set {CORPUS_ENV}"
    )


def demo(
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus",
            envvar=CORPUS_ENV,
            file_okay=False,
            exists=True,
            help="Directory of demo documents (default: demo/corpus in the checkout).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Extract the bundled demo corpus and print its events as a table.

    Ends with one summary line: documents, events, claims, memberships and speed. Nothing
    is written to disk and no network is used.

    Example: claimgraph demo
    """
    out, err = stdout_console(), stderr_console()
    corpus = corpus or find_demo_corpus()

    documents = []
    exit_code = 0
    for item in iter_documents([corpus]):  # the demo corpus is small: read it first
        if isinstance(item, SourceError):
            print_error(err, item)
            exit_code = max(exit_code, item.exit_code)
        else:
            documents.append(item)
    if not documents:
        raise UsageError(f"{corpus} holds no documents (.txt, .json or .jsonl files)")

    started = time.perf_counter()
    extractor = extract_cmd.build_extractor()
    built = time.perf_counter()
    extractions: list[DocumentExtraction] = []
    for doc in documents:
        outcome = extract_one(extractor, doc)
        if isinstance(outcome, Failure):
            print_error(err, outcome.message)
            exit_code = max(exit_code, outcome.exit_code)
        else:
            extractions.append(outcome)
    elapsed = time.perf_counter() - built

    out.print(events_table(extractions, title=f"claimgraph demo: {corpus.name}/"))
    n_docs = len(extractions)
    rate = f"{n_docs / elapsed:.1f} docs/s" if elapsed > 0 else "n/a docs/s"
    counts = (
        plural(n_docs, "document"),
        plural(sum(len(x.events) for x in extractions), "event"),
        plural(sum(len(x.claims) for x in extractions), "claim"),
        plural(sum(len(x.memberships) for x in extractions), "membership"),
    )
    summary = f"{', '.join(counts)}; {rate} (extractor built in {built - started:.1f} s)"
    out.print(summary, markup=False, soft_wrap=True)
    if exit_code:
        raise typer.Exit(exit_code)
