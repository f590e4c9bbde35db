"""An Arabic month without a day ("في أكتوبر 2023", "خلال شهر كانون الثاني", "مطلع آذار 2024", "تشرين الأول 2023")
dates at month precision; "since February" stays a period's bound; "from time to time" is a habit, not an event.
Sentences written for these tests."""

from datetime import date

import pytest

from claimgraph.models import Document
from claimgraph.nlp.dates import find_dates


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("تأسست المقاومة الإسلامية في العراق في أكتوبر 2023.", date(2023, 10, 1), "month"),
        ("تصاعدت الهجمات خلال شهر كانون الثاني.", date(2024, 1, 1), "month"),
        ("وفي مطلع آذار 2024 استهدفت الفصائل القاعدة.", date(2024, 3, 1), "month"),
        ("شهد تشرين الأول 2023 هجمات عدة.", date(2023, 10, 1), "month"),
        ("سقطت صواريخ على القاعدة في 6 كانون الأول/ديسمبر 2023.", date(2023, 12, 6), "day"),  # a day still wins
        # "and in December", both month names, "و" written onto the preposition
        ("وفي ديسمبر/كانون الأول، تعرض مجمع السفارة لقصف صاروخي.", date(2023, 12, 1), "month"),
    ],
)
def test_an_arabic_month(text, value, precision):
    [found] = find_dates(text, 0, "ar", date(2024, 2, 1))
    assert (found.value, found.precision) == (value, precision)


def test_since_a_month_is_no_month_date():
    assert find_dates("أوقفت الفصائل هجماتها منذ شباط الماضي.", 0, "ar", date(2024, 6, 1)) == []


def _out(extractor, text):
    return extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 2, 1)))


def test_an_attack_in_a_month(extractor):
    [event] = _out(extractor, "استهدفت طائرة مسيرة قاعدة حرير في كانون الثاني 2024.").events
    assert (event.date.value, event.date.precision) == (date(2024, 1, 1), "month")


def test_a_formation_in_a_month(extractor):
    [dev] = _out(extractor, "تأسست المقاومة الإسلامية في العراق في أكتوبر 2023.").developments
    assert (dev.kind, dev.date.value, dev.date.precision) == ("formation", date(2023, 10, 1), "month")


def test_attacks_from_time_to_time_are_a_habit(extractor):
    text = "وتتعرض قاعدة عين الأسد بين فترة وأخرى لهجمات بالصواريخ، وكانت الفصائل قد أعلنت في شباط تعليق عملياتها."
    assert _out(extractor, text).events == []


def test_an_undated_chronology_keeps_the_year_it_wrote_last(extractor):
    # no publication date: the year written last before a yearless date, paragraphs before it, is the text's best
    # word on its year (not the first year after the latest landmark the text names, Tower 22 in January 2024)
    filler = "وقال البنتاغون إن الضربات استهدفت مركز عمليات وعقدة قيادة وسيطرة تابعة للفصيل. " * 6
    text = (
        "مساء 20 نوفمبر/تشرين الثاني 2023، أطلقت الفصائل صاروخا باليستيا على قاعدة عين الأسد.\n\n"
        + filler
        + "\n\nوبعد يومين، فجر 22 نوفمبر/تشرين الثاني، قصفت مقاتلات أمريكية مقرين لكتائب حزب الله في جرف الصخر.\n\n"
        "ثم جاء هجوم البرج 22 في الأردن."
    )
    events = extractor.extract(Document(id="t", text=text, lang="ar", published=None)).events
    got = {e.location.name: e.date.value for e in events}
    assert got["Jurf al-Sakhar"] == date(2023, 11, 22)
