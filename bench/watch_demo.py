"""`claimgraph watch` on loopback: feeds and article pages served on 127.0.0.1 by this script.

Two modes:

- ``python bench/watch_demo.py`` — the two-round demo: three outlets' feeds (hand-written wire
  copy about the January 2024 attacks), a saved search with a webhook received by the same
  site. Round one ingests every article and sends the alerts; round two gets 304s, ingests 0 and
  alerts nothing. Prints the figures of both rounds.
- ``python bench/watch_demo.py --sources 50 --failing 10`` — one ``watch --once`` round over 50
  sources, 10 of them failing in different ways (timeout, HTTP 500, 404, oversized body, a lying
  Content-Length, entity bomb, XXE, not well-formed XML, robots.txt disallow, an empty feed);
  the successful sources serve generated reports (``bench/corpus.py``). Prints the wall time,
  what was ingested per source and each failure's recorded reason.

Both run the real CLI (`python -m claimgraph watch`) in a subprocess against a fresh SQLite file
under ``build/watch-demo/`` and read the figures back from the database.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from claimgraph.store import schema  # noqa: E402
from claimgraph.store.engine import connect  # noqa: E402
from claimgraph.watch.loopback import ENTITY_BOMB, XXE, LoopbackSite, article_page, rss_feed  # noqa: E402

OUT = ROOT / "build" / "watch-demo"
DATE = "Mon, 29 Jan 2024 06:00:00 GMT"
DATES = {
    "tower22": "Mon, 29 Jan 2024 06:00:00 GMT",
    "asad": "Sun, 21 Jan 2024 09:00:00 GMT",
    "tanf": "Wed, 31 Jan 2024 18:00:00 GMT",
    "harir": "Thu, 19 Oct 2023 08:00:00 GMT",
}

ARTICLES = {
    "wire-a": (
        "Wire A",
        [
            (
                "tower22",
                "Drone attack kills three US soldiers in Jordan",
                "AMMAN, Jan 29 (Wire A) - A one-way attack drone struck Tower 22, a small US outpost in north-eastern "
                "Jordan near the Syrian border, on Sunday, killing three US soldiers and injuring at least 34, the "
                "Pentagon said.\n\nThe Islamic Resistance in Iraq, an umbrella for Iran-backed Iraqi militias, claimed "
                "the attack in a statement on Telegram.",
            ),
            (
                "asad",
                "Missiles hit Ain al-Asad air base",
                "BAGHDAD, Jan 21 (Wire A) - Several ballistic missiles and rockets were fired at Ain al-Asad air base "
                "in Iraq's western Anbar province on Saturday, "
                "wounding four US service members and an Iraqi soldier, US "
                "Central Command said.\n\nThe Islamic Resistance in Iraq claimed the attack.",
            ),
        ],
    ),
    "wire-b": (
        "Wire B",
        [
            (
                "tanf",
                "US tally of Jordan drone attack rises",
                "WASHINGTON, Jan 31 (Wire B) - The drone attack on Tower 22 in Jordan on Sunday killed three American "
                "troops and wounded 47, according to an updated US tally.\n\nUS officials blamed Kataib Hezbollah, a "
                "member of the Islamic Resistance in Iraq.",
            ),
        ],
    ),
    "wire-c": (
        "Wire C",
        [
            (
                "harir",
                "Drone downed near Harir air base",
                "ERBIL, Oct 19 (Wire C) - A drone was shot down near Harir air base, north-east of Erbil, on Tuesday, "
                "a coalition official said. No one was hurt.\n\nThe Islamic Resistance in Iraq said it had "
                "targeted the base with a drone.",
            ),
        ],
    ),
}


def cli(*args: str) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", "COLUMNS": "200"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "claimgraph", *args], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 2):
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"claimgraph {' '.join(args)} failed with exit code {done.returncode}")
    return seconds, done.stderr


def serve_outlets(site: LoopbackSite) -> list[str]:
    names = []
    for name, (outlet, articles) in ARTICLES.items():
        items = []
        for slug, title, text in articles:
            link = site.route(
                f"/{name}/{slug}.html", article_page(title, text, published="2024-01-29", site_name=outlet)
            )
            items.append({"title": title, "link": link, "date": DATES[slug], "description": title})
        site.route(f"/{name}/feed.xml", rss_feed(outlet, items), "application/rss+xml")
        names.append(name)
    return names


def sources_file(path: Path, entries: list[tuple[str, str]], *, base_url: str = "http://127.0.0.1:8000") -> Path:
    lines = [
        "[watch]",
        "per_host_delay = 0.0  # one loopback host: no delay between requests (a real site: keep the default)",
        "timeout = 2.0",
        "retries = 1",
        "backoff = 0.1",
        "max_bytes = 200000",
        "concurrency = 8",
        f'base_url = "{base_url}"',
        "",
    ]
    for name, url in entries:
        lines += ["[[source]]", f'name = "{name}"', f'url = "{url}"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def two_rounds() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with LoopbackSite() as site:
        names = serve_outlets(site)
        toml = sources_file(OUT / "demo-sources.toml", [(n, site.url(f"/{n}/feed.xml")) for n in names])
        cli("searches", "add", "iri", "--claimed-by", "Islamic Resistance in Iraq", "--webhook", site.url("/hook"),
            "--secret", "demo-secret", "--db", str(db))  # fmt: skip
        for n in (1, 2):
            posts_before, pages_before = len(site.posts()), len([r for r in site.requests if r.method == "GET"])
            seconds, out = cli("watch", str(toml), "--db", str(db), "--once", "--all")
            gets = [r for r in site.requests if r.method == "GET"][pages_before:]
            line = [ln for ln in out.splitlines() if ln.startswith("round ")][-1]
            print(f"round {n}: {seconds:.1f} s wall (with the extractor's start-up)")
            print(f"  {line}")
            print(
                f"  HTTP: {len(gets)} GETs ({sum(r.status == 200 for r in gets)} x 200, "
                f"{sum(r.status == 304 for r in gets)} x 304); webhook POSTs: {len(site.posts()) - posts_before}"
            )
        engine = connect(db)
        with engine.connect() as conn:
            docs = conn.execute(sa.select(sa.func.count()).select_from(schema.documents)).scalar_one()
            alerts = conn.execute(sa.select(schema.search_alerts.c.webhook, schema.search_alerts.c.changes)).all()
        engine.dispose()
        print(
            f"database: {docs} documents; {len(alerts)} alerts: " + json.dumps([a.changes[0]["text"] for a in alerts])
        )


def fifty(n_sources: int, n_failing: int) -> None:
    from corpus import generate

    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "fifty.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    site = LoopbackSite(robots="User-agent: claimgraph\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n")
    faults = [
        ("timeout", "/slow/feed.xml", rss_feed("Slow", []), {"delay": 5.0}),
        ("http-500", "/broken/feed.xml", "oops", {"status": 500}),
        ("http-404", "/gone/feed.xml", "gone", {"status": 404}),
        ("oversized", "/huge/feed.xml", "<rss>" + "x" * 400_000 + "</rss>", {}),
        ("no-length-huge", "/endless/feed.xml", "<rss>" + "y" * 300_000 + "</rss>", {"declared_length": -1}),
        ("entity-bomb", "/bomb/feed.xml", ENTITY_BOMB, {}),
        ("xxe", "/xxe/feed.xml", XXE, {}),
        ("not-xml", "/bad/feed.xml", '<?xml version="1.0"?><rss><channel><item>', {}),
        ("robots", "/private/feed.xml", rss_feed("Private", []), {}),
        ("no-items", "/empty/feed.xml", rss_feed("Empty", []), {}),
    ][:n_failing]
    entries = []
    docs = generate((n_sources - len(faults)) * 2, seed=17)
    for i in range(n_sources - len(faults)):
        items = []
        for j in range(2):
            doc = next(docs)
            link = site.route(f"/s{i}/a{j}.html", article_page(doc.title, doc.text, published=doc.published))
            items.append({"title": doc.title, "link": link, "date": DATE})
        entries.append(
            (f"outlet-{i:02d}", site.route(f"/s{i}/feed.xml", rss_feed(f"Outlet {i}", items), "application/rss+xml"))
        )
    for name, path, body, kw in faults:
        entries.append((f"fault-{name}", site.route(path, body, "application/rss+xml", **kw)))
    with site:
        toml = sources_file(OUT / "fifty-sources.toml", entries)
        seconds, out = cli("watch", str(toml), "--db", str(db), "--once")
    engine = connect(db)
    with engine.connect() as conn:
        s = schema.watch_sources
        rows = conn.execute(
            sa.select(s.c.name, s.c.last_status, s.c.new_documents, s.c.last_error).order_by(s.c.name)
        ).all()
        n_docs = conn.execute(sa.select(sa.func.count()).select_from(schema.documents)).scalar_one()
    engine.dispose()
    ok = [r for r in rows if r.last_status == "ok"]
    print(f"watch --once over {len(rows)} sources ({len(faults)} failing): {seconds:.1f} s wall")
    print("  " + [ln for ln in out.splitlines() if ln.startswith("round ")][-1])
    per_source = sorted({r.new_documents for r in ok})
    print(
        f"  {len(ok)} sources read, {sum(r.new_documents for r in ok)} new documents "
        f"(new documents per read source: {per_source}); {n_docs} documents in the database"
    )
    for r in rows:
        if r.last_status != "ok":
            print(f"  {r.name:<20} {r.last_status:<8} {r.last_error}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, default=0, help="one round over this many sources (e.g. 50)")
    parser.add_argument("--failing", type=int, default=10, help="how many of them fail (at most 10)")
    args = parser.parse_args(argv)
    if args.sources:
        fifty(args.sources, min(args.failing, 10, args.sources))
    else:
        two_rounds()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
