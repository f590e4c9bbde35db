"""Capacity: a request holds at most one database connection, only while a worker thread runs it;
the pool has a connection for every worker thread (and export stream); when none comes free in
time the answer is 503 with Retry-After, never a hang. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor, wait

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.pool import QueuePool

import claimgraph
from claimgraph.store.engine import connect
from claimgraph.web.app import Settings, create_app
from test_web_api import PASSWORD, add_user, csrf_of, login, tower22


@pytest.fixture
def db(db_url, sources, shared_extractor):
    with claimgraph.open(db_url) as store:
        store.ingest([sources.root])
    return db_url


def with_pool(app, size: int, timeout: float) -> None:
    """Give the app a pool of ``size`` connections, no overflow, waits bounded by ``timeout``."""
    url = app.state.engine.url
    app.state.engine.dispose()
    app.state.engine = sa.create_engine(url, poolclass=QueuePool, pool_size=size, max_overflow=0, pool_timeout=timeout)


def test_web_html_404s_and_api_readers_do_not_starve_a_small_pool(db):
    # Issue 15, finding 2: 16 readers of /api/events and 4 clients asking a missing event page as
    # HTML froze the server (the error page took a second connection, on the event loop).
    app = create_app(db)
    with_pool(app, size=2, timeout=5.0)  # a request that waits this long fails (500 before, 503 now)
    answers: list[tuple[str, int]] = []

    def client_loop(client: TestClient, path: str, headers: dict[str, str]) -> None:
        for _ in range(12):
            answers.append((path, client.get(path, headers=headers).status_code))

    try:
        with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as client:
            kinds = [("/api/events?limit=50", {})] * 16 + [("/events/evt_missing", {"accept": "text/html"})] * 4
            with ThreadPoolExecutor(max_workers=len(kinds)) as pool:
                done, pending = wait([pool.submit(client_loop, client, p, h) for p, h in kinds], timeout=120)
                assert not pending, "clients still waiting after 120 s"
                for future in done:
                    future.result()
    finally:
        app.state.engine.dispose()
    statuses = set(answers)
    assert statuses == {("/api/events?limit=50", 200), ("/events/evt_missing", 404)}, statuses
    assert len(answers) == 20 * 12


def test_web_every_route_works_on_a_pool_of_one_connection(db):
    # A nested acquisition (a second connection while the request holds one) would wait out the
    # pool timeout and answer 503: with one connection in the pool, every route must still work.
    app = create_app(db, Settings(max_body=4096))
    app.state.engine.dispose()
    app.state.engine = connect(db, pool_size=1, pool_timeout=1.0)
    html = {"accept": "text/html"}
    try:
        client = TestClient(app, base_url="https://testserver", raise_server_exceptions=False)
        event_id = tower22(client)
        doc_id = client.get("/api/search", params={"q": "Tower 22"}).json()["documents"][0]["doc_id"]
        reads = [
            "/",
            "/timeline",
            "/events?country=JO",
            f"/events/{event_id}",
            "/actors",
            "/actors/kataib-hezbollah",
            f"/documents/{doc_id}",
            "/search?q=drone",
            "/review",
            "/login",
            "/api/events",
            "/api/events.geojson",
            f"/api/events/{event_id}",
            "/api/timeline",
            "/api/actors",
            "/api/actors/kataib-hezbollah/graph",
            f"/api/documents/{doc_id}",
            "/api/search?q=drone",
            "/api/export?format=csv",
        ]
        errors = ["/events/evt_missing", "/no/such/page", "/events?country=Narnia", "/events?page=0"]

        def check_all() -> None:
            for path in reads:
                assert client.get(path, headers=html).status_code == 200, path
            for path in errors:
                assert 400 <= client.get(path, headers=html).status_code < 500, path

        check_all()
        add_user(app)
        assert login(client, password="wrong password").status_code == 401
        assert login(client).status_code == 303
        check_all()  # now with a session to look up on every page and error page
        confirmed = client.post(f"/review/{event_id}/confirm", data={"csrf": csrf_of(client)}, follow_redirects=False)
        assert confirmed.status_code == 303
        edited = client.post(
            f"/api/events/{event_id}/review",
            json={"action": "edit", "field": "injuries", "value": "40"},
            headers={"X-CSRF-Token": csrf_of(client)},
        )
        assert edited.status_code == 200
        assert client.post("/logout", data={"csrf": csrf_of(client)}, follow_redirects=False).status_code == 303
        assert "Log in" in client.get("/", headers=html).text
    finally:
        app.state.engine.dispose()


def test_web_pool_is_sized_to_the_worker_threads(db):
    app = create_app(db, Settings(threads=3, exports=2))
    try:
        pool = app.state.engine.pool
        assert isinstance(pool, QueuePool) and pool.size() == 5 and pool._max_overflow == 0
        with TestClient(app) as client:
            import anyio.to_thread

            tokens = client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)
            assert tokens == 3
            assert client.get("/api/events").status_code == 200
    finally:
        app.state.engine.dispose()


def test_web_no_free_connection_is_a_quick_503_with_retry_after(db):
    app = create_app(db, Settings(threads=1, exports=0, pool_timeout=0.3))
    client = TestClient(app, base_url="https://testserver", raise_server_exceptions=False)
    held = app.state.engine.connect()  # the pool's only connection
    try:
        start = time.perf_counter()
        api = client.get("/api/events")
        page = client.get("/events", headers={"accept": "text/html"})
        assert time.perf_counter() - start < 8  # two waits of 0.3 s, not a hang
        assert api.status_code == 503 and api.headers["retry-after"] == "1" and "busy" in api.json()["detail"]
        assert page.status_code == 503 and page.headers["retry-after"] == "1" and "busy" in page.text
        assert "<html" in page.text
    finally:
        held.close()
    assert client.get("/api/events").status_code == 200
    app.state.engine.dispose()


def test_web_exports_beyond_their_slots_are_503_and_a_finished_export_frees_its_slot(db):
    app = create_app(db, Settings(exports=1))
    client = TestClient(app, base_url="https://testserver", raise_server_exceptions=False)
    slots = app.state.export_slots
    try:
        for _ in range(3):  # each finished export gives its slot back
            assert client.get("/api/export", params={"format": "jsonl"}).status_code == 200
        assert slots.acquire(blocking=False)
        busy = client.get("/api/export", params={"format": "csv"})
        assert busy.status_code == 503 and busy.headers["retry-after"] == "5" and "export" in busy.json()["detail"]
        slots.release()
        assert client.get("/api/export", params={"format": "csv"}).status_code == 200
    finally:
        app.state.engine.dispose()


def test_web_login_page_is_rendered_after_the_connection_is_returned(db):
    # the failed-login page used to be rendered inside the login transaction (a second connection)
    app = create_app(db)
    with_pool(app, size=1, timeout=0.5)
    client = TestClient(app, base_url="https://testserver", raise_server_exceptions=False)
    add_user(app)
    try:
        wrong = client.post("/login", data={"name": "alice", "password": "not " + PASSWORD})
        assert wrong.status_code == 401 and "Wrong user name or password" in wrong.text
    finally:
        app.state.engine.dispose()


def test_web_an_abandoned_or_never_read_export_frees_its_slot_and_its_writer():
    import gc
    import threading

    from claimgraph.web.api import ExportSlot, stream

    slots = threading.BoundedSemaphore(1)
    finished = threading.Event()

    def write(out) -> None:
        try:
            for _ in range(10_000):  # far more than the queue holds: the writer must notice the client left
                out.write("x" * 65536)
        finally:
            finished.set()

    chunks = stream(write, ExportSlot.take(slots))
    assert len(next(chunks)) >= 65536
    chunks.close()  # the client went away
    assert finished.wait(5) and slots.acquire(blocking=False)
    slots.release()

    never_read = stream(write, ExportSlot.take(slots))  # answered, but the body was never started
    del never_read
    gc.collect()
    assert slots.acquire(blocking=False)
