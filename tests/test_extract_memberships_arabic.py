"""Arabic membership statements the way real reporting writes them."""

from datetime import date

from claimgraph.models import Document


def _pairs(extractor, text, lang="ar"):
    out = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2024, 4, 6)))
    return sorted((m.member_id, m.umbrella_id) for m in out.memberships)


def test_the_factions_under_the_banner_of_the_group_named_before_are_its_members(extractor):
    text = (
        "وأعلنت المقاومة الإسلامية في العراق يوم 27 مارس أنها استهدفت موقعا عسكريا. "
        "وتبنت معظم الهجمات التي تعرضت لها القوات الأميركية بعد اندلاع حرب غزة. "
        "ومن أبرز الفصائل التي تنضوي تحت لواء الجماعة كتائب حزب الله العراقية وحركة النجباء."
    )
    assert _pairs(extractor, text) == [
        ("harakat-hezbollah-al-nujaba", "islamic-resistance-in-iraq"),
        ("kataib-hezbollah", "islamic-resistance-in-iraq"),
    ]  # the US forces named in between are no umbrella of the factions


def test_groups_that_consider_themselves_part_of_the_brand(extractor):
    text = (
        'ومن المرجح أن تعتبر جماعات مثل "كتائب حزب الله" و"عصائب أهل الحق" '
        'نفسها جزءًا من "المقاومة الإسلامية في العراق".'
    )
    assert _pairs(extractor, text) == [
        ("asaib-ahl-al-haq", "islamic-resistance-in-iraq"),
        ("kataib-hezbollah", "islamic-resistance-in-iraq"),
    ]


def test_a_think_tank_that_speaks_of_the_brand_is_not_its_member(extractor):
    text = (
        "وأعلنت المقاومة الإسلامية في العراق أنها استهدفت موقعا عسكريا. ووفق “معهد واشنطن لسياسة الشرق الأدنى”، "
        "تشير الأدلة إلى أن فيلق القدس التابع للحرس الثوري الإيراني يؤدي دورا في تنسيق عمليات "
        "“المقاومة الإسلامية في العراق”."
    )
    assert all(member != "washington-institute" for member, _ in _pairs(extractor, text))


def test_an_arabic_hedge_makes_the_membership_likely_or_possible(extractor):
    def confidences(text):
        out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 4, 6)))
        return {m.confidence for m in out.memberships}

    assert confidences("ومن المرجح أن تعتبر كتائب حزب الله نفسها جزءًا من المقاومة الإسلامية في العراق.") == {"likely"}
    assert confidences("وربما تكون كتائب حزب الله جزءًا من المقاومة الإسلامية في العراق.") == {"possible"}
    assert confidences("وتعد كتائب حزب الله جزءًا من المقاومة الإسلامية في العراق.") == {"confirmed"}


def test_the_two_named_before_a_dual_relative_are_part_of_the_alliance(extractor):
    text = (
        'وأعلنت "كتائب حزب الله" أسماء بعض الجماعات المنضوية معها تحت مسمى "المقاومة الإسلامية في العراق"، '
        'مشيرة إلى تنظيمي "كتائب سيد الشهداء"، و"النجباء"، اللذين يشكلان جزءا مما يعرف بـ"محور المقاومة".'
    )
    pairs = _pairs(extractor, text)
    assert ("kataib-sayyid-al-shuhada", "axis-of-resistance") in pairs
    assert ("harakat-hezbollah-al-nujaba", "axis-of-resistance") in pairs
    assert ("harakat-hezbollah-al-nujaba", "islamic-resistance-in-iraq") in pairs
    assert ("islamic-resistance-in-iraq", "axis-of-resistance") not in pairs  # the text says it of the two
