"""The page of one strategic development (an announcement) and the analysts' decisions on it.

``/developments/<id>``: what the sources establish (kind, announcer, date, place, speaker, condition),
where they disagree, each source's sentences, and the review history; analysts confirm, reject or
reopen it with a form posted to ``/developments/<id>/review/<action>`` (the session's CSRF token, as
the events' review forms). Decisions go to ``development_status`` and the ``review_actions`` log.

Same rules as ``pages``: one connection per request, opened in the handler.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimgraph.errors import UsageError
from claimgraph.store.developments import development, set_status
from claimgraph.web.deps import reading, require_form_writer, writing
from claimgraph.web.pages import render

router = APIRouter(include_in_schema=False)

# the form's action -> the status it records
DECISIONS = {"confirm": "confirmed", "reject": "rejected", "reopen": "unreviewed"}


@router.get("/developments/{development_id}", response_class=HTMLResponse)
def development_page(request: Request, development_id: str) -> HTMLResponse:
    with reading(request, who=True) as conn:
        dv = development(conn, development_id)
    for rep in dv["reports"]:
        rep["sentences"] = [e["text"] for e in rep["evidence"] if e["field"] == "development"]
    return render(request, "development.html", dv=dv)


@router.post("/developments/{development_id}/review/{action}")
def development_review_form(
    request: Request,
    development_id: str,
    action: str,
    csrf: Annotated[str, Form(max_length=200)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    if action not in DECISIONS:
        raise UsageError(f"unknown review action {action!r}: use confirm, reject or reopen")
    with writing(request) as conn:
        who = require_form_writer(request, conn, csrf)
        set_status(conn, development_id, DECISIONS[action], who.user.name, note)
    return RedirectResponse(f"/developments/{quote(development_id, safe='')}", status_code=303)
