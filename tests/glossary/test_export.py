"""Exporting stored terms: atomic files, escaping, tones, Anki text headers, CSV, Markdown."""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import genanki
import pytest

from glossary import CharInfo, Glossary, Term, build_glossary, read_document
from glossary.errors import ExportError
from glossary.store import Store, StoredTerm, open_store
from glossary.store.anki_model import (
    FIELDS,
    LEGACY_FIELDS,
    LEGACY_MODEL_ID,
    LEGACY_MODEL_NAME,
    MODEL_ID,
    MODEL_NAME,
    TEMPLATES,
    anki_model,
    legacy_model,
)
from glossary.store.anki_notes import (
    english_text,
    kind_text,
    note_fields,
    note_guid,
    note_mtime,
    note_tags,
    readings_html,
    sentence_html,
    source_title,
)
from glossary.store.anki_package import deck_id, render_anki_tsv
from glossary.store.anki_pinyin import pinyin_html, pinyin_text, tone_html
from glossary.store.export import (
    STUDIED,
    export_store,
    render_csv,
    render_markdown,
    safe_cell,
    write_atomic,
)
from glossary.store.records import Example, Source
from tests.glossary.test_store import fake_glossary

DATA = Path(__file__).resolve().parent.parent / "data" / "texts"
HANGZHOU = ("杭州", "항저우")
BEIJING = ("北京", "베이징")
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
    assert len(fields) == len(FIELDS) == 21
    named = dict(zip(FIELDS, fields, strict=True))
    assert named["Term"] == "항저우(杭州)" and named["Hanzi"] == "杭州"
    assert named["Pinyin"] == '<span class="tone2">Háng</span><span class="tone1">zhōu</span>'
    assert named["Pinyin numbered"] == "hang2 zhou1"
    assert named["Hanzi (Color)"] == '<span class="tone2">杭</span><span class="tone1">州</span>'
    assert named["Ruby"] == '<span class="tone2">杭[háng]</span><span class="tone1">州[zhōu]</span>'
    assert named["Sino-Korean"] == "항주" and named["Korean gloss"] == "항저우"
    assert named["Mandarin in hangul"] == "항저우"
    assert named["Readings"] == '<span class="label">Sino-Korean</span> <span lang="ko">항주</span>'
    assert named["Kind"] == "Mandarin sound in hangul"
    assert named["Characters"].startswith(
        '<span lang="zh" class="tone2">杭</span> <span lang="zh" class="tone2">háng</span> '
        '<span lang="ko">건널 항</span>'
    )
    assert named["Meaning"] == "" and named["Note"] == ""
    assert '<b>항저우(<span class="h">杭州</span>)</b>가 유력하다.' in named["Sentence"]
    assert '<b>항저우(<span class="cloze">[…]</span>)</b>가 유력하다.' in named["Cloze"]
    assert named["Source"].startswith("[중국 개혁개방 40주년")
    evil = dict(zip(FIELDS, note_fields(_term(store, ("馬雲", EVIL))), strict=True))
    assert evil["Korean gloss"] == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
    assert "<script>" not in "".join(evil.values())
    assert evil["Sentence"].startswith("그는 <b>&lt;script&gt;")


def test_the_users_note_and_meaning_keep_their_lines(store: Store) -> None:
    store.set_note(HANGZHOU, "first <line>\nsecond")
    store.set_meaning(HANGZHOU, "Hangzhou")
    named = dict(zip(FIELDS, note_fields(_term(store, HANGZHOU)), strict=True))
    assert named["Note"] == "first &lt;line&gt;<br>second"
    assert named["Meaning"] == "Hangzhou"


def test_sentence_marks_the_term_even_when_the_sentence_lacks_the_gloss(store: Store) -> None:
    term = _term(store, HANGZHOU)
    assert term.example is not None
    odd = StoredTerm(term.term, example=Example("杭州 & 北京", "x(杭州)", 2, 4, "t"))
    assert sentence_html(odd) == '<b><span class="h">杭州</span></b> &amp; 北京'
    assert sentence_html(StoredTerm(term.term)) == ""


def test_guid_comes_from_the_identity_only(store: Store) -> None:
    before = _term(store, HANGZHOU)
    store.set_meaning(HANGZHOU, "Hangzhou")
    store.correct(HANGZHOU, "pinyin", "hang zhou")
    after = _term(store, HANGZHOU)
    assert note_guid(before) == note_guid(after) == genanki.guid_for("杭州", "항저우")
    assert note_fields(before) != note_fields(after)
    assert note_guid(before, "basic") == genanki.guid_for("杭州", "항저우", "basic")


def _at(stamp: str) -> int:
    return int(datetime.fromisoformat(stamp).timestamp())


def test_a_notes_time_is_its_terms_last_change(tmp_path: Path, sample: Glossary) -> None:
    now = iter(f"2026-12-0{day}T10:00:00+00:00" for day in range(1, 10))
    store = open_store(tmp_path / "g.sqlite3", clock=lambda: next(now))
    store.add_glossary(sample)
    added = _term(store, HANGZHOU)
    assert note_mtime(added) == _at("2026-12-01T10:00:00+00:00")
    store.set_meaning(HANGZHOU, "Hangzhou")
    assert note_mtime(_term(store, HANGZHOU)) == _at("2026-12-02T10:00:00+00:00")
    store.correct(HANGZHOU, "pinyin", "hang zhou")
    assert note_mtime(_term(store, HANGZHOU)) == _at("2026-12-03T10:00:00+00:00")
    untouched = _term(store, ("浙江", "저장"))
    assert note_mtime(untouched) == _at("2026-12-01T10:00:00+00:00")
    assert note_mtime(replace(added, updated_at="2026-12-05T00:00:00+00:00")) == _at(
        "2026-12-05T00:00:00+00:00"
    )


def test_tags_have_no_spaces(store: Store) -> None:
    store.set_status(HANGZHOU, "known")
    tags = note_tags(_term(store, HANGZHOU))
    assert tags == ["kind::transcription", "status::known", "source::hangzhou-ai-town"]
    for term in store.terms():
        assert all(" " not in tag for tag in note_tags(term))


def test_model_and_deck_ids_are_fixed() -> None:
    model = anki_model()
    assert model.model_id == MODEL_ID == 1688607737 and model.name == MODEL_NAME
    assert [f["name"] for f in model.fields] == list(FIELDS)
    assert [t["name"] for t in model.templates] == list(TEMPLATES)
    assert all(f".tone{i} " in model.css for i in range(1, 6))
    assert deck_id("hanja-reader") == deck_id("hanja-reader") != deck_id("other")
    assert (1 << 30) <= deck_id("x") < (1 << 31)


def test_the_first_note_type_stays_as_it_was() -> None:
    """Old decks hold it: its id keeps its fields, and no new package reuses the id."""
    old = legacy_model()
    assert (old.model_id, old.name) == (LEGACY_MODEL_ID, LEGACY_MODEL_NAME)
    assert LEGACY_MODEL_ID == 1842373907 != MODEL_ID
    assert (
        [f["name"] for f in old.fields]
        == list(LEGACY_FIELDS)
        == [
            "Hanja",
            "Simplified",
            "Traditional",
            "Pinyin",
            "Pinyin numbered",
            "Sino-Korean",
            "Korean gloss",
            "Kind",
            "Characters",
            "Meaning",
            "Sentence",
            "Source",
        ]
    )
    assert [t["name"] for t in old.templates] == ["Recognition", "Recall"]
    # Fields keep their names where they kept their meaning, so Anki's Change Note Type
    # carries them over by name.
    assert set(LEGACY_FIELDS) - set(FIELDS) == {"Hanja"}


def test_chinese_study_add_ons_find_their_fields() -> None:
    """Chinese Support 3 looks for these names (its config.json)."""
    for wanted in ("Hanzi", "English", "Pinyin", "Simplified", "Traditional", "Ruby"):
        assert wanted in FIELDS
    assert "Hanzi (Color)" in FIELDS and "Frequency" in FIELDS
    assert "Sound" not in FIELDS  # An add-on would fill it: the Sound card uses {{tts}}.


def test_anki_tsv_is_basic_notes(store: Store) -> None:
    text = render_anki_tsv(store.terms(), deck="중국 뉴스")
    lines = text.splitlines()
    assert lines[:6] == [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#deck:중국 뉴스",
        "#tags column:3",
        "#guid column:4",
    ]
    rows = [line.split("\t") for line in lines[6:]]
    assert len(rows) == 13 and all(len(r) == 4 for r in rows)
    front, back, tags, guid = rows[2]
    assert front.startswith('<div lang="zh" style="font-size:2.4em">杭州</div>')
    assert "<b>[…](杭州)</b>가 유력하다." in front
    assert '<span style="color:#f08c00">Háng</span>' in back and "항저우" in back
    assert tags == "kind::transcription status::new source::hangzhou-ai-town"
    assert guid == genanki.guid_for("杭州", "항저우", "basic")
    assert EVIL not in text and "class=" not in text


@pytest.mark.parametrize(
    ("hanja", "kind", "pinyin", "numbered", "meanings", "expected"),
    [
        (
            "習近平",
            "transcription",
            "xí jìn píng",
            "xi2 jin4 ping2",
            ("Xi Jinping (1953-)",),
            "Xí Jìnpíng",
        ),
        (
            "杭州",
            "transcription",
            "háng zhōu",
            "hang2 zhou1",
            ("Hangzhou subprovincial city",),
            "Hángzhōu",
        ),
        ("西安", "transcription", "xī ān", "xi1 an1", ("Xi'an, sub-provincial city",), "Xī'ān"),
        ("天安門", "transcription", "tiān ān mén", "tian1 an1 men2", ("Tiananmen",), "Tiān'ānmén"),
        ("杭州", "sino", "háng zhōu", "hang2 zhou1", ("Hangzhou subprovincial city",), "háng zhōu"),
        # No dictionary data: three characters make a person, places end like places.
        ("習近平", "transcription", "xí jìn píng", "xi2 jin4 ping2", (), "Xí Jìnpíng"),
        ("哈爾濱", "transcription", "hā ěr bīn", "ha1 er3 bin1", (), "Hā'ěrbīn"),
        ("浙江", "transcription", "zhè jiāng", "zhe4 jiang1", (), "Zhèjiāng"),
        ("3甲", "transcription", "3 jiǎ", "3 jia3", (), "3 jiǎ"),
    ],
)
def test_names_are_written_as_names(
    hanja: str, kind: str, pinyin: str, numbered: str, meanings: tuple[str, ...], expected: str
) -> None:
    term = Term(hanja, "x", kind, hanja, hanja, pinyin, numbered, "", "", meanings=meanings)  # type: ignore[arg-type]
    assert pinyin_text(term) == expected
    assert term.pinyin == pinyin  # The stored pinyin is left as it is.


def test_a_surname_starts_a_persons_name() -> None:
    li = CharInfo("李", "李", "李", "lǐ", "li3", "이", "오얏 리", ("plum", "surname Li"))
    qiang = CharInfo("强", "强", "強", "qiáng", "qiang2", "강", "강할 강", ("strong",))
    term = Term(
        "李强",
        "리창",
        "transcription",
        "李强",
        "李強",
        "lǐ qiáng",
        "li3 qiang2",
        "이강",
        "리창",
        chars=(li, qiang),
    )
    assert pinyin_text(term) == "Lǐ Qiáng"
    assert pinyin_html(term) == '<span class="tone3">Lǐ</span> <span class="tone2">Qiáng</span>'
    shen = CharInfo("深", "深", "深", "shēn", "shen1", "심", "깊을 심", ("deep",))
    rui = CharInfo("睿", "睿", "睿", "ruì", "rui4", "예", "슬기 예", ("astute",))
    company = replace(term, hanja="深睿", pinyin="shēn ruì", pinyin_numbered="shen1 rui4")
    assert pinyin_text(replace(company, chars=(shen, rui))) == "Shēnruì"


def test_the_english_senses_never_give_the_hanja_away() -> None:
    zhejiang = Term(
        "浙江",
        "저장",
        "transcription",
        "浙江",
        "浙江",
        "zhè jiāng",
        "zhe4 jiang1",
        "절강",
        "저장",
        meanings=("Zhejiang province (Chekiang) in east China, abbr. 浙, capital Hangzhou 杭州",),
    )
    assert english_text(zhejiang) == (
        "Zhejiang province (Chekiang) in east China, abbr. ～, capital Hangzhou 杭州"
    )
    yuhang = replace(
        zhejiang,
        hanja="餘杭",
        simplified="余杭",
        traditional="餘杭",
        meanings=("Yuhang district of Hangzhou city 杭州市[Hang2 zhou1 shi4], Zhejiang", "x"),
    )
    assert (
        english_text(yuhang) == "Yuhang district of Hangzhou city ～[Hang2 zhou1 shi4], Zhejiang; x"
    )


def test_the_reading_line_says_nothing_twice() -> None:
    sino = Term(
        "性理學",
        "성리학",
        "sino",
        "性理学",
        "性理學",
        "xìng lǐ xué",
        "xing4 li3 xue2",
        "성리학",
        "싱리쉐",
    )
    assert readings_html(sino) == (
        '<span class="label">Mandarin in hangul</span> <span lang="ko">싱리쉐</span> · '
        '<span class="label">simplified</span> <span lang="zh">性理学</span>'
    )
    same = replace(sino, mandarin_hangul="성리학", simplified="性理學")
    assert readings_html(same) == ""


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("transcription", "Mandarin sound in hangul"),
        ("sino", "Sino-Korean reading"),
        ("translation", "Korean translation"),
        ("mixed", "part reading, part translation"),
        ("bare", "hanja without hangul"),
    ],
)
def test_the_kind_is_said_in_words(kind: str, words: str) -> None:
    term = Term("x", "", kind, "", "", "", "", "", "")  # type: ignore[arg-type]
    assert kind_text(term) == words
    assert kind_text(replace(term, kind_note="a note")) == f"{words}: a note"


def test_the_source_is_a_title_not_a_paragraph(tmp_path: Path) -> None:
    store = open_store(tmp_path / "g.sqlite3")
    for name in ("sino-korean.txt", "chinese-names.txt", "headline.txt"):
        store.add_glossary(build_glossary(read_document(DATA / name), dictionary=False))
    # A first '# heading' line is the title (not the paragraph after it).
    assert _term(store, ("性理學", "성리학")).example.source == "조선의 성리학"  # type: ignore[union-attr]
    assert source_title(_term(store, ("性理學", "성리학"))) == "조선의 성리학"
    assert source_title(_term(store, ("習近平", "시진핑"))) == "중국 지도부와 도시 이름"
    headline = _term(store, ("美", ""))
    assert source_title(headline) == '習近平, 美 大統領과 電話 會談… "韓半島 平和 支持"'
    long = "가" * 100
    nowhere = StoredTerm(headline.term, example=Example("s", "s", 0, 1, long), sources=())
    assert source_title(nowhere) == "가" * 79 + "…"
    elsewhere = replace(nowhere, sources=(Source("x", long, "/tmp/article.txt", 1, 0),))
    assert source_title(elsewhere) == "article"


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
    assert hangzhou[rows[0].index("user_note")] == '\'=HYPERLINK("http://evil","x")'
    assert len(rows) == 14


def test_csv_file_has_a_bom_for_spreadsheets(store: Store, tmp_path: Path) -> None:
    export_store(store, "csv", tmp_path / "g.csv")
    assert (tmp_path / "g.csv").read_bytes().startswith(b"\xef\xbb\xbfhanja,")


def test_markdown_escapes_html_and_pipes(store: Store) -> None:
    store.set_note(HANGZHOU, "a | b\nc")
    text = render_markdown(store.terms())
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    row = "| 杭州 | 항저우 | transcription | háng zhōu |   | 항주 |   |   | new | a \\| b c |"
    assert row in text
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 12 for line in text.splitlines())


def test_export_store_filters_and_counts(store: Store, tmp_path: Path) -> None:
    store.set_status(HANGZHOU, "known")
    assert export_store(store, "tsv", tmp_path / "k.tsv", status="known") == 1
    assert export_store(store, "md", tmp_path / "t.md", kind="transcription") == 7
    with pytest.raises(ValueError):
        export_store(store, "pdf", tmp_path / "x.pdf")


def _exported(store: Store, fmt: str, tmp_path: Path, **options: object) -> str:
    path = tmp_path / f"out-{len(list(tmp_path.iterdir()))}.{fmt}"
    export_store(store, fmt, path, **options)  # type: ignore[arg-type]
    if fmt != "apkg":
        return path.read_text(encoding="utf-8-sig")
    import sqlite3
    import zipfile

    with zipfile.ZipFile(path) as package:
        data = package.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    guids = [row[0] for row in db.execute("SELECT guid FROM notes")]
    db.close()
    return "\n".join(guids)


@pytest.mark.parametrize("fmt", ["apkg", "tsv", "csv", "json", "md"])
def test_ignored_terms_stay_out_unless_asked(fmt: str, tmp_path: Path, sample: Glossary) -> None:
    store = open_store(tmp_path / "g.sqlite3")
    store.add_glossary(sample)
    store.add_glossary(build_glossary(read_document(DATA / "chinese-names.txt")))
    store.set_status(BEIJING, "ignored")
    out = tmp_path / "out"
    out.mkdir()
    name = {
        "apkg": genanki.guid_for(*BEIJING),
        "tsv": genanki.guid_for(*BEIJING, "basic"),
        "csv": "北京,베이징",
        "md": "| 北京 | 베이징 |",
    }
    row = name.get(fmt, '"hangul": "베이징"')
    everything = len(store.terms())
    assert STUDIED == ("new", "learning", "known")
    if fmt == "json":  # The lossless export keeps the whole glossary for `import`.
        assert export_store(store, fmt, out / f"a.{fmt}") == everything
        assert row in _exported(store, fmt, out)
    else:
        assert export_store(store, fmt, out / f"a.{fmt}") == everything - 1
        assert row not in _exported(store, fmt, out)
    assert export_store(store, fmt, out / f"b.{fmt}", status="ignored") == 1
    assert row in _exported(store, fmt, out, status="ignored")
    chosen = ["new", "ignored"]
    assert export_store(store, fmt, out / f"c.{fmt}", status=chosen) == everything
    assert row in _exported(store, fmt, out, status=chosen)


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
