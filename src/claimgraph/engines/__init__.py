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

from dataclasses import dataclass
from typing import Any

from claimgraph.extract.runner import Failure

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

__all__ = ["ENGINES", "Duplicate", "Failed", "New", "Outcome"]
