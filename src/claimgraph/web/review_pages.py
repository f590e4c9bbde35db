"""The review pages: the queue (rows an analyst can decide from, duplicate suggestions), the merge
and split previews (what moves where, which values change, the winning value per field), the
review forms, and the notice after an action (what it did, with an Undo button).

Every action goes through ``pipeline.review`` (the same checks and audit as the CLI and the API);
nothing here decides a value.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

import sqlalchemy as sa
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimgraph.errors import NotFound, UsageError
from claimgraph.models import EDITABLE
from claimgraph.pipeline import review
from claimgraph.pipeline.journal import all_values, value_key
from claimgraph.store import schema
from claimgraph.store.filters import EventFilter
from claimgraph.store.queue import duplicate_pairs, key_sentences
from claimgraph.store.repository import acled_rows, event_rows
from claimgraph.web.api import ReviewRequest, apply_review
from claimgraph.web.deps import reading, require_analyst, require_form_writer, writing
from claimgraph.web.marks import marked
from claimgraph.web.pages import render, status_context

router = APIRouter(include_in_schema=False)
QUEUE = 200
ACTIONS = ("confirm", "edit", "merge", "split", "reject", "reopen", "undo")
_DONE = {
    "confirm": "Confirmed",
    "edit": "Edited",
    "merge": "Merged",
    "split": "Split",
    "reject": "Rejected",
    "reopen": "Reopened",
    "undo": "Undid the last action on",
}


def action_notice(conn: Any, action_id: str | None) -> dict[str, Any] | None:
    """What review action ``action_id`` did, for the notice shown after it (None: no such action)."""
    if not action_id or not action_id.isdigit() or len(action_id) > 12:
        return None
    t = schema.review_actions
    row = conn.execute(sa.select(t).where(t.c.id == int(action_id))).mappings().first()
    if row is None:
        return None
    detail = row["detail"] or {}
    e = schema.events
    event = conn.execute(
        sa.select(e.c.id, e.c.date, e.c.sub_event_type, e.c.place_name).where(e.c.id == row["event_id"])
    ).first()
    what = (
        f"{event.sub_event_type} at {event.place_name or 'an unknown place'}, {event.date or 'undated'}"
        if event
        else row["event_id"]
    )
    text = f"{_DONE.get(row['action'], row['action'])} {what}"
    if row["action"] == "merge":
        text += (
            f": {len(detail.get('merged', []))} event(s) and {len(detail.get('reports', []))} report(s) moved into it"
        )
    if row["action"] == "split":
        text += f": {len(detail.get('reports', []))} report(s) moved to a new event"
    if row["note"]:
        text += f" (reason: {row['note']})"
    undone = conn.execute(
        sa.select(t.c.id).where(t.c.action == "undo", t.c.event_id == row["event_id"], t.c.id > row["id"])
    ).first()
    return {
        "id": row["id"],
        "action": row["action"],
        "event_id": row["event_id"],
        "text": text + ".",
        "can_undo": row["action"] != "undo" and undone is None,
    }


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, done: Annotated[str | None, Query(max_length=12)] = None) -> HTMLResponse:
    with reading(request, who=True) as conn:
        rows = acled_rows(conn, event_rows(conn, EventFilter(review_status="unreviewed"), limit=QUEUE))
        rows.sort(key=lambda r: (not r["conflicts"], r["event_date"] or ""))
        ids = [r["claimgraph_event_id"] for r in rows]
        sentences = key_sentences(conn, ids)
        for r in rows:
            key = sentences.get(r["claimgraph_event_id"])
            r["key"] = key and {**key, "parts": marked(key["sentence"], key["sentence_start"], key["spans"])}
        pairs = duplicate_pairs(conn, ids)
        t = schema.new_actors
        proposed = (
            conn.execute(
                sa.select(t.c.name, t.c.pattern, sa.func.count().label("n"))
                .where(t.c.status == "proposed")
                .group_by(t.c.name, t.c.pattern)
                .order_by(sa.func.count().desc(), t.c.name)
                .limit(100)
            )
            .mappings()
            .all()
        )
        notice = action_notice(conn, done)
        counts = status_context(conn, request, EventFilter(review_status="unreviewed"), "/events")
    return render(request, "review.html", rows=rows, pairs=pairs, proposed=proposed, notice=notice, **counts)


def _rows(conn: Any, ids: list[str]) -> list[dict[str, Any]]:
    e = schema.events
    found = {r["id"]: dict(r) for r in conn.execute(sa.select(e).where(e.c.id.in_(ids))).mappings()}
    return [found[i] for i in ids if i in found]


def _others(text: str) -> list[str]:
    return [o.strip() for o in text.replace(" ", ",").split(",") if o.strip()]


def _choices(conn: Any, events: list[str]) -> list[dict[str, Any]]:
    """The fields on which the merged events differ (two values, or a value and none), each with the
    events that state a value and their values: the analyst picks one, or lets the sources decide."""
    values = all_values(conn, events)
    out = []
    for name in EDITABLE:
        given = [(e, values[e][name]) for e in events if values[e][name] not in (None, [])]
        if len({value_key(v) for _, v in given}) > 1 or (given and len(given) < len(events)):
            out.append({"field": name, "values": given, "single": name in review.SINGLE_VALUED})
    return out


@router.get("/events/{event_id}/merge", response_class=HTMLResponse)
def merge_preview(
    request: Request,
    event_id: str,
    others: Annotated[str, Query(max_length=2000)] = "",
) -> HTMLResponse:
    """The merge as it would be: reports moved, values before and after, a choice per field."""
    q = request.query_params
    choose = {k[7:]: v for k, v in q.items() if k.startswith("choose_") and v}
    ids = _others(others)
    error, preview, choices = "", None, []
    with writing(request, who=True) as conn:
        require_analyst(request, conn, how="log in")
        try:
            if not ids:
                raise UsageError("name the events to merge into this one (their ids, comma-separated)")
            preview = review.preview_merge(conn, event_id, ids, choose)
            choices = _choices(conn, [event_id, *ids])
            rows = acled_rows(conn, _rows(conn, [event_id, *ids]))
        except (NotFound, UsageError) as exc:
            error, rows = str(exc), []
    return render(
        request,
        "review_preview.html",
        status=400 if error else 200,
        kind="merge",
        event_id=event_id,
        others=others,
        error=error,
        preview=preview,
        choices=choices,
        choose=choose,
        rows=rows,
        back=q.get("back", "event"),
    )


@router.get("/events/{event_id}/split", response_class=HTMLResponse)
def split_preview(
    request: Request,
    event_id: str,
    reports: Annotated[list[str] | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """The split as it would be: which reports move to the new event, values before and after."""
    error, preview = "", None
    with writing(request, who=True) as conn:
        require_analyst(request, conn, how="log in")
        try:
            preview = review.preview_split(conn, event_id, reports or [])
        except (NotFound, UsageError) as exc:
            error = str(exc)
    return render(
        request,
        "review_preview.html",
        status=400 if error else 200,
        kind="split",
        event_id=event_id,
        reports=reports or [],
        error=error,
        preview=preview,
        choices=[],
        choose={},
        rows=[],
        back="event",
    )


@router.post("/review/{event_id}/{action}")
async def review_form(request: Request, event_id: str, action: str) -> Response:
    form = await request.form()
    return await _run(request, event_id, action, form)


async def _run(request: Request, event_id: str, action: str, form: Any) -> Response:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_apply_form, request, event_id, action, form)


def _field(form: Any, name: str, limit: int = 2000) -> str:
    value = form.get(name) or ""
    if not isinstance(value, str) or len(value) > limit:
        raise UsageError(f"form field {name!r}: at most {limit} characters of text")
    return value


def _apply_form(request: Request, event_id: str, action: str, form: Any) -> Response:
    if action not in ACTIONS:
        raise UsageError(f"unknown review action {action!r}")
    note = _field(form, "note").strip()
    if action == "reject" and not note:
        raise UsageError("say why the event is rejected (the reason is kept in the audit log)")
    choose = {}
    for key in form:
        if key.startswith("choose_") and len(choose) < len(EDITABLE):
            value = _field(form, key, 64)
            if value:
                choose[key[7:]] = value
    body = ReviewRequest(
        action=action,
        field=_field(form, "field", 20) or None,
        value=_field(form, "value"),
        others=_others(_field(form, "others")),
        reports=[r for r in form.getlist("reports") if isinstance(r, str)][:500],
        choose=choose,
        note=note,
    )
    with writing(request) as conn:
        who = require_form_writer(request, conn, _field(form, "csrf", 200))
        result = apply_review(conn, event_id, body, who.user.name)
    done = urlencode({"done": result["action_id"]})
    if _field(form, "back", 20) == "queue":
        return RedirectResponse(f"/review?{done}", status_code=303)
    target = result.get("new_event_id") or event_id
    return RedirectResponse(f"/events/{quote(target, safe='')}?{done}", status_code=303)


__all__ = ["action_notice", "router"]
