"""Suggestions find the same words whether the text is scanned by automaton or word by word."""

from __future__ import annotations

import random

import pytest

from glossary import Glossary, build_glossary, document_from_text, read_document
from glossary.dictionary import suggest as suggesting
from glossary.dictionary.index import CedictIndex
from glossary.model import Suggestion
from tests.glossary.cedict_support import real_index

# Words a name runs on into, after which it is no name, and next to Latin letters and digits.
TRICKY = (
    "AI선전 모델, 홍보선전 활동. 선전의 속도, 선전시장과 선전시에서, 바이두바이두 검색, "
    "지난해 지난 주, 3선전, 선전\ud800은, 항저우시, 마윈은 항저우 출신이다."
)


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> CedictIndex:
    return real_index(tmp_path_factory)


def _texts() -> list[str]:
    """The sample article, tricky words, and the article's words shuffled with noise."""
    article = read_document().text
    rng = random.Random(20)
    syllables = [chr(c) for c in range(0xAC00, 0xD7A4)]
    texts = [article, TRICKY]
    for _ in range(6):
        words = [*article.split(), *TRICKY.split()]
        rng.shuffle(words)
        noisy = [
            w
            if rng.random() < 0.8
            else "".join(rng.choices(syllables, k=rng.randint(1, 4)))
            + rng.choice(["", "의", "은", "시에서", "x", "1"])
            for w in words
        ]
        texts.append(" ".join(noisy))
    return texts


def _both(text: str, index: CedictIndex, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    glossary: Glossary = build_glossary(document_from_text(text), dictionary=False)
    found: list[object] = []
    for scan_from in (0, 10**12):  # The automaton for every text, then for none.
        monkeypatch.setattr(suggesting, "SCAN_FROM", scan_from)
        found.append(suggesting.suggest(text, glossary.terms, index, min_confidence=0))
    return found


def test_the_automaton_and_the_word_by_word_scan_agree(
    real: CedictIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    for text in _texts():
        by_automaton, by_word = _both(text, real, monkeypatch)
        assert by_automaton == by_word


def test_tricky_words_are_found_or_left_as_they_should(
    real: CedictIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_automaton, _ = _both(TRICKY, real, monkeypatch)
    assert isinstance(by_automaton, tuple)
    found: dict[str, Suggestion] = {s.hangul: s for s in by_automaton}
    shenzhen = found["선전"]
    # 선전의, 선전시에서, 선전(U+FFFD)은; not AI선전, 홍보선전, 3선전; 선전시장 counts against.
    assert [TRICKY[p.end] for p in shenzhen.places] == ["의", "시", "\ud800"]
    assert shenzhen.candidates[0].hanja == "深圳"
    assert "바이두" not in found  # 바이두바이두 runs on.


def test_a_text_without_hangul_words_is_not_scanned(
    real: CedictIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Chinese document: nothing to suggest, and the automaton (50 ms to build) stays unbuilt.
    monkeypatch.setattr(suggesting, "SCAN_FROM", 0)
    monkeypatch.delitem(real.__dict__, "proper_matcher", raising=False)
    chinese = "杭州人工智能小镇位于余杭区未来科技城。" * 10
    assert suggesting.suggest(chinese, (), real) == ()
    assert "proper_matcher" not in real.__dict__
    assert suggesting.suggest("선전의 공장. " + chinese, (), real)  # One hangul word will do.
