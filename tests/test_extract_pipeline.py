"""The extraction is one ordered list of named stages over a document's reading, and the docs list the stages
that exist; the extractor keeps nothing of the documents it reads (so threads can share it: see
tests/test_lang_packs.py::test_lang_packs_two_threads_share_one_extractor)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from claimgraph.extract import pipeline
from claimgraph.extract.events import PerUnit
from claimgraph.models import Document

DOCS = Path(__file__).resolve().parent.parent / "docs" / "extraction.md"


def _names() -> list[str]:
    names = []
    for stage in pipeline.STAGES:
        names.append(pipeline.stage_name(stage))
        if isinstance(stage, PerUnit):
            names += [step.__name__ for step in stage.steps]
    return names


def test_extract_pipeline_docs_list_the_stages_that_exist():
    names = _names()
    assert names[:2] == ["language", "plain_text"] and names[-1] == "first_hand"
    # the module docstring gives the order (the paragraph with the arrows), docs/extraction.md one row per name
    chain = next(p for p in pipeline.__doc__.split("\n\n") if "-> ``" in p)
    assert re.findall(r"``(\w+)``", chain) == names
    rows = re.findall(r"^\| (?:↳ )?`(\w+)` \|", DOCS.read_text(encoding="utf-8"), re.M)
    assert rows == names


def test_extract_pipeline_every_stage_says_what_it_reads_and_writes():
    steps = [s for s in pipeline.STAGES if not isinstance(s, PerUnit)]
    steps += [step for s in pipeline.STAGES if isinstance(s, PerUnit) for step in s.steps]
    for step in steps:
        assert step.__doc__ and re.search(r"\b(reads|writes)\b", step.__doc__, re.I), step.__name__


def test_extract_pipeline_extractor_keeps_nothing_of_a_document(extractor):
    before = dict(vars(extractor))
    doc = Document(
        "town",
        "US aircraft struck a Kataib Hezbollah depot in the town of Tarmiyah on Sunday. On Monday, air strikes hit "
        "a convoy near al-Qaim.",
        published=date(2024, 2, 6),
    )
    out = extractor.extract(doc)
    # a gazetteer town in this document's place table; the second strike's actor is the state read before
    assert [(e.location.place_id, e.actors) for e in out.events] == [
        ("gaz:IQ:Aţ Ţārmīyah", ["US forces"]),
        ("al-qaim", ["US forces"]),
    ]
    assert vars(extractor).keys() == before.keys()
    assert all(vars(extractor)[k] is v for k, v in before.items())
