"""Helpers shared by the readers: bounded reading, UTF-8 decoding, text hygiene, dates, HTML to text.

Every helper raises a ``SourceError`` subclass naming the input; the readers turn raised
errors into yielded ones (``guarded``), so one bad input never stops a batch.

Text hygiene happens here and only here (``clean``): every reader's public function yields
through ``guarded``, which hands on each ``Document`` with every string field (text, title,
outlet, url, raw, ids, ...) in a form any database and any JSON encoder accept — lone
surrogates and NUL characters replaced by U+FFFD, then Unicode NFC — and records what it
changed in ``Document.repairs`` (stored as a ``text_repaired`` note of the document).
Extraction runs on the repaired text, so evidence offsets are exact against the stored text.
"""

from __future__ import annotations

import dataclasses
import json
import re
import traceback
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TypeVar

from lxml import etree

from claimgraph.errors import InputTooLarge, MalformedDocument, ReaderBug, SourceError, UnsupportedFormat
from claimgraph.models import Document, TextRepair

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

SIZE_HINT = "split it into smaller files, or raise the limit with --max-bytes"
RECODE_HINT = (
    "claimgraph reads UTF-8; re-encode the file, e.g. "
    "`iconv -f WINDOWS-1256 -t UTF-8 FILE > FILE.utf8` (use the file's real encoding, "
    "e.g. WINDOWS-1252 or ISO-8859-1)"
)
BINARY_HINT = "claimgraph reads UTF-8 text, .json and .jsonl; convert the document to text first"
READ_HINT = "check that it exists and is readable"

# Block-level tags: each one starts a paragraph in the plain text made from HTML.
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "tr", "td", "th", "ul",
}  # fmt: skip
_PARA = "\u2029"  # PARAGRAPH SEPARATOR: marks a block boundary while the text is flattened
_LINE = "\u2028"  # LINE SEPARATOR: marks a <br>
# Elements whose content is never text for a reader.
_DROPPED_TAGS = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head",
    "title", "select", "option", "button", "textarea", "canvas", "audio", "video", "map",
}  # fmt: skip
_SPACES = re.compile(r"[^\S\n\u2028\u2029]+")
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")


# -- reading ---------------------------------------------------------------------------------


def check_size(path: Path, max_bytes: int) -> int:
    """The file's size from ``stat()``; ``InputTooLarge`` if over ``max_bytes``, before any read."""
    size = path.stat().st_size
    if size > max_bytes:
        raise too_large(path, size, max_bytes)
    if size == 0:
        raise MalformedDocument(path, "empty file", "remove it, or add the document text")
    return size


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; size checked with ``stat()`` before any byte is read."""
    check_size(path, max_bytes)
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)  # the file may have grown since stat()
    if len(data) > max_bytes:
        raise too_large(path, len(data), max_bytes)
    return data


def too_large(source: str | Path, size: int, max_bytes: int) -> InputTooLarge:
    return InputTooLarge(source, f"{format_size(size)}, over the limit of {format_size(max_bytes)}", SIZE_HINT)


def format_size(n: int) -> str:
    return f"{n / 2**20:.1f} MiB ({n} bytes)" if n >= 2**17 else f"{n} bytes"


def decode(data: bytes, source: str | Path, *, base_offset: int = 0) -> str:
    """UTF-8 (a leading BOM is dropped); binary and other encodings get a clear error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormat(
            source, "file is UTF-16, not UTF-8", "re-encode it: `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8`"
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise UnsupportedFormat(source, f"binary data (NUL byte at byte offset {base_offset + nul})", BINARY_HINT)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex().upper()
        raise UnsupportedFormat(
            source, f"not UTF-8: invalid byte 0x{bad} at byte offset {base_offset + exc.start}", RECODE_HINT
        ) from None
    return text.removeprefix("\ufeff")


def guarded(path: Path, items: Iterator[Document | SourceError]) -> Iterator[Document | SourceError]:
    """Yield from ``items``, each one ``clean``ed; a ``SourceError`` or ``OSError`` raised there ends
    the file as one yielded error, and so does any other exception (a ``ReaderBug``: never a
    traceback that stops the other inputs)."""
    try:
        for item in items:
            yield clean(item)
    except SourceError as exc:
        yield clean(exc)
    except OSError as exc:
        yield clean(SourceError(path, f"cannot read file: {exc.strerror or exc}", READ_HINT))
    except Exception as exc:  # a bug in a reader or a parser it calls: report it against this input, go on
        yield clean(reader_bug(path, exc))


def reader_bug(source: str | Path, exc: BaseException) -> ReaderBug:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return ReaderBug(
        source,
        f"internal error while reading: {type(exc).__name__}: {exc}{where}",
        "a bug in claimgraph, not in your file: please report it with the file if you can share it; "
        "the other inputs are still read",
    )


# -- text hygiene ----------------------------------------------------------------------------

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL (PostgreSQL text) and surrogates (UTF-8)
_Item = TypeVar("_Item", Document, SourceError)


def clean_text(value: str, field: str) -> tuple[str, TextRepair | None]:
    """``value`` with NUL and lone surrogates replaced by U+FFFD (one for one), then in NFC; and
    what was changed (``None`` if nothing)."""
    if value.isascii() and "\x00" not in value:  # the common case: nothing to do, nothing to scan
        return value, None
    nul = value.count("\x00")
    fixed, replaced = _UNSTORABLE.subn("\ufffd", value)
    nfc = not unicodedata.is_normalized("NFC", fixed)
    if nfc:
        fixed = unicodedata.normalize("NFC", fixed)
    if not replaced and not nfc:
        return value, None
    return fixed, TextRepair(field, surrogates=replaced - nul, nul=nul, nfc=nfc)


def clean_document(doc: Document) -> Document:
    """``doc`` with every string field ``clean_text``ed and the changes added to ``doc.repairs``."""
    changes: dict[str, str] = {}
    repairs: list[TextRepair] = []
    for f in dataclasses.fields(doc):
        value = getattr(doc, f.name)
        if isinstance(value, str):
            fixed, repair = clean_text(value, f.name)
            if repair is not None:
                changes[f.name] = fixed
                repairs.append(repair)
    if not repairs:
        return doc
    return dataclasses.replace(doc, **changes, repairs=(*doc.repairs, *repairs))


def clean_error(error: SourceError) -> SourceError:
    """The same error with its input name and message safe to store and print (a path may hold
    undecodable bytes, which Python keeps as lone surrogates)."""
    parts = [clean_text(part, "error")[0] for part in (error.source, error.reason, error.hint)]
    if parts == [error.source, error.reason, error.hint]:
        return error
    return type(error)(*parts)


def clean(item: _Item) -> _Item:
    """A ``Document`` or ``SourceError`` made safe for any database and JSON encoder (see above)."""
    return clean_document(item) if isinstance(item, Document) else clean_error(item)


def load_json(text: str, source: str | Path) -> Any:
    """Parsed JSON; ``MalformedDocument`` with the line and column of a syntax error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedDocument(
            source,
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            "check it with `python3 -m json.tool FILE`",
        ) from None
    except RecursionError:
        raise MalformedDocument(source, "JSON nested too deeply", "check how the file was produced") from None


# -- values ----------------------------------------------------------------------------------


def parse_date(value: str) -> date | None:
    """The calendar date *as written* of ``YYYY-MM-DD``, an ISO 8601 datetime or an RFC 822 date.

    ``None`` when ``value`` is none of these. The date is not converted to UTC: a report
    published at 01:30 local time on the 29th is dated the 29th.
    """
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "a string"
    return f"a {type(value).__name__}"


def first_line(text: str, limit: int = 80) -> str:
    """The first non-blank line of ``text``, cut to ``limit`` characters (with an ellipsis)."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs separated by a blank line, ``<br>`` kept as a
    line break, other whitespace collapsed, entities unescaped; scripts, styles, comments and
    other non-text elements are dropped with their content.

    Parsed with libxml2 (linear time; nesting is cut at libxml2's depth limit) and walked
    without recursion, so hostile markup (deeply nested or huge) stays cheap.
    """
    if not fragment.strip():
        return ""
    wrapped = b"<html><body><div>" + fragment.encode("utf-8", "surrogatepass") + b"</div></body></html>"
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    root = etree.fromstring(wrapped, parser)
    body = root.find("body") if root is not None else None
    if body is None:
        return ""
    parts: list[str] = []
    walker = etree.iterwalk(body, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        dropped = tag in _DROPPED_TAGS or not tag
        if event == "start":
            if dropped:
                walker.skip_subtree()
                continue
            parts.append(_LINE if tag == "br" else _PARA if tag in _BLOCK_TAGS else "")
            parts.append(element.text or "")
        else:
            if tag in _BLOCK_TAGS and not dropped:
                parts.append(_PARA)
            if element is not body:
                parts.append(element.tail or "")
    return _paragraphs("".join(parts).replace("\r", " ").replace("\n", " "))


def plain_text(text: str) -> str:
    """Plain text with its paragraphs (blank-line separated) kept and other whitespace collapsed."""
    return _paragraphs(_BLANK_LINES.sub(_PARA, text.replace("\r\n", "\n")).replace("\n", _LINE))


def _paragraphs(flat: str) -> str:
    paragraphs = []
    for block in flat.split(_PARA):
        lines = (_SPACES.sub(" ", line).strip() for line in block.split(_LINE))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)
