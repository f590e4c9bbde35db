"""The side a state's strikes hit, when the report does not say.

"US and British jets struck Hodeidah and Sanaa overnight", in a report about the Houthis; "Israeli jets
struck Zrariyeh and Ansar", in one about Hezbollah: the reporting names the strikes' target only by the
country they fell in, and the one armed group of that country the report is about. ``struck_side`` (before
``report``) gives an event of a state force with no target the armed group whose home is the event's
country, when the document names exactly one such group (not a generic referent, not the event's own
parties). A place that hosts forces keeps its own target (``report``: the forces it hosts), and with two
groups of the country named ("Kataib Hezbollah and Nujaba"), which was hit is not known: nothing is set.

The other side of the same exchange: "Hezbollah said it fired rockets at Kiryat Shmona", in a report of
Israel's strikes on Lebanon, hit Israel. An armed group's event with no target, at a place (not one that
hosts forces, not the country itself) in another country than the group's own, whose state or forces the
document names as an actor, gets that state: the one state of that country the KB knows (a country with two,
Iraq's government and the KRG, gets none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.extract.drafts import ARMED_KINDS
from claimgraph.extract.roles import STATE_KINDS

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import Extractor
    from claimgraph.extract.reading import Reading


def struck_side(ex: Extractor, r: Reading) -> None:
    """Reads ``ann`` (the actors named) and ``drafts``; writes the target of state forces' events that have
    none: the one armed group of the event's country the document names."""
    if not r.drafts:
        return
    kb = ex.kb
    by_country: dict[str, set[str]] = {}
    for m in r.ann.mentions:
        a = kb.actors.get(m.key) if m.label == "ACTOR" else None
        if a is not None and a.kind in ARMED_KINDS and a.country and not a.generic:
            by_country.setdefault(a.country, set()).add(ex.acting(a.id))
    _home_state_struck(ex, r)
    _struck_state(ex, r)
    if not by_country:
        return
    for d in r.drafts:
        if d.targets or not d.perpetrators:
            continue
        perps = {ex.acting(k) for k in d.perpetrators}
        if not all(kb.actors.get(k) is not None and kb.actors[k].kind in STATE_KINDS for k in perps):
            continue
        place = r.places.get(d.place.key)
        if place is None or place.hosts:
            continue
        groups = by_country.get(place.country, set()) - perps - set(d.claimants) - set(d.attributed)
        if len(groups) == 1:
            d.targets = [groups.pop()]


def _home_state_struck(ex: Extractor, r: Reading) -> None:
    """A state does not attack its own soil when a foreign armed group claims or carries out the attack there:
    "Israel's military was investigating a drone attack claimed by the Houthis ... in Tel Aviv" names Israel as
    the side that was hit. Such a state leaves the event's actors and claimants and becomes its target."""
    kb = ex.kb
    for d in r.drafts:
        place = r.places.get(d.place.key)
        if place is None or not place.country or place.precision == "country":
            continue
        sides = d.perpetrators + d.claimants
        foreign = [
            k
            for k in sides
            if (a := kb.actors.get(ex.acting(k))) is not None
            and a.kind in ARMED_KINDS
            and a.country
            and a.country != place.country
        ]
        home = [
            k
            for k in sides
            if (a := kb.actors.get(ex.acting(k))) is not None and a.kind in STATE_KINDS and a.country == place.country
        ]
        if not foreign or not home:
            continue
        d.perpetrators = [k for k in d.perpetrators if k not in home]
        d.claimants = [k for k in d.claimants if k not in home]
        if not d.targets:
            d.targets = [home[0]]


def _struck_state(ex: Extractor, r: Reading) -> None:
    """The state an armed group's attack abroad fell in, when the document names that state (or its forces)."""
    kb = ex.kb
    named = {kb.actors[m.key].country for m in r.ann.mentions if m.label == "ACTOR" and m.key in kb.actors}
    states: dict[str, list[str]] = {}
    for a in kb.actors.values():
        if a.kind == "state" and a.country in named:
            states.setdefault(a.country, []).append(a.id)
    for d in r.drafts:
        if d.targets:
            continue
        sides = {ex.acting(k) for k in d.perpetrators + d.claimants + d.attributed}
        if not sides or not all(kb.actors.get(k) is not None and kb.actors[k].kind in ARMED_KINDS for k in sides):
            continue
        place = r.places.get(d.place.key)
        if place is None or place.hosts or place.precision == "country" or len(states.get(place.country, [])) != 1:
            continue
        if any(kb.actors[k].country == place.country for k in sides):
            continue  # a group at home ("Hezbollah's fighters clashed in Lebanon") fights no state there
        d.targets = [states[place.country][0]]
