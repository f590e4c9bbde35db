"""The curated knowledge base: actors, relations and places, plus user additions.

from claimgraph.kb import load_kb
kb = load_kb()                      # once per process
kb.actor_by_name("Kataib Hezbollah")
"""

from claimgraph.kb.loader import (
    ACTOR_KINDS,
    CONFIDENCES,
    PLACE_KINDS,
    PREDICATES,
    Actor,
    KBError,
    KnowledgeBase,
    Place,
    Relation,
    SurfaceForm,
    load_kb,
    surface_key,
)

__all__ = [
    "ACTOR_KINDS",
    "CONFIDENCES",
    "PLACE_KINDS",
    "PREDICATES",
    "Actor",
    "KBError",
    "KnowledgeBase",
    "Place",
    "Relation",
    "SurfaceForm",
    "load_kb",
    "surface_key",
]
