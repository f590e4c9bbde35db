"""Undated Arabic (and English) reports: what the text itself gives to date and attribute them.

- A landmark killing the report names (Abu Taqwa in Baghdad, Wissam al-Tawil, Issam Abdallah) anchors
  its weekdays: the report was written in the days around it.
- A short label ("المقاومة الإسلامية") taken up again by its head noun alone ("المقاومة") is still the
  label of the front the report names in full ("المقاومة الإسلامية في لبنان").
- "الصواريخ الموجهة" (guided missiles) are missiles, as "guided missiles" are.
"""

from datetime import date

from claimgraph.kb.landmarks import named_landmarks
from claimgraph.models import Document


def _events(extractor, text, lang="ar"):
    return extractor.extract(Document(id="t", text=text, lang=lang)).events


def test_a_named_killing_dates_the_strike_of_an_undated_report(extractor):
    (e,) = _events(
        extractor, "A US drone strike on Thursday killed Abu Taqwa, a commander of Harakat al-Nujaba, in Baghdad.", "en"
    )
    assert (e.date.value, e.location.name, e.actors) == (date(2024, 1, 4), "Baghdad", ["US forces"])
    text = "استهدفت غارة أمريكية بطائرة مسيرة يوم الخميس مقرا لحركة النجباء في بغداد ما أدى إلى مقتل أبو تقوى."
    (e,) = _events(extractor, text)
    assert (e.date.value, e.location.name) == (date(2024, 1, 4), "Baghdad")


def test_a_killing_named_as_the_reason_anchors_the_weekday_and_is_no_event_of_its_own(extractor):
    text = (
        "أعلنت المقاومة الإسلامية في لبنان اليوم الأحد أنها استهدفت مركزا لجيش العدو في منطقة شتولا بالصواريخ "
        "الموجهة، ردا على الاعتداء الذي أدى لاستشهاد الصحافي عصام عبد الله."
    )
    (e,) = _events(extractor, text)
    assert e.location.name == "Shtula" and e.date.value == date(2023, 10, 15)
    assert e.actors == ["Hezbollah (Lebanon)"] and e.weapons == ["missile"]
    ids = {lm.id for lm in named_landmarks("after Israeli jets killed Wissam al-Tawil in his car", "en")}
    assert "wissam-tawil-killing" in ids


def test_the_head_noun_of_a_short_label_stays_with_the_front_named_in_full(extractor):
    text = (
        "أعلنت المقاومة الإسلامية في لبنان - حزب الله - اليوم أنها استهدفت موقع الراهب بالصواريخ الموجهة. "
        "وقالت المقاومة الإسلامية في بيان إن مجموعة من مجاهديها استهدفت موقع المالكية. "
        "وأكدت المقاومة أنها حققت إصابات مباشرة في موقع العباد."
    )
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 1, 10)))
    assert {m.actor_id for m in out.mentions} == {"hezbollah-lebanon"}
