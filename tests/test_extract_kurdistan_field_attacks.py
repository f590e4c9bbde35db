"""Drone attacks on the Kurdistan Region's oil fields: areas that only hold the fields counted, the governments
named by their capitals, and the twelve-day war named as background.

Every snippet is written for these tests (none is copied from a real page)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _places(extractor, text, lang="ar", published=date(2025, 7, 16)):
    out = extractor.extract(Document("t", text, published=published, lang=lang))
    return sorted(e.location.name for e in out.events if e.location)


def test_areas_that_hold_the_fields_counted_give_way_to_the_fields_named(extractor):
    text = (
        "أعلنت السلطات اليوم أن طائرات مسيرة مفخخة استهدفت ثلاثة حقول نفطية في زاخو ودهوك. "
        "وذكرت أن طائرتين هاجمتا صباحاً حقل بيشخابور النفطي، وأن طائرة ثالثة استهدفت حقل طاوكي."
    )
    assert _places(extractor, text) == ["Peshkhabour oil field", "Tawke oil field"]
    en = (
        "Explosive drones hit two oil fields in Zakho and Duhok on Wednesday. "
        "One drone struck the Peshkhabour field and another hit the Tawke field, officials said."
    )
    assert _places(extractor, en, "en") == ["Peshkhabour oil field", "Tawke oil field"]


def test_an_area_of_counted_sites_named_nowhere_else_is_the_site(extractor):
    en = "Two U.S. F-16s struck two facilities in eastern Syria near Abu Kamal on Thursday."
    assert _places(extractor, en, "en", date(2023, 10, 27)) == ["Albu Kamal"]


def test_capitals_that_stand_for_their_governments_are_no_sites(extractor):
    text = (
        "وتأتي الهجمات بعد أسابيع من انتهاء الحرب التي استمرت 12 يوماً بين إيران وإسرائيل في حزيران الماضي، "
        "وفي ظل خلافات بين بغداد وأربيل حول تصدير النفط."
    )
    assert _places(extractor, text) == []


def test_an_earlier_attack_on_the_field_just_named_is_its_own_event(extractor):
    text = (
        "A drone slammed into the Khor Mor gas field late Wednesday, setting a tank on fire, officials said Thursday. "
        "Khor Mor has been targeted repeatedly. In April 2024, a drone attack on the field killed four workers."
    )
    out = extractor.extract(Document("t", text, published=date(2025, 11, 27), lang="en"))
    events = sorted(out.events, key=lambda e: e.date.value)
    assert [(e.date.value, e.date.precision, e.fatalities) for e in events] == [
        (date(2024, 4, 1), "month", 4),
        (date(2025, 11, 26), "day", None),
    ]


def test_the_officials_a_source_counts_are_no_dead(extractor):
    text = (
        "A drone hit the Khor Mor gas field late Wednesday. Several workers were wounded, according to two security "
        "officials, but no one was killed."
    )
    (event,) = extractor.extract(Document("t", text, published=date(2025, 11, 27), lang="en")).events
    assert event.fatalities == 0
