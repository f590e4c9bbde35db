"""French reporting of the groups' statements: "a annoncé le ciblage", "a annoncé avoir pris pour cible",
"a annoncé que ses combattants avaient visé" are claims; a broadcaster named like a town ("la chaîne
d'information libanaise, Al Mayadeen") is not where anything happened. Hand-written snippets."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.models import Document


def _events(extractor, text: str, lang: str = "fr"):
    return extractor.extract(Document(id="t", text=text, published=date(2024, 3, 7), lang=lang)).events


@pytest.mark.parametrize(
    "text",
    [
        "La Résistance islamique en Irak a annoncé mardi le ciblage d'une base américaine à Harir avec un drone.",
        "La Résistance islamique en Irak a indiqué dans un communiqué avoir pris pour cible la base de Harir mardi.",
        "La Résistance islamique en Irak a annoncé que ses combattants avaient visé la base de Harir mardi.",
    ],
)
def test_a_group_announcing_its_own_operation_claims_it(extractor, text):
    (event,) = _events(extractor, text)
    assert event.location.name == "Harir Air Base"
    assert event.claimed_by == ["Islamic Resistance in Iraq"]


def test_an_announcement_of_a_deployment_is_no_claim(extractor):
    events = _events(extractor, "Le Pentagone a annoncé mardi le déploiement de renforts à Harir.")
    assert all(not e.claimed_by for e in events)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("La chaîne d'information libanaise, Al Mayadeen, a rapporté que le drone avait touché sa cible.", "fr"),
        ("The Lebanese broadcaster Al Mayadeen reported that the drone had hit its target.", "en"),
    ],
)
def test_a_broadcaster_named_like_a_town_is_not_a_place(extractor, text, lang):
    assert [e.location.name for e in _events(extractor, text, lang)] == []


def test_the_town_itself_is_still_a_place(extractor):
    events = _events(extractor, "A drone struck a convoy near al-Mayadeen on Tuesday, killing three fighters.", "en")
    assert [e.location.name for e in events] == ["Al-Mayadin"]
