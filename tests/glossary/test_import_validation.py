"""``import`` checks the whole file against the JSON contract before it writes anything.

Issue 15, item 4: import took ``version: true`` or ``-1``, ``mentions: -5``, a
``user_updated_at`` of ``"zzzz"`` (which then beat every later change made here) and a
term listed twice (its places doubled); integers of 2^63 or of 4,300 digits, deep nesting
and lone surrogates gave tracebacks. Each is now refused whole, with one line naming the
first bad field, exit status 2, and the store is left as it was.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from glossary import build_glossary, read_document
from glossary.cli import main
from glossary.errors import InputError
from glossary.sources.files import bundled_article_path
from glossary.store.core import open_store

ARTICLE = str(bundled_article_path())
ROOT = Path(__file__).resolve().parents[2]
SECOND = (
    "항주(杭州)는 아름답다. 항주에 갔다. 마윈(馬雲)은 덩샤오핑(鄧小平)을 만났다. 마윈이 웃었다.\n"
)
BIG = 2**63  # One more than SQLite's largest integer.

Export = dict[str, Any]


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Export:
    """The full export of a real store: two articles, marks, a note, a meaning, a correction."""
    folder = tmp_path_factory.mktemp("a")
    second = folder / "b.txt"
    second.write_text(SECOND, encoding="utf-8")
    with open_store(folder / "a.sqlite3") as store:
        store.add_glossary(build_glossary(read_document(ARTICLE)))
        store.add_glossary(build_glossary(read_document(second)))
        store.set_status(("杭州", "항저우"), "known")
        store.set_note(("杭州", "항저우"), "capital of Zhejiang")
        store.set_meaning(("馬雲", "마윈"), "Jack Ma")
        store.correct(("深睿", "선루이"), "sino_korean", "심예(深睿)")
        return store.dump()


@pytest.fixture
def target(tmp_path: Path) -> Path:
    """A store that already holds an article (so "nothing written" means something)."""
    path = tmp_path / "b.sqlite3"
    text = tmp_path / "own.txt"
    text.write_text("마윈(馬雲) 회장이 웃었다.\n", encoding="utf-8")
    with open_store(path) as store:
        store.add_glossary(build_glossary(read_document(text)))
    return path


def _content(path: Path) -> Export:
    with open_store(path) as store:
        return store.dump()


def _import(capsys: pytest.CaptureFixture[str], db: Path, file: Path) -> tuple[int, str, str]:
    status = main(["--db", str(db), "import", str(file)])
    out, err = capsys.readouterr()
    return status, out, err


def _index(data: Export, hanja: str) -> int:
    return next(i for i, t in enumerate(data["terms"]) if t["hanja"] == hanja)


Change = Callable[
    [Export], str
]  # Breaks the export; returns the message expected after "k.json: ".


def _version_true(data: Export) -> str:
    data["version"] = True
    return "version: must be a whole number ≥ 1, not true"


def _version_negative(data: Export) -> str:
    data["version"] = -1
    return "version: must be a whole number ≥ 1, not -1"


def _version_string(data: Export) -> str:
    data["version"] = "1"
    return 'version: must be a whole number ≥ 1, not "1"'


def _mentions_negative(data: Export) -> str:
    data["terms"][3]["documents"][0]["mentions"] = -5
    return "terms[3].documents[0].mentions: must be a whole number ≥ 0, not -5"


def _mentions_float(data: Export) -> str:
    data["terms"][3]["documents"][0]["mentions"] = 1.5
    return "terms[3].documents[0].mentions: must be a whole number ≥ 0, not 1.5"


def _mentions_beyond_the_text(data: Export) -> str:
    length = data["documents"][0]["length"]
    data["terms"][0]["documents"][0]["mentions"] = length + 1
    return (
        f"terms[0].documents[0].mentions: must be at most the length of its document "
        f"({length}), not {length + 1}"
    )


def _mentions_too_big(data: Export) -> str:
    data["terms"][1]["documents"][0]["mentions"] = BIG
    return (
        "terms[1].documents[0].mentions: must be a whole number ≤ 9223372036854775807 "
        f"(SQLite's largest), not {BIG}"
    )


def _length_too_big(data: Export) -> str:
    data["documents"][1]["length"] = BIG
    return (
        "documents[1].length: must be a whole number ≤ 9223372036854775807 "
        f"(SQLite's largest), not {BIG}"
    )


def _user_time_garbage(data: Export) -> str:
    i = _index(data, "杭州")
    data["terms"][i]["user_updated_at"] = "zzzz"
    return (
        f"terms[{i}].user_updated_at: must be empty or a time as the export writes it "
        '(2024-05-01T09:30:00.000000+00:00), not "zzzz"'
    )


def _time_impossible(data: Export) -> str:
    data["terms"][2]["updated_at"] = "2024-13-01T09:30:00.000000+00:00"
    return (
        "terms[2].updated_at: must be a time as the export writes it "
        '(2024-05-01T09:30:00.000000+00:00), not "2024-13-01T09:30:00.000000+00:00"'
    )


def _time_in_the_future(data: Export) -> str:
    i = _index(data, "杭州")
    data["terms"][i]["user_updated_at"] = "9999-12-31T23:59:59.999999+00:00"
    return (
        f"terms[{i}].user_updated_at: must not be in the future, "
        'not "9999-12-31T23:59:59.999999+00:00"'
    )


def _correction_time(data: Export) -> str:
    i = _index(data, "深睿")
    data["terms"][i]["corrections"]["sino_korean"]["corrected_at"] = "yesterday"
    return (
        f"terms[{i}].corrections.sino_korean.corrected_at: must be a time as the export "
        'writes it (2024-05-01T09:30:00.000000+00:00), not "yesterday"'
    )


def _added_time(data: Export) -> str:
    data["documents"][0]["added_at"] = 20240501
    return (
        "documents[0].added_at: must be a time as the export writes it "
        "(2024-05-01T09:30:00.000000+00:00), not 20240501"
    )


def _term_twice(data: Export) -> str:
    data["terms"].append(copy.deepcopy(data["terms"][0]))
    last = len(data["terms"]) - 1
    first = data["terms"][0]
    return (
        f'terms[{last}]: repeats the term "{first["hanja"]}" / "{first["hangul"]}" of terms[0] '
        "(each hanja and gloss once)"
    )


def _document_twice(data: Export) -> str:
    data["documents"].append(copy.deepcopy(data["documents"][0]))
    last = len(data["documents"]) - 1
    return f"documents[{last}].sha256: repeats the document of documents[0]"


def _link_twice(data: Export) -> str:
    data["terms"][0]["documents"].append(copy.deepcopy(data["terms"][0]["documents"][0]))
    last = len(data["terms"][0]["documents"]) - 1
    return f"terms[0].documents[{last}].sha256: repeats the document of terms[0].documents[0]"


def _place_twice(data: Export) -> str:
    data["terms"][0]["occurrences"].append(copy.deepcopy(data["terms"][0]["occurrences"][0]))
    last = len(data["terms"][0]["occurrences"]) - 1
    return f"terms[0].occurrences[{last}]: repeats the place of terms[0].occurrences[0]"


def _bad_sha(data: Export) -> str:
    data["documents"][0]["sha256"] = "abc"
    return 'documents[0].sha256: must be 64 hexadecimal digits (a SHA-256), not "abc"'


def _kind(data: Export) -> str:
    data["terms"][4]["kind"] = "poem"
    return 'terms[4].kind: must be one of transcription, sino, translation, mixed, bare, not "poem"'


def _status(data: Export) -> str:
    data["terms"][4]["status"] = None
    return "terms[4].status: must be one of new, learning, known, ignored, not null"


def _matches(data: Export) -> str:
    data["terms"][0]["matches"] = ["transcription", "poetry"]
    return 'terms[0].matches[1]: must be one of sino, transcription, not "poetry"'


def _end_before_start(data: Export) -> str:
    place = data["terms"][0]["occurrences"][0]
    place["end"] = place["start"] - 1
    length = data["documents"][0]["length"]
    return (
        f"terms[0].occurrences[0].end: must be from start ({place['start']}) to the length of "
        f"its document ({length}), not {place['end']}"
    )


def _half_a_gloss(data: Export) -> str:
    place = data["terms"][0]["occurrences"][0]
    place["gloss_start"] = None
    return (
        "terms[0].occurrences[0].gloss_start: must be a whole number ≥ 0 (or null with "
        "gloss_end), not null"
    )


def _sentence_at_elsewhere(data: Export) -> str:
    place = data["terms"][0]["occurrences"][0]
    place["sentence_at"] += 1
    return "terms[0].occurrences[0].sentence_at: is not where the surface text is in the sentence"


def _text_type(data: Export) -> str:
    data["terms"][5]["user_note"] = ["a", "list"]
    return "terms[5].user_note: must be a string, not a list"


def _lone_surrogate(data: Export) -> str:
    data["terms"][5]["user_note"] = "note \ud800 here"
    return "terms[5].user_note: must be text, but holds a lone surrogate (U+D800)"


def _surrogate_in_path(data: Export) -> str:
    data["documents"][1]["path"] = "/x/\udcff.txt"
    return "documents[1].path: must be text, but holds a lone surrogate (U+DCFF)"


def _uncorrectable(data: Export) -> str:
    data["terms"][0]["corrections"]["hanja"] = {
        "value": "x",
        "corrected_at": "2024-05-01T09:30:00.000000+00:00",
    }
    return (
        'terms[0].corrections: "hanja" cannot be corrected (only simplified, traditional, '
        "pinyin, pinyin_numbered, sino_korean, mandarin_hangul)"
    )


def _first_of_two(data: Export) -> str:
    data["terms"][7]["status"] = "forgotten"
    data["terms"][2]["documents"][0]["mentions"] = -1
    return "terms[2].documents[0].mentions: must be a whole number ≥ 0, not -1"


CHANGES: list[Change] = [
    _version_true,
    _version_negative,
    _version_string,
    _mentions_negative,
    _mentions_float,
    _mentions_beyond_the_text,
    _mentions_too_big,
    _length_too_big,
    _user_time_garbage,
    _time_impossible,
    _time_in_the_future,
    _correction_time,
    _added_time,
    _term_twice,
    _document_twice,
    _link_twice,
    _place_twice,
    _bad_sha,
    _kind,
    _status,
    _matches,
    _end_before_start,
    _half_a_gloss,
    _sentence_at_elsewhere,
    _text_type,
    _lone_surrogate,
    _surrogate_in_path,
    _uncorrectable,
    _first_of_two,
]


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__.strip("_") for c in CHANGES])
def test_a_bad_field_is_named_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], export: Export, target: Path, tmp_path: Path, change: Change
) -> None:
    broken = copy.deepcopy(export)
    expected = change(broken)
    file = tmp_path / "k.json"
    # As a JSON file can hold them: lone surrogates written as \ud800 escapes.
    file.write_text(json.dumps(broken, ensure_ascii=True), encoding="utf-8")
    before = _content(target)
    status, out, err = _import(capsys, target, file)
    assert (status, out) == (2, "")
    assert err == f"glossary: {file}: {expected}\n"
    assert _content(target) == before


def test_import_data_checks_python_values_too(export: Export, tmp_path: Path) -> None:
    """Values JSON cannot hold (a 5,000-digit int, a tuple) get the same one line."""
    broken = copy.deepcopy(export)
    broken["terms"][0]["documents"][0]["mentions"] = 10**5000
    with open_store(tmp_path / "b.sqlite3") as store, pytest.raises(InputError) as caught:
        store.import_data(broken, name="data")
    assert str(caught.value) == (
        "data: terms[0].documents[0].mentions: must be a whole number ≤ 9223372036854775807 "
        "(SQLite's largest), not a 5001-digit number"
    )
    broken = copy.deepcopy(export)
    broken["terms"] = tuple(broken["terms"])
    with open_store(tmp_path / "c.sqlite3") as store, pytest.raises(InputError) as caught:
        store.import_data(broken, name="data")
    assert str(caught.value) == "data: terms: must be a list, not a tuple"


def test_a_valid_export_still_imports_unchanged(
    capsys: pytest.CaptureFixture[str], export: Export, tmp_path: Path
) -> None:
    file = tmp_path / "full.json"
    file.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "new.sqlite3"
    status, out, err = _import(capsys, db, file)
    assert (status, err) == (0, "")
    assert out == f"imported {file}: 2 new documents, 13 new terms, 0 updated\n"
    assert _content(db) == export
    status, out, _ = _import(capsys, db, file)
    assert out == f"imported {file}: 0 new documents, 0 new terms, 0 updated\n"


# -- what used to give tracebacks, through a real process -------------------------------------


def _hostile(export: Export, case: str) -> tuple[str, str]:
    if case == "deep-nesting":
        text = (
            '{"format": "hanja-reader glossary", "version": 1, "documents": '
            + "[" * 100_000
            + "]" * 100_000
            + ', "terms": []}'
        )
        return text, "not a glossary export (its lists and objects are nested too deeply"
    marker = 987654321
    data = copy.deepcopy(export)
    data["terms"][1]["documents"][0]["mentions"] = marker
    if case == "huge-int-digits":
        text = json.dumps(data, ensure_ascii=False).replace(str(marker), "9" * 5000)
        return text, (
            "terms[1].documents[0].mentions: must be a whole number ≤ 9223372036854775807 "
            "(SQLite's largest), not a 5000-digit number"
        )
    if case == "int-2^63":
        text = json.dumps(data, ensure_ascii=False).replace(str(marker), str(BIG))
        return text, (
            "terms[1].documents[0].mentions: must be a whole number ≤ 9223372036854775807 "
            f"(SQLite's largest), not {BIG}"
        )
    data["terms"][1]["documents"][0]["mentions"] = 0
    data["terms"][1]["hangul"] = "\ud800"
    text = json.dumps(data, ensure_ascii=True)
    return text, "terms[1].hangul: must be text, but holds a lone surrogate (U+D800)"


@pytest.mark.parametrize("case", ["deep-nesting", "huge-int-digits", "int-2^63", "lone-surrogate"])
def test_hostile_files_get_one_line_not_a_traceback(
    export: Export, target: Path, tmp_path: Path, case: str
) -> None:
    text, expected = _hostile(export, case)
    file = tmp_path / "k.json"
    file.write_text(text, encoding="utf-8")
    before = _content(target)
    proc = subprocess.run(
        [sys.executable, "-m", "glossary", "--db", str(target), "import", str(file)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    assert proc.stderr.startswith(f"glossary: {file}: {expected}")
    assert _content(target) == before
