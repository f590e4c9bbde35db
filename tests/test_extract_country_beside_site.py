"""A base known only by its country, told beside a named site in another country: "attacked twice, once at Al-Asad
Airbase and once at a base in northeast Syria" is two events, the second at country precision. A country that only
locates the named site, or frames the news, makes none. Sentences written for these tests."""

from datetime import date

import pytest

from claimgraph.models import Document


def _places(extractor, text, lang):
    out = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2024, 1, 22)))
    return [(e.location.name, e.location.precision) for e in out.events]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "U.S. and coalition forces were attacked twice on Sunday, once at Al-Asad Airbase and once at a base in "
            "northeast Syria, a defense official said.",
        ),
        (
            "ar",
            "تعرضت القوات الأمريكية لهجومين يوم الأحد، أحدهما على قاعدة عين الأسد والآخر على قاعدة في شمال شرق سوريا.",
        ),
    ],
)
def test_a_base_in_another_country_is_an_event_of_its_own(extractor, lang, text):
    assert _places(extractor, text, lang) == [("Ain al-Asad Air Base", "site"), ("Syria", "country")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "A drone attacked Ain al-Asad on Sunday, the latest of the attacks on US forces in Iraq and Syria."),
        ("en", "A drone attacked Ain al-Asad air base in western Iraq on Sunday."),
        ("ar", "استهدفت طائرة مسيرة قاعدة عين الأسد في العراق يوم الأحد."),
    ],
)
def test_a_country_that_locates_or_frames_makes_no_event(extractor, lang, text):
    assert _places(extractor, text, lang) == [("Ain al-Asad Air Base", "site")]
