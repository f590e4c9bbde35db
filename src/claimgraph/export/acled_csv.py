"""ACLED-compatible CSV: ACLED's columns and names first, then claimgraph's (``acled.COLUMNS``).

Written row by row as events are read (bounded memory). UTF-8, a header row, RFC 4180
quoting, ISO 8601 dates. Load it with the documented dtypes::

    import pandas as pd
    from claimgraph.acled import DTYPES
    frame = pd.read_csv("events.csv", dtype=DTYPES, keep_default_na=False, na_values=[""])
"""

from __future__ import annotations

import csv
from typing import TextIO

from sqlalchemy.engine import Connection

from claimgraph.acled import COLUMNS
from claimgraph.export.rows import iter_acled_rows
from claimgraph.store.filters import EventFilter


def write_csv(conn: Connection, f: EventFilter, out: TextIO, *, include_developments: bool = False) -> int:
    """Write the events matching ``f``; returns how many. ``include_developments``: then the strategic
    developments, event type "Strategic developments" (not counted)."""
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in iter_acled_rows(conn, f):
        writer.writerow(row)
        n += 1
    if include_developments:
        from claimgraph.export.developments import acled_rows

        writer.writerows(acled_rows(conn, f))
    return n
