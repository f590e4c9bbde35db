"""People: users with roles, passwords, sessions, CSRF tokens, API tokens, login throttling.

- Passwords are hashed with scrypt (stdlib ``hashlib.scrypt``, N=2**14, r=8, p=1, 16-byte
  salt), stored as ``scrypt$N$r$p$salt$hash``, compared in constant time.
- A session is a random token in a cookie (``HttpOnly``, ``SameSite=Strict``, ``Secure``
  unless configured off); the database keeps only its SHA-256, with the session's CSRF token
  and expiry (12 hours).
- Every form carries the session's CSRF token; JSON writes with a session cookie send it in
  ``X-CSRF-Token``. Pages carry it masked with a fresh random pad each time (``mask_csrf``), so a
  compressed page never shows the same secret bytes twice (BREACH); ``csrf_matches`` unmasks.
  Scripts use API tokens instead (``Authorization: Bearer cg_…``): shown once when created,
  stored as SHA-256, revocable.
- Failed logins are throttled per user name and per client address: after 5 failures in 15
  minutes, further attempts are refused (HTTP 429) until the window passes.

Roles: ``viewer`` reads, ``analyst`` also reviews events, ``admin`` also manages users (from
the command line). Without any user the app is read-only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.errors import UsageError
from claimgraph.store import schema
from claimgraph.store.engine import now

ROLES = ("viewer", "analyst", "admin")
SESSION_COOKIE = "cg_session"
SESSION_HOURS = 12
TOKEN_PREFIX = "cg_"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, maxmem=64 * 2**20, **_SCRYPT)
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=64 * 2**20,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# -- users -------------------------------------------------------------------------------------


def add_user(conn: Connection, name: str, role: str, password: str) -> User:
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    name = name.strip()
    if not name or len(name) > 80:
        raise UsageError("a user name is 1 to 80 characters")
    if len(password) < 10:
        raise UsageError("the password must have at least 10 characters")
    t = schema.users
    if conn.execute(sa.select(t.c.id).where(t.c.name == name)).first():
        raise UsageError(f"user {name!r} already exists")
    user_id = conn.execute(
        t.insert().values(name=name, role=role, password_hash=hash_password(password), created_at=now(), disabled=False)
    ).inserted_primary_key[0]
    return User(user_id, name, role)


def list_users(conn: Connection) -> list[dict]:
    t = schema.users
    rows = conn.execute(sa.select(t.c.id, t.c.name, t.c.role, t.c.created_at, t.c.disabled).order_by(t.c.name))
    return [dict(r) for r in rows.mappings()]


def set_disabled(conn: Connection, name: str, disabled: bool) -> None:
    t = schema.users
    if conn.execute(t.update().where(t.c.name == name).values(disabled=disabled)).rowcount == 0:
        raise UsageError(f"no user {name!r}")
    if disabled:
        user_id = conn.execute(sa.select(t.c.id).where(t.c.name == name)).scalar_one()
        conn.execute(schema.sessions.delete().where(schema.sessions.c.user_id == user_id))


def has_users(conn: Connection) -> bool:
    t = schema.users
    return conn.execute(sa.select(t.c.id).where(t.c.disabled.is_(False)).limit(1)).first() is not None


def authenticate(conn: Connection, name: str, password: str) -> User | None:
    t = schema.users
    row = conn.execute(sa.select(t).where(t.c.name == name, t.c.disabled.is_(False))).mappings().first()
    if row is None:
        verify_password(password, hash_password("timing equaliser"))  # same work either way
        return None
    return User(row["id"], row["name"], row["role"]) if verify_password(password, row["password_hash"]) else None


# -- sessions ----------------------------------------------------------------------------------


def start_session(conn: Connection, user: User) -> tuple[str, str]:
    """(cookie value, CSRF token) of a new session."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    at = now()
    conn.execute(
        schema.sessions.insert().values(
            token_hash=_sha(token),
            user_id=user.id,
            csrf=csrf,
            created_at=at,
            expires_at=at + timedelta(hours=SESSION_HOURS),
        )
    )
    return token, csrf


def session_user(conn: Connection, token: str | None) -> tuple[User, str] | None:
    """The user and CSRF token of a live session cookie."""
    if not token:
        return None
    s, u = schema.sessions, schema.users
    row = (
        conn.execute(
            sa.select(u.c.id, u.c.name, u.c.role, s.c.csrf, s.c.expires_at)
            .join(u, u.c.id == s.c.user_id)
            .where(s.c.token_hash == _sha(token), u.c.disabled.is_(False))
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    expires = row["expires_at"]
    if expires.tzinfo is None:  # SQLite returns naive datetimes
        expires = expires.replace(tzinfo=now().tzinfo)
    if expires < now():
        return None
    return User(row["id"], row["name"], row["role"]), row["csrf"]


def end_session(conn: Connection, token: str | None) -> None:
    if token:
        conn.execute(schema.sessions.delete().where(schema.sessions.c.token_hash == _sha(token)))


def mask_csrf(secret: str) -> str:
    """The CSRF secret as a page shows it: a random pad, then the secret XOR the pad (URL-safe base64)."""
    raw = secret.encode()
    pad = secrets.token_bytes(len(raw))
    return base64.urlsafe_b64encode(pad + bytes(a ^ b for a, b in zip(pad, raw, strict=True))).decode().rstrip("=")


def csrf_matches(sent: str | None, secret: str) -> bool:
    """Whether ``sent`` (a masked token from a page) carries the session's CSRF ``secret``."""
    if not sent or not secret or len(sent) > 400:
        return False
    try:
        data = base64.urlsafe_b64decode(sent + "=" * (-len(sent) % 4))
    except ValueError:  # binascii.Error is a ValueError
        return False
    raw = secret.encode()
    if len(data) != 2 * len(raw):
        return False
    pad, masked = data[: len(raw)], data[len(raw) :]
    return hmac.compare_digest(bytes(a ^ b for a, b in zip(pad, masked, strict=True)), raw)


# -- API tokens --------------------------------------------------------------------------------


def create_token(conn: Connection, name: str, label: str) -> tuple[int, str]:
    """A new API token for user ``name``: (id, the token — shown once, stored hashed)."""
    u = schema.users
    user_id = conn.execute(sa.select(u.c.id).where(u.c.name == name)).scalar()
    if user_id is None:
        raise UsageError(f"no user {name!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token_id = conn.execute(
        schema.api_tokens.insert().values(user_id=user_id, label=label, token_hash=_sha(token), created_at=now())
    ).inserted_primary_key[0]
    return token_id, token


def revoke_token(conn: Connection, token_id: int) -> None:
    t = schema.api_tokens
    if (
        conn.execute(t.update().where(t.c.id == token_id, t.c.revoked_at.is_(None)).values(revoked_at=now())).rowcount
        == 0
    ):
        raise UsageError(f"no active API token {token_id}")


def token_user(conn: Connection, token: str) -> User | None:
    t, u = schema.api_tokens, schema.users
    row = conn.execute(
        sa.select(u.c.id, u.c.name, u.c.role)
        .join(u, u.c.id == t.c.user_id)
        .where(t.c.token_hash == _sha(token), t.c.revoked_at.is_(None), u.c.disabled.is_(False))
    ).first()
    return User(*row) if row else None


# -- throttling --------------------------------------------------------------------------------


class LoginThrottle:
    """At most ``limit`` failed logins per key (user name, client address) in ``window`` seconds."""

    def __init__(self, limit: int = 5, window: float = 900.0) -> None:
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, t: float) -> deque[float]:
        q = self._failures[key]
        while q and t - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, *keys: str) -> bool:
        t = time.monotonic()
        with self._lock:
            return any(len(self._recent(k, t)) >= self.limit for k in keys)

    def failed(self, *keys: str) -> None:
        t = time.monotonic()
        with self._lock:
            for k in keys:
                self._recent(k, t).append(t)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)
