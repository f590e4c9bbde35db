"""The Houthis' statements as the press retells them: the spokesman named in full, then by his surname alone ("Yahya
Saree ... Saree said", "يحيى سريع ... وأوضح سريع"; KB field ``short_names``); "the military spokesman of the
Houthis" speaks for them (not a target: "للحوثيين"); numbered operations ("the first ..., the second ...", "العملية
الأولى ... العملية الثانية") are each claimed; a US destroyer is the US navy's, a British oil ship only a flag.
Sentences written for these tests."""

from datetime import date

import pytest

from claimgraph.models import Document


def _events(extractor, text, lang):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=date(2024, 5, 20))).events


def test_numbered_operations_of_a_statement_arabic(extractor):
    text = (
        "أعلن المتحدث العسكري للحوثيين يحيى سريع أن قواتهم نفذت ثلاث عمليات. وقال إن العملية الأولى استهدفت "
        'السفينة "STAR LYNX" في البحر العربي بصواريخ باليستية، فيما استهدفت العملية الثانية السفينة "ORION" في '
        "البحر الأحمر بطائرات مسيرة، واستهدفت العملية الثالثة مدمرة أمريكية في خليج عدن بعدد من الصواريخ البحرية."
    )
    got = [(e.location.name, e.claimed_by, e.target, e.weapons) for e in _events(extractor, text, "ar")]
    assert got == [
        ("Arabian Sea", ["Houthis"], None, ["ballistic_missile"]),
        ("Red Sea", ["Houthis"], None, ["drone"]),
        ("Gulf of Aden", ["Houthis"], "US forces", ["missile"]),  # the destroyer's navy, in its own clause only
    ]


def test_numbered_operations_of_a_statement_english(extractor):
    text = (
        "Houthi military spokesman Yahya Saree said the group carried out three operations. He said the first "
        "targeted the ship Star Lynx in the Arabian Sea with ballistic missiles, while the second targeted the ship "
        "Orion in the Red Sea with drones."
    )
    got = [(e.location.name, e.claimed_by) for e in _events(extractor, text, "en")]
    assert got == [("Arabian Sea", ["Houthis"]), ("Red Sea", ["Houthis"])]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "ar",
            "أعلن المتحدث العسكري للحوثيين يحيى سريع أن قواتهم استهدفت سفينة تجارية في خليج عدن. وأوضح سريع أن القوات "
            "البحرية استهدفت سفينة نفط بريطانية في البحر الأحمر بعدد من الصواريخ البحرية المناسبة.",
        ),
        (
            "en",
            "Houthi military spokesman Yahya Saree said the group targeted a merchant ship in the Gulf of Aden. Saree "
            "said the naval forces also targeted a British oil tanker in the Red Sea with naval missiles.",
        ),
    ],
)
def test_the_spokesman_by_his_surname(extractor, lang, text):
    events = _events(extractor, text, lang)
    assert [(e.location.name, e.claimed_by, e.target) for e in events] == [
        ("Gulf of Aden", ["Houthis"], "civilians"),
        ("Red Sea", ["Houthis"], "civilians"),  # an oil ship under a British flag: a merchant ship
    ]


def test_a_surname_that_is_a_common_word_is_read_only_after_the_full_name(extractor):
    # "سريع" is also "fast": without the spokesman named in full it names no one
    [event] = _events(extractor, "وأكد الرئيس على ضرورة رد سريع على الهجوم الذي استهدف قاعدة عين الأسد.", "ar")
    assert event.actors == [] and event.claimed_by == []
