"""The pages in a real browser: Debian's Chromium driven by Playwright, against `claimgraph serve`.

Screenshots are written to ``build/screenshots/`` (kept as test artefacts). The set-up
(`make test`) installs Chromium with apt-get; without it these tests skip with the reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ANALYST_PASSWORD as PASSWORD
from conftest import CHROMIUM
from conftest import CHROMIUM_ARGS as ARGS

SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


def _free_port() -> int:
    """A free local port (other browser tests import it from here)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


ARABIC = {
    "id": "ar-claim",
    "published": "2024-01-21",
    "lang": "ar",
    "outlet": "قناة المقاومة",
    "title": "المقاومة الإسلامية في العراق تستهدف قاعدة عين الأسد",
    "text": "أعلنت المقاومة الإسلامية في العراق أنها استهدفت قاعدة عين الأسد بطائرة مسيرة يوم السبت.",
}
HOSTILE = {
    "id": "hostile",
    "published": "2024-03-04",
    "title": '<img src=x onerror="window.__pwned=1">Hostile title',
    "url": "javascript:window.__pwned=2",
    "text": (
        "BAGHDAD - A drone struck Ain al-Asad air base on Sunday <script>window.__pwned=3</script> "
        '<img src=x onerror="window.__pwned=4"> <svg onload="window.__pwned=5"></svg> '
        '<a href="javascript:window.__pwned=6">details</a>; the Islamic Resistance in Iraq claimed the attack.'
    ),
}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: `make test` installs it (apt-get)")


@pytest.fixture(scope="module")
def site(tmp_path_factory, extractor):
    """A running server over the test corpus plus an Arabic and a hostile document."""
    from claimgraph.web.app import Settings, create_app
    from conftest import DocFiles, analyst_site, serve, write_sources

    root = tmp_path_factory.mktemp("browser")
    files = DocFiles(root / "docs")
    write_sources(files)
    files.json("ar.json", ARABIC)
    files.json("hostile.json", HOSTILE)
    db = str(root / "site.db")
    analyst_site(db, [files.root], extractor)
    yield from serve(create_app(db, Settings()))


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's; ``make browser`` installs it), shared by the browser test modules."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    pg = context.new_page()
    pg.problems = []  # console errors, CSP violations, dialogs, page errors
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("response", lambda r: pg.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    yield pg
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def event_id(site, **params) -> str:
    import urllib.parse
    import urllib.request

    with urllib.request.urlopen(f"{site}/api/events?{urllib.parse.urlencode(params)}") as r:
        return json.load(r)["items"][0]["claimgraph_event_id"]


def test_browser_map_shows_markers_and_filters_by_actor_and_date(site, page):
    page.goto(f"{site}/")
    page.wait_for_selector(".leaflet-marker-icon, .marker-cluster, path.leaflet-interactive", timeout=15000)
    page.wait_for_selector("#event-list tbody tr", timeout=15000)
    shot(page, "map")
    all_rows = page.locator("#event-list tbody tr").count()
    page.fill("input[name=actor]", "KH")
    page.fill("input[name=since]", "2024-02-01")
    page.fill("input[name=until]", "2024-02-29")
    page.locator("#filters button[type=submit]").click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('actor') === 'KH'", timeout=10000)
    page.wait_for_timeout(800)
    filtered = page.locator("#event-list tbody tr")
    assert 0 < filtered.count() < all_rows
    assert "Conoco" in page.locator("#event-list").inner_text()
    shot(page, "map-filtered")
    assert not page.problems, page.problems


def test_browser_event_page_highlights_the_source_sentence_and_the_conflict(site, page):
    page.goto(f"{site}/events/{event_id(site, place='Tower 22')}")
    marks = page.locator("mark.evidence")
    assert marks.count() >= 2 and "Tower 22" in page.locator("#main").inner_text()
    conflict = page.locator("table.conflict")
    assert (
        conflict.count() >= 1
        and "Al-Tanf Garrison (SY, site)" in conflict.first.inner_text() + conflict.last.inner_text()
    )
    shot(page, "event")
    assert not page.problems, page.problems


def test_browser_analyst_logs_in_confirms_and_sees_the_audit_entry(site, page):
    target = event_id(site, place="Harir")
    page.goto(f"{site}/login?next=/events/{target}")
    page.fill("input[name=name]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form.login button[type=submit]").click()
    page.wait_for_url(f"{site}/events/{target}")
    page.locator("form[action$='/confirm'] button").click()
    page.wait_for_selector("#audit-log")
    log = page.locator("#audit-log").inner_text()
    assert "alice" in log and "confirm" in log
    assert "confirmed" in page.locator(".badge").first.inner_text()
    shot(page, "event-confirmed")


def test_browser_source_html_never_runs(site, page):
    import urllib.parse
    import urllib.request

    with urllib.request.urlopen(f"{site}/api/search?q=onerror") as r:
        hit = json.load(r)["documents"][0]
    for path in (
        f"/documents/{hit['doc_id']}",
        f"/events/{hit['events'][0]}",
        "/search?q=onerror",
        "/?place=" + urllib.parse.quote("Ain al-Asad"),
    ):
        page.goto(f"{site}{path}")
        page.wait_for_timeout(600)
        for link in page.locator("a").all():
            assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
        assert page.evaluate("() => window.__pwned") is None, path
    shot(page, "hostile-map")
    assert not [p for p in page.problems if "dialog" in p or "pageerror" in p], page.problems


def test_browser_arabic_renders_right_to_left(site, page):
    page.goto(f"{site}/actors/islamic-resistance-in-iraq")
    direction = page.evaluate("() => getComputedStyle(document.querySelector('dd[lang=ar]')).direction")
    assert direction == "rtl"
    page.wait_for_selector("#actor-graph svg, #actor-graph canvas", timeout=10000)
    shot(page, "actor")


def test_browser_pages_have_no_serious_accessibility_violations(site, page):
    found = {}
    for path in (
        "/",
        "/events",
        f"/events/{event_id(site, place='Tower 22')}",
        "/actors",
        "/actors/kataib-hezbollah",
        "/search?q=drone",
        "/review",
        "/login",
    ):
        page.goto(f"{site}{path}")
        page.wait_for_timeout(500)
        page.add_script_tag(url=f"{site}/static/vendor/axe-core/axe.min.js")  # served by the app: CSP allows it
        result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        bad = [f"{v['id']} ({v['impact']}): {v['help']}" for v in result if v["impact"] in ("serious", "critical")]
        if bad:
            found[path] = bad
    assert not found, found
