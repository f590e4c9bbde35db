"""``claimgraph ingest``: documents in, the database updated (idempotently), events reconciled."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from claimgraph.cli.extract import (
    MAX_BYTES_HELP,
    PATHS_HELP,
    CsvColumnsOption,
    InputFormat,
    InputFormatOption,
    csv_columns_option,
)
from claimgraph.cli.options import DbOption, Engine, EngineOption, PartitionOption, SchedulerOption
from claimgraph.cli.output import plural, print_error, stderr_console
from claimgraph.engines.partitions import DEFAULT_PARTITION_BYTES
from claimgraph.pipeline.ingest import DEFAULT_BATCH, IngestSummary, ingest
from claimgraph.sources.files import DEFAULT_MAX_BYTES
from claimgraph.store.engine import DEFAULT_DB, connect


def ingest_command(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help=PATHS_HELP, show_default=False),
    ],
    db: DbOption = DEFAULT_DB,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Extraction worker processes (and reconcile's, locally).")
    ] = 1,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language (e.g. en, ar) of documents that do not state one.")
    ] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help=MAX_BYTES_HELP)] = DEFAULT_MAX_BYTES,
    input_format: InputFormatOption = InputFormat.auto,
    csv_columns: CsvColumnsOption = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents written per transaction.")
    ] = DEFAULT_BATCH,
    kb_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--kb-file",
            help="Your own knowledge-base TOML added to the packaged one; repeatable.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    engine_name: EngineOption = Engine.local,
    scheduler: SchedulerOption = None,
    partition_size: PartitionOption = DEFAULT_PARTITION_BYTES,
    no_reconcile: Annotated[
        bool, typer.Option("--no-reconcile", help="Bulk load: skip reconciling; run `claimgraph reconcile` at the end.")
    ] = False,
) -> None:
    """Add documents to the database: extract, store every assertion, reconcile events.

    Idempotent: a text already stored is counted as a duplicate and not extracted again, so
    running the same command twice reports "0 new". Safe to interrupt: run it again and it
    carries on where it stopped. Inputs that cannot be read, extracted or stored are listed
    (and kept in the database's failed_inputs table with the reason); every other document
    is still stored. Text no database takes (lone surrogates, NUL) is replaced by U+FFFD and
    normalised to NFC, with a note on the document. Exit code: 0 if every input was ingested,
    else the failure's code (2 bad input, 3 KB, 4 extraction or storage). Reads every format
    `claimgraph extract` reads (see --input-format).

    Example: claimgraph ingest reports/ --db claimgraph.db --workers 2
    """
    columns = csv_columns_option(csv_columns)
    err = stderr_console()
    engine = connect(db)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("ingest: {task.fields[new]} new, {task.fields[dup]} duplicate, {task.fields[failed]} failed"),
        TimeElapsedColumn(),
        console=err,
        disable=not err.is_terminal,
        transient=True,
    )

    try:
        with progress:
            task = progress.add_task("ingest", total=None, new=0, dup=0, failed=0)

            def update(s: IngestSummary) -> None:
                progress.update(task, new=s.new, dup=s.duplicate, failed=s.failed)

            summary = ingest(
                engine,
                paths,
                workers=workers,
                kb_files=tuple(kb_files or ()),
                lang=lang,
                max_bytes=max_bytes,
                input_format=input_format.value,
                csv_columns=columns,
                engine_name=engine_name.value,
                scheduler=scheduler,
                partition_bytes=partition_size,
                reconcile_after=not no_reconcile,
                batch_size=batch_size,
                progress=update,
            )
    finally:
        engine.dispose()
    for failure in summary.failures:
        print_error(err, failure.message)
    repaired = f"{summary.repaired} with text repaired (see their notes); " if summary.repaired else ""
    line = (
        f"{plural(summary.new, 'new document')}, {summary.duplicate} duplicate, {summary.failed} failed; {repaired}"
        f"{plural(summary.reports, 'event report')}; events: {summary.events_created} created, "
        f"{summary.events_updated} updated; {summary.seconds:.1f} s"
    )
    if summary.docs_per_second:
        line += f" ({summary.docs_per_second:.1f} docs/s)"
    err.print(line, markup=False, highlight=False, soft_wrap=True)
    if summary.failed:
        err.print(
            f"{plural(summary.failed, 'input')} failed (listed above, and in the database's failed_inputs table); "
            "every other document was stored. Fix them and run the same command again: stored documents are skipped.",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    if summary.exit_code:
        raise typer.Exit(summary.exit_code)
