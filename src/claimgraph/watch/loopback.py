"""A web site on 127.0.0.1 for the watch demo (``bench/watch_demo.py``) and the tests: never the network.

``LoopbackSite`` serves the routes it is given, answers conditional requests the way a real
server does (``ETag`` / ``If-None-Match``, ``Last-Modified`` / ``If-Modified-Since`` -> 304),
serves a ``robots.txt``, can be slow, fail or lie about a route on purpose, and keeps every
request it receives. POSTs are recorded (a webhook receiver) and answered with ``post_status``.

    with LoopbackSite() as site:
        site.route("/feed.xml", rss_feed("Wire", [item(...)]), "application/rss+xml")
        ... site.url("/feed.xml") ...
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape as xml_escape


@dataclass(slots=True)
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before the answer (a slow or hanging source)
    conditional: bool = True  # answer ETag / Last-Modified and honour them
    declared_length: int | None = None  # a Content-Length to send instead of the real one; -1: none (chunkless)
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass(slots=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes = b""
    status: int = 0


class LoopbackSite:
    """A threaded HTTP server on 127.0.0.1 (a free port) serving ``routes``."""

    def __init__(self, robots: str | None = "User-agent: *\nAllow: /\n") -> None:
        self.routes: dict[str, Route] = {}
        self.robots = robots
        self.requests: list[Request] = []
        self.post_status: list[int] = []  # answers to the next POSTs, in order; then 200
        self.last_modified = format_datetime(datetime(2024, 1, 29, 6, 0, tzinfo=UTC), usegmt=True)
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- set-up --------------------------------------------------------------------------------

    def route(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", **kw: Any) -> str:
        """Serve ``body`` at ``path``; returns the full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, content_type, **kw)
        return self.url(path)

    def url(self, path: str = "/") -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def start(self) -> LoopbackSite:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LoopbackSite:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    # -- what happened ---------------------------------------------------------------------------

    def hits(self, path: str, status: int | None = None) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.path == path and (status is None or r.status == status))

    def posts(self) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.method == "POST"]

    def _record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:  # a client that gave up: quiet
        pass


def _handler(site: LoopbackSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            request = Request("GET", self.path, {k.lower(): v for k, v in self.headers.items()})
            site._record(request)
            if self.path == "/robots.txt":
                if site.robots is None:
                    return self._answer(request, 404, b"no robots.txt", "text/plain")
                return self._answer(request, 200, site.robots.encode(), "text/plain")
            route = site.routes.get(self.path)
            if route is None:
                return self._answer(request, 404, b"not found", "text/plain")
            if route.delay:
                time.sleep(route.delay)
            headers = dict(route.headers)
            if route.conditional and route.status == 200:
                headers.update({"ETag": route.etag, "Last-Modified": site.last_modified})
                if request.headers.get("if-none-match") == route.etag or (
                    "if-none-match" not in request.headers
                    and request.headers.get("if-modified-since") == site.last_modified
                ):
                    return self._answer(request, 304, b"", None, headers)
            self._answer(request, route.status, route.body, route.content_type, headers, route.declared_length)

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length)
            request = Request("POST", self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            site._record(request)
            with site._lock:
                status = site.post_status.pop(0) if site.post_status else 200
            self._answer(request, status, b"{}", "application/json")

        def _answer(
            self,
            request: Request,
            status: int,
            body: bytes,
            content_type: str | None,
            headers: dict[str, str] | None = None,
            declared: int | None = None,
        ) -> None:
            request.status = status
            try:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                if declared == -1:  # no length: the body ends when the connection closes
                    self.send_header("Connection", "close")
                    self.close_connection = True
                else:
                    self.send_header("Content-Length", str(declared if declared is not None else len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout): fine
                pass

    return Handler


# -- content for the demo and the tests ----------------------------------------------------------


def rss_feed(title: str, items: list[dict[str, str]], *, link: str = "http://127.0.0.1/") -> str:
    """An RSS 2.0 feed; each item: ``title``, ``link``, ``guid``, ``date`` (RFC 822), ``description``."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>',
        f"<title>{xml_escape(title)}</title><link>{xml_escape(link)}</link><description>{xml_escape(title)}</description>",
    ]
    for it in items:
        parts.append(
            "<item>"
            f"<title>{xml_escape(it['title'])}</title><link>{xml_escape(it['link'])}</link>"
            f"<guid>{xml_escape(it.get('guid') or it['link'])}</guid><pubDate>{xml_escape(it['date'])}</pubDate>"
            f"<description>{xml_escape(it.get('description') or it['title'])}</description>"
            "</item>"
        )
    parts.append("</channel></rss>\n")
    return "".join(parts)


def article_page(title: str, text: str, *, published: str, site_name: str = "") -> str:
    """A news page the way sites write them: navigation, the article (one <p> per paragraph), a footer."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta property="og:site_name" content="{escape(site_name)}">'
        f'<meta property="article:published_time" content="{escape(published)}">'
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
        "<footer>Copyright the publisher. All rights reserved.</footer></body></html>"
    )


ENTITY_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    '<rss version="2.0"><channel><title>bomb</title><item><title>&d;</title><description>&d;</description>'
    "</item></channel></rss>"
)
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<rss version="2.0"><channel><title>xxe</title><item><title>x</title><description>&xxe;</description>'
    "</item></channel></rss>"
)
