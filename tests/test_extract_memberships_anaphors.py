"""The umbrella taken up by a word for it before its members are listed (thirteenth session): "Cette nébuleuse, qui
regroupe notamment X, Y et Z" (a comma after the anaphor), "Analysts say the name is a banner used by several
factions, among them X and Y". Also French blame ("a tenu Israël pour entièrement responsable"), the owners of what
exploded ("des bipeurs piégés utilisés par des membres du Hezbollah": the target) and booby-trapped pagers as
explosive devices. Sentences written for these tests."""

from datetime import date

from claimgraph.models import Document

IRI = "Islamic Resistance in Iraq"


def _members(extractor, text, lang):
    out = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2024, 10, 10)))
    return {(m.member, m.umbrella) for m in out.memberships}


def test_a_french_umbrella_taken_up_with_a_comma(extractor):
    text = (
        "La « Résistance islamique en Irak » multiplie les revendications. Cette nébuleuse, qui regroupe notamment"
        " les Brigades du Hezbollah et Kataëb Sayyid Al-Shuhada, vise désormais Israël."
    )
    assert _members(extractor, text, "fr") == {("Kataib Hezbollah", IRI), ("Kataib Sayyid al-Shuhada", IRI)}


def test_the_name_taken_up_as_a_banner_of_factions(extractor):
    text = (
        "The Islamic Resistance in Iraq claimed the drone attack. Analysts say the name is a banner used by several"
        " Iraqi factions, among them Kataib Hezbollah and Harakat al-Nujaba."
    )
    assert _members(extractor, text, "en") == {("Kataib Hezbollah", IRI), ("Harakat Hezbollah al-Nujaba", IRI)}


def test_french_blame_held_responsible_and_the_owners_of_exploding_pagers(extractor):
    text = (
        "Mardi, des bipeurs piégés utilisés par des membres du Hezbollah ont explosé à travers le Liban, faisant"
        " 12 morts. Le Hezbollah a tenu Israël pour « entièrement responsable » de cette agression."
    )
    out = extractor.extract(Document(id="t", text=text, lang="fr", published=date(2024, 9, 18)))
    (e,) = out.events
    assert (e.sub_event_type, e.actors, e.target) == (
        "Remote explosive/landmine/IED",
        ["Israel"],
        "Hezbollah (Lebanon)",
    )
    assert e.attributed_to == ["Israel"]
