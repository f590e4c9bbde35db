"""A post on a group's own Telegram channel is that group's first-hand claim."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from claimgraph.models import Document

IRI = "Islamic Resistance in Iraq"
POST = (
    "Our Mujahideen targeted the American occupation base at Ain al-Asad with a drone on Sunday, "
    "hitting its target directly."
)


def _post(text: str, **kw) -> Document:
    base = Document("tg", text, published=date(2024, 1, 29), lang="en", kind="telegram", channel=IRI)
    return replace(base, **kw)


def test_firsthand_post_on_the_groups_channel_is_its_claim(extractor):
    (event,) = extractor.extract(_post(POST)).events
    assert event.claimed_by == [IRI]
    (claim,) = event.claims
    assert (claim.claimant, claim.channel, claim.status, claim.first_hand) == (IRI, "telegram", "issued", True)
    assert claim.evidence and claim.evidence[0].text in POST


def test_firsthand_claim_the_text_states_becomes_first_hand_on_the_channel(extractor):
    text = "The Mujahideen of the Islamic Resistance in Iraq targeted the base at Ain al-Asad with a drone on Sunday."
    (event,) = extractor.extract(_post(text)).events
    assert [(c.claimant, c.channel, c.first_hand) for c in event.claims] == [(IRI, "telegram", True)]
    (elsewhere,) = extractor.extract(_post(text, kind="article", channel=None)).events
    assert [c.first_hand for c in elsewhere.claims] == [False]


def test_firsthand_same_text_elsewhere_is_not_a_claim(extractor):
    (event,) = extractor.extract(_post(POST, kind="article", channel=None)).events
    assert IRI not in event.claimed_by


def test_firsthand_forwarded_post_is_the_original_channels_claim(extractor):
    doc = _post(POST, channel="Sabereen News", forwarded_from="Islamic Resistance in Iraq")
    (event,) = extractor.extract(doc).events
    assert [(c.claimant, c.first_hand) for c in event.claims] == [(IRI, True)]


def test_firsthand_channel_reporting_a_us_strike_claims_nothing(extractor):
    text = "US aircraft struck Kataib Hezbollah positions in al-Qaim on Friday, killing 16 people."
    (event,) = extractor.extract(_post(text)).events
    assert event.claims == [] and IRI not in event.claimed_by


def test_firsthand_channel_of_a_news_outlet_claims_nothing(extractor):
    (event,) = extractor.extract(_post(POST, channel="Sabereen News")).events
    assert event.claims == []
