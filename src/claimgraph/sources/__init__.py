"""Readers that turn inputs (text and JSON files, saved web pages, feeds, Telegram exports,
CSV files) into ``Document``s.

One module per source; ``files.iter_documents`` picks the reader for each path. Readers
yield ``SourceError`` instances for inputs they cannot read instead of raising, so a batch
records the failure and goes on.
"""

from claimgraph.sources.files import DEFAULT_MAX_BYTES, INPUT_FORMATS, SUPPORTED_SUFFIXES, iter_documents

__all__ = ["DEFAULT_MAX_BYTES", "INPUT_FORMATS", "SUPPORTED_SUFFIXES", "iter_documents"]
