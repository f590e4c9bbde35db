"""A channel's export: posts under their stamps ("٢٤.٠١.٢٤ ١٩:٤٢"), each read against its own day; a post's heading
line names the group whose statement it relays ("🔻 X:"), and "مجاهدونا" (our fighters) is that group claiming.
Texts written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

FEED = """قناة الجبهة | أخبار عاجلة
[منشورات مختارة من القناة]

٠٣.٠٢.٢٤ ٢١:١٠
🔸 المقاومة الإسلامية في العراق:
... قصف مجاهدونا مساء اليوم قاعدة حرير في أربيل بالطيران المسيّر.
👁 ١٢٫١ ألف

٠٥.٠٢.٢٤ ٠٩:٤٠
🔸 المقاومة الإسلامية في العراق:
... استهدف مجاهدونا فجر اليوم الاثنين قاعدة التنف بطائرة مسيّرة.
👁 ١٠٫٤ ألف

٠٦.٠٢.٢٤ ١٧:٠٥
📢 تذكير: تابعونا على القناة الاحتياطية.
"""


def _by_place(out):
    return {e.location.name: e for e in out.events if e.location}


def test_each_post_is_read_against_its_stamp(extractor):
    out = extractor.extract(Document(id="t", text=FEED, lang="ar", published=None))
    events = _by_place(out)
    assert events["Harir Air Base"].date.value == date(2024, 2, 3)  # "مساء اليوم" of its own post, not the last one
    assert events["Al-Tanf Garrison"].date.value == date(2024, 2, 5)
    assert out.published is None  # the export's day is assumed for reading, never reported as published


def test_a_posts_heading_names_the_group_that_claims(extractor):
    out = extractor.extract(Document(id="t", text=FEED, lang="ar", published=date(2024, 2, 6)))
    for event in out.events:
        assert event.actors == ["Islamic Resistance in Iraq"], event.location.name
        assert event.claimed_by == ["Islamic Resistance in Iraq"], event.location.name


def test_one_date_on_a_line_is_no_feed(extractor):
    text = "بغداد\n\n12.03.24\nقصفت طائرة مسيّرة قاعدة حرير مساء أمس.\n"
    out = extractor.extract(Document(id="t", text=text, lang="ar", published=date(2024, 3, 14)))
    assert [e.date.value for e in out.events] == [date(2024, 3, 13)]


def test_our_fighters_in_english_is_the_statements_claim(extractor):
    text = (
        "Islamic Resistance in Iraq:\n"
        '"Our mujahideen struck the occupation base at Ain al-Asad with two drones this morning."\n'
    )
    out = extractor.extract(Document(id="t", text=text, lang="en", published=date(2024, 1, 20)))
    [event] = out.events
    assert event.claimed_by == ["Islamic Resistance in Iraq"]
