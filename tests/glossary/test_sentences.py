"""The sentence each place is shown and stored with, however many places share a sentence."""

from __future__ import annotations

import random

from glossary.engine.sentences import Sentences


def test_places_in_one_sentence_share_it() -> None:
    text = "杭州人工智能小镇位于余杭区，我们要坚持改革开放。第二句话在这里。"
    sentences = Sentences(text)
    first = sentences.around(0, 2)
    assert first == "杭州人工智能小镇位于余杭区，我们要坚持改革开放。"
    assert sentences.around(19, 21) is first  # 改革: the same string, not a copy.
    assert sentences.around(24, 26) == "第二句话在这里。"


def test_a_long_sentence_is_cut_around_each_place() -> None:
    text = "가" * 50 + "杭州" + "나" * 50 + "."
    sentences = Sentences(text, limit=10)
    assert sentences.around(50, 52) == "가" * 10 + "杭州" + "나" * 10
    assert sentences.around(0, 2) == "가" * 12


def test_windows_of_a_text_without_sentence_ends_are_not_kept() -> None:
    text = "學而時習之不亦說乎" * 2000  # Classical text as stored, unpunctuated: one sentence.
    sentences = Sentences(text, limit=300)
    starts = range(0, len(text) - 2, 3)
    windows = [sentences.around(at, at + 2) for at in starts]
    assert windows == [text[max(0, at - 300) : at + 302] for at in starts]
    # Each word's window is made when asked and dropped after: the cache of whole sentences
    # does not grow with such a text (it held one window per word, 500 MB for 1 MB of it).
    assert not sentences._cut


def test_any_order_of_places_gives_the_sentence_a_fresh_reader_gives() -> None:
    rng = random.Random(3)
    alphabet = "가나다 .?!\n。”)ab"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300)))
        limit = rng.choice([3, 10, 300])
        reused = Sentences(text, limit)
        spans = []
        for _ in range(40):
            a = rng.randrange(len(text))
            spans.append((a, rng.randint(a + 1, min(len(text), a + 30))))
        if rng.random() < 0.5:
            spans.sort()
        for a, b in spans:
            assert reused.around(a, b) == Sentences(text, limit).around(a, b), (text, a, b)
