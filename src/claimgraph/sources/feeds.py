"""Read RSS 2.0, Atom and RDF feeds saved to disk (``.rss``, ``.atom``, ``.xml``).

Each item (entry) is one ``Document`` (``kind="feed_item"``): title, link -> ``url``,
``published`` (else ``updated``) -> ``published`` (its date as written), the feed's title ->
``outlet``, the entry's content (else its summary / description) converted from HTML to
plain text with paragraphs kept, ``ext_id`` (and ``id``) = the guid / id (else the link),
``source`` = ``"<path>#<N>"`` (N = the item's position, from 1), ``raw`` = the item's XML.

Hostile XML is refused before the feed parser sees it: the bytes are first parsed with
defusedxml, which stops at the first entity declaration (billion laughs, quadratic blowup,
external entities / XXE) or external reference, with bounded memory and time. Failures:
such a refusal, XML that is not well-formed, a document that is not a feed, or a feed with
no items is one ``MalformedDocument`` for the file; an item without any text is one
``MalformedDocument`` for ``path#N`` and the other items are still read.
"""

from __future__ import annotations

import codecs
import io
import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from xml.parsers import expat

import defusedxml
import defusedxml.ElementTree as DET
import feedparser

from claimgraph.errors import MalformedDocument, SourceError
from claimgraph.models import Document
from claimgraph.sources.common import (
    DEFAULT_MAX_BYTES,
    first_line,
    guarded,
    html_to_text,
    parse_date,
    plain_text,
    read_bounded,
)

_ATOM = "http://www.w3.org/2005/Atom"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_ITEM_NAMES = {"item", "entry"}
_REFUSED_HINT = (
    "claimgraph never expands entities or fetches resources a feed declares; if you trust the file, "
    "remove its <!DOCTYPE ...> block and read it again"
)
_XML_HINT = "a feed must be well-formed XML; check it with `xmllint --noout FILE`"
_NOT_FEED_HINT = (
    "claimgraph reads RSS 2.0, Atom and RDF feeds from .rss, .atom and .xml files; "
    "read other files with the right --input-format"
)
_ITEM_HINT = "the item is left out and the others are read; its content, summary or description is missing or empty"


def iter_feed(
    path: Path, *, lang: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | SourceError]:
    """Yield a ``Document`` per feed item at ``path``, a ``SourceError`` per item without text,
    or one ``SourceError`` for a file that is not a readable feed."""
    return guarded(path, _read(path, lang=lang, max_bytes=max_bytes))


def _read(path: Path, *, lang: str | None, max_bytes: int) -> Iterator[Document | SourceError]:
    yield from read_feed_bytes(read_bounded(path, max_bytes), path, lang=lang)


def read_feed_bytes(data: bytes, path: str | Path, *, lang: str | None = None) -> Iterator[Document | SourceError]:
    """The items of a feed held in ``data`` (fetched, or read from ``path``); ``path`` names it in
    errors and in each item's ``source``. Raises ``SourceError`` for a feed that cannot be read
    (callers wrap it in ``guarded``), yields one per item without text."""
    _check_is_feed(parse_xml_safely(data, path), path)
    # A file-like object: feedparser never treats it as a URL or a path to open.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        problem = f": {parsed.get('bozo_exception')}" if parsed.get("bozo") else ""
        raise MalformedDocument(path, f"the feed has no items{problem}", "check that the file is the whole feed")
    feed = parsed.get("feed") or {}
    outlet = _clean_title(feed.get("title"), feed.get("title_detail")) or None
    feed_lang = _lang(feed.get("language")) or lang
    snippets = _item_snippets(data, parsed.get("encoding") or "utf-8")
    if len(snippets) != len(entries):  # items nested oddly: keep the parsed entry as provenance
        snippets = [None] * len(entries)
    for n, (entry, snippet) in enumerate(zip(entries, snippets, strict=True), 1):
        try:
            yield _entry_document(path, n, entry, snippet, outlet=outlet, lang=feed_lang)
        except SourceError as exc:
            yield exc


def parse_xml_safely(data: bytes, source: str | Path) -> ET.Element:
    """The XML tree of ``data``, parsed with entity declarations and external references refused."""
    try:
        return DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as exc:
        if exc.sysid or exc.pubid:
            reason = (
                f"refused: the feed declares an external XML entity '{exc.name}' "
                f"({exc.sysid or exc.pubid}); possible XXE attack"
            )
        else:
            reason = f"refused: the feed declares XML entities ('{exc.name}'; possible entity-expansion attack)"
        raise MalformedDocument(source, reason, _REFUSED_HINT) from None
    except defusedxml.ExternalReferenceForbidden as exc:
        where = exc.sysid or exc.pubid or "unknown"
        raise MalformedDocument(
            source, f"refused: the feed references an external resource ({where})", _REFUSED_HINT
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise MalformedDocument(source, f"refused: {exc}", _REFUSED_HINT) from None
    except ET.ParseError as exc:
        raise MalformedDocument(source, f"not well-formed XML: {exc}", _XML_HINT) from None


def is_feed(data: bytes) -> bool:
    """True if ``data`` looks like a feed (its root element, read without parsing the whole): for
    telling a feed URL from a page URL by content. Parsing still goes through ``parse_xml_safely``."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        return False
    return head.startswith(b"<?xml") or any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def _check_is_feed(root: ET.Element, path: str | Path) -> None:
    name, namespace = _local(root.tag), _namespace(root.tag)
    if name == "rss" or (name == "feed" and namespace in ("", _ATOM)) or (name == "RDF" and namespace == _RDF):
        return
    raise MalformedDocument(
        path, f"not a feed: the root element is <{name}>, not <rss>, <feed> or <rdf:RDF>", _NOT_FEED_HINT
    )


def _entry_document(
    path: str | Path, n: int, entry: Any, snippet: str | None, *, outlet: str | None, lang: str | None
) -> Document:
    source = f"{path}#{n}"
    body, language = _entry_body(entry)
    text = ""
    if body is not None:
        value, content_type = body
        text = html_to_text(value) if _is_html(content_type) else plain_text(value)
    if not text:
        raise MalformedDocument(source, "item has no text", _ITEM_HINT)
    link = entry.get("link") or None
    ext_id = entry.get("id") or link or f"{_stem(path)}#{n}"
    title = _clean_title(entry.get("title"), entry.get("title_detail"))
    return Document(
        id=ext_id,
        text=text,
        published=_entry_date(entry),
        lang=_lang(language) or lang,
        title=title or first_line(text),
        url=link,
        outlet=outlet,
        source=source,
        raw=snippet if snippet is not None else _entry_json(entry),
        ext_id=ext_id,
        kind="feed_item",
    )


def _stem(source: str | Path) -> str:
    return source.stem if isinstance(source, Path) else str(source).rstrip("/").rpartition("/")[2]


def _entry_body(entry: Any) -> tuple[tuple[str, str] | None, str | None]:
    """``((value, content type), language)`` of the entry's content, else of its summary."""
    for content in entry.get("content") or []:
        if isinstance(content.get("value"), str) and content["value"].strip():
            return (content["value"], content.get("type") or "text/html"), content.get("language")
    summary = entry.get("summary")
    if isinstance(summary, str) and summary.strip():
        detail = entry.get("summary_detail") or {}
        return (summary, detail.get("type") or "text/html"), detail.get("language")
    return None, None


def _is_html(content_type: str) -> bool:
    return "html" in content_type


def _clean_title(title: Any, detail: Any) -> str:
    if not isinstance(title, str):
        return ""
    kind = (detail or {}).get("type") or "text/plain"
    return " ".join((html_to_text(title) if _is_html(kind) else title).split())


def _entry_date(entry: Any) -> date | None:
    """``published`` else ``updated``, as written; feedparser's (UTC) reading for odd formats."""
    for key in ("published", "updated", "created"):
        # dict.get: the raw keys, not feedparser's deprecated mapping of "updated" to "published"
        value = dict.get(entry, key)
        if isinstance(value, str) and (day := parse_date(value)) is not None:
            return day
        parsed = dict.get(entry, f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _lang(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().replace("_", "-").split("-")[0].lower() or None


def _item_snippets(data: bytes, encoding: str) -> list[str | None]:
    """The XML of every top-level ``<item>`` / ``<entry>``, exactly as written in the file.

    A second pass over bytes defusedxml has already accepted (so free of entity declarations),
    with a bare expat parser that only records where each item starts and ends.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    spans: list[tuple[int, int]] = []
    depth_in_item = 0
    start = 0

    def on_start(name: str, _attrs: object) -> None:
        nonlocal depth_in_item, start
        if depth_in_item:
            depth_in_item += 1
        elif name.rpartition(" ")[2] in _ITEM_NAMES:
            depth_in_item, start = 1, parser.CurrentByteIndex

    def on_end(_name: str) -> None:
        nonlocal depth_in_item
        if depth_in_item:
            depth_in_item -= 1
            if not depth_in_item:
                spans.append((start, data.index(b">", parser.CurrentByteIndex) + 1))

    def refuse(*_args: object) -> None:
        raise ValueError("entity declaration")

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, ValueError):
        return []
    codec = encoding if _known_codec(encoding) else "utf-8"
    return [data[a:b].decode(codec, errors="replace") for a, b in spans]


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _entry_json(entry: Any) -> str:
    fields = {k: v for k, v in entry.items() if not k.endswith("_parsed")}
    return json.dumps(fields, ensure_ascii=False, default=str)


def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _namespace(tag: Any) -> str:
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""
