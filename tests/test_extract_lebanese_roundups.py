"""A Lebanese agency's round-up of a day in the south: enemy drones that fire missiles, the army's word on one strike
of several, the dead and wounded counted by their nouns, a fighter named as the one struck.

Every snippet is written for these tests (none is copied from a real page)."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

HEZBOLLAH = "Hezbollah (Lebanon)"


def _by_place(extractor, text, published=date(2025, 3, 10), lang="ar"):
    out = extractor.extract(Document("t", text, published=published, lang=lang))
    return {e.location.name: e for e in out.events if e.location}


def test_the_army_s_word_on_one_strike_is_no_claim_of_the_others(extractor):
    text = (
        "استهدفت مسيّرة معادية صباح اليوم سيارة في بلدة عيترون، ما أدى إلى ارتقاء شهيد.\n"
        'وزعم جيش العدو الإسرائيلي في بيان أنه "قضى على عنصر في حزب الله" في منطقة عيترون.\n\n'
        "وبعد الظهر، ألقت مسيّرة معادية قنبلة على جرافة في بلدة الخيام، من دون وقوع إصابات."
    )
    events = _by_place(extractor, text)
    assert events["Aitaroun"].claimed_by == ["Israel"]
    assert events["Aitaroun"].target == HEZBOLLAH
    assert events["Khiam"].actors == ["Israel"] and events["Khiam"].claimed_by == []


def test_a_drone_that_fires_a_guided_missile_is_a_drone_strike(extractor):
    text = "استهدفت مسيّرة معادية عند الظهر سيارة على الطريق العام في بلدة عيترون بصاروخ موجه."
    (event,) = _by_place(extractor, text).values()
    assert event.sub_event_type == "Air/drone strike" and event.weapons == ["drone"]


def test_the_dead_and_wounded_counted_by_their_nouns(extractor):
    text = "استهدفت مسيّرة معادية مساء اليوم دراجة نارية في بلدة عيترون، ما أدى إلى سقوط شهيد وجريح."
    (event,) = _by_place(extractor, text).values()
    assert (event.fatalities, event.injuries) == (1, 1)
    text = "استهدفت مسيّرة معادية مساء اليوم دراجة نارية في بلدة عيترون، ما أدى إلى سقوط شهيدين وجريح."
    (event,) = _by_place(extractor, text).values()
    assert (event.fatalities, event.injuries) == (2, 1)
