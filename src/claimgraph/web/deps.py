"""What a request needs: its one database connection, who is asking, and what they may do.

**One connection per request, held only by a worker thread.** A handler opens the connection
inside its own body (``with reading(request) as conn:``), so the thread that holds a connection
is always a thread that holds one of the server's worker-thread slots, and it holds no other
connection. The pool has a connection for every worker thread (plus one per export stream, see
``app.Settings``), so no request ever waits for a connection that another waiting request holds.
Connections are never opened in a FastAPI dependency (its enter and exit run in separate
threadpool calls, keeping the connection while the request waits for a thread), nor on the event
loop (an ``async`` handler that waits for the pool stops every request).

Who is asking is looked up once, on the request's connection, and kept on ``request.state``: the
page template and the error page that follow reuse it instead of opening a second connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.engine import Connection

from claimgraph.errors import ClaimgraphError, Forbidden
from claimgraph.store.engine import begin_write
from claimgraph.web import auth


@dataclass(frozen=True, slots=True)
class Principal:
    """A logged-in user, how they authenticated, and (for sessions) their CSRF secret."""

    user: auth.User
    via: str  # session | token
    csrf: str = ""


class ServiceUnavailable(ClaimgraphError):
    """The server is busy (no database connection or export slot came free in time): retry later."""

    http_status = 503

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@contextmanager
def reading(request: Request, *, who: bool = False) -> Iterator[Connection]:
    """The request's connection, for reading; ``who=True`` first settles who is asking, on it (pages
    do, so that the page and any error page after it need no connection of their own)."""
    with request.app.state.engine.connect() as conn:
        if who:
            principal(request, conn)
        yield conn


@contextmanager
def writing(request: Request, *, who: bool = False) -> Iterator[Connection]:
    """The request's connection in one transaction (committed when the block ends without error)."""
    with begin_write(request.app.state.engine) as conn:
        if who:
            principal(request, conn)
        yield conn


def principal(request: Request, conn: Connection) -> Principal | None:
    """The user behind the request's API token or session cookie, if any (looked up once)."""
    state = request.state
    if hasattr(state, "principal"):
        if isinstance(state.principal, Forbidden):
            raise state.principal
        return state.principal
    header = request.headers.get("authorization", "")
    who: Principal | Forbidden | None
    if header.lower().startswith("bearer "):
        user = auth.token_user(conn, header[7:].strip())
        who = Principal(user, "token") if user else Forbidden("invalid or revoked API token")
    else:
        found = auth.session_user(conn, request.cookies.get(auth.SESSION_COOKIE))
        who = Principal(found[0], "session", found[1]) if found else None
    state.principal = who
    if isinstance(who, Forbidden):
        raise who
    return who


def settle_principal(request: Request) -> None:
    """Make sure the request knows who is asking: at once for a request without credentials, else
    on a connection of its own (only ever called when the request holds none)."""
    if looked_up(request):
        return
    if not request.headers.get("authorization") and not request.cookies.get(auth.SESSION_COOKIE):
        request.state.principal = None
        return
    with reading(request, who=True):
        pass


def known_principal(request: Request) -> Principal | None:
    """Who is asking, as far as this request found out; ``None`` when it was not looked up or failed."""
    who = getattr(request.state, "principal", None)
    return who if isinstance(who, Principal) else None


def looked_up(request: Request) -> bool:
    return hasattr(request.state, "principal")


def require_analyst(request: Request, conn: Connection, *, how: str) -> Principal:
    """An analyst (or admin) behind the request; ``how`` says how to become one, for the message."""
    if not auth.has_users(conn):
        raise Forbidden("this claimgraph is read-only: no users are configured (add one: claimgraph users add NAME)")
    who = principal(request, conn)
    if who is None:
        raise Forbidden(f"{how} to review events")
    if not who.user.can("analyst"):
        raise Forbidden(f"user {who.user.name} is a {who.user.role}; reviewing needs an analyst")
    return who


def require_writer(request: Request, conn: Connection) -> Principal:
    """For JSON writes: an analyst's API token, or a session that also shows its CSRF token."""
    who = require_analyst(request, conn, how="log in (or send an API token)")
    if who.via == "session" and not auth.csrf_matches(request.headers.get("x-csrf-token"), who.csrf):
        raise Forbidden("missing or wrong CSRF token (send the X-CSRF-Token header of your session)")
    return who


def require_form_writer(request: Request, conn: Connection, csrf: str) -> Principal:
    """For form posts: an analyst's session, and the form's CSRF token."""
    who = require_analyst(request, conn, how="log in")
    if who.via != "session" or not auth.csrf_matches(csrf, who.csrf):
        raise Forbidden("the form has expired (missing or wrong CSRF token): reload the page and try again")
    return who
