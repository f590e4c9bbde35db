"""Actors the knowledge base does not know yet, proposed for review.

"a previously unknown group calling itself Saraya X", or a faction-shaped name
("Saraya ...", "Kataib ...", "Liwa ...", "Harakat ...", "Ashab ...") that no KB
alias covers. Each becomes a ``NewActor`` (status "proposed") and a mention the
extractor can use as claimant or perpetrator.
"""

from __future__ import annotations

from claimgraph.extract import cues
from claimgraph.models import Evidence, NewActor
from claimgraph.nlp.pipeline import Annotated, Mention


def find_new_actors(ann: Annotated) -> tuple[list[NewActor], list[Mention]]:
    known = [(m.start, m.end) for m in ann.mentions if m.label == "ACTOR"]
    found: dict[str, NewActor] = {}
    mentions: list[Mention] = []
    patterns = (
        (cues.shared("new_actor_calling"), "calling itself"),
        (cues.shared("new_actor_shaped"), "faction-shaped name"),
    )
    for sent in ann.sentences:
        for pat, label in patterns:
            for m in pat.finditer(sent.text):
                s, e = sent.start + m.start("name"), sent.start + m.end("name")
                if any(ks < e and s < ke for ks, ke in known):
                    continue
                name = m.group("name").strip(" '\"”’")
                key = f"new:{name}"
                if key not in found:
                    found[key] = NewActor(name, label, evidence=[Evidence("new_actor", s, e, name)])
                mentions.append(Mention("ACTOR", key, s, e, name, sent.index))
                known.append((s, e))
    return list(found.values()), mentions
