"""Abbreviations a document defines for itself: "Kataib al-Imam Ali (KIA) ... KIA's fighters".

The knowledge base leaves out short forms that collide with ordinary words elsewhere (KIA is also
"killed in action"); a text that introduces one in brackets after a known actor makes it safe to read
every later use of it, in that text only, as that actor. So with the KB's short names of an actor (a
spokesman's surname, "سريع", also the Arabic for "fast"): read as the actor only after the text has named
it with an alias that holds the short name ("يحيى سريع ... وأوضح سريع").
"""

from __future__ import annotations

import bisect
import re

from claimgraph.nlp.pipeline import Annotated, Mention

_DEFINED = re.compile(r"\s*\((?P<abbr>[A-Z][A-Za-z]{1,6})\)")


def local_abbreviations(ann: Annotated) -> list[Mention]:
    """ACTOR mentions for uses of abbreviations defined in the text right after a known actor's name, and
    for a head noun standing alone after the actor whose name begins with it ("وقالت المقاومة")."""
    return sorted(_defined_abbreviations(ann) + _head_nouns(ann), key=lambda m: m.start)


def _head_nouns(ann: Annotated) -> list[Mention]:
    from claimgraph.lang import packs
    from claimgraph.nlp.dates import index_map
    from claimgraph.nlp.normalize import normalize_arabic

    pack = packs().get(ann.lang)
    if pack is None or ("list", "actor_head_nouns") not in pack.entries:
        return []
    actors = [m for m in ann.mentions if m.label == "ACTOR"]
    if not actors:
        return []
    taken = [(m.start, m.end) for m in ann.mentions]
    starts = [s.start for s in ann.sentences]
    out: list[Mention] = []
    # matched on the text in the pack's normal form, offsets mapped back to the text as written
    subject, where = index_map(ann.text, pack.norm)
    leads = tuple(pack.items("actor_head_leads")) if ("list", "actor_head_leads") in pack.entries else ()
    for head in pack.items("actor_head_nouns"):
        for hit in re.finditer(rf"(?<!\w){re.escape(head)}(?!\w)", subject):
            s, e = where[hit.start()], where[hit.end()]
            if any(ts < e and s < te for ts, te in taken):
                continue
            named = [m for m in actors if m.end <= s and _begins_with(normalize_arabic(m.text).casefold(), head, leads)]
            if named:
                sent = max(0, bisect.bisect_right(starts, s) - 1)
                out.append(Mention("ACTOR", named[-1].key, s, e, ann.text[s:e], sent))
    return out


def _begins_with(name: str, head: str, leads: tuple[str, ...]) -> bool:
    """Whether an actor's name begins with ``head``, or with one of the words that lead a name and then ``head``
    ("فصائل المقاومة الإسلامية في العراق": the factions of the Islamic Resistance)."""
    name = re.sub(r"^(?:l['’]|the\s+)", "", name)  # "l'axe de la résistance", "the Axis of Resistance"
    if name.startswith(head):
        return True
    first, _, rest = name.partition(" ")
    return first in leads and rest.startswith(head)


def short_names(ann: Annotated, kb) -> list[Mention]:
    """ACTOR mentions for an actor's short names (KB field ``short_names``) standing alone after a mention of the
    actor whose words hold them: "Houthi military spokesman Yahya Saree said ... Saree added"."""
    from claimgraph.nlp.dates import index_map
    from claimgraph.nlp.normalize import is_arabic, normalize_arabic

    named: dict[str, list[Mention]] = {}
    for m in ann.mentions:
        if m.label == "ACTOR" and getattr(kb.actors.get(m.key), "short_names", ()):
            named.setdefault(m.key, []).append(m)
    if not named:
        return []
    taken = [(m.start, m.end) for m in ann.mentions]
    starts = [s.start for s in ann.sentences]
    normalised: tuple[str, list[int]] | None = None  # the text with its Arabic normalised, for Arabic short names
    out: list[Mention] = []
    for key, mentions in named.items():
        for short in kb.actors[key].short_names:
            arabic = is_arabic(short)
            word = normalize_arabic(short) if arabic else short
            said = [m for m in mentions if word in (normalize_arabic(m.text) if arabic else m.text).split()]
            if not said:
                continue
            if arabic and normalised is None:
                if normalize_arabic(ann.text).count(word) < 2:
                    continue  # only the full name holds it: no use of it alone to map back
                normalised = index_map(ann.text, normalize_arabic)
            subject, where = normalised if arabic else (ann.text, None)
            # Arabic writes "and" onto the word ("وأوضح سريع" has none, "وسريع" has one)
            pattern = rf"(?<!\w)(?:[وف])?{re.escape(word)}(?!\w)" if arabic else rf"\b{re.escape(word)}\b"
            for hit in re.finditer(pattern, subject):
                s, e = (where[hit.start()], where[hit.end()]) if where is not None else hit.span()
                if s < said[0].end or any(ts < e and s < te for ts, te in taken):
                    continue
                sent = max(0, bisect.bisect_right(starts, s) - 1)
                out.append(Mention("ACTOR", key, s, e, ann.text[s:e], sent))
    return out


def _defined_abbreviations(ann: Annotated) -> list[Mention]:
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
