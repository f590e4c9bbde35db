"""The developments scorer: same actor, same kind, dates within a tolerance; per language."""

from __future__ import annotations

import json

from claimgraph.eval.developments import score_developments


def write(tmp_path, gold, predicted):
    g = tmp_path / "gold"
    g.mkdir()
    for doc_id, devs in gold.items():
        (g / f"{doc_id}.json").write_text(json.dumps({"id": doc_id, "developments": devs}), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps({"doc_id": k, "developments": v}) for k, v in predicted.items()) + "\n")
    return g, pred


def test_eval_developments_matches_actor_kind_and_date_within_tolerance(tmp_path):
    gold = {
        "a": [
            {"actor": "Kataib Hezbollah", "kind": "suspension", "date": "2024-01-30", "date_precision": "day"},
            {"actor": "Islamic Resistance in Iraq", "kind": "formation", "date": "2023-10", "date_precision": "month"},
        ],
        "b": [{"actor": "Nujaba", "kind": "threat", "date": "2024-02-03", "date_precision": "day"}],
    }
    predicted = {
        "a": [
            {"actor": "Kata'ib Hizballah", "kind": "suspension", "date": "2024-02-01", "date_precision": "day"},
            {"actor": "Islamic Resistance in Iraq", "kind": "formation", "date": "2023-10-21", "date_precision": "day"},
            {"actor": "Kataib Hezbollah", "kind": "threat", "date": "2024-01-30", "date_precision": "day"},
        ],
        "b": [{"actor": "Nujaba", "kind": "threat", "date": "2024-02-09", "date_precision": "day"}],  # 6 days off
    }
    g, pred = write(tmp_path, gold, predicted)
    t = score_developments(g, pred, {"a": "en", "b": "ar"})
    assert (t["all"].gold, t["all"].predicted, t["all"].matched) == (3, 4, 2)
    assert (t["en"].matched, t["ar"].matched) == (2, 0)
    assert round(t["all"].precision, 2) == 0.5 and round(t["all"].recall, 2) == 0.67
    wider = score_developments(g, pred, {"a": "en", "b": "ar"}, tolerance_days=7)
    assert wider["ar"].matched == 1
