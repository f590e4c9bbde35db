"""A daily update's numbered paragraphs read sentence by sentence (a timeline's entry headed by its date stays whole),
"the group" after a group that acted since the last claim is that group, and a toll "between the two sites" is no one
event's. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2023, 11, 13)):
    return extractor.extract(Document(id="t", text=text, lang="en", published=published)).events


UPDATE = (
    "KEY TAKEAWAYS\n\n"
    "1. US forces struck two facilities in eastern Syria used by the IRGC on November 12. Two US F-15E aircraft "
    "struck a training facility near Albu Kamal and a safe house near Mayadin, the Pentagon said. Officials said the "
    "strikes answered continued attacks. This is the third round of US strikes in Syria since October 17; the second, "
    "by two F-15 jets, hit a weapons storage facility in Deir ez-Zor Province on November 8.\n\n"
    "2. The Islamic Resistance in Iraq claimed a drone attack on the US base at al-Shaddadi on November 12.\n\n"
    "3. Lebanese Hezbollah conducted at least 12 attacks into northern Israel on November 12. The group claimed an "
    "anti-tank guided missile attack near Dovev. The IDF said it responded.\n\n"
    "Monitors said the US strikes killed at least eight militiamen, without distinguishing between the two sites."
)


def test_a_numbered_paragraph_is_read_sentence_by_sentence(extractor):
    days = {e.location.name: e.date.iso() for e in _events(extractor, UPDATE)}
    assert days["Albu Kamal"] == days["Al-Mayadin"] == "2023-11-12"
    assert days["Deir ez-Zor Governorate"] == "2023-11-08"


def test_the_group_is_the_one_that_acted_last(extractor):
    dovev = next(e for e in _events(extractor, UPDATE) if e.location.name == "Dovev")
    assert dovev.claimed_by == ["Hezbollah (Lebanon)"]


def test_a_toll_between_the_two_sites_is_no_single_event(extractor):
    assert all(e.fatalities is None for e in _events(extractor, UPDATE))


def test_a_timeline_entry_headed_by_its_date_stays_whole(extractor):
    [event] = _events(
        extractor,
        "2. Ain al-Asad, 2023-11-20. Militants fired a ballistic missile at Ain al-Asad Air Base. Officials blamed "
        "Kataib Hezbollah. There was minor damage.",
        published=date(2023, 11, 22),
    )
    assert event.date.iso() == "2023-11-20"
    assert event.actors == ["Kataib Hezbollah"]


def test_a_country_heading_an_item_is_no_party(extractor):
    [event] = _events(
        extractor,
        "- Syria: Israel conducted an airstrike on a building in the Mezzeh neighborhood of Damascus on January 20, "
        "killing five IRGC officers. Israel has not commented. The IRGC blamed Israel.",
        published=date(2024, 1, 22),
    )
    assert event.actors == ["Israel"]
