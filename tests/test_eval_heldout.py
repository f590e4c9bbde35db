"""Quality floor on the in-repo held-out set (tests/heldout, written independently of the rules).

A change that makes extraction worse on reports the rules were not written from fails here.
The floors sit a few points under the current figures (see docs/evaluation.md); raise them as
extraction improves, never lower them to let a change through.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.eval.scorer import score
from claimgraph.sources.files import iter_documents

HELDOUT = Path(__file__).parent / "heldout"


@pytest.mark.slow
def test_eval_heldout_quality_floor(extractor, tmp_path):
    docs = [d for d in iter_documents([HELDOUT / "docs"]) if not isinstance(d, Exception)]
    assert len(docs) == 20
    pred = tmp_path / "heldout.jsonl"
    pred.write_text("\n".join(extractor.extract(d).to_json() for d in docs) + "\n", encoding="utf-8")
    result = score(HELDOUT / "gold", pred)
    assert result["events_strict"]["f1"] >= 0.85
    assert result["events_lenient"]["f1"] >= 0.90
    assert result["memberships"]["f1"] >= 0.90
    fields = result["field_accuracy"]
    assert fields["actor"] >= 0.85 and fields["claimed_by"] >= 0.90 and fields["weapons"] >= 0.85
