"""Scoring strategic developments against gold: precision and recall, overall and per language.

A gold development (``developments`` in a gold file: ``actor``, ``kind``, ``date``, ``date_precision``)
matches a predicted one (``developments`` in ``claimgraph extract``'s JSON Lines) of the same document
when the actor names normalise alike (``eval.normalize.normalize_name``), the kinds are equal, and the
dates agree: within ``tolerance_days`` (3 by default) of each other, within 7 days when either is a
week, the same month when either is a month (a month in gold, "late last month" in the text). Each
gold and each predicted development is matched at most once (greedily, the closest dates first).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from claimgraph.errors import UsageError
from claimgraph.eval.normalize import normalize_name

DEFAULT_TOLERANCE_DAYS = 3


@dataclass(frozen=True, slots=True)
class ScoredDevelopment:
    doc_id: str
    actor: str  # normalised
    kind: str
    day: date | None
    precision: str  # day | week | month | year


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    misses: list[ScoredDevelopment] = field(default_factory=list)
    false_alarms: list[ScoredDevelopment] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def parse_date(value: Any, precision: str | None) -> tuple[date | None, str]:
    """``"2024-01-30"`` (day, or the given precision), ``"2024-01"`` (month), ``"2024"`` (year)."""
    if not isinstance(value, str) or not value:
        return None, precision or "day"
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 1, 1), "year"
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1), "month"
        return date.fromisoformat(value[:10]), precision or "day"
    except ValueError:
        return None, precision or "day"


def dates_agree(gold: ScoredDevelopment, pred: ScoredDevelopment, tolerance_days: int) -> bool:
    if gold.day is None or pred.day is None:
        return False
    precisions = {gold.precision, pred.precision}
    if "year" in precisions:
        return gold.day.year == pred.day.year
    if "month" in precisions:
        return (gold.day.year, gold.day.month) == (pred.day.year, pred.day.month)
    tolerance = max(tolerance_days, 7) if "week" in precisions else tolerance_days
    return abs((gold.day - pred.day).days) <= tolerance


def developments_of(doc_id: str, records: Iterable[dict[str, Any]]) -> list[ScoredDevelopment]:
    out = []
    for r in records:
        day, precision = parse_date(r.get("date"), r.get("date_precision"))
        out.append(ScoredDevelopment(doc_id, normalize_name(r.get("actor")), str(r.get("kind", "")), day, precision))
    return out


def match(gold: list[ScoredDevelopment], pred: list[ScoredDevelopment], tolerance_days: int) -> list[tuple[int, int]]:
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g.actor == p.actor and g.kind == p.kind and dates_agree(g, p, tolerance_days):
                gap = abs((g.day - p.day).days) if g.day and p.day else 0
                pairs.append((gap, i, j))
    used_g, used_p, out = set(), set(), []
    for _, i, j in sorted(pairs):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def score_developments(
    gold_dir: Path, predictions: Path, langs: dict[str, str], tolerance_days: int = DEFAULT_TOLERANCE_DAYS
) -> dict[str, Tally]:
    """Tallies overall (``"all"``) and per language (``langs``: doc id -> language) for one set."""
    if not gold_dir.is_dir():
        raise UsageError(f"{gold_dir}: no such gold folder")
    predicted: dict[str, list[dict[str, Any]]] = {}
    for n, line in enumerate(predictions.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise UsageError(f"{predictions}:{n}: not JSON ({e})") from None
            predicted[record["doc_id"]] = record.get("developments", [])
    tallies: dict[str, Tally] = {"all": Tally()}
    for path in sorted(gold_dir.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        doc_id = record.get("id") or path.stem
        if doc_id not in predicted:
            continue  # a text not retrieved: scored on the documents there are
        gold = developments_of(doc_id, record.get("developments", []))
        pred = developments_of(doc_id, predicted[doc_id])
        pairs = match(gold, pred, tolerance_days)
        for key in ("all", langs.get(doc_id, "?")):
            t = tallies.setdefault(key, Tally())
            t.gold += len(gold)
            t.predicted += len(pred)
            t.matched += len(pairs)
            t.misses += [g for i, g in enumerate(gold) if i not in {a for a, _ in pairs}]
            t.false_alarms += [p for j, p in enumerate(pred) if j not in {b for _, b in pairs}]
    return tallies
