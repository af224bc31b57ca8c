"""``extract --format json`` is written term by term, in the documented layout."""

from __future__ import annotations

import json

from glossary import Glossary, build_glossary, document_from_text
from glossary.cli.formats import render_json, write_json
from glossary.model import glossary_to_dict


class _Pieces:
    """A stream that keeps each write apart."""

    def __init__(self) -> None:
        self.pieces: list[str] = []

    def write(self, text: str) -> int:
        self.pieces.append(text)
        return len(text)


def _layout(glossary: Glossary) -> str:
    """The documented layout: two-space members, each list item on a line of its own."""
    data = glossary_to_dict(glossary)
    parts = ['{\n  "document": ' + json.dumps(data.pop("document"), ensure_ascii=False)]
    for key, items in data.items():
        lines = ",\n    ".join(json.dumps(item, ensure_ascii=False) for item in items)
        parts.append(f'"{key}": ' + (f"[\n    {lines}\n  ]" if lines else "[]"))
    return ",\n  ".join(parts) + "\n}"


def test_one_document_is_one_object_written_a_term_at_a_time(sample: Glossary) -> None:
    out = _Pieces()
    write_json([sample], out)
    text = "".join(out.pieces)
    assert text == _layout(sample) + "\n" == render_json([sample])
    assert json.loads(text) == glossary_to_dict(sample)
    assert len(out.pieces) > len(sample.terms) + len(sample.suggestions)
    longest = max(
        len(json.dumps(glossary_to_dict(sample)["terms"][i], ensure_ascii=False))
        for i in range(len(sample.terms))
    )
    assert max(map(len, out.pieces)) <= longest + len(",\n    ")


def test_several_documents_are_a_list_and_empty_lists_stay_on_their_line(
    sample: Glossary,
) -> None:
    empty = build_glossary(document_from_text("글자뿐인 글."), dictionary=False)
    out = _Pieces()
    write_json([sample, empty], out)
    text = "".join(out.pieces)
    assert text == "[\n" + _layout(sample) + ",\n" + _layout(empty) + "\n]\n"
    assert '"terms": [],\n  "suggestions": []\n}' in text
    assert json.loads(text) == [glossary_to_dict(sample), glossary_to_dict(empty)]


def test_a_chinese_documents_word_places_are_written_as_the_model_gives_them() -> None:
    # Word places kept as offsets are encoded apart, quickly: the same text as json.dumps.
    text = (
        '杭州人工智能小镇位于余杭区。他说：“"小镇"\\很好。”\n' * 3
        + "习近平(시진핑)说。（记者刘振英、新华社记者张宿堂）记者说。"
    )
    glossary = build_glossary(document_from_text(text), dictionary=False)
    assert glossary.document.language == "zh"
    assert any(type(t.occurrences).__name__ == "WordPlaces" for t in glossary.terms)
    assert any(getattr(t.occurrences, "notes", None) for t in glossary.terms)  # A note kept.
    assert render_json([glossary]) == _layout(glossary) + "\n"


def test_a_place_that_reads_otherwise_than_its_term_says_how() -> None:
    # 为 is read wéi at most of its places here, so the term is wéi; at 他为国家 it is wèi, and
    # the JSON says so there (the reader's card and y line read each place; a script reading
    # the JSON now can too).
    text = "他为国家做了很多事。我们以经济建设为中心。比例为１０％。他被选为主席。"
    glossary = build_glossary(document_from_text(text), dictionary=False)
    data = json.loads(render_json([glossary]))
    wei = next(t for t in data["terms"] if t["hanja"] == "为")
    assert wei["pinyin"] == "wéi"
    places = {p["start"]: (p.get("pinyin"), p.get("pinyin_numbered")) for p in wei["occurrences"]}
    assert places == {1: ("wèi", "wei4"), 17: (None, None), 23: (None, None), 31: (None, None)}
    assert render_json([glossary]) == _layout(glossary) + "\n"
    # No other term's places say anything more.
    others = [p for t in data["terms"] if t["hanja"] != "为" for p in t["occurrences"]]
    assert not any("pinyin" in p for p in others)
