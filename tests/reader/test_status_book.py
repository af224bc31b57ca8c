"""The study marks kept for a session: counting the marked among many terms."""

from __future__ import annotations

from reader.status import StatusBook


def test_marked_counts_the_marked_among_the_keys_given() -> None:
    book = StatusBook()
    keys = frozenset((f"字{n}", "") for n in range(1000))
    assert book.marked(keys) == 0
    book.set(("字1", ""), "known")
    book.set(("字2", ""), "learning")
    book.set(("他", "타"), "ignored")  # another document's term
    assert book.marked(keys) == 2
    book.set(("字2", ""), "new")  # marking new forgets it
    assert book.marked(keys) == 1
    # More marks than keys: counted the other way round, the same.
    for n in range(1000, 3000):
        book.set((f"字{n}", ""), "known")
    assert book.marked(frozenset({("字1", ""), ("字1500", ""), ("字2", "")})) == 2
