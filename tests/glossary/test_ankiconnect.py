"""``export --to anki`` against a small AnkiConnect of our own, on 127.0.0.1.

The fake server answers the actions a sync uses the way AnkiConnect documents them
(version 6: ``{"action", "version", "params"}`` in, ``{"result", "error"}`` out) and keeps
its decks, note types and notes in memory. It listens on a free port of 127.0.0.1 in a
daemon thread, and stops at the end of the test, or by itself after a minute.
"""

from __future__ import annotations

import itertools
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from glossary import build_glossary, document_from_text, read_document
from glossary.cli import main
from glossary.paths import DB_ENV_VAR
from glossary.store import open_store
from glossary.store.anki_model import CSS, FIELDS, MODEL_NAME, TEMPLATES
from glossary.store.anki_notes import note_fields, note_tags
from glossary.store.ankiconnect import TEMPLATES_MARK, AnkiConnect, AnkiConnectError
from glossary.store.records import StoredTerm

LIFETIME_S = 60.0  # The server stops by itself after this, whatever the test does.
STUDIED = 12  # The bundled article's 12 terms and 北京, which is ignored.


class FakeAnki:
    """Decks, note types and notes of a collection, changed through AnkiConnect's actions."""

    def __init__(self) -> None:
        self.decks: dict[str, int] = {"Default": 1}
        self.models: dict[str, dict[str, Any]] = {}
        self.notes: dict[int, dict[str, Any]] = {}
        self.log: list[str] = []
        self.errors: dict[str, str] = {}  # action -> the error it answers with
        self.refuse: set[str] = set()  # first fields addNotes will not add
        self._ids = itertools.count(1_700_000_000_000)

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        action = request.get("action")
        self.log.append(str(action))
        if request.get("version") != 6:
            return {"result": None, "error": "this fake speaks version 6"}
        if action in self.errors:
            return {"result": None, "error": self.errors[action]}
        method = getattr(self, f"do_{action}", None)
        if method is None:
            return {"result": None, "error": "unsupported action"}
        try:
            return {"result": method(**request.get("params", {})), "error": None}
        except (KeyError, ValueError) as exc:
            return {"result": None, "error": str(exc)}

    # -- decks and note types

    def do_createDeck(self, deck: str) -> int:
        return self.decks.setdefault(deck, next(self._ids))

    def do_modelNames(self) -> list[str]:
        return list(self.models)

    def _model(self, name: str) -> dict[str, Any]:
        if name not in self.models:
            raise ValueError(f"model was not found: {name}")
        return self.models[name]

    def do_modelFieldNames(self, modelName: str) -> list[str]:
        return list(self._model(modelName)["fields"])

    def do_createModel(
        self,
        modelName: str,
        inOrderFields: list[str],
        cardTemplates: list[dict[str, str]],
        css: str = "",
        isCloze: bool = False,
    ) -> dict[str, Any]:
        if modelName in self.models:
            raise ValueError("Model name already exists")
        templates = {t["Name"]: {"Front": t["Front"], "Back": t["Back"]} for t in cardTemplates}
        self.models[modelName] = {"fields": list(inOrderFields), "templates": templates, "css": css}
        return {"name": modelName, "id": next(self._ids), "css": css}

    def do_modelStyling(self, modelName: str) -> dict[str, str]:
        return {"css": self._model(modelName)["css"]}

    def do_updateModelTemplates(self, model: dict[str, Any]) -> None:
        templates = self._model(model["name"])["templates"]
        for name, sides in model["templates"].items():
            if name in templates:  # Only the templates the note type has.
                templates[name].update(sides)

    def do_updateModelStyling(self, model: dict[str, Any]) -> None:
        self._model(model["name"])["css"] = model["css"]

    # -- notes

    def do_findNotes(self, query: str) -> list[int]:
        match = re.fullmatch(r'"note:([^"]+)"', query)
        if match is None:
            raise ValueError(f"this fake cannot search for {query}")
        return [i for i, n in self.notes.items() if n["model"] == match.group(1)]

    def do_notesInfo(self, notes: list[int]) -> list[dict[str, Any]]:
        infos: list[dict[str, Any]] = []
        for note_id in notes:
            note = self.notes.get(note_id)
            if note is None:
                infos.append({})
                continue
            order = self.models[note["model"]]["fields"]
            infos.append(
                {
                    "noteId": note_id,
                    "profile": "User 1",
                    "modelName": note["model"],
                    "tags": list(note["tags"]),
                    "fields": {
                        name: {"value": note["fields"][name], "order": i}
                        for i, name in enumerate(order)
                    },
                    "mod": note["mod"],
                    "cards": [],
                }
            )
        return infos

    def _add(self, note: dict[str, Any]) -> int | None:
        model = self.models.get(note["modelName"])
        if model is None or note["deckName"] not in self.decks:
            return None
        if set(note["fields"]) - set(model["fields"]):
            return None
        first = note["fields"].get(model["fields"][0], "")
        duplicate = any(
            n["model"] == note["modelName"] and n["fields"][model["fields"][0]] == first
            for n in self.notes.values()
        )
        if not first or first in self.refuse or duplicate:
            return None
        note_id = next(self._ids)
        fields = {name: note["fields"].get(name, "") for name in model["fields"]}
        self.notes[note_id] = {
            "model": note["modelName"],
            "deck": note["deckName"],
            "fields": fields,
            "tags": list(note.get("tags", [])),
            "mod": int(time.time()),
        }
        return note_id

    def do_addNotes(self, notes: list[dict[str, Any]]) -> list[int | None]:
        return [self._add(note) for note in notes]

    def _note(self, note_id: int) -> dict[str, Any]:
        if note_id not in self.notes:
            raise ValueError(f"note was not found: {note_id}")
        return self.notes[note_id]

    def do_updateNoteFields(self, note: dict[str, Any]) -> None:
        stored = self._note(note["id"])
        for name, value in note["fields"].items():
            if name not in stored["fields"]:
                raise ValueError(f"field was not found: {name}")
            stored["fields"][name] = value
        stored["mod"] = int(time.time())

    def do_addTags(self, notes: list[int], tags: str) -> None:
        for note_id in notes:
            note = self._note(note_id)
            note["tags"] += [t for t in tags.split() if t not in note["tags"]]
            note["mod"] = int(time.time())

    def do_removeTags(self, notes: list[int], tags: str) -> None:
        for note_id in notes:
            note = self._note(note_id)
            note["tags"] = [t for t in note["tags"] if t not in tags.split()]
            note["mod"] = int(time.time())

    # -- for the tests

    def by_term(self, label: str) -> dict[str, Any]:
        (note,) = [n for n in self.notes.values() if n["fields"]["Term"] == label]
        return note


@pytest.fixture
def anki() -> Iterator[tuple[FakeAnki, str]]:
    """A fake AnkiConnect on a free port of 127.0.0.1, and its address."""
    fake = FakeAnki()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            answer = fake.handle(json.loads(self.rfile.read(length)))
            body = json.dumps(answer).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            return

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    deadline = threading.Timer(LIFETIME_S, server.shutdown)
    deadline.daemon = True
    deadline.start()
    try:
        yield fake, f"http://127.0.0.1:{server.server_port}"
    finally:
        deadline.cancel()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled article's glossary and 北京, ignored."""
    path = tmp_path / "glossary.sqlite3"
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    with open_store(path) as store:
        store.add_glossary(build_glossary(read_document(None), dictionary=False))
        store.add_glossary(build_glossary(document_from_text("北京에 갔다."), dictionary=False))
        store.set_status(("北京", ""), "ignored")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def sync(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> tuple[int, str, str]:
    return run(capsys, "export", "--to", "anki", "--anki-url", url, *args)


def studied(db: Path) -> list[StoredTerm]:
    with open_store(db, read_only=True) as store:
        return [s for s in store.terms() if s.status != "ignored"]


def summary(added: int, updated: int, unchanged: int, deck: str = "hanja-reader") -> str:
    noun = "note" if added == 1 else "notes"
    return f"Anki: {added} {noun} added, {updated} updated, {unchanged} unchanged in deck {deck}\n"


def test_the_first_sync_adds_every_note_and_the_note_type(
    capsys: pytest.CaptureFixture[str], anki: tuple[FakeAnki, str], db: Path
) -> None:
    fake, url = anki
    assert sync(capsys, url) == (0, summary(STUDIED, 0, 0), "")
    model = fake.models[MODEL_NAME]
    assert model["fields"] == list(FIELDS)
    assert list(model["templates"]) == list(TEMPLATES)
    assert model["css"] == f"{CSS}\n{TEMPLATES_MARK}\n"
    assert "hanja-reader" in fake.decks
    terms = studied(db)
    assert len(fake.notes) == len(terms) == STUDIED
    for stored in terms:
        note = fake.by_term(note_fields(stored)[0])
        assert note["fields"] == dict(zip(FIELDS, note_fields(stored), strict=True))
        assert note["tags"] == note_tags(stored)
        assert note["deck"] == "hanja-reader"


def test_a_second_sync_of_an_unchanged_store_writes_nothing(
    capsys: pytest.CaptureFixture[str], anki: tuple[FakeAnki, str]
) -> None:
    fake, url = anki
    sync(capsys, url)
    fake.log.clear()
    assert sync(capsys, url) == (0, summary(0, 0, STUDIED), "")
    assert fake.log == ["createDeck", "modelNames", "modelFieldNames", "modelStyling"] + [
        "findNotes",
        "notesInfo",
    ]


def test_a_changed_meaning_updates_that_note_only(
    capsys: pytest.CaptureFixture[str], anki: tuple[FakeAnki, str], db: Path
) -> None:
    fake, url = anki
    sync(capsys, url)
    before = {i: json.dumps(n) for i, n in fake.notes.items()}
    with open_store(db) as store:
        store.set_meaning(("杭州", "항저우"), "a city <south> of Shanghai")
    fake.log.clear()
    assert sync(capsys, url) == (0, summary(0, 1, STUDIED - 1), "")
    assert fake.log.count("updateNoteFields") == 1 and "addNotes" not in fake.log
    changed = [i for i, n in fake.notes.items() if json.dumps(n) != before[i]]
    assert len(changed) == 1
    note = fake.notes[changed[0]]
    assert note["fields"]["Term"] == "항저우(杭州)"
    assert note["fields"]["Meaning"] == "a city &lt;south&gt; of Shanghai"


def test_a_field_edited_in_anki_survives_while_the_term_is_unchanged(
    capsys: pytest.CaptureFixture[str], anki: tuple[FakeAnki, str], db: Path
) -> None:
    fake, url = anki
    sync(capsys, url)
    note = fake.by_term("항저우(杭州)")
    note["fields"]["Note"] = "my own note, written in Anki"
    note["tags"].append("mine")
    note["mod"] = int(time.time()) + 60  # Edited in Anki after the term's last change.
    assert sync(capsys, url) == (0, summary(0, 0, STUDIED), "")
    assert note["fields"]["Note"] == "my own note, written in Anki"
    # Another term's change does not touch it either.
    with open_store(db) as store:
        store.set_meaning(("浙江", "저장"), "a province")
    assert sync(capsys, url) == (0, summary(0, 1, STUDIED - 1), "")
    assert note["fields"]["Note"] == "my own note, written in Anki"
    assert fake.by_term("저장(浙江)")["fields"]["Meaning"] == "a province"


def test_a_term_changed_after_the_edit_wins_and_swaps_its_status_tag(
    capsys: pytest.CaptureFixture[str], anki: tuple[FakeAnki, str], db: Path
) -> None:
    fake, url = anki
    sync(capsys, url)
    note = fake.by_term("항저우(杭州)")
    note["fields"]["Note"] = "edited in Anki an hour ago"
    note["tags"].append("mine")
    note["mod"] = int(time.time()) - 3600
    with open_store(db) as store:
        store.set_status(("杭州", "항저우"), "known")
    assert sync(capsys, url) == (0, summary(0, 1, STUDIED - 1), "")
    assert note["fields"]["Note"] == ""  # The store's value: the term changed since.
    assert "status::known" in note["tags"] and "status::new" not in note["tags"]
    assert "mine" in note["tags"]


def test_filters_and_deck(
    capsys: pytest.CaptureFixture[str], anki: tuple[FakeAnki, str], db: Path
) -> None:
    fake, url = anki
    status, out, _ = sync(capsys, url, "--kind", "sino", "--deck", "Korean::Hanja")
    assert (status, out) == (0, summary(1, 0, 0, "Korean::Hanja"))
    (note,) = fake.notes.values()
    assert note["deck"] == "Korean::Hanja" and "kind::sino" in note["tags"]
    status, out, _ = sync(capsys, url, "--status", "ignored")
    assert (status, out) == (0, summary(1, 0, 0))
    assert fake.by_term("北京")["tags"][:2] == ["kind::bare", "status::ignored"]


def test_an_older_note_type_gets_our_templates_and_a_renamed_field_is_named(
    capsys: pytest.CaptureFixture[str], anki: tuple[FakeAnki, str]
) -> None:
    fake, url = anki
    sync(capsys, url)
    model = fake.models[MODEL_NAME]
    model["css"] = CSS  # As an .apkg (or an older version) leaves it: no mark.
    model["templates"]["Recall"]["Front"] = "old"
    sync(capsys, url)
    assert model["css"].endswith(TEMPLATES_MARK + "\n")
    assert model["templates"]["Recall"]["Front"] != "old"
    model["templates"]["Recall"]["Front"] = "edited in Anki"  # Kept: the mark is there.
    sync(capsys, url)
    assert model["templates"]["Recall"]["Front"] == "edited in Anki"
    model["fields"][FIELDS.index("English")] = "Meaning (English)"
    status, out, err = sync(capsys, url)
    assert (status, out) == (2, "")
    assert err == (
        f'glossary: Anki: the note type "{MODEL_NAME}" has no field English: '
        "rename the fields back (Tools > Manage Note Types > Fields)\n"
    )


def test_anki_not_running_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # A free port: nothing listens there once it is closed.
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    assert sync(capsys, url) == (
        2,
        "",
        f"glossary: Anki is not running, or AnkiConnect is not installed ({url}): "
        "start Anki with the AnkiConnect add-on (code 2055492159)\n",
    )


def test_ankiconnect_errors_and_refusals_are_one_line(
    capsys: pytest.CaptureFixture[str], anki: tuple[FakeAnki, str]
) -> None:
    fake, url = anki
    fake.errors["createDeck"] = "collection is not available"
    assert sync(capsys, url) == (2, "", "glossary: AnkiConnect: collection is not available\n")
    del fake.errors["createDeck"]
    fake.refuse.add("항저우(杭州)")
    status, out, err = sync(capsys, url)
    assert (status, out) == (2, summary(STUDIED - 1, 0, 0))
    assert err == ("glossary: Anki refused 1 note: 항저우(杭州) (duplicates, or empty cards?)\n")


def test_wrong_arguments_and_addresses(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "export", "--to", "anki", "-o", "deck.apkg")
    assert (status, err) == (
        2,
        "glossary: export: --to anki sends the notes to Anki: leave out -o and --format\n",
    )
    status, _, err = run(capsys, "export", "--to", "anki", "--anki-url", "file:///etc/passwd")
    assert status == 2 and "must be an http:// URL" in err
    status, _, err = run(capsys, "export")
    assert (status, err) == (
        2,
        "glossary: export: say where to: -o FILE (- for standard output) or --to anki\n",
    )


def test_a_silent_server_times_out() -> None:
    with socket.socket() as silent:  # Accepts connections (the backlog) and never answers.
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        with pytest.raises(AnkiConnectError, match=r"did not answer within 0\.3 s"):
            AnkiConnect(url, timeout=0.3).invoke("version")
