"""An agency dispatch read as its own day: "yesterday, Saturday 17 August" makes the text Sunday's; a night between
two days is the first ("ليل السبت - الأحد", "dans la nuit de dimanche à lundi"); an updated toll wins over the
initial one it replaced, a day of the month is no count, a figure "among them" is a part; drones flying over are no
attack; a headline's toll of a raid it does not place is not the next clause's. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.extract.casualties import parse_casualties
from claimgraph.extract.undated import today_written
from claimgraph.models import Document


def _events(extractor, text: str, lang: str, published: date | None = None):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published)).events


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        ("شنت مسيرة غارة مساء امس السبت 17 آب على بلدة الخيام.", "ar", date(2024, 8, 18)),
        ("A drone hit the village yesterday, Saturday 17 August 2024.", "en", date(2024, 8, 18)),
        ("في بيان لها اليوم 3 شباط 2024 أعلنت المقاومة استهداف القاعدة.", "ar", date(2024, 2, 3)),
    ],
)
def test_the_day_a_text_calls_today_or_yesterday(text, lang, day):
    assert today_written(text, lang) == day


def test_an_undated_dispatch_reads_this_morning_as_the_day_after_yesterday(extractor):
    events = _events(
        extractor,
        "ارتفعت حصيلة الغارة الإسرائيلية مساء امس السبت 17 آب على بلدة الخيام الى عشرة شهداء.\n\nوتعرضت اطراف بلدة "
        "كفركلا صباح اليوم لقصف مدفعي إسرائيلي.",
        "ar",
    )
    assert sorted((e.location.place_id, e.date.iso()) for e in events) == [
        ("kfar-kila", "2024-08-18"),
        ("khiam", "2024-08-17"),
    ]


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        ("استهدفت مسيرة إسرائيلية ليل السبت - الاحد دراجة نارية في بلدة الخيام.", "ar", date(2024, 8, 17)),
        (
            "Des raids israéliens ont frappé le port de Hodeïda dans la nuit de dimanche à lundi.",
            "fr",
            date(2024, 7, 7),
        ),
    ],
)
def test_a_night_between_two_days_is_the_first(extractor, text, lang, day):
    published = date(2024, 8, 18) if lang == "ar" else date(2024, 7, 8)
    [event] = _events(extractor, text, lang, published)
    assert event.date.value == day


@pytest.mark.parametrize(
    ("text", "killed", "hurt"),
    [
        ("The toll rose to 10 dead, up from an initial toll of seven killed.", 10, None),
        ("Le bilan est passé à dix morts, après un premier bilan de sept morts.", 10, None),
        ("ارتفعت حصيلة الغارة الى عشرة شهداء من التابعية السورية بينهم امرأة وطفلاها، وخمسة جرحى، بعدما كانت "
         "الحصيلة الاولية سبعة شهداء.", 10, 5),
        ("شنت الطائرات غارة مساء السبت 17 آب على مبنى من طبقتين، ما أدى إلى استشهاد ثلاثة أشخاص.", 3, None),
    ],
)  # fmt: skip
def test_the_toll_that_stands(text, killed, hurt):
    c = parse_casualties(text)
    assert (c.fatalities, c.injuries) == (killed, hurt)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("وحلق الطيران المسير الإسرائيلي طوال الليل فوق قرى قضاء صور.", "ar"),
        ("فيما ألقت مسيرة إسرائيلية قنابل مضيئة فوق بلدة الخيام.", "ar"),
        ("Israeli drones flew over the villages around Tyre all night.", "en"),
        ("Des drones israéliens ont survolé les villages autour de Tyr toute la nuit.", "fr"),
    ],
)
def test_drones_flying_over_are_no_attack(extractor, text, lang):
    assert _events(extractor, text, lang, date(2024, 8, 18)) == []


def test_a_headline_toll_of_a_raid_it_does_not_place(extractor):
    [event] = _events(
        extractor,
        "ارتفاع حصيلة الغارة الإسرائيلية على وادي الكفور الى 10 شهداء وقصف مدفعي إسرائيلي على اطراف كفركلا",
        "ar",
        date(2024, 8, 18),
    )
    assert event.location.place_id == "kfar-kila"
    assert event.fatalities is None


def test_the_hills_a_position_stands_in_locate_it(extractor):
    # "موقع رويسات العلم في تلال كفرشوبا": the hills of Kfarchouba only say where the position is
    events = _events(
        extractor,
        "استهدف مجاهدو المقاومة الإسلامية صباح اليوم موقع رويسات العلم في تلال كفرشوبا اللبنانية المحتلة بالأسلحة "
        "الصاروخية.",
        "ar",
        date(2024, 5, 14),
    )
    assert [e.location.name for e in events] == ["Ruwaisat al-Alam"]
