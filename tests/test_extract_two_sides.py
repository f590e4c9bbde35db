"""Two sides' attacks told in one report: the state's strike, named only by its country, and the armed
group's attack on a town of that country. Neither lends the other its weapon, its target or its attacker."""

from datetime import date

from claimgraph.extract.handdown import hand_down_drafts
from claimgraph.models import Document

REPORT = (
    "American warplanes bombed three depots used by Kataib Hezbollah and allied groups in Iraq on March 3.\n\n"
    "Hours before, Kataib Hezbollah fighters had attacked US troops at Erbil, wounding two soldiers.\n\n"
    "Officials said the American airstrikes destroyed the depots and probably killed several fighters."
)


def _events(extractor, text):
    out = extractor.extract(Document(id="t", text=text, published=date(2024, 3, 4), lang="en"))
    return {e.location.name: e for e in out.events}


def test_the_strike_and_the_attack_stay_two_events_with_their_own_sides(extractor):
    events = _events(extractor, REPORT)
    assert set(events) == {"Iraq", "Erbil"}
    strike, attack = events["Iraq"], events["Erbil"]
    assert strike.actors == ["US forces"] and strike.weapons == ["aircraft"] and strike.target == "Kataib Hezbollah"
    # the airstrikes told after the attack are the strike's, not the militia's weapon
    assert attack.actors == ["Kataib Hezbollah"] and attack.weapons == [] and attack.sub_event_type == "Attack"
    assert attack.target == "US forces" and attack.injuries == 2


def test_a_groups_fighters_who_attacked_are_its_attackers_not_its_losses(extractor):
    events = _events(extractor, "On March 3, Kataib Hezbollah fighters attacked US troops at Erbil.")
    assert events["Erbil"].actors == ["Kataib Hezbollah"] and events["Erbil"].target == "US forces"
    events = _events(extractor, "On March 3, a US strike near Erbil killed three Kataib Hezbollah fighters.")
    assert events["Erbil"].target == "Kataib Hezbollah"


def test_a_country_draft_hands_nothing_down_to_another_attackers_event(extractor):
    from claimgraph.extract.drafts import Draft
    from claimgraph.extract.units import Unit
    from claimgraph.models import DateValue
    from claimgraph.nlp.pipeline import Mention

    unit = Unit(index=0, start=0, end=1, text="x", paragraph=0, sentences=[0], mentions=[])
    day = DateValue(date(2024, 3, 3))

    def draft(key, perps, weapons=()):
        d = Draft(place=Mention("PLACE", key, 0, 1, key, 0), date=day, unit=unit, perpetrators=list(perps))
        d.weapons = list(weapons)
        return d

    country, town = draft("country-iraq", ["us-forces"], ["aircraft"]), draft("erbil", ["kataib-hezbollah"])
    hand_down_drafts([country, town], extractor.kb.places)
    assert town.weapons == [] and town.perpetrators == ["kataib-hezbollah"]
    country, town = draft("country-iraq", ["us-forces"], ["aircraft"]), draft("erbil", [])
    hand_down_drafts([country, town], extractor.kb.places)
    # the strike told coarsely, then at its site
    assert town.weapons == ["aircraft"] and town.perpetrators == ["us-forces"]


def test_a_coarse_sentence_of_several_sites_gives_its_attacker_to_each_site_told_next(extractor):
    text = (
        "On January 4, the Islamic Resistance in Iraq attacked two bases of the US military in Syria with drones.\n"
        "The first attack targeted a training camp near al-Rukban, while the second hit the Green Village base "
        "in the al-Omar oil field.\n"
    )
    events = _events(extractor, text)
    assert {e.location.name for e in events.values()} >= {"Rukban", "Al-Omar oil field"}
    assert all(e.actors == ["Islamic Resistance in Iraq"] for e in events.values())


def test_a_toll_of_the_past_weeks_is_no_events_toll(extractor):
    text = (
        "The Islamic Resistance in Iraq said on Sunday it launched drones at the Golan Heights. "
        "In the past two weeks, Israeli operations in Lebanon have resulted in the deaths of more than 2,000 people."
    )
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 10, 14)))
    assert [(e.location.name, e.fatalities) for e in out.events] == [("Golan Heights", None)]
