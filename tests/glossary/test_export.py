"""Exporting stored terms: atomic files, escaping, tones, Anki text headers, CSV, Markdown."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import genanki
import pytest

from glossary import Glossary
from glossary.errors import ExportError
from glossary.store import Store, StoredTerm, open_store
from glossary.store.export import (
    FIELDS,
    MODEL_ID,
    MODEL_NAME,
    anki_model,
    deck_id,
    export_store,
    note_fields,
    note_guid,
    note_tags,
    render_anki_tsv,
    render_csv,
    render_markdown,
    safe_cell,
    sentence_html,
    tone_html,
    write_atomic,
)
from tests.glossary.test_store import fake_glossary

HANGZHOU = ("杭州", "항저우")
EVIL = "<script>alert('x')</script>"


@pytest.fixture
def store(tmp_path: Path, sample: Glossary) -> Store:
    """A store holding the sample article and one hostile gloss."""
    store = open_store(tmp_path / "g.sqlite3")
    store.add_glossary(sample)
    store.add_glossary(fake_glossary(f"그는 {EVIL}(馬雲)라고 썼다", [(EVIL, "馬雲")]))
    return store


def _term(store: Store, key: tuple[str, str]) -> StoredTerm:
    found = store.get(key)
    assert found is not None
    return found


def test_write_atomic_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out" / "deck.txt"
    target.parent.mkdir()
    write_atomic(target, lambda p: p.write_text("one"), force=False)
    with pytest.raises(ExportError, match="already exists") as caught:
        write_atomic(target, lambda p: p.write_text("two"), force=False)
    assert "\n" not in str(caught.value) and str(target) in str(caught.value)
    assert target.read_text() == "one"
    write_atomic(target, lambda p: p.write_text("three"), force=True)
    assert target.read_text() == "three"
    assert os.listdir(target.parent) == ["deck.txt"]  # No temporary file left behind.


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"

    def explode(path: Path) -> None:
        path.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="No space left"):
        write_atomic(target, explode, force=False)
    assert list(tmp_path.glob("*out.txt*")) == []


def test_write_atomic_refuses_missing_folders_and_directories(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no such folder"):
        write_atomic(tmp_path / "nope" / "x.txt", lambda p: p.write_text(""), force=False)
    with pytest.raises(ExportError, match="directory"):
        write_atomic(tmp_path, lambda p: p.write_text(""), force=True)


def test_exported_files_get_ordinary_permissions(store: Store, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        export_store(store, "md", tmp_path / "x.md")
    finally:
        os.umask(old)
    assert (tmp_path / "x.md").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("marked", "numbered", "expected"),
    [
        ("xiǎo", "xiao3", '<span class="tone3">xiǎo</span>'),
        (
            "dèng xiǎo píng",
            "deng4 xiao3 ping2",
            '<span class="tone4">dèng</span> <span class="tone3">xiǎo</span> '
            '<span class="tone2">píng</span>',
        ),
        ("3 jiǎ", "3 jia3", '3 <span class="tone3">jiǎ</span>'),
        ("ma", "ma5", '<span class="tone5">ma</span>'),
        ("lǜ", "lü4", '<span class="tone4">lǜ</span>'),
        ("a<b", "a<b c", "a&lt;b"),
    ],
)
def test_tone_spans(marked: str, numbered: str, expected: str) -> None:
    assert tone_html(marked, numbered) == expected


def test_note_fields_are_escaped_and_complete(store: Store) -> None:
    fields = note_fields(_term(store, HANGZHOU))
    assert len(fields) == len(FIELDS) == 12
    named = dict(zip(FIELDS, fields, strict=True))
    assert named["Hanja"] == "杭州"
    assert named["Pinyin"] == '<span class="tone2">háng</span> <span class="tone1">zhōu</span>'
    assert named["Pinyin numbered"] == "hang2 zhou1"
    assert named["Sino-Korean"] == "항주" and named["Korean gloss"] == "항저우"
    assert named["Characters"] == "杭 건널 항<br>州 고을 주"
    assert named["Meaning"] == ""
    assert '<b>항저우(<span class="h">杭州</span>)</b>가 유력하다.' in named["Sentence"]
    evil = dict(zip(FIELDS, note_fields(_term(store, ("馬雲", EVIL))), strict=True))
    assert evil["Korean gloss"] == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
    assert "<script>" not in "".join(evil.values())
    assert evil["Sentence"].startswith("그는 <b>&lt;script&gt;")


def test_sentence_marks_the_term_even_when_the_sentence_lacks_the_gloss(store: Store) -> None:
    term = _term(store, HANGZHOU)
    assert term.example is not None
    odd = StoredTerm(term.term, example=type(term.example)("杭州 & 北京", "x(杭州)", 2, 4, "t"))
    assert sentence_html(odd) == '<b><span class="h">杭州</span></b> &amp; 北京'
    assert sentence_html(StoredTerm(term.term)) == ""


def test_guid_comes_from_the_identity_only(store: Store) -> None:
    before = _term(store, HANGZHOU)
    store.set_meaning(HANGZHOU, "Hangzhou")
    store.correct(HANGZHOU, "pinyin", "hang zhou")
    after = _term(store, HANGZHOU)
    assert note_guid(before) == note_guid(after) == genanki.guid_for("杭州", "항저우")
    assert note_fields(before) != note_fields(after)


def test_tags_have_no_spaces(store: Store) -> None:
    store.set_status(HANGZHOU, "known")
    tags = note_tags(_term(store, HANGZHOU))
    assert tags == ["kind::transcription", "status::known", "source::hangzhou-ai-town"]
    for term in store.terms():
        assert all(" " not in tag for tag in note_tags(term))


def test_model_and_deck_ids_are_fixed() -> None:
    model = anki_model()
    assert model.model_id == MODEL_ID and model.name == MODEL_NAME
    assert [f["name"] for f in model.fields] == list(FIELDS)
    assert [t["name"] for t in model.templates] == ["Recognition", "Recall"]
    assert all(f".tone{i} " in model.css for i in range(1, 6))
    assert deck_id("hanja-reader") == deck_id("hanja-reader") != deck_id("other")
    assert (1 << 30) <= deck_id("x") < (1 << 31)


def test_anki_tsv_headers_and_rows(store: Store) -> None:
    text = render_anki_tsv(store.terms(), deck="중국 뉴스")
    lines = text.splitlines()
    assert lines[:4] == [
        "#separator:tab",
        "#html:true",
        f"#notetype:{MODEL_NAME}",
        "#deck:중국 뉴스",
    ]
    assert lines[4] == "#columns:" + "\t".join([*FIELDS, "Tags", "GUID"])
    assert lines[5:7] == ["#tags column:13", "#guid column:14"]
    rows = [line.split("\t") for line in lines[7:]]
    assert len(rows) == 13 and all(len(r) == 14 for r in rows)
    assert rows[2][0] == "杭州" and rows[2][13] == genanki.guid_for("杭州", "항저우")
    assert EVIL not in text


def test_csv_neutralises_formulas(store: Store) -> None:
    assert [safe_cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "ok")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "ok",
    ]
    store.set_note(HANGZHOU, '=HYPERLINK("http://evil","x")')
    rows = list(csv.reader(io.StringIO(render_csv(store.terms()))))
    assert rows[0][:3] == ["hanja", "hangul", "kind"]
    hangzhou = next(r for r in rows if r[0] == "杭州")
    assert hangzhou[11] == '\'=HYPERLINK("http://evil","x")'
    assert len(rows) == 14


def test_csv_file_has_a_bom_for_spreadsheets(store: Store, tmp_path: Path) -> None:
    export_store(store, "csv", tmp_path / "g.csv")
    assert (tmp_path / "g.csv").read_bytes().startswith(b"\xef\xbb\xbfhanja,")


def test_markdown_escapes_html_and_pipes(store: Store) -> None:
    store.set_note(HANGZHOU, "a | b\nc")
    text = render_markdown(store.terms())
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "| 杭州 | 항저우 | transcription | háng zhōu | 항주 |   | new | a \\| b c |" in text
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 10 for line in text.splitlines())


def test_export_store_filters_and_counts(store: Store, tmp_path: Path) -> None:
    store.set_status(HANGZHOU, "known")
    assert export_store(store, "tsv", tmp_path / "k.tsv", status="known") == 1
    assert export_store(store, "md", tmp_path / "t.md", kind="transcription") == 7
    with pytest.raises(ValueError):
        export_store(store, "pdf", tmp_path / "x.pdf")


def test_the_anki_export_writes_nowhere_but_its_file(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "out"
    out.mkdir()
    export_store(store, "apkg", out / "deck.apkg")
    assert os.listdir(scratch) == []
    assert os.listdir(out) == ["deck.apkg"]
