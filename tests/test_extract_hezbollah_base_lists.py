"""A Hezbollah statement that counts its rockets and then lists the bases they hit, by the names the reporting uses
for the Golan barracks and the Israeli bases.

Every snippet is written for these tests (none is copied from a real page)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

HEZBOLLAH = "Hezbollah (Lebanon)"


def _events(extractor, text, lang="ar"):
    return extractor.extract(Document("t", text, published=date(2024, 8, 25), lang=lang)).events


def test_a_count_of_rockets_then_the_list_of_bases_is_an_event_at_each(extractor):
    text = (
        "أعلنت المقاومة الإسلامية في لبنان صباح اليوم أن مجاهديها أطلقوا أكثر من 300 صاروخ كاتيوشا "
        "على عشر قواعد وثكنات عسكرية للعدو، منها: ثكنة كيلع، وقاعدة نفح، وثكنة يوآف."
    )
    events = _events(extractor, text)
    assert sorted(e.location.name for e in events) == ["Kela barracks", "Nafah base", "Yoav barracks"]
    assert all(e.claimed_by == [HEZBOLLAH] and e.date.value == date(2024, 8, 25) for e in events)


def test_the_bases_named_in_the_claims_are_in_the_knowledge_base(extractor):
    text = (
        "Hezbollah said it fired rockets at the Zaoura barracks on Sunday and that its drones targeted the Glilot base."
    )
    assert sorted(e.location.name for e in _events(extractor, text, "en")) == ["Glilot base", "Zaoura barracks"]


def test_the_bases_listed_after_a_colon_take_the_weapon_told_before_it(extractor):
    text = (
        "أعلنت المقاومة الإسلامية في لبنان صباح اليوم أن مجاهديها أطلقوا أكثر من 300 صاروخ كاتيوشا "
        "على عشر قواعد وثكنات عسكرية للعدو، منها: ثكنة كيلع، وقاعدة نفح، وثكنة يوآف، "
        "وعبرت المسيّرات المحددة للعملية باتجاه أهدافها."
    )
    weapons = {e.location.name: e.weapons for e in _events(extractor, text)}
    assert weapons["Kela barracks"] == weapons["Nafah base"] == ["rocket"]
