"""Which weapon an operation was carried out with, and so its type: drones launched with rockets or missiles make
a missile attack; a weapon told for one operation is carried to the operations the same statement names after it
("One of those attacks, on Tower 22"), but not to further operations ("the fighters also targeted ...") nor to
operations of another day, whose weapon is then not told (Attack, as the dev-set conventions code it).
Hand-written snippets."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.extract.drafts import sub_event_type
from claimgraph.models import Document


@pytest.mark.parametrize(
    ("weapons", "expected"),
    [
        (["drone"], "Air/drone strike"),
        (["aircraft"], "Air/drone strike"),
        (["aircraft", "missile"], "Air/drone strike"),  # jets that fired missiles: an air strike
        (["drone", "rocket"], "Shelling/artillery/missile attack"),  # a barrage of rockets and drones
        (["ballistic_missile", "drone"], "Shelling/artillery/missile attack"),
        (["drone", "cruise_missile"], "Shelling/artillery/missile attack"),
        (["rocket"], "Shelling/artillery/missile attack"),
        ([], "Attack"),
    ],
)
def test_the_type_follows_the_weapons(weapons, expected):
    assert sub_event_type(weapons) == expected


def _events(extractor, text: str, lang: str = "en"):
    result = extractor.extract(Document(id="t", text=text, published=date(2024, 1, 10), lang=lang))
    return {e.location.place_id: e for e in result.events}


def test_rockets_and_drones_at_one_town_are_a_missile_attack(extractor):
    events = _events(extractor, "Hezbollah fired rockets and drones at the Israeli town of Metula on Tuesday.")
    assert events["metula"].sub_event_type == "Shelling/artillery/missile attack"


def test_the_same_statement_carries_its_weapon_to_the_sites_it_lists(extractor):
    text = (
        "The Islamic Resistance in Iraq said it launched drones at US bases in Syria on Monday.\n\n"
        "In its statement, the group said its fighters had struck al-Tanf and al-Shaddadi."
    )
    events = _events(extractor, text)
    assert events["al-tanf"].weapons == ["drone"] and events["al-shaddadi"].weapons == ["drone"]


@pytest.mark.parametrize(
    ("text", "lang", "first", "further"),
    [
        (
            "The Islamic Resistance in Iraq said it attacked the Harir base with a drone on Monday. Early Monday, the "
            "fighters also targeted a US base at the Conoco gas field in Syria.",
            "en",
            "harir-air-base",
            "conoco-gas-field",
        ),
        (
            "أعلنت المقاومة الإسلامية في العراق استهداف قاعدة حرير بطائرة مسيرة يوم الاثنين. كما استهدف مجاهدوها "
            "قاعدة التنف يوم الاثنين.",
            "ar",
            "harir-air-base",
            "al-tanf",
        ),
    ],
)
def test_further_operations_do_not_take_the_weapon_told_before(extractor, text, lang, first, further):
    events = _events(extractor, text, lang)
    assert events[first].weapons == ["drone"]
    assert events[further].weapons == [] and events[further].sub_event_type == "Attack"


def test_an_operation_of_another_day_does_not_take_the_weapon(extractor):
    text = (
        "The Islamic Resistance in Iraq said it launched drones at the Harir base on Monday.\n\n"
        "On Sunday, the group targeted al-Tanf, it said in an earlier statement."
    )
    events = _events(extractor, text)
    assert events["harir-air-base"].weapons == ["drone"]
    assert events["al-tanf"].weapons == []


def test_an_arabic_air_targeting_is_an_air_strike(extractor):
    text = "شنت القوات الأمريكية يوم الجمعة هجمات على مواقع الفصائل، وطال الاستهداف الجوى مواقع في القائم يوم الجمعة."
    events = _events(extractor, text, "ar")
    assert events["al-qaim"].weapons == ["aircraft"] and events["al-qaim"].sub_event_type == "Air/drone strike"


def test_a_state_that_bombed_a_place_struck_from_the_air(extractor):
    events = _events(extractor, "Israel bombed the Sayyida Zeinab area on Monday, killing an adviser.")
    (e,) = events.values()
    assert e.weapons == ["aircraft"] and e.sub_event_type == "Air/drone strike" and e.actors == ["Israel"]
