"""An undated page's news is not older than a day it tells of as past ("It is worth noting that on November 8 ..."):
its weekdays are read from there on; a week's span in a digest's header is no such day. A night "de mardi à
mercredi 22 novembre" is Wednesday's. A claim "by the so-called 'X'" is X's. A strike named only as a bearing from a
city ("au sud de Bagdad") is at the site told that way next, not at one the other way. Texts written for these
tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

MONITOR = """Monitor for Human Rights
Home | Reports | Contact
US warplanes strike militia positions in Deir Ezzor countryside
Activists reported that US warplanes targeted positions of Iranian-backed militias in Al-Mayadin city on Sunday \
evening.
On Monday, the militias fired rockets at the US base at Conoco gas field, in an attack claimed by the so-called \
"Islamic Resistance in Iraq".
It is worth noting that on November 8, US warplanes bombed a weapons depot in Deir Ezzor city, killing nine people.
Since 19 October 2023, the monitor has documented 38 attacks by Iranian-backed militias on US bases in Syria.
"""


def test_the_news_is_after_the_day_it_tells_of_as_past(extractor):
    out = extractor.extract(Document(id="t", text=MONITOR, lang="en"))
    told = {e.location.name: e for e in out.events}
    assert told["Al-Mayadin"].date.value == date(2023, 11, 12)
    assert told["Conoco gas field"].date.value == date(2023, 11, 13)
    assert told["Conoco gas field"].claimed_by == ["Islamic Resistance in Iraq"]


DIGEST = """Weekly security digest – issue 46
Iraq and Syria: 12 – 18 November 2023

1. On Sunday night, US jets struck a training facility near Albu Kamal.
2. On Monday, the Islamic Resistance in Iraq claimed a drone attack on the Shaddadi base. Attacks on US forces \
have reached 58 since 17 October.
"""


def test_a_digests_week_span_is_no_day_told_as_past(extractor):
    out = extractor.extract(Document(id="t", text=DIGEST, lang="en"))
    assert all(e.date.value <= date(2023, 11, 18) for e in out.events)


AFP = """Irak : huit combattants pro-iraniens tués dans des frappes américaines au sud de Bagdad

Huit combattants d'un groupe armé pro-iranien ont été tués dans la nuit de mardi à mercredi 22 novembre par des \
frappes américaines au sud de Bagdad, a indiqué un responsable irakien, six semaines après le début de la guerre \
entre Israël et le Hamas.

Les frappes ont visé deux installations des Brigades du Hezbollah à Jurf al-Sakhr, selon la même source.
"""


def test_a_night_into_a_named_day_and_a_strike_south_of_a_city(extractor):
    out = extractor.extract(Document(id="t", text=AFP, lang="fr"))
    assert [(e.location.name, e.date.value) for e in out.events] == [("Jurf al-Sakhar", date(2023, 11, 22))]
    assert out.events[0].fatalities == 8


LIVE = """عاجل | المقاومة الإسلامية في لبنان: استهدفنا قاعدة ستيلا ماريس البحرية شمال غرب مدينة حيفا المحتلة بصلية \
صاروخية.

عاجل | المقاومة الإسلامية في لبنان: قصفنا مدينة كريات شمونة بصلية صاروخية.
"""


def test_a_city_named_as_a_bearing_keeps_its_own_event_when_the_other_site_lies_the_other_way(extractor):
    out = extractor.extract(Document(id="t", text=LIVE, lang="ar", published=date(2024, 10, 21)))
    assert {e.location.name for e in out.events} >= {"Haifa", "Kiryat Shmona"}
