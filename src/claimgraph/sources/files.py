"""Read documents from local files and directories, in every format claimgraph knows.

``iter_documents`` yields a ``Document`` for every readable document and a
``SourceError`` (yielded, not raised) for every input it cannot use, so callers
record the failure and carry on with the rest::

    for item in iter_documents(["reports/"]):
        if isinstance(item, SourceError):
            failures.append(item)
        else:
            handle(item)

Formats (``input_format="auto"`` picks one by file suffix; any other value reads every
file as that format, whatever its suffix):

- ``txt`` (``.txt``): the whole file is the text (UTF-8); id = file stem; no publication date.
- ``json`` (``.json``): one document object ``{"id", "title", "published", "url", "lang", "text",
  "outlet" | "source"}``; only ``text`` is required; unknown keys are ignored. In auto mode
  a ``.json`` file holding a Telegram Desktop export is read as ``telegram``.
- ``jsonl`` (``.jsonl``): one such object per line, streamed line by line; errors name
  ``path:LINE``; a record without an ``id`` gets ``<stem>:<LINE>``.
- ``html`` (``.html``, ``.htm``), ``feed`` (``.rss``, ``.atom``, ``.xml``), ``telegram`` and
  ``csv`` (``.csv``): see the modules ``html``, ``feeds``, ``telegram`` and ``csvfile``.
- directories: read recursively in sorted order; hidden entries are skipped, and so are
  files of other types in auto mode (appended to ``skipped`` when the caller passes a list).

Size limits are checked with ``stat()`` before a file is read or parsed; a ``.jsonl`` file
is limited per line instead (a longer line is never held in memory whole).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from claimgraph.errors import MalformedDocument, SourceError, UnsupportedFormat, UsageError
from claimgraph.models import Document
from claimgraph.sources import csvfile, feeds, html, telegram
from claimgraph.sources.common import (
    DEFAULT_MAX_BYTES,
    clean,
    decode,
    guarded,
    json_type,
    load_json,
    read_bounded,
    too_large,
)

INPUT_FORMATS = ("auto", "txt", "json", "jsonl", "html", "feed", "telegram", "csv")
FORMAT_OF_SUFFIX = {
    ".txt": "txt",
    ".json": "json",
    ".jsonl": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".csv": "csv",
}
SUPPORTED_SUFFIXES = tuple(FORMAT_OF_SUFFIX)

_CHUNK = 1024 * 1024
_FORMATS_HINT = (
    "claimgraph reads .txt, .json (one document, or a Telegram export), .jsonl (one document per line), "
    ".html/.htm, .rss/.atom/.xml feeds and .csv; name the format of other files with --input-format"
)

__all__ = ["DEFAULT_MAX_BYTES", "INPUT_FORMATS", "SUPPORTED_SUFFIXES", "iter_documents"]


@dataclass(frozen=True, slots=True)
class _Options:
    lang: str | None
    max_bytes: int
    input_format: str
    csv_columns: dict[str, str] | None
    skipped: list[Path] | None


def iter_documents(
    paths: Iterable[str | Path],
    *,
    lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skipped: list[Path] | None = None,
    input_format: str = "auto",
    csv_columns: dict[str, str] | None = None,
) -> Iterator[Document | SourceError]:
    """Yield a ``Document`` or a ``SourceError`` for each document found in ``paths``.

    ``lang`` is the language of documents that do not state one. ``max_bytes`` limits each
    file (each line of a ``.jsonl`` file). ``input_format`` is ``auto`` (by suffix) or one of
    ``INPUT_FORMATS``, applied to every file given or found in a directory. ``csv_columns``
    maps claimgraph fields to CSV columns (see ``csvfile``). In auto mode, files of
    unsupported types found inside directories are skipped and, if ``skipped`` is a list,
    appended to it; a file of unsupported type named explicitly yields ``UnsupportedFormat``.

    Raises ``UsageError`` at once (not when iterated) for an unknown format or column mapping.
    """
    if input_format not in INPUT_FORMATS:
        raise UsageError(f"unknown input format {input_format!r}: use one of {', '.join(INPUT_FORMATS)}")
    if csv_columns is not None:
        csvfile.check_columns(csv_columns)
    options = _Options(lang, max_bytes, input_format, csv_columns, skipped)
    return _iter_paths(paths, options)


def _iter_paths(paths: Iterable[str | Path], options: _Options) -> Iterator[Document | SourceError]:
    for raw_path in paths:
        path = Path(raw_path)
        if path.is_dir():
            yield from _iter_dir(path, options, seen=set())
        elif path.exists():
            yield from _iter_file(path, options)
        else:
            yield clean(SourceError(path, "no such file or directory", "check the path and the current directory"))


def _iter_dir(directory: Path, options: _Options, *, seen: set[Path]) -> Iterator[Document | SourceError]:
    real = directory.resolve()
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield clean(SourceError(directory, f"cannot list directory: {exc.strerror or exc}", "check its permissions"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _iter_dir(entry, options, seen=seen)
        elif (options.input_format != "auto" or entry.suffix.lower() in FORMAT_OF_SUFFIX) and entry.is_file():
            yield from _iter_file(entry, options)
        elif options.skipped is not None:
            options.skipped.append(entry)


def _iter_file(path: Path, options: _Options) -> Iterator[Document | SourceError]:
    fmt = options.input_format
    if fmt == "auto":
        fmt = FORMAT_OF_SUFFIX.get(path.suffix.lower(), "")
    if not fmt:
        shown = f"'{path.suffix}'" if path.suffix else "a file without extension"
        yield clean(UnsupportedFormat(path, f"unsupported file type {shown}", _FORMATS_HINT))
        return
    if not path.is_file():
        yield clean(UnsupportedFormat(path, "not a regular file", _FORMATS_HINT))
        return
    lang, max_bytes = options.lang, options.max_bytes
    if fmt == "html":
        yield from html.iter_html(path, lang=lang, max_bytes=max_bytes)
    elif fmt == "feed":
        yield from feeds.iter_feed(path, lang=lang, max_bytes=max_bytes)
    elif fmt == "telegram":
        yield from telegram.iter_telegram(path, lang=lang, max_bytes=max_bytes)
    elif fmt == "csv":
        yield from csvfile.iter_csv(path, lang=lang, max_bytes=max_bytes, columns=options.csv_columns)
    elif fmt == "jsonl":
        yield from guarded(path, _iter_jsonl(path, lang=lang, max_bytes=max_bytes))
    else:
        # .json in auto mode may be a Telegram export; an explicit "json" is always one document
        sniff = options.input_format == "auto"
        yield from guarded(path, _iter_small_file(path, fmt, lang=lang, max_bytes=max_bytes, sniff=sniff))


def _iter_small_file(
    path: Path, fmt: str, *, lang: str | None, max_bytes: int, sniff: bool
) -> Iterator[Document | SourceError]:
    text = decode(read_bounded(path, max_bytes), path)
    if fmt == "txt":
        yield _txt_document(path, text, lang)
        return
    record = load_json(text, path)
    if sniff and telegram.looks_like_export(record):
        yield from telegram.export_documents(path, record, lang=lang)
    else:
        yield _json_document(path, record, text, lang)


# -- formats ---------------------------------------------------------------------------------


def _txt_document(path: Path, text: str, lang: str | None) -> Document:
    if not text.strip():
        raise MalformedDocument(path, "file holds only whitespace", "remove it, or add the document text")
    return Document(id=path.stem, text=text, lang=lang, source=str(path))


def _json_document(path: Path, record: Any, text: str, lang: str | None) -> Document:
    if isinstance(record, list):
        raise MalformedDocument(
            path,
            "JSON is a list, not a document object",
            'a .json file holds one document {"text": ...}; put many documents in a .jsonl file',
        )
    return _record_to_document(record, source=str(path), default_id=path.stem, lang=lang, raw=text)


def _iter_jsonl(path: Path, *, lang: str | None, max_bytes: int) -> Iterator[Document | SourceError]:
    if path.stat().st_size == 0:
        yield MalformedDocument(path, "empty file", "remove it, or add one JSON document per line")
        return
    records = 0
    for item in _jsonl_range(path, lang=lang, max_bytes=max_bytes):
        records += 1
        yield item
    if records == 0:
        yield MalformedDocument(path, "no documents: every line is blank", "add one JSON document per line")


def iter_jsonl_range(
    path: Path,
    *,
    lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    start: int = 0,
    end: int | None = None,
    first_line: int = 1,
) -> Iterator[Document | SourceError]:
    """The documents of the lines of a ``.jsonl`` file that start in bytes ``[start, end)``.

    ``start`` must be the beginning of line ``first_line``; a distributed ingest reads one
    range per task, and line numbers (in error messages and default ids) stay those of the
    whole file. Blank lines are skipped.
    """
    lines = _jsonl_range(path, lang=lang, max_bytes=max_bytes, start=start, end=end, first_line=first_line)
    return guarded(path, lines)


def _jsonl_range(
    path: Path,
    *,
    lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    start: int = 0,
    end: int | None = None,
    first_line: int = 1,
) -> Iterator[Document | SourceError]:
    with path.open("rb") as fh:
        fh.seek(start)
        for lineno, line, offset, size in _bounded_lines(fh, max_bytes):
            if end is not None and start + offset >= end:
                return
            lineno += first_line - 1
            offset += start
            source = f"{path}:{lineno}"
            if line is None:
                yield too_large(source, size, max_bytes)
                continue
            if not line.strip():
                continue
            try:
                text = decode(line, source, base_offset=offset).rstrip("\r\n")
                yield _record_to_document(
                    _parse_json_line(text, source),
                    source=source,
                    default_id=f"{path.stem}:{lineno}",
                    lang=lang,
                    raw=text,
                )
            except SourceError as exc:
                yield exc


def _parse_json_line(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedDocument(
            source,
            f"invalid JSON at column {exc.colno}: {exc.msg}",
            "each line of a .jsonl file must be one complete JSON object",
        ) from None


def _bounded_lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int, int]]:
    """Yield ``(line number, line, byte offset, size)``, holding at most ``max_bytes`` + 1 bytes.

    A line longer than ``max_bytes`` (not counting its newline) is consumed in chunks
    and yielded with ``line=None``.
    """
    lineno = offset = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        size = len(line)
        if len(line.rstrip(b"\r\n")) <= max_bytes:
            yield lineno, line, offset, size
        else:
            while not line.endswith(b"\n"):
                line = fh.readline(_CHUNK)
                if not line:
                    break
                size += len(line)
            yield lineno, None, offset, size
        offset += size


def _record_to_document(record: Any, *, source: str, default_id: str, lang: str | None, raw: str) -> Document:
    if not isinstance(record, dict):
        raise MalformedDocument(
            source, f"JSON is {json_type(record)}, not a document object", 'expected {"text": "...", ...}'
        )
    if "text" not in record:
        keys = ", ".join(sorted(record)) or "none"
        raise MalformedDocument(
            source, f"missing 'text' (keys: {keys})", "each document needs a 'text' string: the article body"
        )
    text = record["text"]
    if not isinstance(text, str):
        raise MalformedDocument(
            source,
            f"'text' is {json_type(text)}, not a string",
            "put the article body in 'text' as one string",
        )
    if not text.strip():
        raise MalformedDocument(source, "'text' is empty", "remove the record, or add the document text")

    doc_id = record.get("id")
    if doc_id is None or doc_id == "":
        doc_id = default_id
    elif isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        raise MalformedDocument(source, f"'id' is {json_type(doc_id)}", "use a string or integer id, or leave it out")

    outlet = record.get("outlet")
    if outlet is None:
        outlet = record.get("source")
    return Document(
        id=str(doc_id),
        text=text,
        published=_parse_published(record.get("published"), source),
        lang=_optional_str(record, "lang", source) or lang,
        title=_optional_str(record, "title", source) or "",
        url=_optional_str(record, "url", source),
        outlet=_check_str(outlet, "outlet", source),
        source=source,
        raw=raw,
    )


def _parse_published(value: Any, source: str) -> date | None:
    """``YYYY-MM-DD`` or an ISO 8601 datetime (its calendar date as written), or null."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise MalformedDocument(
        source,
        f"invalid 'published' value {json.dumps(value, ensure_ascii=False)[:60]}",
        "use YYYY-MM-DD or an ISO 8601 datetime such as 2024-01-28T14:05:00Z, or null",
    )


def _optional_str(record: dict[str, Any], key: str, source: str) -> str | None:
    return _check_str(record.get(key), key, source)


def _check_str(value: Any, key: str, source: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise MalformedDocument(source, f"'{key}' is {json_type(value)}, not a string", f"make '{key}' a string or null")
