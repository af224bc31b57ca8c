"""Adding and updating notes in a running Anki through AnkiConnect (``export --to anki``).

AnkiConnect (add-on 2055492159) answers JSON over HTTP on ``127.0.0.1:8765``: a request is
``{"action": ..., "version": 6, "params": {...}}``, the answer ``{"result": ...,
"error": ...}``. A sync

1. makes the deck (``createDeck``; an existing deck is kept);
2. makes our note type (``modelNames``, ``createModel``: the fields, templates and styling
   of :mod:`glossary.store.anki_model`, the note type of the ``.apkg``), or brings its
   templates and styling up to date (``updateModelTemplates``, ``updateModelStyling``)
   when they are not those of this version: the styling we send ends with a comment
   naming the version (:data:`TEMPLATES_MARK`), so templates and styling edited in Anki
   stay until our templates change, as with the package;
3. finds our notes (``findNotes`` on the note type, ``notesInfo``) and matches them to
   terms by their first field, ``Term`` (``항저우(杭州)``): AnkiConnect neither sets nor
   shows a note's GUID;
4. adds the terms Anki does not have (``addNotes``, into the deck, with their tags) and
   updates the others (``updateNoteFields``, ``addTags``, ``removeTags``) by this rule:
   **a field is written only when our value differs from Anki's and the term changed in
   the store at or after the note's last change in Anki** (the term's time is
   :func:`~glossary.store.anki_notes.note_mtime`, the note's is ``notesInfo``'s
   ``mod``). A field edited in Anki therefore stays as long as the term does not change
   in the store; once it does, the store's values win for every field that differs. Our
   tags missing from the note are added then, and our ``status::`` and ``kind::`` tags
   that no longer hold are removed; the user's own tags are kept.

Notes stay in the deck they are in; notes of terms no longer exported are left alone.
Only the standard library is used; proxies are bypassed (AnkiConnect is local).
"""

from __future__ import annotations

import html
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from glossary.errors import ExportError
from glossary.store.anki_model import FIELDS, MODEL_CHANGED, MODEL_NAME, anki_model
from glossary.store.anki_notes import note_fields, note_mtime, note_tags
from glossary.store.anki_package import DEFAULT_DECK
from glossary.store.export import STUDIED

if TYPE_CHECKING:
    from glossary.store.core import Store
    from glossary.store.records import StoredTerm

__all__ = [
    "ADDON_CODE",
    "ANKI_URL",
    "AnkiConnect",
    "AnkiConnectError",
    "SyncResult",
    "TEMPLATES_MARK",
    "ensure_note_type",
    "sync_store",
    "sync_terms",
]

ANKI_URL = "http://127.0.0.1:8765"
ADDON_CODE = "2055492159"
API_VERSION = 6
# Seconds to wait for each answer: AnkiConnect answers at once unless Anki is busy or
# shows a dialog; each request is kept small (BATCH notes) so that this is enough.
TIMEOUT_S = 10.0
BATCH = 100
# Ends the styling we send: which version's templates and styling the note type holds.
TEMPLATES_MARK = f"/* hanja-reader note type: templates of {MODEL_CHANGED} */"
# Our tags that say something that may stop being true (the user's tags are never touched).
_OWN_TAG_PREFIXES = ("status::", "kind::")


class AnkiConnectError(ExportError):
    """Anki cannot be reached, or AnkiConnect refused a request or answered nonsense."""


@dataclass(frozen=True)
class SyncResult:
    """What a sync did.

    Attributes:
        deck: The deck new notes went into.
        added: Notes added.
        updated: Notes whose fields or tags were changed.
        unchanged: Notes found and left as they were.
        refused: The first fields (``Term``) of the notes Anki would not add.
    """

    deck: str
    added: int
    updated: int
    unchanged: int
    refused: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line: ``Anki: 12 notes added, 3 updated, 29 unchanged in deck hanja-reader``.

        Returns:
            The line, without a line break.
        """
        noun = "note" if self.added == 1 else "notes"
        return (
            f"Anki: {self.added:,} {noun} added, {self.updated:,} updated, "
            f"{self.unchanged:,} unchanged in deck {self.deck}"
        )

    def refusal(self) -> str:
        """What Anki refused to add, for a one-line message (empty when nothing).

        Returns:
            ``Anki refused 2 notes: 항저우(杭州), 北京 (duplicates, or empty cards?)``.
        """
        if not self.refused:
            return ""
        names = [html.unescape(name) for name in self.refused]
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5:,} more" if len(names) > 5 else "")
        noun = "note" if len(names) == 1 else "notes"
        return f"Anki refused {len(names):,} {noun}: {shown} (duplicates, or empty cards?)"


class AnkiConnect:
    """A client of AnkiConnect's JSON API (version 6), standard library only."""

    def __init__(self, url: str = ANKI_URL, timeout: float = TIMEOUT_S) -> None:
        """Check the address; nothing is sent yet.

        Args:
            url: AnkiConnect's address: ``http://`` or ``https://``, a host, a port.
            timeout: Seconds to wait for each answer.

        Raises:
            AnkiConnectError: The address is not an http(s) URL with a host.
        """
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise AnkiConnectError(
                f"AnkiConnect's address must be an http:// URL such as {ANKI_URL}, not {url!r}"
            )
        self.url = url
        self.timeout = timeout
        # No proxy: AnkiConnect runs on this machine, and http_proxy must not reroute it.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def _not_running(self) -> AnkiConnectError:
        return AnkiConnectError(
            f"Anki is not running, or AnkiConnect is not installed ({self.url}): "
            f"start Anki with the AnkiConnect add-on (code {ADDON_CODE})"
        )

    def _post(self, body: bytes) -> bytes:
        request = urllib.request.Request(
            self.url, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return bytes(response.read())
        except urllib.error.HTTPError as exc:
            raise AnkiConnectError(
                f"AnkiConnect: {self.url} answered HTTP {exc.code} {exc.reason}"
            ) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise self._timed_out() from None
            raise self._not_running() from None
        except TimeoutError:
            raise self._timed_out() from None
        except (OSError, http.client.HTTPException):
            raise self._not_running() from None

    def _timed_out(self) -> AnkiConnectError:
        return AnkiConnectError(
            f"Anki did not answer within {self.timeout:g} s ({self.url}): "
            "close any dialog open in Anki and try again"
        )

    def invoke(self, action: str, **params: Any) -> Any:
        """Run one action and return its result.

        Args:
            action: The action's name (``addNotes``).
            **params: Its parameters.

        Returns:
            The answer's ``result``.

        Raises:
            AnkiConnectError: Anki cannot be reached or did not answer in time, the
                answer is not AnkiConnect's, or its ``error`` is set.
        """
        body = json.dumps({"action": action, "version": API_VERSION, "params": params})
        raw = self._post(body.encode("utf-8"))
        try:
            answer = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise AnkiConnectError(
                f"AnkiConnect: {self.url} did not answer {action} in JSON: is it AnkiConnect?"
            ) from None
        if not isinstance(answer, dict) or "result" not in answer or "error" not in answer:
            raise AnkiConnectError(
                f"AnkiConnect: unexpected answer to {action} from {self.url}: "
                "is it AnkiConnect 6 or later?"
            )
        if answer["error"] is not None:
            raise AnkiConnectError(f"AnkiConnect: {answer['error']}")
        return answer["result"]


def _expect(value: Any, kind: type, action: str) -> Any:
    if not isinstance(value, kind):
        raise AnkiConnectError(f"AnkiConnect: unexpected answer to {action}")
    return value


def _batches(items: Sequence[Any], size: int = BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _our_css() -> str:
    return f"{anki_model().css}\n{TEMPLATES_MARK}\n"


def _our_templates() -> list[dict[str, str]]:
    return [
        {"Name": t["name"], "Front": t["qfmt"], "Back": t["afmt"]} for t in anki_model().templates
    ]


def ensure_note_type(anki: AnkiConnect) -> str:
    """Make our note type in Anki, or bring its templates and styling up to date.

    Args:
        anki: The client.

    Returns:
        ``created``, ``updated`` (templates and styling replaced: they were another
        version's) or ``kept``.

    Raises:
        AnkiConnectError: A request failed, or the note type in Anki lacks our fields.
    """
    names = _expect(anki.invoke("modelNames"), list, "modelNames")
    if MODEL_NAME not in names:
        anki.invoke(
            "createModel",
            modelName=MODEL_NAME,
            inOrderFields=list(FIELDS),
            css=_our_css(),
            isCloze=False,
            cardTemplates=_our_templates(),
        )
        return "created"
    fields = _expect(anki.invoke("modelFieldNames", modelName=MODEL_NAME), list, "modelFieldNames")
    missing = [name for name in FIELDS if name not in fields]
    if missing:
        raise AnkiConnectError(
            f'Anki: the note type "{MODEL_NAME}" has no field {", ".join(missing)}: '
            "rename the fields back (Tools > Manage Note Types > Fields)"
        )
    styling = _expect(anki.invoke("modelStyling", modelName=MODEL_NAME), dict, "modelStyling")
    if TEMPLATES_MARK in str(styling.get("css", "")):
        return "kept"
    templates = {t["Name"]: {"Front": t["Front"], "Back": t["Back"]} for t in _our_templates()}
    anki.invoke("updateModelTemplates", model={"name": MODEL_NAME, "templates": templates})
    anki.invoke("updateModelStyling", model={"name": MODEL_NAME, "css": _our_css()})
    return "updated"


def _our_notes(anki: AnkiConnect) -> dict[str, dict[str, Any]]:
    """Anki's notes of our note type, by the value of their first field."""
    query = f'"note:{MODEL_NAME}"'
    ids = _expect(anki.invoke("findNotes", query=query), list, "findNotes")
    found: dict[str, dict[str, Any]] = {}
    for chunk in _batches(sorted(ids)):
        infos = _expect(anki.invoke("notesInfo", notes=list(chunk)), list, "notesInfo")
        for info in infos:
            if not isinstance(info, dict) or not isinstance(info.get("fields"), dict):
                continue  # A note deleted meanwhile comes back as {}.
            first = info["fields"].get(FIELDS[0])
            if isinstance(first, dict) and isinstance(first.get("value"), str):
                found.setdefault(first["value"], info)
    return found


def _update(anki: AnkiConnect, stored: StoredTerm, info: dict[str, Any]) -> bool:
    """Update one note by the rule of this module; True when anything was written."""
    mod = info.get("mod")
    if isinstance(mod, (int, float)) and note_mtime(stored) < mod:
        return False  # Changed in Anki since the term last changed: Anki's is newer.
    note_id = info.get("noteId")
    if not isinstance(note_id, int):
        return False
    theirs = info["fields"]
    changed = {
        name: value
        for name, value in zip(FIELDS, note_fields(stored), strict=True)
        if not isinstance(theirs.get(name), dict) or theirs[name].get("value") != value
    }
    listed = info.get("tags")
    tags: list[Any] = listed if isinstance(listed, list) else []
    ours = note_tags(stored)
    missing = [tag for tag in ours if tag not in tags]
    stale = [t for t in tags if str(t).startswith(_OWN_TAG_PREFIXES) and t not in ours]
    if changed:
        anki.invoke("updateNoteFields", note={"id": note_id, "fields": changed})
    if missing:
        anki.invoke("addTags", notes=[note_id], tags=" ".join(missing))
    if stale:
        anki.invoke("removeTags", notes=[note_id], tags=" ".join(stale))
    return bool(changed or missing or stale)


def sync_terms(
    anki: AnkiConnect, terms: Sequence[StoredTerm], deck: str = DEFAULT_DECK
) -> SyncResult:
    """Add the terms to Anki as notes of our note type, or update their notes.

    Args:
        anki: The client.
        terms: The stored terms.
        deck: The deck new notes go into (made when missing).

    Returns:
        What was done.

    Raises:
        AnkiConnectError: Anki cannot be reached, or a request failed. Notes added or
            updated before the failure stay so; the next sync goes on from there.
    """
    anki.invoke("createDeck", deck=deck)
    ensure_note_type(anki)
    existing = _our_notes(anki)
    new: list[StoredTerm] = []
    updated = unchanged = 0
    for stored in terms:
        info = existing.get(note_fields(stored)[0])
        if info is None:
            new.append(stored)
        elif _update(anki, stored, info):
            updated += 1
        else:
            unchanged += 1
    added = 0
    refused: list[str] = []
    for chunk in _batches(new):
        notes = [
            {
                "deckName": deck,
                "modelName": MODEL_NAME,
                "fields": dict(zip(FIELDS, note_fields(stored), strict=True)),
                "tags": note_tags(stored),
                "options": {"allowDuplicate": False},
            }
            for stored in chunk
        ]
        ids = _expect(anki.invoke("addNotes", notes=notes), list, "addNotes")
        for stored, note_id in zip(chunk, ids, strict=False):
            if note_id is None:
                refused.append(note_fields(stored)[0])
            else:
                added += 1
    return SyncResult(deck, added, updated, unchanged, tuple(refused))


def sync_store(
    store: Store,
    url: str = ANKI_URL,
    *,
    status: str | Iterable[str] | None = None,
    kind: str | Iterable[str] | None = None,
    deck: str = DEFAULT_DECK,
    timeout: float = TIMEOUT_S,
) -> SyncResult:
    """Send the store's terms (or the chosen ones) to a running Anki.

    Args:
        store: The open store (only read).
        url: AnkiConnect's address.
        status: Keep only terms with this status (or any of these); by default every term
            but the ignored ones, as in the file exports.
        kind: Keep only terms of this kind (or any of these).
        deck: The deck new notes go into.
        timeout: Seconds to wait for each answer.

    Returns:
        What was done.

    Raises:
        AnkiConnectError: The address is not http(s), Anki cannot be reached, or a
            request failed.
    """
    anki = AnkiConnect(url, timeout)
    terms = store.terms(status=STUDIED if status is None else status, kind=kind)
    return sync_terms(anki, terms, deck)
