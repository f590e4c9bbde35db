"""Abbreviations a document defines for itself: "Kataib al-Imam Ali (KIA) ... KIA's fighters".

The knowledge base leaves out short forms that collide with ordinary words elsewhere (KIA is also
"killed in action"); a text that introduces one in brackets after a known actor makes it safe to read
every later use of it, in that text only, as that actor.
"""

from __future__ import annotations

import bisect
import re

from claimgraph.nlp.pipeline import Annotated, Mention

_DEFINED = re.compile(r"\s*\((?P<abbr>[A-Z][A-Za-z]{1,6})\)")


def local_abbreviations(ann: Annotated) -> list[Mention]:
    """ACTOR mentions for uses of abbreviations defined in the text right after a known actor's name."""
    defined: dict[str, str] = {}
    for m in ann.mentions:
        if m.label == "ACTOR":
            d = _DEFINED.match(ann.text, m.end)
            if d and not d.group("abbr").isdigit():
                defined.setdefault(d.group("abbr"), m.key)
    if not defined:
        return []
    taken = [(m.start, m.end) for m in ann.mentions]
    starts = [s.start for s in ann.sentences]
    out: list[Mention] = []
    for abbr, key in defined.items():
        for hit in re.finditer(rf"\b{re.escape(abbr)}\b", ann.text):
            s, e = hit.span()
            if any(ts < e and s < te for ts, te in taken) or ann.text[max(0, s - 1) : s] == "(":
                continue
            sent = max(0, bisect.bisect_right(starts, s) - 1)
            out.append(Mention("ACTOR", key, s, e, abbr, sent))
    return out
