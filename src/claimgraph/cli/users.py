"""``claimgraph users``: people who may log in to the web app, and API tokens for scripts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from claimgraph.cli.options import DbOption
from claimgraph.cli.output import stderr_console, stdout_console
from claimgraph.errors import UsageError
from claimgraph.store.engine import DEFAULT_DB, begin_write, connect
from claimgraph.web import auth

app = typer.Typer(
    no_args_is_help=True,
    help="Manage web users (viewer, analyst, admin) and API tokens.\n\n"
    "Example: claimgraph users add alice --role analyst",
)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = typer.prompt("Password (10 characters or more)", hide_input=True)
    if typer.prompt("Again", hide_input=True) != first:
        raise UsageError("the two passwords differ")
    return first


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Login name.", show_default=False)],
    role: Annotated[str, typer.Option("--role", help="viewer, analyst or admin.")] = "analyst",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Add a user; the password is asked for (or read from stdin) and stored as a scrypt hash.

    Example: claimgraph users add alice --role analyst
    """
    password = _password(password_stdin)
    engine = connect(db)
    with begin_write(engine) as conn:
        user = auth.add_user(conn, name, role, password)
    engine.dispose()
    stderr_console().print(f"added {user.name} ({user.role})", markup=False)


@app.command("list")
def list_(db: DbOption = DEFAULT_DB) -> None:
    """List users.

    Example: claimgraph users list
    """
    engine = connect(db)
    with engine.connect() as conn:
        rows = auth.list_users(conn)
    engine.dispose()
    table = Table(header_style="bold")
    for col in ("name", "role", "created", "disabled"):
        table.add_column(col)
    for r in rows:
        table.add_row(Text(r["name"]), r["role"], str(r["created_at"])[:19], "yes" if r["disabled"] else "")
    stdout_console().print(table)


@app.command("disable")
def disable(name: Annotated[str, typer.Argument(show_default=False)], db: DbOption = DEFAULT_DB) -> None:
    """Disable a user (their sessions end at once; tokens stop working).

    Example: claimgraph users disable alice
    """
    engine = connect(db)
    with begin_write(engine) as conn:
        auth.set_disabled(conn, name, True)
    engine.dispose()
    stderr_console().print(f"disabled {name}", markup=False)


@app.command("token")
def token(
    name: Annotated[str, typer.Argument(help="The user the token acts as.", show_default=False)],
    label: Annotated[str, typer.Option("--label", help="What the token is for.")] = "script",
    db: DbOption = DEFAULT_DB,
) -> None:
    """Create an API token (printed once; only its hash is stored). Send it as `Authorization: Bearer TOKEN`.

    Example: claimgraph users token alice --label nightly-export
    """
    engine = connect(db)
    with begin_write(engine) as conn:
        token_id, value = auth.create_token(conn, name, label)
    engine.dispose()
    stderr_console().print(f"token {token_id} for {name} ({label}); it is shown only now:", markup=False)
    typer.echo(value)


@app.command("revoke")
def revoke(
    token_id: Annotated[int, typer.Argument(help="The token's number.", show_default=False)], db: DbOption = DEFAULT_DB
) -> None:
    """Revoke an API token.

    Example: claimgraph users revoke 3
    """
    engine = connect(db)
    with begin_write(engine) as conn:
        auth.revoke_token(conn, token_id)
    engine.dispose()
    stderr_console().print(f"revoked token {token_id}", markup=False)
