"""Running death tolls as dated anchors (``kb/data/tolls.toml``).

A page with no publication date that cites a war's cumulative toll ("a war that has killed more than
21,110 Palestinians") was written within days of the day that toll was reached. ``toll_day`` finds the
largest such figure a text cites in the toll's context and reads its day off the toll's milestones,
linearly between them; ``extract.undated`` then reads the page's weekdays against it at week precision.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

from claimgraph.nlp.normalize import normalize_arabic


@dataclass(frozen=True)
class Toll:
    id: str
    name: str
    series: tuple[tuple[date, int], ...]
    minimum: int
    context: dict[str, tuple[re.Pattern, ...]]
    exclude: dict[str, tuple[re.Pattern, ...]]

    def day_of(self, figure: int) -> date | None:
        """The day the toll reached ``figure`` (linear between milestones), or None outside the series."""
        for (d0, n0), (d1, n1) in zip(self.series, self.series[1:], strict=False):
            if n0 <= figure <= n1:
                return d0 + timedelta(days=round((d1 - d0).days * (figure - n0) / (n1 - n0)))
        return None


@cache
def tolls() -> tuple[Toll, ...]:
    raw = resources.files("claimgraph.kb").joinpath("data", "tolls.toml").read_text(encoding="utf-8")
    out = []
    for t in tomllib.loads(raw)["tolls"]:
        tables: dict[str, dict[str, tuple[re.Pattern, ...]]] = {"context": {}, "exclude": {}}
        for key, value in t.items():
            for prefix, table in tables.items():
                if key.startswith(prefix + "_"):
                    lang = key.removeprefix(prefix + "_")
                    prep = normalize_arabic if lang == "ar" else (lambda s: s)
                    table[lang] = tuple(re.compile(prep(p), re.I) for p in value)
        series = tuple((date.fromisoformat(d), int(n)) for d, n in t["series"])
        out.append(Toll(t["id"], t["name"], series, int(t.get("minimum", 0)), tables["context"], tables["exclude"]))
    return tuple(out)


# a count of the dead: "more than 28,650 people", "21,110 Palestinians", "10 800 Palestiniens", "٣٠ ألف شهيد"
_FIGURE = {
    "en": re.compile(
        r"(?<![\d.,])(?P<n>\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+|\d{4,6})\s+(?:Palestinians|people|persons|civilians)\b"
        r"(?=[^.;]{0,80}\b(?:killed|dead|died|lives)\b)|\b(?:killed|killing|deaths? of|death toll (?:of|to|at))\s+"
        r"(?:more than |at least |over |nearly |almost |some |about |around )?"
        r"(?P<m>\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+|\d{4,6})\b"
    ),
    "fr": re.compile(
        r"(?<![\d.,])(?P<n>\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+|\d{4,6})\s+(?:Palestiniens|personnes|civils|morts)\b"
        r"|\b(?:tué|fait)\s+(?:plus de |au moins |près de )?(?P<m>\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+|\d{4,6})\b"
    ),
    "ar": re.compile(r"(?<![\d٠-٩])(?P<n>\d{1,3}(?:[,٬]\d{3})+|\d{4,6})\s+(?:شهيد|شهيدا|قتيل|قتيلا|فلسطيني)"),
}


def toll_day(text: str, lang: str) -> tuple[date, Toll, int] | None:
    """(the day the largest toll the text cites was reached, the toll, the figure), or None."""
    pattern = _FIGURE.get(lang)
    if pattern is None:
        return None
    subject = normalize_arabic(text) if lang == "ar" else text
    best = None
    for sentence in re.split(r"(?<=[.!?؟])\s+|\n+", subject):
        for m in pattern.finditer(sentence):
            figure = int(re.sub(r"\D", "", m.group("n") or m.group("m")))
            for toll in tolls():
                if figure < toll.minimum or not any(p.search(sentence) for p in toll.context.get(lang, ())):
                    continue
                if any(p.search(sentence) for p in toll.exclude.get(lang, ())):
                    continue
                day = toll.day_of(figure)
                if day is not None and (best is None or figure > best[2]):
                    best = (day, toll, figure)
    return best


__all__ = ["Toll", "toll_day", "tolls"]
