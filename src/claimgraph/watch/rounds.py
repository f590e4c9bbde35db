"""A watch round: fetch the sources that are due, ingest what is new, reconcile, check saved searches.

Order, and why it is safe to kill at any point:

1. the sources that are due are fetched ``concurrency`` at a time (``read.read_source``); each
   fetch is recorded in ``watch_fetches`` as soon as it ends;
2. their documents go through ``store.ingest`` as one stream (the same path as ``claimgraph
   ingest``: a text already stored is a duplicate and is not extracted; documents are written in
   batches, each with its ledger rows);
3. only then, per source: the items stored are marked seen (``watch_items``: their pages are not
   fetched again), the answer's ETag / Last-Modified are kept (so the next fetch may be a 304),
   a failing source's back-off is set, and the fetch gets its count of new documents;
4. reconcile; the saved searches are checked (alerts recorded with the new match states, in one
   transaction); pending webhooks are sent.

A round killed before step 3 leaves the validators of the last complete round: the next round
fetches those feeds whole again, and every document already stored is skipped by its content
hash, so nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import queue
import threading
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from claimgraph.models import Document
from claimgraph.pipeline.ingest import DEFAULT_BATCH, ingest
from claimgraph.reconcile import reconcile
from claimgraph.store import schema
from claimgraph.store.engine import begin_write, now
from claimgraph.watch.config import SourceSpec, WatchConfig
from claimgraph.watch.fetch import Fetcher
from claimgraph.watch.read import SourceResult, read_source
from claimgraph.watch.searches import check_searches
from claimgraph.watch.webhook import send_pending

MAX_BACKOFF = 24 * 3600
MIN_BACKOFF = 60


@dataclass(slots=True)
class RoundSummary:
    round_id: str = ""
    due: int = 0
    ok: int = 0
    not_modified: int = 0
    failed: int = 0
    fetches: int = 0  # HTTP requests, robots.txt and article pages included
    bytes: int = 0
    new: int = 0
    duplicate: int = 0
    failed_documents: int = 0
    events_created: int = 0
    events_updated: int = 0
    alerts: int = 0
    alerts_sent: int = 0
    alerts_failed: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    per_source: dict[str, int] = field(default_factory=dict)  # new documents by source

    def line(self) -> str:
        """The one-line summary printed after each round."""
        failed = f", {self.failed} failed" if self.failed else ""
        alerts = f"{self.alerts} alerts ({self.alerts_sent} sent" + (
            f", {self.alerts_failed} webhook failures)" if self.alerts_failed else ")"
        )
        return (
            f"round {self.round_id}: {self.due} sources ({self.ok} read, {self.not_modified} not modified{failed}); "
            f"{self.fetches} requests, {self.bytes / 1024:.0f} KiB; "
            f"{self.new} new documents, {self.duplicate} duplicate"
            + (f", {self.failed_documents} failed" if self.failed_documents else "")
            + f"; events: {self.events_created} created, {self.events_updated} updated; {alerts}; {self.seconds:.1f} s"
        )


Progress = Callable[[str, RoundSummary], None]


def run_round(
    engine: Engine,
    config: WatchConfig,
    *,
    fetcher: Fetcher | None = None,
    force: bool = False,
    workers: int = 1,
    kb_files: tuple[Path, ...] = (),
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    webhook_sleep: Callable[[float], None] = time.sleep,
) -> RoundSummary:
    """One round over the sources of ``config`` that are due (all of them with ``force``)."""
    started = time.perf_counter()
    summary = RoundSummary(round_id=now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6])
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(config.politeness)
    requests_before = fetcher.requests
    try:
        with begin_write(engine) as conn:
            _sync_sources(conn, config.sources)
            due = _due(conn, config.sources, force)
            states = _states(conn, due)
        summary.due = len(due)
        results = _fetch_all(engine, fetcher, config, due, states, summary, progress)
        _ingest(engine, results, summary, workers, kb_files, batch_size, progress)
    finally:
        summary.fetches = fetcher.requests - requests_before
        if own_fetcher:
            fetcher.close()
    with begin_write(engine) as conn:
        result = reconcile(conn)
        summary.events_created, summary.events_updated = result.created, result.updated
        summary.alerts = len(check_searches(conn))
    p = config.politeness
    summary.alerts_sent, summary.alerts_failed = send_pending(
        engine, p.base_url, contact=p.contact, timeout=p.timeout, backoff=p.backoff, sleep=webhook_sleep
    )
    summary.seconds = time.perf_counter() - started
    if progress:
        progress("done", summary)
    return summary


def next_due(engine: Engine, config: WatchConfig) -> datetime | None:
    """When the next source of ``config`` is due (``None``: one is due now or never fetched)."""
    s = schema.watch_sources
    names = [spec.name for spec in config.sources]
    with engine.connect() as conn:
        rows = conn.execute(sa.select(s.c.next_due_at).where(s.c.name.in_(names))).scalars().all()
    if len(rows) < len(names) or any(r is None for r in rows):
        return None
    return min(_aware(r) for r in rows)


# -- steps -------------------------------------------------------------------------------------


def _sync_sources(conn: Connection, specs: tuple[SourceSpec, ...]) -> None:
    s = schema.watch_sources
    known = set(conn.execute(sa.select(s.c.name)).scalars())
    for spec in specs:
        values = {"url": spec.url, "outlet": spec.outlet, "lang": spec.lang, "interval_s": spec.interval}
        if spec.name in known:
            conn.execute(s.update().where(s.c.name == spec.name).values(**values))
        else:
            conn.execute(s.insert().values(name=spec.name, failures=0, new_documents=0, **values))


def _due(conn: Connection, specs: tuple[SourceSpec, ...], force: bool) -> list[SourceSpec]:
    s = schema.watch_sources
    when = dict(conn.execute(sa.select(s.c.name, s.c.next_due_at)).all())
    at = now()
    return [spec for spec in specs if force or when.get(spec.name) is None or _aware(when[spec.name]) <= at]


def _states(conn: Connection, due: list[SourceSpec]) -> dict[str, dict[str, Any]]:
    s, items = schema.watch_sources, schema.watch_items
    names = [spec.name for spec in due]
    out: dict[str, dict[str, Any]] = {name: {"seen": set()} for name in names}
    for row in conn.execute(sa.select(s.c.name, s.c.etag, s.c.last_modified, s.c.url).where(s.c.name.in_(names))):
        out[row.name].update(etag=row.etag, last_modified=row.last_modified)
    for name, key in conn.execute(sa.select(items.c.source, items.c.item_key).where(items.c.source.in_(names))):
        out[name]["seen"].add(key)
    return out


def _fetch_all(
    engine: Engine,
    fetcher: Fetcher,
    config: WatchConfig,
    due: list[SourceSpec],
    states: dict[str, dict[str, Any]],
    summary: RoundSummary,
    progress: Progress | None,
) -> Iterator[tuple[SourceResult, int]]:
    """Results as sources finish (fetched ``concurrency`` at a time), each with its fetch row id."""
    done: queue.Queue[tuple[SourceResult, int] | BaseException] = queue.Queue()
    lock = threading.Lock()

    def one(spec: SourceSpec) -> None:
        try:
            state = states[spec.name]
            result = read_source(
                fetcher,
                spec,
                config.politeness,
                etag=state.get("etag"),
                last_modified=state.get("last_modified"),
                seen=state["seen"],
            )
            with lock, begin_write(engine) as conn:  # one writer from the fetch threads at a time
                fetch_id = _record_fetch(conn, summary.round_id, result)
            done.put((result, fetch_id))
        except BaseException as exc:  # a bug: hand it to the round, which raises it
            done.put(exc)

    def results() -> Iterator[tuple[SourceResult, int]]:
        with ThreadPoolExecutor(max_workers=config.politeness.concurrency, thread_name_prefix="watch") as pool:
            for spec in due:
                pool.submit(one, spec)
            for _ in due:
                item = done.get()
                if isinstance(item, BaseException):
                    raise item
                result = item[0]
                summary.bytes += result.bytes
                if result.outcome == "ok":
                    summary.ok += 1
                elif result.outcome == "not_modified":
                    summary.not_modified += 1
                else:
                    summary.failed += 1
                    summary.failures.append((result.spec.name, result.message or result.outcome))
                if progress:
                    progress(result.spec.name, summary)
                yield item

    return results()


def _record_fetch(conn: Connection, round_id: str, result: SourceResult) -> int:
    return conn.execute(
        schema.watch_fetches.insert().values(
            round_id=round_id,
            source=result.spec.name,
            url=result.spec.url,
            at=now(),
            http_status=result.http_status,
            outcome=result.outcome,
            bytes=result.bytes,
            pages=result.pages,
            documents=len(result.found),
            new_documents=None,
            seconds=round(result.seconds, 3),
            error=result.message,
        )
    ).inserted_primary_key[0]


def _ingest(
    engine: Engine,
    results: Iterator[tuple[SourceResult, int]],
    summary: RoundSummary,
    workers: int,
    kb_files: tuple[Path, ...],
    batch_size: int,
    progress: Progress | None,
) -> None:
    finished: list[tuple[SourceResult, int]] = []
    owners: dict[str, deque[tuple[str, str]]] = defaultdict(deque)  # document source -> (watch source, item)

    def documents() -> Iterator[Document]:
        for result, fetch_id in results:
            finished.append((result, fetch_id))
            for found in result.found:
                owners[found.doc.source or ""].append((result.spec.name, found.item_key))
                yield found.doc

    stream = documents()
    first = next(stream, None)  # nothing new anywhere (all 304s): no ingest run, no extractor
    run_id = None
    if first is not None:

        def chained() -> Iterator[Document]:
            yield first
            yield from stream

        outcome = ingest(
            engine,
            [],
            items=chained(),
            workers=workers,
            kb_files=kb_files,
            batch_size=batch_size,
            reconcile_after=False,
        )
        run_id = outcome.run_id
        summary.duplicate, summary.failed_documents = outcome.duplicate, outcome.failed
    for _ in stream:  # drained above unless nothing was new
        pass
    _settle(engine, finished, owners, run_id, summary)


def _settle(
    engine: Engine,
    finished: list[tuple[SourceResult, int]],
    owners: dict[str, deque[tuple[str, str]]],
    run_id: int | None,
    summary: RoundSummary,
) -> None:
    """Step 3: seen items, validators, back-off and the fetches' new-document counts."""
    new_by_source: dict[str, int] = defaultdict(int)
    stored: list[dict[str, Any]] = []
    failed_sources: set[str] = set()
    at = now()
    with begin_write(engine) as conn:
        if run_id is not None:
            ledger = schema.ingest_ledger
            for source, doc_id, outcome in conn.execute(
                sa.select(ledger.c.source, ledger.c.doc_id, ledger.c.outcome)
                .where(ledger.c.run_id == run_id)
                .order_by(ledger.c.seq)
            ):
                if not owners.get(source):
                    continue
                name, key = owners[source].popleft()
                if outcome == "failed":
                    failed_sources.add(name)
                    continue
                if outcome == "new":
                    new_by_source[name] += 1
                stored.append({"source": name, "item_key": key, "doc_id": doc_id, "seen_at": at})
        items = schema.watch_items
        for row in stored:
            exists = conn.execute(
                sa.select(items.c.doc_id).where(items.c.source == row["source"], items.c.item_key == row["item_key"])
            ).first()
            if exists is None:
                conn.execute(items.insert().values(**row))
        for result, fetch_id in finished:
            name = result.spec.name
            n_new = new_by_source.get(name, 0)
            summary.per_source[name] = n_new
            conn.execute(
                schema.watch_fetches.update().where(schema.watch_fetches.c.id == fetch_id).values(new_documents=n_new)
            )
            _update_source(conn, result, n_new, complete=result.complete and name not in failed_sources, at=at)
    summary.new = sum(new_by_source.values())


def _update_source(conn: Connection, result: SourceResult, n_new: int, *, complete: bool, at: datetime) -> None:
    s = schema.watch_sources
    name, interval = result.spec.name, result.spec.interval
    row = conn.execute(sa.select(s.c.failures, s.c.new_documents).where(s.c.name == name)).one()
    values: dict[str, Any] = {
        "last_fetch_at": at,
        "last_status": result.outcome,
        "last_error": result.message,
        "new_documents": row.new_documents + n_new,
    }
    if result.outcome in ("failed", "robots"):
        failures = row.failures + 1
        wait = min(max(interval, MIN_BACKOFF) * 2**failures, MAX_BACKOFF)
        values.update(failures=failures, next_due_at=at + timedelta(seconds=wait))
    else:
        values.update(failures=0, next_due_at=at + timedelta(seconds=interval))
        if result.kind:
            values["kind"] = result.kind
        if result.outcome == "ok" and complete:  # every item stored: the next fetch may be a 304
            values.update(etag=result.etag, last_modified=result.last_modified)
        elif result.outcome == "ok":
            values.update(etag=None, last_modified=None)
    conn.execute(s.update().where(s.c.name == name).values(**values))


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
