"""Arabic membership statements in lists and verb-first clauses: "ومن أبرز فصائلها ..." (its main factions), "تتكون
المقاومة من ..." (the brand consists of), "وتنتمي الكتائب إلى ..." (the verb before its subject), and the lists that
belong to no named umbrella ("فصائل أخرى منها", "من أن فصائل مثل"). Sentences written for these tests."""

from datetime import date

import pytest

from claimgraph.models import Document

IRI, PMF = "islamic-resistance-in-iraq", "popular-mobilization-forces"
KH, NUJABA, KSS, AAH = "kataib-hezbollah", "harakat-hezbollah-al-nujaba", "kataib-sayyid-al-shuhada", "asaib-ahl-al-haq"


def _pairs(extractor, text, lang="ar"):
    out = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2024, 3, 1)))
    return sorted((m.member_id, m.umbrella_id) for m in out.memberships)


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        # the umbrella's main factions, the umbrella named in the sentence before
        (
            "تشكلت المقاومة الإسلامية في العراق بعد السابع من أكتوبر. ومن أبرز فصائلها كتائب حزب الله وحركة النجباء.",
            [(NUJABA, IRI), (KH, IRI)],
        ),
        # "made up of several factions, the most prominent of them ..."
        (
            "تتألف المقاومة الإسلامية في العراق من فصائل عدة أبرزها كتائب حزب الله وكتائب سيد الشهداء.",
            [(KH, IRI), (KSS, IRI)],
        ),
        ("وتعد حركة النجباء من فصائل المقاومة الإسلامية في العراق.", [(NUJABA, IRI)]),
        ("وتشمل المقاومة الإسلامية في العراق فصائل مثل كتائب حزب الله وحركة النجباء.", [(NUJABA, IRI), (KH, IRI)]),
        ("أعلنت فصائل المقاومة الإسلامية في العراق، ومنها كتائب حزب الله، مسؤوليتها عن الهجوم.", [(KH, IRI)]),
        ("وتعمل كتائب حزب الله تحت لواء المقاومة الإسلامية في العراق.", [(KH, IRI)]),
        ("وكتائب حزب الله عضو في المقاومة الإسلامية في العراق.", [(KH, IRI)]),
        # "the group includes ...", the group named in the sentence before (which ends with a year)
        (
            "تأسست المقاومة الإسلامية في العراق عام 2023. وتضم الجماعة كتائب حزب الله وحركة النجباء.",
            [(NUJABA, IRI), (KH, IRI)],
        ),
    ],
)
def test_lists_of_an_umbrellas_factions(extractor, text, pairs):
    assert _pairs(extractor, text) == sorted(pairs)


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        # the verb first, its subject after it: the member ...
        ("وتنتمي كتائب سيد الشهداء إلى الحشد الشعبي.", [(KSS, PMF)]),
        ("وانضمت كتائب سيد الشهداء إلى المقاومة الإسلامية في العراق عام 2023.", [(KSS, IRI)]),
        # ... two members joined by "and" ...
        (
            "وانضمت حركة النجباء وكتائب حزب الله إلى المقاومة الإسلامية في العراق بعد السابع من أكتوبر.",
            [(NUJABA, IRI), (KH, IRI)],
        ),
        # ... or the umbrella, whose members follow
        (
            "وتتكون المقاومة الإسلامية في العراق من كتائب حزب الله وحركة النجباء وكتائب سيد الشهداء.",
            [(NUJABA, IRI), (KH, IRI), (KSS, IRI)],
        ),
    ],
)
def test_a_verb_before_its_subject(extractor, text, pairs):
    assert _pairs(extractor, text) == sorted(pairs)


def test_a_second_belonging_phrase_and_the_brigades_of_the_pmf(extractor):
    # "among them KH" lists under no named umbrella; "within the PMF" then says where KH belongs
    assert _pairs(extractor, "وتعمل الفصائل المسلحة في العراق، ومنها كتائب حزب الله، ضمن الحشد الشعبي.") == [(KH, PMF)]
    # "it is also registered among the brigades of the PMF": a second, stated membership of the same faction
    text = (
        "وتعد حركة النجباء من أبرز الفصائل التي تتبنى هجماتها باسم المقاومة الإسلامية في العراق، "
        "وهي أيضا مسجلة ضمن ألوية الحشد الشعبي."
    )
    assert _pairs(extractor, text) == [(NUJABA, IRI), (NUJABA, PMF)]


@pytest.mark.parametrize(
    "text",
    [
        # a list of "other factions" in another clause, not of the group named before
        "وأعلنت كتائب حزب الله تعليق عملياتها، فيما تواصل فصائل أخرى منها حركة النجباء الهجمات.",
        # a list inside what the group said
        "وحذرت كتائب حزب الله من أن فصائل مثل حركة النجباء ستواصل الهجمات.",
        # "among them" said of a base, "includes" said of a base, one group only, an accusation
        "استهدفت المقاومة الإسلامية في العراق قاعدة عين الأسد، ومنها انطلقت طائرات أمريكية.",
        "استهدفت المقاومة الإسلامية في العراق قاعدة حرير التي تضم قوات أمريكية.",
        "قتل قيادي ينتمي إلى حركة النجباء في ضربة أمريكية ببغداد.",
        "وتتهم واشنطن كتائب حزب الله وحركة النجباء بالوقوف وراء الهجمات.",
        "وقال مسؤول في كتائب حزب الله إن الحركة لن تنضم إلى أي هدنة مع حركة النجباء.",
    ],
)
def test_no_membership_where_none_is_stated(extractor, text):
    assert _pairs(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Kataib Hezbollah warned that factions such as Harakat al-Nujaba would continue the attacks.",
        "Kataib Hezbollah suspended its operations, while other factions, including Harakat al-Nujaba, fought on.",
    ],
)
def test_no_membership_for_a_list_in_what_a_group_said_or_in_another_clause_english(extractor, text):
    assert _pairs(extractor, text, "en") == []


AXIS, HOUTHIS, HEZBOLLAH = "axis-of-resistance", "houthis", "hezbollah-lebanon"
IRGC, QUDS = "irgc", "irgc-quds-force"


@pytest.mark.parametrize(
    ("text", "lang", "pairs"),
    [
        # a state named between the umbrella and its list sponsors the factions; it lists no members
        (
            "المقاومة الإسلامية في العراق تسمية تنضوي تحتها فصائل عراقية مسلحة مدعومة من إيران، من أبرزها كتائب حزب "
            "الله وحركة النجباء.",
            "ar",
            [(NUJABA, IRI), (KH, IRI)],
        ),
        (
            "The factions are all part of Iran's Axis of Resistance, alongside the Houthis in Yemen and Hezbollah.",
            "en",
            [(HEZBOLLAH, AXIS), (HOUTHIS, AXIS)],
        ),
        # "the most prominent factions under this umbrella": the umbrella named in the sentence before
        (
            "تبنت المقاومة الإسلامية في العراق الهجوم. ومن أبرز الفصائل المنضوية تحت هذه المظلة «كتائب حزب الله»، "
            "أقدمها وأكثرها تنظيما، و«حركة النجباء».",
            "ar",
            [(NUJABA, IRI), (KH, IRI)],
        ),
        # ... but a faction that is "among the most prominent factions in" an umbrella is its member
        ("كتائب حزب الله من أبرز الفصائل المنضوية في المقاومة الإسلامية في العراق.", "ar", [(KH, IRI)]),
        # one of its wings, one of its main parties, belonging to it
        ("ويشرف فيلق القدس، أحد أجنحة الحرس الثوري الإيراني، على تسليح الفصائل.", "ar", [(QUDS, IRGC)]),
        (
            "وتعد جماعة أنصار الله أحد أبرز أطراف محور المقاومة إلى جانب حزب الله.",
            "ar",
            [(HEZBOLLAH, AXIS), (HOUTHIS, AXIS)],
        ),
        ("وكتائب حزب الله تابعة للحشد الشعبي منذ عام 2016.", "ar", [(KH, PMF)]),
        # "the Quds Force belonging to the Revolutionary Guard" is a name the KB lists whole: its owner is stated
        ("وشملت الأهداف مخازن تابعة لفيلق القدس التابع للحرس الثوري الإيراني.", "ar", [(QUDS, IRGC)]),
    ],
)
def test_arabic_wings_parties_and_anaphoric_umbrellas(extractor, text, lang, pairs):
    assert _pairs(extractor, text, lang) == sorted(pairs)


def test_li_written_onto_the_article_still_names_the_group(extractor):
    # "للحرس" is "to" + "الحرس": the IRGC, though a KB name ("فيلق القدس التابع للحرس الثوري") writes the word so
    text = "استهدفت غارة إسرائيلية فجر اليوم مقرا للحرس الثوري الإيراني في دمشق."
    (event,) = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 3, 1))).events
    assert event.target == "IRGC"
