"""Terminal output shared by the commands: the two consoles, error lines, the events table.

Text that comes from documents or the knowledge base is untrusted: it is escaped before
it is put into Rich markup, and table cells are ``Text`` objects (never parsed as markup).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from claimgraph.errors import ClaimgraphError
    from claimgraph.models import DocumentExtraction


def stdout_console() -> Console:
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = 160  # piped into a file or a pager: do not squeeze tables to 80 columns
    return console


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def print_error(console: Console, exc: ClaimgraphError | str, *, label: str = "error") -> None:
    """One line on ``console``: ``error: <source>: <reason> (<hint>)``."""
    console.print(f"[bold red]{label}:[/] {escape(str(exc))}", soft_wrap=True)


EVENT_COLUMNS = (
    "doc",
    "date",
    "precision",
    "type",
    "weapons",
    "place",
    "country",
    "actors",
    "claimed_by",
    "fatalities",
    "injuries",
)


_NARROW_COLUMNS = ("date", "precision", "country", "fatalities", "injuries")


def events_table(extractions: Iterable[DocumentExtraction], *, title: str | None = None) -> Table:
    """One row per extracted event."""
    table = Table(title=title, show_lines=False, header_style="bold")
    for name in EVENT_COLUMNS:
        if name in _NARROW_COLUMNS:
            table.add_column(name, justify="right" if name in ("fatalities", "injuries") else "left", no_wrap=True)
        else:
            table.add_column(name, overflow="fold")
    for ex in extractions:
        for event in ex.events:
            loc = event.location
            table.add_row(
                *(
                    Text(value)
                    for value in (
                        ex.doc_id,
                        event.date.iso() if event.date else "",
                        event.date.precision if event.date else "",
                        event.sub_event_type,
                        ", ".join(event.weapons),
                        loc.name if loc else "",
                        (loc.country or "") if loc else "",
                        ", ".join(event.actors),
                        ", ".join(event.claimed_by),
                        _count(event.fatalities),
                        _count(event.injuries),
                    )
                )
            )
    return table


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _count(n: int | None) -> str:
    return "" if n is None else str(n)
