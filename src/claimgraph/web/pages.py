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
from claimgraph.models import EDITABLE
from claimgraph.store import schema
from claimgraph.store.actors import actor_detail, actor_table
from claimgraph.store.details import document_detail, event_detail, search
from claimgraph.store.developments import developments
from claimgraph.store.facets import status_counts, summary
from claimgraph.store.filters import EventFilter
from claimgraph.store.repository import acled_rows, event_rows
from claimgraph.web import auth
from claimgraph.web.api import ReviewStatus, actor_name_for, event_filter
from claimgraph.web.deps import known_principal, looked_up, principal, reading, settle_principal, writing
from claimgraph.web.marks import KINDS, highlighted, marked

router = APIRouter(include_in_schema=False)
PAGE = 50
FILTER_NAMES = ("actor", "claimed_by", "place", "country", "type", "since", "until", "conflicts", "review_status")


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


STATUS_LABELS = {
    "": "All but rejected",
    "unreviewed": "Unreviewed",
    "confirmed": "Confirmed",
    "edited": "Edited",
    "rejected": "Rejected",
}


def status_context(
    conn: Any, request: Request, f: EventFilter, action: str, counts: dict[str, int] | None = None
) -> dict[str, Any]:
    """The review-status links with their counts (the other filters kept), for ``_show.html``."""
    counts = counts if counts is not None else status_counts(conn, f)
    params = {k: v for k, v in request.query_params.items() if k not in ("page", "review_status", "done")}
    current = f.review_status or ""
    links = []
    for status, label in STATUS_LABELS.items():
        n = sum(v for k, v in counts.items() if k != "rejected") if not status else counts[status]
        query = urlencode({**params, "review_status": status} if status else params)
        links.append(
            {
                "status": status,
                "label": label,
                "count": n,
                "href": f"{action}?{query}" if query else action,
                "current": status == current,
            }
        )
    return {"status_links": links}


def facet_links(request: Request, action: str, found: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Facets as link lists: each value narrows the current filters to it (or, if already chosen, clears it)."""
    params = {k: v for k, v in request.query_params.items() if k not in ("page", "done")}
    titles = {"type": "Type", "country": "Country", "claimed_by": "Claimed by"}
    out = []
    for name, values in found.items():
        items = []
        for v in values:
            chosen = params.get(name, "").casefold() == str(v["value"]).casefold()
            query = {k: x for k, x in params.items() if k != name} if chosen else {**params, name: v["value"]}
            items.append({**v, "chosen": chosen, "href": f"{action}?{urlencode(query)}"})
        out.append({"name": name, "title": titles[name], "items": items})
    return out


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    f = _page_filter(request)  # invalid filters: a clear 400 page rather than an empty map
    with reading(request, who=True) as conn:
        counts = status_context(conn, request, f, "/")
    params = urlencode({k: v for k, v in request.query_params.items() if k in FILTER_NAMES})
    return render(request, "map.html", params=params, **counts)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request) -> HTMLResponse:
    f = _page_filter(request)
    with reading(request, who=True) as conn:
        counts = status_context(conn, request, f, "/timeline")
    return render(request, "timeline.html", **counts)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    f = _page_filter(request)
    with reading(request, who=True) as conn:
        found = summary(conn, f)  # the total, the status counts and the facets in two scans
        total = found.total
        rows = acled_rows(conn, event_rows(conn, f, limit=PAGE, offset=(page - 1) * PAGE))
        counts = status_context(conn, request, f, "/events", found.statuses)
        facet_rows = facet_links(request, "/events", found.facets)
    params = {k: v for k, v in request.query_params.items() if k != "page"}
    return render(
        request,
        "events.html",
        facets=facet_rows,
        **counts,
        rows=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE)),
        params=urlencode(params),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(
    request: Request, event_id: str, done: Annotated[str | None, Query(max_length=12)] = None
) -> HTMLResponse:
    from claimgraph.web.review_pages import action_notice

    with reading(request, who=True) as conn:
        detail = event_detail(conn, event_id)
        notice = action_notice(conn, done)
    anchors: dict[tuple[str, int], str] = {}
    for report in detail["reports"]:
        quotes: dict[int, dict[str, Any]] = {}
        extra = [ev for a in detail["attributions"] if a["report_id"] == report["id"] for ev in a["evidence"]]
        for ev in report["evidence"] + extra:
            q = quotes.setdefault(ev["sentence_start"], {"sentence": ev["sentence"], "fields": [], "spans": []})
            q["fields"].append(ev["field"])
            q["spans"].append((ev["start"], ev["end"]))
        report["quotes"] = []
        for s0, q in sorted(quotes.items()):
            anchor = f"q-{report['id']}-{s0}"
            anchors[(report["source"]["id"], s0)] = anchor
            report["quotes"].append(
                {"anchor": anchor, "fields": sorted(set(q["fields"])), "parts": marked(q["sentence"], s0, q["spans"])}
            )
    for a in detail["attributions"]:
        a["anchor"] = next((anchors.get((a["source"]["id"], ev["sentence_start"])) for ev in a["evidence"]), None)
        a["parts"] = [
            marked(ev["sentence"], ev["sentence_start"], [(ev["start"], ev["end"])]) for ev in a["evidence"][:1]
        ]
    return render(
        request,
        "event.html",
        d=detail,
        e=detail["event"],
        editable=EDITABLE,
        conflicts=conflict_tables(detail),
        notice=notice,
        others=request.query_params.get("others", ""),
    )


def conflict_tables(detail: dict[str, Any]) -> list[dict[str, Any]]:
    """Each disagreement as a table: every value with its number of sources, the value in use
    marked (the analyst's, the consensus, or for a list field the values the event holds), and
    whether the value in use has a majority behind it."""
    e = detail["event"]
    tables = []
    for field, values in detail["conflicts"].items():
        analyst = any(v["origin"] == "analyst" for v in values)
        rows = []
        for v in values:
            n = len({s["id"] for s in v["sources"]}) or len(v["report_ids"])
            if analyst:
                used = v["origin"] == "analyst"
            elif isinstance(v["value"], list) and isinstance(e.get(field), list):
                used = v["consensus"] or (bool(v["value"]) and set(map(str, v["value"])) <= set(map(str, e[field])))
            else:
                used = bool(v["consensus"])
            rows.append({**v, "count": n, "used": used})
        rows.sort(key=lambda r: (not r["used"], -r["count"]))
        machine = [r for r in rows if r["origin"] != "analyst"]
        counts = sorted((r["count"] for r in machine), reverse=True)
        used = max((r["count"] for r in machine if r["used"]), default=0)
        top = counts[0] if counts else 0
        split = not analyst and len(counts) > 1 and counts[0] == counts[1] and used == top
        if analyst:
            basis = "chosen by an analyst"
        elif split:
            basis = f"no majority: {counts[0]} source(s) against {counts[1]}; the value in use is the machine's pick"
        elif used == top:
            basis = f"majority: {top} source(s) of {sum(counts)}"
        else:
            basis = (
                f"the value in use has {used} source(s), another has {top}: "
                "the machine preferred it (later or more precise reports); check it"
            )
            split = True
        tables.append({"field": field, "rows": rows, "basis": basis, "split": split})
    return tables


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
    kinds = {kind for _, _, kind, _ in spans}
    legend = [(cls, label) for kind, (cls, label) in KINDS.items() if kind in kinds]
    return render(
        request, "document.html", d=detail, doc=detail["document"], parts=highlighted(text, spans), legend=legend
    )


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
