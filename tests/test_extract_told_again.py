"""One attack, one event: a sentence dated only by the publication day (a headline, "the drone hit the
field") at the place of an attack the text dates itself a few days earlier is that attack told again. An
attack the text places *before* the news ("this raid comes after two were killed yesterday") stays apart."""

from datetime import date

from claimgraph.models import Document


def _events(extractor, text, lang, published):
    out = extractor.extract(Document(id="t", text=text, lang=lang, published=published))
    return sorted((e.location.name, e.date.value) for e in out.events)


def test_a_headline_dated_by_publication_is_the_attack_the_body_dates(extractor):
    text = (
        "Kurdish forces down a drone heading for the Khor Mor gas field\n\n"
        "Security forces opened fire late on Sunday on a drone that approached the Khor Mor gas field, "
        "officials said. No damage was reported.\n"
    )
    assert _events(extractor, text, "en", date(2025, 11, 24)) == [("Khor Mor gas field", date(2025, 11, 23))]
    arabic = (
        "الأمن العراقي يدمر طائرة مسيرة كانت تتجه إلى حقل خور مور للغاز\n"
        "قامت قوات الأمن العراقية، مساء أمس الأحد، بفتح النار على طائرة مسيرة اقتربت من حقل خور مور للغاز.\n"
    )
    assert _events(extractor, arabic, "ar", date(2025, 11, 24)) == [("Khor Mor gas field", date(2025, 11, 23))]


def test_an_attack_told_as_before_the_news_stays_its_own_event(extractor):
    arabic = (
        "قتل شخص في غارة إسرائيلية بطائرة مسيرة استهدفت سيارة في النبطية جنوبي لبنان. "
        "وتأتي هذه الغارة بعد مقتل شخصين، أمس الجمعة، في قصف إسرائيلي استهدف سيارتين في النبطية أيضا."
    )
    days = _events(extractor, arabic, "ar", date(2025, 9, 20))
    assert ("Nabatieh", date(2025, 9, 20)) in days and ("Nabatieh", date(2025, 9, 19)) in days


def _draft(key, day, basis, text="x"):
    from claimgraph.extract.drafts import Draft
    from claimgraph.extract.units import Unit
    from claimgraph.models import DateValue
    from claimgraph.nlp.pipeline import Mention

    unit = Unit(index=0, start=0, end=len(text), text=text, paragraph=0, sentences=[0], mentions=[])
    return Draft(place=Mention("PLACE", key, 0, 1, key, 0), date=DateValue(day, "day", basis), unit=unit)


def test_told_again_gives_the_publication_dated_draft_the_bodys_day():
    from claimgraph.extract.report import told_again

    headline = _draft("khor-mor-gas-field", date(2025, 11, 24), "publication")
    body = _draft("khor-mor-gas-field", date(2025, 11, 23), "weekday")
    told_again([headline, body])
    assert headline.date.value == date(2025, 11, 23)
    # told as before the news (a sentence of the story, not a headline): apart
    headline = _draft("nabatieh", date(2025, 9, 20), "publication", "قتل شخص في غارة إسرائيلية في النبطية.")
    earlier = _draft("nabatieh", date(2025, 9, 19), "relative", "وتأتي هذه الغارة بعد مقتل شخصين أمس")
    told_again([headline, earlier])
    assert headline.date.value == date(2025, 9, 20)
    # another place, or a week before: apart
    headline = _draft("khor-mor-gas-field", date(2025, 11, 24), "publication")
    told_again([headline, _draft("erbil", date(2025, 11, 23), "weekday")])
    told_again([headline, _draft("khor-mor-gas-field", date(2025, 11, 17), "absolute")])
    assert headline.date.value == date(2025, 11, 24)
