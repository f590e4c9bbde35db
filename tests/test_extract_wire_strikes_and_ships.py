"""Wire stories: strikes on Beirut's quarters (each a place of its own; quarters listed together in one sentence one
strike); jets that "pounded" a place struck it from the air; a strike on a day written weeks apart takes no figure
of the event being told; a state's "no comment" on a strike leaves it unclaimed, and its word on strikes "there" is
on its own paragraph's; someone "accused of directing" a group's operations blames nobody for the strike. A
dateline without a year is after the dates the story writes with theirs. A lead that tells of ships hit days
before is the body's attacks, and two named ships are two attacks. Texts written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

BEIRUT = """BEIRUT (AP-style) - An Israeli airstrike on an apartment in Beirut's Bachoura neighborhood on Tuesday \
killed a senior Hezbollah official, the group said. The Israeli military said its jets had struck the official.

Hours later, another strike hit a car in the Mar Elias neighborhood, killing two people, according to the Health \
Ministry. There was no immediate Israeli comment on that strike.

Earlier Tuesday, Israeli jets pounded Beirut's southern suburbs. The military said it hit weapons depots there.

The group's leader was killed in a massive strike on Beirut's southern suburbs on Sept. 27, 2024, which killed six.
"""


def _beirut(extractor):
    out = extractor.extract(Document(id="t", text=BEIRUT, lang="en", published=date(2024, 11, 19)))
    return {(e.location.name, e.date.value): e for e in out.events}


def test_each_quarter_of_beirut_is_a_place_of_its_own(extractor):
    told = _beirut(extractor)
    day = date(2024, 11, 19)
    assert {("Bachoura", day), ("Mar Elias", day), ("Dahiyeh", day)} <= set(told)
    assert told[("Dahiyeh", day)].actors == ["Israel"]
    assert told[("Dahiyeh", day)].weapons == ["aircraft"]


def test_no_comment_leaves_a_strike_unclaimed_and_the_word_there_is_on_its_own_strike(extractor):
    told = _beirut(extractor)
    day = date(2024, 11, 19)
    assert told[("Bachoura", day)].claimed_by == ["Israel"]
    assert told[("Mar Elias", day)].claimed_by == []
    assert told[("Dahiyeh", day)].claimed_by == ["Israel"]


def test_a_strike_weeks_before_gives_no_figure_to_the_days_events(extractor):
    told = _beirut(extractor)
    assert told[("Dahiyeh", date(2024, 11, 19))].fatalities is None


QUARTERS = """Hezbollah said the attack answered the Israeli strikes on Beirut on Thursday, which the Health Ministry \
said killed 22 people and wounded 117 in the Ras al-Nabaa and Nuwayri neighbourhoods."""


def test_quarters_listed_together_are_one_strike(extractor):
    out = extractor.extract(Document(id="t", text=QUARTERS, lang="en", published=date(2024, 10, 12)))
    beirut = [e for e in out.events if e.date.value == date(2024, 10, 10)]
    assert len(beirut) == 1
    assert (beirut[0].fatalities, beirut[0].injuries) == (22, 117)


def test_the_accused_commander_blames_nobody(extractor):
    text = (
        "An Israeli airstrike on a building in Beirut's Ras al-Nabaa neighborhood on Sunday killed a Hezbollah "
        "official. The Israeli military said its jets had struck him, whom it accused of directing Hezbollah's "
        "propaganda operations."
    )
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 11, 17)))
    (event,) = out.events
    assert event.actors == ["Israel"] and event.target == "Hezbollah (Lebanon)"


WIRE = """Iraqi groups press on as Israel writes to the council

BAGHDAD, Nov 19 - Attacks launched from Iraq have grown in number since September 2024, with hundreds of drones \
fired since the start of the Gaza war, officials said.

On Monday, the Islamic Resistance in Iraq said it had attacked a target in Eilat with drones.
"""


def test_a_yearless_dateline_is_after_the_dates_the_story_writes(extractor):
    out = extractor.extract(Document(id="t", text=WIRE, lang="en"))
    assert [e.date.value for e in out.events] == [date(2024, 11, 18)]


SHIPS = """DUBAI, June 14 (Reuters-style) - A bulk carrier struck by Yemen's Houthis was drifting in the Red Sea on \
Friday, and a second cargo ship was burning in the Gulf of Aden, shipping officials said.

The Liberian-flagged Tutor was hit on Wednesday about 66 nautical miles southwest of the Houthi-held port of \
Hodeidah by an explosive-laden boat and a missile, the UKMTO said. The Houthis said they had targeted it with a drone \
boat and ballistic missiles.

On Thursday, the Palau-flagged, Ukrainian-owned Verbena was struck by two anti-ship cruise missiles in the Gulf of \
Aden, injuring one sailor. The Houthis later claimed the attack.
"""


def test_a_lead_of_ships_hit_days_before_is_the_bodys_attacks(extractor):
    out = extractor.extract(Document(id="t", text=SHIPS, lang="en", published=date(2024, 6, 14)))
    days = sorted(e.date.value for e in out.events)
    assert days == [date(2024, 6, 12), date(2024, 6, 13)]
    tutor = next(e for e in out.events if e.date.value == date(2024, 6, 12))
    assert tutor.location.precision == "offset"
    verbena = next(e for e in out.events if e.date.value == date(2024, 6, 13))
    assert verbena.location.name == "Gulf of Aden" and verbena.injuries == 1
