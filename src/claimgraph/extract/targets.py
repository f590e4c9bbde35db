"""The side a state's strikes hit, when the report does not say.

"US and British jets struck Hodeidah and Sanaa overnight", in a report about the Houthis; "Israeli jets
struck Zrariyeh and Ansar", in one about Hezbollah: the reporting names the strikes' target only by the
country they fell in, and the one armed group of that country the report is about. ``struck_side`` (before
``report``) gives an event of a state force with no target the armed group whose home is the event's
country, when the document names exactly one such group (not a generic referent, not the event's own
parties). A place that hosts forces keeps its own target (``report``: the forces it hosts), and with two
groups of the country named ("Kataib Hezbollah and Nujaba"), which was hit is not known: nothing is set.
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
