"""An Arabic sentence that ends with a number ("... عام 2023.") ends there: spaCy's Arabic tokenizer kept the full
stop on the number, and the sentence ran on into the next, lending it its claimant and target. Sentences written for
these tests."""

from datetime import date

from claimgraph.models import Document


def _sentences(extractor, text):
    return [s.text for s in extractor.annotator.annotate(text, "ar").sentences]


def test_a_full_stop_after_a_number_ends_the_sentence(extractor):
    text = "قتل ثلاثة جنود في 28 كانون الثاني 2024. وأعلنت الكتائب مسؤوليتها. وسقط صاروخ على بعد 3.5 كم."
    assert _sentences(extractor, text) == [
        "قتل ثلاثة جنود في 28 كانون الثاني 2024.",
        "وأعلنت الكتائب مسؤوليتها.",
        "وسقط صاروخ على بعد 3.5 كم.",  # a decimal point is no full stop
    ]
    assert len(_sentences(extractor, "استهدفت الفصائل القاعدة يوم ٥. وأعلنت الكتائب مسؤوليتها.")) == 2  # Arabic digits


def test_the_next_sentence_keeps_its_own_actors(extractor):
    text = (
        "أعلنت المقاومة الإسلامية في العراق أنها استهدفت قاعدة حرير بطائرة مسيرة يوم 5 كانون الثاني 2024. "
        "وقصفت طائرات أمريكية مقرا لكتائب حزب الله في القائم."
    )
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 1, 8)))
    by_place = {e.location.name: e for e in out.events}
    assert by_place["Harir Air Base"].target == "US forces"  # not the group the next sentence names
    qaim = by_place["Al-Qaim"]
    assert qaim.actors == ["US forces"] and qaim.claimed_by == []  # the US strike is not the IRI's claim


def test_a_membership_after_a_sentence_ending_in_a_year(extractor):
    text = "تأسست المقاومة الإسلامية في العراق عام 2023. وتنضوي تحت لوائها كتائب حزب الله وحركة النجباء."
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 3, 1)))
    assert sorted((m.member_id, m.umbrella_id) for m in out.memberships) == [
        ("harakat-hezbollah-al-nujaba", "islamic-resistance-in-iraq"),
        ("kataib-hezbollah", "islamic-resistance-in-iraq"),
    ]
