"""Memberships as analyses and wires state them: a superlative among an umbrella's groups ("the most powerful of
the armed groups in the Axis", "أقوى أطراف محور المقاومة"), "the axis" / "cet axe" taking up the Axis named before,
an opening that says what the subject belongs to ("Principal allié de Téhéran au sein de l'axe, le Hezbollah"),
"part of the Axis with Hezbollah and Hamas", "contains", an Arabic list "إلى جانب" after the umbrella, "جزء لا يتجزأ
من", and "it" after "X is part of Y" standing for X. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.models import Document

HEZ, HOUTHIS, HAMAS, AXIS = "Hezbollah (Lebanon)", "Houthis", "Hamas", "Axis of Resistance"
KH, NUJABA, KSS, IRI = (
    "Kataib Hezbollah",
    "Harakat Hezbollah al-Nujaba",
    "Kataib Sayyid al-Shuhada",
    "Islamic Resistance in Iraq",
)


def _pairs(extractor, text: str, lang: str) -> set[tuple[str, str]]:
    doc = Document(id="t", text=text, lang=lang, published=date(2025, 2, 1))
    return {(m.member, m.umbrella) for m in extractor.extract(doc).memberships}


@pytest.mark.parametrize(
    ("text", "lang", "pairs"),
    [
        ('Hezbollah, the most powerful of the armed groups in Iran\'s so-called "Axis of Resistance", fired rockets.',
         "en", {(HEZ, AXIS)}),
        ("Kataib Hezbollah is seen as the most powerful faction within the Islamic Resistance in Iraq, and Harakat "
         "Hezbollah al-Nujaba is another of its members.", "en", {(KH, IRI), (NUJABA, IRI)}),
        ("Iran calls its network of allies the Axis of Resistance. Yemen's Houthis are now the most defiant member of "
         "the axis.", "en", {(HOUTHIS, AXIS)}),
        ("A key member of the Axis of Resistance, Hezbollah has fired rockets at Israel.", "en", {(HEZ, AXIS)}),
        ('The Houthis describe themselves as part of an Iran-led "Axis of Resistance" with Hezbollah and Hamas.', "en",
         {(HOUTHIS, AXIS), (HEZ, AXIS), (HAMAS, AXIS)}),
        ("The Islamic Resistance in Iraq is an umbrella that contains several groups, Kataib Hezbollah being one of "
         "them.", "en", {(KH, IRI)}),
        ("The Islamic Resistance in Iraq is considered part of the Axis of Resistance. Analysts say it comprises "
         "Kataib Hezbollah and Kataib Sayyid al-Shuhada.", "en", {(IRI, AXIS), (KH, IRI), (KSS, IRI)}),
        ("Principal allié de Téhéran au sein de « l'axe de la résistance », le Hezbollah tire sur Israël.", "fr",
         {(HEZ, AXIS)}),
        ("Le Hezbollah appartient à « l'axe de la résistance ». Le Hamas, autre membre de cet axe, a promis de se "
         "venger.", "fr", {(HEZ, AXIS), (HAMAS, AXIS)}),
        ("Soutenus par l'Iran, membres de « l'axe de la résistance », les Houthis disent agir pour Gaza.", "fr",
         {(HOUTHIS, AXIS)}),
        ('ويُعد حزب الله أقوى أطراف "محور المقاومة" الذي يضم إيران وفصائل في سوريا والعراق.', "ar", {(HEZ, AXIS)}),
        ("والنجباء من أبرز الفصائل المنضوية تحت مظلة المقاومة الإسلامية في العراق، إلى جانب كتائب حزب الله وكتائب "
         "سيد الشهداء.", "ar", {(NUJABA, IRI), (KH, IRI), (KSS, IRI)}),
        ("وتعد جماعة أنصار الله أحد أبرز أطرافه محور المقاومة.", "ar", {(HOUTHIS, AXIS)}),
        ("وأكدت الحكومة أن هيئة الحشد الشعبي جزء لا يتجزأ من القوات المسلحة العراقية.", "ar",
         {("Popular Mobilization Forces", "Iraqi security forces")}),
    ],
)  # fmt: skip
def test_memberships_stated_in_prose(extractor, text, lang, pairs):
    assert _pairs(extractor, text, lang) == pairs


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a list after a comma is no opening: the comma closes nothing the subject belongs to
        ("It is very likely that groups such as Kataib Hezbollah, Asaib Ahl al-Haq and Nujaba are part of it.", "en"),
        ("Backed by Iran, Kataib Hezbollah fired rockets at the base, a member of the coalition said.", "en"),
        # "with" must be followed by the names
        ("Kataib Hezbollah is part of the Islamic Resistance in Iraq with the backing of the IRGC.", "en"),
    ],
)
def test_no_membership_from_a_comma_or_a_with(extractor, text, lang):
    pairs = _pairs(extractor, text, lang)
    assert ("Asaib Ahl al-Haq", KH) not in pairs
    assert not any(b == "Coalition forces" for _, b in pairs)
    assert ("IRGC", IRI) not in pairs


@pytest.mark.parametrize(
    "text",
    [
        "Kataib Hezbollah and Nujaba lead the Islamic Resistance in Iraq, part of the Axis of Resistance. Asaib Ahl "
        "al-Haq has kept its distance from the Islamic Resistance in Iraq since it joined the government, and its "
        "leader has said his group is not part of it.",
        "The Badr Organization, the oldest of the Iran-aligned movements, coordinates with the Coordination Framework.",
    ],
)
def test_no_membership_denied_through_a_pronoun_or_of_a_superlative_alone(extractor, text):
    assert not {p for p in _pairs(extractor, text, "en") if p[0] in ("Asaib Ahl al-Haq", "Badr Organization")}
