"""Arabic real reporting: the habits of Arabic news pages and of the groups' statements.

Every snippet is written for these tests (none is copied from a real page)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document
from claimgraph.nlp.normalize import arabic_stems

IRI = "Islamic Resistance in Iraq"


def _events(extractor, text, published=date(2024, 2, 12)):
    return extractor.extract(Document("t", text, published=published, lang="ar")).events


def _places(events):
    return sorted(e.location.name for e in events if e.location)


def test_arabic_usual_claims_are_a_habit_not_events(extractor):
    text = (
        "وعادة ما تتبنى الفصائل العراقية الهجمات بالطائرات المسيرة على قاعدة عين الأسد "
        "وقاعدة حرير في أربيل."
    )
    assert _events(extractor, text) == []


def test_arabic_local_source_in_a_city_is_no_event_site(extractor):
    # published Thursday 15 Feb 2024: "مساء الأربعاء" = 14 Feb
    text = (
        "أفاد مصدر محلي في السليمانية، مساء الأربعاء، بتعرض حقل خور مور للغاز لهجوم بطائرة مسيرة "
        "دون وقوع إصابات."
    )
    events = _events(extractor, text, date(2024, 2, 15))
    assert _places(events) == ["Khor Mor gas field"]


def test_arabic_television_channel_named_after_a_town_is_no_site(extractor):
    text = (
        "ونقلت قناة \"الميادين\" عن بيان للمقاومة الإسلامية في العراق أنها استهدفت قاعدة التنف "
        "بطائرتين مسيرتين فجر اليوم."
    )
    events = _events(extractor, text)
    assert _places(events) == ["Al-Tanf Garrison"]


def test_arabic_the_country_is_not_the_town_of_balad():
    assert "بلد" not in arabic_stems("البلد")
    assert "بلد" not in arabic_stems("للبلد")
    assert "بلد" in arabic_stems("وبلد")
    assert "رميلان" in arabic_stems("الرميلان")


def test_arabic_drones_without_a_pilot_are_drones(extractor):
    text = "هاجمت المقاومة الإسلامية في العراق قاعدة التنف بثلاث طائرات دون طيار فجر اليوم."
    (event,) = _events(extractor, text)
    assert event.weapons == ["drone"]
