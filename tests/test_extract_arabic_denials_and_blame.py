"""Arabic analysis prose: a framework taken up by a demonstrative ("هذا الإطار يضم ..."), a denied tie ("نفى
قياديون فيها أن تكون الحركة جزءاً من ..."), members listed as an alliance's parties ("ومن أطرافه ..."), blame laid
with "حمّل ... المسؤولية عنه لـ"، a year before a killing verb, and a toll after the verb's subject. Sentences
written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.extract.casualties import parse_casualties
from claimgraph.models import Document

IRI, PMF, AXIS = "islamic-resistance-in-iraq", "popular-mobilization-forces", "axis-of-resistance"
KH, NUJABA, KSS, AAH = "kataib-hezbollah", "harakat-hezbollah-al-nujaba", "kataib-sayyid-al-shuhada", "asaib-ahl-al-haq"
HEZBOLLAH, HOUTHIS = "hezbollah-lebanon", "houthis"


def _pairs(extractor, text, lang="ar"):
    out = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2025, 10, 1)))
    return sorted((m.member_id, m.umbrella_id) for m in out.memberships)


def _events(extractor, text, lang="ar", published=date(2025, 10, 1)):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published)).events


def test_a_framework_named_before_is_taken_up_by_a_demonstrative(extractor):
    text = (
        "من هي الفصائل التي تقاتل تحت راية المقاومة الإسلامية في العراق؟ "
        "يرى محللون أن هذا الإطار يضم ثلاثة فصائل على الأقل: كتائب حزب الله، وحركة النجباء، وكتائب سيد الشهداء."
    )
    assert _pairs(extractor, text) == sorted([(KH, IRI), (NUJABA, IRI), (KSS, IRI)])


def test_without_the_demonstrative_the_first_of_the_list_is_no_umbrella(extractor):
    # the colon's list is not read as members of its first name
    text = "يرى محللون أن هذا الإطار يضم ثلاثة فصائل على الأقل: كتائب حزب الله، وحركة النجباء، وكتائب سيد الشهداء."
    assert all(umb != KH for _, umb in _pairs(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "وتنأى عصائب أهل الحق بنفسها عن العمليات، "
        "إذ نفى قياديون فيها أن تكون الحركة جزءاً من المقاومة الإسلامية في العراق.",
        "وعصائب أهل الحق ليست جزءاً من المقاومة الإسلامية في العراق بحسب قادتها.",
        "ولم تنضم عصائب أهل الحق إلى المقاومة الإسلامية في العراق.",
    ],
)
def test_a_denied_tie_is_not_recorded(extractor, text):
    assert (AAH, IRI) not in _pairs(extractor, text)


def test_a_denial_of_one_umbrella_keeps_the_brigades_of_another(extractor):
    text = (
        "تنشط عصائب أهل الحق في الحشد الشعبي عبر الألوية 41 و42 و43، "
        "وقد نفى قياديون فيها أن تكون الحركة جزءاً من المقاومة الإسلامية في العراق."
    )
    assert _pairs(extractor, text) == [(AAH, PMF)]


def test_a_denial_of_it_in_english_is_not_the_pronoun_taken_up(extractor):
    text = (
        "Asaib Ahl al-Haq, which has brigades 41, 42 and 43 in the PMF, "
        "denied it is part of the Islamic Resistance in Iraq."
    )
    assert _pairs(extractor, text, "en") == [(AAH, PMF)]


def test_an_alliances_parties_are_its_members(extractor):
    text = (
        "وتقدم المقاومة الإسلامية في العراق نفسها جزءاً من محور المقاومة الذي تتزعمه طهران، "
        "ومن أطرافه حزب الله اللبناني وجماعة أنصار الله في اليمن."
    )
    assert _pairs(extractor, text) == sorted([(IRI, AXIS), (HEZBOLLAH, AXIS), (HOUTHIS, AXIS)])


@pytest.mark.parametrize(
    "text",
    [
        "قتلت طائرة مسيّرة ثلاثة جنود أمريكيين في موقع البرج 22 في الأردن، "
        "وهو هجوم حمّلت واشنطن المسؤولية عنه للمقاومة الإسلامية في العراق.",
        "قتلت طائرة مسيّرة ثلاثة جنود أمريكيين في موقع البرج 22 في الأردن. "
        "وحمّلت واشنطن المسؤولية عن الهجوم للمقاومة الإسلامية في العراق.",
    ],
)
def test_responsibility_laid_on_a_group_is_blame_not_a_target(extractor, text):
    (event,) = _events(extractor, text, published=date(2024, 1, 29))
    assert event.attributed_to == ["Islamic Resistance in Iraq"]
    assert event.target == "US forces"
    assert event.fatalities == 3


def test_blame_laid_by_a_verb_written_with_its_shadda(extractor):
    text = "استهدفت طائرة مسيرة قاعدة عين الأسد أمس، وحمّل البنتاغون مسؤولية الهجوم لكتائب حزب الله."
    (event,) = _events(extractor, text, published=date(2024, 1, 29))
    assert event.attributed_to == ["Kataib Hezbollah"]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a year after its month, before the killing verb, is no toll; the count follows the verb's subject
        ("جاءت أخطر لحظات المواجهة في الثامن والعشرين من كانون الثاني 2024، حين قتلت طائرة مسيّرة ثلاثة جنود", 3),
        ("في 28 يناير 2024، قتلت طائرة مسيرة جنديين أمريكيين", 2),
        ("وقتلت الغارة الإسرائيلية خمسة مدنيين في البلدة", 5),
    ],
)
def test_a_toll_after_the_verbs_subject_and_never_the_year(text, killed):
    assert parse_casualties(text).fatalities == killed


def test_a_dateline_on_a_line_of_its_own_dates_an_undated_story(extractor):
    # no year, no publication date: "فجر اليوم الاثنين" says the dateline's 28 April is a Monday (2025), though the
    # story also names a Sunday (28 April 2024 was one)
    text = (
        "عدن – 28 أبريل\n\n"
        "قالت ميليشيا الحوثي إن غارة جوية أمريكية استهدفت فجر اليوم الاثنين مركزاً للمهاجرين في مدينة صعدة، "
        "ما أسفر عن مقتل 68 مهاجراً.\n\n"
        "وفي صنعاء، أعلنت الجماعة أن غارة أمريكية على حي ثقبان شمالي العاصمة، مساء الأحد، أودت بحياة ثمانية مدنيين."
    )
    events = sorted(_events(extractor, text, published=None), key=lambda e: e.date.value)
    assert [(e.date.value, e.fatalities) for e in events] == [(date(2025, 4, 27), 8), (date(2025, 4, 28), 68)]


def test_who_says_another_party_struck_is_the_speaker(extractor):
    text = "قال الحوثيون إن غارة أمريكية استهدفت ميناء رأس عيسى أمس."
    (event,) = _events(extractor, text, published=date(2025, 4, 18))
    assert event.actors == ["US forces"]


def test_a_group_saying_its_fighters_struck_is_still_the_claimant(extractor):
    text = "قالت المقاومة الإسلامية في العراق إن مجاهديها استهدفوا قاعدة القوات الأمريكية في حرير أمس."
    (event,) = _events(extractor, text, published=date(2024, 1, 10))
    assert event.claimed_by == ["Islamic Resistance in Iraq"]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("أودت بحياة ثمانية مدنيين، بينهم نساء وأطفال", 8),  # the dual noun counted by the number before it
        ("قتل 12 مدنيين في الغارة", 12),
        ("أسفر القصف عن مقتل جندي واحد", 1),
    ],
)
def test_a_counted_dual_noun_is_no_count_of_its_own(text, killed):
    assert parse_casualties(text).fatalities == killed


STATEMENT_RELAY = """موقع إخباري | لبنان

أصدرت المقاومة الإسلامية في لبنان صباح اليوم البيان التالي:

بسم الله الرحمن الرحيم
في إطار الرد الأولي على جريمة اغتيال القائد الكبير ورفاقه الشهداء في الضاحية الجنوبية لبيروت، استهدف مجاهدو \
المقاومة الإسلامية قاعدة ميرون للمراقبة الجوية في شمال فلسطين المحتلة
السبت 06-01-2024
24 جمادى الآخرة 1445 هـ

وأقر جيش الاحتلال بإطلاق نحو أربعين صاروخاً من لبنان باتجاه منطقة ميرون، زاعماً أنه لم تقع إصابات.

وكان القائد قد قتل مساء الثلاثاء الماضي بغارة لمسيّرة إسرائيلية استهدفت مكتباً في الضاحية الجنوبية.
"""


def test_a_relayed_statements_two_dates_sign_it_and_the_avenged_place_is_no_target(extractor):
    events = {e.location.name: e for e in _events(extractor, STATEMENT_RELAY, published=None)}
    meron = events["Meron air traffic control base"]
    assert meron.date.value == date(2024, 1, 6)  # "السبت 06-01-2024" over its Hijri line, mid-page
    assert (meron.fatalities, meron.injuries) == (0, 0)  # "منطقة ميرون": the follow-up names the base
    # "في إطار الرد الأولي على ... في الضاحية": the avenged strike is Israel's, on Tuesday the 2nd, not Hezbollah's
    dahiyeh = [e for e in _events(extractor, STATEMENT_RELAY, published=None) if e.location.name == "Dahiyeh"]
    assert [(e.actors, e.date.value) for e in dahiyeh] == [(["Israel"], date(2024, 1, 2))]


def test_a_denial_of_a_role_keeps_the_tie_the_name_states(extractor):
    # "the Quds Force, the one of the Revolutionary Guard, denied any role": the denial is of the role, not of the tie
    text = "ونفى فيلق القدس التابع للحرس الثوري الإيراني أي دور في الهجوم."
    assert ("irgc-quds-force", "irgc") in _pairs(extractor, text)
