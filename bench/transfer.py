"""What the map page costs on the wire: requests and bytes, first visit and the visit after.

Serves a database with ``claimgraph serve`` on 127.0.0.1 (default: the demo corpus, as
``bench/load.py`` builds it), opens ``/`` in headless Chromium (Debian's, driven by Playwright,
``make browser``) and counts, from the browser's network events, every response the page loads:
bytes on the wire (headers and body as received, compressed or not) and bytes of content after
decoding. Then it opens the page again in the same browser: versioned static files come from the
cache without a request.

Prints one line per visit and writes ``build/bench/transfer.json`` (every response listed).

Usage::

    python bench/transfer.py
    python bench/transfer.py --db claimgraph.db
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from load import HOST, _env, build_demo_db, free_port, wait_until_up
from run import ROOT, claimgraph_command, environment

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def visit(page: Any, cdp: Any, url: str) -> dict[str, Any]:
    """Load ``url`` and wait until the network is idle; every response with its sizes."""
    seen: dict[str, dict[str, Any]] = {}

    cached: set[str] = set()

    def received(event: dict[str, Any]) -> None:
        response = event["response"]
        if response["url"].startswith("data:"):
            return
        seen[event["requestId"]] = {
            "url": response["url"].removeprefix(url.rstrip("/")),
            "status": response["status"],
            "encoding": {k.lower(): v for k, v in response.get("headers", {}).items()}.get("content-encoding", ""),
            "cached": bool(response.get("fromDiskCache") or response.get("fromMemoryCache")),
            "wire": 0,
            "content": 0,
        }

    def data(event: dict[str, Any]) -> None:
        if event["requestId"] in seen:
            seen[event["requestId"]]["content"] += event["dataLength"]

    def finished(event: dict[str, Any]) -> None:
        if event["requestId"] in seen:
            seen[event["requestId"]]["wire"] = int(event["encodedDataLength"])

    def from_cache(event: dict[str, Any]) -> None:
        cached.add(event["requestId"])

    listeners = {
        "Network.responseReceived": received,
        "Network.dataReceived": data,
        "Network.loadingFinished": finished,
        "Network.requestServedFromCache": from_cache,
    }
    for name, listener in listeners.items():
        cdp.on(name, listener)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    for name, listener in listeners.items():
        cdp.remove_listener(name, listener)
    for request_id in cached & seen.keys():
        seen[request_id]["cached"] = True
    responses = sorted(seen.values(), key=lambda r: r["url"])
    fetched = [r for r in responses if not r["cached"]]
    return {
        "requests": len(fetched),
        "from_cache": len(responses) - len(fetched),
        "wire_bytes": sum(r["wire"] for r in fetched),
        "content_bytes": sum(r["content"] for r in responses),
        "responses": responses,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="database to serve (default: the demo corpus in build/bench/load-demo.db)")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: run `make browser` (Debian's chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    db = args.db or str(args.out_dir / "load-demo.db")
    if not args.db and not Path(db).exists():
        build_demo_db(Path(db))
    args.out_dir.mkdir(parents=True, exist_ok=True)
    log_path = args.out_dir / "transfer-serve.log"
    port = free_port()
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [*claimgraph_command(), "serve", "--db", db, "--host", HOST, "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
            env=_env(),
        )
        try:
            wait_until_up(port, server, log_path)
            url = f"http://{HOST}:{port}/"
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                first = visit(page, cdp, url)
                time.sleep(0.2)
                again = visit(page, cdp, url)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)

    for name, v in (("first visit", first), ("next visit", again)):
        print(
            f"{name:<12} {v['requests']:>3} requests ({v['from_cache']} from the cache), "
            f"{v['wire_bytes'] / 1024:8.1f} KiB on the wire, {v['content_bytes'] / 1024:8.1f} KiB of content"
        )
    out = args.out_dir / "transfer.json"
    out.write_text(json.dumps({"first": first, "again": again, "environment": environment()}, indent=2))
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
