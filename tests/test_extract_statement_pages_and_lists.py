"""A news agency's page that quotes a group's statement whole: the statement runs from its basmala over its body to
its signature, and the operation it tells with no day of its own is of the day it is signed with; the page itself
is of the later day its header shows. An earlier count told in the pluperfect ("وكانت الوزارة قد أعلنت ...") is no
toll; the children "among" the dead are no wounded. Of several claim words, the subject of the last one claims. A
head that ends with a colon lists the sites of its attack one per line. Newspapers named in quotes are no places.
Texts written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

PAGE = """وكالة الأنباء
الخميس، 5 ربيع الأول 1447هـ

وزارة الصحة: ارتفاع حصيلة العدوان الصهيوني على الحديدة

أعلنت وزارة الصحة، اليوم، ارتفاع حصيلة العدوان الصهيوني الذي استهدف أمس الأربعاء ميناء الحديدة إلى ستة شهداء بينهم \
ثلاثة أطفال، و40 جريحاً.

وكانت الوزارة قد أعلنت مساء أمس حصيلة أولية بلغت شهيدين و11 جريحاً.

ويأتي العدوان بعد يومين من عملية نفذتها القوات المسلحة اليمنية في منطقة يافا المحتلة، وفيما يلي نص بيانها:

بسم الله الرحمن الرحيم
﴿وَقَاتِلُوهُمْ حَتَّى لَا تَكُونَ فِتْنَةٌ﴾

نفّذ سلاح الجو المسيّر في القوات المسلحة اليمنية عملية عسكرية استهدفت هدفاً حيوياً للعدو في منطقة يافا المحتلة \
بطائرة مسيّرة، وقد وصلت إلى هدفها بنجاح.

صنعاء، 2 ربيع الأول 1447هـ
الموافق 25 أغسطس 2025م
القوات المسلحة اليمنية

وكانت غارة في العاشر من أغسطس قد طالت مقرّي صحيفتي «الثورة» و«اليمن» في العاصمة.
"""


def _page(extractor):
    out = extractor.extract(Document(id="t", text=PAGE, lang="ar"))
    return {e.location.name: e for e in out.events}, out


def test_the_statement_operation_is_of_its_signature_day_and_claimed(extractor):
    told, _ = _page(extractor)
    jaffa = told["Jaffa"]
    assert jaffa.date.value == date(2025, 8, 25)
    assert jaffa.claimed_by == ["Houthis"]


def test_the_page_is_of_its_header_day_after_the_statement(extractor):
    told, _ = _page(extractor)
    assert told["Hodeidah"].date.value == date(2025, 8, 27)  # 5 Rabi al-Awwal 1447 is Thursday 28 August
    assert told["Hodeidah"].actors == ["Israel"]


def test_the_earlier_count_and_the_children_among_the_dead_are_not_the_toll(extractor):
    told, _ = _page(extractor)
    assert (told["Hodeidah"].fatalities, told["Hodeidah"].injuries) == (6, 40)


def test_newspapers_named_in_quotes_are_no_places(extractor):
    told, _ = _page(extractor)
    assert "Yemen" not in told


HEAD_AR = """ففي بيانات متتالية مساء الثلاثاء، أعلنت المقاومة الإسلامية في لبنان أنها استهدفت ثكنة زرعيت بصواريخ فلق.

وأعلنت المقاومة الإسلامية في لبنان أمس الأربعاء تنفيذ هجوم مشترك بالصواريخ والمسيّرات على عدد من المقار، أبرزها:
- مقر قيادة الفرقة ٩١ في ثكنة برانيت.
- ثكنة راميم.
وقال جيش الاحتلال إن معظمها اعتُرض.
"""


def test_several_claim_words_and_a_list_of_sites_below_a_head(extractor):
    out = extractor.extract(Document(id="t", text=HEAD_AR, lang="ar", published=date(2024, 7, 4)))
    told = {e.location.name: e for e in out.events}
    zarit = next(e for name, e in told.items() if "Zar" in name)
    assert zarit.claimed_by == ["Hezbollah (Lebanon)"] and zarit.date.value == date(2024, 7, 2)
    for name in ("Branit barracks", "Ramim barracks"):
        assert told[name].date.value == date(2024, 7, 3), name
        assert told[name].claimed_by == ["Hezbollah (Lebanon)"], name
        assert set(told[name].weapons) == {"rocket", "drone"}, name


def test_a_list_in_english_below_a_head(extractor):
    text = (
        "Hezbollah said it fired rockets and drones on Thursday at several Israeli bases, including:\n"
        "- the Biranit barracks;\n- the Ramim barracks.\nIsrael said most were intercepted.\n"
    )
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 7, 5)))
    assert sorted(e.location.name for e in out.events) == ["Branit barracks", "Ramim barracks"]
    assert all(e.claimed_by == ["Hezbollah (Lebanon)"] for e in out.events)
