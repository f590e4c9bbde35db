"""Exports: the ACLED column layout (``acled``), and the export formats built on it."""
