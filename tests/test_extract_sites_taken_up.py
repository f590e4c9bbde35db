"""A site taken up without its name ("the field", "the same complex") after the text named it, though no attack
was told there yet; a landmark named as the time of the news ("after the drone strike on Tower 22 in Jordan");
a capital that stands for its government ("For Baghdad, ..."). Texts written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

FIELD = """Few energy sites in northern Iraq have drawn as much fire as the Khor Mor gas field, in the \
Chamchamal district.

A drone that hit a storage tank at the field on March 3, 2025, set off a blaze that cut power to Erbil and \
Sulaymaniyah for two days. Nobody claimed it.

It had happened before. On June 9, 2024, a drone struck the same complex and wounded two guards. \
In October 2023, rockets landed on the complex without hurting anyone.
"""


def test_the_field_is_the_site_named_before(extractor):
    out = extractor.extract(Document(id="t", text=FIELD, lang="en", published=None))
    told = sorted((e.date.value, e.location.name) for e in out.events)
    assert told == [
        (date(2023, 10, 1), "Khor Mor gas field"),
        (date(2024, 6, 9), "Khor Mor gas field"),
        (date(2025, 3, 3), "Khor Mor gas field"),
    ]  # not Erbil nor Sulaymaniyah, whose power was cut


def test_a_town_named_first_stays_the_site(extractor):
    text = "Rockets hit Erbil on Monday. Officials said the base was not struck."
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 5, 8)))
    assert [e.location.name for e in out.events] == ["Erbil"]


def test_the_time_of_the_news_named_by_an_attack_is_no_event(extractor):
    text = (
        "The faction has kept to the truce it declared on Feb. 1, 2024, after the drone strike on Tower 22 in "
        "Jordan, a spokesman said."
    )
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2025, 6, 2)))
    assert out.events == []


def test_a_capital_standing_for_its_government_is_no_site(extractor):
    text = "For Baghdad, the raids are a problem as it seeks investors. Talks between Baghdad and Erbil stalled."
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2025, 6, 2)))
    assert out.events == []
