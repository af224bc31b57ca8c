"""Writing Anki's files: the package (``.apkg``) and the text file (TSV) of Basic notes.

The package carries our note type (:mod:`glossary.store.anki_model`) and one note per
term, each with its term's modification time. The TSV stands alone: Anki's stock
``Basic`` note type, a front and a back, so that importing it into any collection gives
whole cards. genanki loads on first use.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, BinaryIO

from glossary.store.anki_model import MODEL_CHANGED, MODEL_ID, anki_model
from glossary.store.anki_notes import (
    basic_back,
    basic_front,
    note_fields,
    note_guid,
    note_mtime,
    note_tags,
)

if TYPE_CHECKING:
    from glossary.store.records import StoredTerm

DEFAULT_DECK = "hanja-reader"
# The TSV's note type: Anki's stock one, found by name (else Anki's default note type,
# whose first two fields take the two columns).
BASIC_NOTETYPE = "Basic"


def deck_id(name: str) -> int:
    """A deck id derived from the deck's name, stable across exports.

    Args:
        name: The deck name.

    Returns:
        An id in Anki's usual range (2**30 to 2**31).
    """
    digest = hashlib.sha256(f"hanja-reader deck:{name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def write_apkg(
    terms: Sequence[StoredTerm],
    path: str | os.PathLike[str] | BinaryIO,
    deck: str = DEFAULT_DECK,
    timestamp: float | None = None,
) -> None:
    """Write an Anki package with one note per term.

    Each note's modification time is its term's last change in the store (see
    :func:`~glossary.store.anki_notes.note_mtime`) and the note type's is
    :data:`~glossary.store.anki_model.MODEL_CHANGED`: importing the package again changes
    in Anki only the notes whose terms changed since, and the note type only when its
    templates did.

    The collection is built in memory and zipped straight into ``path``: genanki's own
    ``write_to_file`` would leave a temporary database behind in the system temp folder.

    Args:
        terms: The stored terms.
        path: The ``.apkg`` file to write (written directly: see :func:`write_atomic`),
            or a binary stream.
        deck: The deck name.
        timestamp: When the package is made (now by default): new note and card ids count
            from it; it is no note's modification time.
    """
    import itertools
    import sqlite3
    import zipfile

    import genanki  # type: ignore[import-untyped]

    model = anki_model()
    anki_deck = genanki.Deck(deck_id(deck), deck)
    times: list[tuple[int, str]] = []
    for stored in terms:
        guid = note_guid(stored)
        anki_deck.add_note(
            genanki.Note(model=model, fields=note_fields(stored), tags=note_tags(stored), guid=guid)
        )
        times.append((note_mtime(stored), guid))
    now = time.time() if timestamp is None else timestamp
    db = sqlite3.connect(":memory:")
    try:
        genanki.Package(anki_deck).write_to_db(db.cursor(), now, itertools.count(int(now * 1000)))
        # Found by id, not guid: notes has no index on guid, so one UPDATE per note by
        # guid would scan the whole table each time (quadratic in the number of terms).
        note_ids: dict[str, list[int]] = {}
        for note_id, guid in db.execute("SELECT id, guid FROM notes ORDER BY id"):
            note_ids.setdefault(guid, []).append(note_id)
        db.executemany(
            "UPDATE notes SET mod = ? WHERE id = ?",
            [(mod, note_id) for mod, guid in times for note_id in note_ids[guid]],
        )
        (models,) = db.execute("SELECT models FROM col").fetchone()
        data = json.loads(models)
        data[str(MODEL_ID)]["mod"] = MODEL_CHANGED
        db.execute("UPDATE col SET models = ?", (json.dumps(data),))
        db.commit()
        serialized = db.serialize()
    finally:
        db.close()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("collection.anki2", serialized)
        package.writestr("media", "{}")


def _tsv_cell(value: str) -> str:
    return value.replace("\r", "").replace("\n", "<br>").replace("\t", "&#9;")


def render_anki_tsv(terms: Sequence[StoredTerm], deck: str = DEFAULT_DECK) -> str:
    """Anki's text format: header lines, then one Basic note per line (fields are HTML).

    Columns: front, back, tags, GUID. No column names: Anki then maps the columns by
    position, so a Basic note type under another name (another language's ``기본``) takes
    them too. The GUIDs are not the package's (another note type's notes must not match):
    importing the file again updates its own notes.

    Args:
        terms: The stored terms.
        deck: The deck name.

    Returns:
        The file's text.
    """
    lines = [
        "#separator:tab",
        "#html:true",
        f"#notetype:{BASIC_NOTETYPE}",
        f"#deck:{_tsv_cell(deck)}",
        "#tags column:3",
        "#guid column:4",
    ]
    for stored in terms:
        cells = [_tsv_cell(basic_front(stored)), _tsv_cell(basic_back(stored))]
        cells += [" ".join(note_tags(stored)), note_guid(stored, "basic")]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"
