"""Words inside hanja runs: a quotation, 국한문혼용, a note or a Chinese document, word by word.

A run of hanja with no gloss ("我们要坚持改革开放", 國家賴之) is one bare candidate when it is
found; here it becomes one bare place per word (CC-CEDICT's longest match, libhangul's words,
names and numbers, by :mod:`glossary.dictionary.segment`), so each word is a term of its own with
its pinyin, forms and Sino-Korean reading. The run stays in the text around its words, for a
reader that shows the whole quotation (:func:`run_around`). Hanja inside a gloss's note
(시진핑(習近平·中國 國家主席)) are words of their own too, not part of the glossed term.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Literal, Protocol

from glossary.engine.cjk import HANJA_CLASS, is_hanja
from glossary.model import Occurrence, unified_hanja


class Segmenter(Protocol):
    """What splits a run into words (:class:`glossary.dictionary.segment.Segmenter`)."""

    def segment(self, text: str) -> list[tuple[int, int]]:
        """The words of a text as (start, end) offsets."""

Language = Literal["ko", "zh"]
# A document is read as Chinese when at least this share of its hangul and hanja is hanja
# (國漢文混用 writes particles and endings in hangul, so it stays Korean).
CHINESE_SHARE = 0.9


@functools.cache
def _hanja_run() -> re.Pattern[str]:
    return re.compile(f"[{HANJA_CLASS}]+")


@functools.cache
def _hangul() -> re.Pattern[str]:
    return re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


def language_of(text: str, sample: int = 200_000) -> Language:
    """Tell whether a text is Korean or mostly Chinese (simplified or traditional).

    Args:
        text: The document text.
        sample: How many characters from the start (and as many from the middle) to count;
            a long text is judged on a sample.

    Returns:
        ``zh`` when hanja make at least nine tenths of its hangul and hanja letters,
            else ``ko``.
    """
    if len(text) > 2 * sample:
        middle = len(text) // 2
        text = text[:sample] + text[middle : middle + sample]
    hanja = sum(m.end() - m.start() for m in _hanja_run().finditer(text))
    if not hanja:
        return "ko"
    hangul = len(_hangul().findall(text))
    return "zh" if hanja >= CHINESE_SHARE * (hanja + hangul) else "ko"


def words_of_runs(
    text: str, bare: Iterable[tuple[str, Occurrence]], segmenter: Segmenter | None
) -> list[tuple[str, Occurrence]]:
    """Split bare runs of hanja into one bare place per word.

    Args:
        text: The document text.
        bare: Bare places as (hanja, occurrence), in text order.
        segmenter: The word splitter; None keeps every run whole (no dictionary).

    Returns:
        (word, occurrence) pairs in text order; a run of one word is kept as it was.
    """
    if segmenter is None:
        return list(bare)
    out: list[tuple[str, Occurrence]] = []
    for hanja, occurrence in bare:
        if len(hanja) < 2:
            out.append((hanja, occurrence))
            continue
        out.extend(_words(text, hanja, occurrence, segmenter))
    return out


def _words(
    text: str, hanja: str, occurrence: Occurrence, segmenter: Segmenter
) -> Iterator[tuple[str, Occurrence]]:
    start, end = occurrence.hanja_start, occurrence.hanja_end
    # Compatibility ideographs (音樂 with U+F914) are matched as their unified forms.
    spans = segmenter.segment(unified_hanja(text[start:end]))
    if len(spans) <= 1 or text[start:end] != hanja:
        yield hanja, occurrence
        return
    sentence, note = occurrence.sentence, occurrence.note
    # A Chinese document has a place per word: built directly, not by dataclasses.replace
    # (a fifth of the time).
    for a, b in spans:
        word = text[start + a : start + b]
        if not is_hanja(word[0]):
            continue  # A space or a name dot between words, not a word.
        at, to = start + a, start + b
        yield word, Occurrence(at, to, at, to, None, None, sentence, note)


def note_runs(text: str, occurrence: Occurrence) -> list[tuple[str, Occurrence]]:
    """The hanja inside a glossed place's note, as bare places of their own.

    시진핑(習近平·中國 國家主席): the note ``中國 國家主席`` holds two runs, 中國 and 國家主席.

    Args:
        text: The document text.
        occurrence: A glossed place.

    Returns:
        (run, occurrence) pairs for each run of hanja after the glossed hanja, before the
        place's end; none when the note holds no hanja.
    """
    if not occurrence.note:
        return []
    start = max(occurrence.hanja_end, occurrence.gloss_end or 0)
    return [
        (
            m.group(),
            Occurrence(
                start=m.start(),
                end=m.end(),
                hanja_start=m.start(),
                hanja_end=m.end(),
                gloss_start=None,
                gloss_end=None,
                sentence=occurrence.sentence,
            ),
        )
        for m in _hanja_run().finditer(text, start, occurrence.end)
    ]


def run_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole run of hanja (spaces and name dots between hanja included) around a word.

    Args:
        text: The document text.
        start: Where the word starts.
        end: Where it ends.

    Returns:
        The run's (start, end); the word's own span when it stands alone.
    """
    inside = _hanja_run()
    while start > 0 and (
        inside.match(text, start - 1, start)
        or (start > 1 and text[start - 1] in " ·" and inside.match(text, start - 2, start - 1))
    ):
        start -= 1
    while end < len(text) and (
        inside.match(text, end, end + 1)
        or (end + 1 < len(text) and text[end] in " ·" and inside.match(text, end + 1, end + 2))
    ):
        end += 1
    return start, end
