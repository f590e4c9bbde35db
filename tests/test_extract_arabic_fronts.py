"""Arabic reporting of the Syria and Lebanon fronts: hand-written snippets of how state agencies and
outlets name an air raid without the word for a raid ("عدواناً جوياً", "قصفاً جوياً", "هجوم جوي")."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2024, 3, 12), lang: str = "ar"):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang)).events


@pytest.mark.parametrize(
    "text",
    [
        "قال مصدر عسكري إن العدو الإسرائيلي شن عدواناً جوياً من اتجاه الجولان مستهدفاً موقعاً في مدينة القنيطرة فجر اليوم.",
        "نفذت إسرائيل قصفاً جوياً على نقاط في محيط مدينة حمص مساء الاثنين.",
        "استهدف هجوم جوي إسرائيلي مستودعاً في ريف حمص الليلة الماضية.",
    ],
)
def test_an_air_attack_named_without_raid_is_an_air_strike(extractor, text):
    events = _events(extractor, text)
    assert events
    assert all(e.sub_event_type == "Air/drone strike" for e in events)
    assert all("aircraft" in e.weapons for e in events)


def test_an_israeli_drone_named_as_the_actor_is_also_the_weapon(extractor):
    (e,) = _events(extractor, "قتل رجل صباح اليوم حين استهدفت مسيرة إسرائيلية دراجة نارية في بلدة حولا جنوب لبنان.")
    assert "drone" in e.weapons
    assert e.sub_event_type == "Air/drone strike"
    assert "Israel" in e.actors


def test_a_battle_named_in_quotes_is_not_the_village_of_that_name(extractor):
    text = (
        "أطلق الحوثيون أمس صاروخا على مدينة إيلات، وقال المتحدث باسمهم إن العملية جاءت في معركة "
        "«الوعد الصادق» دعما لغزة."
    )
    assert all(e.location.name != "Maarakeh" for e in _events(extractor, text))
