"""The ``claimgraph`` command line: the Typer app and ``main``, which maps errors to exit codes.

Each command lives in its own module; this one only registers them. Exit codes::

    0  success
    1  internal error (a bug: please report it with the traceback)
    2  bad input: unreadable file, invalid record, wrong arguments
    3  the knowledge base is inconsistent
    4  an extraction stage failed
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Annotated

import typer

from claimgraph.cli import (
    actors,
    demo,
    eval,
    events,
    export,
    extract,
    ingest,
    kb,
    reconcile,
    review,
    review_developments,
    searches,
    serve,
    users,
    watch,
)
from claimgraph.cli.output import print_error, stderr_console
from claimgraph.errors import ClaimgraphError

app = typer.Typer(
    name="claimgraph",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("extract")(extract.extract)
app.command("ingest")(ingest.ingest_command)
app.command("events")(events.events_command)
app.command("show")(events.show_command)
app.command("actors")(actors.actors_command)
app.command("reconcile")(reconcile.reconcile_command)
app.command("export")(export.export_command)
app.command("serve")(serve.serve_command)
app.add_typer(users.app, name="users")
app.add_typer(review.app, name="review")
review.app.add_typer(review_developments.app, name="development")
app.command("eval")(eval.eval_command)
app.command("eval-clusters")(eval.eval_clusters_command)
app.add_typer(kb.app, name="kb")
app.command("demo")(demo.demo)
app.command("watch")(watch.watch_command)
app.add_typer(searches.app, name="searches")


def _version(value: bool) -> None:
    if value:
        try:
            typer.echo(f"claimgraph {version('claimgraph')}")
        except PackageNotFoundError:
            typer.echo("claimgraph (not installed)")
        raise typer.Exit()


@app.callback()
def claimgraph(
    show_version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Turn reports and militia statements about armed-group activity into sourced events,
    claims of responsibility, attributions and actor memberships.

    Exit codes: 0 ok, 1 internal error, 2 bad input, 3 knowledge base, 4 a stage failed on a document.

    Example: claimgraph extract reports/ -o events.jsonl
    """


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: run the app, turn expected errors into one line + exit code."""
    try:
        app(args=argv, prog_name="claimgraph")
    except SystemExit as exc:  # Typer/Click end every run with SystemExit
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        stderr_console().print(str(exc.code), markup=False)
        return 1
    except ClaimgraphError as exc:
        print_error(stderr_console(), exc)
        return exc.exit_code
    return 0
