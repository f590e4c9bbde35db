"""Claims of responsibility and attributions (actor vs claimed_by).

Snippets are hand-written for these tests (not taken from the dev set)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

IRI = "Islamic Resistance in Iraq"
KH = "Kataib Hezbollah"
KSS = "Kataib Sayyid al-Shuhada"
NUJABA = "Harakat Hezbollah al-Nujaba"


def _run(extractor, text, published):
    return extractor.extract(Document("t", text, published=published, lang="en"))


def _only_event(result):
    assert len(result.events) == 1, [(e.location and e.location.name) for e in result.events]
    return result.events[0]


def test_claims_telegram_claim_is_recorded(extractor):
    text = (
        "Harakat Hezbollah al-Nujaba said in a post on its Telegram channel that its fighters had "
        "fired a drone at US forces at the Rumeilan landing zone in Syria on Monday."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 17)))
    assert event.claimed_by == [NUJABA]
    assert NUJABA in event.actors
    assert len(event.claims) == 1
    claim = event.claims[0]
    assert claim.claimant == NUJABA
    assert claim.channel == "telegram"
    assert claim.status == "issued"


def test_claims_no_group_claimed_gives_empty_lists(extractor):
    text = (
        "Three rockets landed near the US embassy in Baghdad early on Friday, Iraqi security "
        "officials said. No group claimed responsibility for the attack."
    )
    event = _only_event(_run(extractor, text, date(2023, 12, 9)))
    assert event.claimed_by == []
    assert event.actors == []
    assert event.claims == []


def test_claims_reissued_under_iri_brand_supersedes_first_claim(extractor):
    text = (
        "Kataib Sayyid al-Shuhada initially claimed a drone attack on the al-Omar oil field on "
        "Thursday. A few hours later the same claim was re-issued under the name of the Islamic "
        "Resistance in Iraq, and the first post was deleted."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 20)))
    assert set(event.claimed_by) == {KSS, IRI}
    assert {KSS, IRI} <= set(event.actors)
    claims = {c.claimant: c for c in event.claims}
    assert claims[KSS].status == "superseded"
    assert claims[IRI].status == "issued"
    assert claims[IRI].supersedes == claims[KSS].id


def test_claims_blamed_group_is_actor_and_attributed_not_claimant(extractor):
    text = (
        "The Islamic Resistance in Iraq claimed a drone attack on the al-Tanf garrison on Tuesday. "
        "US officials blamed Kataib Hezbollah for the strike."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 25)))
    assert event.claimed_by == [IRI]
    assert KH in event.actors and IRI in event.actors
    assert KH in event.attributed_to
    assert KH not in event.claimed_by
    attribution = {a.attributed_to: a for a in event.attributions}[KH]
    assert attribution.hedge in ("likely", "alleged")


def test_claims_attribution_without_any_claim(extractor):
    text = (
        "No group has claimed Wednesday's rocket attack on Harir air base, but two US officials said "
        "it bore the hallmarks of Kataib Hezbollah."
    )
    event = _only_event(_run(extractor, text, date(2024, 2, 2)))
    assert event.claimed_by == []
    assert event.attributed_to == [KH]
    assert event.actors == [KH]
    assert event.attributions[0].hedge != "confirmed"


def test_claims_likely_attribution_has_likely_hedge(extractor):
    text = (
        "A drone struck Tower 22 in north-eastern Jordan on Sunday. The Pentagon said the attack was "
        "likely carried out by Kataib Hezbollah."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 30)))
    assert KH in event.attributed_to
    assert KH not in event.claimed_by
    assert {a.attributed_to: a for a in event.attributions}[KH].hedge == "likely"


def test_claims_state_acknowledgement_of_own_strike_is_a_claim(extractor):
    text = (
        "US Central Command said on Wednesday that its forces had conducted a precision strike on a "
        "Kataib Hezbollah drone storage site near Jurf al-Sakhar earlier that day."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 25)))
    assert event.location.name == "Jurf al-Sakhar"
    assert "US forces" in event.actors
    assert "US forces" in event.claimed_by
    assert KH not in event.claimed_by
    assert event.target == KH


def test_claims_denial_is_not_a_claim(extractor):
    text = (
        "Rockets struck near Ain al-Asad air base on Monday. Kataib Hezbollah denied any involvement "
        "in the attack, which no group has claimed."
    )
    event = _only_event(_run(extractor, text, date(2024, 2, 7)))
    assert KH not in event.claimed_by
    assert event.claimed_by == []


def test_claims_two_claims_same_target_same_day_make_one_event(extractor):
    text = (
        "The Islamic Resistance in Iraq said it targeted the Conoco gas field with a drone on "
        "Saturday morning. In a second statement the same evening it said it had struck the Conoco "
        "base again, also with a drone."
    )
    result = _run(extractor, text, date(2024, 1, 8))
    event = _only_event(result)
    assert event.location.name == "Conoco gas field"
    assert event.claimed_by == [IRI]
    assert event.date.iso() == "2024-01-06"


def test_claims_statement_that_its_drones_hit_is_a_claim(extractor):
    text = (
        "Rockets and drones were fired at the Conoco gas field in eastern Syria on Thursday. In a statement, "
        "the Islamic Resistance in Iraq said its drones hit the base directly."
    )
    (event,) = extractor.extract(Document("t", text, published=date(2024, 2, 2), lang="en")).events
    assert event.claimed_by == ["Islamic Resistance in Iraq"]


def test_claims_announced_targeting_is_a_claim(extractor):
    text = "Kataib Sayyid al-Shuhada announced targeting the US base at Harir with a drone on Monday night."
    (event,) = extractor.extract(Document("t", text, published=date(2024, 1, 9), lang="en")).events
    assert event.claimed_by == ["Kataib Sayyid al-Shuhada"]
    assert event.location.name == "Harir Air Base"


def test_claims_officials_saying_a_group_was_responsible_is_an_attribution(extractor):
    text = (
        "A drone struck near Erbil airport on Saturday. US officials said Kataib Hezbollah was most likely "
        "responsible for the attack."
    )
    (event,) = extractor.extract(Document("t", text, published=date(2024, 1, 7), lang="en")).events
    assert event.attributed_to == ["Kataib Hezbollah"]
    assert event.claimed_by == []
    assert event.attributions[0].hedge == "likely"


def test_claims_umbrella_named_in_an_apposition_is_not_blamed(extractor):
    text = (
        "A rocket hit near the Victory base at Baghdad airport on Monday. US officials said the attack bore the "
        "hallmarks of Kataib Sayyid al-Shuhada, one of the factions operating under the Islamic Resistance in Iraq "
        "banner."
    )
    (event,) = extractor.extract(Document("t", text, published=date(2024, 9, 10), lang="en")).events
    assert event.attributed_to == ["Kataib Sayyid al-Shuhada"]


def _fr(extractor, text, published):
    return extractor.extract(Document("t", text, published=published, lang="fr"))


def test_claims_french_passive_claim_and_blame_in_a_follow_up(extractor):
    text = (
        "Dimanche, un drone a frappé la base de la Tour 22, en Jordanie, tuant trois militaires américains. "
        "L'attaque a été revendiquée par la Résistance islamique en Irak ; Washington l'a imputée aux Kataeb Hezbollah."
    )
    event = _only_event(_fr(extractor, text, date(2024, 1, 29)))
    assert event.claimed_by == [IRI]
    assert KH in event.attributed_to
    assert KH not in event.claimed_by


def test_claims_french_pronoun_follow_up_is_linked(extractor):
    text = (
        "Dimanche, un drone a frappé la base de la Tour 22, en Jordanie, tuant trois militaires américains. "
        "Elle a été revendiquée par la Résistance islamique en Irak."
    )
    assert _only_event(_fr(extractor, text, date(2024, 1, 29))).claimed_by == [IRI]


def test_claims_of_attacks_that_day_link_to_the_event(extractor):
    text = (
        "On Sunday a one-way drone struck the Tower 22 outpost in Jordan, killing three US soldiers. "
        "The Islamic Resistance in Iraq claimed attacks on several bases that day, and Washington blamed "
        "Kataib Hezbollah."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 29)))
    assert event.claimed_by == [IRI]
    assert KH in event.attributed_to


def test_claims_members_listed_in_an_apposition_do_not_claim(extractor):
    for listing in (
        "an umbrella of Iran-aligned factions that includes Kataib Hezbollah and Harakat al-Nujaba",
        "a coalition made up of Kataib Hezbollah, Nujaba and smaller factions",
    ):
        text = (
            "On Sunday a drone struck the Tower 22 outpost in Jordan. "
            f"The Islamic Resistance in Iraq, {listing}, said its fighters had launched the drone."
        )
        assert _only_event(_run(extractor, text, date(2024, 1, 29))).claimed_by == [IRI], listing


def test_claims_a_count_describing_the_claimant_does_not_hide_the_claim(extractor):
    text = (
        "A one-way drone slammed into the air base at Erbil International Airport on Monday, wounding three "
        "American service members. The drone attack was claimed by the Islamic Resistance in Iraq, a loose "
        "coalition that has taken responsibility for scores of attacks on U.S. forces in Iraq and Syria."
    )
    assert _only_event(_run(extractor, text, date(2023, 12, 26))).claimed_by == [IRI]


def test_claims_a_count_of_claims_alone_is_not_this_events_claim(extractor):
    text = (
        "A one-way drone slammed into the air base at Erbil International Airport on Monday, wounding three "
        "American service members. The Islamic Resistance in Iraq has claimed more than 100 attacks on US forces "
        "since October."
    )
    assert _only_event(_run(extractor, text, date(2023, 12, 26))).claimed_by == []


def test_claims_french_clitic_claim_the_same_day_links(extractor):
    text = (
        "Le 4 octobre, un drone lancé depuis l'Irak a tué deux soldats israéliens sur une base du nord du Golan. "
        "La Résistance islamique en Irak l'avait revendiquée le jour même."
    )
    assert _only_event(_fr(extractor, text, date(2024, 10, 10))).claimed_by == [IRI]


def test_claims_typographic_apostrophes_read_like_ascii_and_quotes_keep_them(extractor):
    text = (
        "Dimanche, un drone a frappé la base de la Tour 22, en Jordanie, tuant trois militaires américains. "
        "L’attaque a été revendiquée par la Résistance islamique en Irak ; Washington l’a imputée aux Kata’ib "
        "Hezbollah."
    )
    result = _fr(extractor, text, date(2024, 1, 29))
    event = _only_event(result)
    assert event.claimed_by == [IRI]
    assert KH in event.attributed_to
    # every quoted span is the original text, typographic apostrophe included
    kh = [m for m in result.mentions if m.actor_id and "hezbollah" in m.actor_id]
    assert [m.surface for m in kh] == ["Kata’ib Hezbollah"]
    quotes = list(event.evidence) + [ev for a in event.attributions for ev in a.evidence]
    assert quotes and all(text[ev.start : ev.end] == ev.text for ev in quotes)
    assert any("’" in ev.text for ev in quotes)


def test_claims_first_claim_and_reissue_in_one_sentence(extractor):
    text = (
        "A group calling itself Saraya Awliya al-Dam first claimed Monday's rocket attack on Victory "
        "Base near Baghdad airport, but the claim was later re-issued under the name of the Islamic "
        "Resistance in Iraq."
    )
    event = _only_event(_run(extractor, text, date(2024, 3, 5)))
    statuses = {c.claimant: c.status for c in event.claims}
    assert statuses == {"Saraya Awliya al-Dam": "superseded", IRI: "issued"}
    reissue = next(c for c in event.claims if c.claimant == IRI)
    assert reissue.supersedes == next(c.id for c in event.claims if c.claimant != IRI)


def test_claims_casualty_tally_is_not_an_aggregate_of_attacks(extractor):
    text = (
        "The drone attack on the al-Tanf garrison in Syria on Sunday killed three American troops "
        "and wounded 47, according to an updated US tally."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 31)))
    assert (event.fatalities, event.injuries) == (3, 47)


def test_claims_likely_behind_is_a_hedged_attribution(extractor):
    text = (
        "A drone attack hit the Conoco gas field in Deir ez-Zor on Monday. US officials said "
        "Kataib Hezbollah was likely behind the attack."
    )
    event = _only_event(_run(extractor, text, date(2024, 2, 6)))
    assert event.attributed_to == [KH] and event.claimed_by == []
    assert [(a.hedge, a.by) for a in event.attributions] == [("likely", "US officials")]


def test_claims_actor_in_a_new_clause_after_the_blame_is_not_blamed(extractor):
    text = (
        "A drone hit Tower 22 in Jordan on Sunday. President Joe Biden blamed Kataib Hezbollah and said "
        "the United States would respond."
    )
    event = _only_event(_run(extractor, text, date(2024, 1, 29)))
    assert event.attributed_to == [KH]


def test_claims_one_statement_several_operations_share_the_claimant(extractor):
    from claimgraph.models import Document

    text = (
        "The Islamic Resistance in Iraq said on Thursday it had hit the US base at al-Shaddadi with drones. "
        "It also targeted the Conoco gas field base with rockets, the group said. "
        "A few hours earlier, its fighters struck Ain al-Asad air base."
    )
    out = extractor.extract(Document("t", text, published=date(2023, 11, 24)))
    assert sorted((e.location.name, tuple(e.claimed_by)) for e in out.events) == [
        ("Ain al-Asad Air Base", ("Islamic Resistance in Iraq",)),
        ("Al-Shaddadi", ("Islamic Resistance in Iraq",)),
        ("Conoco gas field", ("Islamic Resistance in Iraq",)),
    ]


def test_claims_a_count_that_introduces_a_list_is_no_aggregate(extractor):
    from claimgraph.models import Document

    text = (
        "The Islamic Resistance in Iraq claimed three attacks on Wednesday: a drone attack on Harir air base, "
        "a rocket attack on Ain al-Asad, and a drone strike on the al-Tanf garrison."
    )
    out = extractor.extract(Document("t", text, published=date(2023, 11, 24)))
    assert sorted(e.location.name for e in out.events) == ["Ain al-Asad Air Base", "Al-Tanf Garrison", "Harir Air Base"]
    assert all(e.claimed_by == ["Islamic Resistance in Iraq"] for e in out.events)


def test_claims_a_later_blame_by_pronoun_is_not_a_claim(extractor):
    from claimgraph.models import Document

    text = (
        "The Islamic Resistance in Iraq claimed the drone attack on Erbil airport on Thursday. "
        "Days earlier the group targeted Ain al-Asad air base, injuring a soldier."
    )
    out = extractor.extract(Document("t", text, published=date(2024, 1, 26)))
    by_place = {e.location.name: e.claimed_by for e in out.events}
    assert by_place.get("Ain al-Asad Air Base", []) == []
