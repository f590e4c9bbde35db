"""The sources file of ``claimgraph watch``: which feeds and pages to follow, and how politely.

The minimal file is a list of ``[[source]]`` tables with a ``name`` and a ``url`` (a feed or a
page: told apart by what the URL answers). Every other key is optional::

    [watch]                        # optional; these are the defaults
    contact = ""                   # a URL or e-mail added to the User-Agent, so sites can reach you
    per_host_delay = 2.0           # seconds between two requests to one host (robots.txt may ask more)
    timeout = 20.0                 # seconds for one answer, headers and body together
    retries = 2                    # more attempts after a timeout, a lost connection, 429 or 5xx
    backoff = 2.0                  # seconds before the first retry, doubled at each one
    max_bytes = 5242880            # an answer larger than this is refused before it is parsed
    max_items = 50                 # feed items read per fetch (the newest first, as the feed lists them)
    follow_items = true            # fetch each new item's article page (else: the item's own text)
    concurrency = 4                # sources fetched at once (never two requests at once to one host)
    base_url = "http://127.0.0.1:8000"  # where `claimgraph serve` runs: the event links in alerts

    [[source]]
    name = "centcom"               # unique; names the source in the database and on the Sources page
    url = "https://www.centcom.mil/MEDIA/PRESS-RELEASES/"
    outlet = "US Central Command"  # default: the feed's title, or the page's site name
    lang = "en"                    # default: what the feed or page says
    interval = 900                 # seconds between two fetches (default 900)

Errors name the file and the entry (``sources.toml: source 3 ('x'): ...``) and stop before
anything is fetched.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from claimgraph.errors import UsageError

DEFAULT_INTERVAL = 900


@dataclass(frozen=True, slots=True)
class Politeness:
    """How ``watch`` behaves towards the sites it reads (the ``[watch]`` table)."""

    contact: str = ""
    per_host_delay: float = 2.0
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 2.0
    max_bytes: int = 5 * 1024 * 1024
    max_items: int = 50
    follow_items: bool = True
    concurrency: int = 4
    base_url: str = "http://127.0.0.1:8000"


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One followed source."""

    name: str
    url: str
    outlet: str | None = None
    lang: str | None = None
    interval: int = DEFAULT_INTERVAL

    @property
    def host(self) -> str:
        return urlparse(self.url).netloc.lower()


@dataclass(frozen=True, slots=True)
class WatchConfig:
    sources: tuple[SourceSpec, ...]
    politeness: Politeness = field(default_factory=Politeness)


_SOURCE_KEYS = {f.name for f in fields(SourceSpec)}
_WATCH_KEYS = {f.name: f.type for f in fields(Politeness)}


def load_config(path: str | Path) -> WatchConfig:
    """The sources file at ``path``, checked whole; ``UsageError`` naming the entry at fault."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read sources file {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not a valid TOML file: {exc}") from None
    return parse_config(data, str(path))


def parse_config(data: dict[str, Any], name: str = "sources file") -> WatchConfig:
    unknown = set(data) - {"watch", "source"}
    if unknown:
        raise UsageError(f"{name}: unknown table(s) {', '.join(sorted(unknown))}: use [watch] and [[source]]")
    politeness = _politeness(data.get("watch", {}), name)
    raw = data.get("source")
    if not isinstance(raw, list) or not raw:
        raise UsageError(f'{name}: no sources: add [[source]] tables with name = "..." and url = "https://..."')
    sources, seen = [], set()
    for n, entry in enumerate(raw, 1):
        spec = _source(entry, f"{name}: source {n}")
        if spec.name in seen:
            raise UsageError(f"{name}: source {n}: the name {spec.name!r} is used twice; names must be unique")
        seen.add(spec.name)
        sources.append(spec)
    return WatchConfig(tuple(sources), politeness)


def _politeness(table: Any, name: str) -> Politeness:
    if not isinstance(table, dict):
        raise UsageError(f"{name}: [watch] must be a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _WATCH_KEYS:
            raise UsageError(f"{name}: [watch]: unknown key {key!r}: use {', '.join(sorted(_WATCH_KEYS))}")
        default = getattr(Politeness(), key)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, (int, float)):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
            if isinstance(default, int) and not isinstance(default, bool):
                ok = ok and float(value).is_integer()
                value = int(value) if ok else value
        else:
            ok = isinstance(value, str)
        if not ok:
            raise UsageError(f"{name}: [watch]: {key} = {value!r} is not a valid value (default {default!r})")
        values[key] = float(value) if isinstance(default, float) else value
    p = Politeness(**values)
    if p.max_bytes < 1024 or p.concurrency < 1 or p.timeout <= 0:
        raise UsageError(f"{name}: [watch]: max_bytes >= 1024, concurrency >= 1 and timeout > 0, please")
    return p


def _source(entry: Any, where: str) -> SourceSpec:
    if not isinstance(entry, dict):
        raise UsageError(f"{where}: must be a table ([[source]])")
    label = f"{where} ({entry.get('name')!r})" if isinstance(entry.get("name"), str) else where
    unknown = set(entry) - _SOURCE_KEYS
    if unknown:
        raise UsageError(f"{label}: unknown key(s) {', '.join(sorted(unknown))}: use {', '.join(sorted(_SOURCE_KEYS))}")
    name, url = entry.get("name"), entry.get("url")
    if not isinstance(name, str) or not name.strip() or len(name) > 80:
        raise UsageError(f'{label}: needs a name (name = "...", at most 80 characters)')
    if not isinstance(url, str) or urlparse(url).scheme not in ("http", "https") or not urlparse(url).netloc:
        raise UsageError(f"{label}: url {url!r} is not an http(s) URL")
    for key in ("outlet", "lang"):
        if key in entry and not isinstance(entry[key], str):
            raise UsageError(f"{label}: {key} must be a string")
    interval = entry.get("interval", DEFAULT_INTERVAL)
    if not isinstance(interval, int) or isinstance(interval, bool) or interval < 0:
        raise UsageError(f"{label}: interval = {interval!r}: give whole seconds (e.g. 900)")
    return SourceSpec(name.strip(), url.strip(), entry.get("outlet"), entry.get("lang"), interval)
