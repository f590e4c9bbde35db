"""English reporting of the Red Sea, Lebanon and Syria fronts: who speaks is not who fired, a ship attacked
with no place of its own, wire datelines with a bracketed country, news placed "a day after" an earlier
attack, launch areas, crashes, districts — hand-written snippets."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2024, 6, 20)):
    return extractor.extract(Document(id="t", text=text, published=published, lang="en")).events


# -- who speaks is not who fired -----------------------------------------------------------------------------------
def test_a_military_saying_another_group_fired_is_not_the_perpetrator(extractor):
    (e,) = _events(extractor, "The Israeli army said Hezbollah fired four rockets at Metula on Wednesday.")
    assert e.actors == ["Hezbollah (Lebanon)"]


def test_a_command_reporting_a_missile_at_a_tanker_is_not_its_author(extractor):
    (e,) = _events(
        extractor,
        "The US military said earlier today that Houthi forces fired a missile at a tanker in the Gulf of Aden.",
    )
    assert e.actors == ["Houthis"]
    assert e.claimed_by == []


def test_a_state_saying_it_struck_stays_the_perpetrator(extractor):
    (e,) = _events(extractor, "The Israeli army said its jets struck a Hezbollah depot in Aitaroun on Wednesday.")
    assert "Israel" in e.actors


def test_the_maritime_trade_agency_is_not_a_party(extractor):
    (e,) = _events(
        extractor,
        "The UK Maritime Trade Operations announced on Wednesday that a bulk carrier was hit by a projectile "
        "40 nautical miles west of Hodeidah.",
    )
    assert e.actors == []
    assert e.sub_event_type == "Attack"


# -- a ship attacked with no place of its own -----------------------------------------------------------------------
def test_a_ship_attacked_with_no_place_is_at_the_sea_the_paragraph_named(extractor):
    events = _events(
        extractor,
        "Sailors from a freighter abandoned in the Red Sea were brought ashore in Djibouti. "
        "The Liberian-flagged Ocean Pearl cargo vessel was attacked on June 16 by the Houthis with drones.",
    )
    (e,) = [e for e in events if e.date and e.date.iso() == "2024-06-16"]
    assert e.location.name == "Red Sea"
    assert e.actors == ["Houthis"]


def test_an_undated_ship_with_no_place_is_no_new_event(extractor):
    events = _events(
        extractor,
        "Houthi missiles struck a tanker in the Red Sea on Monday. Insurers said the vessel had been attacked before.",
    )
    assert len(events) == 1


# -- a wire dateline with the country in brackets -------------------------------------------------------------------
def test_a_wire_dateline_with_a_bracketed_country_is_no_site(extractor):
    events = _events(
        extractor,
        "Haifa [Israel], June 19 (ANI/TPS): Hezbollah launched drones at Kiryat Shmona on Wednesday, the army said.",
    )
    assert [e.location.name for e in events] == ["Kiryat Shmona"]


# -- a state's military acknowledging its strikes ------------------------------------------------------------------
def test_a_state_s_military_saying_it_struck_acknowledges_the_strike(extractor):
    (e,) = _events(extractor, "Israel's military said it struck the port of Hodeidah on Wednesday.")
    assert e.claimed_by == ["Israel"]


# -- the news placed "a day after" an earlier attack -----------------------------------------------------------------
def test_news_that_comes_a_day_after_an_attack_keeps_the_narrative_on_its_own_day(extractor):
    events = _events(
        extractor,
        "The raids come a day after the Houthis fired two drones towards Eilat.\n\n"
        "Israel's military said its jets struck the port of Ras Isa and a power plant in Hodeidah.",
    )
    days = {e.location.name: e.date.iso() for e in events}
    assert days["Hodeidah"] == "2024-06-20"


# -- where the rocket was launched from, a crash, a district ---------------------------------------------------------
def test_the_area_a_rocket_was_launched_from_is_no_site(extractor):
    events = _events(
        extractor,
        "The army said a rocket hit a football pitch in Metula on Wednesday, blaming the militia for the attack "
        "and launching the rocket from an area east of the village of Kfar Kila.",
    )
    assert [e.location.name for e in events] == ["Metula"]


def test_a_drone_crashing_after_a_technical_malfunction_is_no_attack(extractor):
    events = _events(
        extractor,
        "An Israeli drone crashed after a technical malfunction and exploded near a house in Aitaroun on Wednesday.",
    )
    assert events == []


def test_a_district_named_after_a_village_only_locates_it(extractor):
    events = _events(
        extractor,
        "An Israeli drone struck a motorbike near Aitaroun in the Nabatieh district on Wednesday, killing one man.",
    )
    assert [e.location.name for e in events] == ["Aitaroun"]


def test_a_state_s_wire_agency_reporting_a_drone_strike_is_not_its_author(extractor):
    (e,) = _events(
        extractor, "Lebanon's NNA reported that an enemy drone targeted a car in Aitaroun on Wednesday morning."
    )
    assert "Lebanon" not in e.actors


# -- a newspaper's name, an attack avenged, a headline's verb -------------------------------------------------------
def test_a_city_in_a_newspaper_s_name_is_no_site(extractor):
    events = _events(
        extractor,
        "Israeli jets struck fuel tanks at the port of Ras Isa on Wednesday evening, the Jerusalem Post reported.",
    )
    assert [e.location.name for e in events] == ["Ras Isa port"]


def test_the_attack_apparently_avenged_is_not_told_again(extractor):
    events = _events(
        extractor,
        "Israeli jets struck the port of Hodeidah on Wednesday in an apparent response to a drone attack on Eilat.",
    )
    assert [e.location.name for e in events] == ["Hodeidah"]


def test_a_headline_s_capitalised_verb_is_no_target_noun():
    from claimgraph.extract import cues

    assert not cues.shared("target_after").match(" Targets Yemeni Port of Hodeidah")
    assert not cues.shared("target_after").match(" Targets the Houthi Port of Ras Isa")
    assert cues.shared("target_after").match(" targets near Sanaa were hit")
