"""The groups' own statements, as their channels post them: no publication date, operations told by weekday
("فجر اليوم الخميس", "صباح يوم الأحد"), and a signature block that dates them ("الخميس 5 محرم الحرام 1446 هـ /
11 / 7 / 2024"). The signature is the day the statement was issued: its weekdays are read against it, at day
precision. Also: "المجاهدون" carries the statement's claimant to the next operation; "its operations will not
stop until the siege is lifted" is a commitment, no event; a timeline's year heading ("2023" alone on a line)
gives its entries their year. Sentences written for these tests."""

from datetime import date

from claimgraph.extract.undated import signed_day
from claimgraph.models import Document
from claimgraph.nlp.dates import find_dates


def _events(extractor, text, lang, published=None):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published)).events


STATEMENT = """بسم الله الرحمن الرحيم

نصرة لأهلنا في غزة، هاجم مجاهدو المقاومة الإسلامية في العراق فجر اليوم الخميس هدفا حيويا في أم الرشراش بالطيران المسير.

وفي عملية أخرى، استهدف المجاهدون قاعدة الاحتلال الأمريكي (التنف) بطائرة مسيرة.

وتؤكد المقاومة الإسلامية في العراق استمرارها في دك معاقل الأعداء، وأن عملياتها لن تتوقف حتى رفع الحصار عن غزة.

المقاومة الإسلامية في العراق
{signature}
"""


def test_a_statement_is_dated_by_its_gregorian_signature(extractor):
    text = STATEMENT.format(signature="الخميس 5 محرم الحرام 1446 هـ\n11 / 7 / 2024")
    got = [(e.location.name, e.date.value, e.date.precision, e.claimed_by) for e in _events(extractor, text, "ar")]
    assert got == [
        ("Eilat", date(2024, 7, 11), "day", ["Islamic Resistance in Iraq"]),
        ("Al-Tanf Garrison", date(2024, 7, 11), "day", ["Islamic Resistance in Iraq"]),  # "المجاهدون": the same group
    ]


def test_a_statement_signed_with_a_hijri_date_only(extractor):
    text = STATEMENT.format(signature="الخميس 5 محرم الحرام 1446 هـ")
    got = [(e.location.name, e.date.value, e.date.precision) for e in _events(extractor, text, "ar")]
    assert got == [("Eilat", date(2024, 7, 11), "day"), ("Al-Tanf Garrison", date(2024, 7, 11), "day")]


def test_without_a_signature_the_weekday_dates_nothing(extractor):
    assert _events(extractor, STATEMENT.format(signature=""), "ar") == []


def test_the_commitment_that_closes_a_statement_is_no_event(extractor):
    text = STATEMENT.format(signature="11 / 7 / 2024")
    assert "Gaza Strip" not in [e.location.name for e in _events(extractor, text, "ar")]


def test_only_a_short_line_of_its_own_among_the_last_is_a_signature():
    body = "Our fighters fired rockets at the occupation base on Sunday, and the drones hit their targets directly.\n\n"
    assert signed_day(body + "The Islamic Resistance\nIssued on 3 February 2024", "en") == date(2024, 2, 3)
    # a date inside the story's last sentence is the story's, not a signature
    story = "The group said on Sunday that it had struck the base, as it had on 3 February 2024 and again in March."
    assert signed_day(story, "en") is None
    # nor is a date at the top of the text
    top = "3 February 2024\n\n" + "Rockets hit the base on Sunday. " * 3 + "\n\nMore follows."
    assert signed_day(top, "en") is None


def test_a_timelines_year_heading_gives_its_entries_their_year(extractor):
    text = (
        "Timeline of attacks on US forces\nUpdated Feb. 9, 2024\n\n2023\n\n"
        + "".join(f"{m} – Rockets hit Ain al-Asad air base; no one was hurt.\n\n" for m in ("OCT. 19", "NOV. 21"))
        + "DEC. 26 – A drone struck Erbil air base, wounding three US service members.\n\n2024\n\n"
        "JAN. 21 – Ballistic missiles hit Ain al-Asad air base.\n"
    )
    got = [(e.location.name, e.date.value) for e in _events(extractor, text, "en")]
    assert got == [
        ("Ain al-Asad Air Base", date(2023, 10, 19)),
        ("Ain al-Asad Air Base", date(2023, 11, 21)),
        ("Erbil Air Base", date(2023, 12, 26)),
        ("Ain al-Asad Air Base", date(2024, 1, 21)),
    ]


def test_a_year_heading_ends_where_the_text_writes_another_year():
    text = "2023\n\nOct. 19: rockets. On 4 March 2021 the base was hit, and on 5 March again."
    found = {d.text: d.value for d in find_dates(text, 0, "en", None)}
    assert found["Oct. 19"] == date(2023, 10, 19)
    assert found["5 March"] == date(2021, 3, 5)  # the written year near it, not the heading's


def test_a_statement_quoted_inside_a_page_is_dated_by_its_own_signature(extractor):
    text = (
        "صنعاء - سبأ:\nأعلنت القوات المسلحة اليمنية، مساء اليوم، تنفيذ عملية عسكرية.\n\nوفيما يلي نص البيان:\n"
        "نفذت القوة الصاروخية عملية عسكرية استهدفت أهدافا للعدو في منطقة أم الرشراش بعدد من الصواريخ الباليستية.\n"
        "صنعاء 14 رجب 1445هـ\nالموافق 26 يناير 2024م\nصادر عن القوات المسلحة اليمنية\n\n"
        "وكانت هيئة عمليات التجارة البحرية البريطانية قد أفادت في وقت سابق بأن سفينة تعرضت لهجوم، من دون أن تذكر "
        "مزيدا من التفاصيل عن الأضرار أو الإصابات، فيما لم يعلق الجيش الإسرائيلي على البيان حتى الآن."
    )
    got = [(e.location.name, e.date.value, e.date.precision) for e in _events(extractor, text, "ar")]
    assert got == [("Eilat", date(2024, 1, 26), "day")]
