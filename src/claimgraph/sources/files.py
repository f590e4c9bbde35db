"""Read documents from local files: ``.txt``, ``.json``, ``.jsonl`` and directories of them.

``iter_documents`` yields a ``Document`` for every readable document and a
``SourceError`` (yielded, not raised) for every input it cannot use, so callers
record the failure and carry on with the rest::

    for item in iter_documents(["reports/"]):
        if isinstance(item, SourceError):
            failures.append(item)
        else:
            handle(item)

Formats:

- ``.txt``: the whole file is the text (UTF-8); id = file stem; no publication date.
- ``.json``: one document object ``{"id", "title", "published", "url", "lang", "text",
  "outlet" | "source"}``; only ``text`` is required; unknown keys are ignored.
- ``.jsonl``: one such object per line, streamed line by line; errors name ``path:LINE``;
  a record without an ``id`` gets ``<stem>:<LINE>``.
- directories: read recursively in sorted order; hidden entries are skipped, and so are
  files of other types (appended to ``skipped`` when the caller passes a list).

Size limits are checked before reading: with ``stat()`` for ``.txt``/``.json``, and per
line for ``.jsonl`` (a longer line is never held in memory whole).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from claimgraph.errors import InputTooLarge, MalformedDocument, SourceError, UnsupportedFormat
from claimgraph.models import Document

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".json", ".jsonl")

_CHUNK = 1024 * 1024
_RECODE_HINT = (
    "claimgraph reads UTF-8; re-encode the file, e.g. "
    "`iconv -f WINDOWS-1256 -t UTF-8 FILE > FILE.utf8` (use the file's real encoding, "
    "e.g. WINDOWS-1252 or ISO-8859-1)"
)
_BINARY_HINT = "claimgraph reads UTF-8 text, .json and .jsonl; convert the document to text first"
_FORMATS_HINT = "claimgraph reads .txt, .json (one document) and .jsonl (one document per line)"
_SIZE_HINT = "split it into smaller files, or raise the limit with --max-bytes"


def iter_documents(
    paths: Iterable[str | Path],
    *,
    lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skipped: list[Path] | None = None,
) -> Iterator[Document | SourceError]:
    """Yield a ``Document`` or a ``SourceError`` for each document found in ``paths``.

    ``lang`` is the language of documents that do not state one. ``max_bytes`` limits
    each ``.txt``/``.json`` file and each ``.jsonl`` line. Files of unsupported types
    found inside directories are skipped and, if ``skipped`` is a list, appended to it;
    a file of unsupported type named explicitly yields ``UnsupportedFormat``.
    """
    for raw_path in paths:
        path = Path(raw_path)
        if path.is_dir():
            yield from _iter_dir(path, lang=lang, max_bytes=max_bytes, skipped=skipped, seen=set())
        elif path.exists():
            yield from _iter_file(path, lang=lang, max_bytes=max_bytes)
        else:
            yield SourceError(path, "no such file or directory", "check the path and the current directory")


def _iter_dir(
    directory: Path,
    *,
    lang: str | None,
    max_bytes: int,
    skipped: list[Path] | None,
    seen: set[Path],
) -> Iterator[Document | SourceError]:
    real = directory.resolve()
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield SourceError(directory, f"cannot list directory: {exc.strerror or exc}", "check its permissions")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _iter_dir(entry, lang=lang, max_bytes=max_bytes, skipped=skipped, seen=seen)
        elif entry.suffix.lower() in SUPPORTED_SUFFIXES and entry.is_file():
            yield from _iter_file(entry, lang=lang, max_bytes=max_bytes)
        elif skipped is not None:
            skipped.append(entry)


def _iter_file(path: Path, *, lang: str | None, max_bytes: int) -> Iterator[Document | SourceError]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{path.suffix}'" if path.suffix else "a file without extension"
        yield UnsupportedFormat(path, f"unsupported file type {shown}", _FORMATS_HINT)
        return
    if not path.is_file():
        yield UnsupportedFormat(path, "not a regular file", _FORMATS_HINT)
        return
    try:
        if suffix == ".jsonl":
            yield from _iter_jsonl(path, lang=lang, max_bytes=max_bytes)
        else:
            data = _read_bounded(path, max_bytes)
            text = _decode(data, path)
            if suffix == ".txt":
                yield _txt_document(path, text, lang)
            else:
                yield _json_document(path, text, lang)
    except SourceError as exc:
        yield exc
    except OSError as exc:
        yield SourceError(path, f"cannot read file: {exc.strerror or exc}", "check that it exists and is readable")


# -- reading ---------------------------------------------------------------------------------


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; size checked with ``stat()`` before any byte is read."""
    size = path.stat().st_size
    if size > max_bytes:
        raise _too_large(path, size, max_bytes)
    if size == 0:
        raise MalformedDocument(path, "empty file", "remove it, or add the document text")
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)  # the file may have grown since stat()
    if len(data) > max_bytes:
        raise _too_large(path, len(data), max_bytes)
    return data


def _too_large(source: str | Path, size: int, max_bytes: int) -> InputTooLarge:
    return InputTooLarge(source, f"{_size(size)}, over the limit of {_size(max_bytes)}", _SIZE_HINT)


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MiB ({n} bytes)" if n >= 2**17 else f"{n} bytes"


def _decode(data: bytes, source: str | Path, *, base_offset: int = 0) -> str:
    """UTF-8 (a leading BOM is dropped); binary and other encodings get a clear error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormat(
            source, "file is UTF-16, not UTF-8", "re-encode it: `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8`"
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise UnsupportedFormat(source, f"binary data (NUL byte at byte offset {base_offset + nul})", _BINARY_HINT)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex().upper()
        raise UnsupportedFormat(
            source, f"not UTF-8: invalid byte 0x{bad} at byte offset {base_offset + exc.start}", _RECODE_HINT
        ) from None
    return text.removeprefix("\ufeff")


# -- formats ---------------------------------------------------------------------------------


def _txt_document(path: Path, text: str, lang: str | None) -> Document:
    if not text.strip():
        raise MalformedDocument(path, "file holds only whitespace", "remove it, or add the document text")
    return Document(id=path.stem, text=text, lang=lang, source=str(path))


def _json_document(path: Path, text: str, lang: str | None) -> Document:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedDocument(
            path,
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            "check it with `python3 -m json.tool FILE`",
        ) from None
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
    with path.open("rb") as fh:
        for lineno, line, offset, size in _bounded_lines(fh, max_bytes):
            source = f"{path}:{lineno}"
            if line is None:
                records += 1
                yield _too_large(source, size, max_bytes)
                continue
            if not line.strip():
                continue
            records += 1
            try:
                text = _decode(line, source, base_offset=offset).rstrip("\r\n")
                yield _record_to_document(
                    _parse_json_line(text, source),
                    source=source,
                    default_id=f"{path.stem}:{lineno}",
                    lang=lang,
                    raw=text,
                )
            except SourceError as exc:
                yield exc
    if records == 0:
        yield MalformedDocument(path, "no documents: every line is blank", "add one JSON document per line")


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
            source, f"JSON is {_json_type(record)}, not a document object", 'expected {"text": "...", ...}'
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
            f"'text' is {_json_type(text)}, not a string",
            "put the article body in 'text' as one string",
        )
    if not text.strip():
        raise MalformedDocument(source, "'text' is empty", "remove the record, or add the document text")

    doc_id = record.get("id")
    if doc_id is None or doc_id == "":
        doc_id = default_id
    elif isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        raise MalformedDocument(source, f"'id' is {_json_type(doc_id)}", "use a string or integer id, or leave it out")

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
    raise MalformedDocument(source, f"'{key}' is {_json_type(value)}, not a string", f"make '{key}' a string or null")


def _json_type(value: Any) -> str:
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
