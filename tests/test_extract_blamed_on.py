"""Blame laid with "on" / "à": "Hezbollah blamed the attacks on Israel", "a imputé ces attaques à Israël" (the
state blamed, not the country as a place); French tolls written "3.000" and updated from "la veille"; "le mouvement
chiite" takes up Hezbollah. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.extract.casualties import parse_casualties
from claimgraph.models import Document


def _events(extractor, text, lang, published=date(2024, 9, 22)):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published)).events


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Thousands of pagers used by Hezbollah members exploded across Lebanon on Tuesday, killing 12 people. "
            "Hezbollah blamed the attacks on Israel.",
            "en",
        ),
        (
            "Des milliers de bipeurs ont explosé mardi à travers le Liban, faisant 12 morts. "
            "Le Hezbollah a imputé ces attaques à Israël.",
            "fr",
        ),
    ],
)
def test_the_state_the_attacks_are_laid_on_is_blamed(extractor, text, lang):
    (event,) = _events(extractor, text, lang)
    assert event.attributed_to == ["Israel"] and event.location.name == "Lebanon"


@pytest.mark.parametrize(
    ("text", "killed", "hurt"),
    [
        ("des explosions qui ont fait 39 morts et près de 3.000 blessés", 39, 3000),
        ("le bilan s'est alourdi à 45 morts, a annoncé le ministère, qui faisait état la veille de 37 morts", 45, None),
        ("l'attaque a fait 1 200 blessés", None, 1200),
    ],
)
def test_french_tolls(text, killed, hurt):
    c = parse_casualties(text)
    assert (c.fatalities, c.injuries) == (killed, hurt)


def test_the_shiite_movement_takes_up_hezbollah(extractor):
    text = (
        "Le Hezbollah a revendiqué des tirs sur la caserne de Birya. "
        "À l'aube dimanche, le mouvement chiite a tiré plusieurs salves de roquettes "
        "sur la base aérienne de Ramat David."
    )
    events = {e.location.name: e for e in _events(extractor, text, "fr")}
    assert events["Ramat David Airbase"].actors == ["Hezbollah (Lebanon)"]


def test_an_aggression_on_headquarters_condemned_is_an_event_and_its_toll_goes_where_it_says(extractor):
    text = (
        "تدين الحكومة العراقية بأشد العبارات الاعتداء الذي نفذته طائرات أمريكية، فجر اليوم الأربعاء، على مقرات "
        "لقوات الحشد الشعبي في منطقة جرف النصر، وفي قضاء القائم، والذي أسفر عن استشهاد أحد المنتسبين وإصابة اثنين "
        "آخرين في القائم."
    )
    events = {e.location.name: e for e in _events(extractor, text, "ar", date(2024, 1, 24))}
    assert set(events) == {"Jurf al-Sakhar", "Al-Qaim"}
    assert all(e.actors == ["US forces"] for e in events.values())
    assert (events["Al-Qaim"].fatalities, events["Al-Qaim"].injuries) == (1, 2)
    assert events["Jurf al-Sakhar"].fatalities is None


@pytest.mark.parametrize(
    ("text", "killed"),
    [("أسفر القصف عن مقتل أحد العناصر", 1), ("أسفرت الغارة عن مقتل شخص", 1), ("ولم يصب أحد بأذى", None)],
)
def test_one_of_and_a_person_count_one(text, killed):
    assert parse_casualties(text).fatalities == killed


def test_aggression_on_sovereignty_is_no_attack(extractor):
    text = "وعدّت الحكومة ذلك اعتداء على السيادة العراقية، ودعت إلى التهدئة في بغداد اليوم."
    assert not _events(extractor, text, "ar", date(2024, 1, 24))


def test_a_group_announcing_its_leaders_death_claims_nothing(extractor):
    text = (
        "أعلنت جماعة أنصار الله (الحوثي) في اليمن، السبت، مقتل رئيس حكومتها وعدد من الوزراء، "
        "في غارة إسرائيلية استهدفت العاصمة صنعاء الخميس."
    )
    (event,) = _events(extractor, text, "ar", date(2025, 8, 30))
    assert (event.actors, event.claimed_by) == (["Israel"], [])


def test_an_aggression_that_reached_two_headquarters_is_two_us_strikes(extractor):
    text = (
        "أكد الناطق باسم القائد العام أن الضربات التي نفذتها القوات الأمريكية فجر اليوم على مواقع في محافظة بابل "
        "عمل عدائي. وقال إن الاعتداء طال مقراً في قضاء الحلة وآخر في ناحية جرف النصر."
    )
    events = {e.location.name: e for e in _events(extractor, text, "ar", date(2023, 12, 26))}
    assert set(events) == {"Hillah", "Jurf al-Sakhar"}
    assert all(e.actors == ["US forces"] for e in events.values())


def test_losses_that_reached_a_unit_are_no_attack(extractor):
    text = "ويقول باحثون في بيروت إن الخسائر الأكبر طالت قوة الرضوان، وحدة النخبة في حزب الله، خلال أيلول 2024."
    assert not _events(extractor, text, "ar", date(2024, 10, 8))


@pytest.mark.parametrize(
    ("text", "lang", "published"),
    [
        (
            "استهدفت غارات إسرائيلية بعد ظهر اليوم مبنى هيئة الأركان في دمشق. "
            "وزعم جيش الاحتلال في بيان أنه استهدف مدخل مقر هيئة الأركان العامة في دمشق.",
            "ar",
            date(2025, 7, 16),
        ),
        (
            "Des avions israéliens ont frappé samedi des lanceurs de roquettes près de Nabatiyé. "
            "L'armée israélienne a dit que ses avions avaient frappé quelque 400 lanceurs.",
            "fr",
            date(2024, 9, 21),
        ),
    ],
)
def test_a_state_that_says_it_struck_claims_its_strike(extractor, text, lang, published):
    (event,) = _events(extractor, text, lang, published)
    assert (event.actors, event.claimed_by) == (["Israel"], ["Israel"])


def test_blame_for_these_attacks_stays_with_the_paragraphs_attacks(extractor):
    text = (
        "L'armée israélienne a frappé samedi des lanceurs de roquettes dans le sud du Liban.\n\n"
        "Des milliers de bipeurs ont explosé mardi à travers le Liban, faisant 12 morts. "
        "Le Hezbollah a imputé ces attaques à Israël."
    )
    events = {e.location.name: e for e in _events(extractor, text, "fr")}
    assert events["Lebanon"].attributed_to == ["Israel"]
    assert all(e.attributed_to == [] for name, e in events.items() if name != "Lebanon")
