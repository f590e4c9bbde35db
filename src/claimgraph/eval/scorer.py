"""Score extracted events and memberships against gold annotations.

This implements the dev-set scoring rules (``devset/README.md``, "Scoring
rules") and gives the same figures as the dev set's reference ``score.py``:

* **Event match**: same document; dates within 1 day (7 days when the gold
  precision is ``week``; the same year-month when either side is a month);
  places within 30 km when both have coordinates, otherwise the same normalised
  name (or, for country-only gold, the same country); in *strict* mode also the
  same ``sub_event_type``. Matching is greedy and one-to-one, gold events in
  file order, each taking the first unused prediction that agrees.
* **Field accuracy** over the lenient matches (see :func:`check_fields`).
* **Memberships**: precision / recall / F1 on normalised (member, umbrella) pairs.

Reading the inputs (``records.py``: JSON -> typed records, ``SourceError`` with
``path:line`` on anything malformed) and scoring them (this module) are separate.

Usage::

    from claimgraph.eval import score, format_report
    print(format_report(score(Path("devset/gold"), Path("pred.jsonl"))))
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from claimgraph.eval.normalize import STATE_ACTORS
from claimgraph.eval.records import Place, ScoredDocument, ScoredEvent, read_gold, read_predictions

#: Two places with coordinates match when at most this far apart.
MAX_KM = 30.0
#: Two day-precision dates match when at most this many days apart.
MAX_DAYS = 1
#: ... and this many when the gold date has week precision.
MAX_DAYS_WEEK = 7
EARTH_RADIUS_KM = 6371.0

# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, predictions and gold items, with P / R / F1."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.pred + other.pred, self.gold + other.gold)

    @property
    def precision(self) -> float:
        if self.pred:
            return self.tp / self.pred
        return 1.0 if self.gold == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.gold:
            return self.tp / self.gold
        return 1.0 if self.pred == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.tp,
            "pred": self.pred,
            "gold": self.gold,
        }


@dataclass(frozen=True, slots=True)
class FieldTally:
    """How many matched pairs agree on one field."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> FieldTally:
        return FieldTally(self.correct + int(ok), self.total + 1)

    @property
    def accuracy(self) -> float | None:
        return round(self.correct / self.total, 3) if self.total else None


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold event nobody matched, or a prediction that matched nothing."""

    doc: str
    kind: Literal["missed", "spurious"]
    event: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "kind": self.kind, "gold" if self.kind == "missed" else "pred": self.event}


@dataclass(slots=True)
class ScoreResult:
    """Everything :func:`evaluate` measured; ``to_dict`` is score.py's JSON shape."""

    events_strict: Counts = Counts()
    events_lenient: Counts = Counts()
    fields: dict[str, FieldTally] = field(default_factory=dict)
    memberships: Counts = Counts()
    misses: list[Miss] | None = None

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "events_strict": self.events_strict.to_dict(),
            "events_lenient": self.events_lenient.to_dict(),
            "field_accuracy": {k: v.accuracy for k, v in sorted(self.fields.items())},
            "memberships": self.memberships.to_dict(),
        }
        if self.misses is not None:
            result["misses"] = [m.to_dict() for m in self.misses]
        return result


# --------------------------------------------------------------------------- rules


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def dates_agree(gold: ScoredEvent, pred: ScoredEvent) -> bool:
    """Within 1 day; 7 when gold is a week; same year-month when either is a month."""
    if gold.date is None or pred.date is None:
        return False
    if gold.date.is_month or pred.date.is_month or gold.precision == "month":
        return (gold.date.value.year, gold.date.value.month) == (pred.date.value.year, pred.date.value.month)
    tolerance = MAX_DAYS_WEEK if gold.precision == "week" else MAX_DAYS
    return abs((gold.date.value - pred.date.value).days) <= tolerance


def places_agree(gold: Place, pred: Place) -> bool:
    """Within 30 km if both have coordinates; else same name; else (country-only gold) same country."""
    if gold.lat is not None and pred.lat is not None:
        return haversine_km(gold.lat, gold.lon, pred.lat, pred.lon) <= MAX_KM  # type: ignore[arg-type]
    if pred.name_keys & gold.name_keys:
        return True
    if gold.lat is None and gold.country:
        return pred.country == gold.country
    return False


def types_agree(gold: ScoredEvent, pred: ScoredEvent) -> bool:
    return gold.sub_event_type == pred.sub_event_type


def events_agree(gold: ScoredEvent, pred: ScoredEvent, strict: bool) -> bool:
    return dates_agree(gold, pred) and places_agree(gold.place, pred.place) and (not strict or types_agree(gold, pred))


def match_events(gold: tuple[ScoredEvent, ...], pred: tuple[ScoredEvent, ...], strict: bool) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: each gold event, in order, takes the first free agreeing prediction."""
    pairs: list[tuple[int, int]] = []
    taken: set[int] = set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in taken and events_agree(g, p, strict):
                pairs.append((gi, pi))
                taken.add(pi)
                break
    return pairs


def check_fields(gold: ScoredEvent, pred: ScoredEvent) -> dict[str, bool]:
    """Per-field agreement of a matched pair.

    ``actor``: one shared actor (or both empty); ``claimed_by``: the same set of
    non-state claimants; ``weapons``: the same set, ``unknown`` ignored;
    casualties: the same value, ``null`` only matching ``null``.
    """
    return {
        "actor": bool(gold.actors & pred.actors) if gold.actors else not pred.actors,
        "claimed_by": gold.claimed_by - STATE_ACTORS == pred.claimed_by - STATE_ACTORS,
        "weapons": gold.weapons == pred.weapons,
        "target": gold.target == pred.target,
        "fatalities": gold.fatalities == pred.fatalities,
        "injuries": gold.injuries == pred.injuries,
        "sub_event_type": types_agree(gold, pred),
    }


# --------------------------------------------------------------------------- scoring


def score_document(gold: ScoredDocument, pred: ScoredDocument | None, result: ScoreResult) -> None:
    """Add one document's counts (and misses, if collected) to ``result``."""
    pred_events = pred.events if pred else ()
    pred_members = pred.memberships if pred else frozenset()
    n_pred, n_gold = len(pred_events), len(gold.events)

    strict = match_events(gold.events, pred_events, strict=True)
    result.events_strict += Counts(len(strict), n_pred, n_gold)

    lenient = match_events(gold.events, pred_events, strict=False)
    result.events_lenient += Counts(len(lenient), n_pred, n_gold)
    for gi, pi in lenient:
        for name, ok in check_fields(gold.events[gi], pred_events[pi]).items():
            result.fields[name] = result.fields.get(name, FieldTally()).add(ok)

    if result.misses is not None:
        matched_gold = {gi for gi, _ in lenient}
        matched_pred = {pi for _, pi in lenient}
        result.misses.extend(
            Miss(gold.doc_id, "missed", e.summary) for i, e in enumerate(gold.events) if i not in matched_gold
        )
        result.misses.extend(
            Miss(gold.doc_id, "spurious", e.summary) for i, e in enumerate(pred_events) if i not in matched_pred
        )

    result.memberships += Counts(len(gold.memberships & pred_members), len(pred_members), len(gold.memberships))


def evaluate(gold_dir: Path, pred_path: Path, show_misses: bool = False) -> ScoreResult:
    """Score ``pred_path`` (JSON Lines) against ``gold_dir`` (one ``<doc_id>.json`` per document).

    Only documents with a gold file are scored; a gold document without a
    prediction line counts as predicting nothing.
    """
    gold_docs = read_gold(Path(gold_dir))
    predictions = read_predictions(Path(pred_path))
    result = ScoreResult(misses=[] if show_misses else None)
    for gold in gold_docs:
        score_document(gold, predictions.get(gold.doc_id), result)
    return result


def score(gold_dir: Path, pred_path: Path, show_misses: bool = False) -> dict[str, Any]:
    """The dev-set scores as a dict shaped like ``score.py --json`` output.

    Keys: ``events_strict``, ``events_lenient``, ``memberships`` (each
    precision / recall / f1 / tp / pred / gold), ``field_accuracy`` (field ->
    accuracy over lenient matches, or None) and, with ``show_misses``,
    ``misses``.
    """
    return evaluate(gold_dir, pred_path, show_misses).to_dict()


def format_report(result: dict[str, Any], per_field: bool = False) -> str:
    """The text report ``score.py`` prints; ``per_field`` adds one line per field."""
    lines = []
    for key in ("events_strict", "events_lenient", "memberships"):
        r = result[key]
        lines.append(
            f"{key:15s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}"
            f"  (tp={r['tp']} pred={r['pred']} gold={r['gold']})"
        )
    accuracy = result["field_accuracy"]
    lines.append("field accuracy on matched events: " + ", ".join(f"{k}={v}" for k, v in accuracy.items()))
    if per_field:
        matched = result["events_lenient"]["tp"]
        for name, value in accuracy.items():
            shown = "   n/a" if value is None else f"{value:6.3f}"
            lines.append(f"  {name:15s} {shown}  (over {matched} matched events)")
    for miss in result.get("misses") or []:
        lines.append(json.dumps(miss, ensure_ascii=False))
    return "\n".join(lines)
