"""Arabic reporting of the Lebanon and Red Sea fronts: the dead as martyrs ("استشهاد ثلاثة أشخاص", "3 شهداء و5
جرحى"), numbers with "and" written onto them, dual nouns that count two; a merchant ship named by its Arabic type
("سفينة تجارية") is a civilian target; naval and anti-ship missiles are missiles, not rockets. Sentences written for
these tests."""

from datetime import date

import pytest

from claimgraph.extract.casualties import parse_casualties
from claimgraph.models import Document


@pytest.mark.parametrize(
    ("text", "killed", "hurt"),
    [
        ("ما أدى إلى استشهاد 3 أشخاص.", 3, None),
        ("استشهد ثلاثة أشخاص في غارة إسرائيلية.", 3, None),
        ("سقط ثلاثة شهداء في الغارة.", 3, None),
        ("أسفرت الغارة عن 3 شهداء و5 جرحى.", 3, 5),  # "و5": the "and" written onto the number
        ("ما أدى إلى سقوط 4 شهداء و10 جرحى", 4, 10),
        ("ما أدى إلى سقوط شهيدين.", 2, None),  # a dual noun counts two
        ("ما أدى إلى استشهاد 3 أشخاص وإصابة 7 آخرين بجروح", 3, 7),
        # a martyr in a name is no casualty ("Kataib Sayyid al-Shuhada": the master of martyrs)
        ("أعلنت كتائب سيد الشهداء أن اللواء 14 استهدف القاعدة.", None, None),
        ("قال 3 من قادة كتائب سيد الشهداء إن العمليات مستمرة.", None, None),
    ],
)
def test_arabic_casualty_figures(text, killed, hurt):
    c = parse_casualties(text)
    assert (c.fatalities, c.injuries) == (killed, hurt)


def _events(extractor, text):
    return extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 2, 3))).events


def test_an_air_strike_that_killed_martyrs(extractor):
    text = "شن الطيران الحربي الإسرائيلي غارة على بلدة عيتا الشعب جنوبي لبنان، ما أدى إلى استشهاد ثلاثة أشخاص."
    [event] = _events(extractor, text)
    assert (event.actors, event.fatalities) == (["Israel"], 3)


@pytest.mark.parametrize(
    ("text", "weapons"),
    [
        ("استهدف الحوثيون سفينة تجارية في خليج عدن بصواريخ بحرية.", ["missile"]),
        ("استهدف الحوثيون سفينة شحن في خليج عدن بصاروخ مضاد للسفن.", ["missile"]),
    ],
)
def test_a_merchant_ship_named_in_arabic_is_a_civilian_target(extractor, text, weapons):
    [event] = _events(extractor, text)
    assert event.target == "civilians"
    assert event.vessel is not None and event.vessel.type in ("merchant vessel", "cargo ship")
    assert event.weapons == weapons


def test_rockets_are_still_rockets(extractor):
    [event] = _events(extractor, "أطلق حزب الله صواريخ على كريات شمونة.")
    assert event.weapons == ["rocket"]
