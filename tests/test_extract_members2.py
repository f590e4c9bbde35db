"""Memberships: lists that end at the next umbrella, 'alongside', chains, second cues, pronouns, Arabic formulas.

Sentences are written for these tests (not taken from any real text)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

IRI = "Islamic Resistance in Iraq"
AXIS = "Axis of Resistance"
KH = "Kataib Hezbollah"
NUJ = "Harakat Hezbollah al-Nujaba"
PMF = "Popular Mobilization Forces"
ISF = "Iraqi security forces"


def _pairs(extractor, text, lang="en"):
    out = extractor.extract(Document("t", text, published=date(2024, 5, 2), lang=lang))
    return {(m.member, m.umbrella) for m in out.memberships}


def test_a_such_as_list_stops_at_the_next_umbrella(extractor):
    text = (
        "The IRI, a name for Tehran's partners in Iraq such as Kataib Hezbollah and Nujaba, "
        "is part of the Axis of Resistance alongside Lebanon's Hezbollah, the Houthis and other groups."
    )
    pairs = _pairs(extractor, text)
    assert (KH, IRI) in pairs and (NUJ, IRI) in pairs
    assert (IRI, AXIS) in pairs
    assert ("Hezbollah (Lebanon)", AXIS) in pairs and ("Houthis", AXIS) in pairs
    # the groups after the second umbrella are not members of the first, and the KB's chain is not a pair
    assert ("Hezbollah (Lebanon)", IRI) not in pairs and ("Houthis", IRI) not in pairs
    assert (KH, AXIS) not in pairs and (NUJ, AXIS) not in pairs


def test_alongside_after_the_umbrella_names_co_members(extractor):
    text = "Kataib Hezbollah is a member of the Axis of Resistance, alongside the Houthis in Yemen."
    pairs = _pairs(extractor, text)
    assert (KH, AXIS) in pairs and ("Houthis", AXIS) in pairs


def test_it_opening_a_sentence_is_the_group_the_last_one_was_about(extractor):
    text = (
        "The IRI is a name used for Iran's allies in Iraq, among them groups such as Kataib Hezbollah and Nujaba. "
        "It is a leading part of the Axis of Resistance, which also includes the Houthis."
    )
    pairs = _pairs(extractor, text)
    assert (IRI, AXIS) in pairs and ("Houthis", AXIS) in pairs
    assert (KH, AXIS) not in pairs and (NUJ, AXIS) not in pairs


def test_a_second_cue_integrated_into_reads_the_appositive(extractor):
    text = (
        "The drones were launched by the Islamic Resistance in Iraq, a loose network of militias close to the "
        "Hashed al-Shaabi, a body of ex-paramilitaries since integrated into Iraq's regular armed forces."
    )
    assert (PMF, ISF) in _pairs(extractor, text)


def test_a_second_cue_after_a_first_membership(extractor):
    text = (
        "Nujaba fighters are part of the PMF, an alliance of mostly pro-Iran paramilitaries now folded into "
        "Iraq's regular security forces."
    )
    pairs = _pairs(extractor, text)
    assert (NUJ, PMF) in pairs and (PMF, ISF) in pairs


def test_it_is_one_of_several_generic_militias_that_are_part_of(extractor):
    text = (
        "Kataib Hezbollah vowed to keep up its attacks. It is one of many Iran-backed militias in Iraq that are "
        "also part of the Popular Mobilization Forces."
    )
    assert (KH, PMF) in _pairs(extractor, text)


def test_arabic_affiliated_to(extractor):
    text = "قالت حركة النجباء، التابعة لـ«المقاومة الإسلامية في العراق»، إنها ستواصل عملياتها ضد القواعد."
    assert (NUJ, IRI) in _pairs(extractor, text, "ar")


def test_arabic_masculine_includes_and_iraqi_hezbollah(extractor):
    text = "وتبنى الضربة ما يسمى «المقاومة الإسلامية في العراق» الذي يضم النجباء وحزب الله العراقي وفصائل أخرى."
    pairs = _pairs(extractor, text, "ar")
    assert (NUJ, IRI) in pairs and (KH, IRI) in pairs
    assert ("Hezbollah (Lebanon)", IRI) not in pairs


def test_arabic_integrated_in_official_forces(extractor):
    text = "أصيب قائد في الحشد الشعبي، وهو تحالف فصائل باتت منضوية في القوات المسلحة العراقية."
    assert (PMF, ISF) in _pairs(extractor, text, "ar")
