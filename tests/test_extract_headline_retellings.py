"""A headline that tells two stories, and a place told again with no day of its own: "ثمانية شهداء ... بضربات
أمريكية على جرف النصر.. وواشنطن تحمّل الكتائب مسؤولية هجوم عين الأسد" gives its toll to the first story, and the
Ain al-Asad attack the body dates is the headline's. Text written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

PAGE = """السومرية نيوز

ثمانية شهداء من الحشد بضربات أمريكية على جرف النصر.. وواشنطن تحمّل الكتائب مسؤولية هجوم عين الأسد

ارتفعت حصيلة الضربات الجوية الأمريكية التي استهدفت فجر اليوم الأربعاء مقرين في ناحية جرف النصر إلى ثمانية شهداء.

وجاءت الضربات بعد ضربة أمريكية مساء الاثنين استهدفت مسلحين قالت واشنطن إنهم أطلقوا صاروخين على قاعدة عين الأسد \
الجوية قبل ذلك بقليل.

وكانت المقاومة الإسلامية في العراق قد تبنت الهجوم على عين الأسد، فيما حمّلت واشنطن كتائب حزب الله المسؤولية عنه.
"""


def test_the_headlines_toll_and_its_retold_attack(extractor):
    out = extractor.extract(Document(id="t", text=PAGE, lang="ar", published=date(2023, 11, 22)))
    asad = [e for e in out.events if e.location.name == "Ain al-Asad Air Base"]
    assert len(asad) == 1, [(e.date.value, e.location.name) for e in out.events]
    assert asad[0].date.value == date(2023, 11, 20) and asad[0].fatalities is None
    assert asad[0].claimed_by == ["Islamic Resistance in Iraq"] and asad[0].attributed_to == ["Kataib Hezbollah"]
    jurf = [e for e in out.events if e.location.name == "Jurf al-Sakhar"]
    assert [e.fatalities for e in jurf] == [8]


def test_an_attack_told_again_with_another_says_so(extractor):
    text = (
        "Rockets hit Ain al-Asad air base on Monday, the Pentagon said. "
        "On Wednesday another rocket attack hit Ain al-Asad air base, officials said."
    )
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2023, 11, 22)))
    assert sorted(e.date.value for e in out.events) == [date(2023, 11, 20), date(2023, 11, 22)]


ROUND_UP = """الوكالة الوطنية للإعلام

وطنية - حاصبيا - ارتفع عدد الشهداء الذين سقطوا جراء الغارة التي شنها الطيران الحربي المعادي فجر اليوم على مركز \
للإسعاف في بلدة الهبارية إلى سبعة شهداء.

وطنية - صور - في القطاع الغربي، استهدفت غارة جوية معادية قبل ظهر اليوم مركزاً صحياً في بلدة الناقورة.
"""


def test_each_paragraphs_agency_dateline_places_nothing(extractor):
    out = extractor.extract(Document(id="t", text=ROUND_UP, lang="ar", published=date(2024, 3, 27)))
    assert sorted(e.location.name for e in out.events) == ["Hebbariyeh", "Naqoura"]
