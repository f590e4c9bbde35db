"""An Arabic direction before a city locates the place named before it ("جرف الصخر جنوبي بغداد": Jurf al-Sakhar,
south of Baghdad), and is the city's own part when nothing else is named ("في شرقي بغداد"); a word of a town's name
is no background cue before the next town. Sentences written for these tests."""

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
        # "الشعب" (the people) closes Ayta al-Shaab's name: no background "people of" before the next town
        (
            "شن الطيران الحربي الإسرائيلي غارتين على بلدتي عيتا الشعب وكفركلا جنوبي لبنان.",
            ["Ayta ash-Shab", "Kfar Kila"],
        ),
        # the south of "the occupied territories" (Israel) is Israel's Southern District
        (
            "أعلنت المقاومة الإسلامية في العراق استهداف هدف حيوي في جنوب الأراضي المحتلة بالطيران المسير.",
            ["Southern District"],
        ),
    ],
)
def test_a_direction_before_a_city(extractor, text, places):
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 1, 20)))
    assert [e.location.name for e in out.events] == places
