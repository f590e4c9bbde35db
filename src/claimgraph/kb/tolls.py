"""Running tolls as dated anchors (``kb/data/tolls.toml``): a war's dead, a campaign's count of attacks.

A page with no publication date that cites a cumulative figure ("a war that has killed more than 21,110
Palestinians", "US forces have been attacked at least 52 times since October 17") was written within days
of the day that figure was reached. ``toll_day`` finds the figures a text cites in each toll's context (the
toll's own ``figure_<lang>`` patterns) and reads their day off the toll's milestones, linearly between
them; the latest day wins. ``extract.undated`` then reads the page's weekdays against it at week precision.
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
    figure: dict[str, tuple[re.Pattern, ...]]  # the figure (group ``n``) as the text cites it, per language
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
        tables: dict[str, dict[str, tuple[re.Pattern, ...]]] = {"figure": {}, "context": {}, "exclude": {}}
        for key, value in t.items():
            for prefix, table in tables.items():
                if key.startswith(prefix + "_"):
                    lang = key.removeprefix(prefix + "_")
                    prep = normalize_arabic if lang == "ar" else (lambda s: s)
                    table[lang] = tuple(re.compile(prep(p), re.I) for p in value)
        series = tuple((date.fromisoformat(d), int(n)) for d, n in t["series"])
        toll = Toll(t["id"], t["name"], series, int(t.get("minimum", 0)), **tables)
        if not toll.figure:
            raise ValueError(f"tolls.toml: toll {toll.id!r} has no figure_<lang> patterns")
        out.append(toll)
    return tuple(out)


def toll_day(text: str, lang: str) -> tuple[date, Toll, int] | None:
    """(the latest day a toll the text cites was reached, the toll, the figure), or None."""
    subject = normalize_arabic(text) if lang == "ar" else text
    best = None
    for sentence in re.split(r"(?<=[.!?؟])\s+|\n+", subject):
        for toll in tolls():
            patterns = toll.figure.get(lang, ())
            if not patterns or not any(p.search(sentence) for p in toll.context.get(lang, ())):
                continue
            if any(p.search(sentence) for p in toll.exclude.get(lang, ())):
                continue
            for m in (m for p in patterns for m in p.finditer(sentence)):
                figure = int(re.sub(r"\D", "", m.group("n")))
                day = toll.day_of(figure) if figure >= toll.minimum else None
                if day is not None and (best is None or (day, figure) > (best[0], best[2])):
                    best = (day, toll, figure)
    return best


__all__ = ["Toll", "toll_day", "tolls"]
