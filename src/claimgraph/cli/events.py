"""``claimgraph events`` (a filtered list) and ``claimgraph show EVENT_ID`` (one event, every source)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.markup import escape
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
from claimgraph.cli.output import stdout_console
from claimgraph.pipeline.database import Store
from claimgraph.store.engine import DEFAULT_DB


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def events_command(
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
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most N events (newest first).")] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="table, json or csv.")] = ListFormat.table,
) -> None:
    """List canonical events (newest first) with their consensus values and conflicts.

    Columns of json and csv are those of the ACLED-layout CSV export (docs/store.md).

    Example: claimgraph events --claimed-by "Islamic Resistance in Iraq" --country SY --since 2024-01-01
    """
    f = event_filter(actor, claimed_by, place, country, type_, since, until, conflicts, review_status)
    with Store.open(db) as store:
        frame = store.events(filter=f, limit=limit)
    if output_format is ListFormat.csv:
        frame.to_csv(sys.stdout, index=False)
        return
    if output_format is ListFormat.json:
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        return
    table = Table(header_style="bold", title=f"{len(frame)} events")
    for name in (
        "date",
        "type",
        "place",
        "country",
        "claimed by",
        "attributed to",
        "killed",
        "injured",
        "src",
        "conflicts",
        "id",
    ):
        table.add_column(name, overflow="fold")
    for r in frame.itertuples():
        table.add_row(
            *(
                Text(cell(v))
                for v in (
                    r.event_date,
                    r.sub_event_type,
                    r.location,
                    r.country_code,
                    r.claimed_by,
                    r.attributed_to,
                    _stated(r.fatalities, r.fatalities_high),
                    r.injuries,
                    r.sources_count,
                    r.conflicts,
                    r.claimgraph_event_id,
                )
            )
        )
    stdout_console().print(table)


def _stated(value: Any, high: Any) -> Any:
    """ACLED's fatalities column says 0 when no source gives a number: show blank then."""
    return None if cell(high) == "" else value


def cell(value: Any) -> str:
    import pandas as pd

    return "" if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) else str(value)


def show_command(
    event_id: Annotated[str, typer.Argument(help="An event id (see `claimgraph events`).", show_default=False)],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole record as JSON.")] = False,
) -> None:
    """Show one event: consensus, every source with its sentence, conflicts side by side, claim history.

    Example: claimgraph show evt_c0af822db2216b86
    """
    with Store.open(db) as store:
        detail = store.event(event_id)
    if as_json:
        sys.stdout.write(json.dumps(detail, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    console = stdout_console()
    e = detail["event"]
    console.print(f"[bold]{escape(e['id'])}[/]  {escape(e['sub_event_type'])}  ({e['review_status']})")
    rows = [
        ("date", f"{e['date']} ({e['date_precision']})" if e["date"] else ""),
        ("place", f"{e['place_name'] or ''} [{e['geo_precision'] or '-'}] {e['admin1'] or ''} {e['country'] or ''}"),
        ("coordinates", f"{e['latitude']}, {e['longitude']}" if e["latitude"] is not None else ""),
        ("weapons", ", ".join(e["weapons"])),
        ("claimed by", ", ".join(e["claimed_by"])),
        ("attributed to", ", ".join(e["attributed_to"])),
        ("target", e["target"] or ""),
        ("fatalities", _range(e, "fatalities")),
        ("injuries", _range(e, "injuries")),
        ("sources", f"{e['n_sources']} documents, {e['n_reports']} reports"),
    ]
    for name, value in rows:
        console.print(Text.assemble((f"  {name:<14}", "bold"), str(value)))
    if detail["conflicts"]:
        console.print("\n[bold]Sources disagree[/]")
        for name, values in detail["conflicts"].items():
            table = Table(title=name, title_justify="left", header_style="bold")
            table.add_column("value")
            table.add_column("sources")
            table.add_column("consensus")
            for v in values:
                shown = _value(name, v["value"])
                sources = ", ".join(
                    f"{s['outlet'] or s['ext_id']} ({s['published'] or 'undated'})" for s in v["sources"]
                )
                table.add_row(Text(str(shown)), Text(sources), "yes" if v["consensus"] else "")
            console.print(table)
    if detail["claim_history"]:
        console.print("\n[bold]Claim history[/]")
        for c in detail["claim_history"]:
            s = c["source"]
            console.print(
                Text(
                    f"  {s['published'] or 'undated'}  {c['claimant']}  [{c['status']}, {c['channel']}]  "
                    f"per {s['outlet'] or s['ext_id']}"
                )
            )
    if detail["attributions"]:
        console.print("\n[bold]Attributions[/]")
        for a in detail["attributions"]:
            by = f" by {a['said_by']}" if a["said_by"] else ""
            console.print(
                Text(f"  {a['attributed_to']} ({a['hedge']}){by}  per {a['source']['outlet'] or a['source']['ext_id']}")
            )
    console.print("\n[bold]Sources[/]")
    for r in detail["reports"]:
        s = r["source"]
        console.print(
            Text.assemble(
                ("  " + (s["outlet"] or s["ext_id"]), "bold"),
                f"  {s['published'] or 'undated'}  {s['title'] or ''}  report {r['id']}",
            )
        )
        for sentence in dict.fromkeys(ev["sentence"] for ev in r["evidence"]):
            console.print(Text(f"    “{sentence.strip()}”", style="italic"))
    if detail["review_history"]:
        console.print("\n[bold]Review history[/]")
        for a in detail["review_history"]:
            what = f" {a['field']}: {a['old_value']!r} -> {a['new_value']!r}" if a["action"] == "edit" else ""
            console.print(Text(f"  {a['at']:%Y-%m-%d %H:%M}  {a['user']}  {a['action']}{what}  {a['note'] or ''}"))


def _value(field: str, value: Any) -> str:
    """A field value as an analyst reads it."""
    if isinstance(value, dict) and field == "place":
        return f"{value['name']} ({value.get('country') or '?'}, {value.get('geo_precision') or '?'})"
    if isinstance(value, dict) and field == "date":
        return f"{value['date']} ({value['precision']})"
    if isinstance(value, list):
        return ", ".join(str(x) for x in value) or "(none)"
    return "(not stated)" if value is None else str(value)


def _range(e: dict[str, Any], name: str) -> str:
    best, low, high = e[name], e[f"{name}_low"], e[f"{name}_high"]
    if best is None:
        return "not stated"
    return str(best) if low == high else f"{best} (low {low}, high {high})"
