"""The personal glossary: an SQLite store of documents, terms, occurrences and study marks.

One file in the user data directory (see :mod:`glossary.paths`), in WAL mode, versioned
with ``PRAGMA user_version`` and migrated forward on open. Every change is one
``BEGIN IMMEDIATE`` transaction, so concurrent writers queue instead of losing work, and a
process killed midway leaves the file as it was. ``sqlite3`` loads on first use.

```python
from glossary import build_glossary, read_document
from glossary.store import open_store

with open_store("glossary.sqlite3") as store:
    store.add_glossary(build_glossary(read_document("article.txt")))
    store.set_status(("杭州", "항저우"), "known")
    known = store.terms(status="known")
```
"""

from __future__ import annotations

from glossary.store.core import Store, StoreStatuses, open_store
from glossary.store.export import DEFAULT_DECK, EXPORT_FORMATS, export_store
from glossary.store.records import (
    AddResult,
    Example,
    ImportResult,
    PreparedDocument,
    PreparedTerm,
    Source,
    Stats,
    StoredTerm,
    prepare,
    sort_terms,
)
from glossary.store.schema import (
    CORRECTABLE,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    MIGRATIONS,
    SCHEMA_VERSION,
    STATUSES,
    TERM_SORTS,
    Status,
    TermKey,
    TermSort,
)
from glossary.store.writes import Seen

__all__ = [
    "CORRECTABLE",
    "DEFAULT_DECK",
    "EXPORT_FORMAT",
    "EXPORT_FORMATS",
    "EXPORT_VERSION",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "STATUSES",
    "TERM_SORTS",
    "AddResult",
    "Example",
    "ImportResult",
    "PreparedDocument",
    "PreparedTerm",
    "Seen",
    "Source",
    "Stats",
    "Status",
    "Store",
    "StoreStatuses",
    "StoredTerm",
    "TermKey",
    "TermSort",
    "export_store",
    "open_store",
    "prepare",
    "sort_terms",
]
