"""Joint US-British strikes as the Houthis' and the wires' English tells them: a yearless dateline whose day the
story names by its weekday, "the American-British aggression launched raids on", "the aggression's warplanes
targeted the port with six raids" (both states carried on), a toll "risen to 16 martyrs". Sentences written for these
tests."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.extract.undated import dateline_day
from claimgraph.models import Document

STORY = (
    "SANA'A, May 30 (Saba) - The American-British aggression launched on Thursday evening a series of air raids on "
    "Hodeidah governorate.\n\n"
    "A source said that the aggression's warplanes targeted the port of al-Salif with six raids.\n\n"
    "The health ministry said the toll at al-Salif port had risen to 16 martyrs and 41 wounded, after an earlier "
    "toll of 14 martyrs."
)


def test_a_yearless_dateline_takes_the_one_year_its_weekday_fits():
    assert dateline_day(None, STORY, "en") == date(2024, 5, 30)  # Thursday 30 May: 2024 alone in 2023-2026
    # "Friday" is no weekday 30 May falls on in 2023-2026 but 2025: that year
    assert dateline_day(None, STORY.replace("Thursday", "Friday"), "en") == date(2025, 5, 30)
    # no weekday named: no year
    assert dateline_day(None, STORY.replace("on Thursday evening ", ""), "en") is None


def test_joint_strikes_keep_both_states_and_their_toll(extractor):
    [salif] = extractor.extract(Document(id="t", text=STORY, lang="en")).events  # the governorate's raid is Salif's
    assert salif.date.iso() == "2024-05-30"
    assert salif.actors == ["US forces", "UK forces"]
    assert (salif.fatalities, salif.injuries) == (16, 41)


def test_british_strikes_name_the_uk(extractor):
    [event] = extractor.extract(
        Document(id="t", text="US-British strikes hit Hodeidah on Thursday.", lang="en", published=date(2024, 5, 31))
    ).events
    assert event.actors == ["US forces", "UK forces"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("In response to the assassination carried out by Israel on Monday with a drone strike on a car in Nabatieh, "
         "Hezbollah fighters shelled Kiryat Shmona with Katyusha rockets.", "en"),
        ("ردّاً على عملية الاغتيال التي نفذها العدو الإسرائيلي أمس الاثنين بغارة من مسيّرة على سيارة في بلدة النبطية، "
         "قصف مجاهدو المقاومة الإسلامية مستعمرة كريات شمونة بصلية من صواريخ الكاتيوشا.", "ar"),
    ],
)  # fmt: skip
def test_an_opening_that_tells_what_is_answered_keeps_its_actor_and_day(extractor, text, lang):
    events = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2024, 5, 14))).events
    told = {e.location.name: (e.date.iso(), e.actors) for e in events}
    assert told["Nabatieh"] == ("2024-05-13", ["Israel"])
    assert told["Kiryat Shmona"] == ("2024-05-14", ["Hezbollah (Lebanon)"])


def test_the_news_day_is_not_the_answered_attacks(extractor):
    text = (
        "BAGHDAD, Feb 3 — US forces struck more than 85 targets in Iraq and Syria late on Friday, the first "
        "retaliation for the drone attack that killed three American soldiers at Tower 22 in Jordan last Sunday.\n\n"
        "In Iraq, the strikes hit sites near the border town of al-Qaim."
    )
    events = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 2, 3))).events
    days = {e.location.name: e.date.iso() for e in events}
    assert days["Tower 22"] == "2024-01-28"
    assert days["Al-Qaim"] == "2024-02-02"  # the strikes of Friday, not of Tower 22's Sunday
