"""Run the extractor over a stream of documents: in this process or in a pool of workers.

``run(items, workers=N)`` takes what ``sources`` yields (``Document`` or ``SourceError``)
and yields ``(item, outcome)`` pairs in input order, where the outcome is the
``DocumentExtraction`` or a picklable ``Failure``. Each worker process builds the
extractor once (the spaCy pipeline and KB matchers), never per document; documents travel
to workers in small batches with a bounded number in flight, so memory stays flat however
long the stream.
"""

from __future__ import annotations

import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.errors import ClaimgraphError, ExtractionError, SourceError
from claimgraph.models import Document, DocumentExtraction

if TYPE_CHECKING:
    from claimgraph.extract import Extractor

Item = Document | SourceError


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


def run(
    items: Iterable[Item], workers: int = 1, kb_files: tuple[Path, ...] = (), build_seconds: list[float] | None = None
) -> Iterator[tuple[Item, Outcome]]:
    """``(item, outcome)`` for every item, in input order."""
    in_flight: deque[Item] = deque()

    def remember(stream: Iterable[Item]) -> Iterator[Item]:
        for item in stream:
            in_flight.append(item)
            yield item

    outcomes = (
        _extract_in_process(remember(items), build_seconds if build_seconds is not None else [], kb_files)
        if workers == 1
        else _extract_in_pool(remember(items), workers, kb_files)
    )
    try:
        for outcome in outcomes:
            yield in_flight.popleft(), outcome
    finally:
        outcomes.close()
