"""Lebanese and Iraqi daily reports: the IDF's Arabic spokesman announcing a kill ("أدرعي يعلن «القضاء» على عنصر
لـ«حزب الله»") is Israel's word on a Hezbollah target; "إحدى البلديات" (one of the municipalities) is no Baghdad
district; "بتحميل ... المسؤولية" lays blame, it claims nothing; rockets fired "باتجاه القاعدة" in late July are an
earlier attack on the base just named. Texts written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def test_the_spokesmans_kill_is_israels_on_a_hezbollah_member(extractor):
    text = (
        "أدرعي يعلن «القضاء» على عنصر لـ«حزب الله» في كونين.. وغارات على جبل الريحان\n\n"
        "صباحاً، استهدفت مسيّرة إسرائيلية دراجة نارية على طريق بلدة كونين، ما أدى إلى سقوط شهيد.\n\n"
        "ظهراً، ألقت مسيّرة إسرائيلية قنبلة قرب جرافة تابعة لإحدى البلديات في بلدة عيناتا، من دون إصابات. "
        "ومساءً شنّ الطيران الحربي غارات على جبل الريحان."
    )
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2025, 10, 16)))
    told = {e.location.name: e for e in out.events}
    assert set(told) == {"Kounine", "Aynata", "Jabal al-Rihan"}
    for place in ("Kounine", "Jabal al-Rihan"):
        assert told[place].actors == ["Israel"], place
        assert told[place].target == "Hezbollah (Lebanon)", place


def test_blame_in_a_verbal_noun_and_an_earlier_attack_toward_the_base(extractor):
    text = (
        "سقط صاروخان داخل قاعدة عين الأسد الجوية مساء الاثنين، ما أدى إلى إصابة خمسة أمريكيين. "
        "ولم تتبنَّ أي جهة الهجوم، فيما اكتفى الوزير بتحميل «جماعات مدعومة من إيران» المسؤولية.\n\n"
        "ويُعد هذا الهجوم الأول منذ شباط، بعد أن سقطت صواريخ أُطلقت باتجاه القاعدة أواخر تموز الماضي خارج أسوارها."
    )
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 8, 6)))
    told = sorted((e.date.value, e.date.precision, e.location.name) for e in out.events)
    assert told == [
        (date(2024, 7, 1), "month", "Ain al-Asad Air Base"),
        (date(2024, 8, 5), "day", "Ain al-Asad Air Base"),
    ]
    monday = next(e for e in out.events if e.date.precision == "day")
    assert monday.claimed_by == [] and monday.actors == []
