"""Readers that turn inputs (files, later feeds and exports) into ``Document``s.

One module per source. Readers yield ``SourceError`` instances for inputs they
cannot read instead of raising, so a batch records the failure and goes on.
"""

from claimgraph.sources.files import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, iter_documents

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "iter_documents"]
