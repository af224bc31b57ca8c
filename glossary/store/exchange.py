"""The store's JSON export and import, as methods of the store.

:class:`_Exchange` is the part of :class:`glossary.store.core.Store` that dumps what the
store holds to a JSON-ready dict and merges such a dict (or a file holding one) back in,
each in one transaction. The format itself lives in :mod:`glossary.store.jsonio` (writing,
merging rows) and :mod:`glossary.store.validate` (parsing, checking against the JSON
contract), loaded on first use.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from glossary.errors import InputError
from glossary.store.connection import _Connection
from glossary.store.records import ImportResult, checked_sort, filters, rank_key


class _Exchange(_Connection):
    """JSON export and import (part of :class:`glossary.store.core.Store`)."""

    def dump(
        self,
        *,
        status: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        sort: str = "added",
    ) -> dict[str, Any]:
        """Everything the store holds (or the chosen terms) as a JSON-ready dict.

        :meth:`import_data` reads it back without loss: documents, terms with their
        corrections, status, notes and timestamps, occurrences and mention counts.

        Args:
            status: Keep only terms with this status (or any of these).
            kind: Keep only terms of this kind (or any of these).
            sort: The order of the terms, as in :meth:`terms`.

        Returns:
            ``{"format", "version", "documents", "terms"}``.

        Raises:
            ValueError: ``sort`` is not one of :data:`TERM_SORTS`.
        """
        from glossary.store import jsonio

        by = checked_sort(sort)
        where, params = filters(status, kind)
        with self._read() as db:
            data = jsonio.dump(db, where, params, filtered=bool(where))
        if by != "added":
            data["terms"].sort(
                key=lambda t: rank_key(
                    by,
                    len(t["documents"]),
                    len(t["occurrences"]) + sum(d["mentions"] for d in t["documents"]),
                )
            )
        return data

    def import_data(self, data: Any, *, name: str = "input") -> ImportResult:
        """Merge a :meth:`dump` into the store, in one transaction.

        The merge is per term and per document. Documents already stored (same content
        hash) are kept as they are; each term brings its places and mentions in every
        document where the store has none of them yet, so a partial export imported first
        keeps no other term's places out. A term the store lacks is added whole; for a term
        it has, the file's status, note, meaning and corrections win when the file changed
        them more recently, and the file's extracted fields win when they are newer.
        Importing the same file twice changes nothing, and any sequence of imports of one
        store's exports (partial or full, in any order) gives what one import of its full
        export gives.

        Args:
            data: The parsed JSON.
            name: What to call the input in error messages.

        Returns:
            Counts of what was added and updated.

        Raises:
            InputError: The data is not a glossary export this version can read, or
                breaks its contract anywhere (the message names the first bad field);
                nothing is written then.
            StoreError: The store is read-only, or cannot be written.
        """
        from glossary.store import jsonio, validate

        self.check_writable()
        parsed = validate.parse(data, name, now=self._clock())
        with self._write() as db:
            return jsonio.load(db, parsed)

    def import_json(self, path: str | os.PathLike[str]) -> ImportResult:
        """Import a JSON file written by ``glossary export --format json``.

        Args:
            path: The file.

        Returns:
            Counts of what was added and updated.

        Raises:
            InputError: The file is missing, not JSON (or nested too deeply to parse), or
                not a glossary export that keeps its contract.
            StoreError: The store is read-only, or cannot be written.
        """
        from glossary.store import validate

        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{name}: is a directory, not a file") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not a JSON file ({exc})") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
        return self.import_data(validate.loads(text, name), name=name)
