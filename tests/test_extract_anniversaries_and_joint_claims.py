"""An undated page dated from a landmark's anniversary ("three days before the first anniversary of the Hamas
onslaught", "عشية الذكرى السنوية الأولى لطوفان الأقصى") or by the day of "Al-Aqsa Flood" it counts; a claim whose
subject is set off by a parenthesis ("its fighters, in coordination with X, had targeted"); "the Iraqi Resistance"
is the IRI; "the IDF said it had struck" is Israel's word. Texts written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

GOLAN = """Soldier killed as drone from Iraq hits base in northern Golan

One soldier was killed when a drone launched from Iraq slammed into an army base in the northern Golan Heights \
before dawn on Friday, the military said. It was the first deadly attack from Iraq, and came three days before the \
first anniversary of the Hamas onslaught.

Meanwhile, Israeli jets struck Beirut's southern suburbs late Thursday. The IDF said it had struck a Hezbollah \
intelligence headquarters.
"""


def test_a_page_dated_from_a_landmarks_anniversary(extractor):
    out = extractor.extract(Document(id="t", text=GOLAN, lang="en"))
    told = {e.location.name: e for e in out.events}
    assert told["Golan Heights"].date.value == date(2024, 10, 4)
    assert told["Dahiyeh"].date.value == date(2024, 10, 3)
    assert told["Dahiyeh"].claimed_by == ["Israel"]


def test_the_eve_of_the_anniversary_in_arabic(extractor):
    text = (
        "عشية الذكرى السنوية الأولى لطوفان الأقصى\n\n"
        "استهدفت المقاومة الإسلامية في العراق فجر اليوم هدفاً في إيلات بالطائرات المسيّرة."
    )
    out = extractor.extract(Document(id="t", text=text, lang="ar"))
    assert [e.date.value for e in out.events] == [date(2024, 10, 6)]


JOINT = """Al Mayadeen English
Day 250 of Al-Aqsa Flood

The Islamic Resistance in Iraq announced on Wednesday that its fighters, in coordination with the Yemeni Armed \
Forces, had targeted ships in the port of Haifa with drones.

In a separate statement, the Iraqi Resistance said its fighters had struck a target in Eilat with drones.
"""


def test_a_day_count_of_al_aqsa_flood_and_a_claim_with_its_subject_set_off(extractor):
    out = extractor.extract(Document(id="t", text=JOINT, lang="en"))
    told = {e.location.name: e for e in out.events}
    assert told["Haifa"].date.value == date(2024, 6, 12)
    assert told["Haifa"].claimed_by[0] == "Islamic Resistance in Iraq"
    assert told["Eilat"].actors == ["Islamic Resistance in Iraq"]
    assert told["Eilat"].claimed_by == ["Islamic Resistance in Iraq"]


def test_news_told_as_days_after_a_landmark(extractor):
    text = (
        "Drone downed near Erbil airport\n\n"
        "A drone was shot down near Erbil airport on Friday, Kurdish officials said. The attack comes two weeks "
        "after the killing of Hassan Nasrallah."
    )
    out = extractor.extract(Document(id="t", text=text, lang="en"))
    assert [e.date.value for e in out.events] == [date(2024, 10, 11)]  # 27 September 2024 + 14 days, a Friday
    ar = (
        "إسقاط مسيّرة قرب مطار أربيل\n\n"
        "أسقطت الدفاعات الجوية مسيّرة قرب مطار أربيل مساء الجمعة. ويأتي ذلك بعد أسبوعين من اغتيال حسن نصر الله."
    )
    out = extractor.extract(Document(id="t", text=ar, lang="ar"))
    assert [e.date.value for e in out.events] == [date(2024, 10, 11)]
