"""``claimgraph review development``: the analyst's decisions on strategic developments (announcements).

``list`` shows developments with their status and sources; ``confirm``, ``reject`` and ``reopen`` record a
decision in ``development_status`` and the append-only audit log (``review_actions``), where it survives
every later reconcile. A rejected development is left out of lists and exports; ``reopen`` puts it back
in the queue.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from claimgraph.cli.events import cell
from claimgraph.cli.options import DbOption
from claimgraph.cli.output import stderr_console, stdout_console
from claimgraph.cli.review import NoteOption, UserOption  # the events' options: same names, same defaults
from claimgraph.pipeline.database import Store
from claimgraph.store.developments import developments, set_status
from claimgraph.store.engine import DEFAULT_DB, begin_write

app = typer.Typer(
    no_args_is_help=True,
    help="Review developments (announcements): list them, confirm, reject, reopen.\n\n"
    "Example: claimgraph review development confirm dev_5b1c0e2f9a7d4c11 --user alice",
)

DevelopmentArg = Annotated[str, typer.Argument(help="Development id (see `list`).", show_default=False)]


def _decide(db: str, development_id: str, status: str, user: str, note: str) -> None:
    with Store.open(db) as store, begin_write(store.engine) as conn:
        set_status(conn, development_id, status, user, note)


def _done(message: str) -> None:
    stderr_console().print(message, markup=False, highlight=False)


@app.command("list")
def list_command(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option("--actor", help="Announced by (or about) this actor.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only this kind (suspension, threat, ...).")] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="Only this status: unreviewed, confirmed or rejected.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most N developments.")] = 50,
) -> None:
    """Developments oldest first, with their status and number of sources (rejected ones too).

    Example: claimgraph review development list --status unreviewed --actor "Kataib Hezbollah"
    """
    with Store.open(db) as store, store.engine.connect() as conn:
        rows = developments(conn, actor=actor, kind=kind, include_rejected=True, with_sources=False)
    rows = [r for r in rows if status is None or r["status"] == status]
    table = Table(header_style="bold", title=f"{len(rows)} developments")
    for col in ("id", "date", "kind", "actor", "sources", "status"):
        table.add_column(col, overflow="fold")
    for r in rows[:limit]:
        table.add_row(
            *(Text(cell(v)) for v in (r["id"], r["date"], r["kind"], r["actor"], r["n_sources"], r["status"]))
        )
    stdout_console().print(table)


@app.command("confirm")
def confirm(
    development_id: DevelopmentArg, db: DbOption = DEFAULT_DB, user: UserOption = ..., note: NoteOption = ""
) -> None:
    """Confirm a development: the announcement is what its sources say it is.

    Example: claimgraph review development confirm dev_5b1c0e2f9a7d4c11 --note "KH statement on Telegram"
    """
    _decide(db, development_id, "confirmed", user, note)
    _done(f"confirmed {development_id}")


@app.command("reject")
def reject(
    development_id: DevelopmentArg, db: DbOption = DEFAULT_DB, user: UserOption = ..., note: NoteOption = ""
) -> None:
    """Reject a development: kept, but left out of lists, the timeline and exports.

    Example: claimgraph review development reject dev_5b1c0e2f9a7d4c11 --note "a quote of an old threat"
    """
    _decide(db, development_id, "rejected", user, note)
    _done(f"rejected {development_id}")


@app.command("reopen")
def reopen(
    development_id: DevelopmentArg, db: DbOption = DEFAULT_DB, user: UserOption = ..., note: NoteOption = ""
) -> None:
    """Put a confirmed or rejected development back among the unreviewed ones.

    Example: claimgraph review development reopen dev_5b1c0e2f9a7d4c11
    """
    _decide(db, development_id, "unreviewed", user, note)
    _done(f"reopened {development_id}")
