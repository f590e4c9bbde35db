"""Mixed load on ``claimgraph serve`` over loopback: readers, HTML 404s and (optionally) logins.

Steps:

1. build ``build/bench/load-demo.db`` from the bundled demo corpus (``claimgraph demo
   --no-serve``; kept between runs), or use ``--db``;
2. start ``claimgraph serve`` on a free port of 127.0.0.1 (this checkout's ``src`` first on
   the path);
3. for ``--seconds`` (default 10), run concurrent clients, each on its own keep-alive
   connection: ``--readers`` (16) asking ``/api/events?limit=50``, ``--missing`` (4) asking a
   missing event page with ``Accept: text/html``, and ``--logins`` (0) posting a wrong password
   to ``/login`` (throttled after 5 tries: 401, then 429);
4. print p50 / p95 / max latency and the answers per kind, write ``build/bench/load.json``.

Passes (exit 0) when every answer is an expected one (200 or 404; 401 or 429 for logins) and the
p95 of all requests is under one second. Traffic goes only to 127.0.0.1; the run is bounded in
time (``--seconds`` plus one request timeout) and every client stops by itself.

Usage::

    python bench/load.py                       # 16 readers + 4 HTML 404 clients, 10 s
    python bench/load.py --logins 2 --seconds 5
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from run import ROOT, claimgraph_command, environment

HOST = "127.0.0.1"  # loopback only, on purpose: not an option
EXPECTED = {"reader": {200}, "missing": {404}, "login": {401, 429}}


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    answers: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, answer: str) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.answers[answer] += 1


def _env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def build_demo_db(db: Path) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    command = [*claimgraph_command(), "demo", "--no-serve", "--db", str(db), "--corpus", str(ROOT / "demo" / "corpus")]
    proc = subprocess.run(command, capture_output=True, text=True, env=_env(), check=False)
    if proc.returncode != 0:
        sys.exit(f"building {db} failed:\n{proc.stderr[-2000:]}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_until_up(port: int, server: subprocess.Popen[str], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"claimgraph serve exited with {server.returncode}:\n{log.read_text()[-2000:]}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/api/events?limit=1")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"claimgraph serve did not answer on {HOST}:{port} within {timeout:.0f} s")


def client(port: int, kind: str, until: float, timeout: float, tally: Tally) -> None:
    """One client on one keep-alive connection, asking the same kind of request until ``until``."""
    if kind == "reader":
        method, path, body, headers = "GET", "/api/events?limit=50", None, {}
    elif kind == "missing":
        method, path, body, headers = "GET", "/events/evt_missing", None, {"Accept": "text/html"}
    else:
        form = urlencode({"name": "load-test", "password": "not the password", "next": "/"})
        method, path, body = "POST", "/login", form
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"}
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        while time.monotonic() < until:
            start = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                answer = str(response.status)
            except TimeoutError:
                answer = "timeout"
            except OSError as exc:
                answer = type(exc).__name__
            tally.add(time.perf_counter() - start, answer)
            if not answer.isdigit():  # a broken connection: start a new one
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    finally:
        conn.close()


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, round(q * (len(sorted_values) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="database to serve (default: the demo corpus in build/bench/load-demo.db)")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long the clients run (at most 120)")
    parser.add_argument("--readers", type=int, default=16, help="clients reading /api/events?limit=50")
    parser.add_argument("--missing", type=int, default=4, help="clients asking a missing event page as HTML")
    parser.add_argument("--logins", type=int, default=0, help="clients posting a wrong password to /login")
    parser.add_argument("--timeout", type=float, default=15.0, help="a request unanswered this long counts as an error")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 120 or min(args.readers, args.missing, args.logins) < 0:
        parser.error("--seconds must be in (0, 120] and client counts non-negative")
    if args.readers + args.missing + args.logins > 200:
        parser.error("at most 200 clients in all")

    db = args.db or str(args.out_dir / "load-demo.db")
    if not args.db and not Path(db).exists():
        build_demo_db(Path(db))
    port = free_port()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    log_path = args.out_dir / "load-serve.log"
    log = log_path.open("w")  # a file, not a pipe: a server logging tracebacks must never block on us
    server = subprocess.Popen(
        [*claimgraph_command(), "serve", "--db", db, "--host", HOST, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
        env=_env(),
    )
    tallies = {kind: Tally() for kind in EXPECTED}
    try:
        wait_until_up(port, server, log_path)
        until = time.monotonic() + args.seconds
        kinds = ["reader"] * args.readers + ["missing"] * args.missing + ["login"] * args.logins
        threads = [
            threading.Thread(target=client, args=(port, kind, until, args.timeout, tallies[kind]), daemon=True)
            for kind in kinds
        ]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(args.seconds + args.timeout + 5)
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()

    results: dict[str, dict[str, object]] = {}
    print(f"\n{args.readers} readers + {args.missing} HTML 404 clients + {args.logins} logins, {args.seconds:g} s")
    print(f"{'kind':<10} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  answers")
    everything: list[float] = []
    unexpected = 0
    for kind, tally in tallies.items():
        if not tally.latencies:
            continue
        times = sorted(tally.latencies)
        everything += times
        bad = sum(n for a, n in tally.answers.items() if not (a.isdigit() and int(a) in EXPECTED[kind]))
        unexpected += bad
        results[kind] = {
            "n": len(times),
            "p50_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(percentile(times, 0.95) * 1000, 1),
            "max_ms": round(times[-1] * 1000, 1),
            "answers": dict(sorted(tally.answers.items())),
            "unexpected": bad,
        }
        r = results[kind]
        answers = ", ".join(f"{a}: {n}" for a, n in sorted(tally.answers.items()))
        print(
            f"{kind:<10} {len(times):>6} {len(times) / wall:7.1f} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} "
            f"{r['max_ms']:8.1f}  {answers}"
        )
    everything.sort()
    p95 = percentile(everything, 0.95) if everything else float("inf")
    ok = bool(everything) and unexpected == 0 and p95 < 1.0
    summary = {
        "requests": len(everything),
        "p50_ms": round(statistics.median(everything) * 1000, 1) if everything else None,
        "p95_ms": round(p95 * 1000, 1),
        "unexpected_answers": unexpected,
        "passed": ok,
    }
    print(
        f"all: {summary['requests']} requests, p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, "
        f"{unexpected} unexpected answers -> {'PASS' if ok else 'FAIL'} (every answer expected, p95 < 1000 ms)"
    )
    out = args.out_dir / "load.json"
    out.write_text(
        json.dumps(
            {
                "seconds": args.seconds,
                "clients": {"readers": args.readers, "missing": args.missing, "logins": args.logins},
                "summary": summary,
                "results": results,
                "environment": environment(),
            },
            indent=2,
        )
    )
    errors = log_path.read_text(errors="replace").count("Traceback")
    print(f"results: {out}; server log: {log_path} ({errors} tracebacks)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
