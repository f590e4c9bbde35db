"""The fronts' statements that list several operations, lists of villages struck, and the false matches
of the fronts' places and actors — hand-written snippets."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.kb import KBError, load_kb
from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2024, 3, 5), lang: str = "en"):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang)).events


def _by_place(events):
    return {e.location.name: e for e in events if e.location}


# -- an Arabic alias that is also a common word ----------------------------------------------------------------------
def test_an_arabic_alias_that_is_also_a_word_is_not_the_place(extractor):
    # "جويًا" (by air) is written like Jouaiyya's Arabic name
    events = _events(
        extractor,
        "وشنت المقاومة هجومًا جويًا على مقر القيادة في ليمان بمسيرة انقضاضية يوم السبت.",
        date(2024, 3, 2),
        "ar",
    )
    assert "Jouaiyya" not in _by_place(events)
    assert "Liman" in _by_place(events)
    events = _events(extractor, "شنت إسرائيل قصفا جويا من اتجاه الجولان فجر اليوم.", date(2024, 3, 2), "ar")
    assert "Jouaiyya" not in _by_place(events)


def test_the_same_alias_after_a_place_word_is_the_place(extractor):
    events = _events(
        extractor,
        "قتل ثلاثة أشخاص بغارة إسرائيلية على بلدة جويا في جنوب لبنان يوم السبت.",
        date(2024, 3, 2),
        "ar",
    )
    e = _by_place(events)["Jouaiyya"]
    assert e.actors == ["Israel"]  # "بغارة إسرائيلية": by an Israeli strike, not a target
    assert e.target != "Israel"


def test_common_words_must_be_aliases_of_the_place(tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text(
        '[[places]]\nid = "p1"\nname = "Qaryat X"\nkind = "town"\nlat = 33.1\nlon = 35.2\ncountry = "LB"\n'
        'aliases_ar = ["قرية"]\ncommon_words = ["جويا"]\n',
        encoding="utf-8",
    )
    with pytest.raises(KBError, match="common_words entry 'جويا' is not the name or an alias"):
        load_kb([bad])


# -- statements that list several operations -------------------------------------------------------------------------
def test_each_operation_a_statement_lists_is_an_event_claimed_by_the_group(extractor):
    events = _events(
        extractor,
        "Hezbollah said in a statement on Tuesday that its fighters had carried out several operations against "
        "Israeli positions. At 09:45, they targeted the Ruwaisat al-Alam site with guided missiles. At 13:20, "
        "they targeted the Shomera barracks with an attack drone. At 17:05, they targeted the Jal al-Alam site "
        "with rocket weapons.",
    )
    places = _by_place(events)
    assert set(places) == {"Ruwaisat al-Alam", "Shomera barracks", "Jal al-Alam"}
    for e in places.values():
        assert e.claimed_by == ["Hezbollah (Lebanon)"] and e.date.value == date(2024, 3, 5)
        assert [c.claimant for c in e.claims] == ["Hezbollah (Lebanon)"] and e.claims[0].channel == "statement"
    assert places["Shomera barracks"].weapons == ["drone"] and places["Jal al-Alam"].weapons == ["rocket"]


def test_a_list_ends_at_another_party(extractor):
    events = _events(
        extractor,
        "Hezbollah said in a statement on Tuesday that its fighters targeted the Hanita site with rockets. "
        "At 15:10, an Israeli drone struck a car in Naqoura, killing two people.",
    )
    places = _by_place(events)
    assert places["Hanita"].claimed_by == ["Hezbollah (Lebanon)"]
    assert places["Naqoura"].claimed_by == [] and places["Naqoura"].actors == ["Israel"]


def test_an_arabic_statement_lists_its_operations_by_the_hour(extractor):
    text = (
        "أعلن حزب الله في بيانات متتالية يوم الأحد أن مجاهديه استهدفوا:\n"
        "- عند الساعة 11:15 موقع حدب يارون بالأسلحة الصاروخية.\n"
        "- عند الساعة 16:40 ثكنة زبدين بمسيرة انقضاضية.\n"
    )
    places = _by_place(_events(extractor, text, date(2024, 3, 3), "ar"))
    assert set(places) == {"Hadab Yaroun", "Zibdin site"}
    assert all(e.claimed_by == ["Hezbollah (Lebanon)"] for e in places.values())
    assert places["Hadab Yaroun"].weapons == ["rocket"] and places["Zibdin site"].weapons == ["drone"]


def test_the_fighters_of_the_group_in_one_arabic_sentence_claim_each_site(extractor):
    text = (
        "استهدف مجاهدو المقاومة الإسلامية يوم الأحد موقع جل الدير بالأسلحة الصاروخية عند الساعة 10:05، "
        "وثكنة شوميرا بمسيرة انقضاضية عند الساعة 12:30."
    )
    places = _by_place(_events(extractor, text, date(2024, 3, 3), "ar"))
    assert set(places) == {"Jal al-Deir", "Shomera barracks"}
    assert all(e.claimed_by == ["Hezbollah (Lebanon)"] for e in places.values())


def test_a_spokesman_listing_two_ships_gives_each_its_own_site_and_ship(extractor):
    events = _events(
        extractor,
        "Houthi military spokesman Yahya Saree said the group targeted the ship Sea Lantern in the Red Sea with "
        "a ballistic missile on Monday, and the ship Blue Heron in the Gulf of Aden with several drones.",
    )
    places = _by_place(events)
    assert places["Red Sea"].vessel.name == "Sea Lantern" and places["Gulf of Aden"].vessel.name == "Blue Heron"
    assert all(e.claimed_by == ["Houthis"] for e in places.values())


# -- the places a wave of strikes hit --------------------------------------------------------------------------------
def test_the_villages_a_wave_of_strikes_hit_are_each_an_event_of_the_state(extractor):
    events = _events(
        extractor,
        "On Thursday, Israel launched a wave of air strikes on villages north of the Litani river. The outskirts "
        "of Arnoun, Yohmor al-Shaqif and Zrariyeh were hit, causing fires, the National News Agency said.",
        date(2025, 6, 20),
    )
    places = _by_place(events)
    assert set(places) == {"Arnoun", "Yohmor al-Shaqif", "Zrariyeh"}
    for e in places.values():
        assert e.actors == ["Israel"] and e.sub_event_type == "Air/drone strike"
        assert e.date.value == date(2025, 6, 19)


def test_a_ministry_that_reports_a_strike_is_not_its_actor(extractor):
    (e,) = _events(
        extractor,
        "Two people were killed on Tuesday, according to Lebanon's Health Ministry, which said a drone struck a "
        "car in Arnoun.",
        date(2025, 6, 24),
    )
    assert "Lebanon" not in e.actors


def test_a_country_after_its_places_locates_them(extractor):
    events = _events(
        extractor,
        "Israel began its airstrikes on Lebanon on 23 September.\n\n"
        "- Type: Airstrike\n- Location: Haret Hreik, Dahieh, Lebanon\n- Map: Lebanon\n- Executed: 27 September 2024\n",
        date(2024, 9, 30),
    )
    for e in events:
        assert "Lebanon" not in e.actors


# -- the side a state's strikes hit ------------------------------------------------------------------------------------
def test_a_state_strike_with_no_target_hit_the_one_group_of_that_country(extractor):
    events = _events(
        extractor,
        "The Houthis have attacked shipping since November. On Friday, US and British jets struck Hodeidah and "
        "Dhamar, the rebels' Al-Masirah television said.",
        date(2024, 2, 3),
    )
    places = _by_place(events)
    assert places and all(e.target == "Houthis" for e in places.values())


def test_no_target_is_guessed_when_two_groups_of_the_country_are_named(extractor):
    events = _events(
        extractor,
        "Kataib Hezbollah and Harakat al-Nujaba have both claimed attacks. On Friday, US jets struck Jurf al-Sakhar.",
        date(2024, 2, 3),
    )
    assert events and all(e.target is None for e in events)


def test_an_army_position_hosts_the_forces_hezbollah_targets(extractor):
    (e,) = _events(extractor, "Hezbollah said it targeted the Birkat Risha site with rockets on Tuesday.")
    assert e.target == "Israel"
