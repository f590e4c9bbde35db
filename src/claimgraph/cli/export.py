"""``claimgraph export``: events in ACLED-layout CSV, GeoJSON, STIX 2.1, JSON Lines or Parquet."""

from __future__ import annotations

import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

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
from claimgraph.cli.output import plural, stderr_console
from claimgraph.errors import UsageError
from claimgraph.pipeline.database import Store
from claimgraph.store.engine import DEFAULT_DB


class ExportFormat(StrEnum):
    csv = "csv"
    geojson = "geojson"
    stix = "stix"
    jsonl = "jsonl"
    parquet = "parquet"


def export_command(
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="csv (ACLED layout), geojson, stix (2.1 bundle), jsonl, parquet."),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, help="Write to FILE (default: stdout; parquet needs a file)."),
    ] = None,
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
    include_developments: Annotated[
        bool,
        typer.Option(
            "--include-developments",
            help="csv: add the strategic developments (announcements) as 'Strategic developments' rows. "
            "jsonl, geojson and stix always carry them.",
        ),
    ] = False,
) -> None:
    """Export canonical events (oldest first) with the same filters as `claimgraph events`.

    csv: ACLED's columns, then claimgraph's (claimed_by, attributed_to, conflicts, sources,
    ids); geojson: RFC 7946, one Feature per event; stix: a STIX 2.1 bundle (incidents,
    intrusion sets, locations, attributions, claims, memberships, reports) with stable ids;
    jsonl: one event per line with every assertion and its evidence; parquet: the csv columns,
    typed. Written as it is read (bounded memory); a file is written under a temporary name
    and renamed when complete. Column mapping: docs/exports.md.

    Example: claimgraph export --format stix --claimed-by IRI -o iri.stix.json
    """
    f = event_filter(actor, claimed_by, place, country, type_, since, until, conflicts, review_status)
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"cannot write {output}: directory {output.parent} does not exist")
    if output_format is ExportFormat.parquet and output is None:
        raise UsageError("parquet is binary: give a file with -o, e.g. -o events.parquet")
    started = time.perf_counter()
    with Store.open(db) as store:
        n = export_events(store, output_format, f, output, include_developments=include_developments)
    seconds = time.perf_counter() - started
    where = str(output) if output else "stdout"
    stderr_console().print(
        f"{plural(n, 'event')} exported as {output_format.value} to {where} in {seconds:.1f} s",
        markup=False,
        highlight=False,
    )


def export_events(
    store: Store, output_format: ExportFormat | str, f, output: Path | None, *, include_developments: bool = False
) -> int:
    """Write the export; to ``output`` atomically (temporary file + rename), else to stdout."""
    from functools import partial as bind

    from claimgraph.export import WRITERS

    writer = WRITERS[ExportFormat(output_format).value]
    if include_developments and ExportFormat(output_format) is ExportFormat.csv:
        writer = bind(writer, include_developments=True)
    with store.engine.connect() as conn:
        if output is None:
            n = writer(conn, f, sys.stdout)
            sys.stdout.flush()
            return n
        partial = output.with_name(output.name + ".partial")
        try:
            if output_format == ExportFormat.parquet:
                n = writer(conn, f, partial)
            else:
                with partial.open("w", encoding="utf-8", newline="") as fh:
                    n = writer(conn, f, fh)
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
    return n
