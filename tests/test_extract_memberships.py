"""Memberships (stated, hedged, negated, vague) and newly introduced groups.

Snippets are hand-written for these tests (not taken from the dev set)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

IRI = "Islamic Resistance in Iraq"


def _run(extractor, text, published=date(2024, 2, 1)):
    return extractor.extract(Document("t", text, published=published, lang="en"))


def _pairs(result):
    return {(m.member, m.umbrella): m for m in result.memberships}


def test_memberships_stated_membership_is_confirmed(extractor):
    text = (
        "Kataib Sayyid al-Shuhada, one of the factions that make up the Islamic Resistance in Iraq, "
        "said on Tuesday that it would keep up pressure on US forces."
    )
    pairs = _pairs(_run(extractor, text))
    assert ("Kataib Sayyid al-Shuhada", IRI) in pairs
    assert pairs[("Kataib Sayyid al-Shuhada", IRI)].confidence == "confirmed"


def test_memberships_hedged_membership_is_likely(extractor):
    text = (
        "Analysts said Harakat Hezbollah al-Nujaba is very likely part of the Islamic Resistance in "
        "Iraq, although the group has never said so publicly."
    )
    pairs = _pairs(_run(extractor, text))
    assert ("Harakat Hezbollah al-Nujaba", IRI) in pairs
    assert pairs[("Harakat Hezbollah al-Nujaba", IRI)].confidence == "likely"


def test_memberships_negated_membership_is_absent(extractor):
    text = (
        "Asaib Ahl al-Haq denied on Sunday being part of the Islamic Resistance in Iraq and said it "
        "had no role in recent attacks on US forces."
    )
    pairs = _pairs(_run(extractor, text))
    assert ("Asaib Ahl al-Haq", IRI) not in pairs


def test_memberships_vague_ties_are_absent(extractor):
    text = (
        "Kataib Hezbollah, which has close ties with Iran's IRGC Quds Force, has been accused of leading the campaign."
    )
    result = _run(extractor, text)
    assert not any(
        m.member == "Kataib Hezbollah" and m.umbrella in ("IRGC Quds Force", "IRGC") for m in result.memberships
    )


def test_memberships_proxy_of_is_absent(extractor):
    text = "US officials describe Kataib Sayyid al-Shuhada as a proxy of the IRGC."
    result = _run(extractor, text)
    assert not any(m.member == "Kataib Sayyid al-Shuhada" and m.umbrella == "IRGC" for m in result.memberships)


def test_memberships_pmf_brigade_registration(extractor):
    text = (
        "Kataib Hezbollah, whose fighters are registered as brigades 45, 46 and 47 of the Popular "
        "Mobilization Forces, receives state salaries."
    )
    pairs = _pairs(_run(extractor, text))
    assert ("Kataib Hezbollah", "Popular Mobilization Forces") in pairs


def test_memberships_evidence_span_matches_text(extractor):
    text = (
        "Kataib Sayyid al-Shuhada, one of the factions that make up the Islamic Resistance in Iraq, "
        "said on Tuesday that it would keep up pressure on US forces."
    )
    result = _run(extractor, text)
    assert result.memberships
    for m in result.memberships:
        assert m.evidence
        for ev in m.evidence:
            assert text[ev.start : ev.end] == ev.text


def test_memberships_unknown_group_is_proposed_as_new_actor(extractor):
    text = (
        "A previously unknown group calling itself Saraya Thar al-Nakhil claimed a drone attack on "
        "Harir air base on Friday in a statement on Telegram."
    )
    result = _run(extractor, text, date(2024, 2, 5))
    names = [a.name for a in result.new_actors]
    assert "Saraya Thar al-Nakhil" in names
    assert len(result.events) == 1
    assert "Saraya Thar al-Nakhil" in result.events[0].claimed_by
    for actor in result.new_actors:
        for ev in actor.evidence:
            assert text[ev.start : ev.end] == ev.text


def test_memberships_french_appositions_of_a_core_member(extractor):
    for text, member in (
        (
            "Les Kataeb Hezbollah, colonne vertébrale de la Résistance islamique en Irak, disposeraient de "
            "dépôts d'armes au sud de Bagdad.",
            "Kataib Hezbollah",
        ),
        (
            "Harakat al-Nujaba, l'une des factions de la Résistance islamique en Irak, a menacé Washington.",
            "Harakat Hezbollah al-Nujaba",
        ),
    ):
        result = extractor.extract(Document("t", text, published=date(2024, 2, 1), lang="fr"))
        assert (member, IRI) in _pairs(result), text


def test_memberships_members_of_said_of_people_state_no_affiliation(extractor):
    text = (
        "The Syrian Observatory for Human Rights reported that a drone targeted a vehicle carrying members of "
        "the Kataib Hezbollah militia near Albu Kamal at dawn today, killing four militiamen."
    )
    assert _pairs(_run(extractor, text)) == {}
    stated = "Kataib Sayyid al-Shuhada fighters are members of the Islamic Resistance in Iraq, the group said."
    assert ("Kataib Sayyid al-Shuhada", IRI) in _pairs(_run(extractor, stated))


def test_memberships_a_place_that_includes_units_states_no_affiliation(extractor):
    for text, lang in (
        (
            "Rockets hit the Victory base, which includes units of the Iraqi army and the Popular Mobilization "
            "Forces, on Tuesday.",
            "en",
        ),
        ("وقال المصدر إن انفجارات عنيفة وقعت داخل القاعدة التي تضم مقرات للجيش العراقي والحشد الشعبي في بابل.", "ar"),
    ):
        result = extractor.extract(Document("t", text, published=date(2024, 2, 1), lang=lang))
        assert _pairs(result) == {}, text
    umbrella = "The Islamic Resistance in Iraq, which includes Kataib Hezbollah, claimed the attack."
    assert ("Kataib Hezbollah", IRI) in _pairs(_run(extractor, umbrella))


def _pairs_of(extractor, text):
    from claimgraph.models import Document

    out = extractor.extract(Document("t", text, published=date(2024, 3, 1)))
    return sorted((m.member, m.umbrella) for m in out.memberships)


def test_memberships_an_adjective_faction_of(extractor):
    text = (
        "Sanctioned by Washington in 2009, Kataib Hezbollah is a hardline armed faction of the "
        "Islamic Resistance in Iraq."
    )
    assert _pairs_of(extractor, text) == [("Kataib Hezbollah", "Islamic Resistance in Iraq")]


def test_memberships_umbrella_taken_up_again_is_composed_of(extractor):
    text = (
        "The Islamic Resistance in Iraq claimed the launch. The umbrella group of Tehran-aligned militias active "
        "in Iraq and Syria is composed of Kataib Hezbollah, Harakat Hezbollah al-Nujaba and Kataib Sayyid al-Shuhada."
    )
    assert _pairs_of(extractor, text) == [
        ("Harakat Hezbollah al-Nujaba", "Islamic Resistance in Iraq"),
        ("Kataib Hezbollah", "Islamic Resistance in Iraq"),
        ("Kataib Sayyid al-Shuhada", "Islamic Resistance in Iraq"),
    ]


def test_memberships_branch_of(extractor):
    text = "Washington says the Quds Force, a branch of the Islamic Revolutionary Guard Corps, arms the factions."
    assert ("IRGC Quds Force", "IRGC") in _pairs_of(extractor, text)


def test_memberships_second_umbrella_in_a_coordinated_predicate(extractor):
    text = (
        "Harakat Hezbollah al-Nujaba is part of the Popular Mobilization Forces, and is believed to be one of the "
        "main factions of the Islamic Resistance in Iraq."
    )
    assert _pairs_of(extractor, text) == [
        ("Harakat Hezbollah al-Nujaba", "Islamic Resistance in Iraq"),
        ("Harakat Hezbollah al-Nujaba", "Popular Mobilization Forces"),
    ]
