"""One source, one fetch: the documents it holds that the database does not have yet.

A feed (told apart from a page by its content, ``sources.feeds.is_feed``) is read by the feed
reader behind defusedxml, as a saved feed file is; each item not seen before is followed to its
article page, read with trafilatura as a saved page is (the page kept as ``raw``). The item's own
text is used instead when robots.txt disallows the page or the page holds no article text. A page
that cannot be fetched now (timeout, 5xx) leaves its item for the next round. A page URL is one
document.

Every document leaves here through the readers' text hygiene (``sources.common.guarded``).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from claimgraph.errors import SourceError
from claimgraph.models import Document
from claimgraph.sources.common import guarded
from claimgraph.sources.feeds import is_feed, read_feed_bytes
from claimgraph.sources.html import read_page_bytes
from claimgraph.watch.config import Politeness, SourceSpec
from claimgraph.watch.fetch import Fetcher, FetchError


@dataclass(slots=True)
class Found:
    """A document read from a source, with the key that marks its item as seen."""

    doc: Document
    item_key: str


@dataclass(slots=True)
class SourceResult:
    spec: SourceSpec
    outcome: str = "ok"  # ok | not_modified | failed | robots
    http_status: int | None = None
    bytes: int = 0
    pages: int = 0
    kind: str | None = None  # feed | page
    etag: str | None = None
    last_modified: str | None = None
    found: list[Found] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # items or pages left for later, with why
    complete: bool = True  # every new item was read: the validators may be kept
    error: str | None = None
    seconds: float = 0.0

    @property
    def message(self) -> str | None:
        """What went wrong, for the fetch log and the Sources page (``None`` when nothing did)."""
        if self.error:
            return self.error
        if not self.problems:
            return None
        shown = "; ".join(self.problems[:3])
        more = f"; and {len(self.problems) - 3} more" if len(self.problems) > 3 else ""
        return f"{len(self.problems)} item(s) not read: {shown}{more}"


def read_source(
    fetcher: Fetcher,
    spec: SourceSpec,
    politeness: Politeness,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    seen: frozenset[str] | set[str] = frozenset(),
) -> SourceResult:
    """Fetch ``spec`` (conditionally) and read what is new; never raises for the source's faults."""
    started = time.perf_counter()
    result = SourceResult(spec)
    try:
        answer = fetcher.get(spec.url, etag=etag, last_modified=last_modified)
    except FetchError as exc:
        result.outcome = "robots" if exc.robots else "failed"
        result.http_status, result.error = exc.status, exc.reason
        result.seconds = time.perf_counter() - started
        return result
    result.http_status, result.etag, result.last_modified = answer.status, answer.etag, answer.last_modified
    result.bytes = len(answer.body)
    if answer.status == 304:
        result.outcome = "not_modified"
    elif is_feed(answer.body):
        result.kind = "feed"
        _read_feed(fetcher, spec, politeness, answer.body, answer.url, seen, result)
    else:
        result.kind = "page"
        _read_page(spec, answer.body, answer.url, seen, result)
    result.seconds = time.perf_counter() - started
    return result


def _read_page(spec: SourceSpec, body: bytes, url: str, seen: frozenset[str] | set[str], result: SourceResult) -> None:
    item = next(guarded(url, iter([_page(body, url, spec.lang, spec.url)])))  # type: ignore[arg-type]
    if isinstance(item, SourceError):
        result.outcome, result.error = "failed", item.reason
        return
    key = Document.content_id(item.text)
    if key not in seen:
        result.found.append(Found(_with_outlet(item, spec), key))


def _page(body: bytes, url: str, lang: str | None, doc_id: str) -> Document:
    return read_page_bytes(body, url, lang=lang, doc_id=doc_id)


def _read_feed(
    fetcher: Fetcher,
    spec: SourceSpec,
    politeness: Politeness,
    body: bytes,
    url: str,
    seen: frozenset[str] | set[str],
    result: SourceResult,
) -> None:
    items = list(_first(guarded(url, read_feed_bytes(body, url, lang=spec.lang)), politeness.max_items))  # type: ignore[arg-type]
    if len(items) == 1 and isinstance(items[0], SourceError) and items[0].source == url:
        result.outcome, result.error = "failed", items[0].reason  # the feed itself: refused, not XML, no items
        return
    for item in items:
        if isinstance(item, SourceError):
            result.problems.append(f"{item.source}: {item.reason}")
            continue
        key = item.ext_id or item.id
        if key in seen:
            continue
        doc = item
        if politeness.follow_items and item.url and item.url.startswith(("http://", "https://")):
            try:
                doc = _article(fetcher, item, result)
            except FetchError as exc:
                if not exc.robots:  # left for the next round; the feed's validators are not kept
                    result.problems.append(f"{item.url}: {exc.reason}")
                    result.complete = False
                    continue
        result.found.append(Found(_with_outlet(doc, spec), key))


def _article(fetcher: Fetcher, item: Document, result: SourceResult) -> Document:
    """The item's article page as the document (item's id, date and title where the page lacks
    them); the item itself when the page holds no article text."""
    assert item.url is not None
    answer = fetcher.get(item.url)
    result.pages += 1
    result.bytes += len(answer.body)
    page = next(guarded(item.url, iter([_page(answer.body, answer.url, item.lang, item.id)])))  # type: ignore[arg-type]
    if isinstance(page, SourceError):
        result.problems.append(f"{item.url}: {page.reason} (the feed item's own text was read instead)")
        return item
    return dataclasses.replace(
        page,
        id=item.id,
        url=item.url,
        title=page.title or item.title,
        published=item.published or page.published,
        outlet=item.outlet or page.outlet,
        lang=page.lang or item.lang,
        source=item.url,
    )


def _with_outlet(doc: Document, spec: SourceSpec) -> Document:
    changes = {"source": doc.source or doc.url or spec.url}
    if spec.outlet:
        changes["outlet"] = spec.outlet
    return dataclasses.replace(doc, **changes)


def _first(items: Iterator[Document | SourceError], n: int) -> Iterator[Document | SourceError]:
    for i, item in enumerate(items):
        if i >= n:
            return
        yield item
