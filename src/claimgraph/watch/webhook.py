"""Alerts sent to a saved search's webhook: a JSON POST signed with HMAC-SHA256, retried.

The body::

    {"search": "kh-claims", "alert_id": 12, "delivery": "<the alert's key>",
     "event_id": "evt_…", "event_url": "http://127.0.0.1:8000/events/evt_…",
     "changes": [{"kind": "new_match", "text": "new event matches: …"}],
     "event": {"date": "2024-01-28", "type": "Air/drone strike", "place": "Tower 22", "country": "JO",
               "claimed_by": […], "attributed_to": […], "fatalities": 3, "injuries": 34,
               "review_status": "unreviewed"},
     "created_at": "2024-01-29T07:00:00+00:00"}

Headers: ``X-Claimgraph-Signature: sha256=<hex HMAC-SHA256 of the body with the search's secret>``,
``X-Claimgraph-Delivery: <key>`` (the same on every retry of one alert: a receiver drops a
delivery it has seen), ``User-Agent: claimgraph/…``.

Each alert is POSTed until a 2xx answer: ``tries`` times in a row (doubling back-off), then again in
later rounds, at most ``MAX_ATTEMPTS`` times in all; its state (``pending`` / ``sent`` / ``failed``)
and attempts are recorded. The record is written after the answer: a process killed between the
two sends the alert again at the next round, with the same delivery key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from claimgraph.store import schema
from claimgraph.store.engine import begin_write, now
from claimgraph.watch.fetch import user_agent

MAX_ATTEMPTS = 8
SIGNATURE_HEADER = "X-Claimgraph-Signature"
DELIVERY_HEADER = "X-Claimgraph-Delivery"


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str) -> bool:
    """For receivers (and the tests): the signature header matches the body."""
    return hmac.compare_digest(sign(secret, body), signature or "")


def payload(alert: dict[str, Any], event: dict[str, Any] | None, base_url: str) -> dict[str, Any]:
    ev = event or {}
    return {
        "search": alert["search"],
        "alert_id": alert["id"],
        "delivery": alert["key"],
        "event_id": alert["event_id"],
        "event_url": f"{base_url.rstrip('/')}/events/{alert['event_id']}",
        "changes": alert["changes"],
        "event": {
            "date": str(ev["date"]) if ev.get("date") else None,
            "type": ev.get("sub_event_type"),
            "place": ev.get("place_name"),
            "country": ev.get("country"),
            "claimed_by": ev.get("claimed_by") or [],
            "attributed_to": ev.get("attributed_to") or [],
            "fatalities": ev.get("fatalities") if ev.get("fatalities_high") is not None else None,
            "injuries": ev.get("injuries") if ev.get("injuries_high") is not None else None,
            "review_status": ev.get("review_status"),
        },
        "created_at": alert["created_at"].isoformat() if alert.get("created_at") else None,
    }


def send_pending(
    engine: Engine,
    base_url: str,
    *,
    contact: str = "",
    timeout: float = 10.0,
    tries: int = 3,
    backoff: float = 1.0,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[int, int]:
    """POST every alert not sent yet; returns (sent, failed)."""
    a, s, e = schema.search_alerts, schema.saved_searches, schema.events
    with engine.connect() as conn:
        rows = (
            conn.execute(
                sa.select(a, s.c.webhook_url, s.c.secret)
                .join(s, s.c.name == a.c.search)
                .where(
                    a.c.webhook.in_(("pending", "failed")), a.c.attempts < MAX_ATTEMPTS, s.c.webhook_url.is_not(None)
                )
                .order_by(a.c.id)
            )
            .mappings()
            .all()
        )
        events = {
            r["id"]: dict(r)
            for r in conn.execute(sa.select(e).where(e.c.id.in_({r["event_id"] for r in rows}))).mappings()
        }
    sent = failed = 0
    with httpx.Client(
        timeout=timeout, headers={"User-Agent": user_agent(contact)}, transport=transport, trust_env=False
    ) as client:
        for row in rows:
            body = json.dumps(payload(dict(row), events.get(row["event_id"]), base_url), ensure_ascii=False).encode()
            headers = {
                "Content-Type": "application/json",
                SIGNATURE_HEADER: sign(row["secret"] or "", body),
                DELIVERY_HEADER: row["key"],
            }
            ok, error, attempts = False, None, 0
            for attempt in range(tries):
                attempts += 1
                try:
                    response = client.post(row["webhook_url"], content=body, headers=headers)
                    if 200 <= response.status_code < 300:
                        ok = True
                        break
                    error = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                    if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
                        break  # the receiver refuses it: retrying now will not help
                except httpx.HTTPError as exc:
                    error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                if attempt + 1 < tries:
                    sleep(backoff * 2**attempt)
            with begin_write(engine) as conn:
                conn.execute(
                    a.update()
                    .where(a.c.id == row["id"])
                    .values(
                        webhook="sent" if ok else "failed",
                        attempts=row["attempts"] + attempts,
                        sent_at=now() if ok else None,
                        last_error=None if ok else error,
                    )
                )
            sent, failed = sent + ok, failed + (not ok)
    return sent, failed
