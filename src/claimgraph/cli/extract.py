"""``claimgraph extract``: documents in, one JSON line per document (or a table of events) out.

Documents are read lazily, extracted in input order (in one process, or in a pool of
worker processes that each build the extractor once), and written as they complete.
A document that cannot be read or extracted is reported on stderr in one line and the
rest are still processed; the exit code is then that of the failure (the highest one).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from claimgraph.cli.options import Engine, EngineOption, PartitionOption, SchedulerOption
from claimgraph.cli.output import events_table, plural, print_error, stderr_console, stdout_console
from claimgraph.engines.partitions import DEFAULT_PARTITION_BYTES
from claimgraph.errors import UsageError
from claimgraph.extract.runner import Failure, run
from claimgraph.models import Document, DocumentExtraction
from claimgraph.sources.csvfile import parse_column_spec
from claimgraph.sources.files import DEFAULT_MAX_BYTES, iter_documents


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


class InputFormat(StrEnum):
    """``--input-format``: how files are read (``sources.files.INPUT_FORMATS``)."""

    auto = "auto"
    txt = "txt"
    json = "json"
    jsonl = "jsonl"
    html = "html"
    feed = "feed"
    telegram = "telegram"
    csv = "csv"


# Shared with `claimgraph ingest`.
PATHS_HELP = (
    "Files (.txt, .json, .jsonl, .html/.htm, .rss/.atom/.xml feeds, .csv, Telegram result.json) "
    "or directories (read recursively)."
)
MAX_BYTES_HELP = "Size limit per file (per line for .jsonl), checked before reading."
InputFormatOption = Annotated[
    InputFormat,
    typer.Option(
        "--input-format",
        help="auto: by file suffix (a .json Telegram export is recognised by its content); "
        "any other value reads every file as that format, whatever its suffix.",
    ),
]
CsvColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--csv-columns",
        metavar="FIELD=COLUMN,...",
        help="CSV columns of the fields text, published, title, url, outlet, id, lang "
        "(default: columns named like the fields), e.g. text=body,published=date.",
    ),
]


def csv_columns_option(spec: str | None) -> dict[str, str] | None:
    """The parsed --csv-columns value; ``UsageError`` (with an example) if malformed."""
    return parse_column_spec(spec) if spec is not None else None


def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help=PATHS_HELP, show_default=False),
    ],
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="jsonl: one JSON object per document; table: one row per event."),
    ] = OutputFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.", dir_okay=False)
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes.")] = 1,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language (e.g. en, ar) of documents that do not state one.")
    ] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help=MAX_BYTES_HELP)] = DEFAULT_MAX_BYTES,
    input_format: InputFormatOption = InputFormat.auto,
    csv_columns: CsvColumnsOption = None,
    kb_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--kb-file",
            help="Your own knowledge-base TOML (actors, places, relations) added to the packaged one; repeatable.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    engine_name: EngineOption = Engine.local,
    scheduler: SchedulerOption = None,
    partition_size: PartitionOption = DEFAULT_PARTITION_BYTES,
) -> None:
    """Extract events, claims, attributions and memberships from documents.

    Writes one JSON line per document (the format `claimgraph eval` and the dev-set scorer
    read), or with --format table one row per event. Unreadable inputs are reported on
    stderr, one line each, and the others are still processed. Exit code: 0 if every input
    was extracted, else the failure's code (2 bad input, 3 knowledge base, 4 extraction).

    Reads text, JSON and JSONL documents, saved web pages, RSS/Atom feeds, Telegram Desktop
    channel exports and CSV files (see --input-format and --csv-columns).

    Example: claimgraph extract reports/ --workers 2 -o events.jsonl
    """
    err = stderr_console()
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"cannot write {output}: directory {output.parent} does not exist")
    columns = csv_columns_option(csv_columns)
    skipped: list[Path] = []
    items = iter_documents(
        paths,
        lang=lang,
        max_bytes=max_bytes,
        skipped=skipped,
        input_format=input_format.value,
        csv_columns=columns,
    )

    started = time.perf_counter()
    build_seconds: list[float] = []  # filled by the in-process path when it builds the extractor
    extra = tuple(kb_files or ())
    if engine_name is Engine.dask:
        from claimgraph.engines.dask import ReadOptions, run_dask_extract
        from claimgraph.engines.partitions import plan_partitions

        outcomes = run_dask_extract(
            plan_partitions(paths, input_format=input_format.value, partition_bytes=partition_size),
            scheduler=scheduler,
            workers=workers,
            options=ReadOptions(lang, max_bytes, input_format.value, columns),
            kb_files=tuple(str(k) for k in extra),
        )
    else:
        outcomes = run(items, workers, extra, build_seconds)
    n_docs = n_events = n_failed = 0
    exit_code = 0
    rows: list[DocumentExtraction] = []
    progress = Progress(
        SpinnerColumn(),
        TextColumn("extract: {task.completed} inputs processed"),
        TimeElapsedColumn(),
        console=err,
        disable=not err.is_terminal,
        transient=True,
    )
    with closing(outcomes), _open_output(output) as out, progress:
        task = progress.add_task("extract", total=None)
        for item, outcome in outcomes:
            if isinstance(item, Document) and not isinstance(outcome, Failure):
                outcome.notes.extend(item.repair_notes())  # what text hygiene changed before extraction
            if isinstance(outcome, Failure):
                print_error(progress.console, outcome.message)
                n_failed += 1
                if outcome.fatal:
                    raise typer.Exit(outcome.exit_code)
                exit_code = max(exit_code, outcome.exit_code)
            else:
                n_docs += 1
                n_events += len(outcome.events)
                if output_format is OutputFormat.jsonl:
                    out.write(outcome.to_json() + "\n")
                else:
                    rows.append(outcome)
            progress.advance(task)
        if output_format is OutputFormat.table:
            console = stdout_console() if output is None else Console(file=out, width=200, no_color=True)
            console.print(events_table(rows))

    elapsed = time.perf_counter() - started
    summary = f"{plural(n_docs, 'document')} extracted, {plural(n_events, 'event')}, in {elapsed:.1f} s"
    working = elapsed - sum(build_seconds)
    if n_docs and working > 0:
        summary += f" ({n_docs / working:.1f} docs/s"
        summary += f"; extractor built in {build_seconds[0]:.1f} s)" if build_seconds else ")"
    if n_failed:
        summary += f"; {n_failed} failed (listed above)"
    if skipped:
        summary += f"; {plural(len(skipped), 'file')} of other types skipped"
    err.print(summary, markup=False, highlight=False, soft_wrap=True)
    if exit_code:
        raise typer.Exit(exit_code)


@contextmanager
def _open_output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        yield fh
