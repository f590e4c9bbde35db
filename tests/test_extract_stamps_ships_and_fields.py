"""Pages that date themselves in their header (a masthead's display date, an update stamp), a ship's attack told
"off" a port and at a position from it, the same site taken up by "the same field" / "الحقل ذاته", and energy works
as civilian targets. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.extract.casualties import parse_casualties
from claimgraph.extract.undated import stamped_day
from claimgraph.models import Document


def _events(extractor, text: str, lang: str, published: date | None = None):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published)).events


MASTHEAD = "LA GAZETTE DU GOLFE        Samedi 24 août 2024        Abonnez-vous | Se connecter\nAccueil > Monde\n\n"


def test_a_masthead_date_neither_dates_the_story_nor_moves_its_years(extractor):
    events = _events(
        extractor,
        MASTHEAD + "Le vraquier Nordic Star a été attaqué mercredi 21 août au large de Hodeïda. Le 20 juillet, "
        "l'aviation israélienne avait bombardé le port de Hodeïda, faisant au moins six morts.",
        "fr",
    )
    assert sorted(e.date.iso() for e in events) == ["2024-07-20", "2024-08-21"]


def test_a_weekday_keeps_the_year_it_fixes():
    from claimgraph.nlp.dates import find_dates

    found = find_dates("Vendredi 23 août 2024. Le navire a été touché mercredi 21 août.", 0, "fr", None)
    assert [d.value for d in found if d.kind == "absolute"] == [date(2024, 8, 23), date(2024, 8, 21)]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("كوردستان 24\n\nآخر تحديث: السبت 27-04-2024 11:40\n\nقتل أربعة عمال في هجوم أمس الجمعة.", date(2024, 4, 27)),
        ("Gulf Monitor\nPublished: 5 August 2024\n\nA drone hit the field on Sunday.", date(2024, 8, 5)),
        ("Gulf Monitor\n\nA drone hit the field on 5 August 2024.", None),
    ],
)
def test_the_day_a_page_stamps_itself_with(text, day):
    lang = "ar" if "آخر" in text else "en"
    assert stamped_day(text, lang) == day


def test_an_update_stamp_dates_yesterday(extractor):
    [event] = _events(
        extractor,
        "كوردستان 24\n\nآخر تحديث: السبت 27-04-2024 11:40\n\nاستهدفت طائرة مسيرة مفخخة مساء أمس الجمعة حقل كورمور "
        "للغاز في السليمانية، ما أدى إلى مقتل أربعة عمال.",
        "ar",
    )
    assert (event.date.value, event.date.precision) == (date(2024, 4, 26), "day")
    assert event.target == "civilians"  # a gas field that hosts no forces


def test_a_ship_off_a_port_and_at_a_position_from_it_is_one_attack(extractor):
    events = _events(
        extractor,
        "Le pétrolier Nordic Star a été attaqué mercredi au large de Hodeïda. Les Houthis ont revendiqué l'attaque "
        "du Nordic Star, touché mercredi à environ 77 milles nautiques à l'ouest de Hodeïda, selon l'UKMTO.",
        "fr",
        published=date(2024, 8, 23),
    )
    assert len(events) == 1
    assert events[0].location.name == "77 nautical miles west of Hodeidah"
    assert events[0].claimed_by == ["Houthis"]


@pytest.mark.parametrize(
    "text",
    ["Les 25 membres d'équipage ont été évacués sains et saufs.", "UKMTO said all crew were safe."],
)
def test_a_crew_safe_is_no_one_hurt(text):
    c = parse_casualties(text)
    assert (c.fatalities, c.injuries) == (0, 0)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("استهدفت طائرة مسيرة حقل كورمور للغاز مساء الجمعة. وسبق أن تعرض الحقل ذاته لهجوم بصاروخ في كانون الثاني "
         "الماضي.", "ar"),
        ("A drone struck the Khor Mor gas field on Friday. The same gas field was hit by a rocket in January.", "en"),
        ("Un drone a frappé le champ gazier de Khor Mor vendredi. Le même champ gazier avait été visé par une "
         "roquette en janvier.", "fr"),
    ],
)  # fmt: skip
def test_the_same_field_on_a_month_of_its_own_is_another_attack(extractor, text, lang):
    events = _events(extractor, text, lang, published=date(2024, 4, 27))
    assert sorted((e.date.iso(), e.location.place_id) for e in events) == [
        ("2024-01", "khor-mor-gas-field"),
        ("2024-04-26", "khor-mor-gas-field"),
    ]


@pytest.mark.parametrize("sea", ["Red Sea", "Gulf of Aden", "Bab el-Mandeb", "Arabian Sea"])
def test_the_yemen_fronts_seas_are_coded_to_yemen(extractor, sea):
    # as ACLED and every annotator of these fronts code them: the front whose attacks they hold
    [event] = _events(
        extractor,
        f"The Houthis said they fired missiles at a cargo ship in the {sea} on Tuesday.",
        "en",
        date(2024, 2, 21),
    )
    assert event.location.country == "YE"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("موقع الأخبار | عمليات المقاومة\n\nحصاد عمليات المقاومة الإسلامية ليوم الثلاثاء 14-5-2024\n\nنفذ المجاهدون "
         "اليوم عمليات عدة.", date(2024, 5, 14)),
        ("Attacks on US forces in Syria, 14 May 2024\n\nTwo drones struck the base today.", date(2024, 5, 14)),
        # the day displayed atop the page, with the city's weather: no title
        ("الجمعة، 06 كانون الأول 2024    بيروت 14°C\nالرئيسية | لبنان\n\nغارتان على بعلبك اليوم.", None),
    ],
)  # fmt: skip
def test_the_day_a_title_gives(text, day):
    from claimgraph.extract.undated import title_day

    lang = "en" if text.startswith("Attacks") else "ar"
    assert title_day(text, lang) == day


def test_a_roundup_titled_with_its_day_dates_its_today(extractor):
    events = _events(
        extractor,
        "حصاد عمليات المقاومة الإسلامية ليوم الثلاثاء 14-5-2024\n\nشنّ مجاهدو المقاومة الإسلامية عصر اليوم هجوماً جوياً "
        "بسرب من المسيّرات الانقضاضية على ثكنة برانيت.",
        "ar",
    )
    assert [(e.date.iso(), e.date.precision) for e in events] == [("2024-05-14", "day")]
