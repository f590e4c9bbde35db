"""Who carries a weapon is not the weapon ("gunmen fired two rockets" is a rocket attack); an Arabic rocket attack
told by its adjective ("هجوما صاروخيا"); two fields named with one dual word ("حقلي العمر وكونيكو"); a base the
IRI claimed from 2024 (Hemo, west of Qamishli). Sentences written for these tests."""

from datetime import date

import pytest

from claimgraph.models import Document


def _events(extractor, text, lang):
    return extractor.extract(Document(id="t", text=text, lang=lang, published=date(2024, 1, 10))).events


@pytest.mark.parametrize(
    ("lang", "text", "weapons"),
    [
        ("en", "Gunmen fired two rockets at the Ain al-Asad base on Monday.", ["rocket"]),
        ("fr", "Des hommes armés ont tiré deux roquettes sur la base d'Aïn al-Assad lundi.", ["rocket"]),
        ("ar", "أطلق مسلحون صاروخين على قاعدة عين الأسد اليوم.", ["rocket"]),
        ("en", "Gunmen attacked a checkpoint in Tarmiyah on Monday.", ["small_arms"]),  # no other weapon: shooting
        ("ar", "تبنت المقاومة الإسلامية في العراق هجوما صاروخيا استهدف قاعدة خراب الجير بريف الحسكة.", ["rocket"]),
        ("ar", "تعرضت قاعدة عين الأسد لقصف صاروخي فجر اليوم.", ["rocket"]),
    ],
)
def test_weapons(extractor, lang, text, weapons):
    [event] = _events(extractor, text, lang)
    assert event.weapons == weapons


def test_two_fields_named_with_one_dual_word(extractor):
    text = "وأمس استهدفت فصائل المقاومة بالصواريخ القاعدتين الأميركيتين في حقلي العمر وكونيكو."
    assert [e.location.name for e in _events(extractor, text, "ar")] == ["Al-Omar oil field", "Conoco gas field"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "قالت المقاومة الإسلامية في العراق إنها استهدفت قاعدة هيمو الواقعة غرب مطار القامشلي بطائرة مسيرة."),
        ("en", "The Islamic Resistance in Iraq said it attacked the US base in Hemo, west of Qamishli, with a drone."),
    ],
)
def test_the_hemo_base(extractor, lang, text):
    [event] = _events(extractor, text, lang)
    assert (event.location.name, event.target) == ("Hemo base", "US forces")
