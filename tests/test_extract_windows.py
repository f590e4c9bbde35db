"""Long texts are read in bounded windows: offsets stay exact, events are not lost or doubled.

Snippets are hand-written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.extract.windows import WINDOW_CHARS, windows
from claimgraph.models import Document

FILLER = "The committee discussed the budget, the harvest and the weather for the coming season.\n\n"


def test_windows_cover_the_text_in_bounded_pieces_at_paragraph_breaks():
    text = FILLER * 1000
    spans = windows(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(b - a <= WINDOW_CHARS for a, b in spans)
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))
    assert all(text[a:b].endswith("\n\n") for a, b in spans[:-1])


def test_windows_long_text_keeps_exact_offsets_and_every_event(extractor):
    early = "Rockets struck the Ain al-Asad air base on Tuesday, Iraqi officials said.\n\n"
    late = "A drone hit the Harir air base on Wednesday, Kurdish officials said.\n\n"
    text = early + FILLER * 400 + late + FILLER * 100
    assert len(text) > 2 * WINDOW_CHARS
    out = extractor.extract(Document("long", text, published=date(2024, 2, 16)))
    assert sorted((e.location.name, e.date.iso()) for e in out.events) == [
        ("Ain al-Asad Air Base", "2024-02-13"),
        ("Harir Air Base", "2024-02-14"),
    ]
    for e in out.events:
        for ev in e.evidence:
            assert text[ev.start : ev.end] == ev.text
    assert any(n.kind == "windowed" for n in out.notes)


def test_windows_the_same_attack_in_two_windows_is_one_event(extractor):
    told = "Rockets struck the Ain al-Asad air base on Tuesday, Iraqi officials said.\n\n"
    text = told + FILLER * 400 + told
    out = extractor.extract(Document("twice", text, published=date(2024, 2, 16)))
    assert [(e.location.name, e.date.iso()) for e in out.events] == [("Ain al-Asad Air Base", "2024-02-13")]
