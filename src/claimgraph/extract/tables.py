"""Trackers' tables: a row's cells read under the columns its header names.

A tracker logs incidents as rows under a header ("Date | Location | Method | Claimed by | Outcome", "| التاريخ |
الموقع | الوسيلة | الجهة (تبنٍّ / إسناد) |"). Prose rules read a row as one run-on sentence and give its actors roles by
the words around them, which a row lacks: "| IRI |" in the claim column is the claimant, a name in the target column
is the target, and "CENTCOM later said" in the outcome column is no party at all. ``row_cells`` finds the header of
the row a unit lies on and says which cell holds each actor mention, by the column's role (pack cues
``column_target``, ``column_claim``, ``column_actor``, read on the header's cells; ``cell_attributed`` and
``cell_claimed`` on a mixed "Claim / attribution" column's cells).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from claimgraph.extract import cues
from claimgraph.nlp.pipeline import Mention

_RULE = re.compile(r"[\s|:+=_\-–—]*")  # a header's underline: "|---|---|", "-----"
_NONE = re.compile(
    r"[\s\-–—/.]*|(?i:none|no claim|unclaimed|not claimed|n/a|no|aucune?|non revendiqué|لا|لا يوجد)\b.*", re.S
)
# what a claim cell may hold beside its names and still be a bare list of them ("IRI (claimed)", "A / B", "(تبنٍّ)")
_MARKERS = re.compile(r"(?i:\b(?:and|et|or|ou|claimed|claim|attributed|revendiqué)\b)|[\W\d_]|و|تبن\S*|إسناد|اسناد")


@dataclass(slots=True)
class RowRoles:
    """The actor mentions of one table row by the role of the column they stand in."""

    claim_column: bool = False  # the header names a claim column
    claimants: list[Mention] = field(default_factory=list)
    perpetrators: list[Mention] = field(default_factory=list)
    attributed: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    elsewhere: list[Mention] = field(default_factory=list)  # in a column of no role (outcome, notes, method)
    claim_cell: tuple[int, int] | None = None  # document offsets of the claim cell's text
    prose_cell: tuple[int, int] | None = None  # a claim cell written as a phrase ("Acknowledged by the Pentagon; ...")
    prose_mentions: list[Mention] = field(default_factory=list)  # its actor mentions, for the prose rules


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a table line, within the line, without its outer pipes."""
    spans, start = [], 0
    for m in re.finditer(r"\|", line):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(line)))
    if line[: spans[0][1]].strip() == "":
        spans = spans[1:]
    if spans and line[spans[-1][0] :].strip() == "":
        spans = spans[:-1]
    return spans


def _role(cell: str) -> str:
    for role in ("target", "claim", "actor"):
        if cues.shared(f"column_{role}").search(cell):
            return role
    return ""


@lru_cache(maxsize=4)
def _headers(text: str) -> dict[int, tuple[str, ...]]:
    """{a table row's line start: the roles of its header's columns} for the rows under a header that names a role."""
    out: dict[int, tuple[str, ...]] = {}
    header: tuple[str, ...] | None = None
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        if body.count("|") >= 2 and not _RULE.fullmatch(body):
            if header is not None and len(_cells(body)) == len(header):
                out[pos] = header
            else:
                roles = tuple(_role(body[a:b]) for a, b in _cells(body))
                header = roles if any(r in ("claim", "actor", "target") for r in roles) else None
        elif not _RULE.fullmatch(body):
            header = None  # a line of prose ends the table ("-----" under a header does not)
        pos += len(line)
    return out


def row_cells(text: str, start: int, end: int, mentions: list[Mention]) -> RowRoles | None:
    """The roles of the actor mentions of the unit at ``start``-``end`` of ``text`` when it lies on one row of a
    table whose header names a claim, actor or target column; None otherwise."""
    if "|" not in text[start:end]:
        return None
    line_start = text.rfind("\n", 0, start) + 1
    header = _headers(text).get(line_start)
    if header is None:
        return None
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if end > line_end + 1:
        return None
    line = text[line_start:line_end]
    out = RowRoles(claim_column="claim" in header)
    for (a, b), role in zip(_cells(line), header, strict=True):
        lo, hi = line_start + a, line_start + b
        here = [m for m in mentions if m.label == "ACTOR" and lo <= m.start < hi]
        cell = line[a:b]
        if role == "claim":
            out.claim_cell = (lo, hi)
            if _NONE.fullmatch(cell.strip()):
                out.elsewhere += here  # "None; U.S. officials point to Iran-backed militias": no claim
                continue
            rest = cell
            for m in sorted(here, key=lambda m: -m.start):
                rest = rest[: m.start - lo] + rest[m.end - lo :]
            if len(_MARKERS.sub("", rest)) > 12:
                out.prose_cell, out.prose_mentions = (lo, hi), here  # the prose rules read a phrase
                continue
            if cues.shared("cell_attributed").search(cell) and not cues.shared("cell_claimed").search(cell):
                out.attributed += here  # "attributed to KH by U.S. officials", "(إسناد)"
            else:
                out.claimants += here
                out.perpetrators += here
        elif role == "actor":
            out.perpetrators += here
        elif role == "target":
            out.targets += here
        else:
            out.elsewhere += here
    return out
