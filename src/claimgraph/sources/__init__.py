"""Readers that turn inputs (text and JSON files, saved web pages, feeds, Telegram exports,
CSV files) into ``Document``s.

One module per source; ``files.iter_documents`` picks the reader for each path. Readers
yield ``SourceError`` instances for inputs they cannot read instead of raising, so a batch
records the failure and goes on. Every reader yields through ``common.guarded``, which applies
the one text-hygiene rule (``common.clean``: lone surrogates and NUL to U+FFFD, then NFC, the
change recorded on the document), so what leaves this package is storable text.
"""

from claimgraph.sources.files import DEFAULT_MAX_BYTES, INPUT_FORMATS, SUPPORTED_SUFFIXES, iter_documents

__all__ = ["DEFAULT_MAX_BYTES", "INPUT_FORMATS", "SUPPORTED_SUFFIXES", "iter_documents"]
