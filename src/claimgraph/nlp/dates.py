"""Date expressions: find them in a sentence and resolve them.

Finds absolute dates, weekdays, days named from the publication date ("yesterday"), anchored
offsets ("two days later": resolved against the previous event's date), week and month references
and Hijri dates. The words and the patterns are in the language packs (``lang/<code>/dates.toml``:
tables of month, weekday and relative words, and ``date_<kind>`` cues tried in the order they are
written); this module turns a match into a date. Resolution uses the publication date as
``RELATIVE_BASE``; the result carries its precision and how it was obtained (``basis``).

Month-name spans that the patterns find but cannot build are handed to ``dateparser`` with the
document's language (never over raw text).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from itertools import pairwise

from claimgraph.lang import LanguageRules, PackError, packs, rules
from claimgraph.models import DateValue
from claimgraph.nlp import literals

# How a ``date_<kind>`` cue's match becomes a date (see ``_build``); a pack may write any of them.
KINDS = (
    "iso",
    "numeric",
    "ordinal_day",
    "same_month_day",
    "ordinal_dmy",
    "hijri",
    "dmy",
    "mdy",
    "holiday",
    "weekday",
    "weekend",
    "relative",
    "anchored",
    "week",
    "month",
    "month_relative",
)
# The tables a pack's date cues read (a pack writes those its cues need).
TABLES = (
    "months",
    "weekdays",
    "hijri_months",
    "holidays",
    "ordinal_days",
    "relative_days",
    "offset_numbers",
    "offset_units",
    "offset_directions",
    "offset_phrases",
    "weeks",
    "months_relative",
    "weekday_abbreviations",
)


@dataclass(frozen=True, slots=True)
class DateWords:
    """One pack's date patterns (in order) and word tables, compiled once per process."""

    code: str
    patterns: tuple[tuple[str, re.Pattern], ...]
    tables: dict[str, dict]
    ambiguous_months: frozenset[str]  # month names read as months only with a year ("may")
    norm: Callable[[str], str] | None  # the pack's normaliser, None when it has none
    us_evening_before: re.Pattern | None  # "at 9 p.m. Eastern on" before a weekday: the next day locally
    reversed_before: re.Pattern | None  # "the attack came" before "a day after X": X is the earlier one
    year_back_after: re.Pattern | None  # after a yearless day: "last year" (the year before the story's)

    def key(self, word: str) -> str:
        """A matched word as the tables write it."""
        return (self.norm(word) if self.norm else word).lower().rstrip(".")


def _shared_or_none(name: str) -> re.Pattern | None:
    try:
        return packs().shared(name)
    except PackError:
        return None


@cache
def date_words(lang: str) -> DateWords:
    """The date patterns and tables of the pack of ``lang`` (a language with no pack is a ``PackError``)."""
    pack: LanguageRules = rules(lang)
    patterns = []
    for (kind, name), entry in pack.entries.items():
        if kind != "cue" or not name.startswith("date_") or entry.spec.get("shared"):
            continue
        date_kind = name.removeprefix("date_")
        if date_kind not in KINDS:
            raise PackError(f"{entry.where}: no date kind {date_kind!r} (date cues: date_{', date_'.join(KINDS)})")
        patterns.append((date_kind, pack.cue(name)))
    tables = {name: pack.table(name) for name in TABLES if pack.has("table", name)}
    ambiguous = frozenset(pack.items("ambiguous_months")) if pack.has("list", "ambiguous_months") else frozenset()
    return DateWords(
        pack.code,
        tuple(patterns),
        tables,
        ambiguous,
        pack.normaliser,
        _shared_or_none("date_us_evening_before"),
        _shared_or_none("date_anchor_reversed_before"),
        pack.cue("year_back_after") if pack.has_cue("year_back_after") else None,
    )


@dataclass(slots=True)
class DateMention:
    """A date expression found in a sentence (offsets relative to the document)."""

    kind: str  # absolute | weekday | relative | anchored | week | month | hijri | holiday
    start: int
    end: int
    text: str
    value: date | None = None  # resolved value where no anchor is needed
    precision: str = "day"
    offset: int = 0  # for anchored: days from the anchor
    explicit_year: bool = False
    follows: bool = False  # anchored by a phrase that tells of what comes next ("the next day"), not "N days after X"
    weekday_year: bool = False  # a yearless day whose written weekday fixed its year ("mercredi 21 août")
    year_back: bool = False  # a yearless day the text puts in the year before the story's ("December 2 last year")
    same_month_day: int | None = None  # "the 29th of the same month": that day of the month dated last

    def resolve(self, anchor: date | None = None) -> DateValue | None:
        if self.kind == "anchored":
            if anchor is None:
                return None
            return DateValue(anchor + timedelta(days=self.offset), "day", "anchored", self.text, self.start, self.end)
        if self.value is None:
            return None
        return DateValue(self.value, self.precision, self.kind, self.text, self.start, self.end)


def weekday_number(text: str, lang: str) -> int | None:
    """The weekday (Monday = 0) a weekday mention names ("Friday", "الجمعة", "vendredi"), or None."""
    words = date_words(lang)
    weekdays = words.tables.get("weekdays") or {}
    key = words.key(text)
    found = weekdays.get(key)
    if found is None:
        # the weekday named last: "dans la nuit de mardi à mercredi 22 novembre" is of Wednesday the 22nd
        hits = [
            (m.start(), n) for w, n in weekdays.items() for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", key, re.I)
        ]
        found = max(hits)[1] if hits else None
    return found


def index_map(text: str, norm: Callable[[str], str]) -> tuple[str, list[int]]:
    """Normalised text plus the original offset of every character (each character normalised on its own)."""
    table = {c: norm(c) for c in set(text)}
    if all(len(n) == 1 for n in table.values()):  # no character dropped or widened: the offsets stay
        return text.translate({ord(c): n for c, n in table.items() if n != c}), list(range(len(text) + 1))
    out, idx = [], []
    for i, c in enumerate(text):
        n = table[c]
        if n:
            out.append(n)
            idx.append(i)
    idx.append(len(text))
    return "".join(out), idx


def find_dates(
    text: str, offset: int, lang: str, published: date | None, year_hint: int | date | None = None
) -> list[DateMention]:
    """Every date expression in ``text`` (a sentence starting at ``offset``), resolved where possible.

    ``lang`` must have a pack: a language without one is a ``PackError``, never read as English."""
    words = date_words(lang)
    if words.norm is not None:
        subject, imap = index_map(text, words.norm)
    else:
        subject, imap = text, None
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # each pattern scans the whole text; one whose required words (holidays, Hijri months, "last month")
    # the text lacks is not run
    folded = literals.fold(subject)
    headings = year_headings(text, 0)
    for kind, pat in words.patterns:
        if not literals.may_match(pat, folded):
            continue
        for m in pat.finditer(subject):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if imap is not None:
                s0, e0 = imap[s], imap[e] if e < len(imap) else len(text)
            else:
                s0, e0 = s, e
            if _quoted_name(text, s0, e0):
                continue  # «26 سبتمبر», "14 October": a newspaper's or an operation's name, no day
            hint = year_hint
            if published is None and headings:  # under a timeline's year heading: that year
                above = [year for at, year in headings if at < s0]
                hint = above[-1] if above else year_hint
            dm = _build(kind, m, words, published, hint)
            if dm is None:
                continue
            if published is None and kind in ("dmy", "mdy") and m.groupdict().get("d") and not m.groupdict().get("y"):
                # the weekday the text gives the day fixes its year, before any floor a landmark sets
                told = _weekday_year(m, words, subject[max(0, s - 16) : s])
                floor = year_hint if isinstance(year_hint, date) else None
                if told is not None and (floor is None or told >= floor - timedelta(days=1)):
                    dm.value, dm.weekday_year = told, True
            if kind in ("dmy", "mdy", "month") and not dm.explicit_year and words.year_back_after is not None:
                _year_back(dm, words.year_back_after.match(subject[e : e + 40]), published, year_hint)
            dm.start, dm.end, dm.text = offset + s0, offset + e0, text[s0:e0]
            found.append(dm)
            taken.append((s, e))
    found.sort(key=lambda d: d.start)
    _apply_year_context(found, published, [(offset + at, year) for at, year in headings], text, offset)
    _apply_same_month(found)
    _hijri_as_written(found)
    return found


_HIJRI_BESIDE = 40  # a Gregorian day this close to a Hijri one is the same day written twice
_HIJRI_DRIFT = 2  # days a Hijri day converted by the Umm al-Qura calendar may differ from a local sighting's


def _hijri_as_written(found: list[DateMention]) -> None:
    """A Hijri day written beside the Gregorian one ("الأربعاء 02-10-2024 / 28 ربيع الأول 1446 هـ", "السبت 15 رجب
    1445هـ الموافق 27 يناير 2024م") is that day: the months the statement counts by began on a local sighting, which
    the converted calendar may miss by a day or two."""
    for d in found:
        if d.kind != "hijri" or d.value is None:
            continue
        beside = [
            g
            for g in found
            if g.kind == "absolute"
            and g.explicit_year
            and g.value is not None
            and (0 <= d.start - g.end <= _HIJRI_BESIDE or 0 <= g.start - d.end <= _HIJRI_BESIDE)
            and abs((g.value - d.value).days) <= _HIJRI_DRIFT
        ]
        if beside:
            d.value = beside[0].value


def _apply_same_month(found: list[DateMention]) -> None:
    """ "في 29 من الشهر نفسه", "le 29 du même mois": that day of the month of the day or month dated last before it
    (unknown when none is)."""
    last: date | None = None
    for d in found:
        if d.same_month_day is not None:
            if last is not None:
                try:
                    d.value = last.replace(day=d.same_month_day)
                except ValueError:
                    d.value = None
            continue
        if d.kind in ("absolute", "month") and d.value is not None:
            last = d.value


_OPEN_QUOTES, _CLOSE_QUOTES = "«\"“‘'", "»\"”’'"


def _quoted_name(text: str, start: int, end: int) -> bool:
    """The date at ``text[start:end]`` is all a quotation holds («26 سبتمبر», "14 October"): a name (a newspaper, an
    operation, a revolution's day), not a day of the story."""
    head, tail = text[max(0, start - 3) : start].rstrip(), text[end : end + 3].lstrip(" .")
    return bool(head) and bool(tail) and head[-1] in _OPEN_QUOTES and tail[0] in _CLOSE_QUOTES


# a line that is only a year ("2023", "— 2024 —", "2024:", "٢٠٢٤"): a timeline's heading for the entries below it
_YEAR_HEADING = re.compile(r"(?m)^[ \t]*(?:[-–—*#|]+[ \t]*)?((?:19|20)\d\d|[١٢][٠٩][٠-٩][٠-٩])[ \t]*[:.\-–—|]?[ \t]*$")
_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def year_headings(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(document offset, year) of each line that is a year alone: a timeline's year heading."""
    if not any(c.isdigit() for c in text):
        return []
    return [(offset + m.start(1), int(m.group(1).translate(_ARABIC_INDIC))) for m in _YEAR_HEADING.finditer(text)]


_BACK_DAYS = 45  # a yearless day this many days before the dated mention it follows is of that mention's year


def _apply_year_context(
    found: list[DateMention],
    published: date | None,
    headings: list[tuple[int, int]] = (),
    text: str = "",
    offset: int = 0,
) -> None:
    """A yearless date takes the year of the dated passage it continues.

    "The precedent goes back to March 2020. On 11 March, rockets hit Camp Taji" is 2020, not the
    publication year: a yearless day or month that follows an explicitly dated mention, forwards and
    within twelve months, is read in that mention's year. Under a timeline's year heading (a line that
    is "2023" alone), a yearless date is of that year, however far below it, until the next heading or
    written year.
    """
    context: DateMention | None = None
    heading: int | None = None  # the year of the heading above, until a written year of another follows
    marks = iter(headings)
    mark = next(marks, None)
    spans = _month_ranges(found) if published is None else []  # (a dated text reads its own days)
    for d in found:
        while mark is not None and mark[0] < d.start:
            heading, context = mark[1], None
            mark = next(marks, None)
        if d.same_month_day is not None:
            continue
        within = [
            year for first, last, year in spans if not d.explicit_year and d.value and first <= d.value.month <= last
        ]
        if within and d.kind in ("absolute", "month"):
            # "between February and July 2021" ... "15 February - rockets struck": a day of the span the text states
            with contextlib.suppress(ValueError):  # (29 February)
                d.value = d.value.replace(year=within[-1])
            continue
        if d.weekday_year or d.year_back:
            continue  # "mercredi 21 août" under "Samedi 24 août 2024": its weekday has said which year
        if d.explicit_year and d.value is not None:
            context = d
            if heading is not None and d.value.year != heading:
                heading = None  # the text has moved to another year
            continue
        near = context is not None and d.start - context.end <= 400
        if heading is not None and not near and d.value is not None and d.kind in ("absolute", "month"):
            try:
                candidate = d.value.replace(year=heading)
            except ValueError:
                continue
            if published is None or candidate <= published + timedelta(days=1):
                d.value = candidate
            continue
        if context is None or d.value is None or d.kind not in ("absolute", "month"):
            continue
        if published is not None and (
            d.start - context.end > 400 or "\n" in text[context.end - offset : d.start - offset]
        ):
            # too far back to carry its year ("Depuis ... en octobre 2014" paragraphs earlier; "designated in March
            # 2019." closing the paragraph before "On Dec. 3, a drone killed ...") when the publication date gives
            # one; with none, the year written last before it is the text's best word on it
            continue
        for year in (context.value.year, context.value.year + 1):  # "29 December 2019 ... in January" is 2020
            try:
                candidate = d.value.replace(year=year)
            except ValueError:
                break
            if published is not None and candidate > published + timedelta(days=1):
                break  # never after the publication date
            # (or, in an undated text, weeks before it the same year: "24 August – 1 September 2019 ... Late on 24
            # August"; a dated one reads "Oct. 4" after "since November 2023" in its own year)
            if 0 <= (candidate - context.value).days <= 366 or (
                published is None and year == context.value.year and -_BACK_DAYS <= (candidate - context.value).days < 0
            ):
                d.value = candidate
                break


_RANGE_GAP = 10  # at most this between a span's first month and its last ("February-July 2021", "February and July")


def _month_ranges(found: list[DateMention]) -> list[tuple[int, int, int]]:
    """(first month, last month, year) of the spans of months a text states with one year ("February-July 2021",
    "between February and July 2021", "de février à juillet 2021", "بين شباط وتموز 2021")."""
    out = []
    for a, b in pairwise(found):
        if (
            a.kind == "month"
            and b.kind == "month"
            and not a.explicit_year
            and b.explicit_year
            and a.value is not None
            and b.value is not None
            and 0 <= b.start - a.end <= _RANGE_GAP
            and a.value.month < b.value.month
        ):
            out.append((a.value.month, b.value.month, b.value.year))
    return out


def _year_back(dm: DateMention, told: re.Match | None, published: date | None, year_hint: int | date | None) -> None:
    """A yearless day or month followed by "last year" ("on December 2 last year", "le 2 décembre de l'année dernière",
    "في 2 كانون الأول من العام الماضي", pack cue ``year_back_after``): the year before the story's (the publication
    date's, else the hint's); with neither, its year is unknown."""
    if told is None:
        return
    story = published.year if published else year_hint.year if isinstance(year_hint, date) else year_hint
    dm.year_back = True
    if story is None or dm.value is None:
        dm.value = None
        return
    try:
        dm.value = dm.value.replace(year=story - 1)
    except ValueError:
        dm.value = None


def _weekday_year(m: re.Match, words: DateWords, before: str) -> date | None:
    """A yearless day named with its weekday in an undated text ("Sunday 24 March", "الأحد 24 مارس"): the
    one year of the period the KB's landmarks span (and the year after) on which that day is that weekday."""
    weekdays = words.tables.get("weekdays") or {}
    wd = next((n for w, n in weekdays.items() if re.search(rf"{re.escape(w)}[\s,،\"'“”«»]*$", before, re.I)), None)
    mon = (words.tables.get("months") or {}).get(words.key(m.group("mon")))
    if wd is None or mon is None:
        return None
    from claimgraph.kb.landmarks import landmarks  # the KB's period, read lazily (nlp does not need the KB)

    years = [lm.date.year for lm in landmarks()]
    if not years:
        return None
    fits = []
    for y in range(min(years), max(years) + 2):
        try:
            day = date(y, mon, int(m.group("d")))
        except ValueError:
            continue
        if day.weekday() == wd:
            fits.append(day)
    return fits[0] if len(fits) == 1 else None


def _year_for(month: int, day: int, published: date | None, year_hint: int | date | None) -> int | None:
    """The year of a yearless date: the latest one not after publication; with no publication date,
    the hint (a year), or the first year that puts the date on or after the hint (a floor date)."""
    if published is None:
        if isinstance(year_hint, date):
            try:
                return year_hint.year + (date(year_hint.year, month, day) < year_hint - timedelta(days=1))
            except ValueError:
                return None
        return year_hint
    y = published.year
    try:
        if date(y, month, day) > published + timedelta(days=7):
            y -= 1
    except ValueError:
        return None
    return y


def _build(
    kind: str, m: re.Match, words: DateWords, published: date | None, year_hint: int | date | None
) -> DateMention | None:
    g = m.groupdict()
    table = words.tables
    try:
        if kind in ("iso", "numeric"):
            return DateMention("absolute", 0, 0, "", date(int(g["y"]), int(g["m"]), int(g["d"])), explicit_year=True)
        if kind == "ordinal_day":
            if published is None:
                return None
            # ("on the 28th"; "في الثاني عشر من الشهر الجاري": an ordinal word)
            day = int(g["d"]) if g.get("d") else table["ordinal_days"][words.key(g["dw"])]
            first = published.replace(day=1)
            if day > published.day:  # "the 28th" read on the 3rd: last month
                first = (first - timedelta(days=1)).replace(day=1)
            return DateMention("absolute", 0, 0, "", first.replace(day=day))
        if kind == "same_month_day":
            # "في 29 من الشهر نفسه", "le 29 du même mois": a day of the month the text dated last (its value comes
            # from that date, ``_apply_year_context``)
            day = int(g["d"]) if g.get("d") else table["ordinal_days"][words.key(g["dw"])]
            return DateMention("absolute", 0, 0, "", None, same_month_day=day)
        if kind == "ordinal_dmy":  # an ordinal word for the day: "the second of February"
            g = {"d": str(table["ordinal_days"][words.key(g["dw"])]), "mon": g["mon"], "y": g.get("y")}
            kind = "dmy"
        if kind == "mdy" and not g.get("d"):
            kind, g = "month", {"mon": g["mon"], "y": g.get("my")}  # a month without a day
        if kind in ("mdy", "dmy"):
            mon = table["months"].get(words.key(g["mon"]))
            if mon is None:
                return None
            day = int(g["d"])
            if g.get("y"):
                return DateMention("absolute", 0, 0, "", date(int(g["y"]), mon, day), explicit_year=True)
            y = _year_for(mon, day, published, year_hint)
            return DateMention("absolute", 0, 0, "", date(y, mon, day) if y else None)
        if kind == "hijri":
            from hijridate import Hijri

            hm = table["hijri_months"].get(words.key(g["hm"]))
            if hm is None:
                return None
            greg = Hijri(int(g["y"]), hm, int(g["d"])).to_gregorian()
            return DateMention("hijri", 0, 0, "", date(greg.year, greg.month, greg.day), explicit_year=True)
        if kind == "holiday":
            mon, day = table["holidays"][words.key(g["hol"])]
            y = _year_for(mon, day, published, year_hint)
            return DateMention("absolute", 0, 0, "", date(y, mon, day) if y else None)
        if kind == "weekday":
            wd = table["weekdays"][words.key(g["wd"])]
            value = None
            if published is not None:
                value = published - timedelta(days=(published.weekday() - wd) % 7)
                us_evening = g.get("us") and g.get("evening")
                us_evening = us_evening or (
                    words.us_evening_before is not None and words.us_evening_before.search(m.string[: m.start()])
                )
                if us_evening:
                    value += timedelta(days=1)  # US evening = after midnight in Iraq/Syria
                if g.get("last") and value == published:
                    value -= timedelta(days=7)  # "last Monday" in a Monday's story: the week before
            return DateMention("weekday", 0, 0, "", value)
        if kind == "weekend":
            # "at the weekend", "ce week-end": its Saturday, the latest up to publication (a day either side of the
            # Sunday), read as a weekday
            value = published - timedelta(days=(published.weekday() - 5) % 7) if published else None
            if value is not None and g.get("last") and value == published:
                value -= timedelta(days=7)
            return DateMention("weekday", 0, 0, "", value)
        if kind == "relative":
            days = table["relative_days"][words.key(g["rel"])]
            value = published + timedelta(days=days) if published else None
            return DateMention("relative", 0, 0, "", value)
        if kind == "anchored":
            if g.get("next"):
                offset = table["offset_phrases"][words.key(g["next"])]
                # ("بعد ساعات من X": counted from X, which the sentence names after it)
                return DateMention("anchored", 0, 0, "", offset=offset, follows=not g.get("of"))
            n = int(g["n"]) if g["n"].isdigit() else table["offset_numbers"].get(words.key(g["n"]))
            if n is None:
                return None
            if g.get("unit"):
                n *= table["offset_units"][words.key(g["unit"])]
            sign = table["offset_directions"][words.key(g["dir"])]
            if sign == 1 and words.reversed_before is not None and words.reversed_before.search(m.string[: m.start()]):
                sign = -1  # "the attack came a day after a drone struck X": X is the earlier one
            return DateMention("anchored", 0, 0, "", offset=sign * n)
        if kind == "week":
            if published is None:
                return None
            monday = published - timedelta(days=published.weekday())
            weeks = table["weeks"][words.key(g["wk"])]
            return DateMention("week", 0, 0, "", monday + timedelta(weeks=weeks), "week")
        if kind == "month" and g.get("mon2"):
            g = {"mon": g["mon2"], "y": g["y2"]}  # a month and its year without a preposition ("mars 2020")
        if kind == "month":
            mon = table["months"].get(words.key(g["mon"]))
            if mon is None or (g["mon"].lower() in words.ambiguous_months and not g.get("y")):
                return None  # "may" / "mar" are words far more often than months
            y = int(g["y"]) if g.get("y") else _year_for(mon, 1, published, year_hint)
            return DateMention(
                "month", 0, 0, "", date(y, mon, 1) if y else None, "month", explicit_year=bool(g.get("y"))
            )
        if kind == "month_relative":
            if published is None:
                return None
            first = published.replace(day=1)
            for _ in range(-table["months_relative"][words.key(g["mrel"])]):
                first = (first - timedelta(days=1)).replace(day=1)
            return DateMention("month", 0, 0, "", first, "month")
    except (ValueError, KeyError, OverflowError):
        return _fallback(m.group(0), words.code, published)
    return None


def _fallback(span: str, lang: str, published: date | None) -> DateMention | None:
    """Spans our patterns found but could not build: ask dateparser, in the document's language."""
    import dateparser
    from dateparser.data.languages_info import language_order

    if lang not in language_order:
        return None  # a pack of a language dateparser does not know
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if published:
        from datetime import datetime

        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    parsed = dateparser.parse(span, languages=[lang], settings=settings)
    if parsed is None:
        return None
    return DateMention("absolute", 0, 0, "", parsed.date())
