"""Reports of the strikes on south Lebanon's villages, as the Lebanese agency and the wires write them: a road
"between Houla and Markaba" is one site (the first); "- قضاء بنت جبيل" is the district, and "مستشفى ... في بنت
جبيل" where the wounded were taken; "استشهاد مواطنين اثنين" counts two (the number after its noun); artillery
fire with no weapon of the list is a shelling ("قصف مدفعي", "shelled"); "منذ ساعات الصباح" is today. Sentences
written for these tests."""

from datetime import date

import pytest

from claimgraph.models import Document

DAY = date(2024, 3, 19)


def _events(extractor, text, lang):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=DAY)).events


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A drone struck a motorcycle on Monday night on the road between Houla and Markaba.", "en"),
        ("استهدفت مسيرة إسرائيلية ليل أمس دراجة نارية على الطريق بين بلدتي حولا ومركبا.", "ar"),
        ("استهدفت مسيرة إسرائيلية ليل أمس دراجة نارية على الطريق بين حولا ومركبا.", "ar"),
    ],
)
def test_a_road_between_two_villages_is_one_site(extractor, text, lang):
    assert [(e.location.name, e.date.value) for e in _events(extractor, text, lang)] == [("Houla", date(2024, 3, 18))]


def test_the_district_and_the_hospital_are_no_sites(extractor):
    text = (
        "شن الطيران الإسرائيلي فجر اليوم غارة على منزل في بلدة عيترون - قضاء بنت جبيل، ونقل ٣ جرحى إلى مستشفى "
        "صلاح غندور في بنت جبيل."
    )
    assert [(e.location.name, e.injuries) for e in _events(extractor, text, "ar")] == [("Aitaroun", 3)]


@pytest.mark.parametrize(
    ("tail", "dead", "hurt"),
    [
        ("أدت إلى استشهاد مواطنين اثنين.", 2, None),
        ("أدت إلى استشهاد مواطنين اثنين وإصابة ثلاثة آخرين بجروح.", 2, 3),
        ("أدت إلى مقتل شخص واحد.", 1, None),
    ],
)
def test_a_number_after_its_noun(extractor, tail, dead, hurt):
    (event,) = _events(extractor, "شن الطيران الإسرائيلي فجر اليوم غارة على بلدة عيترون " + tail, "ar")
    assert (event.fatalities, event.injuries) == (dead, hurt)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("تعرضت أطراف بلدة كفركلا منذ ساعات الصباح لقصف مدفعي إسرائيلي متقطع، ولم تسجل إصابات.", "ar"),
        ("Israeli artillery shelled the outskirts of Kfar Kila on Tuesday morning; no injuries were reported.", "en"),
    ],
)
def test_artillery_fire_is_a_shelling(extractor, text, lang):
    (event,) = _events(extractor, text, lang)
    assert (event.location.name, event.date.value, event.sub_event_type, event.weapons) == (
        "Kfar Kila",
        DAY,
        "Shelling/artillery/missile attack",
        [],
    )


def test_since_the_morning_hours_is_today(extractor):
    text = (
        "استهدفت مسيرة إسرائيلية ليل أمس دراجة نارية في بلدة حولا. وتعرضت أطراف بلدة كفركلا منذ ساعات الصباح "
        "لقصف مدفعي متقطع."
    )
    got = [(e.location.name, e.date.value) for e in _events(extractor, text, "ar")]
    assert got == [("Houla", date(2024, 3, 18)), ("Kfar Kila", DAY)]  # not the day before, told in the sentence before


@pytest.mark.parametrize(
    "tail",
    ["وأكدت القيادة لاحقا أنه «لم تقع إصابات».", "دون تسجيل أية خسائر بشرية أو مادية."],
)
def test_no_one_hurt_in_more_words(extractor, tail):
    (event,) = _events(extractor, "سقط صاروخان فجر اليوم في محيط قاعدة عين الأسد، " + tail, "ar")
    assert (event.fatalities, event.injuries) == (0, 0)
