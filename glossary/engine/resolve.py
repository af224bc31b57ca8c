"""Resolving a gloss candidate: how far its gloss and hanja reach, and its occurrence."""

from __future__ import annotations

import functools
import re

from glossary.engine.cjk import HANJA_CLASS
from glossary.engine.enrich import Enricher
from glossary.engine.extract import Candidate, Sentences, words_before
from glossary.engine.kinds import reads_tail
from glossary.model import Occurrence

# How many words before the last one a gloss always tries when the hanja spell them too
# (more while the words taken are the end of a reading: see _widen).
MAX_EXTRA_WORDS = 2


def resolve(
    text: str, cand: Candidate, enricher: Enricher, sentences: Sentences
) -> tuple[Occurrence, str, str]:
    """Where a candidate's gloss and hanja really start, and the occurrence they make.

    The gloss may reach back over words the hanja spell too (진 소왕(秦昭王)) or over the
    name before a title (쑨원 선생(孫文)); hanja written first may reach back over hanja
    words the gloss reads (雲養 金允植(운양 김윤식)); hanja first with a Korean explanation
    (佛敎(교종)) are bare hanja with the explanation as their note.

    Args:
        text: The text.
        cand: The candidate.
        enricher: The enricher (classifies glosses).
        sentences: The text's sentences.

    Returns:
        The occurrence, its hanja and its gloss ("" when it is bare hanja after all).
    """
    hanja = text[cand.hanja_start : cand.hanja_end]
    gloss_start, gloss_end = cand.gloss_start, cand.gloss_end
    start = cand.start
    if gloss_start is not None and gloss_end is not None and not cand.quoted:
        if (
            gloss_start < cand.hanja_start
            and not enricher.classify(text[gloss_start:gloss_end], hanja).spelled
        ):
            wider = _widen(text, gloss_start, gloss_end, hanja, enricher)
            if wider == gloss_start and text[gloss_start:gloss_end] in _TITLES:
                span = _before_title(text, gloss_start, gloss_end, hanja, enricher)
                gloss_start, gloss_end = span
            gloss_start = start = min(wider, gloss_start)
        cut = enricher.trim(text[gloss_start:gloss_end], hanja)
        if cut and gloss_start < cand.hanja_start:
            gloss_start += cut
            start = gloss_start
    gloss = text[gloss_start:gloss_end] if gloss_start is not None else ""
    note = cand.note
    hanja_start = cand.hanja_start
    if gloss and cand.hanja_first and not enricher.classify(gloss, hanja).spelled:
        # 雲養 金允植(운양 김윤식): the hanja words before may be read by the gloss too.
        reach = _hanja_words_before(text, hanja_start, cand.hanja_end, gloss, enricher)
        if reach is not None:
            hanja_start = start = reach
            hanja = text[hanja_start : cand.hanja_end]
    if gloss and cand.hanja_first and not enricher.classify(gloss, hanja).spelled:
        # 佛敎(교종): hanja first and a Korean explanation, not a reading: bare hanja with
        # the explanation as its note.
        note = f"{gloss} · {note}" if note else gloss
        gloss, gloss_start, gloss_end = "", None, None
    if gloss and " " in hanja and " " not in gloss:
        hanja = hanja.replace(" ", "")  # 항저우(杭 州): one word, its hanja spaced apart.
    occurrence = Occurrence(
        start=start,
        end=cand.end,
        hanja_start=hanja_start,
        hanja_end=cand.hanja_end,
        gloss_start=gloss_start,
        gloss_end=gloss_end,
        sentence=sentences.around(start, cand.end),
        note=note,
    )
    return occurrence, hanja, gloss


# Titles written after a name and before its hanja: 쑨원 선생(孫文), 시진핑 주석(習近平).
_TITLES = frozenset(
    (
        *("선생", "씨", "여사", "옹", "군", "양", "님", "동지", "스님"),
        *("대통령", "주석", "국가주석", "부주석", "총리", "부총리", "총서기", "총통", "수상"),
        *("위원장", "장관", "회장", "사장", "교수", "박사", "장군", "원수", "국왕", "황제"),
        *("왕", "대사", "의원"),
    )
)


def _before_title(
    text: str, start: int, end: int, hanja: str, enricher: Enricher
) -> tuple[int, int]:
    """The gloss span: the name before the title text[start:end] when the hanja spell it
    (쑨원 of 쑨원 선생(孫文)), else the title's own span."""
    for wider in words_before(text, start, MAX_EXTRA_WORDS):
        if enricher.classify(text[wider : start - 1], hanja).spelled:
            return wider, start - 1
    return start, end


def _hanja_words_before(
    text: str, start: int, end: int, gloss: str, enricher: Enricher
) -> int | None:
    """Where hanja glossed after them by several words start: 雲養 金允植(운양 김윤식) reaches
    back over 雲養 when the gloss reads both words; None when no wider hanja are read."""
    run = _hanja_run_end()
    for _ in range(MAX_EXTRA_WORDS):
        if start < 2 or text[start - 1] != " ":
            return None
        found = run.search(text, max(0, start - 41), start - 1)
        if found is None:
            return None
        start = found.start()
        if enricher.classify(gloss, text[start:end]).spelled:
            return start
    return None


@functools.cache
def _hanja_run_end() -> re.Pattern[str]:
    """A run of hanja that ends where the search does."""
    return re.compile(f"[{HANJA_CLASS}]+$")


def _widen(text: str, gloss_start: int, gloss_end: int, hanja: str, enricher: Enricher) -> int:
    """Where a gloss starts once it takes the words before it that the hanja spell.

    진 소왕(秦昭王), 진하 겸 사은 정사(進賀兼謝恩正使): the hanja may spell more than the
    last word. The gloss reaches back word by word (only over single spaces and name dots:
    never past a quote, bracket, sentence end or line break) while the words taken are still
    the end of a reading, and takes them when the whole gloss is a reading.
    """
    slots = enricher.info(hanja).slots
    # Each word spells at least one character; the first few words are always tried.
    reach = max(MAX_EXTRA_WORDS, len(slots) - 1)
    for taken, wider in enumerate(words_before(text, gloss_start, reach), 1):
        piece = text[wider:gloss_end]
        if enricher.classify(piece, hanja).spelled:
            return wider
        if taken >= MAX_EXTRA_WORDS and not reads_tail(piece, slots):
            break
    return gloss_start
