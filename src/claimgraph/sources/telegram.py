"""Read Telegram Desktop JSON exports of a channel (``result.json``).

An export is one JSON object ``{"name", "type", "id", "messages": [...]}``; it is recognised
by its content (``looks_like_export``), not by its file name. Every message of type
``"message"`` with text becomes one ``Document`` (``kind="telegram"``): ``channel`` and
``outlet`` = the channel name, ``published`` = the date part of the message's local
``date``, ``ext_id`` (and ``id``) = ``"<channel id>/<message id>"``, ``source`` =
``"<path>#<message id>"``, ``raw`` = the message as JSON, ``title`` = its first line.
A message's ``text`` is a string or a list mixing strings and entity objects
``{"type": "bold" | "link" | "hashtag" | ..., "text": "..."}``, joined in order.

Failures: service messages and messages without text (a photo alone) are skipped silently.
A malformed message (not an object, no integer ``id``, text of a wrong type, a missing or
invalid ``date``) is quarantined: a ``MalformedDocument`` naming ``path#<id>`` (or
``path#[<position>]`` when the id is unusable) is yielded and the other messages are read.
A file that is not an export at all yields one error for the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from claimgraph.errors import MalformedDocument, SourceError
from claimgraph.models import Document
from claimgraph.sources.common import (
    DEFAULT_MAX_BYTES,
    decode,
    first_line,
    guarded,
    json_type,
    load_json,
    read_bounded,
)

EXPORT_HINT = "export the channel as JSON from Telegram Desktop (Export chat history -> JSON)"
_MESSAGE_HINT = "the message is left out and the others are read; check how the export was produced or edited"


def looks_like_export(record: Any) -> bool:
    """True for a JSON object shaped like a Telegram export (``messages`` plus ``name``/``type``)."""
    return (
        isinstance(record, dict) and "messages" in record and ("name" in record or "type" in record)
    ) and "text" not in record


def iter_telegram(
    path: Path, *, lang: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | SourceError]:
    """Yield a ``Document`` per text message of the export at ``path``, or a ``SourceError``."""
    return guarded(path, _read(path, lang=lang, max_bytes=max_bytes))


def _read(path: Path, *, lang: str | None, max_bytes: int) -> Iterator[Document | SourceError]:
    record = load_json(decode(read_bounded(path, max_bytes), path), path)
    if not isinstance(record, dict) or "messages" not in record:
        shown = "keys: " + (", ".join(sorted(record)) or "none") if isinstance(record, dict) else json_type(record)
        raise MalformedDocument(path, f"not a Telegram export: no 'messages' list ({shown})", EXPORT_HINT)
    yield from export_documents(path, record, lang=lang)


def export_documents(
    path: Path, export: dict[str, Any], *, lang: str | None = None
) -> Iterator[Document | SourceError]:
    """Documents of an export already parsed from ``path``; malformed messages are yielded as errors."""
    messages = export.get("messages")
    if not isinstance(messages, list):
        raise MalformedDocument(path, "not a Telegram export: 'messages' must be a list", EXPORT_HINT)
    name = export.get("name")
    channel = name.strip() if isinstance(name, str) and name.strip() else None
    channel_id = export.get("id")
    if isinstance(channel_id, bool) or not isinstance(channel_id, (int, str)) or channel_id == "":
        channel_id = channel or path.parent.name or path.stem
    produced = skipped = 0
    for position, message in enumerate(messages, 1):
        try:
            doc = _message_document(path, message, position, channel=channel, channel_id=channel_id, lang=lang)
        except MalformedDocument as exc:
            produced += 1
            yield exc
            continue
        if doc is None:
            skipped += 1
        else:
            produced += 1
            yield doc
    if not produced:
        raise MalformedDocument(
            path,
            f"no text messages in the export ({len(messages)} messages, {skipped} service or without text)",
            "export a channel that has text posts; photos and service messages carry no text to read",
        )


def _message_document(
    path: Path, message: Any, position: int, *, channel: str | None, channel_id: object, lang: str | None
) -> Document | None:
    """The message's Document; ``None`` for a message skipped on purpose; raises if malformed."""
    if not isinstance(message, dict):
        raise MalformedDocument(
            f"{path}#[{position}]", f"message is {json_type(message)}, not an object", _MESSAGE_HINT
        )
    msg_id = message.get("id")
    if isinstance(msg_id, bool) or not isinstance(msg_id, int):
        raise MalformedDocument(
            f"{path}#[{position}]",
            f"message at position {position} has no integer 'id' ({json_type(msg_id)})",
            _MESSAGE_HINT,
        )
    source = f"{path}#{msg_id}"
    kind = message.get("type")
    if not isinstance(kind, str):
        raise MalformedDocument(source, f"'type' is {json_type(kind)}, not a string", _MESSAGE_HINT)
    if kind != "message":  # "service" (pinned, joined, ...) and types newer than this reader
        return None
    text = _message_text(message.get("text", ""), source)
    if not text.strip():  # a photo, sticker or poll alone
        return None
    published = _message_date(message, source)
    forwarded = message.get("forwarded_from")
    if forwarded is not None and not isinstance(forwarded, str):
        raise MalformedDocument(source, f"'forwarded_from' is {json_type(forwarded)}, not a string", _MESSAGE_HINT)
    ext_id = f"{channel_id}/{msg_id}"
    return Document(
        id=ext_id,
        text=text,
        published=published,
        lang=lang,
        title=first_line(text),
        outlet=channel,
        source=source,
        raw=json.dumps(message, ensure_ascii=False),
        ext_id=ext_id,
        channel=channel,
        forwarded_from=forwarded or None,
        kind="telegram",
    )


def _message_text(value: Any, source: str) -> str:
    """A message's text: a string, or the strings and entity texts of a list joined in order."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        raise MalformedDocument(
            source, f"'text' is {json_type(value)}, not a string or a list of text parts", _MESSAGE_HINT
        )
    parts = []
    for i, part in enumerate(value):
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            parts.append(part["text"])
        else:
            raise MalformedDocument(
                source,
                f"part {i} of 'text' is {json_type(part)} without a 'text' string",
                _MESSAGE_HINT,
            )
    return "".join(parts)


def _message_date(message: dict[str, Any], source: str) -> date:
    value = message.get("date")
    if not isinstance(value, str):
        reason = "no 'date'" if value is None else f"'date' is {json_type(value)}, not a string"
        raise MalformedDocument(source, reason, _MESSAGE_HINT)
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        raise MalformedDocument(
            source, f"invalid 'date' {value[:40]!r}: expected e.g. 2024-01-28T20:15:00", _MESSAGE_HINT
        ) from None
