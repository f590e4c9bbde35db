"""Long texts read in bounded windows, so that extraction costs time in proportion to length.

A document longer than ``WINDOW_CHARS`` (a transcript, a PDF's text, a hostile post) is cut at
paragraph breaks (else sentence ends, else anywhere) into windows of at most that many characters;
each is read as a document of its own and the records are joined with their offsets moved back onto
the whole text. Events of the same date and place read in two windows are one event (their ids are
content ids), memberships and proposed actors are kept once. News reports are far shorter than a
window and are read in one piece, exactly as before.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any

from claimgraph.models import DocumentExtraction, Note

WINDOW_CHARS = 20_000

_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE = re.compile(r"[.!?؟。]\s+")


def windows(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """(start, end) of the windows of ``text``: every window at most ``size`` characters."""
    spans, start = [], 0
    while len(text) - start > size:
        limit = start + size
        cut = _last_break(_PARAGRAPH, text, start + size // 2, limit) or _last_break(
            _SENTENCE, text, start + size // 2, limit
        )
        end = cut or limit
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _last_break(pattern: re.Pattern, text: str, lo: int, hi: int) -> int | None:
    found = None
    for m in pattern.finditer(text, lo, hi):
        found = m.end()
    return found


def rewrite_spans(obj: Any, changes) -> Any:
    """``obj`` with every record that quotes a span of the text rewritten: ``changes(record)`` gives the
    fields to change (or nothing). Lists and mutable records change in place; frozen ones (``Evidence``)
    are replaced. The one walk over an extraction's records, for offsets and for quoted text alike."""
    if isinstance(obj, list):
        obj[:] = [rewrite_spans(x, changes) for x in obj]
        return obj
    if not is_dataclass(obj):
        return obj
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, list) or is_dataclass(value):
            new = rewrite_spans(value, changes)
            if new is not value:
                setattr(obj, f.name, new)
    changed = changes(obj)
    if not changed:
        return obj
    if obj.__dataclass_params__.frozen:
        return replace(obj, **changed)
    for name, value in changed.items():
        setattr(obj, name, value)
    return obj


def shift(obj: Any, by: int) -> Any:
    """``obj`` with every character offset (``start``/``end`` ints of its records) moved ``by`` characters;
    negative offsets ("no span") stay."""

    def moved(record) -> dict[str, int]:
        return {
            name: getattr(record, name) + by
            for name in ("start", "end")
            if type(getattr(record, name, None)) is int and getattr(record, name) >= 0
        }

    return rewrite_spans(obj, moved)


def join(parts: list[tuple[int, DocumentExtraction]], whole: DocumentExtraction) -> DocumentExtraction:
    """The records of the windows (each with its start in the text) as one record of the whole text."""
    seen_events: set[str] = set()
    seen_members: set[tuple] = set()
    seen_actors: set[str] = set()
    seen_developments: set[str] = set()
    seen_notes: set[tuple[str, str]] = set()
    for start, part in parts:
        shift(part, start)
        whole.lang = whole.lang or part.lang
        for e in part.events:
            if e.id not in seen_events:
                seen_events.add(e.id)
                whole.events.append(e)
        for m in part.memberships:
            key = (m.member_id or m.member, m.umbrella_id or m.umbrella, m.relation)
            if key not in seen_members:
                seen_members.add(key)
                whole.memberships.append(m)
        for d in part.developments:
            if d.id not in seen_developments:
                seen_developments.add(d.id)
                whole.developments.append(d)
        for a in part.new_actors:
            if a.name not in seen_actors:
                seen_actors.add(a.name)
                whole.new_actors.append(a)
        whole.mentions.extend(part.mentions)
        for n in part.notes:
            if (n.kind, n.message) not in seen_notes:
                seen_notes.add((n.kind, n.message))
                whole.notes.append(n)
    whole.notes.append(
        Note(
            "windowed",
            f"a long text ({len(parts)} windows of at most {WINDOW_CHARS:,} characters) read window by window",
        )
    )
    return whole
