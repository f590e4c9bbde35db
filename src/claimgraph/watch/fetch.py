"""Polite HTTP for ``watch``: one ``Fetcher`` per process, shared by the threads of a round.

What it does to be polite to the sites it reads (``docs/watch.md``):

- says who it is: ``User-Agent: claimgraph/VERSION (+contact; see docs/watch.md)``;
- reads each host's ``robots.txt`` (RFC 9309: a 4xx answer allows everything, an unreachable
  or 5xx one disallows everything for now; kept for a day) and never fetches what it disallows;
  a ``Crawl-delay`` longer than ``per_host_delay`` is honoured (up to a minute);
- never sends two requests at once to one host, and waits ``per_host_delay`` seconds between two;
- asks conditionally (``If-None-Match`` / ``If-Modified-Since``), so an unchanged feed costs a 304;
- gives up on an answer after ``timeout`` seconds (headers and body together), retries a timeout,
  a lost connection, 429 and 5xx at most ``retries`` times with a doubling back-off (a
  ``Retry-After`` of up to a minute is honoured), and never retries other errors;
- refuses an answer larger than ``max_bytes`` before reading it when its length is declared, and
  stops reading at ``max_bytes`` otherwise (decompressed bytes are counted).

Redirects are followed by hand (at most five), each hop through the same rules. Errors are
``FetchError`` with a reason a person can act on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlparse
from urllib.robotparser import RobotFileParser

import httpx

from claimgraph import __version__
from claimgraph.watch.config import Politeness

ROBOTS_TTL = 24 * 3600.0
ROBOTS_MAX_BYTES = 512 * 1024
MAX_REDIRECTS = 5
MAX_WAIT = 60.0  # longest Retry-After or Crawl-delay honoured
_RETRY_STATUS = {429, 500, 502, 503, 504}
_AGENT_TOKEN = "claimgraph"


class FetchError(Exception):
    """A URL could not be fetched; ``reason`` says why, ``status`` the last HTTP status if any."""

    def __init__(self, url: str, reason: str, status: int | None = None, *, robots: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status, self.robots = url, reason, status, robots


@dataclass(frozen=True, slots=True)
class Answer:
    url: str  # after redirects
    status: int  # 200 or 304
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    attempts: int = 1


@dataclass(slots=True)
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)  # one request at a time
    robots_lock: threading.Lock = field(default_factory=threading.Lock)  # one robots.txt read at a time
    next_at: float = 0.0
    robots: RobotFileParser | None = None
    robots_at: float = -ROBOTS_TTL
    robots_blocked: str = ""  # why everything is disallowed (robots.txt unreachable), if so


def user_agent(contact: str = "") -> str:
    where = f"+{contact}; " if contact else ""
    return f"claimgraph/{__version__} ({where}a conflict-reporting monitor; see docs/watch.md)"


class Fetcher:
    """GET with robots.txt, a per-host delay, conditional requests, timeouts, retries and size limits."""

    def __init__(
        self,
        politeness: Politeness,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.p = politeness
        self.agent = user_agent(politeness.contact)
        self.client = httpx.Client(
            headers={"User-Agent": self.agent},
            timeout=httpx.Timeout(politeness.timeout),
            follow_redirects=False,
            transport=transport,
            trust_env=False,
        )
        self.clock, self.sleep = clock, sleep
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self.requests = 0  # every HTTP request sent, robots.txt included

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Answer:
        """The answer at ``url`` (200 with its body, or 304); ``FetchError`` otherwise."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(MAX_REDIRECTS + 1):
            self._check_robots(url)
            answer = self._get_retrying(url, headers)
            if isinstance(answer, str):  # a redirect: its target, checked like any URL
                target = urljoin(url, answer)
                if urlparse(target).scheme not in ("http", "https"):
                    raise FetchError(url, f"redirected to a non-HTTP URL ({target})")
                url = target
                continue
            return answer
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    # -- per host ---------------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        key = _origin(url)
        with self._lock:
            return self._hosts.setdefault(key, _Host())

    def _send(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        """One request, alone on its host and after the host's delay; the body read within limits."""
        host = self._host(url)
        with host.lock:
            wait = host.next_at - self.clock()
            if wait > 0:
                self.sleep(wait)
            try:
                return self._send_now(url, headers)
            finally:
                host.next_at = self.clock() + self._delay(host)

    def _send_now(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        self.requests += 1
        deadline = self.clock() + self.p.timeout
        with self.client.stream("GET", url, headers=headers) as response:
            if response.status_code != 200:
                return response, b""
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.p.max_bytes:
                raise FetchError(
                    url,
                    f"answer of {int(declared)} bytes is over the limit of {self.p.max_bytes} bytes "
                    "(refused before reading; raise max_bytes in [watch] if the source is trusted)",
                    200,
                )
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.p.max_bytes:
                    raise FetchError(
                        url,
                        f"answer over the limit of {self.p.max_bytes} bytes (stopped reading there; "
                        "raise max_bytes in [watch] if the source is trusted)",
                        200,
                    )
                if self.clock() > deadline:
                    raise httpx.ReadTimeout(f"the answer took more than {self.p.timeout:g} s")
                chunks.append(chunk)
            return response, b"".join(chunks)

    def _delay(self, host: _Host) -> float:
        crawl = host.robots.crawl_delay(_AGENT_TOKEN) if host.robots is not None else None
        return max(self.p.per_host_delay, min(float(crawl or 0), MAX_WAIT))

    def _get_retrying(self, url: str, headers: dict[str, str]) -> Answer | str:
        attempts = self.p.retries + 1
        for attempt in range(1, attempts + 1):
            last = attempt == attempts
            try:
                response, body = self._send(url, headers)
            except httpx.TimeoutException:
                if last:
                    raise FetchError(url, f"timed out after {self.p.timeout:g} s ({attempts} attempts)") from None
                self.sleep(self._backoff(attempt))
                continue
            except httpx.TransportError as exc:
                if last:
                    raise FetchError(url, f"connection failed: {_why(exc)} ({attempts} attempts)") from None
                self.sleep(self._backoff(attempt))
                continue
            status = response.status_code
            if status in (301, 302, 303, 307, 308) and response.headers.get("location"):
                return response.headers["location"]
            if status == 304:
                return Answer(url, 304, attempts=attempt)
            if status == 200:
                return Answer(
                    url,
                    200,
                    body,
                    response.headers.get("etag"),
                    response.headers.get("last-modified"),
                    response.headers.get("content-type", ""),
                    attempt,
                )
            reason = f"HTTP {status} {response.reason_phrase}".strip()
            if status not in _RETRY_STATUS:
                raise FetchError(url, reason, status)
            if last:
                raise FetchError(url, f"{reason} ({attempts} attempts)", status)
            self.sleep(max(self._backoff(attempt), _retry_after(response.headers.get("retry-after"))))
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int) -> float:
        return self.p.backoff * 2 ** (attempt - 1)

    # -- robots.txt -------------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        host = self._host(url)
        with host.robots_lock:  # the other threads wait for the answer rather than go ahead without it
            if self.clock() - host.robots_at > ROBOTS_TTL:
                self._load_robots(url, host)
        if host.robots_blocked:
            raise FetchError(url, host.robots_blocked, robots=True)
        if host.robots is not None and not host.robots.can_fetch(_AGENT_TOKEN, url):
            raise FetchError(url, "disallowed by the site's robots.txt for claimgraph (not fetched)", robots=True)

    def _load_robots(self, url: str, host: _Host) -> None:
        robots_url = _origin(url) + "/robots.txt"
        host.robots, host.robots_blocked = None, ""
        try:
            response, body = self._send(robots_url, {})
        except (httpx.HTTPError, FetchError) as exc:
            reason = exc.reason if isinstance(exc, FetchError) else _why(exc)
            host.robots_blocked = f"robots.txt unreachable ({reason}): nothing fetched from the site until it answers"
            host.robots_at = self.clock() - ROBOTS_TTL + 600  # ask again in ten minutes
            return
        host.robots_at = self.clock()
        if response.status_code >= 500:
            host.robots_blocked = (
                f"robots.txt answered HTTP {response.status_code}: nothing fetched from the site for now"
            )
            host.robots_at = self.clock() - ROBOTS_TTL + 600
            return
        if response.status_code != 200 or len(body) > ROBOTS_MAX_BYTES:
            return  # no robots.txt (4xx, RFC 9309): everything allowed
        parser = RobotFileParser()
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        host.robots = parser


def _origin(url: str) -> str:
    parsed = urlparse(url)
    return f"{parsed.scheme}://{parsed.netloc.lower()}"


def _why(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


def _retry_after(value: str | None) -> float:
    if not value:
        return 0.0
    if value.strip().isdigit():
        return min(float(value), MAX_WAIT)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return 0.0
    return max(0.0, min(when - time.time(), MAX_WAIT))
