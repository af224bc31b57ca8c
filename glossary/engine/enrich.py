"""Explaining hanja: Chinese forms, pinyin, Sino-Korean and transcribed readings, per character."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from glossary.engine.chinese import (
    Pinyin,
    pinyin_of,
    prefetch,
    readings_of,
    to_simplified,
    to_traditional,
)
from glossary.engine.cjk import HANJA_CLASS, NUMERAL_HANJA, is_hanja
from glossary.engine.conventions import conventional_reading
from glossary.engine.hanjadict import (
    CHINESE_SHAPES,
    CharEntry,
    HanjaDictionary,
    hanja_dictionary,
)
from glossary.engine.jamo import (
    after_vowel_form,
    apply_initial_sound_law,
    follows_vowel_or_nieun,
    initial_sound_law_variants,
    write_ryeol_ryul,
)
from glossary.engine.japanese import JapaneseMatch, JapaneseReader, looks_japanese
from glossary.engine.kinds import (
    SINO,
    TRANSCRIPTION,
    Classification,
    Slot,
    classify,
    compact,
    explained_suffix,
)
from glossary.engine.polyphones import reading_hints
from glossary.engine.spelling import spelled_reading, write_bu
from glossary.engine.surnames import read_apart
from glossary.engine.transcribe import syllable_to_hangul
from glossary.model import CharInfo

_NUMERALS = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))
# Longest sub-word looked up when a word is not in the word list as a whole.
_MAX_SUBWORD = 8


@functools.cache
def _hanja_runs() -> re.Pattern[str]:
    """Runs of hanja (compiled on first use: `import glossary` compiles nothing)."""
    return re.compile(f"[{HANJA_CLASS}]+")


@dataclass(frozen=True)
class HanjaInfo:
    """Everything about a hanja form that does not depend on its gloss."""

    hanja: str
    traditional: str
    simplified: str
    pinyin: Pinyin
    sino_korean: str
    mandarin_hangul: str
    slots: tuple[Slot, ...]
    chars: tuple[CharInfo, ...]


def _agrees(reading: str, hints: tuple[str, ...]) -> bool:
    """Whether each syllable of a word's reading is the one its hint says, where there is one
    (in its 두음법칙 form first, or written 열/율 inside: 樂觀 낙관 agrees with 락)."""
    for k, (syllable, hint) in enumerate(zip(reading, hints, strict=True)):
        if not hint or syllable == hint or after_vowel_form(hint) == syllable:
            continue
        if k == 0 and apply_initial_sound_law(hint) == syllable:
            continue
        return False
    return True


def _first_hun_eum(meaning: str) -> str:
    first, *rest = meaning.split(",")
    if rest and first.startswith("성 ") and first.count(" ") == 1:
        return rest[0].strip()  # 金 금: 쇠 금, not the list's first "성 금" (surname)
    return first.strip()


@dataclass
class Enricher:
    """Explains hanja forms and classifies glosses, computing each unique form once.

    One enricher serves one run (a document, a corpus); its caches are its own, so no state
    is shared between runs.
    """

    dictionary: HanjaDictionary | None = None
    _info: dict[str, HanjaInfo] = field(default_factory=dict)
    _kinds: dict[tuple[str, str], Classification] = field(default_factory=dict)
    _trims: dict[tuple[str, str], int] = field(default_factory=dict)
    _entries: dict[str, tuple[CharEntry, ...]] = field(default_factory=dict)
    _readings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _allowed: dict[tuple[str, bool], frozenset[str]] = field(default_factory=dict)
    _parts: dict[tuple[str, bool, str, str, str, str, str], tuple[Slot, CharInfo]] = field(
        default_factory=dict
    )
    _japanese: JapaneseReader | None = None
    _traditional: dict[str, str] = field(default_factory=dict)  # Of forms prepared.
    _people: set[str] = field(default_factory=set)  # Forms that are people's names.

    def _dict(self) -> HanjaDictionary:
        if self.dictionary is None:
            self.dictionary = hanja_dictionary()
        return self.dictionary

    def prepare(self, forms: Iterable[str]) -> None:
        """Fetch the word readings that explaining these hanja forms will ask for, at once.

        Optional: :meth:`info` looks up what was not prepared one word at a time. A caller
        about to explain thousands of forms saves a query per word and sub-word.

        Args:
            forms: Hanja forms as written (repeats are fine).
        """
        wanted: dict[str, None] = {}
        new = [form for form in dict.fromkeys(forms) if form not in self._info]
        prefetch(new)
        runs = _hanja_runs()
        traditional = self._traditional
        for form in new:
            # A simplified word is read as its traditional form (see _explain): its words too.
            old = traditional[form] = to_traditional(form)
            for run in runs.findall(form if old == form else f"{form} {old}"):
                wanted[run] = None  # A run of any length is looked up whole first.
                for i in range(len(run) - 1):
                    for length in range(2, min(_MAX_SUBWORD, len(run) - i) + 1):
                        wanted[run[i : i + length]] = None
        todo = [w for w in wanted if len(w) > 1 and w not in self._words]
        if todo:
            self._words.update(self._dict().words_readings(todo))
        chars = {ch for run in wanted for ch in run if ch not in self._entries}
        if chars:
            self._entries.update(self._dict().chars_entries(sorted(chars)))

    def listed(self, words: list[str]) -> set[str]:
        """Which hanja words the Sino-Korean word list has, read as their characters read.

        A listed word whose reading its characters do not give (a list entry's error, a
        reading from another language) does not count: the word would have no reading.

        Args:
            words: Hanja words of two characters or more, looked up together.

        Returns:
            Those the list has.
        """
        todo = [w for w in dict.fromkeys(words) if w not in self._words]
        if todo:
            self._words.update(self._dict().words_readings(todo))
        chars = {ch for w in words if self._words[w] for ch in w if ch not in self._entries}
        if chars:
            self._entries.update(self._dict().chars_entries(sorted(chars)))
        return {w for w in words if self._words[w] and self._word_reading(w)}

    def _char_entries(self, ch: str) -> tuple[CharEntry, ...]:
        entries = self._entries.get(ch)
        if entries is None:
            entries = self._entries[ch] = self._dict().char_entries(ch)
        return entries

    def _char_readings(self, ch: str) -> tuple[str, ...]:
        readings = self._readings.get(ch)
        if readings is None:
            readings = self._readings[ch] = tuple(e.reading for e in self._char_entries(ch))
        return readings

    def know_people(self, names: Iterable[str]) -> None:
        """Say which hanja forms are people's names: their surname is read as a surname.

        金大中 is then 김대중, not 금대중 (see :mod:`glossary.engine.surnames`); a name whose
        surname reads as usual is unchanged. Forms explained before are explained again.

        Args:
            names: Hanja forms as written, known (from a dictionary) to be names.
        """
        new = {name for name in names if name not in self._people and read_apart(name)}
        if not new:
            return
        self._people |= new
        for name in new:
            self._info.pop(name, None)
        self._kinds = {key: kind for key, kind in self._kinds.items() if key[1] not in new}

    def info(self, hanja: str) -> HanjaInfo:
        """Explain a hanja form (cached).

        Args:
            hanja: The hanja as written; digits and Latin letters may be part of it.

        Returns:
            Its forms, readings, slots and per-character breakdown.
        """
        cached = self._info.get(hanja)
        if cached is None:
            cached = self._explain(hanja)
            self._info[hanja] = cached
        return cached

    def classify(self, gloss: str, hanja: str) -> Classification:
        """Classify a gloss of a hanja form (cached).

        Args:
            gloss: The hangul gloss ("" for bare hanja).
            hanja: The hanja as written.

        Returns:
            The kind, the readings it matches and a note.
        """
        key = (gloss, hanja)
        cached = self._kinds.get(key)
        if cached is None:
            info = self.info(hanja)
            cached = classify(gloss, info.slots, info.mandarin_hangul)
            usual = conventional_reading(hanja) if not cached.spelled else None
            if usual is not None and usual.reading == compact(gloss):
                cached = Classification(
                    "sino",
                    (SINO,),
                    f"the usual Korean reading ({usual.source})",
                    spelled=True,
                    language="ko",
                )
            elif not cached.spelled or cached.kind in ("mixed", "translation"):
                japanese = self.japanese(gloss, hanja)
                if japanese is not None and (
                    not cached.spelled or japanese.kind == "transcription"
                ):
                    cached = Classification(
                        "transcription" if japanese.kind == "transcription" else "mixed",
                        (TRANSCRIPTION,),
                        japanese.note,
                        spelled=True,
                        language="ja",
                    )
            self._kinds[key] = cached
        return cached

    def japanese(self, gloss: str, hanja: str) -> JapaneseMatch | None:
        """How a gloss reads its hanja in Japanese, if it does (다카이치 사나에(高市早苗)).

        Args:
            gloss: The hangul gloss.
            hanja: The hanja as written.

        Returns:
            The Japanese reading the gloss follows, or None.
        """
        if not gloss or not looks_japanese(gloss):
            return None  # Most glosses: no dictionary is loaded for them.
        if self._japanese is None:
            self._japanese = JapaneseReader()
        return self._japanese.match(gloss, hanja, [s.sino for s in self.info(hanja).slots])

    def trim(self, word: str, hanja: str) -> int:
        """How many leading characters of a word the hanja do not explain (서울시청(市廳): 2).

        Args:
            word: The hangul word before the parenthesis.
            hanja: The hanja as written.

        Returns:
            The number of characters to drop from the start of the word.
        """
        key = (word, hanja)
        cached = self._trims.get(key)
        if cached is None:
            if self.classify(word, hanja).spelled:
                cached = 0
            else:
                cached = explained_suffix(word, self.info(hanja).slots)
            self._trims[key] = cached
        return cached

    def readings(self, gloss: str, hanja: str) -> tuple[str, tuple[CharInfo, ...]]:
        """The Sino-Korean reading of a term and its characters, trusting a Sino-Korean gloss.

        When the gloss is itself the Sino-Korean reading (김일성(金日成)), it says which of
        a character's readings the text uses, which no word list may know.

        Args:
            gloss: The hangul gloss ("" for bare hanja).
            hanja: The hanja as written.

        Returns:
            The word's reading and the per-character breakdown.
        """
        info = self.info(hanja)
        spoken = compact(gloss)
        if "sino" not in self.classify(gloss, hanja).matches or len(spoken) != len(hanja):
            return info.sino_korean, info.chars
        if spoken == info.sino_korean:
            return info.sino_korean, info.chars
        chars = []
        hanja_chars = iter(info.chars)
        for ch, syllable in zip(hanja, spoken, strict=True):
            if not is_hanja(ch):
                continue
            char = next(hanja_chars)
            chars.append(replace(char, sino_korean=syllable, hun_eum=self._hun_eum(ch, syllable)))
        return spoken, tuple(chars)

    def _hun_eum(self, ch: str, reading: str) -> str:
        entries = self._char_entries(ch)
        for entry in entries:
            if entry.reading == reading or apply_initial_sound_law(entry.reading) == reading:
                return _first_hun_eum(entry.meaning)
        return _first_hun_eum(entries[0].meaning) if entries else ""

    def _explain(self, hanja: str) -> HanjaInfo:
        traditional = self._traditional.pop(hanja, None) or to_traditional(hanja)
        # From the word as written: a simplified character stays itself (朱镕基), where the
        # traditional form, unified as Korean text is, may take a variant (鎔 熔: 朱熔基).
        simplified = to_simplified(hanja)
        if len(simplified) != len(hanja):
            simplified = "".join(to_simplified(ch) for ch in hanja)
        pinyin = pinyin_of(simplified)
        # A word written in simplified characters (莲花山公园) is read as its traditional
        # form: 园 is 園 원 there, not the old character 园 완. But where that form brings in
        # a Chinese shape read as Korean reads its own (鬥 투: see hanjadict), a word the
        # Korean list has as written is a Korean word: 斗落 두락, 朴斗秉 박두병 (OpenCC and
        # pypinyin take 斗 "dipper" for 鬥 "fight" outside the Chinese words they know).
        read_as = traditional if simplified == hanja and len(traditional) == len(hanja) else hanja
        brought = {t for t, h in zip(read_as, hanja, strict=True) if t != h}
        if len(hanja) > 1 and not CHINESE_SHAPES.isdisjoint(brought) and self._word_reading(hanja):
            read_as = hanja
        # The Mandarin reading tells some characters' senses apart: 率領 shuài 솔령, 效率 효율.
        hints = reading_hints(read_as, pinyin.numbered)
        sino = self._aligned_reading(read_as, hints=hints)
        surname = read_apart(hanja) if hanja in self._people else None
        if surname is not None and sino:
            sino = surname.reading + sino[1:]
        aligned = len(sino) == len(hanja)
        slots: list[Slot] = []
        chars: list[CharInfo] = []
        mandarin_parts: list[str] = []
        for i, ch in enumerate(hanja):
            plain = pinyin.plain[i]
            if not is_hanja(ch):
                if compact(ch):  # Glosses are compared without spaces and name dots.
                    slots.append(Slot(ch, literal=True))
                mandarin_parts.append(ch)
                continue
            reading = sino[i] if aligned else ""
            source = read_as[i]
            key = (ch, i == 0, reading, simplified[i], traditional[i], pinyin.marked[i], source)
            cached = self._parts.get(key)
            if cached is None:
                cached = self._parts[key] = self._char_parts(
                    ch, i == 0, reading, simplified[i], traditional[i], pinyin, i, source
                )
            slot, char_info = cached
            mandarin_parts.append(slot.mandarin or plain)
            slots.append(slot)
            chars.append(char_info)
        # A word with a character no data reads has no reading: "" rather than a part
        # (pinyin_of gives "" for such a character only).
        unread = "" in pinyin.plain
        return HanjaInfo(
            hanja=hanja,
            traditional=traditional,
            simplified=simplified,
            pinyin=pinyin,
            sino_korean="" if _hanja_runs().search(sino) else sino,
            mandarin_hangul="" if unread else "".join(mandarin_parts),
            slots=tuple(slots),
            chars=tuple(chars),
        )

    def _char_parts(
        self,
        ch: str,
        first: bool,
        reading: str,
        simplified: str,
        traditional: str,
        pinyin: Pinyin,
        i: int,
        source: str,
    ) -> tuple[Slot, CharInfo]:
        """The slot and breakdown of one character; many words share them, so they are cached.

        ``source`` is the character whose Sino-Korean readings count (the traditional form
        of a simplified character in a simplified word, else the character itself).
        """
        try:
            mandarin = syllable_to_hangul(pinyin.plain[i])
        except ValueError:
            mandarin = ""
        entries = self._char_entries(source)
        readings = {e.reading for e in entries}
        if reading and reading != ch:
            readings.add(reading)
        # Inside a word the 두음법칙 form is written too where a word or prefix ends before
        # it (신여성, 연이율, 初立會 초입회): 맞춤법 제10항·제11항 붙임. The plain form is
        # always allowed.
        readings = {v for r in readings for v in initial_sound_law_variants(r)}
        if not first:
            # 렬/률 are written 열/율 after a vowel or ㄴ (효율, 비율, 선율): 맞춤법 제11항.
            readings |= {f for r in readings if (f := after_vowel_form(r)) is not None}
        if ch in _NUMERALS:
            readings.add(_NUMERALS[ch])  # 2월(二月): a digit for a numeral.
        if not reading:
            reading = entries[0].reading if entries else ""
        char_info = CharInfo(
            char=ch,
            simplified=simplified,
            traditional=traditional,
            pinyin=pinyin.marked[i],
            pinyin_numbered=pinyin.numbered[i],
            sino_korean=reading if reading != ch else "",
            hun_eum=self._hun_eum(source, reading),
        )
        alternates = []
        for other in readings_of(simplified):
            try:
                spelled = syllable_to_hangul(other)
            except ValueError:
                continue
            if spelled != mandarin and spelled not in alternates:
                alternates.append(spelled)
        return Slot(ch, frozenset(readings), mandarin, alternates=tuple(alternates)), char_info

    def sino_reading(self, hanja: str) -> str:
        """The Sino-Korean reading of a word: word list first, then sub-words and characters.

        두음법칙 applies to the first syllable of the word only; digits and Latin letters
        pass through.

        Args:
            hanja: The hanja as written.

        Returns:
            The reading, one syllable per hanja; "" when the data does not know one of its
            characters (never the character itself).
        """
        reading = self._aligned_reading(hanja)
        return "" if _hanja_runs().search(reading) else reading

    def reading_after_number(self, hanja: str) -> str:
        """The reading of hanja that count after a number: 年 in 2014年 or 三年 is 년, not 연.

        Such a character does not start a word, so 두음법칙 does not apply to it.

        Args:
            hanja: The hanja as written (a unit or date character, usually one).

        Returns:
            The reading, one syllable per hanja; "" when the data does not know one of them.
        """
        # A simplified character is read as its traditional form, as in a word (see _explain):
        # 三种 is 種 종, not the old character 种 충.
        info = self.info(hanja)
        same = info.simplified == hanja and len(info.traditional) == len(hanja)
        reading = self._aligned_reading(info.traditional if same else hanja, at_start=False)
        return "" if _hanja_runs().search(reading) else reading

    def _aligned_reading(
        self, hanja: str, *, at_start: bool = True, hints: tuple[str, ...] | None = None
    ) -> str:
        """:meth:`sino_reading` with a character the data does not know kept as written.

        The reading stays aligned with the hanja, so the characters around an unknown one
        keep their syllables. ``at_start``: whether the hanja start a word (두음법칙).
        ``hints``: the reading each character's Mandarin reading points to, or ""
        (:func:`~glossary.engine.polyphones.reading_hints`).
        """
        out: list[str] = []
        i = 0
        while i < len(hanja):
            if not is_hanja(hanja[i]):
                out.append(hanja[i])
                i += 1
                continue
            j = i
            while j < len(hanja) and is_hanja(hanja[j]):
                j += 1
            run_hints = hints[i:j] if hints is not None else None
            out.append(self._run_reading(hanja[i:j], at_start=at_start and i == 0, hints=run_hints))
            i = j
        return "".join(out)

    def _run_reading(
        self, run: str, *, at_start: bool, hints: tuple[str, ...] | None = None
    ) -> str:
        whole = self._word_reading(run, hints)
        if whole:
            whole = write_ryeol_ryul(whole)
            return apply_initial_sound_law(whole) if at_start else self._undo_law(whole, run[0])
        out: list[str] = []
        words: list[int] = []  # Where each piece that is a listed word starts in ``run``.
        i = 0
        while i < len(run):
            for length in range(min(_MAX_SUBWORD, len(run) - i), 1, -1):
                part = hints[i : i + length] if hints is not None else None
                reading = self._word_reading(run[i : i + length], part)
                if reading:
                    words.append(i)
                    out.append(reading if i == 0 else self._undo_law(reading, run[i]))
                    i += length
                    break
            else:
                readings = self._char_readings(run[i])
                hint = hints[i] if hints is not None else ""
                out.append(hint if hint in readings else readings[0] if readings else run[i])
                i += 1
        if len(words) == len(out) > 1:
            # A compound of listed words: each word takes the law at its own start, as Korean
            # spells such compounds (한글 맞춤법 제11항 붙임 4: 鄧小平理論 등소평이론, 共同利益
            # 공동이익). A word after a lone character (梅+蘭芳, a name; 大+年三十) stays as is,
            # and so does a unit after a number (六十年代 육십년대; 一百六十 일백육십 takes it).
            for k, at in enumerate(words[1:], 1):
                if run[at - 1] not in NUMERAL_HANJA or run[at] in NUMERAL_HANJA:
                    out[k] = apply_initial_sound_law(out[k])
        # Pieces read apart join as one word: 一 일 + 系列 → 일계열, not 일계렬; 不 부 + 再 재.
        joined = write_bu(run, write_ryeol_ryul("".join(out)))
        return apply_initial_sound_law(joined) if at_start else joined

    def _word_reading(self, word: str, hints: tuple[str, ...] | None = None) -> str:
        """The word list's reading that agrees with the characters' readings, if any; the
        spelling rules' for the words they name (困難 곤란: :mod:`glossary.engine.spelling`)."""
        if len(word) < 2:
            return ""
        spelled = spelled_reading(word)
        if spelled:
            return spelled
        listed = self._words.get(word)
        if listed is None:
            listed = self._words[word] = self._dict().word_readings(word)
        readings = [r for r in listed if len(r) == len(word)]
        if not readings:
            return ""
        if hints is not None and len(readings) > 1:
            # The reading the Mandarin one points to first (遊說 유세, not 유설).
            readings.sort(key=lambda r: not _agrees(r, hints))
        for reading in readings:
            if self._consistent(reading, word):
                return reading
        # Else a reading with the 두음법칙 form inside the word: a compound of words
        # (國際聯盟 국제연맹, 流體力學 유체역학), or a character whose only listed reading is a
        # KS X 1001 duplicate's (異 리 in 差異 차이, 怒 로 in 憤怒 분노).
        for reading in readings:
            if self._consistent(reading, word, inside=True):
                return reading
        return ""

    def _consistent(self, reading: str, word: str, *, inside: bool = False) -> bool:
        """Whether each syllable of a reading is one of its character's readings; with
        ``inside``, their 두음법칙 forms count anywhere in the word, not only first."""
        for k, (syl, ch) in enumerate(zip(reading, word, strict=True)):
            options = self._options(ch, k == 0 or inside)
            if syl in options:
                continue
            # 效率 효율: 率 reads 률, written 율 after a vowel or ㄴ.
            after = k and follows_vowel_or_nieun(reading[k - 1])
            if after and any(after_vowel_form(r) == syl for r in options):
                continue
            return False
        return True

    def _options(self, ch: str, first: bool) -> frozenset[str]:
        """A character's readings, with their 두음법칙 forms when it starts the word."""
        key = (ch, first)
        options = self._allowed.get(key)
        if options is None:
            readings = self._char_readings(ch)
            law = {apply_initial_sound_law(r) for r in readings} if first else set()
            options = self._allowed[key] = frozenset(readings) | law
        return options

    def _undo_law(self, reading: str, first: str) -> str:
        """Give back the original first syllable when a word stands inside a longer word."""
        for r in self._char_readings(first):
            if r != reading[0] and apply_initial_sound_law(r) == reading[0]:
                return r + reading[1:]
        return reading
