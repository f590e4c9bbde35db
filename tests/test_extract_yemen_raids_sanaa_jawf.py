"""A Yemeni outlet's report of raids on Sanaa and al-Jawf: a newspaper named by a date («26 سبتمبر») is no day;
the site's display of the day with its clock time dates no headline; the city "under the control of" a group is
that group's, not an attack of it; a ministry of a group's government gives a toll, it claims nothing; the army
saying its jets struck claims the strikes at the places it names, a province's towns included; "the
announcement by X of targeting Y" is X's claim; "من جهة أخرى" opens another matter. Texts written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

REPORT = """ارتفاع حصيلة الغارات على صنعاء والجوف
موقع الخبر اليمني | تقارير
الخميس 11 سبتمبر 2025 - الساعة: 10:15

ارتفع عدد قتلى الغارات الإسرائيلية التي استهدفت، مساء الأربعاء، مواقع في العاصمة صنعاء \
الخاضعة لسيطرة جماعة الحوثي ومدينة \
الحزم، إلى 30 قتيلاً، وفق ما أعلنته وزارة الصحة في حكومة الحوثيين.

وطالت الغارات مقر صحيفة «26 سبتمبر» في شارع التحرير.

وأعلن جيش الاحتلال الإسرائيلي، في بيان، أن طائراته الحربية قصفت معسكرات للجماعة في صنعاء والجوف.

وجاءت الغارات بعد يومين من إعلان الحوثيين استهداف مطار رامون بطائرة مسيّرة، يوم الاثنين 8 سبتمبر.

من جهة أخرى، قُتل ثلاثة جنود بقصف على مواقع للجيش في جبهة نائية.
"""


def _events(extractor):
    out = extractor.extract(Document(id="t", text=REPORT, lang="ar", published=date(2025, 9, 11)))
    return {e.location.name: e for e in out.events}, out


def test_the_raids_are_israels_claimed_strikes_on_the_houthis(extractor):
    told, _ = _events(extractor)
    for place in ("Sanaa", "Al Hazm"):
        assert told[place].date.value == date(2025, 9, 10), place
        assert told[place].actors == ["Israel"], place
        assert told[place].claimed_by == ["Israel"], place  # al-Jawf, named by the army, holds al-Hazm
        assert told[place].target == "Houthis", place


def test_no_day_from_a_newspapers_name_nor_from_the_pages_display(extractor):
    _, out = _events(extractor)
    assert {e.date.value for e in out.events} == {date(2025, 9, 10), date(2025, 9, 8)}


def test_the_announcement_of_a_targeting_is_a_claim_and_another_matter_adds_no_toll(extractor):
    told, _ = _events(extractor)
    ramon = told["Ramon Airport"]
    assert (ramon.actors, ramon.claimed_by, ramon.fatalities) == (["Houthis"], ["Houthis"], None)


def test_a_date_that_is_a_quoted_name_is_no_date():
    from claimgraph.nlp.dates import find_dates

    assert find_dates("مقر صحيفة «14 أكتوبر» في عدن", 0, "ar", date(2025, 1, 2)) == []
    assert [d.value for d in find_dates("قصفت الطائرات في «14 أكتوبر الماضي» ميناء", 0, "ar", date(2025, 1, 2))] != []


def test_a_display_of_the_day_with_its_clock_time_is_a_display():
    from claimgraph.extract.undated import display_date_spans
    from claimgraph.nlp.dates import find_dates

    text = "موقع الخبر | تقارير\nالخميس 11 سبتمبر 2025 - الساعة: 10:15\n\nقصفت الطائرات صنعاء.\n"
    spans = display_date_spans(text, find_dates(text, 0, "ar", None))
    assert [text[a:b].strip() for a, b in spans] == ["الخميس 11 سبتمبر 2025 - الساعة: 10:15"]
