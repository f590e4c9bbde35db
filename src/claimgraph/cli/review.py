"""``claimgraph review``: the analyst's queue and decisions (confirm, edit, merge, split, reject,
reopen, undo).

Every decision changes only the events it names, is appended to the audit log (shown by
`claimgraph show`) with what moved where and the values before and after, and survives
re-ingest and re-reconcile: the machine never overwrites an analyst. ``merge`` and ``split``
take ``--dry-run`` to print what they would do. Values are checked by the store
(``store.validate``): a bad one exits with code 2 and changes nothing.
"""

from __future__ import annotations

import getpass
import json
import sys
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from claimgraph.cli.events import _value, cell
from claimgraph.cli.options import DbOption
from claimgraph.cli.output import stderr_console, stdout_console
from claimgraph.pipeline import review as actions
from claimgraph.pipeline.database import Store
from claimgraph.store import validate
from claimgraph.store.engine import DEFAULT_DB

app = typer.Typer(
    no_args_is_help=True,
    help="Review events: list the queue, confirm, edit a field, merge, split, reject, reopen, undo.\n\n"
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
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Print what would change; change nothing.")]
JsonOption = Annotated[bool, typer.Option("--json", help="With --dry-run: print the preview as JSON.")]


def _done(message: str) -> None:
    stderr_console().print(message, markup=False, highlight=False)


def _outcome_lines(outcome: dict[str, Any]) -> list[str]:
    """An action's outcome (its audit detail, or a preview) as lines an analyst reads."""
    lines = [f"  {m['report']}: {m['from'] or '(none)'} -> {m['to'] or '(none)'}" for m in outcome.get("moves", [])]
    lines = ["reports moved:", *lines] if lines else []
    for event_id, fields in outcome.get("values", {}).items():
        shown = {k: v for k, v in fields.items() if k != "review_status"}
        if all(v["before"] is None for v in fields.values()):
            summary = (_value(k, shown[k]["after"]) for k in ("date", "place", "sub_event_type") if k in shown)
            lines.append(f"  {event_id} (new event): {'; '.join(summary)}")
        elif all(v["after"] is None for v in fields.values()):
            lines.append(f"  {event_id}: no longer an event (its reports moved)")
        else:
            lines += [
                f"  {event_id} {name}: {_value(name, v['before'])} -> {_value(name, v['after'])}"
                for name, v in shown.items()
            ]
    for name, pick in outcome.get("chosen", {}).items():
        lines.append(f"  {name}: kept {_value(name, pick['value'])} from {pick['from']} ({pick['by']})")
    for report_id, event_id in outcome.get("kept_out", []):
        lines.append(f"  {report_id} stays in its event (kept out of {event_id})")
    for event_id in outcome.get("held", []):
        lines.append(f"  {event_id} held as it was")
    return lines


def _preview(outcome: dict[str, Any], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(outcome, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    console = stdout_console()
    console.print(Text("would change (nothing was changed):"))
    for line in _outcome_lines(outcome) or ["  nothing"]:
        console.print(Text(line))


def _audit_detail(store: Store, action_id: int) -> dict[str, Any]:
    import sqlalchemy as sa

    from claimgraph.store import schema

    t = schema.review_actions
    with store.engine.connect() as conn:
        return conn.execute(sa.select(t.c.detail).where(t.c.id == action_id)).scalar() or {}


def _parse_keep(keep: list[str]) -> dict[str, str]:
    from claimgraph.errors import UsageError

    out: dict[str, str] = {}
    for item in keep:
        name, sep, event_id = item.partition("=")
        if not sep or not name.strip() or not event_id.strip():
            raise UsageError(f"--keep {item!r}: use FIELD=EVENT_ID, e.g. --keep date=evt_bbb")
        out[name.strip()] = event_id.strip()
    return out


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
            parsed = validate.parse_value(conn, field, value)
        store.edit(event_id, field, parsed, user, note)
    _done(f"{event_id}: {field} set to {parsed!r}")


@app.command("merge")
def merge(
    event_id: EventArg,
    others: Annotated[list[str], typer.Argument(help="Events merged into EVENT_ID.", show_default=False)],
    keep: Annotated[
        list[str] | None,
        typer.Option(
            "--keep",
            help="FIELD=EVENT: that merged event's value of FIELD wins (repeatable); FIELD=machine: the "
            "sources decide. Where the events disagree and no --keep names the field, EVENT_ID's value is kept.",
        ),
    ] = None,
    dry_run: DryRunOption = False,
    as_json: JsonOption = False,
    db: DbOption = DEFAULT_DB,
    user: UserOption = ...,
    note: NoteOption = "",
) -> None:
    """Merge events into the first one (their reports move; its id stays, the others redirect to it).

    Example: claimgraph review merge evt_aaa evt_bbb --keep date=evt_bbb --dry-run
    """
    choose = _parse_keep(keep or [])
    with Store.open(db) as store:
        if dry_run:
            _preview(store.preview_merge(event_id, others, choose), as_json)
            return
        action = store.merge(event_id, others, user, note, choose)
        lines = _outcome_lines(_audit_detail(store, action))
    _done("\n".join([f"merged {', '.join(others)} into {event_id} (action #{action})", *lines]))


@app.command("split")
def split(
    event_id: EventArg,
    reports: Annotated[
        list[str], typer.Argument(help="Report ids moved to a new event (see `show`).", show_default=False)
    ],
    dry_run: DryRunOption = False,
    as_json: JsonOption = False,
    db: DbOption = DEFAULT_DB,
    user: UserOption = ...,
    note: NoteOption = "",
) -> None:
    """Move some of an event's reports into a new event (no other event changes).

    Example: claimgraph review split evt_aaa rep_0123456789abcdef --dry-run
    """
    with Store.open(db) as store:
        if dry_run:
            _preview(store.preview_split(event_id, reports), as_json)
            return
        action, new_id = store.split(event_id, reports, user, note)
        lines = _outcome_lines(_audit_detail(store, action))
    _done("\n".join([f"split {len(reports)} report(s) of {event_id} into {new_id} (action #{action})", *lines]))


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


@app.command("undo")
def undo(event_id: EventArg, db: DbOption = DEFAULT_DB, user: UserOption = ..., note: NoteOption = "") -> None:
    """Undo the last review action on an event: what it changed is put back, and an id it made that
    is gone (a split-off event) redirects to where its reports went. The undo is audited too.

    Example: claimgraph review undo evt_aaa --note "split by mistake"
    """
    with Store.open(db) as store:
        action = store.undo(event_id, user, note)
        detail = _audit_detail(store, action)
        lines = _outcome_lines(detail)
    _done("\n".join([f"undid action #{detail.get('undoes')} ({detail.get('undone_action')}) on {event_id}", *lines]))
