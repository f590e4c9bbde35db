"""The web app: REST API + server-rendered pages, on one claimgraph database.

``create_app(db)`` builds the FastAPI application; ``claimgraph serve`` runs it with uvicorn
on 127.0.0.1. Safety, in one place:

- every response carries a Content-Security-Policy without ``unsafe-inline`` (scripts and
  styles only from ``/static``), ``X-Content-Type-Options: nosniff``, ``Referrer-Policy:
  no-referrer`` and frame denial; templates autoescape every value, so text from sources is
  always text;
- request bodies over ``max_body`` bytes are refused (413) before they are read or parsed,
  whether or not they declare a length;
- expected errors map to their HTTP status with ``{"detail": ...}``; a client that asks for
  HTML outside ``/api`` gets an error page instead, for unknown paths too; invalid parameters
  are 4xx, never 500.

Capacity, also in one place: the server runs handlers on ``threads`` worker threads and keeps a
pool of ``threads + exports`` database connections (one per worker thread, one per export
stream), without overflow. A request holds at most one connection, only inside its worker thread
(see ``deps``), so no request waits for a connection held by a request that is itself waiting.
If one does not come free within ``pool_timeout`` seconds anyway (a database that stalls), the
answer is 503 with ``Retry-After``, never a hang. Text responses are gzip-compressed; static
files are served under versioned URLs and cached (see ``assets``).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import anyio.to_thread
import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimgraph import __version__
from claimgraph.errors import ClaimgraphError
from claimgraph.store.engine import connect
from claimgraph.web.assets import StaticAssets, versioned_url_for
from claimgraph.web.auth import LoginThrottle
from claimgraph.web.deps import ServiceUnavailable

HERE = Path(__file__).parent
DEFAULT_MAX_BODY = 64 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    tile_url: str = ""  # e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (off by default: offline)
    tile_attribution: str = ""
    max_body: int = DEFAULT_MAX_BODY
    secure_cookies: bool = True
    threads: int = 32  # worker threads running the handlers; one database connection each
    exports: int = 4  # export streams at once; one database connection each, outside the threads
    pool_timeout: float = 3.0  # seconds a request may wait for a connection before a 503
    gzip_min_size: int = 1024  # smaller responses are sent as they are

    @property
    def pool_size(self) -> int:
        return self.threads + self.exports


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


def wants_html(request: Request) -> bool:
    """A browser asking for a page (the API answers JSON whatever the client accepts)."""
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def create_app(db: str | Path | None = None, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    if settings.threads < 1 or settings.exports < 0 or settings.pool_timeout <= 0:
        raise ValueError("threads >= 1, exports >= 0 and pool_timeout > 0, please")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # the worker threads the pool was sized for (the default limiter runs every sync handler)
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        yield
        app.state.engine.dispose()

    app = FastAPI(
        title="claimgraph",
        version=__version__,
        description="Events, claims of responsibility, attributions and actor affiliations, traced to sources.",
        openapi_url="/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.engine = connect(db, pool_size=settings.pool_size, pool_timeout=settings.pool_timeout)
    app.state.settings = settings
    app.state.throttle = LoginThrottle()
    app.state.export_slots = threading.BoundedSemaphore(settings.exports)  # 0: exports refused
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["http_url"] = http_url
    app.state.templates = templates
    assets = StaticAssets(HERE / "static")
    versioned_url_for(templates, assets)
    app.mount("/static", assets, name="static")

    from claimgraph.web import api, pages, review_pages, watch_pages

    app.include_router(api.router)
    app.include_router(review_pages.router)
    app.include_router(pages.router)
    app.include_router(watch_pages.router)

    # The handlers run their HTML branch in a worker thread: an error page may look up who is
    # asking (one connection, never on the event loop, never while the request holds another).

    @app.exception_handler(ClaimgraphError)
    async def claimgraph_error(request: Request, exc: ClaimgraphError) -> Response:
        busy = isinstance(exc, ServiceUnavailable)
        status = exc.http_status if exc.http_status < 500 or busy else 500
        headers = {"Retry-After": str(exc.retry_after)} if busy else None
        if not wants_html(request):
            return JSONResponse({"detail": str(exc)}, status_code=status, headers=headers)
        page = await run_in_threadpool(pages.error_page, request, status, str(exc), database=not busy)
        page.headers.update(headers or {})
        return page

    @app.exception_handler(sa.exc.TimeoutError)
    async def pool_timeout(request: Request, exc: sa.exc.TimeoutError) -> Response:
        message = (
            f"the server is busy (no database connection came free within {settings.pool_timeout:g} s): "
            "try again in a moment"
        )
        return await claimgraph_error(request, ServiceUnavailable(message, retry_after=1))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if not wants_html(request) or exc.status_code < 400:
            return await http_exception_handler(request, exc)
        if exc.status_code == 404:
            message = f"There is no page at {request.url.path}."
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed at {request.url.path}."
        else:
            message = str(exc.detail)
        page = await run_in_threadpool(pages.error_page, request, exc.status_code, message)
        page.headers.update(exc.headers or {})
        return page

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        if not wants_html(request):
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        )
        return await run_in_threadpool(pages.error_page, request, 422, f"Invalid request: {problems}.")

    app.add_middleware(GZipMiddleware, minimum_size=settings.gzip_min_size, compresslevel=6)
    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.add_middleware(SecurityHeaders, policy=csp(settings))
    return app


__all__ = ["Settings", "create_app"]
