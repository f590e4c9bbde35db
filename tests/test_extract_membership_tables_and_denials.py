"""Memberships a tracker states in a table, a list closed by a quoted name, a denial whose verb comes first, and
what a contrast after a denial still states.

Every snippet is written for these tests (none is copied from a real page)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

IRI, PMF = "Islamic Resistance in Iraq", "Popular Mobilization Forces"


def _pairs(extractor, text, lang="en"):
    out = extractor.extract(Document("t", text, published=date(2024, 5, 1), lang=lang))
    return {(m.member, m.umbrella) for m in out.memberships}


def test_a_table_of_groups_states_each_yes_and_each_brigade_number(extractor):
    text = (
        "FACTIONS AT A GLANCE\n"
        "| Faction | IRI member? | PMF brigades |\n"
        "|---|---|---|\n"
        "| Kataib Hezbollah | Yes (core) | 45, 46, 47 |\n"
        "| Asaib Ahl al-Haq | Denies | 41, 42, 43 |\n"
        "| Kataib al-Imam Ali | Unclear | 40 |\n"
        "| Harakat Hezbollah al-Nujaba | Yes | - |\n"
    )
    assert _pairs(extractor, text) == {
        ("Kataib Hezbollah", IRI),
        ("Kataib Hezbollah", PMF),
        ("Asaib Ahl al-Haq", PMF),
        ("Kataib al-Imam Ali", PMF),
        ("Harakat Hezbollah al-Nujaba", IRI),
    }


def test_a_table_with_no_umbrella_column_states_nothing(extractor):
    text = (
        "| Date | Place | Claimed by |\n|---|---|---|\n| 3 Jan | Harir | Kataib Hezbollah |\n| 4 Jan | Tanf | Yes |\n"
    )
    assert _pairs(extractor, text) == set()


def test_a_quoted_name_that_ends_a_sentence_ends_it(extractor):
    # the full stop after the closing quote ends the list sentence: the next one's brigades are the PMF's alone
    text = (
        "وتضم «المقاومة الإسلامية في العراق» فصائل أبرزها «كتائب حزب الله» و«حركة النجباء». "
        "ولكل من «كتائب حزب الله» ألوية مسجلة في «هيئة الحشد الشعبي»."
    )
    pairs = _pairs(extractor, text, "ar")
    assert {("Kataib Hezbollah", IRI), ("Harakat Hezbollah al-Nujaba", IRI), ("Kataib Hezbollah", PMF)} <= pairs
    assert ("Harakat Hezbollah al-Nujaba", PMF) not in pairs


def test_a_denial_whose_verb_comes_first_and_a_contrast_after_it(extractor):
    text = "في حين تنفي «عصائب أهل الحق»، وهي من أكبر فصائل الحشد، أي علاقة لها بالمقاومة الإسلامية في العراق."
    assert ("Asaib Ahl al-Haq", IRI) not in _pairs(extractor, text, "ar")
    text = (
        "نفت عصائب أهل الحق مراراً أن تكون جزءاً من المقاومة الإسلامية في العراق، مع أنها تملك ثلاثة ألوية "
        "في الحشد الشعبي (41 و42 و43)."
    )
    assert _pairs(extractor, text, "ar") == {("Asaib Ahl al-Haq", PMF)}


def test_members_listed_after_a_bare_among_them(extractor):
    text = 'والحشد الشعبي مؤسسة أمنية رسمية، وتنضوي تحتها فصائل مسلحة عدة، بينها "كتائب حزب الله" و"كتائب سيد الشهداء".'
    assert _pairs(extractor, text, "ar") == {("Kataib Hezbollah", PMF), ("Kataib Sayyid al-Shuhada", PMF)}
