"""The pages of ``watch``: Sources (each followed source's last fetch) and Saved searches (what each
matched, when, which alerts went out; analysts add and remove them), and each saved search as an
Atom feed at ``/feeds/<name>.atom``.

Same rules as ``pages``: one connection per request, opened in the handler; forms post with the
session's CSRF token; adding or removing a saved search needs an analyst.
"""

from __future__ import annotations

from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimgraph.errors import UsageError
from claimgraph.store import schema
from claimgraph.store.filters import EventFilter
from claimgraph.watch.atom import search_feed
from claimgraph.watch.searches import add_search, list_searches, remove_search
from claimgraph.web.deps import reading, require_form_writer, writing
from claimgraph.web.pages import render

router = APIRouter(include_in_schema=False)
RECENT = 50


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    s, f = schema.watch_sources, schema.watch_fetches
    with reading(request, who=True) as conn:
        sources = conn.execute(sa.select(s).order_by(s.c.name)).mappings().all()
        fetches = conn.execute(sa.select(f).order_by(f.c.id.desc()).limit(RECENT)).mappings().all()
    return render(request, "sources.html", sources=sources, fetches=fetches)


@router.get("/searches", response_class=HTMLResponse)
def searches_page(request: Request) -> HTMLResponse:
    return _searches(request)


def _searches(request: Request, status: int = 200, message: str = "", secret: str = "") -> HTMLResponse:
    a = schema.search_alerts
    with reading(request, who=True) as conn:
        searches = list_searches(conn)
        alerts = conn.execute(sa.select(a).order_by(a.c.id.desc()).limit(RECENT * 4)).mappings().all()
    by_search: dict[str, list] = {}
    for alert in alerts:
        if len(by_search.setdefault(alert["search"], [])) < RECENT:
            by_search[alert["search"]].append(alert)
    return render(
        request,
        "searches.html",
        status=status,
        searches=searches,
        alerts=by_search,
        message=message,
        secret=secret,
        failed=status >= 400,
    )


@router.post("/searches", response_class=HTMLResponse)
def add_search_form(
    request: Request,
    csrf: Annotated[str, Form(max_length=200)] = "",
    name: Annotated[str, Form(max_length=80)] = "",
    actor: Annotated[str, Form(max_length=200)] = "",
    claimed_by: Annotated[str, Form(max_length=200)] = "",
    place: Annotated[str, Form(max_length=200)] = "",
    country: Annotated[str, Form(max_length=60)] = "",
    type: Annotated[str, Form(max_length=200)] = "",
    since: Annotated[str, Form(max_length=10)] = "",
    until: Annotated[str, Form(max_length=10)] = "",
    conflicts: Annotated[str, Form(max_length=5)] = "",
    webhook_url: Annotated[str, Form(max_length=2000)] = "",
    secret: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        f = EventFilter(
            actor=actor.strip() or None,
            claimed_by=claimed_by.strip() or None,
            place=place.strip() or None,
            country=country.strip() or None,
            type=type.strip() or None,
            since=since or None,
            until=until or None,
            conflicts=conflicts in ("1", "on", "true"),
        )
        with writing(request) as conn:
            who = require_form_writer(request, conn, csrf)
            row = add_search(
                conn, name.strip(), f, webhook_url=webhook_url.strip() or None, secret=secret or None, by=who.user.name
            )
    except UsageError as exc:
        if exc.http_status == 403:
            raise
        return _searches(request, status=400, message=str(exc))
    shown = row["secret"] if row["webhook_url"] and not secret else ""
    return _searches(request, message=f"Saved search {row['name']} added.", secret=shown)


@router.post("/searches/{name}/remove")
def remove_search_form(request: Request, name: str, csrf: Annotated[str, Form(max_length=200)] = "") -> Response:
    with writing(request) as conn:
        require_form_writer(request, conn, csrf)
        remove_search(conn, name)
    return RedirectResponse("/searches", status_code=303)


@router.get("/feeds/{name}.atom")
def search_atom(request: Request, name: str) -> Response:
    with reading(request) as conn:
        body = search_feed(conn, name, str(request.base_url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")


__all__ = ["router"]
