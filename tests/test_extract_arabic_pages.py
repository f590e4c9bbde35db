"""Arabic news pages as sites publish them: a breadcrumb ("الرئيسية / أمن") and a share bar above the story are
no dateline, and the dateline below them ("بغداد - شفق نيوز/", "بغداد- دمشق-") is still one; rockets "launched
from a desert area near" a town were launched there; an undated page that writes "الجمعة 2 فبراير" means that
day by its other "Friday"; "حمّلت واشنطن الفصائل مسؤولية الهجوم" is a blame, not a claim; "في أول رد على الهجوم
الذي استهدف X" names the avenged attack's site, not the strike's. Sentences written for these tests."""

from datetime import date

from claimgraph.extract.units import dateline_end
from claimgraph.models import Document


def _events(extractor, text, published=None):
    return extractor.extract(Document(id="t", text=text, lang="ar", published=published)).events


PAGE = (
    "الرئيسية / أمن\nمشاركة: فيسبوك | واتساب | تلغرام\n2024-03-12 10:05\n\n"
    "{dateline} أفاد مصدر أمني، اليوم الثلاثاء، بسقوط صاروخين داخل قاعدة عين الأسد الجوية غربي الأنبار مساء "
    "الاثنين، وقال إن الصاروخين أُطلقا من منطقة زراعية قرب قضاء هيت، دون وقوع إصابات.\n"
)


def test_a_breadcrumb_is_no_dateline_and_the_dateline_below_it_is_one(extractor):
    for dateline in ("بغداد - شفق نيوز/", "بغداد- الأنبار-", "بغداد/"):
        text = PAGE.format(dateline=dateline)
        assert text[: dateline_end(text, "ar")].rstrip().endswith(dateline), dateline
        got = [(e.location.name, e.fatalities, e.injuries) for e in _events(extractor, text, date(2024, 3, 12))]
        assert got == [("Ain al-Asad Air Base", 0, 0)], dateline  # not Baghdad, not Hit (the launch area)


def test_a_breadcrumb_alone_is_no_dateline():
    assert dateline_end("الرئيسية / أمن\nسقطت صواريخ على القاعدة فجر اليوم وفق مصدر أمني.", "ar") == 0


def test_an_undated_page_means_its_written_friday_by_every_friday(extractor):
    text = (
        "شنت القوات الأمريكية ليل الجمعة غارات جوية على مواقع لفصائل مسلحة في العراق، بينها مقرات في قضاء القائم.\n\n"
        "وقالت القيادة المركزية الأمريكية إن الغارات بدأت عند الرابعة من عصر الجمعة 2 شباط 2024 بتوقيت واشنطن."
    )
    got = [(e.location.name, e.date.value, e.date.precision) for e in _events(extractor, text)]
    assert got == [("Al-Qaim", date(2024, 2, 2), "day")]  # and no second, country-wide event for "العراق"


def test_holding_a_group_responsible_is_no_claim(extractor):
    text = (
        "وحمّلت وزارة الدفاع الأمريكية كتائب حزب الله، وهي من أبرز الفصائل المسلحة الموالية لإيران، مسؤولية الهجوم "
        "الصاروخي الذي استهدف قاعدة حرير فجر اليوم."
    )
    (event,) = _events(extractor, text, date(2024, 3, 12))
    assert event.location.name == "Harir Air Base"
    assert event.claimed_by == []


def test_the_first_response_to_an_attack_names_the_avenged_site(extractor):
    text = (
        "شنت القوات الأمريكية فجر اليوم غارات جوية على مواقع لكتائب حزب الله في القائم، في أول رد عسكري على "
        "الهجوم الذي استهدف قاعدة عين الأسد."
    )
    got = [(e.location.name, e.date.value) for e in _events(extractor, text, date(2024, 2, 3))]
    assert got == [("Al-Qaim", date(2024, 2, 3))]


def test_a_strike_launched_from_a_base_abroad_is_not_at_that_base(extractor):
    text = (
        "قتل أربعة من منتسبي اللواء 47 مساء أمس بقصف أمريكي استهدف مقرا في جرف النصر. واتهمت كتائب حزب الله "
        "القوات الأمريكية بتنفيذ الضربة انطلاقاً من قاعدة علي السالم في الكويت."
    )
    got = [e.location.name for e in _events(extractor, text, date(2024, 7, 31))]
    assert "Ali Al Salem Air Base" not in got and "Jurf al-Sakhar" in got
