"""Options shared by the database commands: ``--db`` and the event filters.

The filters are the same for ``events``, ``export`` and the web API (``store.filters``).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

import typer

from claimgraph.errors import UsageError
from claimgraph.store.filters import EventFilter

DB_ENV = "CLAIMGRAPH_DB"

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar=DB_ENV,
        help="Database: a SQLite file (created if missing) or postgresql://HOST/DB.",
        show_envvar=True,
    ),
]
ActorOption = Annotated[
    str | None, typer.Option("--actor", help="Any role (claimant, attributed, perpetrator, target); any alias.")
]
ClaimedByOption = Annotated[str | None, typer.Option("--claimed-by", help="The group that claimed it (any alias).")]
PlaceOption = Annotated[str | None, typer.Option("--place", help="Place or province name (substring).")]
CountryOption = Annotated[str | None, typer.Option("--country", help="ISO code (IQ, SY) or English name.")]
TypeOption = Annotated[
    str | None, typer.Option("--type", help="Sub-event or event type (substring), or a weapon (drone, rocket).")
]
SinceOption = Annotated[str | None, typer.Option("--since", help="First day, YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Last day, YYYY-MM-DD.")]
ConflictsOption = Annotated[bool, typer.Option("--conflicts", help="Only events whose sources disagree.")]
ReviewOption = Annotated[
    str | None,
    typer.Option("--review-status", help="unreviewed, confirmed, edited or rejected (default: all but rejected)."),
]


def parse_day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date: use YYYY-MM-DD, e.g. 2024-01-28") from None


def event_filter(
    actor: str | None = None,
    claimed_by: str | None = None,
    place: str | None = None,
    country: str | None = None,
    type_: str | None = None,
    since: str | None = None,
    until: str | None = None,
    conflicts: bool = False,
    review_status: str | None = None,
) -> EventFilter:
    return EventFilter(
        actor=actor,
        claimed_by=claimed_by,
        place=place,
        country=country,
        type=type_,
        since=parse_day(since, "--since"),
        until=parse_day(until, "--until"),
        conflicts=conflicts,
        review_status=review_status,
    )


class Engine(StrEnum):
    local = "local"
    dask = "dask"


EngineOption = Annotated[
    Engine,
    typer.Option("--engine", help="local: worker processes on this machine; dask: a Dask cluster (claimgraph[dask])."),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address (tcp://HOST:8786); default: a LocalCluster of --workers."),
]
PartitionOption = Annotated[
    int,
    typer.Option("--partition-size", min=4096, help="Dask: bytes of .jsonl per task (small files are grouped)."),
]
