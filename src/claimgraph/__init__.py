"""claimgraph: from reports about armed-group activity to a sourced record of events and claims.

>>> import claimgraph
>>> result = claimgraph.extract("Two drones struck Ain al-Asad air base on Tuesday ...", published="2023-10-19")
>>> [(e.date.iso(), e.location.name, e.sub_event_type) for e in result.events]
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# Import the ``extract`` subpackage first, so that the ``extract`` function defined
# below is not replaced by the subpackage when something imports it later.
import claimgraph.extract as _extract_pkg  # noqa: F401

if TYPE_CHECKING:
    from claimgraph.extract import Extractor
    from claimgraph.models import DocumentExtraction
    from claimgraph.pipeline.database import Store


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The process-wide extractor over the packaged KB, built on first use (never at import)."""
    from claimgraph.extract import Extractor

    return Extractor.build()


def extract(
    text: str,
    published: date | str | None = None,
    lang: str | None = None,
    doc_id: str | None = None,
    title: str = "",
) -> DocumentExtraction:
    """Extract events, claims, attributions and memberships from one text."""
    from claimgraph.models import Document

    if isinstance(published, str):
        published = date.fromisoformat(published[:10])
    doc = Document(id=doc_id or Document.content_id(text), text=text, published=published, lang=lang, title=title)
    return default_extractor().extract(doc)


def open(db: str | None = None) -> Store:
    """Open a claimgraph database (a SQLite path, default ``claimgraph.db``, or a
    ``postgresql://`` URL); its queries return pandas DataFrames."""
    from claimgraph.pipeline.database import Store

    return Store.open(db)


__all__ = ["__version__", "default_extractor", "extract", "open"]
