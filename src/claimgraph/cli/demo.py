"""``claimgraph demo``: ingest the bundled demo corpus into a database and show what it holds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimgraph.cli.events import events_command, show_command
from claimgraph.cli.output import plural, print_error, stderr_console, stdout_console
from claimgraph.errors import UsageError
from claimgraph.pipeline.database import Store
from claimgraph.pipeline.ingest import ingest
from claimgraph.store.engine import connect

CORPUS_ENV = "CLAIMGRAPH_DEMO_CORPUS"
DEMO_DB = "claimgraph-demo.db"


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
    db: Annotated[str, typer.Option("--db", help="Database to ingest into (SQLite file or URL).")] = DEMO_DB,
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Then serve the web app on 127.0.0.1.")] = True,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port of the web app.")] = 8000,
) -> None:
    """Ingest the bundled demo corpus into a database, show its events, then serve the web app.

    Prints the canonical events (reports of one attack by several sources merged, with the
    fields they disagree on), the event with the most sources in detail, and a summary line;
    then serves the map, timeline, event and actor pages on http://127.0.0.1:PORT/ until
    Ctrl-C (read-only; add an analyst with `claimgraph users add NAME --db DB` to review).
    Running it again ingests nothing new. No network is used.

    Example: claimgraph demo --db demo.db --port 8000
    """
    out, err = stdout_console(), stderr_console()
    corpus = corpus or find_demo_corpus()
    if not any(p.suffix in (".txt", ".json", ".jsonl") for p in corpus.rglob("*")):
        raise UsageError(f"{corpus} holds no documents (.txt, .json or .jsonl files)")
    engine = connect(db)
    try:
        summary = ingest(engine, [corpus])
    finally:
        engine.dispose()
    for failure in summary.failures:
        print_error(err, failure.message)
    events_command(db=db)
    with Store.open(db) as store:
        frame = store.events(order="sources")
        counts = store.counts()
    if len(frame):
        out.print(f"\nThe event with the most sources ({frame.sources_count.iloc[0]}):", markup=False)
        show_command(frame.claimgraph_event_id.iloc[0], db=db)
    n_conflicts = int((frame.conflicts.fillna("") != "").sum())
    rate = f"{summary.docs_per_second:.1f} docs/s" if summary.docs_per_second else "nothing new"
    parts = (
        plural(counts["documents"], "document"),
        f"{plural(counts['event_reports'], 'event report')} -> {plural(counts['events'], 'event')} "
        f"({n_conflicts} with disagreeing sources)",
        plural(counts["claims"], "claim"),
        plural(counts["memberships"], "membership"),
    )
    out.print(f"{', '.join(parts)}; {rate}; database: {db}", markup=False, soft_wrap=True)
    out.print(
        f"Next: claimgraph events --db {db} --conflicts; claimgraph actors 'Kataib Hezbollah' --db {db}",
        markup=False,
        soft_wrap=True,
    )
    if summary.exit_code:
        raise typer.Exit(summary.exit_code)
    if serve:
        from claimgraph.cli.serve import serve_command

        serve_command(db=db, port=port)
