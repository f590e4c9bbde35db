"""A page that quotes a group's statement whole: its operations are the group's claim; the statement's signature
("صنعاء 14 ذو الحجة 1445هـ") is where it was issued, not a site; a dateline on its own line ("صنعاء - سبأ:") and
the bulleted headlines under "أخبار ذات صلة:" are page furniture. Text written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.extract.claimlists import statement_blocks
from claimgraph.extract.cues import furniture_lines
from claimgraph.models import Document

RELAY = """وكالة الأنباء

القوات المسلحة تنفذ عمليتين في البحر الأحمر والبحر العربي

صنعاء - سبأ:
أعلن المتحدث الرسمي باسم القوات المسلحة اليمنية في بيان أن العمليات تأتي نصرة لغزة. وفيما يلي نص البيان:

بسم الله الرحمن الرحيم
نفذت القوات البحرية في القوات المسلحة اليمنية عمليتين عسكريتين:
الأولى: استهدفت السفينة (SEA DAWN) في البحر الأحمر بعدد من الصواريخ الباليستية.
الثانية: استهدفت السفينة (NORTH STAR) في البحر العربي بعدد من الطائرات المسيرة.
صنعاء 14 ذو الحجة 1445هـ
الموافق 20 يونيو 2024م

أخبار ذات صلة:
- مسيرات حاشدة في العاصمة صنعاء تضامنا مع غزة
"""


def test_the_blocks_of_a_quoted_statement():
    blocks = statement_blocks(RELAY)
    assert len(blocks) == 1
    a, b = blocks[0]
    assert RELAY[a:b].startswith("بسم الله") and "الثانية" in RELAY[a:b]


def test_an_announced_block_is_a_statement_without_its_basmala():
    text = (
        "أصدرت المقاومة الإسلامية البيان التالي:\n\n"
        "استهدف المجاهدون موقع المالكية بالأسلحة الصاروخية.\n\nوقال مراسلنا إن الوضع هادئ."
    )
    ((a, b),) = statement_blocks(text)
    assert text[a:b].startswith("استهدف المجاهدون")


def test_related_headlines_under_their_heading_are_furniture():
    kinds = {RELAY[a:b].strip(): kind for a, b, kind in furniture_lines(RELAY)}
    assert kinds.get("- مسيرات حاشدة في العاصمة صنعاء تضامنا مع غزة") == "furniture"


def test_a_quoted_statements_operations_are_the_groups_claims(extractor):
    out = extractor.extract(Document(id="t", text=RELAY, lang="ar", published=date(2024, 6, 20)))
    events = {e.location.name: e for e in out.events}
    assert set(events) == {"Red Sea", "Arabian Sea"}  # not Sanaa: the dateline, the signature, a headline
    for e in events.values():
        assert e.actors == ["Houthis"] and e.claimed_by == ["Houthis"]


def test_the_us_british_aggression_names_both_states(extractor):
    text = "شن طيران العدوان الأمريكي البريطاني غارات استهدفت ميناء الصليف مساء الخميس."
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 5, 31)))
    assert [sorted(e.actors) for e in out.events] == [["UK forces", "US forces"]]


def test_a_monitor_cited_for_a_toll_is_not_blamed(extractor):
    # ("وباديتهما", their desert, holds the letters of "يتهم", accuses: no blame word)
    text = (
        "طالت الغارات الأمريكية ليل الجمعة مواقع للميليشيات الموالية لإيران في البوكمال والميادين وباديتهما، "
        'وقتل فيها 23 عنصراً على الأقل وفقاً لإحصاءات "المرصد السوري"، رداً على مقتل ثلاثة جنود أمريكيين.'
    )
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 2, 3)))
    assert out.events and all((e.actors, e.attributed_to) == (["US forces"], []) for e in out.events)


def test_blame_for_the_attacks_goes_to_each_attack_told(extractor):
    text = (
        "استهدفت مسيّرة صباح اليوم حقل بيشخابور، واستهدفت مسيّرة ثانية حقل طاوكي.\n\n"
        "واتهمت وزارة داخلية الإقليم كتائب حزب الله بالوقوف وراء الهجمات."
    )
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2025, 7, 16)))
    assert len(out.events) == 2 and all(e.attributed_to == ["Kataib Hezbollah"] for e in out.events)


def test_today_written_with_its_weekday_before_the_date_dates_the_page(extractor):
    text = (
        "دهوك (كوردستان24) – استهدفت طائرة مسيّرة مفخخة، صباح اليوم الأربعاء 16 تموز، حقل بيشخابور النفطي.\n\n"
        "وتأتي هجمات اليوم بعد يوم واحد من استهداف حقل سرسنك بمسيّرة صباح أمس الثلاثاء."
    )
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=None))
    days = {e.location.name: (e.date.value, e.date.precision) for e in out.events}
    assert days["Sarsang oil field"] == (date(2025, 7, 15), "day")
