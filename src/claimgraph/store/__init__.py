"""The claimgraph database: schema, migrations, ingest, queries and analyst review.

``claimgraph.open(db)`` returns a ``Store``; ``claimgraph ingest`` fills it. SQLite by
default (``claimgraph.db``), PostgreSQL with ``postgresql://HOST/DB``. Nothing here is
imported by ``import claimgraph`` until used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimgraph.store.database import Store, open

__all__ = ["Store", "open"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from claimgraph.store import database

        return getattr(database, name)
    raise AttributeError(f"module 'claimgraph.store' has no attribute {name!r}")
