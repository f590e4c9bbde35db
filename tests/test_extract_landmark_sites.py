"""A landmark attack told by name and by its toll ("the drone attack on Tower 22 in Jordan, which killed three
American soldiers") is that attack, on its day, with its dead, even in a text dated days later; a site's display
of the day atop the page ("الخميس، 08 شباط 2024 - 10:12") dates no headline; the headline's strike "east of
Baghdad" is the body's strike in al-Mashtal the night before. Sentences written for these tests."""

from datetime import date

import pytest

from claimgraph.models import Document


def _events(extractor, text, lang, published=date(2024, 2, 8)):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=published)).events


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            'وكانت الكتائب قد أعلنت تعليق عملياتها، بعد هجوم بطائرة مسيرة استهدف موقع "البرج 22" في الأردن وأسفر '
            "عن مقتل ثلاثة جنود أمريكيين.",
            "ar",
        ),
        (
            "The group suspended its operations after a drone attack on Tower 22 in Jordan killed three US soldiers.",
            "en",
        ),
    ],
)
def test_a_landmark_named_with_its_toll_is_that_attack(extractor, text, lang):
    (event,) = _events(extractor, text, lang)
    assert (event.location.name, event.date.value, event.fatalities) == ("Tower 22", date(2024, 1, 28), 3)
    assert "22" in event.location.surface  # its evidence is the name the text gives it, not "Jordan"


def test_the_landmarks_toll_after_the_strikes_that_answer_it(extractor):
    text = (
        "شنت طائرات أمريكية مساء أمس الجمعة غارات على مواقع في القائم والبوكمال، في إطار الرد على الهجوم الذي "
        'استهدف الأسبوع الماضي موقع "البرج 22" في الأردن وأودى بحياة ثلاثة جنود أمريكيين.'
    )
    got = {e.location.name: (e.date.value, e.fatalities) for e in _events(extractor, text, "ar", date(2024, 2, 3))}
    assert got["Tower 22"] == (date(2024, 1, 28), 3)
    assert got["Al-Qaim"] == (date(2024, 2, 2), None)  # the three dead are the landmark's, not the strikes'


def test_a_display_date_atop_the_page_dates_no_headline(extractor):
    text = (
        "شفق نيوز\nالخميس، 08 شباط 2024 - 10:12\n\n"
        "بالصور.. مقتل قيادي بارز في كتائب حزب الله بضربة أمريكية شرقي بغداد\n\n"
        "شفق نيوز/ بغداد\nقتل القيادي البارز، مساء أمس الأربعاء، بضربة نفذتها طائرة مسيرة أمريكية "
        "استهدفت سيارته في منطقة المشتل شرقي العاصمة بغداد."
    )
    got = [(e.location.name, e.date.value) for e in _events(extractor, text, "ar")]
    assert got == [("Al-Mashtal", date(2024, 2, 7))]  # one strike: the headline's Baghdad is the body's al-Mashtal


def test_a_running_toll_does_not_date_a_text_before_the_landmark_it_tells_of(extractor):
    # "more than 100 attacks since October" was reached in December; the text also tells of the Tower 22 attack
    # (28 January) as past, so the toll's day is no news day: the attacks are "two days after" the landmark
    text = (
        "سقطت صواريخ على قاعدة حقل العمر النفطي مساء الثلاثاء، بعد يومين من هجوم البرج 22 على الحدود الأردنية.\n\n"
        "وبحسب إحصائية للمرصد السوري، فقد تعرضت القواعد الأمريكية في سوريا لأكثر من 100 هجوم منذ تشرين الأول الماضي."
    )
    got = {e.location.name: e.date.value for e in _events(extractor, text, "ar", published=None)}
    assert got["Al-Omar oil field"] == date(2024, 1, 30)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "نفذ الطيران الإسرائيلي فجر اليوم غارات على منطقة جبرين قرب مطار حلب.\n\n"
            "وتأتي الضربات بعد يومين من غارة بطائرة مسيرة استهدفت سيارة على أطراف مدينة البوكمال.",
            "ar",
        ),
        (
            "Israeli jets struck Jibrin near Aleppo airport on Friday.\n\n"
            "The strikes come two days after a drone strike hit a car on the edge of Albu Kamal.",
            "en",
        ),
    ],
)
def test_the_strikes_came_days_after_an_earlier_one(extractor, text, lang):
    # the sentence dates nothing itself: "the strikes" told before came two days after the drone strike
    got = {e.location.name: e.date.value for e in _events(extractor, text, lang, published=date(2024, 3, 29))}
    assert got["Albu Kamal"] == date(2024, 3, 27)


def test_a_days_after_clause_with_its_own_year_keeps_it(extractor):
    text = (
        "A drone struck a car in Baghdad on Thursday.\n\nThe strike came a day after the anniversary of the US drone "
        "strike near Baghdad airport that killed Qassem Soleimani on Jan. 3, 2020."
    )
    got = {e.location.name: e.date.value for e in _events(extractor, text, "en", published=date(2024, 1, 5))}
    assert got["Baghdad International Airport"] == date(2020, 1, 3)  # the 2020 strike, not a day before Thursday


@pytest.mark.parametrize(
    ("text", "hurt"),
    [
        ('قتل ثلاثة جنود أمريكيين أمس في هجوم استهدف الموقع المعروف باسم "البرج 22"، وإن 34 عسكريا أصيبوا.', 34),
        ("قتل ثلاثة جنود أمريكيين أمس في هجوم بطائرة مسيرة على البرج 22 في الأردن وأصيب 34 آخرون.", 34),
    ],
)
def test_a_number_in_a_name_is_no_count(extractor, text, hurt):
    (event,) = _events(extractor, text, "ar", date(2024, 1, 29))
    assert (event.fatalities, event.injuries) == (3, hurt)  # "البرج 22" names the outpost; 22 were not hurt
