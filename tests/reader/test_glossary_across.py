"""The glossary table across articles: a docs column, ranking by it, other glosses."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from glossary import Document, build_glossary, extract_text
from glossary.paths import db_path
from glossary.sources.files import document_from_text
from glossary.store import open_store
from reader.across import across
from reader.app import ReaderApp
from tests.reader.helpers import column, open_table

# Two more articles: 浙江 glossed 저장 as in the sample, 杭州 glossed 항주 (not 항저우).
OTHERS = (
    ("b.txt", "둘째 기사", "항주(杭州)는 저장(浙江)성의 성도다."),
    ("c.txt", "셋째 기사", "저장(浙江)의 항주(杭州)."),
)


def _fill_store(sample: Document, folder: Path) -> None:
    """The sample article and the two others, in the user's glossary store."""
    with open_store(db_path()) as store:
        store.add_glossary(build_glossary(sample, dictionary=False))
        for name, title, text in OTHERS:
            document = document_from_text(text, path=str(folder / name), title=title)
            store.add_glossary(build_glossary(document, dictionary=False))


async def test_the_table_ranks_by_articles_and_shows_other_glosses(
    sample: Document, tmp_path: Path
) -> None:
    _fill_store(sample, tmp_path)
    app = ReaderApp(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await open_table(pilot)
        hanja = column(table, "hanja")
        docs = dict(zip(hanja, column(table, "docs"), strict=True))
        # The article being read is stored too, and counts once.
        assert (docs["浙江"], docs["杭州"], docs["鄧小平"]) == ("3", "1", "1")

        await pilot.press("ctrl+r")  # most articles first
        await pilot.pause()
        assert column(table, "hanja")[0] == "浙江"
        table.move_cursor(row=0)  # the re-sort kept the cursor on its term: go to the top
        await pilot.pause()
        title = screen.query_one("#table-title", Static)
        assert str(title.content) == "Glossary: 12 of 12 terms · most articles first"
        assert [int(d) for d in column(table, "docs")] == sorted(map(int, docs.values()))[::-1]
        # Then the most uses: of the terms in one article, 杭州 is used the most (16 times).
        assert column(table, "hanja")[1] == "杭州"
        detail = screen.query_one("#term-detail", Static)
        assert str(detail.content) == "浙江 저장 · 3 articles · no other gloss in your articles"

        await pilot.press("down")
        await pilot.pause()
        assert str(detail.content) == (
            "杭州 항저우 · 1 article · also 항주 (sino): 둘째 기사, 셋째 기사"
        )

        await pilot.press("ctrl+r")  # most uses first
        await pilot.pause()
        uses = [int(u) for u in column(table, "uses")]
        assert uses == sorted(uses, reverse=True)
        await pilot.press("ctrl+r")  # back to the order of the text
        await pilot.pause()
        assert column(table, "hanja") == hanja


async def test_without_the_store_there_is_no_docscolumn(sample: Document) -> None:
    db_path().parent.mkdir(parents=True, exist_ok=True)
    db_path().write_bytes(b"not a database at all" * 100)
    app = ReaderApp(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await open_table(pilot)
        assert "docs" not in [str(c.value) for c in table.columns]
        detail = str(screen.query_one("#term-detail", Static).content)
        assert detail.startswith(column(table, "hanja")[0])
        assert detail.endswith("no other gloss in this article")


def test_other_glosses_within_the_text_without_the_store() -> None:
    glossary = extract_text("항저우(杭州)에서 온 항주(杭州) 사람")
    found = across(glossary.terms, None)
    assert [(o.hangul, o.articles) for o in found[("杭州", "항저우")].others] == [
        ("항주", ("this article",))
    ]
    assert found[("杭州", "항주")].articles is None
