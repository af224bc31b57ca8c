"""What cards say: tone colours, kinds, standard spellings, readings (no app)."""

from __future__ import annotations

from dataclasses import replace

from textual.content import Content

from glossary import Document, Term, build_glossary
from reader.term_info import kind_line, term_card
from reader.tones import PALETTE_ORDER, PALETTES, next_palette, pinyin_content, tone_of


def _term(sample: Document, hanja: str) -> Term:
    return next(t for t in build_glossary(sample).terms if t.hanja == hanja)


def _colour_of(content: Content, text: str) -> str:
    start = content.plain.index(text)
    styles = [s.style for s in content.spans if s.start <= start < s.end]
    assert styles, f"{text!r} has no style"
    return str(styles[-1])


def test_tone_of_reads_numbered_syllables_only() -> None:
    assert [tone_of(s) for s in ("deng4", "xiao3", "ping2", "ma5", "lü4")] == [4, 3, 2, 5, 4]
    assert tone_of("3") is None and tone_of("AI") is None


def test_pinyin_is_coloured_by_tone_in_each_palette() -> None:
    for name in PALETTES:
        content = pinyin_content("dèng xiǎo píng", "deng4 xiao3 ping2", name)
        assert content.plain == "dèng xiǎo píng"
        # Theme variables: the palette's hue, made readable in each theme (test_contrast).
        assert _colour_of(content, "dèng") == f"$tone-{name}-4"
        assert _colour_of(content, "xiǎo") == f"$tone-{name}-3"
        assert _colour_of(content, "píng") == f"$tone-{name}-2"
    plain = pinyin_content("dèng xiǎo píng", "deng4 xiao3 ping2", "none")
    assert plain.plain == "dèng xiǎo píng" and not plain.spans


def test_digits_in_pinyin_get_no_tone_colour() -> None:
    content = pinyin_content("3 jiǎ", "3 jia3", PALETTE_ORDER[0])
    assert [content.plain[s.start : s.end] for s in content.spans] == ["jiǎ"]


def test_palettes_cycle_through_none() -> None:
    seen = [PALETTE_ORDER[0]]
    for _ in range(len(PALETTE_ORDER)):
        seen.append(next_palette(seen[-1]))
    assert seen[-1] == seen[0] and "none" in seen
    assert len(PALETTES) == 2


def test_card_shows_forms_readings_hun_eum_kind_and_uses(sample: Document) -> None:
    text = term_card(_term(sample, "鄧小平"), palette="mdbg").plain
    for expected in ("鄧小平", "덩샤오핑", "邓小平", "dèng xiǎo píng", "등소평", "나라 이름 등"):
        assert expected in text
    assert "standard" in text and "non-standard" not in text
    assert "1 place: 1 glossed, 0 mentions" in text
    hangzhou = term_card(_term(sample, "杭州"), palette="mdbg").plain
    assert "16 places: 1 glossed, 15 mentions" in hangzhou


def test_non_standard_transcription_names_the_standard_form(sample: Document) -> None:
    odd = replace(_term(sample, "鄧小平"), hangul="등샤오핑")
    assert kind_line(odd).plain == "Mandarin transcription · non-standard, standard: 덩샤오핑"


def test_note_kind_note_and_meanings_show_when_present(sample: Document) -> None:
    assert "최고등급" in term_card(_term(sample, "3甲"), palette="none").plain
    mixed = term_card(_term(sample, "未來科技成"), palette="none").plain
    assert "미래과기 is the Sino-Korean reading" in mixed
    assert "meaning" not in mixed

    class WithMeanings:
        def __init__(self, term: Term) -> None:
            self._term = term
            self.meanings = ("Hangzhou, capital of Zhejiang",)

        def __getattr__(self, name: str) -> object:
            return getattr(self._term, name)

    card = term_card(WithMeanings(_term(sample, "杭州")), palette="none")  # type: ignore[arg-type]
    assert "Hangzhou, capital of Zhejiang" in card.plain


def test_character_entries_are_packed_to_the_width(sample: Document) -> None:
    term = _term(sample, "人工知能小鎭")
    narrow = term_card(term, palette="none", width=20).plain.splitlines()
    wide = term_card(term, palette="none", width=80).plain.splitlines()
    assert len(narrow) > len(wide)
