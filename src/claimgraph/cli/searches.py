"""``claimgraph searches``: saved searches (the filters of ``claimgraph events``), their feeds and alerts."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from claimgraph.cli.options import (
    ActorOption,
    ClaimedByOption,
    ConflictsOption,
    CountryOption,
    DbOption,
    PlaceOption,
    ReviewOption,
    SinceOption,
    TypeOption,
    UntilOption,
    event_filter,
)
from claimgraph.cli.output import stderr_console, stdout_console
from claimgraph.store.engine import DEFAULT_DB, begin_write, connect
from claimgraph.watch.searches import add_search, list_searches, remove_search

app = typer.Typer(
    no_args_is_help=True,
    help="Saved searches: a name and the filters of `claimgraph events`; each is an Atom feed "
    "(/feeds/NAME.atom) and, with a webhook, a signed JSON POST for every change an analyst cares about.\n\n"
    'Example: claimgraph searches add kh --claimed-by "Kataib Hezbollah" --webhook https://hooks.example.org/cg',
)


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="A name: letters, digits, '-', '_', '.'.", show_default=False)],
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    claimed_by: ClaimedByOption = None,
    place: PlaceOption = None,
    country: CountryOption = None,
    type_: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    conflicts: ConflictsOption = False,
    review_status: ReviewOption = None,
    webhook: Annotated[
        str | None, typer.Option("--webhook", help="URL that gets a signed JSON POST per alert.")
    ] = None,
    secret: Annotated[
        str | None,
        typer.Option(
            "--secret", envvar="CLAIMGRAPH_WEBHOOK_SECRET", help="HMAC key of the signature (default: generated)."
        ),
    ] = None,
) -> None:
    """Save a search. Events it matches now are its starting point: alerts come for what changes after.

    Example: claimgraph searches add tower22 --place "Tower 22" --webhook http://127.0.0.1:9000/hook
    """
    f = event_filter(actor, claimed_by, place, country, type_, since, until, conflicts, review_status)
    engine = connect(db)
    try:
        with begin_write(engine) as conn:
            row = add_search(conn, name, f, webhook_url=webhook, secret=secret, by="cli")
    finally:
        engine.dispose()
    err = stderr_console()
    err.print(f"saved search {name}: {json.dumps(row['filters'], ensure_ascii=False)}", markup=False)
    if webhook and not secret:
        err.print(f"webhook secret (shown once; verify X-Claimgraph-Signature with it): {row['secret']}", markup=False)


@app.command("list")
def list_(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="JSON out.")] = False,
) -> None:
    """List the saved searches, what they match and their alerts.

    Example: claimgraph searches list --json
    """
    engine = connect(db)
    try:
        with engine.connect() as conn:
            rows = list_searches(conn)
    finally:
        engine.dispose()
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    table = Table(header_style="bold", title=f"{len(rows)} saved searches")
    for column in ("name", "filters", "webhook", "matches", "alerts", "last alert"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            Text(r["name"]),
            Text(", ".join(f"{k}={v}" for k, v in r["filters"].items())),
            Text(r["webhook_url"] or ""),
            str(r["matches"]),
            str(r["alerts"]),
            f"{r['last_alert_at']:%Y-%m-%d %H:%M}" if r["last_alert_at"] else "",
        )
    stdout_console().print(table)


@app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(help="The saved search's name.", show_default=False)],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Remove a saved search with its matches and alerts.

    Example: claimgraph searches remove tower22
    """
    engine = connect(db)
    try:
        with begin_write(engine) as conn:
            remove_search(conn, name)
    finally:
        engine.dispose()
    stderr_console().print(f"removed saved search {name}", markup=False)
