"""Arabic reporting, second pass: hand-written snippets of the Lebanon and Yemen fronts' wording (the side
an armed group's attack abroad hit; lists of villages and governorates, one event each)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2024, 5, 21), lang: str = "ar"):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang)).events


def test_a_groups_attack_on_a_town_of_the_state_it_fights_hits_that_state(extractor):
    (e,) = _events(
        extractor,
        "أعلن حزب الله أن مقاتليه قصفوا مستعمرة كريات شمونة بصواريخ الكاتيوشا اليوم ردا على القصف "
        "الإسرائيلي للقرى الجنوبية.",
    )
    assert e.location.name == "Kiryat Shmona"
    assert e.target == "Israel"
    assert e.actors == ["Hezbollah (Lebanon)"]  # the Israeli shelling avenged is not this attack's


def test_the_same_rule_holds_in_english(extractor):
    (e,) = _events(
        extractor,
        "Hezbollah said on Tuesday it fired a barrage of rockets at Kiryat Shmona in response to Israeli "
        "attacks on southern villages.",
        lang="en",
    )
    assert e.target == "Israel"


def test_a_group_fighting_at_home_gets_no_state_as_target(extractor):
    events = _events(
        extractor,
        "Hezbollah fighters clashed with gunmen in Hermel on Tuesday, the Lebanese army said.",
        lang="en",
    )
    assert all(e.target != "Lebanon" for e in events)
