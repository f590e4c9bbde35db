"""Sentence starts read from token arrays are spaCy's sentencizer's, token for token."""

from __future__ import annotations

import pytest

from claimgraph.nlp.pipeline import _sentencizer_starts

TEXTS = [
    "Rockets struck the base on Tuesday. No one was hurt.",
    "Drones hit Erbil!! Officials said (late on Monday) that two were intercepted... Then silence",
    "«Nous avons frappé», a dit le groupe. Puis : rien ?! Fin.",
    "هاجمت طائرة مسيرة القاعدة. وقال مسؤول إن الهجوم فشل؟ نعم.",
    ". . . a text that opens with dots. And ends with one.",
    "No sentence end at all",
    "Mr. Smith arrived at 5 p.m. He left.\n\nA new paragraph? Yes!\n- a list item",
    "?!",
]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_sentence_starts_match_the_sentencizer(extractor, lang):
    nlp = extractor.annotator._pipeline(lang)[0]
    sentencizer = nlp.get_pipe("sentencizer")
    for text in TEXTS:
        doc = nlp.make_doc(text)
        expected = {i for i, guess in enumerate(sentencizer.predict([doc])[0]) if guess}
        assert _sentencizer_starts(doc, sentencizer) == expected, text
