"""Request dependencies: the database connection, who is asking, and what they may do."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.engine import Connection

from claimgraph.errors import Forbidden
from claimgraph.web import auth


@dataclass(frozen=True, slots=True)
class Principal:
    """A logged-in user, how they authenticated, and (for sessions) their CSRF token."""

    user: auth.User
    via: str  # session | token
    csrf: str = ""


def connection(request: Request) -> Iterator[Connection]:
    with request.app.state.engine.connect() as conn:
        yield conn


def principal(request: Request) -> Principal | None:
    """The user behind the request's API token or session cookie, if any."""
    engine = request.app.state.engine
    header = request.headers.get("authorization", "")
    with engine.connect() as conn:
        if header.lower().startswith("bearer "):
            user = auth.token_user(conn, header[7:].strip())
            if user is None:
                raise Forbidden("invalid or revoked API token")
            return Principal(user, "token")
        found = auth.session_user(conn, request.cookies.get(auth.SESSION_COOKIE))
    return Principal(found[0], "session", found[1]) if found else None


def require_writer(request: Request) -> Principal:
    """An analyst (or admin); a session must also show its CSRF token."""
    with request.app.state.engine.connect() as conn:
        any_users = auth.has_users(conn)
    if not any_users:
        raise Forbidden("this claimgraph is read-only: no users are configured (add one: claimgraph users add NAME)")
    who = principal(request)
    if who is None:
        raise Forbidden("log in (or send an API token) to review events")
    if not who.user.can("analyst"):
        raise Forbidden(f"user {who.user.name} is a {who.user.role}; reviewing needs an analyst")
    if who.via == "session" and request.headers.get("x-csrf-token") != who.csrf:
        raise Forbidden("missing or wrong CSRF token (send the X-CSRF-Token header of your session)")
    return who
