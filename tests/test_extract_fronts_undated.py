"""The fronts, second part: undated texts placed in time by the landmark they tell of or their address's
month, a region's event handing down what it knew to the town within it, the author of a weapon
("a Houthi anti-ship missile"), Arabic state adjectives after a weapon, and an opening metadata line.
Hand-written snippets."""

from __future__ import annotations

from datetime import date

from claimgraph.extract.handdown import hand_down_drafts
from claimgraph.extract.undated import assumed_day, url_month, url_spelt_day
from claimgraph.kb.landmarks import landmarks, named_landmarks
from claimgraph.models import Document


def _out(extractor, text: str, published: date | None = None, lang: str = "en", url: str | None = None):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang, url=url))


def test_url_month_reads_a_month_path_only():
    assert url_month("https://blog.example.org/2024/09/rockets-fired-north.html") == date(2024, 9, 1)
    assert url_month("https://example.org/2024/09/01/story") is None  # a whole day is publication.url_date's
    assert url_month("https://example.org/node/2559526/middle-east") is None
    assert url_month(None) is None


def test_an_address_that_spells_a_day_in_words_dates_an_undated_page():
    url = "https://example.org/en/spotlight-on-iran-and-the-axis-september-25-october-1-2024/"
    assert url_spelt_day(url) == date(2024, 10, 1)  # the latest day of the period it covers
    assert url_spelt_day("https://example.org/news/12-june-2024-strikes") == date(2024, 6, 12)
    assert url_spelt_day("https://example.org/a/may-day-2024") is None
    text = "Israeli jets struck the port of Hodeidah on Sunday, the Houthis said."
    assert assumed_day(url, text, "en") == (date(2024, 10, 1), "week", "the day its address spells")


def test_fronts_landmarks_are_anchors_and_named_by_ship_or_person():
    ids = {lm.id for lm in landmarks() if lm.anchor}
    assert {"marlin-luanda", "majdal-shams", "shukr-killing", "galaxy-leader-hijacking"} <= ids
    named = {lm.id for lm in named_landmarks("Crews fought a fire on the tanker Marlin Luanda after the strike.", "en")}
    assert "marlin-luanda" in named
    # the reference-only landmarks (the war's start) anchor nothing
    assert all(not lm.anchor for lm in landmarks() if lm.reference_only)


def test_assumed_day_prefers_the_landmark_in_the_address_month():
    text = "Hezbollah fired rockets at a base on Tuesday, days after the Majdal Shams strike on Saturday."
    day, precision, _ = assumed_day("https://x.example/2024/07/story", text, "en")
    assert (day, precision) == (date(2024, 7, 30), "week")
    # a landmark of another month than the address: the address wins, to the month
    day, precision, _ = assumed_day("https://x.example/2024/09/story", text, "en")
    assert (day, precision) == (date(2024, 9, 30), "month")
    assert assumed_day(None, "Rockets hit a town on Tuesday.", "en") is None


def test_an_undated_text_telling_of_a_landmark_is_read_in_its_week(extractor):
    out = _out(
        extractor,
        "A drone strike hit a building in Haret Hreik on Tuesday, killing two people, after Israel blamed "
        "Hezbollah for the Majdal Shams rocket strike on a football pitch on Saturday that killed 12 children.",
    )
    assert out.published is None
    assert any(n.kind == "publication_date_assumed" for n in out.notes)
    by_place = {e.location.name: e for e in out.events}
    # the landmark itself keeps its day; the weekday of the news is read in the week after it
    assert by_place["Majdal Shams"].date.value == date(2024, 7, 27)
    haret = by_place["Haret Hreik"]
    assert haret.date.precision == "week" and abs((haret.date.value - date(2024, 7, 30)).days) <= 3


def test_an_undated_text_with_a_month_path_dates_its_events_to_the_month(extractor):
    out = _out(
        extractor,
        "Hezbollah said it fired a volley of Katyusha rockets at Kiryat Shmona on Sunday.",
        url="https://blog.example.org/2024/09/rockets-north.html",
    )
    (e,) = out.events
    assert (e.date.iso(), e.date.precision) == ("2024-09", "month")


def test_an_undated_text_with_nothing_to_go_by_stays_undated(extractor):
    out = _out(extractor, "Hezbollah said it fired rockets at Kiryat Shmona on Sunday.")
    assert out.events == [] and any(n.kind == "no_publication_date" for n in out.notes)


def test_the_author_of_a_weapon_is_the_perpetrator(extractor):
    (e,) = _out(
        extractor,
        "The bulk carrier was hit by a Houthi anti-ship missile in the Gulf of Aden on Friday.",
        date(2024, 2, 1),
    ).events
    assert e.actors == ["Houthis"]
    (e,) = _out(extractor, "US jets struck Houthi missile launchers near Hodeidah on Tuesday.", date(2024, 2, 1)).events
    assert e.actors == ["US forces"] and e.target == "Houthis"


def test_a_region_hands_its_actor_down_to_the_one_town_told_that_day(extractor):
    text = (
        "An Israeli drone strike killed a man in southern Lebanon on Wednesday, officials said.\n\n"
        'The news agency said "a drone targeted a car near Nabatieh this morning."'
    )
    (e,) = _out(extractor, text, date(2025, 5, 14)).events
    assert e.location.name == "Nabatieh" and e.actors == ["Israel"] and e.fatalities == 1


def test_hand_down_needs_exactly_one_place_within(extractor):
    from claimgraph.extract.drafts import Draft
    from claimgraph.extract.units import Unit
    from claimgraph.models import DateValue
    from claimgraph.nlp.pipeline import Mention

    places = extractor.kb.places
    unit = Unit(index=0, start=0, end=1, text="x", paragraph=0, sentences=[0], mentions=[])
    day = DateValue(date(2024, 5, 1))

    def draft(key, perps=()):
        return Draft(place=Mention("PLACE", key, 0, 1, key, 0), date=day, unit=unit, perpetrators=list(perps))

    region, tyre, sidon = draft("south-lebanon", ["israel"]), draft("tyre"), draft("sidon")
    hand_down_drafts([region, tyre, sidon], places)
    assert tyre.perpetrators == [] and sidon.perpetrators == []  # two towns: which one is not known
    region, tyre = draft("south-lebanon", ["israel"]), draft("tyre")
    hand_down_drafts([region, tyre], places)
    assert tyre.perpetrators == ["israel"]


def test_an_arabic_state_adjective_after_the_weapon_names_the_actor(extractor):
    (e,) = _out(
        extractor,
        "استشهد شخص، الأربعاء، في غارة شنتها طائرة مسيّرة إسرائيلية على سيارة في بلدة برج رحال جنوب لبنان.",
        date(2025, 11, 5),
        "ar",
    ).events
    assert e.actors == ["Israel"] and e.location.name == "Burj Rahal"


def test_an_opening_metadata_line_is_no_dateline_nor_a_toll(extractor):
    out = _out(
        extractor,
        " date 2025-05-14 Beirut, May 14 (IANS) An Israeli drone strike killed a Hezbollah member near "
        "Qaaqaait al-Jisr in southern Lebanon on Wednesday.",
    )
    assert out.published == date(2025, 5, 14)
    (e,) = out.events
    assert e.location.name == "Qaaqaait al-Jisr" and e.fatalities == 1 and e.actors == ["Israel"]


def test_irans_two_attacks_on_israel_are_told_apart_and_anchor_undated_news(extractor):
    def named(text: str, lang: str = "en") -> set[str]:
        return {lm.id for lm in named_landmarks(text, lang) if lm.id.startswith("iran-true-promise")}

    assert named("Iran's unprecedented drone and missile attack on Israel last weekend") == {
        "iran-true-promise-2024-04-13"
    }
    assert named("more than 300 drones and missiles were fired overnight") == {"iran-true-promise-2024-04-13"}
    assert named("days after Iran's massive ballistic missile attack on Israel") == {"iran-true-promise-2-2024-10-01"}
    assert named("Iran fired about 180 ballistic missiles at Israel") == {"iran-true-promise-2-2024-10-01"}
    assert named("Iran's missile attack on Israel in April") == set()  # says which month itself
    assert named("في عملية الوعد الصادق 2 ضد اسرائيل", "ar") == {"iran-true-promise-2-2024-10-01"}
    assert named("منذ عملية الوعد الصادق", "ar") == {"iran-true-promise-2024-04-13"}
    # an undated report written that week: its weekday is read in the week after the attack
    out = _out(
        extractor,
        "US forces struck Houthi targets in Sanaa on Friday, amid growing regional escalation after Iran's "
        "major missile attack on Israel this week.",
    )
    (e,) = [e for e in out.events if e.location.name == "Sanaa"]
    assert e.date.precision == "week" and date(2024, 10, 1) <= e.date.value <= date(2024, 10, 8)


def test_a_town_described_in_a_list_of_sites_is_a_site_not_a_locator(extractor):
    out = _out(
        extractor,
        "Houthi media said US strikes hit Sanaa, the southern city of Dhamar and Hodeidah on Friday.",
        published=date(2024, 10, 5),
    )
    assert [e.location.name for e in out.events] == ["Sanaa", "Dhamar", "Hodeidah"]
    # a direction word with "of" still locates: "a village south of Dhamar" is not Dhamar
    out = _out(extractor, "US strikes hit a village 20 km south of Dhamar on Friday.", published=date(2024, 10, 5))
    assert all(e.location.name != "Dhamar" or e.location.precision != "town" for e in out.events)


def test_the_2025_drone_campaign_on_kurdish_oil_fields_dates_a_yearless_report(extractor):
    ids = {lm.id for lm in named_landmarks("Explosive-laden drones struck the Tawke field in Duhok.", "en")}
    assert "kurdistan-oilfield-drones-2025" in ids
    ids = {lm.id for lm in named_landmarks("استهدفت طائرة مسيرة حقل سرسنك النفطي في دهوك", "ar")}
    assert "kurdistan-oilfield-drones-2025" in ids
    assert "kurdistan-oilfield-drones-2025" not in {lm.id for lm in named_landmarks("Output at Tawke rose.", "en")}
    out = _out(extractor, "On July 17, explosive-laden drones struck the Tawke oil field near Zakho, officials said.")
    assert [e.date.iso() for e in out.events] == ["2025-07-17"]
