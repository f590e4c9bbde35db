"""The state whose weapon it is, when Arabic puts its adjective after the weapon.

"غارة شنتها طائرة مسيّرة إسرائيلية" (a strike by an Israeli drone), "غارات أمريكية بريطانية" (US-British
strikes): the state is named only by an adjective after the weapon, which alone names no actor
("مواقع إسرائيلية", Israeli positions, is a target). ``weapon_nationality`` (after ``towns``) adds an actor
mention for each such adjective, or run of them, right after a weapon mention (or after a state named by its
adjective: "العدوان الأمريكي البريطاني", the US-British aggression); the roles then read the
weapon before it as the state's own (``ar_state_weapon_before``). The adjectives are pack data
(``[table.weapon_nationality_ar]`` in ``lang/ar/fronts.toml``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from claimgraph.lang import packs
from claimgraph.nlp.normalize import normalize_arabic
from claimgraph.nlp.pipeline import Annotated, Mention

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import Extractor
    from claimgraph.extract.reading import Reading

_WORD = re.compile(r"\s*(?:و\s*)?([\u0600-\u06ff\u0640\u064b-\u0652]+)")


@cache
def _adjectives() -> dict[str, str]:
    return {normalize_arabic(k): v for k, v in packs().shared_table("weapon_nationality_ar").items()}


def nationality_mentions(ann: Annotated, known: set[str]) -> list[Mention]:
    """Actor mentions for the state adjectives right after each weapon mention (actors in ``known`` only)."""
    table = _adjectives()
    taken = {(m.start, m.end) for m in ann.mentions}
    out = []
    for w in ann.mentions:
        # after a weapon, or after a state named by its adjective ("العدوان الأمريكي البريطاني": the US-British one)
        if w.label != "WEAPON" and not (w.label == "ACTOR" and table.get(normalize_arabic(w.text.split()[-1]))):
            continue
        pos = w.end
        for _ in range(3):  # "غارات أمريكية بريطانية": a run of adjectives, each a state
            m = _WORD.match(ann.text, pos)
            if not m:
                break
            key = table.get(normalize_arabic(m.group(1)))
            if key is None or key not in known:
                break
            span = (m.start(1), m.end(1))
            if span not in taken and not any(o.start < span[1] and span[0] < o.end for o in ann.mentions):
                out.append(Mention("ACTOR", key, span[0], span[1], m.group(1), w.sent))
                taken.add(span)
            pos = m.end()
    return out


def weapon_nationality(ex: Extractor, r: Reading) -> None:
    """Reads ``ann`` (Arabic); adds to it an actor mention for each state adjective after a weapon."""
    if r.lang != "ar" or r.ann is None:
        return
    found = nationality_mentions(r.ann, set(ex.kb.actors))
    if found:
        ann = r.ann
        r.ann = Annotated(ann.text, ann.lang, ann.sentences, sorted(ann.mentions + found, key=lambda m: m.start))
