"""An encyclopaedic page's account of strikes and a weekly brief's items: a day given again in another clock's zone
in brackets; a site near a town across the border; "near A and «a safe house» near B"; two US fighter jets (a dual);
"since 17 October" moves no narrative; "the attacks on the bases of X are carried out by Y" is analysis, no event.
Texts written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

STRIKES = (
    "فجر 26 شباط/فبراير 2021 (مساء 25 شباط بتوقيت واشنطن)، قصفت مقاتلات أمريكية منشآت تستخدمها كتائب حزب الله "
    "في محيط البوكمال السورية وموقعاً آخر داخل الأراضي العراقية قرب القائم."
)


def test_a_day_in_another_zone_is_the_same_strike_and_a_site_across_the_border_its_own(extractor):
    out = extractor.extract(Document(id="t", text=STRIKES, lang="ar", published=None))
    assert sorted((e.location.name, e.date.value) for e in out.events) == [
        ("Al-Qaim", date(2021, 2, 26)),
        ("Albu Kamal", date(2021, 2, 26)),
    ]


def test_two_sites_each_near_its_town_and_a_dual_of_jets(extractor):
    text = "السبت 9/3: قصفت مقاتلتان أمريكيتان مخزناً قرب مدينة البوكمال و«مقراً» قرب مدينة الميادين."
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 3, 10)))
    assert sorted(e.location.name for e in out.events) == ["Al-Mayadin", "Albu Kamal"]
    assert {tuple(e.actors) for e in out.events} == {("US forces",)}


def test_analysis_of_the_attacks_since_a_day_is_no_event(extractor):
    text = (
        "وبلغ عدد الهجمات على القوات الأمريكية منذ 17 تشرين الأول 60 هجوماً.\n\n"
        "ويرجح باحثون أن الهجمات على قواعد الحسكة ودير الزور تنفذها كتائب حزب الله."
    )
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2023, 11, 20)))
    assert out.events == []


def test_a_place_of_another_year_is_no_site_of_the_days_event(extractor):
    text = (
        "The group had claimed the 3 January bombings in the city of Kerman, which killed more than 90 people at a "
        "ceremony for Qasem Soleimani, who was killed by a US drone in Baghdad in 2020."
    )
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 1, 16)))
    assert [(e.location.name, e.date.value) for e in out.events] == [("Kerman", date(2024, 1, 3))]
