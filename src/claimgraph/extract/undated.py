"""A document with no publication date: the time its own content shows, at the precision it allows.

Many excerpts of the fronts' reporting come with no publication date and no date path in their
address, and tell of their events by weekday only ("on Tuesday", "late Saturday"). Two things such a
page often carries still place it in time:

- an address with a **month path** (``/2024/09/``): the page is of that month. Its weekdays are read
  against the month's last day and its events dated to the month (precision ``month``);
- a **landmark** event it tells of (``kb/data/landmarks.toml``, entries with ``anchor = true``): the
  hijacking of the Galaxy Leader, the Majdal Shams rocket strike, the killing of Fuad Shukr. Such
  reports are written in the days around the event: the latest landmark the text names stands for
  the news day, its weekdays are read against three days after it, and the events they date take
  precision ``week``. The landmark's own event keeps its day (``events.date_sites``);
- a **running toll** it cites (``kb/data/tolls.toml``: "a war that has killed more than 21,110
  Palestinians"): the day that toll was reached, read off the toll's milestones, stands for the news
  day (a day after it), at precision ``week`` too. Of a landmark and a toll, the later wins;
- an **embedded post** (a tweet's signature line "— Syria TV (@syr_television) December 11, 2023"): the
  page was written as of the latest post it embeds; its weekdays are read against that day, at day precision;
- a **day it calls today** in full ("في بيان لها اليوم 3 شباط 2024", "today, 3 February 2024"): that day, at
  day precision;
- the **date a statement is signed with** (a full date on a short line among its last lines: "الأحد 21 ربيع
  الآخر 1445 هـ / الموافق 5-11-2023 م"): the day it was issued, at day precision;
- a **wire dateline's day** ("WASHINGTON/BAGHDAD, Aug 5 (Reuters) -"): the day the story was filed, at day
  precision; with no year written, the year that puts it after the address's date or the landmark it tells of,
  else the one year of the campaign in which the weekday the story names falls on that day;
- the **page's stamp** ("آخر تحديث: السبت 27-04-2024 11:40", "Published: 5 August 2024") and a **title with its
  day** ("حصاد عمليات المقاومة الإسلامية ليوم الثلاثاء 14-5-2024"), at day precision. A display of the day atop
  the page, alone or among a masthead's menu, is the day the page was viewed: it dates nothing.

A date the text writes out ("on 19 November", "January 6") keeps its day; only the dates resolved
against the assumed day (weekdays, "yesterday", the assumed day itself) are coarsened. The document's
publication date stays unknown in the output (``published`` null), and a note says what was assumed.

``assumed_publication`` runs after ``annotate``; ``assumed_precision`` after ``merge``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from claimgraph.extract import cues
from claimgraph.kb.landmarks import Landmark, landmark_named_at, named_landmarks
from claimgraph.kb.tolls import toll_day
from claimgraph.models import Note
from claimgraph.nlp.normalize import normalize_arabic

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import Extractor
    from claimgraph.extract.reading import Reading

# the news is read as written within a few days of the latest landmark the text tells of
NEWS_AFTER_LANDMARK = timedelta(days=3)
# ... and an event it tells with no day of its own was, most often, the day after the landmark
NEWS_AFTER_DAYLESS = timedelta(days=1)
# a running toll is cited from the day it is reached until the next one is announced
NEWS_AFTER_TOLL = timedelta(days=1)

# /2024/09/ (a month path with no day after it), in the years of this kind of reporting
_URL_MONTH = re.compile(r"/(?P<y>20[0-4]\d)/(?P<m>0[1-9]|1[0-2])/(?!\d)")

# dates resolved against the assumed publication day: these become as coarse as the assumption
_RELATIVE_BASES = frozenset({"weekday", "relative", "publication", "context", "anchored"})


def url_month(url: str | None) -> date | None:
    """The first day of the month an address's path names (``/2024/09/slug``), or None."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    m = _URL_MONTH.search(path)
    return date(int(m.group("y")), int(m.group("m")), 1) if m else None


_MONTHS = {m: i for i, m in enumerate(calendar.month_name) if m}
# a day spelt out in an address's words: ".../spotlight-on-iran-september-25-october-1-2024/", "/12-june-2024-..."
_SLUG_DAY = re.compile(
    r"(?<![a-z])(?:(?P<mon>"
    + "|".join(m.lower() for m in _MONTHS)
    + r")-(?P<d>[0-3]?\d)|(?P<d2>[0-3]?\d)-(?P<mon2>"
    + "|".join(m.lower() for m in _MONTHS)
    + r"))-(?P<y>20[0-4]\d)(?!\d)"
)


def url_spelt_day(url: str | None) -> date | None:
    """The latest day an address spells out in words ("...-september-25-october-1-2024"), or None."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I).lower()
    days = []
    for m in _SLUG_DAY.finditer(path):
        name = (m.group("mon") or m.group("mon2")).capitalize()
        try:
            days.append(date(int(m.group("y")), _MONTHS[name], int(m.group("d") or m.group("d2"))))
        except ValueError:
            continue
    return max(days) if days else None


def embedded_post_day(text: str) -> date | None:
    """The day of the latest post a page embeds, from the post's signature line ("— Syria TV
    (@syr_television) December 11, 2023"): the page tells its news as of that day (pack cue
    ``embedded_post_date``)."""
    days = []
    for m in cues.shared("embedded_post_date").finditer(text):
        try:
            days.append(date(int(m.group("year")), _MONTHS[m.group("month")], int(m.group("day"))))
        except (KeyError, ValueError):
            continue
    return max(days) if days else None


@lru_cache(maxsize=4)
def _written_dates(text: str, lang: str) -> tuple:
    """Every date expression of an undated text, read with no publication date (once per document)."""
    from claimgraph.nlp.dates import find_dates

    return tuple(find_dates(text, 0, lang, None))


def today_written(text: str, lang: str) -> date | None:
    """The day an undated text calls today in full ("في بيان لها اليوم 3 شباط 2024", "today, 3 February 2024"):
    "today" right before a written date (the first such date); or the day after the one it calls yesterday ("مساء
    امس السبت 17 آب", "yesterday, Saturday 17 August": the text is of Sunday the 18th)."""
    from claimgraph.nlp.dates import find_dates

    for d in _written_dates(text, lang):
        if d.kind != "absolute" or d.value is None or d.precision != "day":
            continue
        near = text[max(0, d.start - 24) : d.start]
        found = find_dates(near, 0, lang, d.value)
        for x in found:
            if x.kind == "relative" and x.value is not None and -1 <= (x.value - d.value).days <= 0:
                return d.value + (d.value - x.value)  # "today" is that day, "yesterday" the day before the text's
        weekdays = [x for x in found if x.kind == "weekday"]
        if weekdays and d.value.weekday() in _today_weekdays(near, lang, weekdays):
            return d.value  # "صباح اليوم الأربعاء 16 تموز": today, Wednesday the 16th (the weekday read first)
    return None


_SIGNATURE_LINES = 6  # a statement's signature block: the group's name, the dates, the channel's own lines
_SIGNATURE_CHARS = 80
_SIGNATURE_WORDS = 16  # letters a dated line may hold besides its date ("الموافق", "م", "هـ", "Issued on")


_FOOTNOTE_LINE = re.compile(r"\s*(?:\d{1,3}[.)]?\s*)?\^|\s*\[\d{1,3}\]")  # "1. ^ Source, date", "[2] Source"


def signed_day(text: str, lang: str) -> date | None:
    """The day an undated statement is signed with: a full date (written or Hijri) on a short line of its own
    among the last lines of the text ("الأحد 21 ربيع الآخر 1445 هـ / الموافق 5-11-2023 م", "Issued 3 February
    2024"): the groups' statements close so, and tell their operations by weekday against that day."""
    lines, pos = [], len(text)
    for line in reversed(text.splitlines(keepends=True)):
        pos -= len(line)
        if not line.strip():
            continue
        if len(line.strip()) > _SIGNATURE_CHARS or len(lines) == _SIGNATURE_LINES:
            break  # the signature block is the run of short lines that closes the text
        if _FOOTNOTE_LINE.match(line):
            return None  # "1. ^ Houthi media, 19 November 2023.": a page's notes close it, no signature
        lines.append((pos, pos + len(line), line))
    if lines and not text[: min(a for a, _, _ in lines)].strip():
        return None  # the whole text is short lines: no body for a signature to close
    found = _written_dates(text, lang)
    days = []
    for a, b, line in lines:
        here = [d for d in found if a <= d.start < b]
        full = [d for d in here if d.explicit_year and d.precision == "day" and d.value is not None]
        if not full:
            continue
        rest = line
        for d in sorted(here, key=lambda d: d.start, reverse=True):
            rest = rest[: d.start - a] + rest[d.end - a :]
        if len(re.sub(r"[\W\d_]", "", rest)) <= _SIGNATURE_WORDS:
            days += [d.value for d in full]
    if not days:
        days = _statement_dates(text, found)
    if not days:
        return None
    # a page relaying a statement is of the statement's day, or of the later day its own header shows ("الجمعة، 4
    # ربيع الآخر 1447هـ" atop a page that quotes a statement "الموافق 24 سبتمبر 2025م"): a header within the days
    # after the statement is the page's, not the day it was viewed
    shown = [
        d.value
        for a, b in display_date_spans(text, found)
        for d in found
        if a <= d.start < b and d.value is not None and d.precision == "day"
    ]
    later = [d for d in shown if timedelta(0) < d - max(days) <= _HEADER_AFTER_STATEMENT]
    return max(later) if later else max(days)


_HEADER_AFTER_STATEMENT = timedelta(days=7)


_CORRESPONDING = re.compile(r"^\s*(?:ال)?موافق(?!\w)")  # "الموافق 26 يناير 2024م": "corresponding to"


def _statement_dates(text: str, found) -> list[date]:
    """A statement quoted whole inside a page closes with its own signature before the page goes on: a short
    line that pairs the Hijri date with the Gregorian ("الموافق 26 يناير 2024م"), or a short Gregorian line next
    to a short Hijri one ("السبت 06-01-2024" / "24 جمادى الآخرة 1445 هـ"), the way the groups date their
    statements and nothing else is dated."""
    days, pos = [], 0
    short: list[tuple[int, int, str]] = []  # the text's lines with words, short ones kept whole
    for line in text.splitlines(keepends=True):
        a, b = pos, pos + len(line)
        pos = b
        if line.strip():
            short.append((a, b, line if len(line.strip()) <= _SIGNATURE_CHARS else ""))

    def full(a: int, b: int) -> list[date]:
        return [
            d.value
            for d in found
            if a <= d.start < b and d.explicit_year and d.precision == "day" and d.value is not None
        ]

    def hijri(i: int) -> bool:
        return (
            0 <= i < len(short)
            and short[i][2] != ""
            and any(d.kind == "hijri" and short[i][0] <= d.start < short[i][1] for d in found)
        )

    for i, (a, b, line) in enumerate(short):
        if not line:
            continue
        if _CORRESPONDING.match(line):
            days += full(a, b)
        elif hijri(i) and any(d.kind != "hijri" for d in found if a <= d.start < b and d.explicit_year):
            # "الأحد ٢٠ صفر ١٤٤٦هـ الموافق ٢٥-٨-٢٠٢٤م": both dates on the signature's one line (the Gregorian
            # one is the statement's day: a Hijri day's conversion can be a day off)
            days += [
                d.value
                for d in found
                if a <= d.start < b and d.kind != "hijri" and d.explicit_year and d.precision == "day" and d.value
            ]
        elif hijri(i - 1) or hijri(i + 1):
            days += full(a, b)  # "السبت 06-01-2024" over "24 جمادى الآخرة 1445 هـ": the statement's two dates
        elif hijri(i) and any(0 <= j < len(short) and _ISSUED_BY.match(short[j][2]) for j in (i - 1, i + 1)):
            days += full(a, b)  # "صنعاء، ١٤ رجب ١٤٤٥هـ" over "صادر عن القوات المسلحة اليمنية": the issuer signs it
    return days


_ISSUED_BY = re.compile(r"\s*(?:صادر|صدر|الصادر)\s+عن(?!\w)")  # "صادر عن القوات المسلحة": a statement's issuer line


def latest_written_day(text: str, lang: str) -> date | None:
    """The latest full date (day, month and year written) the text gives, leaving out the days of landmark events
    ("since 7 October 2023": a reference) and a site's display date atop the page (``display_date_spans``)."""
    days = [d.value for d in _told_days(text, _written_dates(text, lang)) if d.explicit_year]
    return max(days) if days else None


def _told_days(text: str, found: list) -> list:
    """Of ``found`` (the text's dates), the days the text tells of: full days resolved, neither a landmark's day
    ("since 7 October 2023": a reference) nor a site's display date atop the page (``display_date_spans``)."""
    from claimgraph.kb.landmarks import landmarks

    shown = display_date_spans(text, found)
    references = {lm.date for lm in landmarks()}
    return [
        d
        for d in found
        if d.kind == "absolute"
        and d.precision == "day"
        and d.value is not None
        and d.value not in references
        and not any(a <= d.start < b for a, b in shown)
    ]


def weekday_days(text: str, lang: str, found: list, landmark_days: set[date]) -> dict[int, date]:
    """The days an undated text writes out with their weekday ("عصر الجمعة 2 فبراير/شباط", "Friday, February
    2"), by weekday (Monday = 0): the text means that day by its other "Friday". A weekday written with two days
    is left out, and so are landmark days ("since 7 October 2023": a reference). ``found``: the text's dates,
    a site's display date already left out (``display_date_spans``)."""
    from claimgraph.nlp.dates import weekday_number

    weekdays = [d for d in found if d.kind == "weekday"]
    days: dict[int, set[date]] = {}
    for d in found:
        if d.kind != "absolute" or d.precision != "day" or d.value is None or d.value in landmark_days:
            continue
        named = any(
            0 <= d.start - w.end <= 3
            and not text[w.end : d.start].strip(" ,،")
            and weekday_number(w.text, lang) == d.value.weekday()
            for w in weekdays
        )
        if named:
            days.setdefault(d.value.weekday(), set()).add(d.value)
    return {weekday: next(iter(values)) for weekday, values in days.items() if len(values) == 1}


def weekday_named_day(text: str, lang: str) -> tuple[date, bool] | None:
    """The latest yearless day an undated text writes with its weekday ("مساء يوم الأحد 12 تشرين الثاني", "on
    Sunday, November 12"), in the one campaign year in which that day is that weekday; the news is of that day or
    later. Moved on to the weekday the text calls today when it names one ("صباح اليوم الاثنين": the Monday
    after). A day still to come ("الجلسة المقررة الخميس 23 تشرين الأول", pack cue ``scheduled_before``) is the
    news's day only through the weekday it calls today: the Monday before it. With no "today", the weekday a wire's
    lead gives bare ("أعلنت ...، الخميس، ...") stands for it (``_lead_weekday``). (day, whether the weekday of the
    news fixed it), or None. The days of reference-only landmarks the text names ("السبت 7 تشرين الأول") date no
    news; a site's display date atop the page is left out (``display_date_spans``)."""
    from claimgraph.nlp.dates import find_dates, weekday_number

    written = list(_written_dates(text, lang))
    weekdays = [d for d in written if d.kind == "weekday"]
    shown = display_date_spans(text, written)
    references = {(lm.date.month, lm.date.day) for lm in named_landmarks(text, lang) if lm.reference_only}
    days, ahead = [], []
    for d in written:
        if d.kind != "absolute" or d.precision != "day" or d.explicit_year or any(a <= d.start < b for a, b in shown):
            continue
        beside = [w for w in weekdays if 0 <= d.start - w.end <= 3 and not text[w.end : d.start].strip(" ,،")]
        # "the cabinet session scheduled for Thursday 23 October": a day still to come
        scheduled = any(cues.shared("scheduled_before").search(text[max(0, w.start - 40) : w.start]) for w in beside)
        named = {weekday_number(w.text, lang) for w in beside} - {None}
        if len(named) != 1:
            continue
        fits = [
            x.value
            for year in _story_years(text, lang)
            for x in find_dates(text[d.start : d.end], 0, lang, None, year_hint=year)
            if x.value is not None and x.precision == "day" and x.value.weekday() in named
        ]
        fit = _one_fit(fits)
        if fit is not None and (fit.month, fit.day) not in references:
            (ahead if scheduled else days).append(fit)
    today = _today_weekdays(text, lang, weekdays) or _lead_weekday(text, lang, written)
    if len(today) == 1 and (days or ahead):
        weekday = next(iter(today))
        if days:
            return max(days) + timedelta(days=(weekday - max(days).weekday()) % 7), True
        return min(ahead) - timedelta(days=(min(ahead).weekday() - weekday) % 7), True  # the Monday before it
    return (max(days), False) if days else None


_LEAD_CHARS = 600  # a wire story's lead: where its first weekday is the day of the news


def _lead_weekday(text: str, lang: str, written: list) -> set[int]:
    """The weekday a story's lead gives with no date ("أعلنت المقاومة الإسلامية، الخميس، استهداف ...", "said on
    Thursday"): the day of the news, when no other date comes before it; as a weekday number, or none."""
    from claimgraph.nlp.dates import weekday_number

    first = next((d for d in written if d.kind in ("weekday", "absolute", "relative")), None)
    if first is None or first.kind != "weekday" or first.start > _LEAD_CHARS:
        return set()
    if any(d.kind == "absolute" and 0 <= d.start - first.end <= 3 for d in written):
        return set()  # "الثلاثاء 17 أكتوبر": a dated day, not the lead's bare weekday
    n = weekday_number(first.text, lang)
    return {n} if n is not None else set()


def display_date_spans(text: str, found: list) -> list[tuple[int, int]]:
    """The spans of the lines atop a page that show only a weekday and a full date ("Monday, February 26,
    2024", "| 3 March 2024, Sunday |", "الأربعاء - 3 ديسمبر 2025"): the site's display of the day it is viewed,
    which an undated page's story is not of (a bare "4 January 2024" line stays: it is the story's date). The date may
    sit in the masthead, among the site's name and menu ("LE QUOTIDIEN   Samedi 24 août 2024   Abonnez-vous")."""
    out, pos, seen = [], 0, 0
    for line in text.splitlines(keepends=True):
        a, b = pos, pos + len(line)
        pos = b
        if not line.strip():
            continue
        seen += 1
        if seen > 4:
            break
        here = [d for d in found if a <= d.start < b]
        if not (any(d.kind == "weekday" for d in here) and any(d.explicit_year for d in here)):
            continue
        rest = line
        for d in sorted(here, key=lambda d: d.start, reverse=True):
            rest = rest[: d.start - a] + rest[d.end - a :]
        for clock in reversed(cues.per_language("clock_time")):  # (Arabic first: "الساعة: 14:06" whole)
            rest = clock.sub("", rest)  # "الخميس 11 سبتمبر 2025 - الساعة: 14:06": the time of day shown with it
        if len(re.sub(r"[\W\d_]", "", rest)) <= 3 or (
            _masthead(line, here, a) and not cues.shared("dateline").match(line)
        ):
            out.append((a, b))
    return out


_SEGMENTS = re.compile(r"\s{3,}|\s+[|•·]\s+|\t")


def _masthead(line: str, here: list, at: int) -> bool:
    """A header line that sets its date apart among short segments ("LE QUOTIDIEN DU LEVANT   Samedi 24 août 2024
    Abonnez-vous | Se connecter"): a masthead and its menu, no sentence. The date is a segment of its own (an
    update stamp, "آخر تحديث: السبت 27-04-2024 11:40", is one segment: it is not set apart), and a dateline
    ("صنعاء - سبأ | الثلاثاء، 06 مايو 2025") is the story's."""
    segments, dated, pos = [], 0, 0
    for part in [*_SEGMENTS.finditer(line), None]:
        end = part.start() if part else len(line)
        seg, begin = line[pos:end], pos
        pos = part.end() if part else len(line)
        if not seg.strip():
            continue
        words = seg
        for d in sorted(here, key=lambda d: d.start, reverse=True):
            if begin <= d.start - at < end:
                words = words[: d.start - at - begin] + words[d.end - at - begin :]
        if words != seg and len(re.sub(r"[\W\d_]", "", words)) <= 3:
            dated += 1
        else:
            segments.append(seg)
    return dated > 0 and len(segments) >= 1 and all(len(seg.split()) <= 5 for seg in segments)


_STAMP_LINES = 6
_TITLE_WORDS = (3, 16)  # a title: a few words, no paragraph


def _head_lines(text: str):
    """(start, end, line) of the first ``_STAMP_LINES`` lines with text: where a page shows its title and stamps."""
    pos, seen = 0, 0
    for line in text[:1500].splitlines(keepends=True):
        a, b = pos, pos + len(line)
        pos = b
        if not line.strip():
            continue
        seen += 1
        if seen > _STAMP_LINES:
            return
        yield a, b, line


def _without_dates(line: str, at: int, dates) -> str:
    """``line`` (at document offset ``at``) with each of ``dates`` in it blanked to a space."""
    for d in sorted(dates, key=lambda d: d.start, reverse=True):
        line = line[: d.start - at] + " " + line[d.end - at :]
    return line


def title_day(text: str, lang: str) -> date | None:
    """The day a page's title gives in full ("حصاد عمليات المقاومة الإسلامية ليوم الثلاثاء 14-5-2024", "Attacks on US
    forces, 14 May 2024"): a full date in a short line among the first lines, with words of its own (not a display
    of the day atop the page, which is the date alone or among a masthead's menu)."""
    found = _written_dates(text, lang)
    shown = display_date_spans(text, list(found))
    for a, b, line in _head_lines(text):
        if any(x <= a < y for x, y in shown) or not _TITLE_WORDS[0] <= len(line.split()) <= _TITLE_WORDS[1]:
            continue
        if re.search(r"[.!?؟](?:\s|$)", line.strip()):
            continue  # a sentence of the story, or a photo's caption ("..., May 3, 2021. (Photo: ...)"): no title
        here = [d for d in found if a <= d.start < b and d.explicit_year and d.precision == "day" and d.value]
        words = _without_dates(line, a, [d for d in found if a <= d.start < b])
        if here and len(re.findall(r"[^\W\d_]{2,}", words)) >= _TITLE_WORDS[0]:
            # (words of its own besides the date: "بيروت 14°C" beside it is no title)
            return None if _today_is_another_weekday(text, lang, found, here[0].value) else here[0].value
    return None


def heading_day(text: str, lang: str) -> date | None:
    """The day a live page heads its posts with, a line among its first that is only a weekday (or its short form,
    pack table ``weekday_abbreviations``) and a day without a year ("Sunday 23 November", "Sat 26 Oct", "الأحد 23
    تشرين الثاني"): the page's day, in the one year of the campaign's that day is that weekday, or, of several, the
    first on or after the latest landmark the page tells of ("Iran's 1 October barrage": 2024, not 2019)."""
    from claimgraph.nlp.dates import find_dates, weekday_number

    found = _written_dates(text, lang)
    pack = cues.rules(lang)
    shorts = pack.table("weekday_abbreviations") if pack.has("table", "weekday_abbreviations") else {}
    for a, b, line in _head_lines(text):
        here = [d for d in found if a <= d.start < b]
        days = [d for d in here if d.kind == "absolute" and d.precision == "day" and not d.explicit_year]
        rest = re.sub(r"[\W\d_]+", " ", _without_dates(line, a, here)).split()
        weekdays = {weekday_number(d.text, lang) for d in here if d.kind == "weekday"} - {None}
        if len(rest) == 1 and rest[0].casefold() in shorts:
            weekdays.add(int(shorts[rest[0].casefold()]))
            rest = []
        if len(days) != 1 or rest or len(weekdays) != 1:
            continue
        fits = [
            x.value
            for year in _WEEKDAY_YEARS
            for x in find_dates(text[days[0].start : days[0].end], 0, lang, None, year_hint=year)
            if x.value is not None and x.precision == "day" and x.value.weekday() in weekdays
        ]
        told = [lm.date for lm in named_landmarks(text, lang)]
        if len(fits) > 1 and told:
            fits = [day for day in fits if day >= max(told)][:1]
        return fits[0] if len(fits) == 1 else None
    return None


def displayed_today(text: str, lang: str) -> date | None:
    """The day a page displays atop itself (``display_date_spans``: "الأحد ١٥ محرم ١٤٤٦هـ") when the story calls
    today that same weekday ("صباح اليوم الأحد", "today, Sunday"): a display is the day the page was viewed, unless
    the story itself says it is of that weekday, and then it is the story's day."""
    from claimgraph.nlp.dates import weekday_number

    found = _written_dates(text, lang)
    weekdays = [d for d in found if d.kind == "weekday"]
    spans = display_date_spans(text, list(found))
    if not spans:
        return None
    told = [w for w in weekdays if not any(a <= w.start < b for a, b in spans)]
    today = _today_weekdays(text, lang, told)
    # (or, with a relative "today" of its own, a story that tells of the day before the display by its weekday:
    # "نفذت مساء الأحد ... في وقت سابق اليوم" under Monday's display)
    relative_today = any(
        d.kind == "relative" and d.value is not None and d.value == _PROBE for d in _probed(text, lang)
    )
    eve = {(weekday_number(w.text, lang) or 0) + 1 for w in told if weekday_number(w.text, lang) is not None}
    for a, b in spans:
        full = [d.value for d in found if a <= d.start < b and d.explicit_year and d.precision == "day" and d.value]
        if full and (full[0].weekday() in today or (relative_today and full[0].weekday() in {x % 7 for x in eve})):
            return full[0]
    return None


_PROBE = date(2000, 1, 3)  # a Monday: the day relative days are read against to find the text's "today"


def _probed(text: str, lang: str) -> list:
    """The text's relative days read against ``_PROBE`` (those that are "today" come out as ``_PROBE``)."""
    from claimgraph.nlp.dates import find_dates

    return [d for d in find_dates(text, 0, lang, _PROBE) if d.kind == "relative"]


def _today_is_another_weekday(text: str, lang: str, found, day: date) -> bool:
    """The text calls today a weekday that ``day`` is not ("اليوم الخميس" under a caption of Monday the 12th): the
    line's date is an earlier one, not the text's day."""
    from claimgraph.nlp.dates import find_dates, weekday_number

    for x in found:
        if x.kind != "weekday":
            continue
        near = text[max(0, x.start - 12) : x.start + 3]
        today = any(r.kind == "relative" and r.value == day for r in find_dates(near, 0, lang, day))
        if today and weekday_number(x.text, lang) not in (None, day.weekday()):
            return True
    return False


def stamped_day(text: str, lang: str) -> date | None:
    """The day a page stamps itself with in its first lines ("آخر تحديث: السبت 27-04-2024 11:40", "Published: 5
    August 2024"): a full date right after the stamp's words (and its weekday)."""
    found = _written_dates(text, lang)
    limit = sum(len(line) for line in text.splitlines(keepends=True)[: _STAMP_LINES * 2])
    floor = None
    for d in found:
        if d.start >= limit:
            break
        if d.precision != "day" or (d.kind != "absolute" and not d.explicit_year):
            continue
        value = d.value if d.explicit_year else None
        if value is None:
            # "Updated 11:58 AM GMT+4, March 17": a yearless stamp is of the first such day after the latest landmark
            # the text names (the news is not older than what it tells of as past)
            floor = floor or _past_floor(text, lang, found)
            if floor == date.min:
                continue
            from claimgraph.nlp.dates import find_dates

            again = [x.value for x in find_dates(text[d.start : d.end], d.start, lang, None, floor) if x.value]
            if not again:
                continue
            value = again[0]
        line = text.rfind("\n", 0, d.start) + 1
        weekdays = [x.start for x in found if x.kind == "weekday" and line <= x.start < d.start]
        head = text[line : weekdays[-1] if weekdays else d.start]
        for clock in reversed(cues.per_language("clock_time")):
            head = clock.sub("", head)  # "Updated 11:58 AM GMT+4, ": the time of day (and its zone) shown with it
        if cues.shared("page_stamp").search(head.rstrip(" ،,") + " "):
            return value
    return _stamped_day_month(text[:limit], lambda: floor or _past_floor(text, lang, found))


_DAY_MONTH = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})(?![\d/.]|\s*[/.]\s*\d)")


def _stamped_day_month(head: str, floor: Callable[[], date]) -> date | None:
    """A page stamped with its day and month in figures and no year ("Publié le 14/07 à 22h31", "Issued on: 05/11 -
    20:48"), in its first lines ``head``: the first such day not before ``floor()``, the latest day the text tells
    of as past (``_past_floor``); None without one."""
    for line in head.splitlines():
        m = _DAY_MONTH.search(line)
        if m is None or not cues.shared("page_stamp").search(line[: m.start()].rstrip(" ،,") + " "):
            continue
        after = floor()
        if after == date.min:
            return None
        for year in (after.year, after.year + 1):
            try:
                day = date(year, int(m.group(2)), int(m.group(1)))
            except ValueError:
                return None
            if day >= after:
                return day
    return None


def _past_floor(text: str, lang: str, found: list) -> date:
    """The latest day a text tells of as past, by a landmark or a date written with its year ("depuis le cessez-le-feu
    du 27 novembre 2024"): a yearless stamp of the page is not before it. ``date.min`` for none."""
    told = [lm.date for lm in named_landmarks(text, lang, ())]
    told += [d.value for d in found if d.explicit_year and d.value is not None]
    return max(told, default=date.min)


@lru_cache(maxsize=4)
def dateline_day(url: str | None, text: str, lang: str) -> date | None:
    """The day a wire dateline gives ("WASHINGTON/BAGHDAD, Aug 5 (Reuters) -", "BAGHDAD, Aug 5, 2024 (AFP) -"): the
    day the story was filed. A dateline with no year takes the first year that puts it after the address's date
    path, or the latest of the landmarks the text tells of as past (a story of the attack that followed Haniyeh's
    killing is of 2024) and the dates it writes with their year ("since September 2024"); with none of them, the one
    year whose weekdays fit the story's, else the day is unknown."""
    from claimgraph.extract.units import dateline_end
    from claimgraph.nlp.dates import find_dates

    end = dateline_end(text, lang)
    if not end:
        return None
    line = text[text.rfind("\n", 0, end) + 1 : end]
    dates = [d for d in find_dates(line, 0, lang, None) if d.kind == "absolute" and d.precision == "day"]
    if not dates:
        return None
    if dates[0].value is not None:
        return dates[0].value
    floor = url_spelt_day(url) or url_month(url)
    if floor is not None:
        floor -= timedelta(days=31)
    else:
        # the latest of the landmarks told as past and the dates written with their year ("since September 2024")
        told = _past_floor(text, lang, _written_dates(text, lang))
        counted = years_ago_year(text, lang)
        if counted is not None:  # "le 7 octobre 2023, il y a près de deux ans": a story of 2025
            told = max(told, date(counted, 1, 1))
        months = months_after_day(text, lang, years=True)
        if months is not None:  # "more than a year after the Oct. 7, 2023, attack": a story of October 2024 or later
            told = max(told, months[0] - timedelta(days=31))
        floor = None if told == date.min else told
    if floor is None:
        return _weekday_year(line, dates[0], text, lang)
    dated = [d for d in find_dates(line, 0, lang, None, year_hint=floor) if d.start == dates[0].start]
    return dated[0].value if dated else None


# the years a yearless dateline of this reporting can be of (the campaign's, from October 2023)
_DATELINE_YEARS = range(2023, 2027)
_YEAR = re.compile(r"(?<![\d٠-٩])((?:19|20|١٩|٢٠)[\d٠-٩]{2})(?![\d٠-٩])")


@lru_cache(maxsize=4)
def years_ago_year(text: str, lang: str) -> int | None:
    """The story's year as the text counts it back to a year it writes ("le 7 octobre 2023, il y a près de deux
    ans", "منذ حرب تموز 2006، أي منذ 13 عاماً", "the 2006 war, 13 years ago": 2025, 2019; pack cue
    ``years_ago_after``): the year plus the count; the latest such reading, or None."""
    if not cues.rules(lang).has_cue("years_ago_after"):
        return None
    subject = normalize_arabic(text) if lang == "ar" else text
    told = cues.cue(lang, "years_ago_after")
    out = []
    for y in _YEAR.finditer(subject):
        m = told.match(subject[y.end() : y.end() + 80])
        if m is None:
            continue
        groups = m.groupdict()
        n = 2 if groups.get("two") else 1 if groups.get("one") else _count(groups.get("n") or "")
        if n:
            out.append(int(y.group(1)) + n)
    return max(out) if out else None


def _story_years(text: str, lang: str) -> range:
    """The years a yearless day of the text can be of: the one it counts back from ("13 years ago"), else the
    campaign's."""
    year = years_ago_year(text, lang)
    return range(year, year + 1) if year is not None else _WEEKDAY_YEARS


# the years a yearless day named with its weekday is read in: the campaign's, and the years of the earlier rounds
# (the Kataib Hezbollah and Houthi attacks of 2019-2022) when no campaign year fits
_WEEKDAY_YEARS = range(2019, 2027)


def _one_fit(fits: list[date]) -> date | None:
    """The one day of ``fits`` (a yearless day read in each year its weekday fits), preferring the campaign's years
    (``_DATELINE_YEARS``) when earlier years fit too; None when no day, or several, fit."""
    if len(fits) > 1:
        fits = [day for day in fits if day.year in _DATELINE_YEARS]
    return fits[0] if len(fits) == 1 else None


def _weekday_year(line: str, dm, text: str, lang: str) -> date | None:
    """A yearless dateline whose day the story names by its weekday ("SANA'A, May 30 (Saba) - ... launched on Thursday
    evening a series of raids"): the one year of the campaign in which that day is one of the weekdays the story
    names; none when no year, or more than one, fits."""
    from claimgraph.nlp.dates import find_dates, weekday_number

    written = _written_dates(text, lang)
    told = {weekday_number(d.text, lang) for d in written if d.kind == "weekday"} - {None}
    if not told:
        return None
    today = _today_weekdays(text, lang, [d for d in written if d.kind == "weekday"])
    told = today or told  # "فجر اليوم الاثنين" names the dateline's own day; other weekdays may be days before
    end = text.find(line) + len(line)
    # "DUBAI, Jan 24 (Reuters) - The UAE intercepted two missiles before dawn on Monday": the lead's first weekday
    lead = [weekday_number(d.text, lang) for d in written if d.kind == "weekday" and end <= d.start < end + _LEAD_CHARS]
    for weekdays in (told, set(lead[:1]) - {None}):
        fits = []
        for year in _story_years(text, lang):
            dated = [d for d in find_dates(line, 0, lang, None, year_hint=year) if d.start == dm.start]
            if dated and dated[0].value is not None and dated[0].value.weekday() in weekdays:
                fits.append(dated[0].value)
        if _one_fit(fits) is not None:
            return _one_fit(fits)
    return None


_SOME_DAY = date(2001, 1, 1)  # a day to read "today" and "yesterday" against: only the difference is used


def _today_weekdays(text: str, lang: str, weekdays: list) -> set[int]:
    """The weekdays of the text's own day that it writes beside a relative day ("فجر اليوم الاثنين", "today,
    Monday", "yesterday, Sunday": the text is of Monday), as weekday numbers."""
    from claimgraph.nlp.dates import weekday_number

    out = set()
    for w in weekdays:
        n, offset = weekday_number(w.text, lang), relative_before(text, w, lang)
        if n is not None and offset is not None:
            out.add((n - offset) % 7)
    return out


def relative_before(text: str, weekday, lang: str) -> int | None:
    """The days from the text's own day of a relative day written right before ``weekday`` ("اليوم الاثنين": 0,
    "yesterday, Sunday": -1), or None. The weekday mention may have taken the relative word's last letters ("اليوم
    الاثنين" is read as "يوم الاثنين"), so the window holds the weekday's first letters."""
    from claimgraph.nlp.dates import find_dates

    near = text[max(0, weekday.start - 14) : weekday.start + 3]
    for x in find_dates(near, 0, lang, _SOME_DAY):
        if x.kind == "relative" and x.value is not None and x.end >= len(near) - 6:
            return (x.value - _SOME_DAY).days
    return None


def told_anchor(text: str, lang: str) -> Landmark | None:
    """The latest anchor landmark (``anchor = true``) the text tells of, or None (read once per document)."""
    told = [lm for lm in named_landmarks(text, lang) if lm.anchor]
    return max(told, key=lambda lm: lm.date) if told else None


def post_stamps(text: str) -> tuple[tuple[int, int, date], ...]:
    """(start, end, day) of each post stamp of a channel's or feed's export ("٢٤.٠١.٢٤ ١٩:٤٢" on a line of its own,
    pack cue ``post_stamp_line``). A text with fewer than two such lines is no feed (one date on a line is a page's
    stamp or a footer), and one whose stamps do not all read as days of the years of this reporting is none either."""
    return _post_stamps(text)


def _post_stamps(text: str) -> tuple[tuple[int, int, date], ...]:
    return tuple((a, b, day) for a, b, day, _ in _stamp_lines(text))


@lru_cache(maxsize=4)
def _stamp_lines(text: str) -> tuple[tuple[int, int, date, bool], ...]:
    """(start, end, day, whether it counts views) of each post stamp of a feed's export, or () for no feed."""
    if not any(c.isdigit() for c in text):
        return ()
    found = []
    for m in cues.shared("post_stamp_line").finditer(text):
        mon = m.group("mon")
        year = int(m.group("y2") if mon else m.group("y"))
        year = year + 2000 if year < 100 else year
        try:
            if mon:  # "Release No. 20220824-01 | Aug. 24, 2022"
                day = date(year, list(calendar.month_abbr).index(mon[:3].capitalize()), int(m.group("d2")))
            else:
                day = date(year, int(m.group("m")), int(m.group("d")))
        except ValueError:
            return ()
        if not 2000 <= year <= 2049:
            return ()
        found.append((m.start(), m.end(), day, bool(m.group("views"))))
    return tuple(found) if len(found) >= 2 else ()


_FOOTER_TAIL = 20  # at most this much below a feed's last stamp ("⬇️ تحميل المزيد"): its stamps close the posts


@lru_cache(maxsize=4)
def post_regions(text: str) -> tuple[tuple[int, int, date], ...]:
    """(start, end, day) of each post of a feed's export (``post_stamps``). A stamp heads the post below it
    ("[05/02/2024 08:17]" over the message), unless the stamps close their posts, as a channel's web page prints
    them: the views and the time under each message ("👁 ٤١٫٢ ألف     ١٥.٠٢.٢١ ٢١:٣٨"), or nothing but a button
    below the last one. () for no feed."""
    stamps = _stamp_lines(text)
    if not stamps:
        return ()
    footers = sum(views for *_, views in stamps) * 2 > len(stamps) or len(text[stamps[-1][1] :].strip()) <= _FOOTER_TAIL
    if footers:
        return tuple((stamps[i - 1][1] if i else 0, a, day) for i, (a, _, day, _) in enumerate(stamps))
    return tuple(
        (b, stamps[i + 1][0] if i + 1 < len(stamps) else len(text), day) for i, (_, b, day, _) in enumerate(stamps)
    )


def latest_post_day(text: str) -> date | None:
    """The day of a feed's latest post (``post_stamps``): the export was made on it or later."""
    stamps = post_stamps(text)
    return max(day for _, _, day in stamps) if stamps else None


def post_day_at(text: str, at: int) -> date | None:
    """The day of the post of a feed's export that holds offset ``at``, or None (no feed, or outside its posts)."""
    return next((day for a, b, day in post_regions(text) if a <= at < b), None)


_COUNT_CHARS = 600  # a live page counts its war's days in its heading


def counted_day(text: str, lang: str) -> date | None:
    """The day a live page counts from the start of a war, in its first lines ("اليوم الـ364 من «طوفان الأقصى»",
    "Day 100 of the Israel-Hamas war"): the war's first day is the landmark's (``kb/data/landmarks.toml``), so day
    364 of the war begun on 7 October 2023 is 4 October 2024."""
    head = text[:_COUNT_CHARS]
    subject = normalize_arabic(head) if lang == "ar" else head
    for m in cues.cue(lang, "war_day_count").finditer(subject):
        rest = subject[m.end() :]
        if m.groupdict().get("lam"):
            rest = "ال" + rest  # "للحرب على غزة": "the war on Gaza"
        lm = landmark_named_at(rest, lang)
        n = int(m.group("n") or m.groupdict().get("n2") or 0)
        if lm is not None and 1 <= n <= 2000:
            return lm.date + timedelta(days=n - 1)
    if cues.rules(lang).has_cue("war_day_count_after_name"):
        # "Israel at War — Day 324", "Israel-Gaza war, day 100": the war named before the count, on its line
        for m in cues.cue(lang, "war_day_count_after_name").finditer(subject):
            line = subject[subject.rfind("\n", 0, m.start()) + 1 : m.start()]
            named = [lm for lm in named_landmarks(line, lang) if lm.reference_only]
            n = int(m.group("n"))
            if len(named) == 1 and 1 <= n <= 2000:
                return named[0].date + timedelta(days=n - 1)
    return None


@lru_cache(maxsize=1)
def _day_counts() -> dict[str, int]:
    """Every pack's small counts of days ("three", "trois", "يومين"), keys case-folded in the packs' normal form."""
    from claimgraph.lang import packs

    out: dict[str, int] = {}
    for suffix in ("", "_fr", "_ar"):
        out.update({str(k).casefold(): int(v) for k, v in packs().shared_table(f"day_counts{suffix}").items()})
    return out


def _count(word: str) -> int | None:
    word = word.casefold()
    return int(word) if word.isdigit() else _day_counts().get(word)


def anniversary_day(text: str, lang: str) -> date | None:
    """The news day a text tells from a landmark's anniversary ("came three days before the first anniversary of the
    Hamas onslaught", "عشية الذكرى السنوية الأولى لطوفان الأقصى"): the landmark's day that many years on, moved by
    the count (the eve is the day before)."""
    subject = normalize_arabic(text) if lang == "ar" else text
    for m in cues.cue(lang, "anniversary_offset").finditer(subject):
        lm = landmark_named_at(subject[m.end() :], lang)
        if lm is None:
            continue
        years = 2 if m.group("ord").casefold() in ("second", "2nd", "deuxième", "الثانيه") else 1
        try:
            day = lm.date.replace(year=lm.date.year + years)
        except ValueError:
            continue
        if m.group("eve"):
            return day - timedelta(days=1)
        n = _count(m.group("n"))
        if n is None:
            continue
        unit = m.group("unit") or ""
        n *= 7 if unit.casefold().startswith(("week", "semaine", "اسابيع")) else 1
        before = m.group("dir").casefold() in ("before", "avant", "قبل")
        return day - timedelta(days=n) if before else day + timedelta(days=n)
    # "ويأتي ذلك بعد نحو عشرة أيام من دخول وقف إطلاق النار بين إيران وإسرائيل حيز التنفيذ": the landmark's day on
    for m in cues.cue(lang, "news_after_landmark").finditer(subject):
        if m.groupdict().get("lead") and m.start() > _LEAD_CHARS:
            continue  # ", six days after X" deep in the story dates a passage, not the news
        lm = landmark_named_at(subject[m.end() :], lang)
        n = _count(m.group("n"))
        if lm is None or n is None:
            continue
        unit = m.group("unit") or ""
        return lm.date + timedelta(days=n * (7 if unit.casefold().startswith(("week", "semaine", "اسابيع")) else 1))
    return None


_MONTH_DAYS = 30.44  # a month counted from a landmark ("nearly four months after the war began")
_HEDGE_DAYS = 3  # "nearly" N months: a few days short of it; "more than": a few days past


def months_after_day(text: str, lang: str, years: bool = False) -> tuple[date, str] | None:
    """The news day a text tells as months after a landmark ("nearly four months after the war between Israel and
    Hamas began", "près de quatre mois après le début de la guerre", "بعد أكثر من عشرة أشهر على اندلاع الحرب على
    غزة"; pack cue ``news_months_after``), a few days short of the count for "nearly", past it for "more than", with
    the landmark's name; None when the text tells none. A year counted so ("more than a year after the October 7
    attack") is read only with ``years``: too loose to date the news, it is a floor for a yearless dateline."""
    if not cues.rules(lang).has_cue("news_months_after"):
        return None
    subject = normalize_arabic(text) if lang == "ar" else text
    counts = {normalize_arabic(k) if lang == "ar" else k: v for k, v in _day_counts().items()}
    for m in cues.cue(lang, "news_months_after").finditer(subject):
        lm = landmark_named_at(subject[m.end() :], lang)
        if lm is None:
            continue
        word = (m.group("n") or "").casefold()
        if m.groupdict().get("year") and not years:
            continue  # "more than a year after": too loose to date the news, a floor only (``dateline_day``)
        n = 12 if m.groupdict().get("year") else 2 if m.group("two") else 1 if m.group("one") else None
        n = n or (int(word) if word.isdigit() else counts.get(word))
        if not n:
            continue
        shift = -_HEDGE_DAYS if m.group("near") else _HEDGE_DAYS if m.group("more") else 0
        return lm.date + timedelta(days=round(n * _MONTH_DAYS) + shift), lm.name
    return None


# the days a text shows of itself, best first: each dates its relative days at day precision
_DAYS_SHOWN = (
    (lambda url, text, lang: latest_post_day(text), "its latest post's stamp"),
    (lambda url, text, lang: embedded_post_day(text), "the latest post it embeds"),
    (lambda url, text, lang: today_written(text, lang), "the day it calls today"),
    (lambda url, text, lang: signed_day(text, lang), "the date it is signed with"),
    (dateline_day, "its dateline"),
    (lambda url, text, lang: stamped_day(text, lang), "the date it is stamped with"),
    (lambda url, text, lang: title_day(text, lang), "the date its title gives"),
    (lambda url, text, lang: heading_day(text, lang), "the day its posts are headed with"),
    (lambda url, text, lang: displayed_today(text, lang), "the day it displays, the weekday it calls today"),
    (lambda url, text, lang: counted_day(text, lang), "the day of the war it counts"),
    (lambda url, text, lang: anniversary_day(text, lang), "the day it tells from a landmark's anniversary"),
)


def assumed_day(url: str | None, text: str, lang: str) -> tuple[date, str, str] | None:
    """(day to read relative dates against, precision of what they date, what gave it), or None."""
    for read, basis in _DAYS_SHOWN:
        day = read(url, text, lang)
        if day is not None:
            return day, "day", basis
    spelt = url_spelt_day(url)
    if spelt is not None:  # the page's own address: before what its text names
        return spelt, "week", "the day its address spells"
    month = url_month(url)

    def in_month(day: date) -> bool:
        return month is None or (day.year, day.month) == (month.year, month.month)

    anchors = []
    named = weekday_named_day(text, lang)
    if named is not None and not in_month(named[0]):
        named = None  # the address's month says otherwise
    if named is not None and named[1]:
        return named[0], "day", "the day it names with its weekday and the weekday of the news"
    if named is not None:  # the news is of that day or later
        anchors.append((named[0] + NEWS_AFTER_TOLL, "the day it names with its weekday"))
    latest = told_anchor(text, lang)
    if latest is not None:
        anchors.append((latest.date + NEWS_AFTER_LANDMARK, f"the landmark it tells of ({latest.name})"))
    counted = months_after_day(text, lang)
    if counted is not None:
        anchors.append((counted[0], f"the months it counts from a landmark ({counted[1]})"))
    toll = toll_day(text, lang)
    if toll is not None:
        day, running, figure = toll
        anchors.append((day + NEWS_AFTER_TOLL, f"the toll it cites ({figure:,}: {running.name})"))
    anchors = [(day, basis) for day, basis in anchors if in_month(day - NEWS_AFTER_TOLL)]
    # the news is not older than an event it tells of as past: "more than 100 attacks since October" was reached in
    # December, but a text that also tells of the Tower 22 attack (January) is later; such a toll dates nothing
    told = [lm.date for lm in named_landmarks(text, lang)]
    if told:
        anchors = [(day, basis) for day, basis in anchors if day >= max(told)]
    if anchors and _later_year_heading(text, max(anchors)[0]):
        # a timeline whose year headings run past the landmark ("2023" ... "2024" ... "2025"): its entries take their
        # headings' years, and the page is no news of the landmark's days
        anchors = []
    if anchors:
        day, basis = max(anchors)
        floor = _told_floor(text, lang, day)
        if floor is not None and floor >= day:
            # "It is worth noting that on November 8, US warplanes bombed ...": the news is after the days it tells of
            # as past, at the first day from which the weekdays it names can be read back
            return _after_floor(text, lang, floor), "week", f"the latest day it tells of ({floor.isoformat()})"
        return day, "week", basis
    if month is not None:
        last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        return last, "month", "the month in its address"
    return None


def _later_year_heading(text: str, day: date) -> bool:
    """Whether the text is a timeline with a year heading (a line that is a year alone) after ``day``'s year."""
    from claimgraph.nlp.dates import year_headings

    return any(year > day.year for _, year in year_headings(text))


_FLOOR_AHEAD = timedelta(days=10)  # a day written past the estimate by more than this is no day told as past
_RANGE_END = re.compile(r"\d{1,2}\s*[–—-]\s*$")  # "12 – 18 تشرين الثاني": a week's span (a digest's), no day told


def _told_floor(text: str, lang: str, estimate: date) -> date | None:
    """The latest day the text writes out in full or without its year (read in the estimate's year), other than a
    landmark's day, a site's display date or the page's own stamp ("last edited on ..."), within weeks of the
    estimated news day, or at any distance when written with its year ("the strikes of 26 October 2024" on a page
    that names the 1 October attack as their background): the news is not older."""
    from claimgraph.nlp.dates import find_dates

    stamped = cues.shared("stamp_date_before")
    days = [
        d.value
        for d in _told_days(text, find_dates(text, 0, lang, None, year_hint=estimate.year))
        if (d.value <= estimate + _FLOOR_AHEAD or d.explicit_year)
        and not _RANGE_END.search(text[max(0, d.start - 8) : d.start])
        and not stamped.search(text[max(0, d.start - 40) : d.start])
    ]
    return max(days) if days else None


def _after_floor(text: str, lang: str, floor: date) -> date:
    """The first day, from ``floor`` on, by which every weekday the text names has come (a text that tells of
    November 8 as past and of "Sunday" and "Monday" is of Monday the 13th); the day after ``floor`` when it names
    none."""
    from claimgraph.nlp.dates import weekday_number

    named = {weekday_number(d.text, lang) for d in _written_dates(text, lang) if d.kind == "weekday"} - {None}
    if not named:
        return floor + NEWS_AFTER_TOLL
    for k in range(7):
        if named <= {(floor + timedelta(days=j)).weekday() for j in range(k + 1)}:
            return floor + timedelta(days=k)
    return floor + NEWS_AFTER_TOLL


def blank_metadata_line(ex: Extractor, r: Reading) -> None:
    """Reads ``doc.text``; writes it with an opening metadata line ("date 2025-05-14 ...") blanked (same
    length, so spans stay): the ``language`` stage has read its date; its figures are no casualty count
    ("date 2025-05-14 Beirut, May 14 (IANS) An Israeli drone strike killed ...") and it is no dateline."""
    m = cues.shared("publication_line").match(r.doc.text)
    if m:
        r.doc = replace(r.doc, text=" " * m.end() + r.doc.text[m.end() :])


def assumed_publication(ex: Extractor, r: Reading) -> None:
    """Reads ``doc`` (no publication date, none inferred) and ``lang``; writes ``doc.published`` (the assumed
    day, for reading relative dates only), ``assumed_precision`` and a note; ``out.published`` stays null."""
    if r.doc.published is not None:
        return
    found = assumed_day(r.doc.url, r.doc.text, r.lang)
    if found is None:
        written = latest_written_day(r.doc.text, r.lang)
        # the last resort: an event the text dates by nothing it can read is of the month of its latest written
        # date (``events.date_sites``), at month precision; every other reading stays as for an undated text
        r.written_month = written.replace(day=1) if written else None
        return
    day, precision, basis = found
    r.doc = replace(r.doc, published=day)
    r.assumed_precision = precision
    landmark = told_anchor(r.doc.text, r.lang)
    if landmark is not None and landmark.date + NEWS_AFTER_LANDMARK == day:
        r.assumed_landmark = landmark.date  # the day came from it (not from a later toll or the address)
    r.out.notes = [n for n in r.out.notes if n.kind != "no_publication_date"]
    r.out.notes.append(
        Note(
            "publication_date_assumed",
            f"no publication date: relative dates read against {day.isoformat()} from {basis}, "
            f"their events dated to the {precision}",
        )
    )


def assumed_precision(ex: Extractor, r: Reading) -> None:
    """Reads ``drafts`` and ``assumed_precision``; writes the drafts' dates: a date resolved against the
    assumed day is as coarse as the assumption (week, or the address's month)."""
    precision = r.assumed_precision
    if precision is None or precision == "day":
        return  # a day the text itself shows (an embedded post's) dates its weekdays as written
    month = url_month(r.doc.url) if precision == "month" else None
    for d in r.drafts:
        dv = d.date
        if dv.basis not in _RELATIVE_BASES or dv.precision not in ("day", "week"):
            continue
        if month is not None:
            d.date = replace(dv, value=month, precision="month")
        elif dv.basis == "publication" and r.assumed_landmark is not None:
            # an event told with no day of its own, in the days around the landmark: most often the next one
            # ("in response to the assassination of X, the group struck Y")
            d.date = replace(dv, value=r.assumed_landmark + NEWS_AFTER_DAYLESS, precision="week")
        else:
            d.date = replace(dv, precision="week")
