"""An Arabic direction before a city locates the place named before it ("جرف الصخر جنوبي بغداد": Jurf al-Sakhar,
south of Baghdad), and is the city's own part when nothing else is named ("في شرقي بغداد"). Sentences written for
these tests."""

from datetime import date

import pytest

from claimgraph.models import Document


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("قصفت طائرة مسيرة مقرا للحشد الشعبي في جرف الصخر جنوبي بغداد.", ["Jurf al-Sakhar"]),
        ("قصفت طائرة مسيرة مقرا للحشد الشعبي في جرف الصخر جنوب بغداد.", ["Jurf al-Sakhar"]),
        ("انفجرت عبوة ناسفة في شرقي بغداد صباح اليوم.", ["Baghdad"]),
        ("سقط صاروخ كاتيوشا جنوبي بغداد صباح اليوم.", ["Baghdad"]),
    ],
)
def test_a_direction_before_a_city(extractor, text, places):
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 1, 20)))
    assert [e.location.name for e in out.events] == places
