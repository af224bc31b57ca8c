"""What a gloss is: Sino-Korean reading, Mandarin transcription, translation or a mix.

The gloss is aligned with the hanja one character (a *slot*) at a time: a slot may be read
by one of its Sino-Korean syllables, by its standard transcription (one or two syllables),
by a loose spelling of that transcription (티엔 for 톈), or, for digits and Latin letters,
by itself.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from glossary.engine.jamo import loose_key
from glossary.model import Kind, ReadingLanguage

SINO = "sino"
TRANSCRIPTION = "transcription"
_LOOSE = "loose"
_LITERAL = "literal"
_ALTERNATE = "alternate"
_UNREAD = "unread"


@dataclass(frozen=True)
class Slot:
    """One character of the hanja as the gloss may spell it.

    Attributes:
        char: The character.
        sino: Sino-Korean syllables it may be read as (두음 forms included where allowed).
        mandarin: Its standard Korean transcription ("" when it has none).
        literal: True for digits and Latin letters, which the gloss repeats as they are.
        alternates: Transcriptions of the character's other Mandarin readings (長: 창 beside
            장), tried only when no exact reading spells the gloss.
    """

    char: str
    sino: frozenset[str] = frozenset()
    mandarin: str = ""
    literal: bool = False
    alternates: tuple[str, ...] = ()

    @property
    def unread(self) -> bool:
        """True for a hanja that no data reads: no Sino-Korean syllable, no transcription."""
        return not (self.literal or self.sino or self.mandarin or self.alternates)

    @functools.cached_property
    def mandarin_key(self) -> str:
        """The loose key of the transcription (computed when a loose comparison needs it)."""
        return loose_key(self.mandarin)


@dataclass(frozen=True)
class Classification:
    """The kind of a gloss, which readings it matches, and a note for people.

    ``spelled`` is True when the slots spell the whole gloss (with any mix of readings).
    ``language`` names whose reading it is when that is not the kind's usual one (``ja``
    for a Japanese reading); "" lets the kind decide.
    """

    kind: Kind
    matches: tuple[str, ...]
    note: str
    spelled: bool = False
    language: ReadingLanguage = ""


def _steps(gloss: str, j: int, slot: Slot, keys: _Keys) -> Iterator[tuple[int, str]]:
    """Ways the slot can spell the gloss from position j: (length, how)."""
    if slot.literal:
        if gloss[j : j + 1].lower() == slot.char.lower():
            yield 1, _LITERAL
        return
    if gloss[j : j + 1] in slot.sino:
        yield 1, SINO
    if slot.mandarin:
        exact = len(slot.mandarin) if gloss.startswith(slot.mandarin, j) else 0
        if exact:
            yield exact, TRANSCRIPTION
        if not keys.enabled:
            return
        others = {len(o) for o in slot.alternates if gloss.startswith(o, j)}
        for length in others:
            yield length, _ALTERNATE
        for length in (1, 2, 3):
            if (
                length != exact
                and length not in others
                and j + length <= len(gloss)
                and keys.get(j, length) == slot.mandarin_key
            ):
                yield length, _LOOSE


class _Keys:
    """Loose keys of a gloss's short slices, each computed once per classification."""

    def __init__(self, gloss: str, enabled: bool = True) -> None:
        self.gloss = gloss
        self.enabled = enabled
        self.cache: dict[tuple[int, int], str] = {}

    def get(self, j: int, length: int) -> str:
        key = self.cache.get((j, length))
        if key is None:
            key = loose_key(self.gloss[j : j + length])
            self.cache[(j, length)] = key
        return key


def _forward(
    gloss: str, slots: Sequence[Slot], loose: bool = True, unread: bool = False
) -> list[dict[int, set[frozenset[str]]]]:
    """reach[i][j]: the sets of spellings by which slots[:i] spell gloss[:j].

    With ``loose`` False only exact readings count, which is enough for most glosses and
    much cheaper than comparing loose keys. With ``unread`` a character no data reads
    spells any one syllable (see :func:`_unchecked`).
    """
    reach: list[dict[int, set[frozenset[str]]]] = [{} for _ in range(len(slots) + 1)]
    reach[0][0] = {frozenset()}
    keys = _Keys(gloss, loose)
    for i, slot in enumerate(slots):
        for j, ways in reach[i].items():
            steps = _steps(gloss, j, slot, keys)
            if unread and slot.unread:
                steps = iter(((1, _UNREAD),) if j < len(gloss) else ())
            for length, how in steps:
                target = reach[i + 1].setdefault(j + length, set())
                target.update(w | {how} for w in ways)
    return reach


def _suffix_slots(gloss: str, slots: Sequence[Slot]) -> tuple[int, int]:
    """How many trailing slots spell a suffix of the gloss, and where that suffix starts."""
    ends = {len(gloss)}
    matched, at = 0, len(gloss)
    keys = _Keys(gloss)
    for i in range(len(slots) - 1, -1, -1):
        slot = slots[i]
        # A step is at most this long, so only starts this close before an end can reach it
        # (a translated phrase is long; its reading is a few syllables at its end).
        longest = max(3, len(slot.mandarin), *(len(a) for a in slot.alternates))
        new_ends: set[int] = set()
        for start in range(max(0, min(ends) - longest), max(ends)):
            if any(start + n in ends for n, _ in _steps(gloss, start, slot, keys)):
                new_ends.add(start)
        if not new_ends:
            break
        ends = new_ends
        matched, at = len(slots) - i, max(new_ends)
    return matched, at


def _spelled(ways: set[frozenset[str]]) -> set[frozenset[str]]:
    return {frozenset(w - {_LITERAL}) for w in ways}


def compact(text: str) -> str:
    """A gloss or reading without the spaces and name dots that are not spelled."""
    return text.replace(" ", "").replace("·", "").replace("ㆍ", "").replace("・", "")


def spells(gloss: str, slots: Sequence[Slot]) -> bool:
    """Tell whether the gloss is a full reading of the slots (any mix of readings).

    Args:
        gloss: Hangul (spaces are ignored).
        slots: The hanja as slots.

    Returns:
        True when every character of the gloss is accounted for by the slots in order.
    """
    gloss = compact(gloss)
    return bool(_forward(gloss, slots)[len(slots)].get(len(gloss)))


def reads_tail(gloss: str, slots: Sequence[Slot]) -> bool:
    """Tell whether the last few slots spell the whole gloss (정사 of 進賀兼謝恩正使).

    A gloss that the hanja spell in full ends with such a piece at every word boundary, so
    a gloss reaching back word by word can stop at the first word for which this is false.

    Args:
        gloss: Hangul (spaces and name dots are ignored).
        slots: The hanja as slots.

    Returns:
        True when some trailing slots (possibly all) spell exactly the gloss.
    """
    g = compact(gloss)
    if not g:
        return False
    ends = {len(g)}
    keys = _Keys(g)
    for slot in reversed(slots):
        longest = max(3, len(slot.mandarin), *(len(a) for a in slot.alternates))
        starts = {
            start
            for start in range(max(0, min(ends) - longest), max(ends))
            if any(start + n in ends for n, _ in _steps(g, start, slot, keys))
        }
        if not starts:
            return False
        if 0 in starts:
            return True
        ends = starts
    return False


def explained_suffix(word: str, slots: Sequence[Slot]) -> int:
    """Where the part of a word that the hanja spell begins (서울시청 with 市廳: 2).

    Args:
        word: The hangul word before the parenthesis; the caller knows the hanja do not
            spell all of it.
        slots: The hanja as slots.

    Returns:
        The start of the longest proper suffix that the hanja spell fully, or 0 if none is;
        a suffix never starts with a space or a name dot (중국 항저우 with 杭州: 3, not 2).
    """
    for k in range(1, len(word)):
        if word[k] not in _SEPARATORS and spells(word[k:], slots):
            return k
    return 0


_SEPARATORS = frozenset(" ·ㆍ・")


def classify(gloss: str, slots: Sequence[Slot], mandarin: str) -> Classification:
    """Decide the kind of a gloss.

    Args:
        gloss: The hangul gloss ("" for bare hanja).
        slots: The hanja as slots.
        mandarin: The standard transcription of the whole word.

    Returns:
        The classification. Both readings matching is reported in ``matches``; a loose
        transcription is called non-standard with the standard form in the note.
    """
    if not gloss:
        return Classification("bare", (), "")
    g = compact(gloss)
    plain = compact(mandarin)
    strict = g == plain
    if strict or _reads_sino(g, slots):
        # Most glosses are one exact reading; this gives what the alignment below would,
        # without running it.
        sino = not strict or _reads_sino(g, slots)
        if sino and (strict or plain and loose_key(g) == loose_key(plain)):
            return _BOTH
        return _SINO_ONLY if sino else _TRANSCRIBED
    reach = _forward(g, slots, loose=False)
    ways = _spelled(reach[len(slots)].get(len(g), set()))
    if g != plain and not ways & {frozenset({SINO}), frozenset({TRANSCRIPTION})}:
        # No single exact reading: look for loose spellings and other readings of the
        # characters (장즈동 for 张志东 beside the mix 장(sino)+즈+동(sino)).
        reach = _forward(g, slots)
        ways = _spelled(reach[len(slots)].get(len(g), set()))
    sino = frozenset({SINO}) in ways
    strict = frozenset({TRANSCRIPTION}) in ways
    transcribed = [w for w in ways if w and w <= {TRANSCRIPTION, _LOOSE, _ALTERNATE}]
    loose = not strict and (
        bool(transcribed) or sino and bool(plain) and loose_key(g) == loose_key(plain)
    )
    if not strict and not sino and any(_LOOSE not in w for w in transcribed):
        return Classification(
            "transcription",
            (TRANSCRIPTION,),
            f"transcribes another reading of the characters; the usual reading gives {mandarin}",
            spelled=True,
        )
    if sino and (strict or loose):
        return _BOTH
    if sino:
        return _SINO_ONLY
    if strict:
        return _TRANSCRIBED
    if loose:
        return Classification(
            "transcription",
            (TRANSCRIPTION,),
            f"non-standard transcription; the standard form is {mandarin}",
            spelled=True,
        )
    if ways:
        return Classification(
            "mixed", (), "part Sino-Korean reading, part Mandarin transcription", spelled=True
        )
    unread = "".join(s.char for s in slots if s.unread)
    if unread:
        return _unchecked(g, slots, unread, reach)
    if mandarin and _near(loose_key(g), loose_key(plain)):
        return Classification(
            "transcription", (), f"non-standard transcription; the standard form is {mandarin}"
        )
    return _partial(g, slots, reach)


_BOTH = Classification(
    "sino",
    (SINO, TRANSCRIPTION),
    "the gloss is both the Sino-Korean reading and the Mandarin transcription",
    spelled=True,
)
_SINO_ONLY = Classification("sino", (SINO,), "", spelled=True)
_TRANSCRIBED = Classification("transcription", (TRANSCRIPTION,), "", spelled=True)


def _unchecked(
    g: str, slots: Sequence[Slot], unread: str, reach: list[dict[int, set[frozenset[str]]]]
) -> Classification:
    """The kind of a gloss whose hanja hold characters no data reads (𠮷, 𰀀).

    Nothing can check the gloss against those characters, so a missing reading is never
    evidence of a translation. Each is taken to read as one syllable, as a Sino-Korean
    reading does; when the rest of the gloss is then spelled, the kind is what the known
    characters' readings make of it (``sino`` when none is known: Mandarin data does not
    know these characters either), and ``matches`` stay empty. A gloss that still is not
    spelled is classified as usual. The note names the characters either way.
    """
    note = f"no reading is known for {unread}"
    ways = _spelled(_forward(g, slots, unread=True)[len(slots)].get(len(g), set()))
    if not ways:
        usual = _partial(g, slots, reach)
        return Classification(usual.kind, (), f"{note}; {usual.note}" if usual.note else note)
    known = [w - {_UNREAD} for w in ways]
    if any(w <= {SINO} for w in known):
        kind: Kind = "sino"
    elif any(w <= {TRANSCRIPTION, _LOOSE, _ALTERNATE} for w in known):
        kind = "transcription"
    else:
        kind = "mixed"
    return Classification(kind, (), f"{note}; taken as one syllable, not checked")


def _reads_sino(g: str, slots: Sequence[Slot]) -> bool:
    """Whether the gloss is a Sino-Korean reading of the slots, one syllable each."""
    if len(g) != len(slots):
        return False
    hanja = False
    for ch, slot in zip(g, slots, strict=True):
        if slot.literal:
            if ch.lower() != slot.char.lower():
                return False
        elif ch in slot.sino:
            hanja = True
        else:
            return False
    return hanja


def _near(a: str, b: str) -> bool:
    """Tell spellings one jamo edit apart (two for long names): 자여우 and 자유, 롱강 and 룽강."""
    allowed = 1 + min(len(a), len(b)) // 12
    if abs(len(a) - len(b)) > allowed or min(len(a), len(b)) < 4:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] <= allowed


def _partial(
    g: str, slots: Sequence[Slot], reach: list[dict[int, set[frozenset[str]]]]
) -> Classification:
    """A gloss that reads some characters and translates the rest, or translates all."""
    prefix = max((i for i in range(1, len(slots) + 1) if reach[i]), default=0)
    prefix_end = max(reach[prefix]) if prefix else 0
    suffix, suffix_start = _suffix_slots(g, slots)
    if prefix and suffix and (prefix + suffix > len(slots) or suffix_start < prefix_end):
        # The two ends overlap: keep the longer reading.
        if suffix > prefix:
            prefix = 0
        else:
            suffix = 0
    matched = prefix + suffix
    if not matched or 2 * matched < len(slots):
        return Classification("translation", (), "")
    parts = []
    if prefix:
        parts.append(
            _describe(g[:prefix_end], hanja_part(slots[:prefix]), reach[prefix][prefix_end])
        )
    if suffix:
        tail = slots[len(slots) - suffix :]
        part = g[suffix_start:]
        ways = _forward(part, tail)[len(tail)].get(len(part), set())
        parts.append(_describe(part, hanja_part(tail), ways))
    return Classification("mixed", (), "; ".join(parts) + "; the rest translates")


def hanja_part(slots: Sequence[Slot]) -> str:
    """The characters of some slots, as written."""
    return "".join(s.char for s in slots)


def _describe(part: str, hanja: str, ways: set[frozenset[str]]) -> str:
    spelled = _spelled(ways)
    if frozenset({SINO}) in spelled:
        return f"{part} is the Sino-Korean reading of {hanja}"
    if spelled and all(w <= {TRANSCRIPTION, _LOOSE} for w in spelled):
        return f"{part} is the Mandarin transcription of {hanja}"
    return f"{part} reads {hanja}"
