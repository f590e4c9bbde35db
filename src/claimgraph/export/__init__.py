"""Exports: the ACLED column layout (``acled``) and one module per format.

Every writer takes a connection, an ``EventFilter`` and an open text stream (a path for
Parquet), streams the matching events oldest first, and returns how many it wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _lazy(module: str, name: str) -> Callable[..., int]:
    def call(*args: Any, **kwargs: Any) -> int:
        from importlib import import_module

        return getattr(import_module(f"claimgraph.export.{module}"), name)(*args, **kwargs)

    return call


WRITERS: dict[str, Callable[..., int]] = {
    "csv": _lazy("acled_csv", "write_csv"),
    "geojson": _lazy("geojson", "write_geojson"),
    "stix": _lazy("stix", "write_stix"),
    "jsonl": _lazy("jsonl", "write_jsonl"),
    "parquet": _lazy("parquet", "write_parquet"),
}
