"""Memberships stated with the umbrella first and its members counted or identified after it: "a coalition ... that
counts X and Y among its members", "analysts identify X, Y and Z as its core". Texts written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _pairs(extractor, text):
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 2, 1)))
    return {(m.member, m.umbrella) for m in out.memberships}


def test_a_coalition_that_counts_groups_among_its_members(extractor):
    text = (
        "The Islamic Resistance in Iraq, a coalition of Iran-aligned Iraqi armed factions that counts Kataib "
        "Hezbollah and Harakat al-Nujaba among its members, said on Sunday that its fighters had sent drones at "
        "a base in Syria."
    )
    assert {
        ("Kataib Hezbollah", "Islamic Resistance in Iraq"),
        ("Harakat Hezbollah al-Nujaba", "Islamic Resistance in Iraq"),
    } <= _pairs(extractor, text)


def test_groups_identified_as_its_core(extractor):
    text = (
        'The "Islamic Resistance in Iraq" is the banner under which Iran-aligned factions have claimed attacks since '
        "October 2023; analysts identify Kataib Hezbollah, Harakat al-Nujaba and Kataib Sayyid al-Shuhada as its core."
    )
    assert {
        ("Kataib Hezbollah", "Islamic Resistance in Iraq"),
        ("Harakat Hezbollah al-Nujaba", "Islamic Resistance in Iraq"),
        ("Kataib Sayyid al-Shuhada", "Islamic Resistance in Iraq"),
    } <= _pairs(extractor, text)


def test_counting_attacks_states_no_membership(extractor):
    text = "The Pentagon counts more than 150 attacks by Kataib Hezbollah and other groups since October."
    assert _pairs(extractor, text) == set()


INFOBOX = """Islamic Resistance in Iraq
From Wikipedia, the free encyclopedia

Islamic Resistance in Iraq
Active: 2023–present
Part of: Axis of Resistance
Groups: Kataib Hezbollah; Harakat Hezbollah al-Nujaba; Kataib Sayyid al-Shuhada

The Islamic Resistance in Iraq is a name under which Iran-aligned factions claim attacks.
"""


def test_an_encyclopaedic_pages_infobox(extractor):
    assert {
        ("Islamic Resistance in Iraq", "Axis of Resistance"),
        ("Kataib Hezbollah", "Islamic Resistance in Iraq"),
        ("Harakat Hezbollah al-Nujaba", "Islamic Resistance in Iraq"),
        ("Kataib Sayyid al-Shuhada", "Islamic Resistance in Iraq"),
    } <= _pairs(extractor, INFOBOX)


def test_a_groups_line_under_a_title_that_names_no_group_states_nothing(extractor):
    text = (
        "Attacks on Ain al-Asad Airbase\n\n"
        "Groups: Kataib Hezbollah; Harakat Hezbollah al-Nujaba; Islamic Resistance in Iraq\n"
    )
    assert _pairs(extractor, text) == set()
