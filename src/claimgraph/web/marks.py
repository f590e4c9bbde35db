"""Text from sources cut into plain-text parts for the templates (never HTML): a sentence with its
evidence spans marked, a document with its mentions marked by kind.

Offsets are those the store keeps: Python string indexes (code points) into the document's text,
so they hold in every script — Arabic, combining marks, emoji outside the BMP — and the marked
part is exactly ``text[start:end]``. The browser never recomputes an offset.
"""

from __future__ import annotations

from collections.abc import Sequence


def marked(sentence: str, offset: int, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``sentence`` (which starts at ``offset`` in its document) as (text, highlighted) parts,
    every span of ``spans`` (document offsets) highlighted; spans outside the sentence are clipped."""
    cuts = sorted(
        (max(0, start - offset), min(len(sentence), end - offset))
        for start, end in spans
        if end - offset > 0 and start - offset < len(sentence) and start < end
    )
    merged: list[list[int]] = []
    for start, end in cuts:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts: list[tuple[str, bool]] = []
    pos = 0
    for start, end in merged:
        parts += [(sentence[pos:start], False), (sentence[start:end], True)]
        pos = end
    parts.append((sentence[pos:], False))
    return [p for p in parts if p[0]]


#: Mention kind -> (css class, legend label); one colour per kind.
KINDS = {
    "actor": ("hl-actor", "actor"),
    "place": ("hl-place", "place"),
    "date": ("hl-date", "date"),
    "weapons": ("hl-weapon", "weapon"),
    "casualties": ("hl-casualty", "casualties"),
}


def highlighted(text: str, spans: Sequence[tuple[int, int, str, str]]) -> list[tuple[str, str, str]]:
    """(text, css class, title) parts of a document; overlapping spans: the first (earliest,
    longest) wins. A span whose kind has no class of its own is shown as an actor."""
    parts: list[tuple[str, str, str]] = []
    pos = 0
    for start, end, kind, name in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos or start >= end or end > len(text):
            continue
        parts.append((text[pos:start], "", ""))
        label = KINDS.get(kind, KINDS["actor"])[1]
        parts.append((text[start:end], KINDS.get(kind, KINDS["actor"])[0], f"{label}: {name}"))
        pos = end
    parts.append((text[pos:], "", ""))
    return [p for p in parts if p[0]]
