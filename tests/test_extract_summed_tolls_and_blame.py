"""Tolls summed over the nouns a killing verb counts ("killed three soldiers and two contractors", "مقتل جندي
ومتعاقدين اثنين", "tuant deux soldats et une militaire"), Arabic singular and dual nouns that count one and two,
the accuser of an Arabic blaming verb ("اتهمت واشنطن كتائب حزب الله"), and Arabic rocket attacks named with
the article ("الهجوم الصاروخي"). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.extract.casualties import parse_casualties
from claimgraph.models import Document


@pytest.mark.parametrize(
    ("text", "killed", "hurt"),
    [
        ("The drone attack killed three soldiers and two contractors.", 5, None),
        ("The strike on the convoy killed one officer and two civilians on Monday.", 3, None),
        ("La salve de roquettes a tué deux soldats et une militaire.", 3, None),
        ("La frappe a tué deux soldats et blessé trois civils.", 2, 3),  # French "blessé" after its verb
        ("Le tir a tué un soldat et en a blessé deux autres.", 1, 2),
        ("ما أسفر عن مقتل جندي ومتعاقدين اثنين وإصابة خمسة آخرين", 3, 5),  # the number after its noun
        ("أدى القصف إلى مقتل ثلاثة جنود و2 من المتعاقدين", 5, None),
        ("أدت الغارة إلى استشهاد ثلاثة مواطنين وطفلين", 5, None),  # a dual noun written onto "و"
        ("وأصيب متعاقد بجروح طفيفة", None, 1),  # a singular noun counts one
        ("أسفر الانفجار عن إصابة ضابطين ومدني", None, 3),
        # what follows "and" that is no part of the same figure
        ("The rocket killed three soldiers and two others were wounded.", 3, 2),
        ("The attack killed two soldiers and two drones were shot down later.", 2, None),
        ("The barrage killed three and wounded two.", 3, 2),
        ("ما أدى إلى مقتل ثلاثة عناصر وإصابة اثنين", 3, 2),
        ("ما أدى إلى استشهاد مواطن وإصابة اثنين آخرين", 1, 2),
    ],
)  # fmt: skip
def test_a_toll_sums_the_nouns_its_verb_counts(text, killed, hurt):
    c = parse_casualties(text)
    assert (c.fatalities, c.injuries) == (killed, hurt)


def _events(extractor, text: str, lang: str = "ar"):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=date(2024, 1, 15))).events


@pytest.mark.parametrize(
    "text",
    [
        "اتهمت واشنطن كتائب حزب الله بالوقوف وراء الهجوم الصاروخي على قاعدة عين الأسد يوم الأحد.",
        "واتهم البنتاغون كتائب حزب الله بتنفيذ الهجوم الصاروخي على قاعدة عين الأسد يوم الأحد.",
    ],
)
def test_the_subject_of_an_arabic_blaming_verb_is_the_accuser(extractor, text):
    [event] = _events(extractor, text)
    assert event.location.place_id == "ain-al-asad"
    assert event.actors == ["Kataib Hezbollah"]
    assert [a.attributed_to for a in event.attributions] == ["Kataib Hezbollah"]


def test_an_arabic_rocket_attack_named_with_the_article(extractor):
    [event] = _events(extractor, "سقط الصاروخ قرب مبنى السفارة الأمريكية في بغداد فجر الأحد.")
    assert event.weapons == ["rocket"]
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_an_english_toll_in_an_event(extractor):
    [event] = _events(
        extractor,
        "A drone struck the Tower 22 outpost in Jordan on Sunday, killing one soldier and two contractors.",
        lang="en",
    )
    assert event.fatalities == 3


def test_a_claim_before_an_arabic_blame_keeps_its_claimant(extractor):
    # the blaming verb comes after the claimant: only the actor right after the verb is its subject
    [event] = _events(
        extractor,
        "وتبنت المقاومة الإسلامية في العراق يوم أمس هجوما بالصواريخ على قاعدة حرير، فيما تتهم واشنطن فصائل "
        "موالية لإيران بالوقوف وراء هذه الهجمات.",
    )
    assert event.claimed_by == ["Islamic Resistance in Iraq"]
    assert [a.attributed_to for a in event.attributions] == ["Unidentified Iran-backed militia"]


def test_an_arabic_sponsor_is_neither_party_nor_target(extractor):
    [event] = _events(
        extractor,
        "وتبنت المقاومة الإسلامية في العراق يوم أمس هجوما بالصواريخ على قاعدة حرير، فيما يتهم مسؤولون أمريكيون "
        "فصائل مرتبطة بالحرس الثوري الإيراني بالوقوف وراء الهجوم.",
    )
    assert event.claimed_by == ["Islamic Resistance in Iraq"]
    assert event.target == "US forces"


def test_the_head_noun_takes_up_the_factions_named_before(extractor):
    # "فصائل المقاومة الإسلامية في العراق ... وأعلنت المقاومة": the factions of the Islamic Resistance, again
    events = _events(
        extractor,
        "عاودت فصائل المقاومة الإسلامية في العراق، اليوم الأحد، ضرب قاعدة عين الأسد بطائرة مسيرة. وأعلنت المقاومة "
        "في وقت سابق من اليوم أنها قصفت قاعدة حرير في أربيل بطائرة مسيرة.",
    )
    harir = next(e for e in events if e.location.place_id == "harir-air-base")
    assert harir.claimed_by == ["Islamic Resistance in Iraq"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Militias backed by Iran fired rockets at Ain al-Asad on Sunday.", "en"),
        ("US officials blamed groups aligned with Iran for the rocket attack on Ain al-Asad on Sunday.", "en"),
        ("Des milices liées à l'Iran ont tiré des roquettes sur la base d'Aïn al-Assad dimanche.", "fr"),
        ("أطلقت فصائل مرتبطة بإيران صواريخ على قاعدة عين الأسد يوم الأحد.", "ar"),
    ],
)
def test_militias_named_by_their_sponsor_after_the_noun(extractor, text, lang):
    [event] = _events(extractor, text, lang=lang)
    assert event.actors == ["Unidentified Iran-backed militia"]


def test_a_saba_toll_of_the_american_aggression(extractor):
    [event] = _events(
        extractor,
        "ارتفعت حصيلة جريمة العدوان الأمريكي التي استهدفت فجر اليوم مركز إيواء في مدينة صعدة إلى 68 شهيداً و47 "
        "جريحاً، بعد أن كانت الحصيلة الأولية 30 شهيداً.",
    )
    assert event.actors == ["US forces"]
    assert (event.fatalities, event.injuries) == (68, 47)


def test_an_aircraft_carrier_in_the_northern_red_sea(extractor):
    [event] = _events(
        extractor,
        "أعلن العميد يحيى سريع أن القوات البحرية استهدفت اليوم حاملة الطائرات الأمريكية في شمال البحر الأحمر بعدد من "
        "الصواريخ المجنحة، مؤكداً أن القوات المسلحة لن تتراجع عن موقفها المساند لغزة.",
    )
    assert event.location.name == "Red Sea"  # not Gaza: the stance that supports it is background
    assert event.claimed_by == ["Houthis"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("SOHR activists reported that Iranian militias fired six rockets at the Conoco base on Saturday.", "en"),
        ("أطلقت الميليشيات الإيرانية صواريخ على قاعدة حقل كونيكو يوم السبت، بحسب المرصد السوري لحقوق الإنسان.", "ar"),
    ],
)  # fmt: skip
def test_a_monitor_reports_the_militias_attack(extractor, text, lang):
    [event] = _events(extractor, text, lang=lang)
    assert event.actors == ["Unidentified Iran-backed militia"]
