"""``claimgraph review``: the analyst's queue and decisions (confirm, edit, merge, split, reject).

Every decision is appended to the audit log (shown by `claimgraph show`) and survives
re-ingest and re-reconcile: the machine never overwrites an analyst.
"""

from __future__ import annotations

import getpass
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from claimgraph.cli.events import cell
from claimgraph.cli.options import DbOption
from claimgraph.cli.output import stderr_console, stdout_console
from claimgraph.store import review as actions
from claimgraph.store.engine import DEFAULT_DB
from claimgraph.store.repository import Store

app = typer.Typer(
    no_args_is_help=True,
    help="Review events: list the queue, confirm, edit a field, merge, split, reject, reopen.\n\n"
    "Example: claimgraph review confirm evt_c0af822db2216b86 --user alice",
)

UserOption = Annotated[
    str,
    typer.Option(
        "--user",
        envvar="CLAIMGRAPH_USER",
        help="Who decides (recorded in the audit log).",
        default_factory=getpass.getuser,
        show_default="your login name",
    ),
]
NoteOption = Annotated[str, typer.Option("--note", help="Why (kept in the audit log).")]
EventArg = Annotated[str, typer.Argument(help="Event id.", show_default=False)]


def _done(message: str) -> None:
    stderr_console().print(message, markup=False, highlight=False)


@app.command("queue")
def queue(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most N events.")] = 50,
) -> None:
    """Unreviewed events, those whose sources disagree first, then proposed new actors.

    Example: claimgraph review queue --limit 20
    """
    import sqlalchemy as sa

    from claimgraph.store import schema

    with Store.open(db) as store:
        frame = store.events(review_status="unreviewed", order="date")
        with store.engine.connect() as conn:
            t = schema.new_actors
            proposed = conn.execute(
                sa.select(t.c.name, sa.func.count())
                .where(t.c.status == "proposed")
                .group_by(t.c.name)
                .order_by(sa.func.count().desc(), t.c.name)
            ).all()
    frame = frame.assign(_c=frame.conflicts.fillna("") != "").sort_values(["_c", "event_date"], ascending=False)
    table = Table(header_style="bold", title=f"{len(frame)} unreviewed events")
    for col in ("id", "date", "type", "place", "claimed by", "sources", "conflicts"):
        table.add_column(col, overflow="fold")
    for r in frame.head(limit).itertuples():
        table.add_row(
            *(
                Text(cell(v))
                for v in (
                    r.claimgraph_event_id,
                    r.event_date,
                    r.sub_event_type,
                    r.location,
                    r.claimed_by,
                    r.sources_count,
                    r.conflicts,
                )
            )
        )
    console = stdout_console()
    console.print(table)
    if proposed:
        console.print(Text("proposed new actors: " + ", ".join(f"{n} ({c})" for n, c in proposed)))


@app.command("confirm")
def confirm(
    event_id: EventArg,
    fields: Annotated[list[str] | None, typer.Option("--field", help="Only these fields (repeatable).")] = None,
    db: DbOption = DEFAULT_DB,
    user: UserOption = ...,
    note: NoteOption = "",
) -> None:
    """Confirm an event: its reports stay together and its values (or the given fields) are locked.

    Example: claimgraph review confirm evt_c0af822db2216b86 --field injuries
    """
    with Store.open(db) as store:
        store.confirm(event_id, user, fields or (), note)
    _done(f"confirmed {event_id}")


@app.command("edit")
def edit(
    event_id: EventArg,
    field: Annotated[str, typer.Argument(help=f"One of: {', '.join(actions.EDITABLE)}.", show_default=False)],
    value: Annotated[
        str, typer.Argument(help="The value (lists comma-separated; a KB place name; YYYY-MM-DD).", show_default=False)
    ],
    db: DbOption = DEFAULT_DB,
    user: UserOption = ...,
    note: NoteOption = "",
) -> None:
    """Set one field of an event; the machine's values stay visible as alternatives.

    Example: claimgraph review edit evt_c0af822db2216b86 injuries 47 --note "CENTCOM update"
    """
    with Store.open(db) as store:
        with store.engine.connect() as conn:
            parsed = actions.parse_value(conn, field, value)
        store.edit(event_id, field, parsed, user, note)
    _done(f"{event_id}: {field} set to {parsed!r}")


@app.command("merge")
def merge(
    event_id: EventArg,
    others: Annotated[list[str], typer.Argument(help="Events merged into EVENT_ID.", show_default=False)],
    db: DbOption = DEFAULT_DB,
    user: UserOption = ...,
    note: NoteOption = "",
) -> None:
    """Merge events into the first one (their reports move; its id stays).

    Example: claimgraph review merge evt_aaa evt_bbb
    """
    with Store.open(db) as store:
        store.merge(event_id, others, user, note)
    _done(f"merged {', '.join(others)} into {event_id}")


@app.command("split")
def split(
    event_id: EventArg,
    reports: Annotated[
        list[str], typer.Argument(help="Report ids moved to a new event (see `show`).", show_default=False)
    ],
    db: DbOption = DEFAULT_DB,
    user: UserOption = ...,
    note: NoteOption = "",
) -> None:
    """Move some of an event's reports into a new event.

    Example: claimgraph review split evt_aaa rep_0123456789abcdef
    """
    with Store.open(db) as store:
        _, new_id = store.split(event_id, reports, user, note)
    _done(f"split {len(reports)} report(s) of {event_id} into {new_id}")


@app.command("reject")
def reject(event_id: EventArg, db: DbOption = DEFAULT_DB, user: UserOption = ..., note: NoteOption = "") -> None:
    """Mark an event as not an event: kept, but hidden from lists and exports.

    Example: claimgraph review reject evt_aaa --note "a threat, not an attack"
    """
    with Store.open(db) as store:
        store.reject(event_id, user, note)
    _done(f"rejected {event_id}")


@app.command("reopen")
def reopen(event_id: EventArg, db: DbOption = DEFAULT_DB, user: UserOption = ..., note: NoteOption = "") -> None:
    """Put an event back in the queue (field values analysts set stay).

    Example: claimgraph review reopen evt_aaa
    """
    with Store.open(db) as store:
        store.reopen(event_id, user, note)
    _done(f"reopened {event_id}")
