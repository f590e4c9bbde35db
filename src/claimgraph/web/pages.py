"""Server-rendered pages: map, timeline, events, event, actors, actor, document, search, review, login.

Templates autoescape everything; text from sources reaches them as plain strings (evidence
highlights are computed here as segments, so no HTML from a source is ever marked safe). Forms
post with the session's CSRF token; review actions need an analyst.

Each page opens one connection (``reading(request, who=True)``), which also settles who is
asking; ``render`` and ``error_page`` then reuse that answer (see ``deps``).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

import sqlalchemy as sa
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimgraph.errors import ClaimgraphError, UsageError
from claimgraph.reconcile.consensus import EDITABLE
from claimgraph.store import schema
from claimgraph.store.actors import actor_detail, actor_table
from claimgraph.store.details import document_detail, event_detail, search
from claimgraph.store.developments import developments
from claimgraph.store.filters import EventFilter, where
from claimgraph.store.repository import acled_rows, event_rows
from claimgraph.web import auth
from claimgraph.web.api import ReviewRequest, ReviewStatus, actor_name_for, apply_review, event_filter
from claimgraph.web.deps import (
    known_principal,
    looked_up,
    principal,
    reading,
    require_form_writer,
    settle_principal,
    writing,
)

router = APIRouter(include_in_schema=False)
PAGE = 50


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page, for whoever is asking (looked up on the request's connection unless already known)."""
    settle_principal(request)
    who = known_principal(request)
    settings = request.app.state.settings
    context.update(
        user=who.user if who else None,
        csrf=auth.mask_csrf(who.csrf) if who and who.csrf else "",
        can_review=bool(who and who.user.can("analyst")),
        tile_url=settings.tile_url,
        tile_attribution=settings.tile_attribution,
        query=dict(request.query_params),
    )
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)


def error_page(request: Request, status: int, message: str, *, database: bool = True) -> HTMLResponse:
    """The error page. It uses no connection when the request already knows who is asking, or when
    ``database`` is false (the database is what failed); a failed look-up shows it anonymously."""
    if database:
        try:
            settle_principal(request)
        except (ClaimgraphError, sa.exc.SQLAlchemyError):  # already answering an error: show it anonymously
            request.state.principal = None
    elif not looked_up(request):
        request.state.principal = None
    return render(request, "error.html", status=status, status_code=status, message=message)


def _page_filter(request: Request) -> EventFilter:
    q = request.query_params
    try:
        return event_filter(
            actor=q.get("actor"),
            claimed_by=q.get("claimed_by"),
            place=q.get("place"),
            country=q.get("country"),
            type=q.get("type"),
            since=_day(q.get("since")),
            until=_day(q.get("until")),
            conflicts=q.get("conflicts") in ("1", "true", "on"),
            review_status=ReviewStatus(q["review_status"]) if q.get("review_status") else None,
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _day(value: str | None):
    from datetime import date

    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{value!r} is not a date: use YYYY-MM-DD") from None


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    _page_filter(request)  # invalid filters: a clear 400 page rather than an empty map
    return render(request, "map.html")


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request) -> HTMLResponse:
    _page_filter(request)
    return render(request, "timeline.html")


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    f = _page_filter(request)
    with reading(request, who=True) as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(schema.events).where(*where(conn, f))).scalar_one()
        rows = acled_rows(conn, event_rows(conn, f, limit=PAGE, offset=(page - 1) * PAGE))
    params = {k: v for k, v in request.query_params.items() if k != "page"}
    return render(
        request,
        "events.html",
        rows=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE)),
        params=urlencode(params),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    with reading(request, who=True) as conn:
        detail = event_detail(conn, event_id)
    for report in detail["reports"]:
        quotes: dict[int, dict[str, Any]] = {}
        for ev in report["evidence"]:
            q = quotes.setdefault(ev["sentence_start"], {"sentence": ev["sentence"], "fields": [], "spans": []})
            q["fields"].append(ev["field"])
            q["spans"].append((ev["start"], ev["end"]))
        report["quotes"] = [
            {"fields": sorted(set(q["fields"])), "parts": _marked(q["sentence"], s0, q["spans"])}
            for s0, q in sorted(quotes.items())
        ]
    return render(request, "event.html", d=detail, e=detail["event"], editable=EDITABLE)


def _marked(sentence: str, offset: int, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The sentence as (text, highlighted) parts, every evidence span highlighted."""
    marks = [False] * len(sentence)
    for start, end in spans:
        for i in range(max(0, start - offset), max(0, min(len(sentence), end - offset))):
            marks[i] = True
    parts: list[tuple[str, bool]] = []
    for i, ch in enumerate(sentence):
        if parts and parts[-1][1] == marks[i]:
            parts[-1] = (parts[-1][0] + ch, marks[i])
        else:
            parts.append((ch, marks[i]))
    return parts


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, q: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    with reading(request, who=True) as conn:
        rows = actor_table(conn, q or None)
    return render(request, "actors.html", rows=rows)


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str) -> HTMLResponse:
    with reading(request, who=True) as conn:
        detail = actor_detail(conn, actor_name_for(conn, actor_id))
        announcements = developments(conn, actor=detail["actor"]["name"])
    key = detail["actor"]["actor_id"] or f"name:{detail['actor']['name']}"
    claimed = [e for e in detail["events"] if "claimed" in e["roles"]]
    attributed = [e for e in detail["events"] if "attributed" in e["roles"]]
    return render(
        request,
        "actor.html",
        d=detail,
        a=detail["actor"],
        key=quote(key, safe=""),
        claimed=claimed,
        attributed=attributed,
        announcements=announcements,
    )


_KIND_CLASS = {"actor": "hl-actor", "place": "hl-place", "date": "hl-date", "weapons": "hl-weapon"}


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    with reading(request, who=True) as conn:
        detail = document_detail(conn, doc_id)
        ev = schema.evidence
        weapons = conn.execute(
            sa.select(ev.c.start, ev.c.end).where(ev.c.doc_id == detail["document"]["id"], ev.c.field == "weapons")
        ).all()
    text = detail["document"]["text"]
    spans = [(m["start"], m["end"], m["kind"], m["name"]) for m in detail["mentions"]]
    spans += [(s, e, "weapons", "weapon") for s, e in weapons]
    return render(request, "document.html", d=detail, doc=detail["document"], parts=_highlight(text, spans))


def _highlight(text: str, spans: list[tuple[int, int, str, str]]) -> list[tuple[str, str, str]]:
    """(text, css class, title) parts; overlapping spans: the first (earliest, longest) wins."""
    parts: list[tuple[str, str, str]] = []
    pos = 0
    for start, end, kind, name in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos or start >= end or end > len(text):
            continue
        parts.append((text[pos:start], "", ""))
        parts.append((text[start:end], _KIND_CLASS.get(kind, "hl-actor"), f"{kind}: {name}"))
        pos = end
    parts.append((text[pos:], "", ""))
    return [p for p in parts if p[0]]


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    hits: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    if q.strip():
        with reading(request, who=True) as conn:
            try:
                hits = search(conn, q, 30)
            except UsageError:
                hits = []
            for h in hits:
                h["parts"] = _snippet_parts(h.get("snippet") or "")
            events = acled_rows(conn, event_rows(conn, EventFilter(place=q), limit=10)) if len(q) >= 3 else []
            events += (
                [r for r in acled_rows(conn, event_rows(conn, EventFilter(actor=q), limit=10)) if r not in events]
                if len(q) >= 2
                else []
            )
    return render(request, "search.html", q=q, hits=hits, events=events)


def _snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """FTS snippets mark matches with [ ]: split them into plain-text parts (never HTML)."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while "[" in rest and "]" in rest[rest.index("[") :]:
        i = rest.index("[")
        j = rest.index("]", i)
        parts += [(rest[:i], False), (rest[i + 1 : j], True)]
        rest = rest[j + 1 :]
    parts.append((rest, False))
    return [p for p in parts if p[0]]


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request) -> HTMLResponse:
    with reading(request, who=True) as conn:
        rows = acled_rows(conn, event_rows(conn, EventFilter(review_status="unreviewed"), limit=200))
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
    rows.sort(key=lambda r: (not r["conflicts"], r["event_date"] or ""), reverse=False)
    return render(request, "review.html", rows=rows, proposed=proposed)


@router.post("/review/{event_id}/{action}")
def review_form(
    request: Request,
    event_id: str,
    action: str,
    csrf: Annotated[str, Form(max_length=200)] = "",
    field: Annotated[str, Form(max_length=20)] = "",
    value: Annotated[str, Form(max_length=2000)] = "",
    others: Annotated[str, Form(max_length=2000)] = "",
    reports: Annotated[list[str] | None, Form()] = None,
    note: Annotated[str, Form(max_length=2000)] = "",
    back: Annotated[str, Form(max_length=20)] = "event",
) -> Response:
    if action not in ("confirm", "edit", "merge", "split", "reject", "reopen"):
        raise UsageError(f"unknown review action {action!r}")
    body = ReviewRequest(
        action=action,
        field=field or None,
        value=value,
        others=[o.strip() for o in others.split(",") if o.strip()],
        reports=reports or [],
        note=note,
    )
    with writing(request) as conn:
        who = require_form_writer(request, conn, csrf)
        result = apply_review(conn, event_id, body, who.user.name)
    target = result.get("new_event_id") if action == "split" else event_id
    where_to = "/review" if back == "queue" else f"/events/{quote(target, safe='')}"
    return RedirectResponse(where_to, status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: Annotated[str, Query(max_length=300)] = "/") -> HTMLResponse:
    return render(request, "login.html", next=_safe_next(next), message="")


def _safe_next(target: str) -> str:
    """Only local paths: never redirect to another site after logging in."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    name: Annotated[str, Form(max_length=80)],
    password: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=300)] = "/",
) -> Response:
    throttle = request.app.state.throttle
    client = f"ip:{request.client.host if request.client else '?'}"
    keys = (f"user:{name}", client)
    if throttle.blocked(*keys):
        return render(
            request,
            "login.html",
            status=429,
            next=_safe_next(next),
            message="Too many failed attempts: wait 15 minutes and try again.",
        )
    with writing(request, who=True) as conn:
        user = auth.authenticate(conn, name, password)
        if user is not None:
            throttle.succeeded(*keys)
            token, _ = auth.start_session(conn, user)
    if user is None:  # rendered after the connection is back in the pool, never while holding it
        throttle.failed(*keys)
        return render(request, "login.html", status=401, next=_safe_next(next), message="Wrong user name or password.")
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        auth.SESSION_COOKIE,
        token,
        max_age=auth.SESSION_HOURS * 3600,
        httponly=True,
        samesite="strict",
        secure=request.app.state.settings.secure_cookies,
        path="/",
    )
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form(max_length=200)] = "") -> Response:
    with writing(request) as conn:
        who = principal(request, conn)
        if who and who.via == "session" and auth.csrf_matches(csrf, who.csrf):
            auth.end_session(conn, request.cookies.get(auth.SESSION_COOKIE))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


__all__ = ["error_page", "router"]
