"""A cue of one language's word order read only in that language, and a country with "in" written onto it.

"une frappe américaine" puts the state after its weapon; read in English, the same cue made "A drone targeted US
forces" a US drone strike. "بسوريا" is "in Syria", the place, not the Syrian state (which then became the target of
an attack on a US base). Sentences written for these tests."""

from datetime import date

import pytest

from claimgraph.models import Document


def _event(extractor, text, lang):
    [event] = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2024, 1, 20))).events
    return event


@pytest.mark.parametrize(
    "text",
    [
        "A drone targeted US forces in Syria on Friday.",
        "Two missiles struck US troops in Syria on Friday.",
        "A drone hit US forces at Tower 22 on Friday.",
    ],
)
def test_a_weapon_that_hit_a_states_forces_in_english(extractor, text):
    event = _event(extractor, text, "en")
    assert (event.actors, event.target) == ([], "US forces")


def test_a_french_strike_named_by_its_state(extractor):
    event = _event(extractor, "Une frappe américaine a visé un dépôt d'armes à Al-Qaïm vendredi.", "fr")
    assert event.actors == ["US forces"]


def test_a_country_with_in_written_onto_it_is_the_place(extractor):
    text = (
        "أعلنت المقاومة الإسلامية في العراق، مساء أمس الجمعة، استهداف قاعدة الاحتلال الأمريكي في حقل العمر "
        "بسوريا بالطيران المسير."
    )
    event = _event(extractor, text, "ar")
    assert event.location.name == "Al-Omar oil field"
    assert event.target == "US forces"  # not the Syrian state
    mentions = extractor.annotator.annotate(text, "ar").mentions
    assert ("PLACE", "country-syria") in {(m.label, m.key) for m in mentions}
    # a name that starts with the letter itself is no preposition: Britain the state, not "in Ritain"
    said = extractor.annotator.annotate("وطالبت بريطانيا بالتهدئة.", "ar").mentions
    assert [m.label for m in said if "بريطانيا" in m.text] == ["ACTOR"]


@pytest.mark.parametrize(
    ("text", "actors", "target"),
    [
        # a state's forces named at the base that hosts them are its target ...
        ("Rockets struck US forces at the Conoco base on Wednesday.", [], "US forces"),
        # ... but a strike near it is theirs ("near" only locates it)
        ("US forces struck militants near Conoco on Wednesday.", ["US forces"], None),
        ("The US drone strike near Baghdad airport killed Qassem Soleimani on 3 January 2020.", ["US forces"], None),
        ("Two rockets landed near Ain al-Asad on Wednesday.", [], "US forces"),  # still the base's forces hit
    ],
)
def test_a_states_forces_near_the_base_that_hosts_them(extractor, text, actors, target):
    event = _event(extractor, text, "en")
    assert (event.actors, event.target) == (actors, target)


@pytest.mark.parametrize(
    ("text", "actors", "killed", "hurt"),
    [
        # the state's adjective in the feminine plural names it, as the US's do ("frappes américaines")
        ("Des frappes israéliennes ont tué cinq personnes à Naqoura mardi.", ["Israel"], 5, None),
        # "faisant trois morts et cinq blessés": the dead counted by "morts", not added to the wounded
        ("Une frappe israélienne a visé Naqoura mardi, faisant trois morts et cinq blessés.", ["Israel"], 3, 5),
        ("Une frappe israélienne sur Naqoura a causé mardi la mort de trois personnes.", ["Israel"], 3, None),
    ],
)
def test_french_strikes_and_tolls(extractor, text, actors, killed, hurt):
    event = _event(extractor, text, "fr")
    assert (event.actors, event.fatalities, event.injuries) == (actors, killed, hurt)


@pytest.mark.parametrize(
    ("text", "actors", "target"),
    [
        # "said it" reads as a claim of attack; followed by a defensive verb, the speaker defended
        (
            "The IDF said it intercepted a surface-to-surface missile launched from Yemen toward central Israel "
            "early Sunday.",
            ["Houthis"],  # the launch country's group (KB place field launches_by)
            "Israel",
        ),
        ("The IDF said it had intercepted a drone over Eilat on Sunday.", [], "Israel"),
        ("The Houthis said it struck Eilat with drones on Sunday.", ["Houthis"], None),
    ],
)
def test_a_speaker_that_said_it_intercepted(extractor, text, actors, target):
    event = _event(extractor, text, "en")
    assert (event.actors, event.target) == (actors, target)
