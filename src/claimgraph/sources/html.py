"""Read news pages saved to disk (``.html``, ``.htm``): the article text and its metadata.

The main text comes from trafilatura (precision favoured: navigation, footers, related
links, scripts and styles are left out), one paragraph per block, paragraphs separated by a
blank line. Title, publication date, outlet (site name) and url come from trafilatura's
metadata, falling back to ``<title>``, ``og:`` / ``article:`` meta tags and
``<link rel="canonical">``; the language from ``<html lang>``. The page itself is kept in
``Document.raw`` for provenance; ``kind="html"``; id = file name without extension.

Failures (one error for the file): over the size limit (checked before reading), empty,
binary or undecodable, and a page with no article text (``MalformedDocument``).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from lxml import etree
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.utils import load_html

from claimgraph.errors import MalformedDocument, SourceError, UnsupportedFormat
from claimgraph.models import Document
from claimgraph.sources.common import (
    BINARY_HINT,
    DEFAULT_MAX_BYTES,
    RECODE_HINT,
    guarded,
    parse_date,
    plain_text,
    read_bounded,
)

_NO_TEXT_HINT = (
    "the page may hold no article, or build it with JavaScript: save the page after it has loaded "
    "(Save Page As -> 'Web Page, complete'), or copy the article text into a .txt file"
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# trafilatura's output tree: these elements each hold one paragraph of text
_BLOCKS = {"p", "head", "item", "quote", "code", "row"}
_MIN_FALLBACK_WORDS = 12
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dcterms.created",
)


def iter_html(
    path: Path, *, lang: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | SourceError]:
    """Yield the ``Document`` of the page at ``path``, or one ``SourceError``."""
    return guarded(path, _read(path, lang=lang, max_bytes=max_bytes))


def _read(path: Path, *, lang: str | None, max_bytes: int) -> Iterator[Document]:
    yield read_page_bytes(read_bounded(path, max_bytes), path, lang=lang, doc_id=path.stem)


def read_page_bytes(data: bytes, path: str | Path, *, lang: str | None = None, doc_id: str = "") -> Document:
    """The ``Document`` of the page held in ``data`` (fetched, or read from ``path``); ``path``
    names it in errors and is its ``source``. Raises ``SourceError`` (callers wrap it in ``guarded``)."""
    page = _decode_page(data, path)
    tree = load_html(page)
    if tree is None:
        raise MalformedDocument(path, "not an HTML page: nothing could be parsed", _NO_TEXT_HINT)
    fallback = _head_metadata(tree)  # first: extraction prunes the tree it is given
    result, text = _extract(tree, fast=True)
    if not text:  # trafilatura's fallback extractors find more, but also menus: keep only prose
        result, text = _extract(load_html(page), fast=False)
        if len(text.split()) < _MIN_FALLBACK_WORDS:
            text = ""
    if not text:
        raise MalformedDocument(path, "no article text found in the page", _NO_TEXT_HINT)
    published = _date(getattr(result, "date", None)) or _date(fallback.get("date"))
    return Document(
        id=doc_id or str(path),
        text=text,
        published=published,
        lang=fallback.get("lang") or lang,
        title=getattr(result, "title", None) or fallback.get("title") or "",
        url=getattr(result, "url", None) or fallback.get("url"),
        outlet=getattr(result, "sitename", None) or fallback.get("site") or None,
        source=str(path),
        raw=page,
        kind="html",
    )


def _extract(tree: HtmlElement | None, *, fast: bool) -> tuple[Any, str]:
    """trafilatura's result (text tree and metadata) and the plain text; precision favoured."""
    if tree is None:
        return None, ""
    result = bare_extraction(
        tree,
        fast=fast,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(result, "body", None)
    return result, (_body_text(body) if body is not None else "")


def _decode_page(data: bytes, path: str | Path) -> str:
    """The page as text: UTF-8, else the charset the page declares; never decompressed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnsupportedFormat(path, "invalid UTF-16", RECODE_HINT) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise UnsupportedFormat(path, f"binary data (NUL byte at byte offset {nul}), not an HTML page", BINARY_HINT)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii")
        try:
            return data.decode(codecs.lookup(name).name)
        except (LookupError, UnicodeDecodeError):
            pass
    bad = data[utf8_error.start : utf8_error.start + 1].hex().upper()
    raise UnsupportedFormat(
        path,
        f"not UTF-8 (invalid byte 0x{bad} at byte offset {utf8_error.start}) and no usable <meta charset>",
        RECODE_HINT,
    )


def _body_text(body: etree._Element) -> str:
    """Paragraphs of trafilatura's output tree, separated by a blank line."""
    paragraphs: list[str] = []

    def walk(element: etree._Element) -> None:
        if element.tag in _BLOCKS and not any(child.tag in _BLOCKS for child in element.iter() if child is not element):
            paragraphs.append(plain_text(_inline_text(element)))
            return
        if element.text and element.text.strip():
            paragraphs.append(plain_text(element.text))
        for child in element:
            walk(child)
            if child.tail and child.tail.strip():
                paragraphs.append(plain_text(child.tail))

    walk(body)
    return "\n\n".join(p for p in paragraphs if p)


def _inline_text(element: etree._Element) -> str:
    """The text of one block; trafilatura's ``<lb/>`` line breaks become newlines, table cells
    of a row are separated by `` | ``."""
    parts = [element.text or ""]
    for i, child in enumerate(element):
        if child.tag == "lb":
            parts.append("\n")
        else:
            parts.append((" | " if child.tag == "cell" and i else "") + _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _head_metadata(tree: HtmlElement) -> dict[str, str]:
    """Fallback metadata: ``<title>``, ``og:``/``article:`` meta tags, canonical link, ``<html lang>``."""
    found: dict[str, str] = {}

    def put(key: str, value: str | None) -> None:
        if value and value.strip() and key not in found:
            found[key] = " ".join(value.split())

    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            put("url", link.get("href"))
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key == "og:title":
            put("title", content)
        elif key == "og:site_name":
            put("site", content)
        elif key == "og:url":
            put("url", content)
        elif key in _DATE_META:
            put("date", content)
    title = tree.find(".//title")
    if title is not None:
        put("title", title.text_content())
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang and re.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*", lang.strip()):
        found["lang"] = re.split(r"[-_]", lang.strip())[0].lower()
    return found


def _date(value: str | None) -> date | None:
    return parse_date(value) if value else None
