"""``claimgraph extract``: documents in, one JSON line per document (or a table of events) out.

Documents are read lazily, extracted in input order (in one process, or in a pool of
worker processes that each build the extractor once), and written as they complete.
A document that cannot be read or extracted is reported on stderr in one line and the
rest are still processed; the exit code is then that of the failure (the highest one).
"""

from __future__ import annotations

import sys
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from claimgraph.cli.output import events_table, plural, print_error, stderr_console, stdout_console
from claimgraph.errors import ClaimgraphError, ExtractionError, SourceError, UsageError
from claimgraph.models import Document, DocumentExtraction
from claimgraph.sources.files import DEFAULT_MAX_BYTES, iter_documents

if TYPE_CHECKING:
    from claimgraph.extract import Extractor


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


@dataclass(frozen=True, slots=True)
class Failure:
    """A document (or input) that produced no extraction; picklable across processes."""

    message: str
    exit_code: int
    fatal: bool = False  # the extractor itself could not be built: stop the run

    @classmethod
    def from_error(cls, exc: ClaimgraphError, *, fatal: bool = False) -> Failure:
        return cls(str(exc), exc.exit_code, fatal)


Outcome = DocumentExtraction | Failure


def build_extractor(kb_files: tuple[Path, ...] = ()) -> Extractor:
    """The heavy part (spaCy pipeline, KB matchers): call once per process."""
    from claimgraph.extract import Extractor
    from claimgraph.kb import load_kb

    return Extractor.build(load_kb(extra=kb_files))


def extract_one(extractor: Extractor, doc: Document) -> Outcome:
    """Extract one document; a failure is returned, named after the document's source."""
    name = doc.source or doc.id
    try:
        return extractor.extract(doc)
    except ClaimgraphError as exc:
        message = str(exc) if isinstance(exc, SourceError) else f"{name}: {exc}"
        return Failure(message, exc.exit_code)
    except Exception as exc:  # a bug in a stage: report it against this document and go on
        where = traceback.extract_tb(exc.__traceback__)[-1]
        error = ExtractionError(
            doc.id, "extract", f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})"
        )
        return Failure(f"{name}: {error}", error.exit_code)


def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Files (.txt, .json, .jsonl) or directories (read recursively).",
            show_default=False,
        ),
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
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Size limit per .txt/.json file and per .jsonl line.")
    ] = DEFAULT_MAX_BYTES,
    kb_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--kb-file",
            help="Your own knowledge-base TOML (actors, places, relations) added to the packaged one; repeatable.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Extract events, claims, attributions and memberships from documents.

    Writes one JSON line per document (the format `claimgraph eval` and the dev-set scorer
    read), or with --format table one row per event. Unreadable inputs are reported on
    stderr, one line each, and the others are still processed. Exit code: 0 if every input
    was extracted, else the failure's code (2 bad input, 3 knowledge base, 4 extraction).

    Example: claimgraph extract reports/ --workers 2 -o events.jsonl
    """
    err = stderr_console()
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"cannot write {output}: directory {output.parent} does not exist")
    skipped: list[Path] = []
    items = iter_documents(paths, lang=lang, max_bytes=max_bytes, skipped=skipped)

    started = time.perf_counter()
    build_seconds: list[float] = []  # filled by the in-process path when it builds the extractor
    extra = tuple(kb_files or ())
    outcomes = (
        _extract_in_process(items, build_seconds, extra) if workers == 1 else _extract_in_pool(items, workers, extra)
    )
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
        for outcome in outcomes:
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


def _as_outcome(item: SourceError) -> Failure:
    return Failure.from_error(item)


def _extract_in_process(
    items: Iterable[Document | SourceError], build_seconds: list[float], kb_files: tuple[Path, ...] = ()
) -> Iterator[Outcome]:
    extractor: Extractor | None = None
    for item in items:
        if isinstance(item, SourceError):
            yield _as_outcome(item)
            continue
        if extractor is None:  # built lazily: a run over only bad inputs fails fast
            started = time.perf_counter()
            extractor = build_extractor(kb_files)
            build_seconds.append(time.perf_counter() - started)
        yield extract_one(extractor, item)


# -- worker processes ------------------------------------------------------------------------
# Each worker process holds one extractor, built by the pool's initializer.

_BATCH_SIZE = 8
_worker_extractor: Extractor | None = None
_worker_failure: Failure | None = None


def _init_worker(kb_files: tuple[Path, ...] = ()) -> None:
    global _worker_extractor, _worker_failure
    try:
        _worker_extractor = build_extractor(kb_files)
    except ClaimgraphError as exc:
        _worker_failure = Failure.from_error(exc, fatal=True)
    except Exception as exc:  # a bug: the parent stops with exit code 1, as in a single process
        message = f"internal error while building the extractor: {type(exc).__name__}: {exc}"
        _worker_failure = Failure(message, ClaimgraphError.exit_code, fatal=True)


def _worker_extract(docs: list[Document]) -> list[Outcome]:
    if _worker_extractor is None:
        failure = _worker_failure or Failure("extractor was not built", ClaimgraphError.exit_code, fatal=True)
        return [failure] * len(docs)
    return [extract_one(_worker_extractor, doc) for doc in docs]


def _extract_in_pool(
    items: Iterable[Document | SourceError], workers: int, kb_files: tuple[Path, ...] = ()
) -> Iterator[Outcome]:
    """Outcomes in input order. Documents go to the workers in small batches (less
    inter-process traffic), with at most ``4 * workers`` batches in flight."""
    window = 4 * workers
    pending: deque[Future[list[Outcome]] | Failure] = deque()
    batch: list[Document] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(kb_files,)) as pool:
        for item in items:
            if isinstance(item, Document):
                batch.append(item)
                if len(batch) < _BATCH_SIZE:
                    continue
            if batch:
                pending.append(pool.submit(_worker_extract, batch))
                batch = []
            if isinstance(item, SourceError):
                pending.append(_as_outcome(item))
            while len(pending) >= window:
                yield from _resolve(pending.popleft())
        if batch:
            pending.append(pool.submit(_worker_extract, batch))
        while pending:
            yield from _resolve(pending.popleft())


def _resolve(entry: Future[list[Outcome]] | Failure) -> list[Outcome]:
    return [entry] if isinstance(entry, Failure) else entry.result()
