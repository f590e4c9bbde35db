"""A live blog's entries, each under its clock stamp: an entry's undated news is of the blog's day, not of the day
an earlier entry named for the attack it answered. Text written for these tests."""

from __future__ import annotations

from datetime import date

from claimgraph.models import Document

BLOG = """LIVEBLOG | October 13, 2024

10:20 pm
Hezbollah says drones were revenge for Beirut strikes
In a statement, Hezbollah says it launched drones at an army camp near Binyamina, \
in response to the Israeli airstrikes on central Beirut on Thursday, which killed 22 people. \
The group also claims it fired rockets at Nahariya.

8:15 pm
Two drones from Iraq downed over Golan
The IDF says two drones launched from Iraq toward the Golan Heights were intercepted. No one was hurt, it says.

5:05 pm
IDF says jets struck Hezbollah launchers near Aita al-Shaab
The military says fighter jets struck rocket launchers near the southern Lebanese village of Aita al-Shaab.
"""


def test_each_entry_is_of_the_blogs_day(extractor):
    out = extractor.extract(Document(id="t", text=BLOG, lang="en", published=date(2024, 10, 13)))
    days = {e.location.name: e.date.value for e in out.events}
    assert days["Beirut"] == date(2024, 10, 10)  # the attack answered keeps its Thursday
    for place in ("Binyamina", "Nahariya", "Golan Heights"):
        assert days[place] == date(2024, 10, 13), place
    assert days.get("Ayta ash-Shab", days.get("Aita al-Shaab")) == date(2024, 10, 13)
