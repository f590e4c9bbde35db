"""A ship named in several sentences: its name however the text introduces it, and the author of the attack on it
told in another sentence (or the headline) than the one that places the attack. Hand-written snippets."""

from __future__ import annotations

from datetime import date

from claimgraph.extract.sea import find_vessels
from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2024, 3, 7)):
    return extractor.extract(Document(id="t", text=text, published=published, lang="en")).events


def test_a_ships_name_after_its_flag_or_its_tonnage():
    names = [v.name for v in find_vessels("The Panama-flagged Sea Falcon was abandoned after the strike.")]
    assert names == ["Sea Falcon"]
    assert [v.name for v in find_vessels("The 45,000-dwt Ocean Pearl went down on Saturday.")] == ["Ocean Pearl"]
    # a title-cased headline's verb is not a name, nor is a ship manager
    assert find_vessels("Cargo Ship Hit By Drone In Red Sea") == [] or all(
        v.name is None for v in find_vessels("Cargo Ship Hit By Drone In Red Sea")
    )
    assert all(v.name != "Management" for v in find_vessels("It is run by Blue Ship Management of Athens."))


def test_the_attacker_of_a_named_ship_told_in_another_sentence(extractor):
    text = (
        "The tanker Ocean Pearl was hit at about 22:00 on Sunday, about 20 nautical miles west of Mokha. "
        "The crew left the ship. The Ocean Pearl is the second vessel to sink after suffering an attack by the Houthis."
    )
    (e,) = _events(extractor, text)
    assert e.actors == ["Houthis"] and e.vessel is not None and e.vessel.name == "Ocean Pearl"


def test_the_attacker_of_a_ship_named_in_the_headline(extractor):
    text = (
        "Cargo Ship Hit By Houthi Missile Off Aden\n\n"
        "The Panama-flagged Sea Falcon was abandoned on Wednesday.\n\n"
        "The attack on the Sea Falcon occurred on Wednesday, when the bulk carrier was in the Gulf of Aden, "
        "about 20 nautical miles south-west of Aden."
    )
    events = _events(extractor, text)
    assert events and all(e.actors == ["Houthis"] for e in events)
    assert all(e.target == "civilians" for e in events)  # the sentence's "bulk carrier" is kept as its type


def test_a_ship_with_no_attacker_anywhere_keeps_none(extractor):
    text = "The Sea Falcon was hit on Wednesday about 20 nautical miles west of Mokha. The crew is safe."
    (e,) = _events(extractor, text)
    assert e.actors == []


def test_an_actor_named_before_the_hijacking_is_its_author(extractor):
    text = "The car carrier Galaxy Leader was the target of a Houthi hijacking off Hodeidah on 19 November."
    (e,) = _events(extractor, text, published=date(2023, 11, 21))
    assert e.actors == ["Houthis"] and e.target != "Houthis"
