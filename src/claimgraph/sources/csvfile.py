"""Read CSV files of articles (``.csv``): a header row, then one article per row.

A column mapping says which column holds each claimgraph field, e.g.
``{"text": "body", "published": "date", "title": "headline"}``; a field left out is read
from the column of its own name when there is one (``text``, ``published``, ``title``,
``url``, ``outlet``, ``id``, ``lang``). Only ``text`` is required. Rows are streamed (the
file is never loaded whole); commas separate fields unless the header line is clearly
separated by semicolons or tabs. ``published`` accepts ``YYYY-MM-DD``, ISO 8601 datetimes
(``2024-01-28T10:00:00Z``) and RFC 822 dates; its date as written is kept. A row without
an ``id`` gets ``<stem>:<LINE>``; ``raw`` is the row as a JSON object keyed by column.

Failures: a row without text or with an unparseable date is one ``MalformedDocument``
naming ``path:LINE`` (the row's first line) and the other rows are still read; a mapped
column missing from the header is one ``SourceError`` for the file listing the columns
there are; an empty file, a file without rows, text that is not UTF-8 or broken CSV quoting
end the file with one error.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from claimgraph.errors import MalformedDocument, SourceError, UsageError
from claimgraph.models import Document
from claimgraph.sources.common import DEFAULT_MAX_BYTES, check_size, decode, guarded, parse_date

FIELDS = ("text", "published", "title", "url", "outlet", "id", "lang")
EXAMPLE = "--csv-columns text=body,published=date,title=headline"
_MAPPING_HINT = f"map the fields to your columns with --csv-columns, e.g. {EXAMPLE}"
_ROW_HINT = "the row is left out and the others are read"


def parse_column_spec(spec: str) -> dict[str, str]:
    """``"text=body,published=date"`` -> ``{"text": "body", "published": "date"}``; ``UsageError`` if malformed."""
    mapping: dict[str, str] = {}
    for pair in spec.split(","):
        if not pair.strip():
            continue
        field, sep, column = (part.strip() for part in pair.partition("="))
        if not sep or not field or not column:
            raise _spec_error(spec, f"{pair.strip()!r} is not FIELD=COLUMN")
        if field in mapping:
            raise _spec_error(spec, f"field {field!r} is mapped twice")
        mapping[field] = column
    if not mapping:
        raise _spec_error(spec, "no FIELD=COLUMN pair")
    check_columns(mapping)
    return mapping


def check_columns(columns: Mapping[str, str]) -> None:
    """``UsageError`` unless every key is a claimgraph field and every value a column name."""
    for field, column in columns.items():
        if field not in FIELDS:
            raise UsageError(f"unknown CSV field {field!r}: the fields are {', '.join(FIELDS)} (e.g. {EXAMPLE})")
        if not isinstance(column, str) or not column.strip():
            raise UsageError(f"CSV field {field!r} needs a column name (e.g. {EXAMPLE})")


def _spec_error(spec: str, problem: str) -> UsageError:
    return UsageError(
        f"--csv-columns {spec!r}: {problem}; write FIELD=COLUMN pairs separated by commas, e.g. {EXAMPLE} "
        f"(fields: {', '.join(FIELDS)})"
    )


def iter_csv(
    path: Path,
    *,
    lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Document | SourceError]:
    """Yield a ``Document`` per row of the CSV file at ``path``, or a ``SourceError`` per bad row
    (and one for a file that cannot be read at all)."""
    check_columns(columns or {})
    return guarded(path, _read(path, lang=lang, max_bytes=max_bytes, columns=dict(columns or {})))


def _read(path: Path, *, lang: str | None, max_bytes: int, columns: dict[str, str]) -> Iterator[Document | SourceError]:
    check_size(path, max_bytes)
    mapping = {field: columns.get(field, field) for field in FIELDS}
    required = {"text", *columns}
    with path.open("rb") as fh:
        lines = _decoded_lines(fh, path)
        first = next(lines, "")
        if not first.strip():
            raise MalformedDocument(path, "no header row: the first line is blank", _MAPPING_HINT)
        reader = csv.reader(itertools.chain([first], lines), delimiter=_delimiter(first))
        previous_limit = csv.field_size_limit(max_bytes)  # the default (128 KiB) is shorter than many articles
        try:
            names = [name.strip() for name in next(reader)]
            position = {}
            for i, name in enumerate(names):
                position.setdefault(name, i)
            missing = [field for field in FIELDS if field in required and mapping[field] not in position]
            if missing:
                wanted = ", ".join(f"{mapping[f]!r} (for {f})" for f in missing)
                shown = ", ".join(repr(n) for n in names) or "none"
                raise SourceError(path, f"no column {wanted}; the columns are: {shown}", _MAPPING_HINT)
            where = {field: position[column] for field, column in mapping.items() if column in position}
            rows = 0
            consumed = reader.line_num
            for row in reader:
                line, consumed = consumed + 1, reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                rows += 1
                try:
                    yield _row_document(path, line, row, names, where, mapping, lang)
                except SourceError as exc:
                    yield exc
            if not rows:
                raise MalformedDocument(path, "no rows after the header", "add one article per row")
        except csv.Error as exc:
            raise MalformedDocument(
                f"{path}:{reader.line_num}",
                f"broken CSV: {exc}",
                "check the quoting of that row; fields are read up to it",
            ) from None
        finally:
            csv.field_size_limit(previous_limit)


def _decoded_lines(fh: BinaryIO, path: Path) -> Iterator[str]:
    """The file's lines as UTF-8 text; an undecodable line raises, naming its line and byte offset."""
    offset = 0
    for lineno, raw in enumerate(fh, 1):
        yield decode(raw, f"{path}:{lineno}", base_offset=offset)
        offset += len(raw)


def _delimiter(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] > counts[","] else ","


def _row_document(
    path: Path,
    line: int,
    row: list[str],
    names: list[str],
    where: dict[str, int],
    mapping: dict[str, str],
    lang: str | None,
) -> Document:
    source = f"{path}:{line}"

    def value(field: str) -> str:
        i = where.get(field)
        return row[i] if i is not None and i < len(row) else ""

    text = value("text")
    if not text.strip():
        raise MalformedDocument(source, f"no text in column {mapping['text']!r}", _ROW_HINT)
    published_text = value("published").strip()
    published = parse_date(published_text) if published_text else None
    if published_text and published is None:
        raise MalformedDocument(
            source,
            f"invalid date {published_text[:40]!r} in column {mapping['published']!r}",
            f"use YYYY-MM-DD or an ISO 8601 datetime such as 2024-01-28T10:00:00Z; {_ROW_HINT}",
        )
    record = dict(zip(names, row, strict=False))
    return Document(
        id=value("id").strip() or f"{path.stem}:{line}",
        text=text,
        published=published,
        lang=value("lang").strip().lower() or lang,
        title=" ".join(value("title").split()),
        url=value("url").strip() or None,
        outlet=value("outlet").strip() or None,
        source=source,
        raw=json.dumps(record, ensure_ascii=False),
    )
