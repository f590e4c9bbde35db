"""Encyclopaedic timelines and analysts' lists (thirteenth session). A page's closing notes ("1. ^ Houthi media, 19
November 2023.") are no statement's signature; a timeline whose year headings run past a landmark it names takes its
entries' years from the headings; an entry is one event even when it counts targets ("strike more than 60 targets
across Yemen"); "seize the car carrier" in a timeline's present tense is an attack; "began attacking" tells a habit.
An attack told with its day ("struck more than 85 targets at seven facilities"), then a line ending with a colon that
names no place, and a place per bullet below: each bullet is an event of that attack, of its day, with whose sites were
hit named in it. "along with two of his companions" after an apposition with "U.S." in it counts two more dead.
Sentences written for these tests."""

from datetime import date

from claimgraph.extract.casualties import parse_casualties
from claimgraph.models import Document


def _events(extractor, text, lang="en", published=None):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published)).events


TIMELINE = """Attacks on shipping: a timeline

Background
Starting in November 2023 the rebels began attacking merchant ships in the Red Sea.

2023
19 November – Rebel fighters seize the car carrier Galaxy Leader in the southern Red Sea.
12 December – A tanker is hit by a cruise missile near Bab el-Mandeb.

2024
12 January – US and British aircraft strike more than 60 targets at 16 locations across Yemen.
6 March – A missile strikes a bulk carrier off Aden in the Gulf of Aden, killing three crew members.

Notes
1. ^ Rebel media, 19 November 2023.
2. ^ Central Command statement, 12 December 2023.
"""


def test_a_timeline_under_year_headings_with_notes_below(extractor):
    got = [(e.date.value, e.date.precision) for e in _events(extractor, TIMELINE)]
    assert (date(2023, 12, 12), "day") in got
    assert (date(2024, 3, 6), "day") in got  # not 2023: the notes' last date is no signature
    assert (date(2024, 1, 12), "day") in got  # the entry that counts targets across a country is one event
    assert (date(2023, 11, 19), "day") in got  # "seize the car carrier"
    assert all(p == "day" for _, p in got)  # "began attacking ... in November 2023" is a habit, no event


def test_the_notes_of_a_page_are_no_signature():
    from claimgraph.extract.undated import signed_day

    body = "The rebels struck the tanker on Sunday, and the crew abandoned ship in the Gulf of Aden that night.\n\n"
    assert signed_day(body + "Notes\n1. ^ Rebel media, 19 November 2023.", "en") is None
    assert signed_day(body + "The Rebel Movement\nIssued on 19 November 2023", "en") == date(2023, 11, 19)


ANALYSIS = (
    "What the strikes hit\n\n"
    "The retaliation came six days after the drone attack on Tower 22 on January 28, 2024.\n\n"
    "On the evening of Friday, February 2, B-1 bombers flown from the United States struck more than 85 targets at"
    " seven facilities, three in Iraq and four in Syria. Working from official statements, we can place most of them:"
    "\n\n"
    "• Iraq: KH and PMF positions at Akashat and in and around al-Qaim on the border.\n"
    "• Syria: IRGC-linked depots near Albu Kamal and in al-Mayadin.\n"
)


def test_the_places_an_analyst_lists_under_an_attack_are_its_sites(extractor):
    got = {e.location.name: (e.date.value, e.actors) for e in _events(extractor, ANALYSIS)}
    for place in ("Akashat", "Al-Qaim", "Albu Kamal", "Al-Mayadin"):
        assert got[place] == (date(2024, 2, 2), ["US forces"])


def test_companions_killed_along_with_a_commander_after_an_apposition():
    text = (
        "A U.S. drone strike killed Abu Baqir al-Saadi, the commander the Pentagon said was responsible for attacks"
        " on U.S. forces, along with two of his companions."
    )
    assert parse_casualties(text).fatalities == 3


LIVE = (
    "LIVEBLOG | Israel at War — Day 324\n"
    "Sunday, August 25\n\n"
    "9:42 pm | Sailor killed off Acre named\n"
    "The army names the sailor killed this morning aboard a patrol boat off Acre.\n\n"
    "5:31 pm | Nasrallah speaks\n"
    "Hezbollah's chief says the group's retaliation for the killing of its commander Fuad Shukr is over. He says the"
    " Glilot base north of Tel Aviv was hit by drones.\n"
)


def test_a_live_page_counting_the_war_days_after_its_name(extractor):
    from claimgraph.extract.undated import counted_day

    assert counted_day("LIVEBLOG | Israel at War — Day 324\nSunday, August 25", "en") == date(2024, 8, 25)
    got = {e.location.name: e.date.value for e in _events(extractor, LIVE)}
    # the landmark the group avenges (30 July) does not move the page's day; "9:42 pm" counts no dead
    assert got["Glilot base"] == date(2024, 8, 25)
    assert all(e.fatalities in (None, 1) for e in _events(extractor, LIVE))


LOG = (
    "TIMELINE\n"
    "Every reported attack on US troops since Oct. 17\n\n"
    "Updated Dec. 28, 2023\n\n"
    "Militias began attacking U.S. bases in Iraq and Syria on Oct. 17, ten days after Hamas' assault on southern"
    " Israel.\n\n"
    "OCT. 26 (Washington time) — Two jets strike a weapons depot near Albu Kamal, in eastern Syria.\n\n"
    "NOV. 8 — Two jets strike a weapons storage facility in Deir ez-Zor province, Syria.\n\n"
    "NOV. 9 — Drones target U.S. forces at two locations in Syria; no injuries, officials say.\n\n"
    "DEC. 8 — Mortar rounds land inside the U.S. Embassy compound in Baghdad before dawn.\n"
)


def test_a_running_log_of_dated_entries(extractor):
    got = [(e.location.name, e.date.value) for e in _events(extractor, LOG)]
    # the day with a note in brackets heads an entry, not a dateline; the campaign's start is no event, nor is
    # the Hamas assault the start counts from; the country entry of the next day is an event of its own
    assert got == [
        ("Albu Kamal", date(2023, 10, 26)),
        ("Deir ez-Zor Governorate", date(2023, 11, 8)),
        ("Syria", date(2023, 11, 9)),
        ("US Embassy Baghdad", date(2023, 12, 8)),
    ]
