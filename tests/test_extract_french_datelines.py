"""French wire copy: an AFP dateline with the month abbreviated ("Jérusalem, 24 sept 2025 (AFP) -") dates an
undated story; "des dizaines de morts" is a vague toll, not a count of many incidents; Eilat's Ramon airport is a
place. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.models import Document
from claimgraph.nlp.dates import find_dates


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Jérusalem, 24 sept 2025 (AFP) -", date(2025, 9, 24)),
        ("Beyrouth, 3 janv. 2024 (AFP) -", date(2024, 1, 3)),
        ("Sanaa, 12 déc 2023 (AFP) -", date(2023, 12, 12)),
    ],
)
def test_abbreviated_months_of_french_datelines(text, day):
    (found,) = find_dates(text, 0, "fr", None)
    assert found.value == day


def test_seven_months_is_no_september():
    assert not find_dates("Le chantier a été achevé en sept mois.", 0, "fr", date(2024, 5, 1))


def _events(extractor, text):
    out = extractor.extract(Document(id="t", text=text, lang="fr", published=None))
    return sorted((e.date.value.isoformat(), e.location.name if e.location else None) for e in out.events)


def test_an_afp_dateline_dates_the_story_and_its_yearless_days(extractor):
    text = (
        "Un drone frappe Eilat\n\n"
        "Jérusalem, 24 sept 2025 (AFP) - Un drone lancé depuis le Yémen a frappé mercredi le centre d'Eilat, "
        "faisant 22 blessés.\n\n"
        "Le 7 septembre, un drone avait percuté le terminal de l'aéroport Ramon, blessant une personne."
    )
    assert _events(extractor, text) == [("2025-09-07", "Ramon Airport"), ("2025-09-24", "Eilat")]


def test_dozens_of_dead_is_a_vague_toll_not_a_count_of_raids(extractor):
    text = (
        "Beyrouth, 11 sept 2025 (AFP) - Israël a multiplié ses raids sur le Yémen ces derniers mois. Le 10 septembre, "
        "l'aviation israélienne a frappé Sanaa, des raids qui ont fait des dizaines de morts selon les autorités "
        "houthies."
    )
    assert _events(extractor, text) == [("2025-09-10", "Sanaa")]
