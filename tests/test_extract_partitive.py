"""A sentence that opens with a part of a count told just before ("Three of them in Syria: ...", "3 منها في
سوريا، وهي ...") goes on with that sentence: its places are the counted targets of the attack told there.
Sentences written for these tests."""

from datetime import date

from claimgraph.models import Document


def _sites(extractor, text, lang):
    out = extractor.extract(Document(id="t", text=text, lang=lang, published=date(2024, 1, 29)))
    return sorted(e.location.name for e in out.events)


def test_the_parts_of_a_counted_target_list_are_the_attacks_sites(extractor):
    english = (
        "Our fighters attacked four enemy bases with drones. Three of them in Syria: al-Shaddadi, Rukban and "
        "al-Tanf, and the fourth inside occupied Palestine, the Zevulun naval facility."
    )
    arabic = (
        "هاجم مجاهدونا بالطائرات المسيرة 4 قواعد للأعداء. 3 منها في سوريا، وهي قاعدة الشدادي، قاعدة الركبان، "
        "وقاعدة التنف، والرابعة داخل الأراضي الفلسطينية وهي منشأة زفولون البحرية."
    )
    expected = ["Al-Shaddadi", "Al-Tanf Garrison", "Rukban", "Zevulun naval facility"]
    assert _sites(extractor, english, "en") == expected
    assert _sites(extractor, arabic, "ar") == expected


def test_a_part_of_the_victims_is_no_continuation():
    from claimgraph.extract import cues

    opening = cues.per_language("partitive_start")
    assert not any(c.match("Two of them were killed.") for c in opening)
    assert any(c.match("Two of them in Iraq, at Ain al-Asad and Harir.") for c in opening)
