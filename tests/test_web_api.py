"""The REST API and the pages, in-process (FastAPI TestClient), on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

import pytest

import claimgraph
from claimgraph.web import auth
from claimgraph.web.app import Settings, create_app
from conftest import DocFiles

PASSWORD = "correct horse battery"


@pytest.fixture
def app(db_url, sources, shared_extractor):
    with claimgraph.open(db_url) as db:
        db.ingest([sources.root])
    application = create_app(db_url, Settings(max_body=4096))
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    return TestClient(app, base_url="https://testserver", raise_server_exceptions=False)


def add_user(app, name="alice", role="analyst"):
    with app.state.engine.begin() as conn:
        return auth.add_user(conn, name, role, PASSWORD)


def login(client, name="alice", password=PASSWORD):
    return client.post("/login", data={"name": name, "password": password, "next": "/review"}, follow_redirects=False)


def csrf_of(client, path="/review") -> str:
    page = client.get(path, headers={"accept": "text/html"}).text
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def tower22(client) -> str:
    return client.get("/api/events", params={"place": "Tower 22"}).json()["items"][0]["claimgraph_event_id"]


# -- reading -----------------------------------------------------------------------------------------


def test_web_api_events_filters_and_pages(client):
    page = client.get("/api/events", params={"limit": 2}).json()
    assert page["total"] == 6 and len(page["items"]) == 2 and page["limit"] == 2
    assert {"event_id_cnty", "actor1", "claimed_by", "claimgraph_event_id"} <= set(page["items"][0])
    iri = client.get("/api/events", params={"claimed_by": "IRI", "country": "IQ"}).json()
    assert iri["total"] >= 2 and all("Islamic Resistance in Iraq" in r["claimed_by"] for r in iri["items"])
    conflicts = client.get("/api/events", params={"conflicts": "true"}).json()
    assert conflicts["total"] == 2


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"since": "28/01/2024"}, 422),
        ({"limit": 0}, 422),
        ({"limit": 10_000}, 422),
        ({"review_status": "maybe"}, 422),
        ({"country": "Narnia"}, 400),
        ({"since": "2024-02-01", "until": "2024-01-01"}, 400),
        ({"sort": "colour"}, 422),
    ],
)
def test_web_api_invalid_parameters_are_4xx_with_a_message(client, params, status):
    response = client.get("/api/events", params=params)
    assert response.status_code == status and response.json()["detail"]


def test_web_api_event_detail_has_sources_conflicts_and_claims(client):
    detail = client.get(f"/api/events/{tower22(client)}").json()
    assert {"place", "injuries"} <= set(detail["conflicts"])
    assert all(ev["sentence"] for r in detail["reports"] for ev in r["evidence"])
    assert detail["claim_history"][0]["claimant"] == "Islamic Resistance in Iraq"
    assert client.get("/api/events/evt_missing").status_code == 404


def test_web_api_geojson_timeline_actor_graph_document_search(client):
    geo = client.get("/api/events.geojson", params={"country": "IQ"}).json()
    assert geo["type"] == "FeatureCollection" and all(f["properties"]["country"] == "IQ" for f in geo["features"])
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert 38 < lon < 49 and 29 < lat < 38
    weeks = client.get("/api/timeline", params={"by": "actor"}).json()
    assert weeks["bucket"] == "week" and sum(p["count"] for s in weeks["series"] for p in s["points"]) == 6
    graph = client.get("/api/actors/kataib-hezbollah/graph").json()
    assert graph["center"] == "kataib-hezbollah"
    assert any(e["target"] == "islamic-resistance-in-iraq" for e in graph["edges"] if e["source"] == "kataib-hezbollah")
    found = client.get("/api/search", params={"q": "Tower 22"}).json()
    doc_id = found["documents"][0]["doc_id"]
    assert found["documents"][0]["events"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert "Tower 22" in doc["document"]["text"] and doc["mentions"] and "raw" not in doc["document"]


def test_web_api_export_streams_each_format(client):
    csv = client.get("/api/export", params={"format": "csv", "claimed_by": "IRI"})
    assert (
        csv.status_code == 200
        and csv.text.startswith("event_id_cnty,")
        and "attachment" in csv.headers["content-disposition"]
    )
    stix = client.get("/api/export", params={"format": "stix"}).json()
    assert stix["type"] == "bundle" and stix["id"].startswith("bundle--")


def test_web_pages_render_with_source_sentence_and_conflict(client):
    html = client.get(f"/events/{tower22(client)}", headers={"accept": "text/html"}).text
    assert '<mark class="evidence">' in html and "Where sources disagree" in html
    assert "<bdi>Tower 22</bdi> (JO, site)" in html and "<bdi>Al-Tanf Garrison</bdi> (SY, site)" in html
    for path in ("/events", "/actors", "/actors/kataib-hezbollah", "/search?q=drone", "/review", "/login"):
        assert client.get(path, headers={"accept": "text/html"}).status_code == 200, path
    # who the sources say carried it out, beside who claimed it and who is blamed
    event = client.get(f"/api/events/{tower22(client)}").json()["event"]
    assert event["actors"] and "<dt>Actors</dt>" in html
    for actor in event["actors"]:
        assert f'<a href="/actors/name:{quote(actor)}">{escape(actor)}</a>' in html
    missing = client.get("/events/evt_missing", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "no event" in missing.text


# -- access ------------------------------------------------------------------------------------------


def test_web_without_users_everything_is_read_only(client):
    event_id = tower22(client)
    response = client.post(f"/api/events/{event_id}/review", json={"action": "confirm"})
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert client.post(f"/review/{event_id}/confirm", data={"csrf": "x"}).status_code == 403


def test_web_analyst_logs_in_confirms_and_the_audit_log_shows_it(app, client):
    add_user(app)
    response = login(client)
    assert response.status_code == 303 and response.headers["location"] == "/review"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=strict" in cookie
    event_id = tower22(client)
    token = csrf_of(client)
    done = client.post(f"/review/{event_id}/confirm", data={"csrf": token}, follow_redirects=False)
    assert done.status_code == 303
    page = client.get(f"/events/{event_id}", headers={"accept": "text/html"}).text
    assert 'id="audit-log"' in page and "alice" in page and "confirm" in page
    assert client.get(f"/api/events/{event_id}").json()["event"]["review_status"] == "confirmed"


def test_web_forms_and_json_writes_need_the_csrf_token(app, client):
    add_user(app)
    login(client)
    event_id = tower22(client)
    assert client.post(f"/review/{event_id}/confirm", data={"csrf": "forged"}).status_code == 403
    assert client.post(f"/api/events/{event_id}/review", json={"action": "confirm"}).status_code == 403
    ok = client.post(
        f"/api/events/{event_id}/review",
        json={"action": "edit", "field": "injuries", "value": "40"},
        headers={"X-CSRF-Token": csrf_of(client)},
    )
    assert ok.status_code == 200 and ok.json()["event"]["injuries"] == 40


def test_web_viewer_cannot_review_and_api_tokens_work_until_revoked(app, client):
    add_user(app, "victor", "viewer")
    add_user(app, "script-owner", "analyst")
    login(client, "victor")
    event_id = tower22(client)
    denied = client.post(
        f"/api/events/{event_id}/review", json={"action": "confirm"}, headers={"X-CSRF-Token": csrf_of(client)}
    )
    assert denied.status_code == 403 and "viewer" in denied.json()["detail"]
    with app.state.engine.begin() as conn:
        token_id, token = auth.create_token(conn, "script-owner", "tests")
    from fastapi.testclient import TestClient

    bot = TestClient(app, base_url="https://testserver", raise_server_exceptions=False)
    headers = {"Authorization": f"Bearer {token}"}
    assert (
        bot.post(
            f"/api/events/{event_id}/review", json={"action": "reject", "note": "test"}, headers=headers
        ).status_code
        == 200
    )
    with app.state.engine.begin() as conn:
        auth.revoke_token(conn, token_id)
    assert bot.post(f"/api/events/{event_id}/review", json={"action": "reopen"}, headers=headers).status_code == 403


def test_web_failed_logins_are_throttled(app, client):
    add_user(app)
    for _ in range(5):
        assert login(client, password="wrong password").status_code == 401
    assert login(client).status_code == 429  # even the right password, for a while


def test_web_passwords_are_stored_as_scrypt_hashes(app):
    add_user(app)
    import sqlalchemy as sa

    from claimgraph.store import schema

    with app.state.engine.connect() as conn:
        stored = conn.execute(sa.select(schema.users.c.password_hash)).scalar_one()
    assert stored.startswith("scrypt$") and PASSWORD not in stored
    assert auth.verify_password(PASSWORD, stored) and not auth.verify_password("nope nope nope", stored)


# -- safety ------------------------------------------------------------------------------------------


def test_web_every_response_has_a_strict_content_security_policy(client):
    for path in ("/", "/events", "/api/events", "/openapi.json"):
        policy = client.get(path, headers={"accept": "text/html"}).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_web_request_bodies_over_the_limit_are_refused_before_parsing(client):
    url = f"/api/events/{tower22(client)}/review"
    assert (
        client.post(url, content=b"{" + b" " * 10_000 + b"}", headers={"content-type": "application/json"}).status_code
        == 413
    )

    def chunks():
        yield b"{"
        for _ in range(100):
            yield b" " * 100
        yield b"}"

    assert client.post(url, content=chunks(), headers={"content-type": "application/json"}).status_code == 413


HOSTILE = (
    "BAGHDAD - A drone struck Ain al-Asad air base on Sunday <script>alert('x')</script> and "
    '<img src=x onerror=alert(1)> <svg onload=alert(2)></svg> <a href="javascript:alert(3)">link</a>, '
    "the Islamic Resistance in Iraq claimed."
)


def test_web_source_html_is_shown_as_text_never_markup(app, client, tmp_path):
    files = DocFiles(tmp_path / "hostile")
    files.json(
        "x.json",
        {
            "id": "x",
            "published": "2024-03-04",
            "title": "<script>alert('t')</script>",
            "url": "javascript:alert(4)",
            "text": HOSTILE,
        },
    )
    with claimgraph.open(str(app.state.engine.url.render_as_string(hide_password=False))) as db:
        db.ingest([files.root])
    doc = client.get("/api/search", params={"q": "onerror"}).json()["documents"][0]
    for path in (f"/documents/{doc['doc_id']}", f"/events/{doc['events'][0]}", "/search?q=onerror"):
        html = client.get(path, headers={"accept": "text/html"}).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html, path
        assert "javascript:alert" not in html.replace("&#34;javascript:alert(3)&#34;", ""), path
        assert "&lt;script&gt;" in html or "&lt;img" in html, path


def test_web_api_dates_at_the_ends_of_the_calendar_are_answered_not_500(client):
    # since=0001-01-01 made the filter's "a year before" step off the calendar (OverflowError)
    for path in ("/api/events", "/api/events.geojson", "/api/timeline", "/api/export", "/events"):
        for params in ({"since": "0001-01-01"}, {"since": "0002-01-01", "until": "9999-12-31"}):
            response = client.get(path, params=params, headers={"accept": "text/html"})
            # answered: the pages and the export read the range, the API refuses a date off its range
            assert response.status_code in (200, 400), (path, params, response.text[:200])
            if response.status_code == 400:
                assert "out of range" in response.text


# -- review (issue 14 and issue 15 item 3) -----------------------------------------------------------


def analyst_bot(app):
    """A client with an analyst's API token (no session, no CSRF token)."""
    from fastapi.testclient import TestClient

    add_user(app, "bot-owner", "analyst")
    with app.state.engine.begin() as conn:
        _, token = auth.create_token(conn, "bot-owner", "tests")
    bot = TestClient(app, base_url="https://testserver", raise_server_exceptions=False)
    bot.headers["Authorization"] = f"Bearer {token}"
    return bot


def test_web_review_status_filter_works_on_the_pages_and_the_api(app, client):
    event_id = tower22(client)
    assert analyst_bot(app).post(f"/api/events/{event_id}/review", json={"action": "reject"}).status_code == 200
    html = {"accept": "text/html"}
    for path in ("/events", "/", "/timeline"):  # each answered 500 ('str' object has no attribute 'value')
        assert client.get(path, params={"review_status": "rejected"}, headers=html).status_code == 200, path
        assert client.get(path, params={"review_status": "maybe"}, headers=html).status_code == 400, path
    listed = client.get("/events", params={"review_status": "rejected"}, headers=html).text
    assert event_id in listed
    assert event_id not in client.get("/events", headers=html).text  # rejected events are hidden by default
    api = client.get("/api/events", params={"review_status": "rejected"}).json()
    assert [r["claimgraph_event_id"] for r in api["items"]] == [event_id]


def test_web_api_review_merge_preview_choice_redirect_and_undo(app, client):
    bot = analyst_bot(app)
    harir = {
        str(r["event_date"])[:7]: r["claimgraph_event_id"]
        for r in client.get("/api/events", params={"place": "Harir"}).json()["items"]
    }
    january, october = harir["2024-01"], harir["2023-10"]
    url = f"/api/events/{january}/review"
    preview = bot.post(url, json={"action": "merge", "others": [october], "dry_run": True}).json()["preview"]
    assert preview["chosen"]["date"]["from"] == january and preview["redirects"] == {october: january}
    assert client.get(f"/api/events/{october}").json()["event"]["id"] == october  # a preview changes nothing
    done = bot.post(url, json={"action": "merge", "others": [october], "choose": {"date": october}}).json()
    assert done["event"]["date"] == "2023-10-17" and done["event"]["n_reports"] == 3
    moved = client.get(f"/api/events/{october}").json()  # the merged-away id answers with the event it is in
    assert moved["event"]["id"] == january and moved["redirected_from"] == october
    bad = bot.post(url, json={"action": "merge", "others": [october], "choose": {"date": "evt_x"}})
    assert bad.status_code == 404  # a typo names the event it cannot find
    undone = bot.post(url, json={"action": "undo", "note": "not the same attack"})
    assert undone.status_code == 200 and undone.json()["event"]["date"] == "2024-01-20"
    assert client.get(f"/api/events/{october}").json()["event"]["id"] == october
    assert bot.post(url, json={"action": "confirm", "dry_run": True}).status_code == 400


def test_web_api_review_refuses_an_impossible_value_with_422_and_changes_nothing(app, client):
    bot = analyst_bot(app)
    event_id = tower22(client)
    url = f"/api/events/{event_id}/review"
    for field, value in (("injuries", "99999999999999999999"), ("date", "2024-02-30"), ("place", "91, 10")):
        refused = bot.post(url, json={"action": "edit", "field": field, "value": value})
        assert refused.status_code == 422 and field in refused.json()["detail"], (field, refused.text)
    assert "from 0 to 100000" in bot.post(url, json={"action": "edit", "field": "injuries", "value": "100001"}).text
    e = client.get(f"/api/events/{event_id}").json()
    assert e["event"]["injuries"] == 47 and e["review_history"] == []
    assert client.get("/api/events").status_code == 200
