"""``claimgraph watch SOURCES.toml``: follow feeds and pages, ingest what is new, alert saved searches."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from claimgraph.cli.options import DbOption
from claimgraph.cli.output import print_error, stderr_console
from claimgraph.pipeline.ingest import DEFAULT_BATCH
from claimgraph.store.engine import DEFAULT_DB, connect
from claimgraph.watch.config import load_config
from claimgraph.watch.fetch import Fetcher
from claimgraph.watch.rounds import RoundSummary, next_due, run_round

MAX_SLEEP = 60.0  # the loop looks at the clock at least once a minute


def watch_command(
    sources: Annotated[
        Path,
        typer.Argument(
            metavar="SOURCES.toml",
            help="The sources file: [[source]] tables with name and url (docs/watch.md).",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ],
    db: DbOption = DEFAULT_DB,
    once: Annotated[bool, typer.Option("--once", help="One round, then exit (for cron and CI).")] = False,
    all_sources: Annotated[
        bool, typer.Option("--all", help="Fetch every source now, ignoring intervals and back-off.")
    ] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Extraction worker processes.")] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents written per transaction.")
    ] = DEFAULT_BATCH,
    kb_files: Annotated[
        list[Path] | None,
        typer.Option("--kb-file", help="Your own knowledge-base TOML; repeatable.", exists=True, dir_okay=False),
    ] = None,
) -> None:
    """Follow the sources of SOURCES.toml: fetch each feed or page when it is due (politely:
    robots.txt, one request at a time per host, conditional requests), ingest the new documents
    (a text already stored is never extracted again), reconcile, then check the saved searches
    and send their alerts. Each fetch is recorded in the database (see the Sources page); a
    failing source keeps its error and is retried later with a growing back-off, never stopping
    the others. Runs until stopped (Ctrl-C or SIGTERM: safe at any moment; the next run carries
    on); --once runs one round. Prints a line per round. Exit code with --once: 0, or 2 if a
    source failed (its error is printed and kept on the Sources page).

    Example: claimgraph watch sources.toml --db claimgraph.db --once
    """
    config = load_config(sources)
    err = stderr_console()
    engine = connect(db)
    failed_any = False
    try:
        with Fetcher(config.politeness) as fetcher:
            while True:
                summary = _round(engine, config, fetcher, all_sources, workers, batch_size, kb_files, err)
                failed_any = failed_any or bool(summary.failed)
                if once:
                    break
                all_sources = False
                _sleep_until_due(engine, config)
    except KeyboardInterrupt:
        err.print("watch: stopped", markup=False)
    finally:
        engine.dispose()
    if once and failed_any:
        raise typer.Exit(2)


def _round(engine, config, fetcher, force, workers, batch_size, kb_files, err) -> RoundSummary:
    progress = Progress(
        SpinnerColumn(),
        TextColumn(
            "watch: {task.completed}/{task.total} sources, {task.fields[failed]} failed, last {task.fields[last]}"
        ),
        TimeElapsedColumn(),
        console=err,
        disable=not err.is_terminal,
        transient=True,
    )
    with progress:
        task = progress.add_task("watch", total=None, failed=0, last="-")

        def update(name: str, s: RoundSummary) -> None:
            progress.update(task, total=s.due, completed=s.ok + s.not_modified + s.failed, failed=s.failed, last=name)

        summary = run_round(
            engine,
            config,
            fetcher=fetcher,
            force=force,
            workers=workers,
            kb_files=tuple(kb_files or ()),
            batch_size=batch_size,
            progress=update,
        )
    for name, reason in summary.failures:
        print_error(err, f"{name}: {reason}", label="source failed")
    err.print(summary.line(), markup=False, highlight=False, soft_wrap=True)
    return summary


def _sleep_until_due(engine, config) -> None:
    due = next_due(engine, config)
    if due is None:
        return
    wait = (due - datetime.now(UTC)).total_seconds()
    time.sleep(min(max(wait, 1.0), MAX_SLEEP))
