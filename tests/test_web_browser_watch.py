"""The Sources and Saved searches pages in a real browser (Chromium + Playwright, as test_web_browser)."""

from __future__ import annotations

import pytest

import test_web_browser
from claimgraph.store.filters import EventFilter
from claimgraph.web import auth
from conftest import TOWER22_REPORT, serve
from test_watch import FAST, config, serve_article
from test_web_browser import CHROMIUM, PASSWORD, shot

browser, page = test_web_browser.browser, test_web_browser.page  # the browser tests' fixtures, shared

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: `make test` installs it (apt-get)")


@pytest.fixture(scope="module")
def watch_site(tmp_path_factory, extractor):
    """A database after one watch round (one good feed, one failing), a saved search with an alert."""

    from claimgraph.extract import runner
    from claimgraph.store.engine import connect
    from claimgraph.watch.fetch import Fetcher
    from claimgraph.watch.loopback import LoopbackSite, rss_feed
    from claimgraph.watch.rounds import run_round
    from claimgraph.watch.searches import add_search
    from claimgraph.web.app import Settings, create_app

    db = str(tmp_path_factory.mktemp("watch-browser") / "site.db")
    original = runner.build_extractor
    runner.build_extractor = lambda kb_files=(): extractor
    try:
        with LoopbackSite() as feeds:
            good = feeds.route("/feed.xml", rss_feed("Wire A", [serve_article(feeds, "t22", TOWER22_REPORT)]))
            broken = feeds.route("/broken.xml", "oops", status=500)
            engine = connect(db)
            with engine.begin() as conn:
                add_search(conn, "tower22", EventFilter(place="Tower 22"))
                auth.add_user(conn, "alice", "analyst", PASSWORD)
            run_round(engine, config(("wire-a", good), ("broken-feed", broken)), fetcher=Fetcher(FAST))
            engine.dispose()
    finally:
        runner.build_extractor = original
    app = create_app(db, Settings(secure_cookies=False))
    yield from serve(app)


def axe_violations(page, site) -> list[str]:
    page.add_script_tag(url=f"{site}/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in result if v["impact"] in ("serious", "critical")]


def test_browser_sources_page_shows_each_source_last_fetch_and_error(watch_site, page):
    page.goto(f"{watch_site}/sources")
    rows = page.locator("#sources tbody tr")
    assert rows.count() == 2
    text = page.locator("#sources").inner_text()
    assert "wire-a" in text and "broken-feed" in text
    assert "HTTP 500 Internal Server Error (2 attempts)" in text
    assert "not modified" not in text and "ok" in text
    assert page.locator("#fetches tbody tr").count() == 2
    shot(page, "sources")
    assert axe_violations(page, watch_site) == []
    assert not [p for p in page.problems if not p.startswith("HTTP 404")], page.problems


def test_browser_saved_searches_page_lists_alerts_and_an_analyst_adds_one(watch_site, page):
    page.goto(f"{watch_site}/searches")
    section = page.locator("#search-tower22")
    assert "new event matches: Air/drone strike, Tower 22" in section.inner_text()
    assert section.locator("a[href$='.atom']").get_attribute("href") == "/feeds/tower22.atom"
    assert page.locator("form[action='/searches']").count() == 0  # a visitor reads, does not add
    page.goto(f"{watch_site}/login?next=/searches")
    page.fill("input[name=name]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form.login button[type=submit]").click()
    page.wait_for_url(f"{watch_site}/searches")
    page.fill("#s-name", "kh-claims")
    page.fill("#s-claimed-by", "Kataib Hezbollah")
    page.fill("#s-webhook", "http://127.0.0.1:9/hook")
    page.locator("form[action='/searches'] button[type=submit]").click()
    page.wait_for_selector("#search-kh-claims")
    assert len(page.locator("#new-secret").inner_text()) == 64
    shot(page, "saved-searches")
    assert axe_violations(page, watch_site) == []
    page.locator("#search-kh-claims button[type=submit]").click()
    page.wait_for_url(f"{watch_site}/searches")
    assert page.locator("#search-kh-claims").count() == 0
    assert not page.problems, page.problems
