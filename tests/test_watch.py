"""`claimgraph watch`, saved searches and alerts, against a web site on 127.0.0.1 started by the tests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import sqlalchemy as sa

from claimgraph.store import schema
from claimgraph.store.engine import connect
from claimgraph.store.filters import EventFilter
from claimgraph.watch.config import Politeness, SourceSpec, WatchConfig, parse_config
from claimgraph.watch.fetch import Fetcher
from claimgraph.watch.loopback import ENTITY_BOMB, XXE, LoopbackSite, article_page, rss_feed
from claimgraph.watch.rounds import run_round
from claimgraph.watch.searches import add_search, changes
from claimgraph.watch.webhook import DELIVERY_HEADER, SIGNATURE_HEADER, verify
from conftest import AIN_AL_ASAD_REPORT, HARIR_REPORT, TOWER22_REPORT

ROOT = Path(__file__).resolve().parents[1]
FAST = Politeness(per_host_delay=0.0, timeout=1.0, retries=1, backoff=0.01, max_bytes=100_000, concurrency=4)
DATE = "Mon, 29 Jan 2024 06:00:00 GMT"


def serve_article(site: LoopbackSite, slug: str, report: dict, outlet: str = "Wire A") -> dict[str, str]:
    link = site.route(
        f"/news/{slug}.html",
        article_page(report["title"], report["text"], published=report["published"], site_name=outlet),
    )
    return {"title": report["title"], "link": link, "date": DATE}


def config(*sources: tuple[str, str], politeness: Politeness = FAST) -> WatchConfig:
    return WatchConfig(tuple(SourceSpec(name, url, interval=0) for name, url in sources), politeness)


@pytest.fixture
def site():
    with LoopbackSite() as s:
        yield s


def count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def source_row(engine, name: str):
    s = schema.watch_sources
    with engine.connect() as conn:
        return conn.execute(sa.select(s).where(s.c.name == name)).mappings().one()


def test_watch_ingests_a_new_item_once_and_a_304_costs_no_extraction(site, db_url, shared_extractor):
    items = [serve_article(site, "tower22", TOWER22_REPORT)]
    site.route("/feed.xml", rss_feed("Wire A", items), "application/rss+xml")
    cfg = config(("wire-a", site.url("/feed.xml")))
    engine = connect(db_url)
    first = run_round(engine, cfg, fetcher=Fetcher(FAST), force=True)
    assert (first.ok, first.new, first.failed) == (1, 1, 0)
    runs = count(engine, schema.ingest_runs)

    second = run_round(engine, cfg, fetcher=Fetcher(FAST), force=True)
    assert (second.not_modified, second.new) == (1, 0)
    assert site.hits("/feed.xml", status=304) == 1
    assert count(engine, schema.ingest_runs) == runs  # nothing to extract: no ingest run at all
    assert site.hits("/news/tower22.html") == 1

    # a second item appears: only its page is fetched, only it is stored
    items.append(serve_article(site, "asad", AIN_AL_ASAD_REPORT))
    site.route("/feed.xml", rss_feed("Wire A", items), "application/rss+xml")
    third = run_round(engine, cfg, fetcher=Fetcher(FAST), force=True)
    assert (third.ok, third.new, third.duplicate) == (1, 1, 0)
    assert site.hits("/news/tower22.html") == 1 and site.hits("/news/asad.html") == 1
    assert count(engine, schema.documents) == 2
    with engine.connect() as conn:
        doc = (
            conn.execute(sa.select(schema.documents).where(schema.documents.c.ext_id == items[1]["link"]))
            .mappings()
            .one()
        )
        fetches = conn.execute(sa.select(schema.watch_fetches).order_by(schema.watch_fetches.c.id)).mappings().all()
    assert "Ain al-Asad" in doc["text"] and "<article>" in doc["raw"] and doc["outlet"] == "Wire A"
    assert "Copyright" not in doc["text"]  # trafilatura kept the article, not the footer
    assert [(f["outcome"], f["new_documents"]) for f in fetches] == [("ok", 1), ("not_modified", 0), ("ok", 1)]
    engine.dispose()


def test_watch_is_idempotent_with_ingest(site, tmp_path, tmp_docs, shared_extractor):
    """A page already ingested from a saved file is a duplicate when the site serves it again."""
    import claimgraph

    db = str(tmp_path / "cg.db")
    html = article_page(HARIR_REPORT["title"], HARIR_REPORT["text"], published="2023-10-19")
    path = tmp_docs.text("harir.html", html)
    with claimgraph.open(db) as store:
        store.ingest([path])
    page = site.route("/harir.html", html)
    engine = connect(db)
    summary = run_round(engine, config(("page", page)), fetcher=Fetcher(FAST), force=True)
    assert (summary.ok, summary.new, summary.duplicate) == (1, 0, 1)
    assert count(engine, schema.documents) == 1
    engine.dispose()


def test_watch_records_failing_sources_and_still_reads_the_others(site, tmp_path, shared_extractor):
    good = site.route(
        "/good.xml", rss_feed("Wire A", [serve_article(site, "tower22", TOWER22_REPORT)]), "application/rss+xml"
    )
    faults = {
        "slow": site.route("/slow.xml", rss_feed("Slow", []), "application/rss+xml", delay=3.0),
        "broken": site.route("/broken.xml", "oops", "text/plain", status=500),
        "huge": site.route("/huge.xml", "<rss>" + "x" * 200_000 + "</rss>", "application/rss+xml"),
        "endless": site.route(
            "/endless.xml", "<rss>" + "y" * 200_000 + "</rss>", "application/rss+xml", declared_length=-1
        ),
        "bomb": site.route("/bomb.xml", ENTITY_BOMB, "application/rss+xml"),
        "xxe": site.route("/xxe.xml", XXE, "application/rss+xml"),
    }
    engine = connect(str(tmp_path / "cg.db"))
    summary = run_round(engine, config(("good", good), *faults.items()), fetcher=Fetcher(FAST))
    assert (summary.ok, summary.failed, summary.new) == (1, 6, 1)
    reasons = {name: source_row(engine, name)["last_error"] for name in faults}
    assert "timed out after 1 s (2 attempts)" in reasons["slow"]
    assert "HTTP 500" in reasons["broken"] and "2 attempts" in reasons["broken"]
    assert site.hits("/broken.xml") == 2  # retried once, then given up
    assert "over the limit of 100000 bytes (refused before reading" in reasons["huge"]
    assert "over the limit of 100000 bytes (stopped reading there" in reasons["endless"]
    assert "entity-expansion" in reasons["bomb"]
    assert "XXE" in reasons["xxe"] and "/etc/passwd" in reasons["xxe"]
    row = source_row(engine, "broken")
    assert row["failures"] == 1 and row["last_status"] == "failed" and row["etag"] is None
    # backed off: not due again in this round's interval; a good source is due again
    again = run_round(engine, config(("good", good), *faults.items()), fetcher=Fetcher(FAST))
    assert again.due == 1 and again.not_modified == 1
    with engine.connect() as conn:
        failed = conn.execute(
            sa.select(sa.func.count())
            .select_from(schema.watch_fetches)
            .where(schema.watch_fetches.c.outcome == "failed")
        ).scalar_one()
    assert failed == 6
    engine.dispose()


def test_watch_honours_robots_txt_for_feeds_and_article_pages(tmp_path, shared_extractor):
    with LoopbackSite(robots="User-agent: claimgraph\nDisallow: /private/\nDisallow: /news/\n") as site:
        report = TOWER22_REPORT
        item = serve_article(site, "tower22", report)
        item["description"] = report["text"]
        feed = site.route("/feed.xml", rss_feed("Wire A", [item]), "application/rss+xml")
        private = site.route("/private/feed.xml", rss_feed("Private", [item]), "application/rss+xml")
        engine = connect(str(tmp_path / "cg.db"))
        summary = run_round(engine, config(("open", feed), ("private", private)), fetcher=Fetcher(FAST))
        assert site.hits("/private/feed.xml") == 0 and site.hits("/news/tower22.html") == 0
        assert source_row(engine, "private")["last_status"] == "robots"
        assert "robots.txt" in source_row(engine, "private")["last_error"]
        assert summary.new == 1  # the disallowed article page: the feed item's own text is read instead
        assert site.requests[0].headers["user-agent"].startswith("claimgraph/")
        engine.dispose()


def test_webhook_gets_one_signed_post_per_new_match_and_none_on_a_rerun(site, tmp_path, shared_extractor):
    feed = site.route(
        "/feed.xml",
        rss_feed(
            "Wire A", [serve_article(site, "tower22", TOWER22_REPORT), serve_article(site, "asad", AIN_AL_ASAD_REPORT)]
        ),
        "application/rss+xml",
    )
    engine = connect(str(tmp_path / "cg.db"))
    with engine.begin() as conn:
        add_search(conn, "iri", EventFilter(claimed_by="IRI"), webhook_url=site.url("/hook"), secret="s3cret")
        add_search(conn, "syria", EventFilter(country="SY"), webhook_url=site.url("/other"), secret="x")
    cfg = config(("wire-a", feed))
    summary = run_round(engine, cfg, fetcher=Fetcher(FAST), force=True)
    posts = site.posts()
    assert summary.alerts == 2 == summary.alerts_sent and len(posts) == 2
    assert all(p.path == "/hook" for p in posts)
    for post in posts:
        assert verify("s3cret", post.body, post.headers[SIGNATURE_HEADER.lower()])
        assert not verify("wrong", post.body, post.headers[SIGNATURE_HEADER.lower()])
        body = json.loads(post.body)
        assert body["changes"][0]["kind"] == "new_match"
        assert body["event_url"].endswith(f"/events/{body['event_id']}")
        assert post.headers[DELIVERY_HEADER.lower()] == body["delivery"]
    assert {json.loads(p.body)["event"]["place"] for p in posts} == {"Tower 22", "Ain al-Asad Air Base"}
    run_round(engine, cfg, fetcher=Fetcher(FAST), force=True)
    assert len(site.posts()) == 2
    engine.dispose()


def test_webhook_is_retried_and_recorded_when_the_receiver_fails(site, tmp_path, shared_extractor):
    feed = site.route(
        "/feed.xml", rss_feed("Wire A", [serve_article(site, "tower22", TOWER22_REPORT)]), "application/rss+xml"
    )
    site.post_status = [503]
    engine = connect(str(tmp_path / "cg.db"))
    with engine.begin() as conn:
        add_search(conn, "tower", EventFilter(place="Tower 22"), webhook_url=site.url("/hook"), secret="k")
    summary = run_round(engine, config(("a", feed)), fetcher=Fetcher(FAST), webhook_sleep=lambda _: None)
    assert summary.alerts_sent == 1
    posts = site.posts()
    assert len(posts) == 2 and posts[0].body == posts[1].body  # the same delivery, retried
    with engine.connect() as conn:
        alert = conn.execute(sa.select(schema.search_alerts)).mappings().one()
    assert (alert["webhook"], alert["attempts"], alert["last_error"]) == ("sent", 2, None)
    engine.dispose()


def test_alert_changes_are_those_an_analyst_cares_about():
    old = {
        "claims": [["IRI", "issued"]],
        "attributed_to": [],
        "fatalities": 1,
        "injuries": None,
        "review_status": "unreviewed",
    }
    new = {
        "claims": [["IRI", "issued"], ["IRI", "retracted"], ["Kataib Hezbollah", "issued"]],
        "attributed_to": ["Kataib Hezbollah"],
        "fatalities": 3,
        "injuries": 34,
        "review_status": "confirmed",
    }
    kinds = [c["kind"] for c in changes(old, new)]
    assert kinds == ["new_claim", "claim_revised", "attribution", "toll", "toll", "confirmed"]
    assert changes(new, new) == []
    assert changes(new, {**new, "fatalities": 2}) == []  # a lower count is not an alert


def test_analyst_confirmation_makes_one_alert(site, tmp_path, shared_extractor):
    from claimgraph.pipeline.review import confirm

    feed = site.route(
        "/feed.xml", rss_feed("Wire A", [serve_article(site, "tower22", TOWER22_REPORT)]), "application/rss+xml"
    )
    engine = connect(str(tmp_path / "cg.db"))
    with engine.begin() as conn:
        add_search(conn, "tower", EventFilter(place="Tower 22"))
    cfg = config(("a", feed))
    run_round(engine, cfg, fetcher=Fetcher(FAST), force=True)
    with engine.begin() as conn:
        event_id = conn.execute(sa.select(schema.search_matches.c.event_id)).scalar_one()
        confirm(conn, event_id, "alice")
    summary = run_round(engine, cfg, fetcher=Fetcher(FAST), force=True)
    with engine.connect() as conn:
        alerts = (
            conn.execute(sa.select(schema.search_alerts.c.changes).order_by(schema.search_alerts.c.id)).scalars().all()
        )
    assert summary.alerts == 1
    assert [a[0]["kind"] for a in alerts] == ["new_match", "confirmed"]
    engine.dispose()


def test_atom_feed_of_a_saved_search_validates_and_lists_the_matching_events(site, tmp_path, shared_extractor):
    import feedparser
    from fastapi.testclient import TestClient

    from claimgraph.web.app import Settings, create_app

    feed = site.route(
        "/feed.xml",
        rss_feed(
            "Wire A", [serve_article(site, "tower22", TOWER22_REPORT), serve_article(site, "harir", HARIR_REPORT)]
        ),
        "application/rss+xml",
    )
    db = str(tmp_path / "cg.db")
    engine = connect(db)
    with engine.begin() as conn:
        add_search(conn, "drones", EventFilter(type="drone"))
    run_round(engine, config(("a", feed)), fetcher=Fetcher(FAST))
    with engine.connect() as conn:
        matched = set(conn.execute(sa.select(schema.search_matches.c.event_id)).scalars())
    engine.dispose()
    assert len(matched) == 2
    app = create_app(db, Settings(secure_cookies=False))
    with TestClient(app) as client:
        response = client.get("/feeds/drones.atom")
        assert client.get("/feeds/nothing.atom").status_code == 404
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    assert_valid_atom(response.content)
    parsed = feedparser.parse(response.content)
    assert parsed.version == "atom10" and not parsed.bozo
    assert {e.link.rsplit("/", 1)[1] for e in parsed.entries} == matched
    assert all(e.link.startswith("http://testserver/events/evt_") for e in parsed.entries)


def assert_valid_atom(data: bytes) -> None:
    """The RFC 4287 rules a feed must follow (sections 4.1.1, 4.1.2, 3.3, 4.2.7)."""
    from datetime import datetime
    from urllib.parse import urlparse

    a = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(data)
    assert root.tag == f"{a}feed"

    def one(parent, name):
        found = parent.findall(f"{a}{name}")
        assert len(found) == 1, f"{parent.tag} must have exactly one {name}"
        return found[0]

    def date(el):
        assert el.text.endswith("Z") or el.text[-6] in "+-"
        datetime.fromisoformat(el.text.replace("Z", "+00:00"))

    for name in ("id", "title", "updated"):
        one(root, name)
    date(one(root, "updated"))
    assert urlparse(one(root, "id").text).scheme
    assert root.findall(f"{a}author"), "the feed has no author, so every entry would need one"
    assert len([lk for lk in root.findall(f"{a}link") if lk.get("rel") == "self"]) == 1
    entries = root.findall(f"{a}entry")
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated"):
            one(entry, name)
        date(one(entry, "updated"))
        assert urlparse(one(entry, "id").text).scheme
        alternates = [lk for lk in entry.findall(f"{a}link") if lk.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1 and alternates[0].get("href")
        assert entry.find(f"{a}summary") is not None or entry.find(f"{a}content") is not None


def test_sources_file_minimal_form_and_clear_errors(tmp_path):
    from claimgraph.errors import UsageError
    from claimgraph.watch.config import load_config

    path = tmp_path / "s.toml"
    path.write_text('[[source]]\nname = "centcom"\nurl = "https://www.centcom.mil/rss"\n')
    cfg = load_config(path)
    assert cfg.sources[0].name == "centcom" and cfg.sources[0].interval == 900 and cfg.politeness == Politeness()
    with pytest.raises(UsageError, match=r"source 2 \('b'\): url 'ftp://x' is not an http\(s\) URL"):
        parse_config({"source": [{"name": "a", "url": "http://a/"}, {"name": "b", "url": "ftp://x"}]})
    with pytest.raises(UsageError, match="used twice"):
        parse_config({"source": [{"name": "a", "url": "http://a/"}, {"name": "a", "url": "http://b/"}]})
    with pytest.raises(UsageError, match="unknown key 'delay'"):
        parse_config({"watch": {"delay": 1}, "source": [{"name": "a", "url": "http://a/"}]})
    with pytest.raises(UsageError, match="no sources"):
        parse_config({})


def test_cli_searches_add_list_remove(tmp_path, capsys):
    from claimgraph.cli.app import main

    db = str(tmp_path / "cg.db")

    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--db", db])
        out = capsys.readouterr()
        return code, out.out, out.err

    code, _, err = run("searches", "add", "kh", "--claimed-by", "Kataib Hezbollah", "--webhook", "http://127.0.0.1:9/h")
    assert code == 0 and "webhook secret (shown once" in err
    code, out, _ = run("searches", "list", "--json")
    assert json.loads(out)[0]["filters"] == {"claimed_by": "Kataib Hezbollah"}
    code, _, err = run("searches", "add", "kh", "--country", "IQ")
    assert code == 2 and "exists" in err
    code, _, err = run("searches", "add", "x", "--country", "Atlantis")
    assert code == 2 and "unknown country" in err
    assert run("searches", "remove", "kh")[0] == 0
    code, _, err = run("searches", "remove", "kh")
    assert code == 2 and "no saved search named 'kh'" in err


@pytest.mark.slow
def test_watch_killed_mid_round_then_restarted_loses_and_duplicates_nothing(tmp_path):
    """`watch --once` killed (SIGKILL) after its first documents are stored, then run again, ends in
    the database of a run never interrupted."""
    from conftest import SOURCES, table_digests

    with LoopbackSite() as site:
        # one feed per article, the later ones slow: the first documents are stored while the others are
        # still being fetched, so the kill lands mid-round however fast extraction is
        sources = "[watch]\nper_host_delay = 0.0\ntimeout = 10.0\nconcurrency = 1\n"
        for n, (name, (outlet, published, text)) in enumerate(SOURCES.items()):
            link = site.route(f"/news/{name}.html", article_page(name, text, published=published, site_name=outlet))
            feed = site.route(
                f"/feeds/{name}.xml",
                rss_feed(outlet, [{"title": name, "link": link, "date": DATE}]),
                "application/rss+xml",
                delay=1.5 if n > 1 else 0,
            )
            sources += f'[[source]]\nname = "{name}"\nurl = "{feed}"\n'
        toml = tmp_path / "sources.toml"
        toml.write_text(sources)
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

        def watch(db: Path) -> subprocess.Popen:
            return subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "claimgraph",
                    "watch",
                    str(toml),
                    "--db",
                    str(db),
                    "--once",
                    "--batch-size",
                    "1",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )

        clean = tmp_path / "clean.db"
        first = watch(clean)
        _, err = first.communicate(timeout=300)
        assert first.returncode == 0, err.decode("utf-8", "replace")[-3000:]
        killed = tmp_path / "killed.db"
        proc = watch(killed)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            time.sleep(0.1)
            if killed.exists():
                engine = connect(str(killed), migrate=False)
                try:
                    with engine.connect() as conn:
                        if (
                            sa.inspect(conn).has_table("documents")
                            and conn.execute(sa.select(sa.func.count()).select_from(schema.documents)).scalar_one()
                        ):
                            break
                except sa.exc.OperationalError:
                    pass
                finally:
                    engine.dispose()
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        engine = connect(str(killed))
        stored = count(engine, schema.documents)
        engine.dispose()
        assert 0 < stored < len(SOURCES), "the kill must land mid-round"
        assert watch(killed).wait(timeout=300) == 0
    assert table_digests(str(killed)) == table_digests(str(clean))
