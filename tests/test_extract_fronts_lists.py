"""The fronts' statements that list several operations, lists of villages struck, and the false matches
of the fronts' places and actors — hand-written snippets."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.kb import KBError, load_kb
from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2024, 3, 5), lang: str = "en"):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang)).events


def _by_place(events):
    return {e.location.name: e for e in events if e.location}


# -- an Arabic alias that is also a common word ----------------------------------------------------------------------
def test_an_arabic_alias_that_is_also_a_word_is_not_the_place(extractor):
    # "جويًا" (by air) is written like Jouaiyya's Arabic name
    events = _events(
        extractor,
        "وشنت المقاومة هجومًا جويًا على مقر القيادة في ليمان بمسيرة انقضاضية يوم السبت.",
        date(2024, 3, 2),
        "ar",
    )
    assert "Jouaiyya" not in _by_place(events)
    assert "Liman" in _by_place(events)
    events = _events(extractor, "شنت إسرائيل قصفا جويا من اتجاه الجولان فجر اليوم.", date(2024, 3, 2), "ar")
    assert "Jouaiyya" not in _by_place(events)


def test_the_same_alias_after_a_place_word_is_the_place(extractor):
    events = _events(
        extractor,
        "قتل ثلاثة أشخاص بغارة إسرائيلية على بلدة جويا في جنوب لبنان يوم السبت.",
        date(2024, 3, 2),
        "ar",
    )
    e = _by_place(events)["Jouaiyya"]
    assert e.actors == ["Israel"]  # "بغارة إسرائيلية": by an Israeli strike, not a target
    assert e.target != "Israel"


def test_common_words_must_be_aliases_of_the_place(tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text(
        '[[places]]\nid = "p1"\nname = "Qaryat X"\nkind = "town"\nlat = 33.1\nlon = 35.2\ncountry = "LB"\n'
        'aliases_ar = ["قرية"]\ncommon_words = ["جويا"]\n',
        encoding="utf-8",
    )
    with pytest.raises(KBError, match="common_words entry 'جويا' is not the name or an alias"):
        load_kb([bad])
