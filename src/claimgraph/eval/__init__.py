"""Scoring extractions against gold annotations (the dev-set rules).

``score(gold_dir, pred_path)`` returns the figures as a dict (the shape of the
dev set's ``score.py --json``); ``format_report`` renders them as text;
``evaluate`` returns the typed ``ScoreResult`` behind both.
"""

from claimgraph.eval.scorer import ScoreResult, evaluate, format_report, score

__all__ = ["ScoreResult", "evaluate", "format_report", "score"]
