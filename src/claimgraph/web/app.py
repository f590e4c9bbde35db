"""The web app: REST API + server-rendered pages, on one claimgraph database.

``create_app(db)`` builds the FastAPI application; ``claimgraph serve`` runs it with uvicorn
on 127.0.0.1. Safety, in one place:

- every response carries a Content-Security-Policy without ``unsafe-inline`` (scripts and
  styles only from ``/static``), ``X-Content-Type-Options: nosniff``, ``Referrer-Policy:
  no-referrer`` and frame denial; templates autoescape every value, so text from sources is
  always text;
- request bodies over ``max_body`` bytes are refused (413) before they are read or parsed,
  whether or not they declare a length;
- expected errors map to their HTTP status with ``{"detail": ...}`` (pages: an error page);
  invalid parameters are 4xx, never 500.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimgraph import __version__
from claimgraph.errors import ClaimgraphError
from claimgraph.store.engine import connect
from claimgraph.web.auth import LoginThrottle

HERE = Path(__file__).parent
DEFAULT_MAX_BODY = 64 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    tile_url: str = ""  # e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (off by default: offline)
    tile_attribution: str = ""
    max_body: int = DEFAULT_MAX_BODY
    secure_cookies: bool = True


def csp(settings: Settings) -> str:
    img = "'self' data:"
    if settings.tile_url:
        parsed = urlparse(settings.tile_url.replace("{s}", "a"))
        host = parsed.netloc.replace("a.", "*.", 1) if "{s}" in settings.tile_url else parsed.netloc
        img += f" {parsed.scheme}://{host}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {img}; connect-src 'self'; font-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


class SecurityHeaders:
    """Adds the CSP and the other safety headers to every HTTP response."""

    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", policy.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.headers
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413, before the app reads them."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(send, self.limit)
            return
        seen = 0
        refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:  # a body without a declared length: answer now, stop reading
                    refused = True
                    await _too_large(send, self.limit)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:  # after the 413, whatever the app still says is dropped
                await send(message)

        try:
            await self.app(scope, counted, guarded_send)
        except Exception:
            if not refused:
                raise


async def _too_large(send: Send, limit: int) -> None:
    body = f'{{"detail": "request body over the limit of {limit} bytes"}}'.encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def http_url(url: str | None) -> str | None:
    """A source's URL if it is http(s); anything else (``javascript:``, ``data:``) is dropped."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else None


def create_app(db: str | Path | None = None, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="claimgraph",
        version=__version__,
        description="Events, claims of responsibility, attributions and actor affiliations, traced to sources.",
        openapi_url="/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.engine = connect(db)
    app.state.settings = settings
    app.state.throttle = LoginThrottle()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["http_url"] = http_url
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from claimgraph.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(ClaimgraphError)
    async def claimgraph_error(request: Request, exc: ClaimgraphError) -> Any:
        status = exc.http_status if exc.http_status < 500 else 500
        if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return pages.error_page(request, status, str(exc))

    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.add_middleware(SecurityHeaders, policy=csp(settings))
    return app


__all__ = ["Settings", "create_app"]
