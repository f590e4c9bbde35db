"""Waves of strikes and the territory of a group: hand-written snippets of what real reporting of the
Yemen and Lebanon fronts does ("launched several raids on A, B and C"; "the rebels, who control the
capital, fired a missile towards Israel"; "have been targeting shipping")."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2024, 2, 9), lang: str = "en"):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang)).events


def test_a_few_raids_on_listed_places_are_one_event_each(extractor):
    events = _events(
        extractor,
        '"The aggression launched several raids on the capital Sanaa, Saada and Dhamar," a rebel '
        "spokesman wrote on social media.",
    )
    assert sorted(e.location.name for e in events) == ["Dhamar", "Saada", "Sanaa"]


def test_raids_as_a_kind_of_event_are_not_one(extractor):
    assert not _events(extractor, "The town has known raids and bombings since the war began in Sanaa.")


def test_a_campaign_told_in_the_perfect_progressive_is_not_an_event(extractor):
    text = "The rebels have been targeting merchant ships in the Red Sea to show support for Gaza."
    assert not _events(extractor, text)


def test_the_territory_a_group_holds_is_not_the_site(extractor):
    (e,) = _events(
        extractor,
        "The raids came a day after Yemen's Houthi militia, which controls the north of the country, "
        "including Sanaa and its coast, fired a ballistic missile towards Israel.",
        published=date(2024, 12, 26),
    )
    assert e.location.name == "Israel" and e.date.value == date(2024, 12, 25)
    assert e.actors == ["Houthis"]


def test_a_missile_fired_towards_a_country_is_read_as_a_place_in_arabic(extractor):
    events = _events(
        extractor,
        "أعلن الحوثيون يوم الأحد إطلاق صاروخ باليستي باتجاه إسرائيل.",
        published=date(2024, 12, 22),
        lang="ar",
    )
    assert [e.location.name for e in events] == ["Israel"]


def test_a_spokesman_speaking_in_the_first_person_claims_for_his_group(extractor):
    (e,) = _events(
        extractor,
        "قال المتحدث العسكري باسم الحوثيين، في كلمة متلفزة اليوم الجمعة، إنهم نفذوا عملية عسكرية "
        "استهدفت ميناء إيلات بصاروخ باليستي.",
        published=date(2024, 7, 12),
        lang="ar",
    )
    assert e.claimed_by == ["Houthis"]


def test_we_struck_after_a_spokesman_and_a_colon_is_his_groups_claim(extractor):
    (e,) = _events(
        extractor,
        "العميد يحيى سريع: قصفنا هدفا عسكريا في إيلات بطائرة مسيرة فجر اليوم.",
        published=date(2024, 7, 12),
        lang="ar",
    )
    assert e.claimed_by == ["Houthis"] and e.location.name == "Eilat"


def test_the_same_factions_take_up_the_last_claimant(extractor):
    events = _events(
        extractor,
        "أعلنت المقاومة الإسلامية في العراق، السبت، استهداف قاعدة حرير بطائرة مسيرة.\n\n"
        "وفي وقت سابق، تبنت ذات الفصائل استهداف قاعدة عين الأسد برشقة صاروخية.",
        published=date(2023, 11, 4),
        lang="ar",
    )
    assert {e.location.name: e.claimed_by for e in events}["Ain al-Asad Air Base"] == ["Islamic Resistance in Iraq"]


def test_french_verbs_of_attack_make_their_subject_the_actor(extractor):
    (e,) = _events(
        extractor,
        "Plus tôt dans la soirée, le Hezbollah avait lancé une trentaine de roquettes sur la base de Meron, "
        "selon la télévision du groupe.",
        published=date(2024, 8, 14),
        lang="fr",
    )
    assert e.actors == ["Hezbollah (Lebanon)"]


def test_lebanons_deadliest_day_dates_an_undated_live_blog(extractor):
    events = extractor.extract(
        Document(
            id="t",
            text="The army kept up its raids a day after Lebanon's deadliest day in decades.\n\n"
            "On Tuesday, an Israeli airstrike hit a building in Dahiyeh, killing a senior commander.",
            lang="en",
        )
    ).events
    (e,) = [e for e in events if e.location.name == "Dahiyeh"]
    assert e.date.value == date(2024, 9, 24) and e.date.precision == "week"


def test_a_capital_that_bears_responsibility_is_its_government_not_a_site(extractor):
    events = _events(
        extractor,
        "A drone struck the Harir base on Thursday. Washington says Tehran bears the ultimate responsibility "
        "for the attacks on its troops, and Tehran denies it.",
        published=date(2023, 11, 10),
    )
    assert [e.location.name for e in events] == ["Harir Air Base"]


def test_a_broadcaster_named_after_a_town_is_not_a_site(extractor):
    for text in (
        "A drone struck the port of Eilat on Wednesday, the Al-Mayadeen television channel said.",
        "A drone struck the port of Eilat on Wednesday, according to the pro-Iranian Al-Mayadeen.",
    ):
        events = _events(extractor, text, published=date(2024, 7, 25))
        assert [e.location.name for e in events] == ["Eilat"], text


def test_cyrillic_look_alikes_inside_english_words_are_read_as_latin(extractor):
    from claimgraph.nlp.normalize import latin_homoglyphs

    text = "Тhe Kataіb Hezbollah militia is pаrt оf the Islamic Resistance іn Iraq, оfficials said. Москва"
    fixed = latin_homoglyphs(text)
    assert len(fixed) == len(text) and fixed.endswith("Москва")  # whole Cyrillic words stay
    assert "Kataib Hezbollah militia is part of the Islamic Resistance in Iraq, officials" in fixed
    doc = Document(id="t", text=text, published=date(2024, 1, 5), lang="en")
    (m,) = extractor.extract(doc).memberships
    assert (m.member, m.umbrella) == ("Kataib Hezbollah", "Islamic Resistance in Iraq")
    assert m.evidence[0].text.startswith("Тhe Kataіb")  # quoted as written


def test_an_arabic_apposition_one_faction_of_states_a_membership(extractor):
    doc = Document(
        id="t",
        text="قتل ثلاثة مقاتلين من كتائب حزب الله، وهي فصيل بارز في الحشد الشعبي، في غارة على موقع قرب الحدود.",
        published=date(2024, 2, 3),
        lang="ar",
    )
    pairs = {(m.member, m.umbrella) for m in extractor.extract(doc).memberships}
    assert ("Kataib Hezbollah", "Popular Mobilization Forces") in pairs


def test_a_unit_in_the_possessive_belongs_to_its_owner_but_not_to_a_state(extractor):
    doc = Document(
        id="t",
        text="The general led the IRGC's Quds Force in Syria. Iran's Revolutionary Guards vowed revenge.",
        published=date(2024, 4, 2),
        lang="en",
    )
    pairs = {(m.member, m.umbrella) for m in extractor.extract(doc).memberships}
    assert pairs == {("IRGC Quds Force", "IRGC")}


def test_an_attack_that_did_not_cause_casualties_has_none(extractor):
    (e,) = _events(
        extractor,
        "A drone targeted the Harir base on Tuesday, an official said, adding that the attack didn't cause "
        "any casualties or damage.",
        published=date(2023, 11, 1),
    )
    assert (e.fatalities, e.injuries) == (0, 0)


def test_a_count_of_dead_reads_through_an_initialism(extractor):
    from claimgraph.extract.casualties import parse_casualties

    c = parse_casualties("At least two U.S. service members were killed and 12 more were wounded.")
    assert (c.fatalities, c.injuries) == (2, 12)
    assert parse_casualties("Rockets hit the base in the south. Nobody died").fatalities is None
