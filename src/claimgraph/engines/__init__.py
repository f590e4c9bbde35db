"""Where extraction runs: ``local`` (a process pool on this machine) or ``dask`` (a Dask cluster).

Both turn inputs into the same stream of outcomes for ``ingest`` to write, in input order:

- ``Duplicate(doc_id, source)``: the text is already stored;
- ``New(rows, doc_id, source, n_reports)``: the rows of a new document (``store.writer``);
- ``Failed(source, failure)``: an input that could not be read or extracted.

The local engine reads inputs in the driver and sends documents to its worker processes;
the Dask engine sends only partitions (file names, byte ranges of ``.jsonl`` files) and each
worker reads its partition, checks the database for texts already stored, extracts the new
ones with an extractor built once per worker process, and returns compact rows.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimgraph.errors import ExtractionError
from claimgraph.extract.runner import Failure
from claimgraph.models import Document, DocumentExtraction

ENGINES = ("local", "dask")


@dataclass(frozen=True, slots=True)
class Duplicate:
    doc_id: str
    source: str


@dataclass(frozen=True, slots=True)
class New:
    rows: dict[str, list[dict[str, Any]]]
    doc_id: str
    source: str
    n_reports: int


@dataclass(frozen=True, slots=True)
class Failed:
    source: str
    failure: Failure


Outcome = Duplicate | New | Failed


def new_outcome(doc: Document, extraction: DocumentExtraction, source: str) -> New | Failed:
    """The rows of a newly extracted document (``doc.id`` the content id); a failure to build them
    is reported against this document alone, like a failed extraction, and the run goes on."""
    from claimgraph.store.writer import document_rows

    try:
        rows = document_rows(doc, extraction, doc.ext_id or doc.id, doc.source)
    except Exception as exc:  # a bug turning one extraction into rows: this document only
        frames = traceback.extract_tb(exc.__traceback__)
        where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
        error = ExtractionError(doc.id, "rows", f"{type(exc).__name__}: {exc}{where}")
        return Failed(source, Failure(f"{source}: {error}", error.exit_code))
    return New(rows, doc.id, source, len(extraction.events))


__all__ = ["ENGINES", "Duplicate", "Failed", "New", "Outcome", "new_outcome"]
