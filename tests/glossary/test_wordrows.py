"""A bare word's place rows, made when read: the same rows, pickled small, written alike."""

from __future__ import annotations

import pickle

from glossary.store.wordrows import WordRows, word_rows

TEXT = "改革开放。我们要改革。改革!"
STARTS = [0, 8, 11]
SENTENCES = ["改革开放。", "我们要改革。", "改革!"]
IN_SENTENCE = [0, 3, 0]  # Where the word starts in each place's sentence.


def _as_tuples() -> tuple[tuple[object, ...], ...]:
    return tuple(
        (s, s + 2, s, s + 2, None, None, "改革", sentence, "", at)
        for s, sentence, at in zip(STARTS, SENTENCES, IN_SENTENCE, strict=True)
    )


def test_the_rows_read_as_the_tuple_of_rows_they_stand_for() -> None:
    rows = word_rows(TEXT, STARTS, 2, SENTENCES)
    assert isinstance(rows, WordRows)
    expected = _as_tuples()
    assert rows == expected and tuple(rows) == expected and len(rows) == 3
    assert rows[1] == expected[1] and rows[-1] == expected[-1] and rows[1:] == expected[1:]
    assert rows != expected[:2] and rows != (*expected[:2], expected[0])


def test_they_pickle_to_the_same_rows_in_less_room_than_tuples() -> None:
    many = WordRows(range(0, 300_000, 3), 2, "改革", ["改革开放。"] * 100_000)
    back = pickle.loads(pickle.dumps(many))
    assert back == many and back[99_999] == many[99_999]
    assert len(pickle.dumps(many)) < len(pickle.dumps(tuple(many))) / 2


def test_a_word_written_two_ways_gets_a_row_with_each_way() -> None:
    text = "鎭江 鎮江"  # A Korean variant shape and the Chinese one: one term.
    rows = word_rows(text, [0, 3], 2, ["鎭江", "鎮江"])
    assert [row[6] for row in rows] == ["鎭江", "鎮江"]


def test_each_row_says_where_its_word_stands_in_its_sentence() -> None:
    text = "人民代表大会的人很多。人人都说：人。"
    sentences = ["人民代表大会的人很多。", "人人都说：人。", "人人都说：人。"]
    rows = word_rows(text, [7, 11, 16], 1, sentences)
    assert [row[9] for row in rows] == [7, 0, 5]
    assert all(row[7][row[9]] == "人" for row in rows)  # type: ignore[index]
    # A sentence that is not the text around the place (made elsewhere): not known.
    assert [row[9] for row in word_rows(text, [7], 1, ["他说：人。"])] == [None]
    assert pickle.loads(pickle.dumps(rows)) == rows
