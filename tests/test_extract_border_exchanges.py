"""A day of exchanges on the Lebanese border, told the way wires tell it: rockets into an Israeli town "and Israel
answered" with strikes in a region of the other country; the last comparable strike "since Jan. 5, when ..." is an
event; "a day after the Hamas-led attack on southern Israel" is a reference; the villages hit are known by name.
Texts written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

LEAD = (
    "Rockets fired from Lebanon hit the Israeli town of Kiryat Shmona on Tuesday, wounding three people, and Israel "
    "answered with airstrikes in southern Lebanon that killed four people."
)


def test_each_side_of_the_exchange_is_an_event_with_its_own_actor_and_toll(extractor):
    out = extractor.extract(Document(id="t", text=LEAD, lang="en", published=date(2024, 3, 12)))
    told = {e.location.name: e for e in out.events}
    assert set(told) == {"Kiryat Shmona", "South Lebanon"}
    assert told["Kiryat Shmona"].actors == [] and told["Kiryat Shmona"].injuries == 3
    assert told["South Lebanon"].actors == ["Israel"] and told["South Lebanon"].fatalities == 4


def test_a_region_named_for_a_cause_is_no_site(extractor):
    text = "Drones struck Eilat on Tuesday in support of Gaza, the group said."
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 3, 12)))
    assert [e.location.name for e in out.events] == ["Eilat"]


def test_since_a_day_when_something_happened_tells_that_event(extractor):
    text = (
        "It was the heaviest shelling since Jan. 5, when an Israeli drone strike on a house in the village of "
        "Kounine killed two men."
    )
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 3, 12)))
    assert [(e.location.name, e.date.value, e.fatalities) for e in out.events] == [("Kounine", date(2024, 1, 5), 2)]


def test_the_day_after_hamass_attack_is_a_reference(extractor):
    text = (
        "More than 300 people have been killed in Lebanon since Hezbollah opened fire on Oct. 8, a day after the "
        "Hamas-led attack on southern Israel. On the Israeli side, ten soldiers have been killed."
    )
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 3, 12)))
    assert out.events == []


def test_border_villages_in_arabic_and_english(extractor):
    text = "شنت طائرة مسيرة إسرائيلية غارة على بلدة عيناتا الجنوبية صباح اليوم، وأخرى على أطراف بلدة عدشيت."
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 3, 12)))
    assert {e.location.name for e in out.events} == {"Aynata", "Adchit"}
