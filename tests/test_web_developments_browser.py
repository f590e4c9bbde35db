"""The timeline in Chromium draws announcements (strategic developments) over the attack bars."""

from __future__ import annotations

import json

import pytest

import claimgraph
from claimgraph.web import auth
from conftest import serve
from test_web_browser import ARGS, CHROMIUM, PASSWORD, SHOTS

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: `make test` installs it (apt-get)")

REPORTS = [
    {
        "id": "tower",
        "published": "2024-01-29",
        "outlet": "Wire A",
        "text": "A drone struck Tower 22 in Jordan on 28 January 2024, killing three US soldiers. "
        "The Islamic Resistance in Iraq claimed the attack.",
    },
    {
        "id": "harir",
        "published": "2024-01-05",
        "outlet": "Wire B",
        "text": "Two drones struck Harir air base on 4 January 2024; the Islamic Resistance in Iraq claimed them.",
    },
    {
        "id": "pause",
        "published": "2024-01-31",
        "outlet": "Wire C",
        "text": "Kataib Hezbollah announced on 30 January 2024 the suspension of its military operations "
        "against US forces.",
    },
    {
        "id": "phase",
        "published": "2023-11-04",
        "outlet": "Wire D",
        "text": "On 3 November 2023 the Islamic Resistance in Iraq announced a new phase of operations. "
        "A drone struck Ain al-Asad air base on 3 November 2023.",
    },
]


@pytest.fixture(scope="module")
def site(tmp_path_factory, extractor):

    from claimgraph.extract import runner
    from claimgraph.web.app import Settings, create_app
    from conftest import DocFiles

    root = tmp_path_factory.mktemp("devbrowser")
    files = DocFiles(root / "docs")
    for r in REPORTS:
        files.json(f"{r['id']}.json", r)
    db = str(root / "site.db")
    original = runner.build_extractor
    runner.build_extractor = lambda kb_files=(): extractor
    try:
        with claimgraph.open(db) as store:
            store.ingest([files.root])
            with store.engine.begin() as conn:
                auth.add_user(conn, "alice", "analyst", PASSWORD)
    finally:
        runner.build_extractor = original
    app = create_app(db, Settings())
    yield from serve(app)


@pytest.fixture(scope="module")
def page(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        pg = context.new_page()
        pg.problems = []
        pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: pg.problems.append(str(e)))
        yield pg
        browser.close()


def axe_violations(page, site) -> list[str]:
    page.add_script_tag(url=f"{site}/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in result]


def test_web_developments_timeline_draws_labelled_markers_and_is_accessible(site, page):
    page.goto(f"{site}/timeline?bucket=week")
    page.wait_for_selector("#timeline .development-mark")
    labels = page.locator("#timeline .development-mark text").all_text_contents()
    assert "suspension · Kataib Hezbollah" in labels
    assert "new phase · Islamic Resistance in Iraq" in labels
    assert page.locator("#timeline rect.bar").count() >= 3  # the attacks are still bars
    assert "suspension" in page.locator(".development-list").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "timeline-developments.png"), full_page=True)
    assert axe_violations(page, site) == []
    assert page.problems == []


def test_web_developments_timeline_markers_follow_the_actor_filter(site, page):
    page.goto(f"{site}/timeline?bucket=week&actor=Islamic+Resistance+in+Iraq")
    page.wait_for_selector("#timeline .development-mark")
    labels = page.locator("#timeline .development-mark text").all_text_contents()
    assert labels == ["new phase · Islamic Resistance in Iraq"]
    # an actor with announcements and no attack: no bars, the announcements still listed
    page.goto(f"{site}/timeline?bucket=week&actor=Kataib+Hezbollah")
    page.wait_for_selector("#timeline .development-list")
    assert "suspension" in page.locator("#timeline .development-list").inner_text()


def test_web_developments_actor_page_lists_announcements_accessibly(site, page):
    page.goto(f"{site}/actors/kataib-hezbollah")
    text = page.locator("section[aria-labelledby=dev-h]").inner_text()
    assert "suspension" in text and "Wire C" in text
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "actor-developments.png"), full_page=True)
    assert axe_violations(page, site) == []


def test_web_developments_analyst_confirms_rejects_and_reopens_from_the_development_page(site, page):
    page.goto(f"{site}/login?next=/actors/kataib-hezbollah")
    page.fill("input[name=name]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form.login button[type=submit]").click()
    page.wait_for_url(f"{site}/actors/kataib-hezbollah")
    page.locator("section[aria-labelledby=dev-h] a", has_text="suspension").click()
    page.wait_for_selector("h1")
    assert "Suspension" in page.locator("h1").inner_text() and "Kataib Hezbollah" in page.locator("h1").inner_text()
    assert "Wire C" in page.locator("section[aria-labelledby=sources-h]").inner_text()
    assert page.locator(".badge").first.inner_text() == "unreviewed"
    assert axe_violations(page, site) == []
    page.locator("form[action$='/review/confirm'] button").click()
    page.wait_for_selector("#audit-log")
    assert page.locator(".badge").first.inner_text() == "confirmed"
    page.fill("form[action$='/review/reject'] input[name=note]", "a rumour, no statement")
    page.locator("form[action$='/review/reject'] button").click()
    page.wait_for_selector(".badge-rejected")
    # rejected: gone from the actor page, still reachable here to be reopened
    development_url = page.url
    page.goto(f"{site}/actors/kataib-hezbollah")
    assert "suspension" not in page.locator("section[aria-labelledby=dev-h]").inner_text()
    page.goto(development_url)
    page.locator("form[action$='/review/reopen'] button").click()
    page.wait_for_selector(".badge-unreviewed")
    log = page.locator("#audit-log").inner_text()
    assert [line.split("\t")[1:4] for line in log.splitlines()[1:]] == [
        ["alice", "confirm", "unreviewed → confirmed"],
        ["alice", "reject", "confirmed → rejected"],
        ["alice", "reopen", "rejected → unreviewed"],
    ]
    assert "a rumour, no statement" in log
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "development-reviewed.png"), full_page=True)
    assert axe_violations(page, site) == []
    assert page.problems == []


def test_web_developments_review_form_needs_the_csrf_token(site):
    import urllib.error
    import urllib.request

    dev = json.load(urllib.request.urlopen(f"{site}/api/developments?kind=suspension"))[0]
    request = urllib.request.Request(f"{site}/developments/{dev['id']}/review/confirm", data=b"csrf=", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code in (401, 403)
    assert json.load(urllib.request.urlopen(f"{site}/api/developments?kind=suspension"))[0]["status"] == "unreviewed"
