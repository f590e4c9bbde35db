"""Arabic claim formulas: hand-written snippets of how Arabic reporting words a group's claim ("أعلنت فصائل
تطلق على نفسها اسم ... استهدافها"، "كشفت تفاصيل قصفها"، "تبنت ذات الفصائل"، a spokesman's quoted "قصفنا"),
who carried an attack out ("نفذته"), and a date's year that is not a count of attacks."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2024, 2, 12)):
    return extractor.extract(Document(id="t", text=text, published=published, lang="ar")).events


def _at(events, name: str):
    (e,) = [e for e in events if e.location and e.location.name == name]
    return e


def test_a_generic_subject_that_gives_its_name_claims_the_attack(extractor):
    (e,) = _events(
        extractor,
        "أعلنت مجموعات مسلحة تطلق على نفسها اسم “المقاومة الإسلامية في العراق”، يوم الأحد، استهدافها "
        "قاعدة عين الأسد غربي العراق بطائرة مسيرة.",
    )
    assert e.claimed_by == ["Islamic Resistance in Iraq"]


def test_a_claim_verb_with_no_subject_is_the_last_claimant_again(extractor):
    events = _events(
        extractor,
        "تبنت كتائب حزب الله يوم الاثنين قصف قاعدة حرير بطائرة مسيرة.\n\nوالأحد، أعلنت استهدافها قاعدة التنف بصاروخين.",
    )
    assert _at(events, "Al-Tanf Garrison").claimed_by == ["Kataib Hezbollah"]


def test_the_same_factions_after_the_claim_verb_are_the_claimant(extractor):
    events = _events(
        extractor,
        "أعلنت حركة النجباء مسؤوليتها عن هجوم بالصواريخ على قاعدة عين الأسد مساء الأحد.\n\n"
        "وفجر الاثنين، تبنت ذات الفصائل استهداف قاعدة حرير بطائرتين مسيرتين.",
    )
    assert _at(events, "Harir Air Base").claimed_by == ["Harakat Hezbollah al-Nujaba"]


def test_revealing_the_details_of_its_attack_is_a_claim(extractor):
    (e,) = _events(
        extractor,
        "“المقاومة الإسلامية في العراق” كما تصف نفسها، كشفت تفاصيل قصفها قاعدة عين الأسد بالصواريخ مساء الأحد.",
    )
    assert e.claimed_by == ["Islamic Resistance in Iraq"]


def test_confirming_a_quoted_attack_is_a_claim(extractor):
    (e,) = _events(
        extractor,
        "وأكدت كتائب سيد الشهداء، يوم الأحد، “استهداف قاعدة حرير بالطيران المسير”.",
    )
    assert e.claimed_by == ["Kataib Sayyid al-Shuhada"]


def test_the_group_that_carried_an_attack_out_is_its_actor(extractor):
    (e,) = _events(
        extractor,
        "تعرضت قاعدة عين الأسد يوم الأحد لهجوم بطائرة مسيرة نفذته كتائب حزب الله، بحسب مصادر أمنية.",
    )
    assert e.actors == ["Kataib Hezbollah"]
    (e,) = _events(extractor, "نفذت حركة النجباء، اليوم الأحد، هجوما بالصواريخ على قاعدة التنف.")
    assert e.actors == ["Harakat Hezbollah al-Nujaba"]


def test_a_spokesman_quoted_in_the_first_person_claims_for_his_group(extractor):
    events = _events(
        extractor,
        "أعلن المتحدث العسكري باسم الحوثيين استهداف مدينة إيلات بصاروخ باليستي يوم الجمعة.\n\n"
        "وكان الجيش الإسرائيلي قد أعلن فجر اليوم اعتراض صاروخ أطلق من اليمن.\n\n"
        "وتابع العميد في كلمة متلفزة، “قصفنا هدفا عسكريا في منطقة عسقلان بطائرة مسيرة”.",
        published=date(2024, 9, 27),
    )
    assert _at(events, "Ashkelon").claimed_by == ["Houthis"]


def test_the_year_of_a_date_is_not_a_count_of_attacks(extractor):
    (e,) = _events(
        extractor,
        "شن مجاهدو المقاومة الإسلامية صباح يوم الأحد 11-02-2024 هجوما بمسيرتين على ثكنة في كريات شمونة.",
    )
    assert e.location.name == "Kiryat Shmona"


def test_the_short_label_is_the_lebanese_resistance_when_lebanon_has_most_of_the_places(extractor):
    events = _events(
        extractor,
        "أعلنت “المقاومة الإسلامية” في بيان أن مجاهدي المقاومة الإسلامية استهدفوا صباح الأحد ثكنة في "
        "كريات شمونة بمسيرتين، ردًا على الاعتداء على بلدة عيترون.\n\n"
        "وشيّع أهالي عيترون الشهداء، بينهم شاب من بلد عربي.",
    )
    e = _at(events, "Kiryat Shmona")
    assert e.claimed_by == ["Hezbollah (Lebanon)"]


def test_the_place_an_attack_answers_is_not_its_site(extractor):
    events = _events(
        extractor,
        "شن مجاهدو المقاومة الإسلامية صباح الأحد هجوما بمسيرتين على ثكنة في كريات شمونة، ردًا على "
        "الاعتداء على مركز الدفاع المدني في بلدة عيترون.",
    )
    assert [e.location.name for e in events] == ["Kiryat Shmona"]


def test_egyptian_spelling_and_air_targeting_keep_the_state_that_struck(extractor):
    events = _events(
        extractor,
        "واستهدفت الضربات الأمريكية فجر السبت مواقع فى مدينة البوكمال السورية.\n\n"
        "ثم امتد الاستهداف الجوى إلى مواقع فى القائم بمحافظة الأنبار العراقية.",
        published=date(2024, 2, 3),
    )
    assert _at(events, "Al-Qaim").actors == ["US forces"]
