"""Extraction: one document in, events, claims, attributions and memberships out.

``Extractor`` is imported lazily (PEP 562), so importing this package — which
``import claimgraph`` does — does not import spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import EXTRACTOR_VERSION, Extractor

__all__ = ["EXTRACTOR_VERSION", "Extractor"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from claimgraph.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'claimgraph.extract' has no attribute {name!r}")
