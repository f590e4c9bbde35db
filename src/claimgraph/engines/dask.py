"""The Dask engine: partitions go to a Dask cluster, rows come back (``claimgraph[dask]``).

``run_dask(...)`` connects to an existing scheduler (``tcp://host:8786``) or starts a
``LocalCluster`` of ``workers`` processes (one thread each: extraction is CPU-bound Python),
submits one task per partition with at most ``2 * workers`` in flight, and yields the outcomes
partition by partition in input order (so a run's ledger reads like a local one). Tasks are
pure functions of their partition — read the files, skip texts the database already holds,
extract the rest — so Dask may run one again when a worker dies (``retries``); the driver's
writer still refuses a document it has already stored, so nothing is duplicated.

Each worker process keeps one extractor (per KB files) and one read-only database engine in
module globals: they are built on the first task, not per document or per task.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claimgraph.engines import Duplicate, Failed, Outcome, new_outcome
from claimgraph.engines.partitions import Partition
from claimgraph.errors import SourceError, UsageError
from claimgraph.extract.runner import Failure, build_extractor, extract_one
from claimgraph.models import Document

_extractors: dict[tuple[str, ...], Any] = {}
_engines: dict[str, Any] = {}


@dataclasses.dataclass(frozen=True, slots=True)
class ReadOptions:
    lang: str | None
    max_bytes: int
    input_format: str
    csv_columns: dict[str, str] | None


def _documents(partition: Partition, options: ReadOptions) -> Iterator[Document | SourceError]:
    from claimgraph.sources.files import iter_documents, iter_jsonl_range

    if partition.jsonl:
        yield from iter_jsonl_range(
            Path(partition.jsonl),
            lang=options.lang,
            max_bytes=options.max_bytes,
            start=partition.start,
            end=partition.end,
            first_line=partition.first_line,
        )
    else:
        yield from iter_documents(
            list(partition.files),
            lang=options.lang,
            max_bytes=options.max_bytes,
            input_format=options.input_format,
            csv_columns=options.csv_columns,
        )


def ingest_partition(partition: Partition, options: ReadOptions, db_url: str, kb_files: tuple[str, ...]) -> list:
    """Runs on a worker: the outcomes of one partition, in its order."""
    import sqlalchemy as sa

    from claimgraph.store import schema
    from claimgraph.store.engine import connect

    engine = _engines.get(db_url)
    if engine is None:
        engine = _engines[db_url] = connect(db_url, migrate=False)
    items: list[Document | SourceError] = []
    for item in _documents(partition, options):
        if isinstance(item, Document):
            item = dataclasses.replace(item, id=Document.content_id(item.text), ext_id=item.id)
        items.append(item)
    ids = [i.id for i in items if isinstance(i, Document)]
    stored: set[str] = set()
    with engine.connect() as conn:
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            stored.update(
                conn.execute(sa.select(schema.documents.c.id).where(schema.documents.c.id.in_(chunk))).scalars()
            )
    extractor = None
    out: list[Outcome] = []
    for item in items:
        if isinstance(item, SourceError):
            out.append(Failed(item.source, Failure.from_error(item)))
            continue
        source = item.source or item.ext_id or item.id
        if item.id in stored:
            out.append(Duplicate(item.id, source))
            continue
        if extractor is None:
            extractor = _extractor(kb_files)
        result = extract_one(extractor, item)  # never raises: a failure is this document's alone
        out.append(Failed(source, result) if isinstance(result, Failure) else new_outcome(item, result, source))
    return out


def extract_partition(partition: Partition, options: ReadOptions, kb_files: tuple[str, ...]) -> list:
    """Runs on a worker for ``claimgraph extract``: a DocumentExtraction or a Failure per document."""
    out: list = []
    extractor = None
    for item in _documents(partition, options):
        if isinstance(item, SourceError):
            out.append(Failure.from_error(item))
            continue
        if extractor is None:
            extractor = _extractor(kb_files)
        result = extract_one(extractor, item)
        if not isinstance(result, Failure):
            result.notes.extend(item.repair_notes())  # what text hygiene changed, as the local engine says
        out.append(result)
    return out


def run_dask_extract(
    partitions: Iterable[Partition],
    *,
    scheduler: str | None,
    workers: int,
    options: ReadOptions,
    kb_files: tuple[str, ...],
) -> Iterator[tuple[None, Any]]:
    """``(None, outcome)`` per document, in input order (the shape of ``runner.run``)."""
    cluster = Cluster(scheduler, workers)
    try:
        for partition, result in cluster.map_in_order(extract_partition, partitions, options, kb_files):
            if isinstance(result, Exception):
                message = f"{partition.label}: the partition failed on the cluster: {type(result).__name__}: {result}"
                yield None, Failure(message, 4)
            else:
                for outcome in result:
                    yield None, outcome
    finally:
        cluster.close()


def _extractor(kb_files: tuple[str, ...]):
    extractor = _extractors.get(kb_files)
    if extractor is None:
        extractor = _extractors[kb_files] = build_extractor(tuple(Path(p) for p in kb_files))
    return extractor


class Cluster:
    """A Dask client: to ``scheduler`` if given, else to a new LocalCluster of ``workers`` processes."""

    def __init__(self, scheduler: str | None, workers: int) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ModuleNotFoundError as exc:
            raise UsageError(f"--engine dask needs {exc.name}: pip install 'claimgraph[dask]'") from None
        self.local = None
        if scheduler:
            self.client = Client(scheduler, timeout="30s")
        else:
            self.local = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                memory_limit="2GiB",
                silence_logs=40,
            )
            self.client = Client(self.local)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def close(self) -> None:
        self.client.close()
        if self.local is not None:
            self.local.close()

    def map_in_order(self, func, partitions: Iterable[Partition], *args: Any, retries: int = 3) -> Iterator[tuple]:
        """``(partition, result or exception)`` in input order, with a bounded window in flight."""
        window = 2 * self.workers
        pending: deque = deque()
        for partition in partitions:
            pending.append((partition, self.client.submit(func, partition, *args, retries=retries, pure=False)))
            while len(pending) >= window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


def _result(entry: tuple) -> tuple:
    partition, future = entry
    try:
        return partition, future.result()
    except Exception as exc:  # the task failed on every retry: report the partition, go on
        return partition, exc
    finally:
        future.release()


def run_dask(
    partitions: Iterable[Partition],
    *,
    scheduler: str | None,
    workers: int,
    options: ReadOptions,
    db_url: str,
    kb_files: tuple[str, ...],
) -> Iterator[Outcome]:
    cluster = Cluster(scheduler, workers)
    try:
        for partition, result in cluster.map_in_order(ingest_partition, partitions, options, db_url, kb_files):
            if isinstance(result, Exception):
                message = f"{partition.label}: the partition failed on the cluster: {type(result).__name__}: {result}"
                yield Failed(partition.label, Failure(message, 4))
            else:
                yield from result
    finally:
        cluster.close()
