"""``export --format pleco``: Pleco's flashcard import text, checked to the byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary import build_glossary, document_from_text
from glossary.cli import main
from glossary.dictionary.build import ENV_VAR as CEDICT_ENV_VAR
from glossary.model import CharInfo, Term
from glossary.paths import DB_ENV_VAR
from glossary.store import open_store
from glossary.store.pleco import render_pleco
from glossary.store.records import StoredTerm

TEXT = "항저우(杭州)에서 덩샤오핑(鄧小平)이 北京에 갔다. 성리학(性理學)을 배웠다. 여자(女子)"
# A CC-CEDICT excerpt: the meanings on the cards do not depend on the real dictionary.
CEDICT = """\
# CC-CEDICT
杭州 杭州 [Hang2 zhou1] /Hangzhou/
北京 北京 [Bei3 jing1] /Beijing/
鄧小平 邓小平 [Deng4 Xiao3 ping2] /Deng Xiaoping (1904-1997), Chinese leader/
性 性 [xing4] /nature/character/
理 理 [li3] /texture/reason/
學 学 [xue2] /to learn/
"""
CARDS = (
    "//hanja-reader/Mandarin sound in hangul\n"
    "杭州\tHang2zhou1\tHangzhou; 항저우 (항주)\n"
    "邓小平[鄧小平]\tDeng4 Xiao3ping2\t"
    "Deng Xiaoping (1904-1997), Chinese leader; 덩샤오핑 (등소평)\n"
    "//hanja-reader/Sino-Korean reading\n"
    "性理学[性理學]\txing4li3xue2\tNeo-Confucianism; (study of li); "
    "by character: 性 nature / character; 理 texture / reason; 學 to learn; 성리학\n"
    "女子\tnü3zi3\t여자\n"
)
BARE = "//hanja-reader/hanja without hangul\n北京\tbei3jing1\tBeijing; 북경\n"


@pytest.fixture(autouse=True)
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small glossary with meanings from the excerpt: 北京 ignored, 性理學 given a meaning."""
    cedict = tmp_path / "cedict_ts.u8"
    cedict.write_text(CEDICT, encoding="utf-8")
    monkeypatch.setenv(CEDICT_ENV_VAR, str(cedict))
    path = tmp_path / "glossary.sqlite3"
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    with open_store(path) as store:
        store.add_glossary(build_glossary(document_from_text(TEXT)))
        store.set_status(("北京", ""), "ignored")
        store.set_meaning(("性理學", "성리학"), "Neo-Confucianism\n(study of li)")
    monkeypatch.chdir(tmp_path)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_file_holds_one_card_per_line_under_categories(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "export", "--format", "pleco", "-o", "cards.txt")
    assert (status, out, err) == (0, "wrote 4 terms to cards.txt\n", "")
    assert (tmp_path / "cards.txt").read_bytes() == CARDS.encode("utf-8")
    # An existing file is kept without --force, as in every export.
    status, _, err = run(capsys, "export", "-f", "pleco", "-o", "cards.txt")
    assert status == 2 and "already exists" in err


def test_standard_output_and_the_filters(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "export", "-f", "pleco", "-o", "-")
    assert (status, out, err) == (0, CARDS, "wrote 4 terms to standard output\n")
    # Ignored terms come only when asked for; --kind and --deck as for the other formats.
    status, out, _ = run(capsys, "export", "-f", "pleco", "-o", "-", "--status", "ignored")
    assert (status, out) == (0, BARE)
    status, out, _ = run(
        capsys, "export", "-f", "pleco", "-o", "-", "--kind", "sino", "--deck", "Chinese::HSK"
    )
    assert out.splitlines()[0] == "//Chinese/HSK/Sino-Korean reading"
    assert len(out.splitlines()) == 3


def _stored(term: Term, meaning: str = "") -> StoredTerm:
    return StoredTerm(term=term, meaning=meaning)


def test_names_numbers_umlauts_and_line_breaks() -> None:
    # The word's own hanja in a sense become ～, as on the cards: a test that shows the
    # definition does not show the answer.
    xi = Term(
        "習近平",
        "시진핑",
        "transcription",
        "习近平",
        "習近平",
        "xí jìn píng",
        "xi2 jin4 ping2",
        "습근평",
        "시진핑",
        meanings=("Xi Jinping (1953-), PRC president, also 習主席",),
    )
    green = Term("綠色", "녹색", "sino", "绿色", "綠色", "lǜ sè", "lu:4 se4", "녹색", "뤼써")
    first = Term(
        "3甲",
        "3갑",
        "sino",
        "3甲",
        "3甲",
        "3 jiǎ",
        "3 jia3",
        "3갑",
        "",
        chars=(CharInfo("甲", "甲", "甲", "jiǎ", "jia3", "갑", "갑옷 갑", ("armour", "first")),),
    )
    text = render_pleco(
        [_stored(green, "green\tcolour\n of leaves"), _stored(xi), _stored(first)], "Korean::Hanja"
    )
    assert text == (
        "//Korean/Hanja/Mandarin sound in hangul\n"
        "习近平[習近平]\tXi2 Jin4ping2\t"
        "Xi Jinping (1953-), PRC president, also ～; 시진핑 (습근평)\n"
        "//Korean/Hanja/Sino-Korean reading\n"
        "绿色[綠色]\tlü4se4\tgreen colour; of leaves; 녹색\n"
        "3甲\t3 jia3\tby character: 甲 armour / first; 3갑\n"
    )
    assert render_pleco([]) == ""
