"""Arabic and French reports, unsupported languages and empty input.

Snippets are hand-written for these tests (not taken from the dev set)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

IRI = "Islamic Resistance in Iraq"


def _run(extractor, text, published, lang):
    return extractor.extract(Document("t", text, published=published, lang=lang))


def _only_event(result):
    assert len(result.events) == 1, [(e.location and e.location.name) for e in result.events]
    return result.events[0]


ARABIC_DRONE_CLAIM = (
    "أعلنت المقاومة الإسلامية في العراق، في بيان نشرته على قناتها في تلغرام، أن مجاهديها استهدفوا "
    "يوم الأحد قاعدة حرير الجوية في محافظة أربيل بطائرة مسيّرة، وأصابوا هدفهم بشكل مباشر."
)

FRENCH_ROCKETS = (
    "Plusieurs roquettes ont été tirées mardi soir contre la base aérienne d'Aïn al-Asad, dans la "
    "province d'Al-Anbar, sans faire de victimes, a indiqué une source sécuritaire irakienne."
)


def test_languages_arabic_drone_claim_on_base(extractor):
    # Published Monday 12 Feb 2024: "يوم الأحد" (Sunday) = 11 Feb.
    event = _only_event(_run(extractor, ARABIC_DRONE_CLAIM, date(2024, 2, 12), "ar"))
    assert event.location.name == "Harir Air Base"
    assert event.date.iso() == "2024-02-11"
    assert event.sub_event_type == "Air/drone strike"
    assert event.weapons == ["drone"]
    assert event.claimed_by == [IRI]


def test_languages_arabic_evidence_spans_match(extractor):
    result = _run(extractor, ARABIC_DRONE_CLAIM, date(2024, 2, 12), "ar")
    assert result.events
    for ev in result.events[0].evidence:
        assert ARABIC_DRONE_CLAIM[ev.start : ev.end] == ev.text


def test_languages_arabic_us_strike_on_kataib_hezbollah(extractor):
    # Published Saturday 10 Feb 2024: "يوم الخميس" (Thursday) = 8 Feb.
    text = (
        "قالت مصادر أمنية عراقية إن طائرات أمريكية قصفت يوم الخميس مقرات لكتائب حزب الله في منطقة "
        "جرف الصخر شمالي بابل، ما أسفر عن مقتل ثلاثة عناصر."
    )
    event = _only_event(_run(extractor, text, date(2024, 2, 10), "ar"))
    assert event.location.name == "Jurf al-Sakhar"
    assert event.date.iso() == "2024-02-08"
    assert event.sub_event_type == "Air/drone strike"
    assert event.fatalities == 3
    assert event.target == "Kataib Hezbollah"


def test_languages_french_rocket_attack_tuesday_evening(extractor):
    # Published Friday 5 Jan 2024: "mardi soir" = Tuesday 2 Jan.
    event = _only_event(_run(extractor, FRENCH_ROCKETS, date(2024, 1, 5), "fr"))
    assert event.location.name == "Ain al-Asad Air Base"
    assert event.date.iso() == "2024-01-02"
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.weapons == ["rocket"]
    assert (event.fatalities, event.injuries) == (0, 0)


def test_languages_french_claim_by_iri(extractor):
    # Published Thursday 8 Feb 2024: "lundi" = Monday 5 Feb.
    text = (
        "La Résistance islamique en Irak a revendiqué lundi, sur Telegram, une attaque de drone "
        "contre la base américaine d'al-Tanf, en Syrie."
    )
    event = _only_event(_run(extractor, text, date(2024, 2, 8), "fr"))
    assert event.location.name == "Al-Tanf Garrison"
    assert event.date.iso() == "2024-02-05"
    assert event.claimed_by == [IRI]


def test_languages_spanish_is_unsupported(extractor):
    text = (
        "Varios cohetes impactaron el martes en la base aérea de Ain al-Asad, en el oeste de Irak, "
        "según fuentes de seguridad iraquíes."
    )
    result = _run(extractor, text, date(2024, 1, 5), "es")
    assert result.events == []
    assert "unsupported_language" in [n.kind for n in result.notes]


def test_languages_german_is_unsupported(extractor):
    text = (
        "Eine Drohne hat am Dienstag den Luftwaffenstützpunkt Harir im Nordirak angegriffen, teilten "
        "kurdische Behörden mit. Verletzt wurde niemand."
    )
    result = _run(extractor, text, date(2024, 1, 5), "de")
    assert result.events == []
    assert "unsupported_language" in [n.kind for n in result.notes]


def test_languages_undeclared_german_text_is_detected_as_unsupported(extractor):
    text = (
        "Nach Angaben der irakischen Sicherheitskräfte schlugen am Mittwoch mehrere Raketen in der "
        "Nähe des Flughafens von Bagdad ein. Über Opfer wurde zunächst nichts bekannt."
    )
    result = _run(extractor, text, date(2024, 1, 5), None)
    assert result.events == []
    assert "unsupported_language" in [n.kind for n in result.notes]


def test_languages_empty_text_gives_no_events_and_a_note(extractor):
    result = _run(extractor, "", date(2024, 1, 5), "en")
    assert result.events == []
    assert result.notes


def test_languages_whitespace_only_text_gives_no_events_and_a_note(extractor):
    result = _run(extractor, "   \n\t  ", date(2024, 1, 5), "en")
    assert result.events == []
    assert result.notes


def test_languages_arabic_statement_verb_subject_order_is_a_claim(extractor):
    text = (
        "بيان رقم (3)\n"
        "هاجم مجاهدو المقاومة الإسلامية في العراق، فجر اليوم الأربعاء، هدفاً حيوياً في الجولان المحتل، "
        "بواسطة الطيران المسيّر."
    )
    (event,) = extractor.extract(Document("t", text, published=date(2024, 10, 9), lang="ar")).events
    assert event.location.name == "Golan Heights"
    assert event.weapons == ["drone"]
    assert event.claimed_by == ["Islamic Resistance in Iraq"]
    assert event.date.iso() == "2024-10-09"


def test_languages_french_retaliation_weapon_stays_with_the_earlier_attack(extractor):
    text = (
        "Des avions américains ont frappé mercredi des installations à Jurf al-Sakhar, en représailles à une attaque "
        "aux missiles balistiques contre la base d'Aïn al-Assad."
    )
    (event,) = extractor.extract(Document("t", text, published=date(2024, 1, 25), lang="fr")).events
    assert event.location.name == "Jurf al-Sakhar"
    assert "ballistic_missile" not in event.weapons


def test_languages_arabic_claim_formula_said_that_it_targeted(extractor):
    from claimgraph.models import Document

    text = (
        "أعلنت المقاومة الإسلامية في العراق أنها قصفت قاعدة عين الأسد بطائرتين مسيرتين. "
        'وقالت "المقاومة" إنها استهدفت كذلك قاعدة حرير الأمريكية، في مدينة أربيل، بطائرة مسيرة.'
    )
    out = extractor.extract(Document("t", text, published=date(2024, 1, 10), lang="ar"))
    got = sorted((e.location.name, tuple(e.claimed_by), tuple(e.weapons)) for e in out.events)
    assert got == [
        ("Ain al-Asad Air Base", ("Islamic Resistance in Iraq",), ("drone",)),
        ("Harir Air Base", ("Islamic Resistance in Iraq",), ("drone",)),
    ]


def test_languages_arabic_series_of_statements_is_not_an_aggregate(extractor):
    from claimgraph.models import Document

    text = "وذكرت سلسلة بيانات للمقاومة الإسلامية في العراق أنها استهدفت قاعدة حرير بطائرة مسيرة."
    out = extractor.extract(Document("t", text, published=date(2024, 1, 10), lang="ar"))
    assert [e.location.name for e in out.events] == ["Harir Air Base"]


def test_languages_arabic_gazetteer_knows_the_2025_kurdistan_fields(extractor):
    from claimgraph.models import Document

    text = "تعرض حقل سرسنك النفطي في محافظة دهوك صباح اليوم الثلاثاء لهجوم بطائرة مسيرة مفخخة."
    out = extractor.extract(Document("t", text, published=date(2025, 7, 15), lang="ar"))
    assert [(e.location.name, e.date.iso()) for e in out.events] == [("Sarsang oil field", "2025-07-15")]


def test_languages_arabic_solidarity_with_gaza_names_a_cause_not_a_site(extractor):
    from claimgraph.models import Document

    text = (
        "استهدفت المقاومة الإسلامية في العراق قاعدة حرير بطائرة مسيرة، تضامناً مع قطاع غزة "
        "ورداً على الجرائم بحق أهلنا في غزة."
    )
    out = extractor.extract(Document("t", text, published=date(2024, 1, 10), lang="ar"))
    assert [e.location.name for e in out.events] == ["Harir Air Base"]


def test_languages_since_a_year_is_not_the_story_year():
    from claimgraph.extract.drafts import year_hint

    assert year_hint("حولتها القوات الأمريكية لمهبط منذ عام 2014، وفي 2024 تعرضت لهجوم") == 2024
    assert year_hint("Used by US forces since 2014, the base was hit in 2024.") == 2024


def test_languages_arabic_state_aircraft_are_the_actor(extractor):
    from claimgraph.models import Document

    text = "قصفت طائرات أمريكية مواقع للجماعات المسلحة قرب مدينة البوكمال شرقي سوريا يوم الأحد."
    out = extractor.extract(Document("t", text, published=date(2023, 11, 13), lang="ar"))
    assert [(e.location.name, e.actors) for e in out.events] == [("Albu Kamal", ["US forces"])]
    text = "وشنت طائرات إسرائيلية غارة على مطار دمشق الدولي فجر اليوم."
    out = extractor.extract(Document("t", text, published=date(2024, 4, 2), lang="ar"))
    assert [(e.location.name, e.actors) for e in out.events] == [("Damascus International Airport", ["Israel"])]
