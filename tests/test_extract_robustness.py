"""Any text, however odd, is extracted without an exception, and every evidence span points into it.

Rules are regular expressions over free text; a pattern that assumes a group or an offset can crash on
input nobody thought of. Hypothesis feeds mixtures of domain words, Arabic, numbers and punctuation.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.models import Document

WORDS = [
    "drone",
    "rockets",
    "struck",
    "Ain al-Asad",
    "Harir",
    "Tower 22",
    "Kataib Hezbollah",
    "(KH)",
    "IRI",
    "claimed",
    "killing",
    "three",
    "at least 34",
    "on Tuesday",
    "late Thursday",
    "two days later",
    "last week",
    "in February",
    "22 Jumada al-Ula 1445 AH",
    "2024-01-28",
    "Jan. 28",
    "the 7th",
    "including",
    "such as",
    "part of",
    "denied",
    "in retaliation for",
    "launched from",
    "near",
    "BAGHDAD, Jan 5 (Reuters) -",
    "\n",
    "\n- ",
    "1. ",
    ";",
    ",",
    ".",
    ":",
    '"',
    "«",
    "هاجم",
    "مجاهدو",
    "المقاومة الإسلامية في العراق",
    "قاعدة عين الأسد",
    "أمس",
    "لكتائب حزب الله",
    "a tué",
    "mardi soir",
    "Aïn al-Assad",
    "frappes américaines",
    "Saraya Thar al-X",
    "calling itself",
    "US",
    "Iran",
]

texts = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=40).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, lang=st.sampled_from(["en", "ar", "fr", None]), published=st.sampled_from([None, date(2024, 2, 3)]))
def test_robustness_any_text_extracts_with_evidence_inside_the_text(extractor, text, lang, published):
    result = extractor.extract(Document("fuzz", text, published=published, lang=lang))
    for event in result.events:
        assert event.sub_event_type
        for ev in event.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start : ev.end] == ev.text
    for m in result.memberships:
        assert m.member != m.umbrella
