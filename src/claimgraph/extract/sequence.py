"""Two readings of the fronts' reporting that the Iraq-front rules did not need.

- ``front_labels`` (after ``annotate``): a short label that is the start of a longer name of another actor
  ("Islamic Resistance" of "Islamic Resistance in Lebanon", "المقاومة الإسلامية" of "المقاومة الإسلامية في
  لبنان") names the actor of the front the document is about: the longer name's actor, when the document
  names it by a name of its own or names a place in its home country, and names neither the label's own
  actor by another name nor a place in that actor's home country (or, when it names places of both, the
  longer name's actor is named by a name of its own and its country has more of the places). The knowledge
  base says which
  labels are short forms; no list of labels is kept here.
- ``days_after`` (after ``corrections``): "Hezbollah fired rockets on Wednesday, a day after an Israeli
  strike in Jouaiyya": the event at the place named after "a day after" came that many days before the
  sentence's date. The cues are pack data (``lang/<code>/fronts.toml``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

from claimgraph.extract import cues
from claimgraph.kb.loader import surface_key
from claimgraph.lang import packs
from claimgraph.nlp.normalize import normalize_arabic
from claimgraph.nlp.pipeline import Annotated, Mention

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import Extractor
    from claimgraph.extract.reading import Reading
    from claimgraph.kb import KnowledgeBase

_LOOKBEHIND = 160


# -- front labels ------------------------------------------------------------------------------------------------
_BUILT: dict[int, tuple[KnowledgeBase, dict[tuple[str, str], list[str]]]] = {}


def _longer_names(kb: KnowledgeBase) -> dict[tuple[str, str], list[str]]:
    """(actor id, folded short surface) -> ids of the other actors with a longer name starting with it (built
    once per knowledge base)."""
    built = _BUILT.get(id(kb))
    if built is None or built[0] is not kb:
        built = _BUILT[id(kb)] = (kb, _build_longer_names(kb))
    return built[1]


def _links() -> tuple[str, ...]:
    words = []
    for suffix in ("", "_fr", "_ar"):
        try:
            words += packs().shared_items(f"front_label_links{suffix}")
        except Exception:
            continue
    return tuple(surface_key(w) for w in words)


def _build_longer_names(kb: KnowledgeBase) -> dict[tuple[str, str], list[str]]:
    links = _links()
    forms: dict[str, list[str]] = {}
    for sf in kb.all_surface_forms():
        if sf.kind == "actor" and not sf.case_sensitive:
            forms.setdefault(sf.id, []).append(surface_key(sf.surface))
    out: dict[tuple[str, str], list[str]] = {}
    for a, mine in forms.items():
        for short in mine:
            if " " not in short:
                continue  # a one-word name is never a front's label
            others = [
                b
                for b, theirs in forms.items()
                if b != a
                and any(t.startswith(short + " ") and t[len(short) + 1 :].split(" ")[0] in links for t in theirs)
            ]
            if others:
                out[(a, short)] = others
    return out


def front_labels(ex: Extractor, r: Reading) -> None:
    """Reads ``ann`` and ``places``; rewrites in ``ann`` (and the record's actor mentions) the short labels
    that name another front's actor in this document."""
    kb = ex.kb
    table = _longer_names(kb)
    if not table:
        return
    countries = [r.places[m.key].country for m in r.ann.mentions if m.label == "PLACE" and m.key in r.places]
    home = set(countries)

    def labelled(m: Mention) -> list[str] | None:
        # the other fronts' actors a short label may name; a head noun that took up such a label
        # ("المقاومة" after "المقاومة الإسلامية": ``abbreviations``) is that label again
        key = surface_key(m.text)
        found = table.get((m.key, key))
        if found is None and " " not in key:
            found = [b for (a, short), bs in table.items() if a == m.key and short.startswith(key + " ") for b in bs]
        return found or None

    # actors named by a name of their own (not a short label shared with another front)
    named = {m.key for m in r.ann.mentions if m.label == "ACTOR" and not labelled(m)}
    changed = False
    mentions = []
    for m in r.ann.mentions:
        if m.label == "ACTOR" and m.key in kb.actors:
            others = labelled(m)
            own = kb.actors[m.key]
            if others and m.key not in named and own.country not in home:
                fronts = [b for b in others if b in named or kb.actors[b].country in home]
            elif others and m.key not in named:
                # places of both fronts: the front named by a name of its own, whose places outnumber the
                # label's own front's ("مجاهدو المقاومة الإسلامية" with three Lebanese villages and one Iraqi town)
                mine = countries.count(own.country)
                fronts = [b for b in others if b in named and countries.count(kb.actors[b].country) > mine]
            else:
                fronts = []
            if len(fronts) == 1:
                m = replace(m, key=fronts[0])
                changed = True
        mentions.append(m)
    if not changed:
        return
    ann = r.ann
    r.ann = Annotated(ann.text, ann.lang, ann.sentences, mentions)
    by_span = {(m.start, m.end): m.key for m in mentions if m.label == "ACTOR"}
    for am in r.out.mentions:
        key = by_span.get((am.start, am.end))
        if key and key != am.actor_id:
            am.actor_id, am.name, am.kind = key, ex.name(key), kb.actors[key].kind


# -- "a day after" -----------------------------------------------------------------------------------------------
@cache
def _number_words() -> dict[str, int]:
    words = {str(k).casefold(): int(v) for k, v in packs().shared_table("number_words").items()}
    words.update({"a": 1, "an": 1, "un": 1, "deux": 2, "trois": 3, normalize_arabic("يومين"): 2})
    return words


_cues = cues.per_language


def _came_after(r: Reading, d, head: str) -> date | None:
    """The day of the events told before ``d``'s unit, when its sentence opens by saying they came after
    something ("The strikes come ...", "وتأتي الضربات ...": pack cue ``date_anchor_reversed_before``) and they
    are all of one day."""
    if not cues.shared("date_anchor_reversed_before").search(head):
        return None
    earlier = {o.date.value for o in r.drafts if o.unit.start < d.unit.start and o.date.precision == "day"}
    return next(iter(earlier)) if len(earlier) == 1 else None


def days_before(text_before: str) -> tuple[int, int] | None:
    """How many days before the sentence's date the place about to be named saw its event, and where in
    ``text_before`` the cue starts, if the text says."""
    for c in _cues("days_after_before"):
        m = c.search(text_before)
        if m:
            n = normalize_arabic(m.group("n")).casefold()  # the tables write Arabic in its normal form
            days = int(n) if n.isdigit() else _number_words().get(n)
            return (days, m.start()) if days else None
    for c in _cues("day_before_before"):
        m = c.search(text_before)
        if m:
            return 1, m.start()
    return None


def days_after(ex: Extractor, r: Reading) -> None:
    """Reads ``drafts`` (their units and dates); writes the date of the events named after "a day after":
    that many days before the day the sentence states before the cue."""
    text = r.ann.text
    for d in r.drafts:
        u = d.unit
        window_start = max(u.start, d.place.start - _LOOKBEHIND)
        found = days_before(text[window_start : d.place.start])
        if not found:
            continue
        n, at = found
        cue_start = window_start + at
        stated = [x for x in u.dates if x.value and x.precision == "day" and x.end <= cue_start]
        if any(cue_start <= x.start < d.place.start and x.kind != "anchored" for x in u.dates):
            continue  # the clause dates itself
        if stated:
            day = stated[-1].value
        else:
            # "The strikes come two days after a drone hit Albu Kamal" (وتأتي الضربات بعد يومين من): the events told
            # before, of one day, are what came after
            own = any(x.value and x.kind != "anchored" for x in u.dates)  # "... that killed X on Jan. 3, 2020"
            day = None if own else _came_after(r, d, text[u.start : cue_start])
            if day is None:
                continue  # no day stated before the cue
        d.date = replace(
            d.date,
            value=day - timedelta(days=n),
            precision="day",
            basis="relative",
            text=text[cue_start : d.place.start].strip(),
            start=cue_start,
            end=d.place.start,
        )
