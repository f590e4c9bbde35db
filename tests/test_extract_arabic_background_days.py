"""An Arabic report's background told beside its news: an earlier attack on "the base" with its own date; "the
attack comes hours after a raid" dated from the news, not from the background just told; a capital that attributes
("نسبتها طهران إلى إسرائيل") and a time zone ("بتوقيت بغداد") are no sites; "since the attacks began in October"
dates nothing. Texts written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

REPORT = """سقطت صواريخ باليستية على قاعدة عين الأسد الجوية مساء اليوم الأحد قرابة الساعة السابعة بتوقيت بغداد، \
ما أدى إلى إصابة جندي عراقي.

وهذا ثالث هجوم صاروخي على القاعدة منذ بدء الهجمات في تشرين الأول الماضي، بعد هجوم 3 كانون الثاني 2024 الذي \
أصيب فيه أربعة أفراد.

ويأتي الهجوم بعد ساعات من غارة نسبتها طهران إلى إسرائيل استهدفت منزلاً في بلدة السيدة زينب قرب دمشق، \
وأسفرت عن مقتل ثلاثة أشخاص.
"""


def test_the_background_attack_on_the_base_is_its_own_event(extractor):
    out = extractor.extract(Document(id="t", text=REPORT, lang="ar", published=date(2024, 2, 11)))
    asad = sorted((e.date.value, e.injuries) for e in out.events if e.location.name == "Ain al-Asad Air Base")
    assert asad == [(date(2024, 1, 3), 4), (date(2024, 2, 11), 1)]


def test_hours_after_counts_from_the_news_not_the_background(extractor):
    out = extractor.extract(Document(id="t", text=REPORT, lang="ar", published=date(2024, 2, 11)))
    raid = [e for e in out.events if e.location.country == "SY"]
    assert [(e.date.value, e.fatalities, e.actors) for e in raid] == [(date(2024, 2, 11), 3, ["Israel"])]


def test_a_time_zone_and_an_accusing_capital_are_no_sites(extractor):
    out = extractor.extract(Document(id="t", text=REPORT, lang="ar", published=date(2024, 2, 11)))
    names = {e.location.name for e in out.events}
    assert "Baghdad" not in names and "Tehran" not in names


def test_a_time_zone_in_english_is_no_site(extractor):
    text = "Two rockets were fired at about 9:15 p.m. Baghdad time toward Ain al-Asad air base on Sunday."
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 2, 11)))
    assert [e.location.name for e in out.events] == ["Ain al-Asad Air Base"]
