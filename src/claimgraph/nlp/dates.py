"""Date expressions: find them in a sentence and resolve them.

Finds absolute dates ("October 17, 2023", "17 Oct", "2023-11-20", "le 5 août",
"6 كانون الأول 2023"), weekdays ("late Thursday", "lundi soir", "الجمعة"),
relative days ("yesterday", "أمس", "hier"), anchored offsets ("two days later",
"a day later" — resolved against the previous event's date), week and month
references ("last week", "in February") and Hijri dates ("22 Jumada al-Ula
1445 AH"). Resolution uses the publication date as ``RELATIVE_BASE``; the
result carries its precision and how it was obtained (``basis``).

Month-name spans that our patterns find but cannot build are handed to
``dateparser`` with explicit languages (never over raw text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from claimgraph.models import DateValue
from claimgraph.nlp.normalize import normalize_arabic

_MONTHS = {
    "en": {
        "january": 1,
        "jan": 1,
        "february": 2,
        "feb": 2,
        "march": 3,
        "mar": 3,
        "april": 4,
        "apr": 4,
        "may": 5,
        "june": 6,
        "jun": 6,
        "july": 7,
        "jul": 7,
        "august": 8,
        "aug": 8,
        "september": 9,
        "sep": 9,
        "sept": 9,
        "october": 10,
        "oct": 10,
        "november": 11,
        "nov": 11,
        "december": 12,
        "dec": 12,
    },
    "fr": {
        "janvier": 1,
        "février": 2,
        "fevrier": 2,
        "mars": 3,
        "avril": 4,
        "mai": 5,
        "juin": 6,
        "juillet": 7,
        "août": 8,
        "aout": 8,
        "septembre": 9,
        "octobre": 10,
        "novembre": 11,
        "décembre": 12,
        "decembre": 12,
    },
    "ar": {
        normalize_arabic(k): v
        for k, v in {
            "يناير": 1,
            "كانون الثاني": 1,
            "فبراير": 2,
            "شباط": 2,
            "مارس": 3,
            "آذار": 3,
            "أبريل": 4,
            "ابريل": 4,
            "نيسان": 4,
            "مايو": 5,
            "أيار": 5,
            "يونيو": 6,
            "حزيران": 6,
            "يوليو": 7,
            "تموز": 7,
            "أغسطس": 8,
            "آب": 8,
            "سبتمبر": 9,
            "أيلول": 9,
            "أكتوبر": 10,
            "اكتوبر": 10,
            "تشرين الأول": 10,
            "نوفمبر": 11,
            "تشرين الثاني": 11,
            "ديسمبر": 12,
            "كانون الأول": 12,
        }.items()
    },
}
_WEEKDAYS = {
    "en": {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6},
    "fr": {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6},
    "ar": {
        normalize_arabic(k): v
        for k, v in {
            "الاثنين": 0,
            "الإثنين": 0,
            "الثلاثاء": 1,
            "الأربعاء": 2,
            "الخميس": 3,
            "الجمعة": 4,
            "السبت": 5,
            "الأحد": 6,
        }.items()
    },
}
_HIJRI_MONTHS = {
    "muharram": 1,
    "safar": 2,
    "rabi al-awwal": 3,
    "rabi al-thani": 4,
    "rabi al-akhir": 4,
    "jumada al-ula": 5,
    "jumada al-awwal": 5,
    "jumada al-ulā": 5,
    "jumada al-akhira": 6,
    "jumada al-thani": 6,
    "jumada al-akhirah": 6,
    "rajab": 7,
    "shaban": 8,
    "sha'ban": 8,
    "ramadan": 9,
    "shawwal": 10,
    "dhu al-qadah": 11,
    "dhu al-qa'da": 11,
    "dhul qadah": 11,
    "dhu al-hijjah": 12,
    "dhu al-hijja": 12,
    "dhul hijjah": 12,
}
_NUM_WORDS = {
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "several": None,
    "un": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
}


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_EN_M = _alt(_MONTHS["en"])
_FR_M = _alt(_MONTHS["fr"])
_AR_M = _alt(_MONTHS["ar"])
_EN_W = _alt(_WEEKDAYS["en"])
_FR_W = _alt(_WEEKDAYS["fr"])
_AR_W = _alt(_WEEKDAYS["ar"])
_HIJRI = _alt(_HIJRI_MONTHS)

# Arabic ordinal day numbers ("الثاني من شباط" = 2 February); "_" joins the words of compound ordinals
_AR_ORDINAL_WORDS = (
    "الأول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
    "الحادي_عشر",
    "الثاني_عشر",
    "الثالث_عشر",
    "الرابع_عشر",
    "الخامس_عشر",
    "السادس_عشر",
    "السابع_عشر",
    "الثامن_عشر",
    "التاسع_عشر",
    "العشرين",
    "الحادي_والعشرين",
    "الثاني_والعشرين",
    "الثالث_والعشرين",
    "الرابع_والعشرين",
    "الخامس_والعشرين",
    "السادس_والعشرين",
    "السابع_والعشرين",
    "الثامن_والعشرين",
    "التاسع_والعشرين",
    "الثلاثين",
    "الحادي_والثلاثين",
)
_AR_ORDINALS = {normalize_arabic(w.replace("_", " ")): i for i, w in enumerate(_AR_ORDINAL_WORDS, start=1)}
_AR_ORD = "|".join(sorted((re.escape(k) for k in _AR_ORDINALS), key=len, reverse=True))

_PATTERNS: dict[str, list[tuple[str, re.Pattern]]] = {
    # Each English pattern opens with a lookahead on its possible first characters: the regex engine
    # then skips most positions at once (the date finder runs over every document; this halves its cost).
    "en": [
        ("iso", re.compile(r"(?=\d)\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
        ("numeric", re.compile(r"(?=\d)\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>20\d\d)\b")),
        (
            "ordinal_day",
            re.compile(
                r"(?=[OoSsFf])\b(?:on|since|from) the (?P<d>\d{1,2})(?:st|nd|rd|th)\b(?! (?:of )?(?:" + _EN_M + r"))",
                re.I,
            ),
        ),
        (
            "hijri",
            re.compile(rf"(?=\d)\b(?P<d>\d{{1,2}})\s+(?P<hm>{_HIJRI})\s+(?P<y>1[34]\d\d)(?:\s*(?:AH|A\.H\.|H))?", re.I),
        ),
        (
            "dmy",
            re.compile(
                rf"(?=\d)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_EN_M})\b\.?(?:,?\s+(?P<y>\d{{4}}))?",
                re.I,
            ),
        ),
        (
            # "October 17, 2023", "Oct. 19" (a day) or "February", "March 2024" (a month): one scan for both
            "mdy",
            re.compile(
                rf"(?=[JFMASONDjfmasond])\b(?P<mon>{_EN_M})(?:\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
                rf"(?:,?\s+(?P<y>\d{{4}}))?|\b\.?(?:\s+(?P<my>\d{{4}}))?)",
                re.I,
            ),
        ),
        ("holiday", re.compile(r"(?=[CcNn])\b(?P<hol>Christmas(?: Day| Eve)?|New Year's (?:Day|Eve))\b", re.I)),
        (
            "weekday",
            re.compile(
                rf"(?=[MTWFSmtwfs])\b(?P<wd>{_EN_W})\b(?:\s+(?P<tod>morning|afternoon|evening|night))?"
                r"(?P<us>[^.;]{0,40}?(?:Washington|Eastern|US|U\.S\.) time|\s+(?:ET|EST|EDT)\b)?",
                re.I,
            ),
        ),
        (
            "relative",
            re.compile(
                r"(?=[YyTtLlOoEe])\b(?P<rel>yesterday|the day before yesterday|today|this morning|this afternoon|"
                r"this evening|tonight|last night|overnight|earlier today)\b",
                re.I,
            ),
        ),
        (
            "anchored",
            re.compile(
                r"(?=[AaOoTtFfSsHhWwEeNn0-9])\b(?:(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"\d{1,2})\s+(?P<unit>days?|weeks?)\s+"
                r"(?P<dir>later|after(?:wards)?|earlier|before)\b"
                r"|(?P<next>the (?:next|following) (?:day|morning|evening|night)|the same (?:day|evening|night)|"
                r"that (?:day|evening|night)|hours later|within hours|the day before)\b)",
                re.I,
            ),
        ),
        (
            "week",
            re.compile(
                r"(?=[LlTtEe])\b(?P<wk>last week|the previous week|earlier this week|this week|the past week)\b", re.I
            ),
        ),
        ("month_rel", re.compile(r"(?=[LlEeTt])\b(?P<mrel>last month|earlier this month|this month)\b", re.I)),
    ],
    "fr": [
        ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
        ("numeric", re.compile(r"\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>20\d\d)\b")),
        (
            "anchored",
            re.compile(
                r"\b(?P<n>un|deux|trois|quatre|cinq|six|sept|\d)\s+jours?\s+(?P<dir>après|plus tard|avant|plus tôt)\b"
                r"|\b(?P<next>le lendemain|la veille|le même jour|ce jour-là|ce jour là)\b",
                re.I,
            ),
        ),
        ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:er)?\s+(?P<mon>{_FR_M})\b(?:\s+(?P<y>\d{{4}}))?", re.I)),
        ("weekday", re.compile(rf"\b(?P<wd>{_FR_W})\b(?:\s+(?P<tod>matin|après-midi|soir|soirée))?", re.I)),
        (
            "relative",
            re.compile(r"\b(?P<rel>hier|avant-hier|aujourd'hui|ce matin|cette nuit|hier soir)\b", re.I),
        ),
        ("week", re.compile(r"\b(?P<wk>la semaine dernière|cette semaine)\b", re.I)),
        (
            "month",
            re.compile(
                rf"\b(?:(?:en|depuis|début|fin|mi-)\s+(?P<mon>{_FR_M})\b(?:\s+(?P<y>\d{{4}}))?"
                rf"|(?P<mon2>{_FR_M})\s+(?P<y2>\d{{4}}))",
                re.I,
            ),
        ),
        ("month_rel", re.compile(r"\b(?P<mrel>le mois dernier|ce mois-ci)\b", re.I)),
    ],
    "ar": [
        ("iso", re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")),
        (
            "dmy",
            re.compile(rf"(?P<d>\d{{1,2}})\s+(?:من\s+)?(?P<mon>{_AR_M})(?:\s*/\s*(?:{_AR_M}))?(?:\s+(?P<y>\d{{4}}))?"),
        ),
        (
            "ordinal",
            re.compile(rf"(?P<dw>{_AR_ORD})\s+من\s+(?P<mon>{_AR_M})(?:\s*/\s*(?:{_AR_M}))?(?:\s+(?P<y>\d{{4}}))?"),
        ),
        ("weekday", re.compile(rf"(?:يوم\s+)?(?P<wd>{_AR_W})")),
        ("relative", re.compile(r"(?P<rel>امس|اليوم|الليله الماضيه|فجر اليوم|صباح اليوم|مساء اليوم)")),
        ("week", re.compile(r"(?P<wk>الاسبوع الماضي|الاسبوع المنصرم|هذا الاسبوع)")),
        ("month_rel", re.compile(r"(?P<mrel>الشهر الماضي)")),
    ],
}
_REL_DAYS = {
    "yesterday": -1,
    "the day before yesterday": -2,
    "today": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tonight": 0,
    "last night": -1,
    "overnight": 0,
    "earlier today": 0,
    "hier": -1,
    "avant-hier": -2,
    "aujourd'hui": 0,
    "ce matin": 0,
    "cette nuit": 0,
    "hier soir": -1,
    "امس": -1,
    "اليوم": 0,
    "الليله الماضيه": -1,
    "فجر اليوم": 0,
    "صباح اليوم": 0,
    "مساء اليوم": 0,
}
_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
}


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

    def resolve(self, anchor: date | None = None) -> DateValue | None:
        if self.kind == "anchored":
            if anchor is None:
                return None
            return DateValue(anchor + timedelta(days=self.offset), "day", "anchored", self.text, self.start, self.end)
        if self.value is None:
            return None
        return DateValue(self.value, self.precision, self.kind, self.text, self.start, self.end)


def _index_map(text: str) -> tuple[str, list[int]]:
    """Arabic-normalised text plus the original offset of every character."""
    out, idx = [], []
    for i, c in enumerate(text):
        n = normalize_arabic(c)
        if n:
            out.append(n)
            idx.append(i)
    idx.append(len(text))
    return "".join(out), idx


def find_dates(
    text: str, offset: int, lang: str, published: date | None, year_hint: int | date | None = None
) -> list[DateMention]:
    """Every date expression in ``text`` (a sentence starting at ``offset``), resolved where possible."""
    patterns = _PATTERNS.get(lang, _PATTERNS["en"])
    if lang == "ar":
        subject, imap = _index_map(text)
    else:
        subject, imap = text, None
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pat in patterns:
        for m in pat.finditer(subject):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if imap is not None:
                s0, e0 = imap[s], imap[e] if e < len(imap) else len(text)
            else:
                s0, e0 = s, e
            dm = _build(kind, m, lang, published, year_hint)
            if dm is None:
                continue
            dm.start, dm.end, dm.text = offset + s0, offset + e0, text[s0:e0]
            found.append(dm)
            taken.append((s, e))
    found.sort(key=lambda d: d.start)
    _apply_year_context(found, published)
    return found


def _apply_year_context(found: list[DateMention], published: date | None) -> None:
    """A yearless date takes the year of the dated passage it continues.

    "The precedent goes back to March 2020. On 11 March, rockets hit Camp Taji" is 2020, not the
    publication year: a yearless day or month that follows an explicitly dated mention, forwards and
    within twelve months, is read in that mention's year.
    """
    context: DateMention | None = None
    for d in found:
        if d.explicit_year and d.value is not None:
            context = d
            continue
        if context is None or d.value is None or d.kind not in ("absolute", "month"):
            continue
        if d.start - context.end > 400:
            continue  # too far back to carry its year ("Depuis ... en octobre 2014" paragraphs earlier)
        for year in (context.value.year, context.value.year + 1):  # "29 December 2019 ... in January" is 2020
            try:
                candidate = d.value.replace(year=year)
            except ValueError:
                break
            if published is not None and candidate > published + timedelta(days=1):
                break  # never after the publication date
            if 0 <= (candidate - context.value).days <= 366:
                d.value = candidate
                break


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
    kind: str, m: re.Match, lang: str, published: date | None, year_hint: int | date | None
) -> DateMention | None:
    g = m.groupdict()
    try:
        if kind in ("iso", "numeric"):
            return DateMention("absolute", 0, 0, "", date(int(g["y"]), int(g["m"]), int(g["d"])), explicit_year=True)
        if kind == "ordinal_day":
            if published is None:
                return None
            day = int(g["d"])
            first = published.replace(day=1)
            if day > published.day:  # "the 28th" read on the 3rd: last month
                first = (first - timedelta(days=1)).replace(day=1)
            return DateMention("absolute", 0, 0, "", first.replace(day=day))
        if kind == "ordinal":  # "الثاني من شباط": the second of February
            g = {"d": str(_AR_ORDINALS[g["dw"]]), "mon": g["mon"], "y": g.get("y")}
            kind = "dmy"
        if kind == "mdy" and not g.get("d"):
            kind, g = "month", {"mon": g["mon"], "y": g.get("my")}  # a month without a day
        if kind in ("mdy", "dmy"):
            mon = _MONTHS[lang].get(_month_key(g["mon"], lang))
            if mon is None:
                return None
            day = int(g["d"])
            if g.get("y"):
                return DateMention("absolute", 0, 0, "", date(int(g["y"]), mon, day), explicit_year=True)
            y = _year_for(mon, day, published, year_hint)
            return DateMention("absolute", 0, 0, "", date(y, mon, day) if y else None)
        if kind == "hijri":
            from hijridate import Hijri

            hm = _HIJRI_MONTHS.get(g["hm"].lower().replace("’", "'"))
            if hm is None:
                return None
            greg = Hijri(int(g["y"]), hm, int(g["d"])).to_gregorian()
            return DateMention("hijri", 0, 0, "", date(greg.year, greg.month, greg.day), explicit_year=True)
        if kind == "holiday":
            mon, day = _HOLIDAYS[g["hol"].lower()]
            y = _year_for(mon, day, published, year_hint)
            return DateMention("absolute", 0, 0, "", date(y, mon, day) if y else None)
        if kind == "weekday":
            wd = _WEEKDAYS[lang][_month_key(g["wd"], lang)]
            value = None
            if published is not None:
                value = published - timedelta(days=(published.weekday() - wd) % 7)
                tod = (g.get("tod") or "").lower()
                us_evening = g.get("us") and tod in ("evening", "night")
                us_evening = us_evening or re.search(
                    r"\b(?:[6-9]|1[01])(?::\d\d)?\s*(?:p\.m\.|pm)\s+(?:Eastern|ET\b|EST\b|EDT\b|Washington)[^.]{0,30}$",
                    m.string[: m.start()],
                    re.I,
                )
                if us_evening:
                    value += timedelta(days=1)  # US evening = after midnight in Iraq/Syria
            return DateMention("weekday", 0, 0, "", value)
        if kind == "relative":
            key = _month_key(g["rel"], lang)
            value = published + timedelta(days=_REL_DAYS[key]) if published else None
            return DateMention("relative", 0, 0, "", value)
        if kind == "anchored":
            if g.get("next"):
                phrase = g["next"].lower()
                if "before" in phrase or "veille" in phrase:
                    off = -1
                elif any(w in phrase for w in ("same", "that", "hours", "même", "ce jour")):
                    off = 0
                else:
                    off = 1
                return DateMention("anchored", 0, 0, "", offset=off)
            n = _NUM_WORDS.get(g["n"].lower()) if not g["n"].isdigit() else int(g["n"])
            if n is None:
                return None
            if (g.get("unit") or "").lower().startswith("week"):
                n *= 7
            sign = -1 if g["dir"].lower() in ("earlier", "before", "avant", "plus tôt") else 1
            if sign == 1 and re.search(r"\b(?:came|comes|come|happened|occurred)\s+$", m.string[: m.start()]):
                sign = -1  # "the attack came a day after a drone struck X": X is the earlier one
            return DateMention("anchored", 0, 0, "", offset=sign * n)
        if kind == "week":
            if published is None:
                return None
            phrase = g["wk"].lower()
            monday = published - timedelta(days=published.weekday())
            if "this" in phrase or "هذا" in phrase or "cette" in phrase or "past" in phrase:
                return DateMention("week", 0, 0, "", monday, "week")
            return DateMention("week", 0, 0, "", monday - timedelta(days=7), "week")
        if kind == "month" and g.get("mon2"):
            g = {"mon": g["mon2"], "y": g["y2"]}  # French "mars 2020" without a preposition
        if kind == "month":
            mon = _MONTHS[lang].get(_month_key(g["mon"], lang))
            if mon is None or (lang == "en" and g["mon"].lower() in ("may", "mar") and not g.get("y")):
                return None  # "may" / "mar" are words far more often than months
            y = int(g["y"]) if g.get("y") else _year_for(mon, 1, published, year_hint)
            return DateMention(
                "month", 0, 0, "", date(y, mon, 1) if y else None, "month", explicit_year=bool(g.get("y"))
            )
        if kind == "month_rel":
            if published is None:
                return None
            phrase = g["mrel"].lower()
            if "last" in phrase or "dernier" in phrase or "الماضي" in phrase:
                first = (published.replace(day=1) - timedelta(days=1)).replace(day=1)
            else:
                first = published.replace(day=1)
            return DateMention("month", 0, 0, "", first, "month")
    except (ValueError, KeyError, OverflowError):
        return _fallback(m.group(0), lang, published)
    return None


def _month_key(word: str, lang: str) -> str:
    return normalize_arabic(word) if lang == "ar" else word.lower().rstrip(".")


def _fallback(span: str, lang: str, published: date | None) -> DateMention | None:
    """Spans our patterns found but could not build: ask dateparser, with explicit languages."""
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if published:
        from datetime import datetime

        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    parsed = dateparser.parse(span, languages=[lang if lang in ("en", "fr", "ar") else "en"], settings=settings)
    if parsed is None:
        return None
    return DateMention("absolute", 0, 0, "", parsed.date())
