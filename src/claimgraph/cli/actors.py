"""``claimgraph actors [NAME]``: the actor list with activity, or one actor in detail."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from claimgraph.cli.options import DbOption
from claimgraph.cli.output import stdout_console
from claimgraph.pipeline.database import Store
from claimgraph.store.engine import DEFAULT_DB


def actors_command(
    name: Annotated[
        str | None, typer.Argument(help="An actor name or alias (any language).", show_default=False)
    ] = None,
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Actors with their aliases, relations and activity; with NAME, one actor in detail.

    The detail keeps the roles apart: events the actor claimed, events others attribute to
    it, and its membership / sponsorship edges, each with confidence, evidence count,
    first and last seen, and the sentences that state it.

    Example: claimgraph actors "Kataib Hezbollah"
    """
    console = stdout_console()
    with Store.open(db) as store:
        if name is None:
            frame = store.actors()
            if as_json:
                sys.stdout.write(frame.to_json(orient="records", force_ascii=False, date_format="iso") + "\n")
                return
            table = Table(header_style="bold", title=f"{len(frame)} actors")
            for col in ("name", "kind", "claimed", "attributed", "involved", "first", "last", "relations", "aliases"):
                table.add_column(col, overflow="fold")
            for r in frame.itertuples():
                table.add_row(
                    *(
                        Text("" if v is None else str(v))
                        for v in (
                            r.name,
                            r.kind,
                            r.events_claimed,
                            r.events_attributed,
                            r.events_involved,
                            r.first_activity,
                            r.last_activity,
                            r.relations,
                            ", ".join(r.aliases[:4]),
                        )
                    )
                )
            console.print(table)
            return
        detail = store.actor(name)
    if as_json:
        sys.stdout.write(json.dumps(detail, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    a = detail["actor"]
    console.print(Text.assemble((a["name"], "bold"), f"  ({a['kind']}{', ' + a['country'] if a['country'] else ''})"))
    if detail["description"]:
        console.print(Text(detail["description"]))
    if a["aliases"]:
        console.print(Text("aliases: " + ", ".join(a["aliases"])))
    if a["aliases_ar"]:
        console.print(Text("Arabic: " + "، ".join(a["aliases_ar"])))
    console.print(
        Text(
            f"events: {a['events_claimed']} claimed, {a['events_attributed']} attributed, "
            f"{a['events_involved']} involved; "
            f"first {a['first_activity'] or '-'}, last {a['last_activity'] or '-'}"
        )
    )
    if detail["relations"]:
        table = Table(header_style="bold", title="relations")
        for col in ("subject", "relation", "object", "confidence", "KB", "statements", "first seen", "last seen"):
            table.add_column(col, overflow="fold")
        for r in detail["relations"]:
            table.add_row(
                *(
                    Text(str(v) if v is not None else "")
                    for v in (
                        r["subject_name"],
                        r["predicate"],
                        r["object_name"],
                        r["confidence"],
                        "yes" if r["in_kb"] else "",
                        r["evidence_count"],
                        r["first_seen"],
                        r["last_seen"],
                    )
                )
            )
        console.print(table)
        for r in detail["relations"]:
            for ev in r["evidence"][:3]:
                console.print(
                    Text(
                        f"  {r['subject_name']} {r['predicate']} {r['object_name']}: “{ev['text']}” "
                        f"({ev['ext_id']}, {ev['published'] or 'undated'})",
                        style="italic",
                    )
                )
    if detail["activity_by_month"]:
        console.print(
            Text("activity by month: " + ", ".join(f"{k}: {v}" for k, v in detail["activity_by_month"].items()))
        )
