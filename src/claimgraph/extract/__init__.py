"""Extraction: one document in, events, claims, attributions and memberships out."""

from claimgraph.extract.pipeline import EXTRACTOR_VERSION, Extractor

__all__ = ["EXTRACTOR_VERSION", "Extractor"]
