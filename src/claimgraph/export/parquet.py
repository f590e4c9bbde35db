"""Parquet: the ACLED-layout columns with typed columns, written in row groups as events stream.

Needs pyarrow (``pip install 'claimgraph[parquet]'``). Integers and coordinates keep their
types and their missing values (``fatalities_low`` is null when no source gives a figure);
``event_date`` is a date column. ``pandas.read_parquet`` gives back the same frame as
``Store.events()``, oldest event first.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from claimgraph.acled import COLUMNS, DTYPES
from claimgraph.errors import UsageError
from claimgraph.export.rows import BATCH, iter_acled_rows
from claimgraph.store.filters import EventFilter


def _schema(pa: Any) -> Any:
    types = {"Int64": pa.int64(), "Float64": pa.float64(), "string": pa.string()}
    fields = [pa.field(c, pa.date32() if c == "event_date" else types[DTYPES[c]]) for c in COLUMNS]
    return pa.schema(fields)


def write_parquet(conn: Connection, f: EventFilter, path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError as exc:
        raise UsageError(
            f"Parquet export needs pyarrow ({exc.name} is missing): pip install 'claimgraph[parquet]'"
        ) from None
    schema = _schema(pa)
    n = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:

        def flush() -> None:
            columns = {c: [row[c] for row in batch] for c in COLUMNS}
            columns["event_date"] = [date.fromisoformat(v) if v else None for v in columns["event_date"]]
            writer.write_table(pa.table(columns, schema=schema))
            batch.clear()

        for row in iter_acled_rows(conn, f):
            batch.append(row)
            n += 1
            if len(batch) >= BATCH:
                flush()
        if batch or n == 0:
            flush()
    return n
