"""Properties of the engine on any text: it never raises, offsets hold, output is stable."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary import Enricher, extract_text, glossary_to_dict

ENRICHER = Enricher()

# Text built from the pieces glosses are made of, so that the engine's paths are exercised
# far more often than by uniformly random characters.
PIECES = st.sampled_from(
    [
        "덩샤오핑", "항저우", "갑", "AI타운", "서울시청", "3", "G20", "  ", "\n", "‘", "’", "“",
        "”", "·", ",", "(", ")", "（", "）", "((", "))", "鄧小平", "杭州", "甲", "人工知能小鎭",
        "市廳", "中", "韓美", "\uf914", "硏", "武汉", "漢字", "한자", "이하", "의", "구", "는 ",
        ".", "다. ", "\x00", "\x07", "\ud800", "🙂", "\u0301",
    ]
)  # fmt: skip
GLOSSY_TEXT = st.lists(PIECES, max_size=40).map("".join)


def _check(text: str) -> None:
    glossary = extract_text(text, ENRICHER)
    text = glossary.document.text  # Offsets are into the text as read: newlines normalised.
    for term in glossary.terms:
        assert term.kind in ("transcription", "sino", "translation", "mixed", "bare")
        for occ in term.occurrences:
            assert 0 <= occ.start <= occ.hanja_start < occ.hanja_end <= occ.end <= len(text)
            assert text[occ.hanja_start : occ.hanja_end] == term.hanja
            if occ.gloss_start is not None:
                assert occ.gloss_end is not None
                assert text[occ.gloss_start : occ.gloss_end] == term.hangul
            else:
                assert term.hangul == "" or any(o.gloss_start is not None for o in term.occurrences)
        for mention in term.mentions:
            assert text[mention.start : mention.end] == term.hangul
    assert glossary_to_dict(extract_text(text, ENRICHER)) == glossary_to_dict(glossary)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GLOSSY_TEXT)
def test_any_glossy_text(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text(text: str) -> None:
    _check(text)


def test_occurrences_never_overlap() -> None:
    text = "(리밍(李明), 왕팡(王芳) 기자) 덩샤오핑(鄧小平)((鄧小平)) 中(중)國"
    spans = sorted(
        (o.start, o.end) for t in extract_text(text, ENRICHER).terms for o in t.occurrences
    )
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
