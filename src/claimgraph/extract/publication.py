"""When a document does not say when it was published: what the document itself shows.

About half of real excerpts come with no publication date, and relative dates ("on Tuesday",
"yesterday") cannot be resolved without one. Two things a page carries are as good as a stated date:

- its address's date path: ``/2024/01/28/``, ``/2024-01-28/``, ``/20240128`` (a day, in the years
  of this kind of reporting), read from the URL;
- a metadata line at its very start in ISO form: ``date 2024-01-03``, ``Published: 2024-01-03``.

A header date written for readers ("Monday, February 26, 2024" above a story) is *not* taken: sites
print the day the page is viewed there, which is the trap the real sets show. Nor is the latest date
of the text: a report of an old attack written much later would move every weekday it names.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from claimgraph.extract import cues

# /2024/01/28/, /2024-01-28/, _2024_01_28, and 20240128 between non-digits; the day first too ("/20062025",
# "/20-06-2025": Kurdish and Arab sites write day, month, year)
_URL_DAY = re.compile(
    r"(?<!\d)(?P<y>20[0-4]\d)(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
    r"|(?<!\d)(?P<d2>0[1-9]|[12]\d|3[01])(?P<sep2>[_-]?)(?P<m2>0[1-9]|1[0-2])(?P=sep2)(?P<y2>20[2-3]\d)(?!\d)"
    # the month's name in the path: "/live/2025/jun/22/" (The Guardian), "/2024/october/1/"
    r"|(?<!\d)(?P<y3>20[0-4]\d)/(?P<m3>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/(?P<d3>0?[1-9]|[12]\d|3[01])(?!\d)",
    re.IGNORECASE,
)
_MONTH_ABBR = [m.lower() for m in calendar.month_abbr]  # "", "jan", ... "dec"


def url_date(url: str | None) -> date | None:
    """The day an address's date path gives, if it gives a whole one; of several (a tracker's period,
    "/tracker/2025-06-24-to-2025-07-03"), the latest: the page cannot be older than the last day it names."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)  # the host's digits are no date
    days = []
    for m in _URL_DAY.finditer(path):
        try:
            if m.group("y"):
                days.append(date(int(m.group("y")), int(m.group("m")), int(m.group("d"))))
            elif m.group("y3"):
                days.append(date(int(m.group("y3")), _MONTH_ABBR.index(m.group("m3").lower()[:3]), int(m.group("d3"))))
            else:
                days.append(date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))))
        except ValueError:
            continue
    return max(days, default=None)


def metadata_date(text: str) -> date | None:
    """The ISO date of a metadata line opening the text ("date 2024-01-03 ...")."""
    m = cues.shared("publication_line").match(text)
    if not m:
        return None
    try:
        return date.fromisoformat(m.group("iso"))
    except ValueError:
        return None


def infer(url: str | None, text: str) -> tuple[date, str] | None:
    """(day, what gave it) for a document with no publication date, or None."""
    found = metadata_date(text)
    if found:
        return found, "a metadata line at the start of the text"
    found = url_date(url)
    if found:
        return found, "the date in its address"
    return None
