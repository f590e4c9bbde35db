"""The analyst's day in Chromium (issue 14): the review queue, duplicate suggestions, merge with a
preview and a winning value per field, reject with a reason, undo and reopen from the pages;
status filters and facets with counts; sources named as analysts name them; conflict tables; the
evidence highlighted exactly in every script; dates left-to-right inside right-to-left text; the
timeline and map fitted to the bulk of the data; phones at 390 px; document pages.

Screenshots at 1400x900 and 390x844 land in ``build/screenshots/`` (look at them after changing a
page). Like ``test_web_browser.py``, these tests drive Debian's Chromium and skip without it.
"""

from __future__ import annotations

import json
import re
import unicodedata
import urllib.parse
import urllib.request

import pytest

import test_web_browser
from conftest import CHROMIUM
from test_web_browser import PASSWORD, SHOTS
from web_corpus import ARABIC_TOWER, COMBINING, DOCUMENTS, EMOJI, FRENCH

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: `make test` installs it (apt-get)")
browser = test_web_browser.browser  # the browser tests' Chromium, shared
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(tmp_path_factory, extractor):
    from claimgraph.web.app import Settings, create_app
    from conftest import DocFiles, analyst_site, serve, write_sources

    root = tmp_path_factory.mktemp("analyst")
    files = DocFiles(root / "docs")
    write_sources(files)
    for doc in DOCUMENTS:
        files.json(f"{doc['id']}.json", doc)
    db = str(root / "site.db")
    analyst_site(db, [files.root], extractor)
    for url in serve(create_app(db, Settings())):
        yield {"url": url, "root": str(root)}


def _page(browser, viewport):
    context = browser.new_context(viewport=viewport)
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    return context, pg


@pytest.fixture
def page(browser):
    context, pg = _page(browser, DESKTOP)
    yield pg
    context.close()


@pytest.fixture
def phone(browser):
    context, pg = _page(browser, PHONE)
    yield pg
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=str(SHOTS / f"{name}-{size['width']}.png"), full_page=True)


def api(site, path: str) -> dict:
    with urllib.request.urlopen(site["url"] + path) as r:
        return json.load(r)


def event_of(site, **params) -> str:
    return api(site, "/api/events?" + urllib.parse.urlencode(params))["items"][0]["claimgraph_event_id"]


def login(page, site, next_path: str) -> None:
    page.goto(f"{site['url']}/login?next={urllib.parse.quote(next_path)}")
    page.fill("input[name=name]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form.login button[type=submit]").click()
    page.wait_for_load_state("load")


def axe(page, site) -> list[str]:
    page.add_script_tag(url=f"{site['url']}/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in result if v["impact"] in ("serious", "critical")]


def notice(page) -> str:
    return page.locator("#action-notice").inner_text()


# -- 1, 2, 3: the queue, duplicates, merge with preview, undo -----------------------------------------------


def test_browser_queue_rows_say_enough_to_decide(site, page):
    login(page, site, "/review")
    row = page.locator("#review-queue tr.review-row", has_text="Tower 22").first
    text = row.inner_text()
    assert "claimed by Islamic Resistance in Iraq" in text
    assert "3 killed" in text and "injured" in text and "source(s)" in text
    assert row.locator(".key-sentence mark.evidence").count() >= 1
    assert "22" in row.locator(".key-sentence mark.evidence").all_inner_texts().__str__()
    assert not axe(page, site)
    shot(page, "review-queue")
    assert not page.problems, page.problems


def test_browser_duplicate_pair_merges_with_a_preview_a_chosen_value_and_undo(site, page):
    before = api(site, "/api/events?limit=1")["total"]
    login(page, site, "/review")
    pair = page.locator("#duplicate-pairs tr.pair-row", has_text="Hillah").first
    assert "same day" in pair.inner_text() and "both at Hillah" in pair.inner_text()
    pair.focus()
    page.keyboard.press("m")  # one key: the merge preview
    page.wait_for_url(re.compile(r"/events/evt_[0-9a-f]+/merge\?"))
    assert page.locator("#preview-moves li").count() >= 1
    choice = page.locator("fieldset.choice[data-field=fatalities]")  # 2 killed against 1
    field = choice.get_attribute("data-field")
    assert choice.locator("input[type=radio]").count() >= 3  # each event's value and "the sources decide"
    choice.locator("input[type=radio]").nth(1).check()  # the other event's value wins
    chosen_from = choice.locator("input[type=radio]").nth(1).get_attribute("value")
    page.locator("button.preview-choices").click()  # the preview follows the choice
    page.wait_for_url(re.compile(r"choose_fatalities="))
    changes = page.locator("#preview-values").inner_text()
    assert re.search(r"fatalities\s+\d\s+\d", changes), changes
    assert choice.locator(f"input[value='{chosen_from}']").is_checked()
    assert not axe(page, site)
    shot(page, "merge-preview")
    assert api(site, "/api/events?limit=1")["total"] == before  # a preview changes nothing
    page.locator("#commit-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/review\?done="))
    assert "Merged" in notice(page) and "moved into it" in notice(page)
    assert api(site, "/api/events?limit=1")["total"] == before - 1
    survivor = page.locator("#action-notice form").get_attribute("action").split("/")[2]
    audit = api(site, f"/api/events/{survivor}")["review_history"][-1]
    assert audit["action"] == "merge" and audit["detail"]["chosen"][field]["from"] == chosen_from
    assert audit["detail"]["chosen"][field]["by"] == "analyst"
    shot(page, "merge-done")
    with page.expect_navigation():
        page.keyboard.press("u")  # undo from the notice
    assert "Undid" in notice(page)
    assert api(site, "/api/events?limit=1")["total"] == before
    assert not page.problems, page.problems


def test_browser_merge_records_the_chosen_value_and_a_typo_keeps_the_input(site, page):
    ids = [r["claimgraph_event_id"] for r in api(site, "/api/events?place=Hillah")["items"]]
    assert len(ids) == 2
    login(page, site, f"/events/{ids[0]}")
    page.fill(".merge-form input[name=others]", ids[1] + "x")
    page.locator(".merge-form button").click()
    assert "no event" in page.locator(".error").inner_text()
    assert page.locator("input[name=others]").input_value() == ids[1] + "x"  # nothing typed is lost
    page.fill("input[name=others]", ids[1])
    page.locator(".merge-form button").click()
    choice = page.locator("fieldset.choice[data-field=fatalities]")
    choice.locator(f"input[value='{ids[1]}']").check()  # the merged-away event's value wins
    page.locator("#commit-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/events/evt_[0-9a-f]+\?done="))
    audit = page.locator("#audit-log").inner_text()
    assert "merge" in audit and f"from {ids[1]}" in audit
    merged = api(site, f"/api/events/{ids[0]}")["event"]
    assert merged["n_sources"] == 2
    assert (
        merged["fatalities"]
        == api(site, f"/api/events/{ids[0]}")["review_history"][-1]["detail"]["chosen"]["fatalities"]["value"]
    )
    with page.expect_navigation():
        page.locator("form[action$='/undo'] button").first.click()
    assert "Undid" in notice(page)
    assert {r["claimgraph_event_id"] for r in api(site, "/api/events?place=Hillah")["items"]} == set(ids)


def test_browser_reject_asks_why_says_what_it_did_and_reopens(site, page):
    target = event_of(site, place="Harir", since="2024-01-01")
    login(page, site, "/review")
    row = page.locator(f"#review-queue tr.review-row[data-event-id='{target}']")
    row.focus()
    page.keyboard.press("r")  # asks for the reason: focus goes to the row's reason field
    assert page.evaluate("() => document.activeElement.name") == "note"
    page.keyboard.press("Enter")  # no reason: the browser refuses the form
    page.wait_for_timeout(300)
    assert "done=" not in page.url
    page.keyboard.type("an exercise, not an attack")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/review\?done="))
    assert "Rejected" in notice(page) and "an exercise, not an attack" in notice(page)
    assert page.locator("#action-notice button", has_text="Undo").count() == 1
    assert page.locator(f"tr[data-event-id='{target}']").count() == 0
    shot(page, "rejected-notice")
    page.goto(f"{site['url']}/events/{target}")
    assert "rejected" in page.locator(".badge").first.inner_text()
    page.locator("form[action$='/reopen'] button").click()
    page.wait_for_url(re.compile(r"\?done="))
    assert "Reopened" in notice(page)
    assert "unreviewed" in page.locator(".badge").first.inner_text()
    assert not page.problems, page.problems


# -- 4: status filters and facets ----------------------------------------------------------------------


def test_browser_status_filters_and_facets_have_counts_on_every_page(site, page):
    for path in ("/", "/events", "/timeline", "/review"):
        page.goto(site["url"] + path)
        links = page.locator(".status-filter a")
        assert links.count() == 5, path
        assert re.search(r"Unreviewed \d+", page.locator(".status-filter").inner_text()), path
    page.goto(site["url"] + "/events")
    total = int(re.search(r"\((\d+)\)", page.locator("h1").inner_text()).group(1))
    counts = {
        a.get_attribute("data-status"): int(a.locator(".count").inner_text())
        for a in page.locator(".status-filter a").all()
    }
    assert counts[""] == total == counts["unreviewed"] + counts["confirmed"] + counts["edited"]
    facet = page.locator(".facet[data-facet=type] li a").first
    name = facet.inner_text()
    n = int(page.locator(".facet[data-facet=type] li .count").first.inner_text())
    facet.click()
    page.wait_for_load_state("load")
    assert f"({n})" in page.locator("h1").inner_text()
    assert page.locator(".facet[data-facet=type] a[aria-current=true]").inner_text() == name
    assert page.locator(".facet[data-facet=claimed_by] li").count() >= 1
    assert page.locator(".facet[data-facet=country] li").count() >= 1
    assert not axe(page, site)
    shot(page, "events-facets")
    page.goto(site["url"] + "/events?review_status=unreviewed")
    assert "unreviewed" in page.locator("table.data tbody .badge").first.inner_text()
    assert page.locator(".status-filter a[aria-current=true]").get_attribute("data-status") == "unreviewed"


# -- 5: sources, attributions, conflicts ----------------------------------------------------------------


def test_browser_sources_named_by_title_outlet_date_and_conflicts_counted(site, page):
    page.goto(f"{site['url']}/events/{event_of(site, place='Tower 22')}")
    main = page.locator("#main").inner_text()
    assert "via unknown" not in main
    assert "Drone attack on Tower 22" in main or "Attaque de drone contre la Tour 22" in main
    names = page.locator("article.source h3 .source-name").all_inner_texts()
    assert len(names) == len(set(names)) >= 4  # every source told apart
    for table in page.locator("table.conflict").all():
        used = table.locator("tr.in-use")
        assert used.count() >= 1, table.inner_text()
        for cell in table.locator("tbody td.num").all_inner_texts():
            assert int(cell) >= 1
        caption = table.locator("caption").inner_text()
        assert "consensus" not in caption
        if "no majority" in caption:
            assert "against" in caption
    assert not axe(page, site)
    shot(page, "event-sources")
    page.goto(f"{site['url']}/events/{event_of(site, place='Conoco')}")
    attribution = page.locator("ul.attributions li").first
    assert "Kataib Hezbollah" in attribution.inner_text() and "said by" in attribution.inner_text()
    anchor = attribution.locator("a[href^='#q-']")
    assert anchor.count() == 1
    target = anchor.get_attribute("href")[1:]
    assert "Kataib Hezbollah" in page.locator(f"[id='{target}']").inner_text()
    assert attribution.locator("mark.evidence").count() == 1
    shot(page, "event-attribution")


# -- 6: evidence offsets in every script, dates left-to-right ----------------------------------------------


def _fold(text: str) -> str:
    """Arabic letter forms the extractor folds when it quotes (alef with hamza -> alef)."""
    return unicodedata.normalize("NFC", text).translate(str.maketrans("أإآ", "ااا"))


def test_browser_highlights_exactly_the_stored_evidence_in_every_script(site, page):
    for doc in (ARABIC_TOWER, FRENCH, EMOJI, COMBINING):
        document = api(site, f"/api/documents/{doc['id']}")
        text = document["document"]["text"]
        event_id = document["reports"][0]["event_id"]
        detail = api(site, f"/api/events/{event_id}")
        page.goto(f"{site['url']}/events/{event_id}")
        for report in detail["reports"]:
            if report["source"]["id"] != document["document"]["id"]:
                continue
            marks = page.locator(f"blockquote[id^='q-{report['id']}-'] mark.evidence").all_inner_texts()
            assert marks, doc["id"]
            for ev in report["evidence"]:
                stored = text[ev["start"] : ev["end"]]
                assert _fold(stored) == _fold(ev["text"]), (doc["id"], stored, ev["text"])
                assert any(stored in m for m in marks), (doc["id"], stored, marks)
            spans = sorted((ev["start"], ev["end"]) for ev in report["evidence"])
            merged: list[list[int]] = []
            for s, e in spans:
                if merged and s <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], e)
                else:
                    merged.append([s, e])
            assert sorted(marks) == sorted(text[s:e] for s, e in merged), doc["id"]
        shot(page, f"evidence-{doc['id']}")


def test_browser_dates_stay_left_to_right_inside_arabic(site, page):
    document = api(site, f"/api/documents/{ARABIC_TOWER['id']}")
    page.goto(f"{site['url']}/events/{document['reports'][0]['event_id']}")
    heading = page.locator("article.source h3", has_text=ARABIC_TOWER["title"]).first
    when = heading.locator("time").first
    assert when.inner_text() == "2024-02-03"
    assert when.evaluate("t => getComputedStyle(t).direction") == "ltr"
    # the year is drawn left of the day: the rendered order is the ISO order
    boxes = when.evaluate(
        """t => { const r = document.createRange(); const n = t.firstChild;
           r.setStart(n, 0); r.setEnd(n, 4); const year = r.getBoundingClientRect().left;
           r.setStart(n, 8); r.setEnd(n, 10); const day = r.getBoundingClientRect().left;
           return [year, day]; }"""
    )
    assert boxes[0] < boxes[1]
    page.goto(f"{site['url']}/documents/{ARABIC_TOWER['id']}")
    assert page.locator("p.muted time").first.inner_text() == "2024-02-03"


# -- 7: timeline and map scale ---------------------------------------------------------------------------


def test_browser_timeline_fits_the_bulk_and_the_map_sizes_and_exports(site, page):
    page.goto(site["url"] + "/timeline")
    page.wait_for_selector("#timeline svg", timeout=15000)
    ticks = " ".join(page.locator("#timeline svg .tick text").evaluate_all("ts => ts.map(t => t.textContent)"))
    assert "2020" not in ticks and "2021" not in ticks, ticks  # the 2020 outlier does not set the axis
    assert "1 earlier event" in page.locator("#timeline .outliers").inner_text()
    shot(page, "timeline-bulk")
    page.locator("#timeline .outliers button").click()
    ticks = " ".join(page.locator("#timeline svg .tick text").evaluate_all("ts => ts.map(t => t.textContent)"))
    assert "2020" in ticks or "2021" in ticks
    page.goto(site["url"] + "/")
    page.wait_for_selector(".leaflet-marker-icon", timeout=15000)
    page.wait_for_timeout(800)
    sizes = page.evaluate(
        "() => Array.from(document.querySelectorAll('.leaflet-marker-icon.cg-pin-wrap')).map(m => m.offsetWidth)"
    )
    assert sizes and max(sizes) > 14  # a strike that killed people is drawn larger
    page.fill("input[name=place]", "Tower 22")
    page.locator("#filters button[type=submit]").click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('place') === 'Tower 22'")
    href = page.locator("[data-export] a[data-format=csv]").get_attribute("href")
    assert "place=Tower+22" in href and "format=csv" in href
    shot(page, "map-export")
    assert not page.problems, page.problems


# -- 8: phones --------------------------------------------------------------------------------------------


def test_browser_phone_layout_never_scrolls_sideways(site, phone):
    tower = event_of(site, place="Tower 22")
    for path, name in (
        ("/", "map"),
        ("/events", "events"),
        ("/review", "review"),
        ("/actors", "actors"),
        ("/actors/kataib-hezbollah", "actor"),
        (f"/events/{tower}", "event"),
        (f"/documents/{ARABIC_TOWER['id']}", "document"),
        ("/timeline", "timeline"),
    ):
        phone.goto(site["url"] + path)
        phone.wait_for_timeout(700)
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
        nav = phone.locator("header.top").bounding_box()
        assert nav["height"] <= 0.15 * 844, (path, nav)
        shot(phone, f"phone-{name}")
    phone.goto(site["url"] + "/actors/islamic-resistance-in-iraq")
    phone.wait_for_selector("#actor-graph svg", timeout=10000)
    phone.locator("button.graph-toggle").click()
    box = phone.locator("#graph-panel").bounding_box()
    assert box["width"] >= 389 and box["height"] >= 843
    shot(phone, "phone-graph-full")
    assert not axe(phone, site)


# -- 9: document pages -------------------------------------------------------------------------------------


def test_browser_document_page_colours_each_kind_lists_events_and_shows_no_path(site, page):
    page.goto(f"{site['url']}/documents/wire-b-conoco")
    legend = page.locator("#legend mark")
    kinds = legend.all_inner_texts()
    assert {"actor", "place", "date"} <= set(kinds)
    colours = legend.evaluate_all("ms => ms.map(m => getComputedStyle(m).backgroundColor)")
    assert len(set(colours)) == len(colours)
    for cls in ("hl-actor", "hl-place", "hl-date"):
        first = page.locator(f"article.doc-text mark.{cls}").first
        assert first.evaluate("m => getComputedStyle(m).backgroundColor") in colours
    rows = page.locator("#doc-events tbody tr")
    assert rows.count() >= 1 and "Conoco" in rows.first.inner_text() and "2024-02-05" in rows.first.inner_text()
    body = page.locator("body").inner_text()
    assert site["root"] not in body and "Read from" not in body and ".json" not in body
    assert site["root"] not in json.dumps(api(site, "/api/documents/wire-b-conoco"))
    assert not axe(page, site)
    shot(page, "document")
