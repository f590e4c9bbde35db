"""Delivery: gzip on text responses, versioned static files cached for a year, HTML error pages for
browsers (unknown paths too), CSRF tokens masked per page (so compression leaks nothing), and the
pages' review-status filter. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import claimgraph
from claimgraph.web.app import Settings, create_app
from claimgraph.web.assets import IMMUTABLE, REVALIDATE
from test_web_api import add_user, csrf_of, login, tower22

STATIC = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "web" / "static"
HTML = {"accept": "text/html"}
GZIP = {"accept-encoding": "gzip"}
PLAIN = {"accept-encoding": "identity"}


@pytest.fixture
def app(db_url, sources, shared_extractor):
    with claimgraph.open(db_url) as db:
        db.ingest([sources.root])
    application = create_app(db_url, Settings(max_body=4096))
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app):
    return TestClient(app, base_url="https://testserver", raise_server_exceptions=False)


def static_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href|data-basemap-url)="(?:https?://testserver)?(/static/[^"]+)"', html)


def transferred(client: TestClient, path: str, headers: dict[str, str]) -> tuple[int, int]:
    """(bytes on the wire, bytes of content) of one GET."""
    with client.stream("GET", path, headers=headers) as response:
        assert response.status_code == 200, path
        content = response.read()
        return response.num_bytes_downloaded, len(content)


# -- compression -------------------------------------------------------------------------------------


def test_web_text_responses_are_gzipped_for_clients_that_accept_it(client):
    for path, headers in [
        ("/", HTML),
        (f"/events/{tower22(client)}", HTML),
        ("/api/events", {}),
        ("/openapi.json", {}),
        ("/static/css/app.css", {}),
        ("/static/js/map.js", {}),
    ]:
        response = client.get(path, headers={**headers, **GZIP})
        assert response.status_code == 200, path
        assert response.headers["content-encoding"] == "gzip", path
        assert "accept-encoding" in response.headers["vary"].lower(), path
        assert "content-security-policy" in response.headers, path
        assert "content-encoding" not in client.get(path, headers={**headers, **PLAIN}).headers, path
    tiny = client.get("/api/events", params={"country": "Narnia"}, headers=GZIP)  # a short 400
    assert tiny.status_code == 400 and "content-encoding" not in tiny.headers


def test_web_map_page_and_what_it_loads_transfer_in_under_half_their_size(client):
    page = client.get("/", headers=HTML).text
    paths = ["/", *static_urls(page), "/api/events.geojson", "/api/timeline?bucket=week&by=type", "/api/events"]
    assert any("countries-50m.json" in p for p in paths) or not (STATIC / "vendor").is_dir()
    wire = sum(transferred(client, p, {**HTML, **GZIP})[0] for p in paths)
    plain = sum(transferred(client, p, {**HTML, **PLAIN})[0] for p in paths)
    assert wire < plain / 2, (wire, plain)


# -- caching -----------------------------------------------------------------------------------------


def test_web_static_files_are_named_by_version_and_cached_for_a_year(client):
    urls = static_urls(client.get("/", headers=HTML).text) + static_urls(client.get("/review", headers=HTML).text)
    own = [u for u in urls if "/vendor/" not in u]
    assert any("css/app.css" in u for u in own) and any("js/map.js" in u for u in own)
    for url in urls:
        path, _, version = url.removeprefix("/static/").partition("?v=")
        assert version == hashlib.sha256((STATIC / path).read_bytes()).hexdigest()[:12], url
        response = client.get(url)
        assert response.status_code == 200 and response.headers["cache-control"] == IMMUTABLE, url


def test_web_unversioned_or_stale_static_urls_are_revalidated(client):
    plain = client.get("/static/css/app.css")
    assert plain.headers["cache-control"] == REVALIDATE and plain.headers["etag"]
    again = client.get("/static/css/app.css", headers={"if-none-match": plain.headers["etag"]})
    assert again.status_code == 304 and again.headers["cache-control"] == REVALIDATE
    stale = client.get("/static/css/app.css?v=000000000000")
    assert stale.status_code == 200 and stale.headers["cache-control"] == REVALIDATE


# -- error pages -------------------------------------------------------------------------------------


def test_web_unknown_paths_are_an_html_page_for_browsers_and_json_for_the_api(client):
    page = client.get("/no/such/<b>page</b>", headers=HTML)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "There is no page at /no/such/&lt;b&gt;page&lt;/b&gt;" in page.text and "<b>page" not in page.text
    assert 'href="/"' in page.text and "content-security-policy" in page.headers
    assert client.get("/no/such/page").json() == {"detail": "Not Found"}  # no HTML asked for
    assert client.get("/api/no/such", headers=HTML).json() == {"detail": "Not Found"}
    missing_static = client.get("/static/css/missing.css")
    assert missing_static.status_code == 404 and missing_static.json() == {"detail": "Not Found"}


def test_web_wrong_method_and_invalid_parameters_are_html_pages_for_browsers(client):
    wrong = client.delete("/events", headers=HTML)
    assert wrong.status_code == 405 and "DELETE is not allowed at /events" in wrong.text and wrong.headers["allow"]
    invalid = client.get("/events", params={"page": "0"}, headers=HTML)
    assert invalid.status_code == 422 and "page" in invalid.text and "<html" in invalid.text
    assert client.get("/api/events", params={"limit": 0}, headers=HTML).json()["detail"][0]["loc"] == [
        "query",
        "limit",
    ]


def test_web_error_pages_show_who_is_logged_in(app, client):
    add_user(app)
    login(client)
    for path in ("/no/such/page", "/events/evt_missing"):
        page = client.get(path, headers=HTML)
        assert page.status_code == 404 and "alice (analyst)" in page.text, path


def test_web_an_invalid_api_token_on_a_page_is_a_403_page_not_a_500(client):
    page = client.get("/events", headers={**HTML, "authorization": "Bearer cg_not-a-token"})
    assert page.status_code == 403 and "invalid or revoked API token" in page.text


# -- CSRF tokens -------------------------------------------------------------------------------------


def test_web_pages_mask_the_csrf_token_afresh_and_every_mask_is_accepted(app, client):
    add_user(app)
    login(client)
    first, second = csrf_of(client), csrf_of(client)
    assert first != second  # the same secret, never the same bytes: nothing for BREACH to find
    event_id = tower22(client)
    assert client.post(f"/review/{event_id}/confirm", data={"csrf": first}, follow_redirects=False).status_code == 303
    edit = client.post(
        f"/api/events/{event_id}/review",
        json={"action": "edit", "field": "injuries", "value": "40"},
        headers={"X-CSRF-Token": second},
    )
    assert edit.status_code == 200
    for forged in ("", "x", first[:-2], "A" * len(first)):
        response = client.post(f"/review/{event_id}/reopen", data={"csrf": forged}, follow_redirects=False)
        assert response.status_code == 403, forged


# -- filters -----------------------------------------------------------------------------------------


def test_web_pages_take_the_review_status_filter(client):
    for path in ("/", "/events", "/timeline"):
        assert client.get(path, params={"review_status": "confirmed"}, headers=HTML).status_code == 200, path
        bad = client.get(path, params={"review_status": "maybe"}, headers=HTML)
        assert bad.status_code == 400 and "maybe" in bad.text, path
