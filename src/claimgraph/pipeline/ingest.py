"""Ingest: read inputs, skip what the database already holds, extract the rest, store, reconcile.

Guarantees (tested in ``tests/test_store_ingest.py``):

- **Idempotent.** A document's id is the hash of its text; a text already stored is a
  duplicate and is not extracted again (a new path for it is recorded in
  ``document_sources``). Report, claim, evidence ids derive from the document id and
  their own fields, so the same input always writes the same rows.
- **Crash-safe.** Documents are written whole, ``batch_size`` at a time, each batch in one
  transaction with its ledger rows. After a ``kill -9`` the stored documents are the resume
  point: running the same command again skips them and reconciles every report not yet
  linked to an event, which ends in exactly the database of a clean run.
- **Nothing lost.** An input that cannot be read or extracted is recorded in
  ``failed_inputs`` with its reason; the run goes on.
- **One document at a time.** Readers repair text no database would take (``sources.common.clean``);
  a document the database still refuses makes its batch roll back, then the batch is written again
  one document per transaction: the refused one is recorded in ``failed_inputs`` (stage ``store``)
  and every other document is stored. A database that stops answering still stops the run.

Extraction runs on an engine (``engines``): ``local`` reads here and extracts in worker
processes; ``dask`` sends partitions to a Dask cluster whose workers read, deduplicate against
the database and extract. Either way this module is the only writer, and it refuses a document
already stored, so a task run twice (a lost worker) or a text met twice changes nothing.
"""

from __future__ import annotations

import dataclasses
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from claimgraph.engines import Duplicate, Failed, Outcome, new_outcome
from claimgraph.engines.partitions import DEFAULT_PARTITION_BYTES
from claimgraph.errors import ExtractionError, SourceError, UsageError
from claimgraph.extract.runner import Failure, run
from claimgraph.models import Document
from claimgraph.reconcile import reconcile
from claimgraph.sources.common import clean, clean_text
from claimgraph.sources.files import DEFAULT_MAX_BYTES, iter_documents
from claimgraph.store import schema
from claimgraph.store.engine import begin_write, now
from claimgraph.store.writer import Rows, add_source, clear_failure, record_failure, sync_kb

DEFAULT_BATCH = 64


@dataclass(slots=True)
class IngestSummary:
    run_id: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    repaired: int = 0  # new documents whose text was repaired at reading (a ``text_repaired`` note)
    events_created: int = 0
    events_updated: int = 0
    reports: int = 0
    seconds: float = 0.0
    build_seconds: list[float] = field(default_factory=list)  # building the extractor (in-process runs)
    failures: list[Failure] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float | None:
        """New documents per second of the run, not counting the extractor's start-up."""
        working = self.seconds - sum(self.build_seconds)
        return self.new / working if self.new and working > 0 else None

    @property
    def exit_code(self) -> int:
        return max((f.exit_code for f in self.failures), default=0)


@dataclass(slots=True)
class _NewDoc:
    """A new document waiting to be written, with its ledger row (turned to ``failed`` if refused)."""

    rows: Rows
    ledger: dict[str, Any]
    n_reports: int

    @property
    def doc_id(self) -> str:
        return self.rows["documents"][0]["id"]


@dataclass(slots=True)
class _Pending:
    """What the next transaction writes."""

    new: list[_NewDoc] = field(default_factory=list)
    ledger: list[dict[str, Any]] = field(default_factory=list)
    failures: list[tuple[str, Failure]] = field(default_factory=list)
    sources: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # duplicates: doc_id, source, ledger

    def __len__(self) -> int:
        return len(self.ledger)

    def reset(self) -> None:
        self.new, self.ledger, self.failures, self.sources = [], [], [], []


def _source_name(item: Document | SourceError) -> str:
    if isinstance(item, SourceError):
        return item.source
    return item.source or item.ext_id or item.id


def ingest(
    engine: Engine,
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    kb_files: tuple[Path, ...] = (),
    lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    input_format: str = "auto",
    csv_columns: dict[str, str] | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[IngestSummary], None] | None = None,
    items: Iterable[Document | SourceError] | None = None,
    engine_name: str = "local",
    scheduler: str | None = None,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    reconcile_after: bool = True,
) -> IngestSummary:
    """Ingest ``paths`` (or ready-made ``items``) into the database behind ``engine``."""
    from claimgraph.extract import EXTRACTOR_VERSION
    from claimgraph.kb import load_kb

    started = time.perf_counter()
    paths = [str(p) for p in paths]
    # built first: a wrong format or column mapping fails before anything is written
    stream = (
        (clean(item) for item in items)  # the readers' text hygiene, for documents made by the caller
        if items is not None
        else iter_documents(paths, lang=lang, max_bytes=max_bytes, input_format=input_format, csv_columns=csv_columns)
    )
    kb = load_kb(extra=kb_files)
    with begin_write(engine) as conn:
        sync_kb(conn, kb)
        run_id = conn.execute(
            schema.ingest_runs.insert().values(
                started_at=now(),
                inputs=paths,
                extractor_version=EXTRACTOR_VERSION,
                kb_version=kb.version,
                status="running",
            )
        ).inserted_primary_key[0]
    summary = IngestSummary(run_id=run_id)
    pending = _Pending()
    refused: dict[str, Failure] = {}  # documents the database refused in this run, by id
    seq = 0

    def record(source: str, doc_id: str | None, outcome: str) -> dict[str, Any]:
        nonlocal seq
        seq += 1
        row = {"run_id": run_id, "seq": seq, "source": source, "doc_id": doc_id, "outcome": outcome}
        pending.ledger.append(row)
        return row

    def fail(source: str, failure: Failure, ledger: dict[str, Any]) -> None:
        summary.failed += 1
        summary.failures.append(failure)
        pending.failures.append((source, failure))
        ledger.update(doc_id=None, outcome="failed")

    def flush() -> None:
        if not len(pending):
            return
        try:
            with begin_write(engine) as conn:
                late = _write(conn, pending)
        except Exception as exc:  # one document's values, or the database itself? retry one by one to tell
            if not _refused_by_database(exc):
                raise
            late, own = _write_apart(engine, pending, refused)
            for doc in pending.new:
                if doc.doc_id in refused:
                    summary.new -= 1
                    summary.reports -= doc.n_reports
                    summary.repaired -= _repaired(doc.rows)
                    source = doc.ledger["source"]
                    fail(source, own.get(doc.ledger["seq"]) or _same_text(source, refused[doc.doc_id]), doc.ledger)
            for doc_id, source, ledger in pending.sources:
                if doc_id in refused:  # the same text as a refused document: refused too
                    summary.duplicate -= 1
                    fail(source, _same_text(source, refused[doc_id]), ledger)
            pending.sources = [s for s in pending.sources if s[0] not in refused]
            with begin_write(engine) as conn:
                _write_bookkeeping(conn, pending)
        summary.new -= late  # stored meanwhile (the same text twice in this run): duplicates after all
        summary.duplicate += late
        pending.reset()
        if progress:
            progress(summary)

    with engine.connect() as reader:
        if engine_name == "dask":
            from claimgraph.engines.dask import ReadOptions, run_dask
            from claimgraph.engines.partitions import plan_partitions

            options = ReadOptions(lang, max_bytes, input_format, csv_columns)
            outcomes = run_dask(
                plan_partitions(paths, input_format=input_format, partition_bytes=partition_bytes),
                scheduler=scheduler,
                workers=workers,
                options=options,
                db_url=engine.url.render_as_string(hide_password=False),
                kb_files=tuple(str(k) for k in kb_files),
            )
        elif engine_name == "local":
            outcomes = _local_outcomes(stream, reader, workers, kb_files, summary.build_seconds)
        else:
            raise UsageError(f"unknown engine {engine_name!r}: use local or dask")
        for outcome in outcomes:
            if not isinstance(outcome, Failed) and outcome.doc_id in refused:
                outcome = Failed(outcome.source, _same_text(outcome.source, refused[outcome.doc_id]))
            if isinstance(outcome, Failed):
                fail(outcome.source, outcome.failure, record(outcome.source, None, "failed"))
            elif isinstance(outcome, Duplicate):
                summary.duplicate += 1
                ledger = record(outcome.source, outcome.doc_id, "duplicate")
                pending.sources.append((outcome.doc_id, outcome.source, ledger))
            else:
                summary.new += 1
                summary.reports += outcome.n_reports
                summary.repaired += _repaired(outcome.rows)
                ledger = record(outcome.source, outcome.doc_id, "new")
                pending.new.append(_NewDoc(outcome.rows, ledger, outcome.n_reports))
            if len(pending) >= batch_size:
                flush()
        flush()

    with begin_write(engine) as conn:
        if reconcile_after:  # else: a bulk load, reconciled once at the end with `claimgraph reconcile`
            # the extraction processes are done: as many share a sweep of the whole store (a bulk load)
            result = reconcile(conn, workers=workers if engine_name == "local" else 1)
            summary.events_created, summary.events_updated = result.created, result.updated
        summary.seconds = time.perf_counter() - started
        conn.execute(
            schema.ingest_runs.update()
            .where(schema.ingest_runs.c.id == run_id)
            .values(
                finished_at=now(),
                n_new=summary.new,
                n_duplicate=summary.duplicate,
                n_failed=summary.failed,
                events_created=summary.events_created,
                events_updated=summary.events_updated,
                status="finished",
            )
        )
    return summary


_RECENT = 100_000  # content ids remembered by the driver to skip re-extracting a repeated text


def _local_outcomes(
    stream: Iterable[Document | SourceError],
    reader: Connection,
    workers: int,
    kb_files: tuple[Path, ...],
    build_seconds: list[float],
) -> Iterator[Outcome]:
    """The local engine: read in this process, extract in ``workers`` processes, in input order."""
    found: deque[Outcome] = deque()  # duplicates met while feeding the workers
    recent: OrderedDict[str, None] = OrderedDict()  # bounded: the writer catches what it forgets

    def fresh() -> Iterator[Document | SourceError]:
        for item in stream:
            if isinstance(item, SourceError):
                yield item
                continue
            doc = dataclasses.replace(item, id=Document.content_id(item.text), ext_id=item.id)
            if doc.id in recent or _stored(reader, doc.id):
                found.append(Duplicate(doc.id, _source_name(doc)))
                continue
            recent[doc.id] = None
            if len(recent) > _RECENT:
                recent.popitem(last=False)
            yield doc

    for item, outcome in run(fresh(), workers, kb_files, build_seconds):
        while found:
            yield found.popleft()
        source = _source_name(item)
        if isinstance(outcome, Failure):
            yield Failed(source, outcome)
        else:
            assert isinstance(item, Document)
            yield new_outcome(item, outcome, source)
    while found:
        yield found.popleft()


def _stored(conn: Connection, doc_id: str) -> bool:
    return conn.execute(sa.select(schema.documents.c.id).where(schema.documents.c.id == doc_id)).first() is not None


def _write(conn: Connection, pending: _Pending) -> int:
    """Write a batch in the open transaction; returns how many of its new documents turned out to
    be stored already (the same text twice in one run, or a task run twice on a cluster)."""
    late = _write_documents(conn, [doc.rows for doc in pending.new])
    _write_bookkeeping(conn, pending)
    return late


def _write_documents(conn: Connection, batch: list[Rows]) -> int:
    """The documents of ``batch`` not stored yet, and the sources of those that are; returns how many were."""
    from claimgraph.store.writer import write_documents

    ids = [rows["documents"][0]["id"] for rows in batch]
    stored = set(conn.execute(sa.select(schema.documents.c.id).where(schema.documents.c.id.in_(ids))).scalars())
    fresh, late = [], 0
    for rows in batch:
        doc_id = rows["documents"][0]["id"]
        if doc_id in stored:
            late += 1
            for src in rows.get("document_sources", ()):
                if src["source"]:
                    add_source(conn, doc_id, src["source"])
            continue
        stored.add(doc_id)
        fresh.append(rows)
    write_documents(conn, fresh)
    clear_failure(conn, [s for rows in fresh for s in (r["source"] for r in rows.get("document_sources", ()))])
    return late


def _write_bookkeeping(conn: Connection, pending: _Pending) -> None:
    """Sources of duplicates, failures and the ledger rows of a batch."""
    for doc_id, source, _ in pending.sources:
        if source:
            add_source(conn, doc_id, source)
    for source, failure in pending.failures:
        record_failure(conn, source, failure.message, failure.exit_code)
    if pending.ledger:
        conn.execute(schema.ingest_ledger.insert(), pending.ledger)


def _write_apart(engine: Engine, pending: _Pending, refused: dict[str, Failure]) -> tuple[int, dict[int, Failure]]:
    """After a batch failed: each new document in a transaction of its own. A document the database
    refuses is rolled back and added to ``refused``. Returns how many were stored already, and the
    failure of each refused document by its ledger ``seq``; bookkeeping is left to the caller."""
    late, own = 0, {}
    for doc in pending.new:
        if doc.doc_id in refused:  # the same text earlier in this batch, refused already
            continue
        try:
            with begin_write(engine) as conn:
                late += _write_documents(conn, [doc.rows])
        except Exception as exc:
            if not _refused_by_database(exc):
                raise
            refused[doc.doc_id] = own[doc.ledger["seq"]] = _refusal(doc.ledger["source"], doc.doc_id, exc)
    return late, own


# Errors that mean the database cannot be used right now (not that it refused one document's
# values): they stop the run, so a document is never blamed for a lost connection or a lock.
_UNAVAILABLE = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.DisconnectionError, sa.exc.TimeoutError)


def _refused_by_database(exc: Exception) -> bool:
    """True if ``exc`` may come from the values of one document: a constraint, a value out of range
    or too long for its column, text the driver cannot encode, a value it cannot convert."""
    if isinstance(exc, _UNAVAILABLE) or (isinstance(exc, sa.exc.DBAPIError) and exc.connection_invalidated):
        return False
    return isinstance(exc, (sa.exc.SQLAlchemyError, ValueError, TypeError, OverflowError))


def _refusal(source: str, doc_id: str, exc: Exception) -> Failure:
    cause = exc.orig if isinstance(exc, sa.exc.StatementError) and exc.orig is not None else exc
    detail = " ".join(str(cause).split())
    if len(detail) > 300:
        detail = detail[:299] + "…"
    error = ExtractionError(doc_id, "store", f"the database refused it: {type(cause).__name__}: {detail}")
    message = (
        f"{source}: {error} (the other documents were stored; fix this input, or report the message as a bug, "
        "then run the same command again)"
    )
    return Failure(clean_text(message, "error")[0], error.exit_code)  # a driver's message may quote the value


def _same_text(source: str, failure: Failure) -> Failure:
    return Failure(f"{source}: the same text as an input the database refused: {failure.message}", failure.exit_code)


def _repaired(rows: Rows) -> int:
    return int(any(note.get("kind") == "text_repaired" for note in rows["documents"][0].get("notes", ())))
