"""``claimgraph reconcile``: recompute canonical events from the stored reports."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from claimgraph.cli.options import DbOption
from claimgraph.cli.output import stderr_console
from claimgraph.pipeline.database import Store
from claimgraph.store.engine import DEFAULT_DB


def reconcile_command(
    db: DbOption = DEFAULT_DB,
    full: Annotated[
        bool, typer.Option("--full", help="Recompute every event, not only those with new reports.")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            help="Processes for a sweep of the whole store (--full, or the first run after a bulk load); same result.",
        ),
    ] = 1,
) -> None:
    """Cluster event reports into canonical events; recompute consensus, conflicts and the actor graph.

    `ingest` already does this after every run; use it after changing the clustering code or
    to check that a full rebuild equals the incremental result. Analysts' decisions are kept.
    With --workers N, a sweep of the whole store runs in N processes (segments of weeks, spliced
    where their sweeps meet) and writes exactly what one process writes; this process is the only
    writer.

    Example: claimgraph reconcile --full --workers 2
    """
    err = stderr_console()
    progress = Progress(
        SpinnerColumn(),
        TextColumn("reconcile: week of {task.fields[week]}, {task.fields[reports]} reports placed"),
        TimeElapsedColumn(),
        console=err,
        disable=not err.is_terminal,
        transient=True,
    )
    with Store.open(db) as store, progress:
        task = progress.add_task("reconcile", total=None, week="", reports=0)
        result = store.reconcile(
            full=full,
            workers=workers,
            progress=lambda r, week: progress.update(task, week=week.isoformat(), reports=r.reports),
        )
    err.print(
        f"reconciled {result.reports} reports over {result.weeks} weeks: events {result.created} created, "
        f"{result.updated} updated, {result.removed} removed",
        markup=False,
        highlight=False,
    )
