"""A statement that lists operations with their weapons: each weapon goes with the site of its own item, even when a
place description makes it nearer the next one ("al-Tanf base on the Syrian-Jordanian border with a drone, and
al-Shaddadi with rockets"). Sentences written for these tests."""

from datetime import date

import pytest

from claimgraph.models import Document


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "The Islamic Resistance in Iraq said it targeted al-Tanf base on the Syrian-Jordanian border with a drone, "
            "and targeted al-Shaddadi base with rockets.",
        ),
        (
            "ar",
            "أعلنت المقاومة الإسلامية في العراق استهداف قاعدة التنف على الحدود السورية الأردنية بطائرة مسيرة، "
            "واستهداف قاعدة الشدادي بصواريخ.",
        ),
        ("en", "Rockets hit al-Tanf base on Monday, and a drone struck al-Shaddadi base."),
        ("en", "A drone struck al-Tanf base and rockets hit al-Shaddadi base on Monday."),
    ],
)
def test_each_item_keeps_its_weapon(extractor, lang, text):
    out = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2024, 2, 5)))
    weapons = {e.location.name: e.weapons for e in out.events}
    expected_tanf = ["rocket"] if text.startswith("Rockets") else ["drone"]
    expected_shaddadi = ["drone"] if text.startswith("Rockets") else ["rocket"]
    assert weapons == {"Al-Tanf Garrison": expected_tanf, "Al-Shaddadi": expected_shaddadi}
