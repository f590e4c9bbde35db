"""Attacks at sea told in Arabic: two ships (the dual) make the sea the site, and the place where a
spokesman gave his statement (a speech, a rally) is not the site — hand-written snippets."""

from __future__ import annotations

from datetime import date

from claimgraph.extract.sea import find_vessels
from claimgraph.models import Document


def _events(extractor, text: str, published: date = date(2024, 3, 8), lang: str = "ar"):
    return extractor.extract(Document(id="t", text=text, published=published, lang=lang)).events


def test_two_ships_in_the_dual_put_the_attack_at_sea(extractor):
    (e,) = _events(
        extractor,
        "أعلن المتحدث العسكري للحوثيين يوم الخميس أن القوات البحرية استهدفت سفينتي شحن في خليج عدن بصواريخ بحرية.",
    )
    assert e.location.name == "Gulf of Aden"


def test_a_statement_given_at_a_rally_in_the_capital_is_not_placed_there(extractor):
    events = _events(
        extractor,
        "قال المتحدث العسكري للحوثيين يحيى سريع إن القوات البحرية استهدفت سفينتين في البحر الأحمر. "
        "وجاء ذلك خلال كلمة له في مسيرة حاشدة بالعاصمة صنعاء يوم الخميس، وقال إن القوات أطلقت صاروخين "
        "بحريين على السفينتين.",
    )
    assert [e.location.name for e in events] == ["Red Sea"]


def test_the_dual_of_a_ship_type_is_that_type():
    (v,) = find_vessels("استهدفت القوات سفينتي حاويات في البحر الأحمر")
    assert v.type == "container ship"
