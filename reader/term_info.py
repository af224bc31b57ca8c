"""What a card says about a term: forms, coloured pinyin, readings, 훈음, kind, uses.

A card names the language of the reading a gloss follows: a Japanese reading in kana and
romaji (its pinyin is then only the Mandarin reading of the characters), the reading Korean
usage gives a word beside the character-by-character one, what a headline hanja abbreviates
(first). A card opened from a mention that may be another word there says so. A card opened
on a word of a longer run of hanja (a Chinese quotation or clause) shows the whole run.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from textual.content import Content

from glossary import Suggestion, Term
from reader.status import Status
from reader.tones import pinyin_content

if TYPE_CHECKING:
    from glossary.dictionary.lookup import Reading

KIND_NAMES: MappingProxyType[str, str] = MappingProxyType(
    {
        "transcription": "Mandarin transcription",
        "sino": "Sino-Korean reading",
        "translation": "translation",
        "mixed": "mixed reading and translation",
        "bare": "bare hanja (no gloss)",
    }
)

JAPANESE_TRANSCRIPTION = "Japanese transcription"
# Under the pinyin of a term whose gloss follows the Japanese reading.
PINYIN_IS_MANDARIN = "(Mandarin; the gloss follows the Japanese)"

_LABEL = "$text-muted"
_LABEL_CELLS = 8


def _row(label: str, value: Content | str) -> Content:
    """A labelled line; labels are padded by cells (한자음 is six cells wide)."""
    return Content.assemble((label + " " * max(1, _LABEL_CELLS - cell_len(label)), _LABEL), value)


class Run(NamedTuple):
    """The run of hanja a word stands in (我们要坚持改革开放 for 改革).

    Attributes:
        text: The run, as written.
        start: Where the word starts in it.
        end: Where the word ends in it.
    """

    text: str
    start: int
    end: int


_ELLIPSIS = "…"


def run_line(run: Run, width: int, brief: bool) -> Content:
    """The ``in`` row: the whole run with the word in bold, cut around the word if need be.

    On a brief card the run takes at most two lines; a longer one keeps the word and as much
    on each side as fits, with an ellipsis where it is cut.

    Args:
        run: The run and the word's place in it.
        width: The card's width in cells.
        brief: Keep it to two lines.

    Returns:
        One labelled row (it may wrap).
    """
    before, word, after = run.text[: run.start], run.text[run.start : run.end], run.text[run.end :]
    room = 2 * (width - _LABEL_CELLS) - 1
    if brief and cell_len(run.text) > room:
        spare = max(0, room - cell_len(word) - 2 * len(_ELLIPSIS))
        left = min(cell_len(before), spare // 2)
        right = min(cell_len(after), spare - left)
        left = min(cell_len(before), spare - right)  # what the right side leaves
        before = _tail(before, left)
        after = _head(after, right)
        if before != run.text[: run.start]:
            before = _ELLIPSIS + before
        if after != run.text[run.end :]:
            after += _ELLIPSIS
    return _row("in", Content.assemble(before, (word, "bold underline"), after))


def _head(text: str, cells: int) -> str:
    """The longest start of ``text`` that fits in ``cells``."""
    while cell_len(text) > cells:
        text = text[:-1]
    return text


def _tail(text: str, cells: int) -> str:
    """The longest end of ``text`` that fits in ``cells``."""
    while cell_len(text) > cells:
        text = text[1:]
    return text


def uses_of(term: Term) -> int:
    """How many places of the text use a term, as the store counts its uses.

    Args:
        term: The term.

    Returns:
        Its occurrences plus its mentions; a mention that may be another word there is
        a guess, not a use.
    """
    return len(term.occurrences) + sum(m.certain for m in term.mentions)


def kind_line(term: Term) -> Content:
    """The kind of gloss, and for a transcription whether it is spelt by the standard.

    Args:
        term: The term.

    Returns:
        One line of content.
    """
    if term.kind == "transcription" and term.reading_language == "ja":
        return Content(JAPANESE_TRANSCRIPTION)  # The Mandarin standard says nothing of it.
    name = KIND_NAMES.get(term.kind, term.kind)
    if term.kind != "transcription" or not term.mandarin_hangul:
        return Content(name)
    if term.hangul.replace(" ", "") == term.mandarin_hangul.replace(" ", ""):
        return Content.assemble(name, (" · standard", "$text-success"))
    return Content.assemble(
        name, (" · non-standard", "$text-warning"), ", standard: ", term.mandarin_hangul
    )


def _chars(term: Term, palette: str, width: int) -> Iterable[Content]:
    """Per-character entries (char, pinyin, 훈음) packed into lines of ``width`` cells."""
    line: Content | None = None
    for char in term.chars:
        entry = Content.assemble(
            (char.char, "bold"),
            " ",
            pinyin_content(char.pinyin, char.pinyin_numbered, palette),
            " ",
            char.hun_eum or char.sino_korean,
        )
        if line is None:
            line = entry
        elif line.cell_length + 2 + entry.cell_length <= width:
            line = line + "  " + entry
        else:
            yield line
            line = entry
    if line is not None:
        yield line


_BY_CHARACTER = "by character: "


def _by_character(term: Term) -> str:
    """Each character's first CC-CEDICT sense, for a word CC-CEDICT does not have.

    Returns:
        ``人 person; 工 work; …``, or ``""`` when no character has a sense.
    """
    chars = getattr(term, "chars", ()) or ()
    return "; ".join(f"{c.char} {c.meanings[0]}" for c in chars if c.meanings)


def _cut(text: str, room: int, brief: bool) -> str:
    """Text cut to ``room`` cells with an ellipsis on a brief card (one line)."""
    if brief and cell_len(text) > room > 1:
        while cell_len(text) > room - 1:
            text = text[:-1]
        text = text.rstrip(" ;,") + "…"
    return text


def _uses(term: Term) -> str:
    glossed, mentions = len(term.occurrences), len(term.mentions)
    if not glossed and not mentions:
        return "not in this text"
    total = glossed + mentions
    places = "place" if total == 1 else "places"
    mention = "mention" if mentions == 1 else "mentions"
    if term.kind == "bare":  # Hanja with no gloss: "glossed" would say what is not so.
        return f"{total} {places} in this text"
    guesses = sum(not m.certain for m in term.mentions)
    guessed = f" ({guesses} may be another word)" if guesses else ""
    return f"{total} {places}: {glossed} glossed, {mentions} {mention}{guessed}"


def _readings(term: Term, palette: str) -> Iterable[Content]:
    """The pinyin, a Japanese reading the gloss follows, the 한자음 and Korean usage."""
    pinyin = _row("pinyin", pinyin_content(term.pinyin, term.pinyin_numbered, palette))
    kana, romaji = " ".join(term.japanese_reading.split()), term.japanese_romaji.strip()
    if kana or romaji:
        yield Content.assemble(
            ("Japanese reading: ", _LABEL), kana, " · " if kana and romaji else "", romaji
        )
        yield pinyin
        yield Content.styled(PINYIN_IS_MANDARIN, f"italic {_LABEL}")
    else:
        yield pinyin
    if term.sino_korean:
        yield _row("한자음", term.sino_korean)
    if term.conventional_reading:
        source = term.conventional_source.strip()
        yield Content.assemble(
            ("Korean usage: ", _LABEL),
            (term.conventional_reading, "bold"),
            (f" ({source})" if source else "", _LABEL),
        )


def _also(
    words: Iterable[Term | Reading], palette: str, width: int, brief: bool
) -> Iterable[Content]:
    """One ``also`` row per other reading of the word (为 wéi under wèi) and per shorter word at
    the word's start (才 under 才能): what else the text may say."""
    for word in words:
        meanings = "; ".join(getattr(word, "meanings", ()) or ())
        head = Content.assemble(
            (word.hanja, "bold"),
            " ",
            pinyin_content(word.pinyin, word.pinyin_numbered, palette),
            " ",
        )
        room = width - _LABEL_CELLS - head.cell_length - 1
        yield _row("also", head + _cut(meanings, room, brief))


def _glossed_in(term: Term, width: int, brief: bool) -> Content | None:
    """The sentence where the term is first glossed (cut to two lines on a brief card)."""
    if not term.occurrences or term.kind == "bare":
        return None
    sentence = " ".join(term.occurrences[0].sentence.split())
    if not sentence:
        return None
    room = 2 * (width - len("glossed ") - 1)
    if brief and cell_len(sentence) > room > 1:
        while cell_len(sentence) > room - 1:
            sentence = sentence[:-1]
        sentence = sentence.rstrip() + "…"
    return _row("glossed", Content.styled(sentence, "italic"))


def term_card(
    term: Term,
    *,
    palette: str,
    status: Status | None = None,
    width: int = 44,
    user_note: str = "",
    brief: bool = False,
    uncertain: bool = False,
    run: Run | None = None,
    also: Iterable[Term] = (),
    readings: Iterable[Reading] = (),
) -> Content:
    """Everything the reader shows about one term, as lines of styled content.

    Args:
        term: The term (from the glossary, or explained on its own).
        palette: The tone palette for the pinyin.
        status: The term's study status, or None to leave it out.
        width: The width the card has, in cells (per-character entries are packed to it).
        user_note: The user's own note on the term, if any.
        brief: Keep the meanings to one line (the floating card, which has little height).
            A word CC-CEDICT does not have shows each character's first sense instead,
            marked so: ``by character: 人 person; 工 work…``.
        uncertain: The card is opened from a mention that may be another word there (저장
            for 浙江 in 파일을 저장했다): it says so, second.
        run: The longer run of hanja the word stands in at the place the card is opened
            from (a quotation, a Chinese clause): shown whole, after the meanings.
        also: Shorter dictionary words that start where the word starts (才 for 才能, 改革
            for 改革开放), as Zhongwen lists them under the longest: longest match may have
            joined two words (这样才|能成功), and the reader sees at once what else it says.
        readings: The word's other readings, each with its senses (为 wéi "as" under wèi
            "for"): a character's place decides its reading, and the term has one.

    Returns:
        The card's content.
    """
    head: list[str | tuple[str, str]] = [(term.hanja, "bold $text-accent")]
    if term.hangul:
        head += ["  ", (term.hangul, "bold")]
    lines: list[Content] = [Content.assemble(*head)]
    if term.abbreviates:
        lines.append(
            Content.assemble(
                (term.hanja, "bold"),
                " = ",
                (term.abbreviates, "bold"),
                (" (headline abbreviation)", _LABEL),
            )
        )
    if uncertain:
        lines.append(
            Content.assemble(
                (term.hangul or term.hanja, "bold $text-warning"),
                (" may be another word here (a guess)", "italic $text-warning"),
            )
        )
    lines.append(
        Content.assemble(("trad ", _LABEL), term.traditional, ("  simp ", _LABEL), term.simplified)
    )
    lines.extend(_readings(term, palette))
    lines.extend(_chars(term, palette, width))
    lines.append(_row("kind", kind_line(term)))
    if term.kind_note:
        lines.append(Content.styled(term.kind_note, "italic"))
    if term.note:
        lines.append(_row("note", term.note))
    meanings: tuple[str, ...] = tuple(getattr(term, "meanings", ()) or ())
    if meanings:
        room = width - len("meaning ") - 1
        lines.append(_row("meaning", _cut("; ".join(meanings), room, brief)))
    else:
        by_char = _by_character(term)
        if by_char:
            room = width - len(_BY_CHARACTER) - 1
            lines.append(Content.assemble((_BY_CHARACTER, _LABEL), _cut(by_char, room, brief)))
    lines.extend(_also((*readings, *also), palette, width, brief))
    if run is not None:
        lines.append(run_line(run, width, brief))
    glossed_in = _glossed_in(term, width, brief)
    if glossed_in is not None:
        lines.append(glossed_in)
    lines.append(Content.styled(_uses(term), _LABEL))
    if status is not None and status != "new":
        lines.append(_row("status", Content.styled(status, "bold")))
    if user_note:
        lines.append(_row("my note", Content.styled(user_note, "italic")))
    return Content("\n").join(lines)


def copy_line(term: Term) -> str:
    """One tab-separated line for a term: hanja, hangul, pinyin, Sino-Korean, meaning.

    The meaning is the word's dictionary senses, else each character's, else its 훈음.

    Args:
        term: The term.

    Returns:
        The line, without a line end.
    """
    meaning = "; ".join(term.meanings)
    if not meaning:
        meaning = "; ".join(
            f"{c.char} {', '.join(c.meanings[:3]) or c.hun_eum}".strip()
            for c in term.chars
            if c.meanings or c.hun_eum
        )
    fields = (term.hanja, term.hangul, term.pinyin, term.sino_korean, meaning)
    return "\t".join(" ".join(f.split()) for f in fields)


def suggestion_card(suggestion: Suggestion, *, palette: str) -> Content:
    """The card of a word the text does not gloss but that looks like a Chinese name.

    Its hanja are guesses (from CC-CEDICT's names, by the standard transcription), and the
    card says so: the reader never presents a guess as the text's own gloss.

    Args:
        suggestion: The word and its candidates.
        palette: The tone palette for the pinyin.

    Returns:
        The card's content.
    """
    places = len(suggestion.places)
    lines = [
        Content.assemble((suggestion.hangul, "bold"), ("  no hanja in the text", _LABEL)),
        Content.styled("suggested hanja, guesses:", "italic $text-warning"),
    ]
    for candidate in suggestion.candidates[:3]:
        row: list[str | tuple[str, str] | Content] = [
            "? ",
            (candidate.hanja, "bold $text-accent"),
            "  ",
            pinyin_content(candidate.pinyin, candidate.pinyin_numbered, palette),
            (f"  {round(candidate.confidence * 100)}%", "italic"),
        ]
        lines.append(Content.assemble(*row))
        if candidate.meanings:
            lines.append(Content.styled("  " + "; ".join(candidate.meanings[:2]), _LABEL))
    noun = "place" if places == 1 else "places"
    lines.append(Content.styled(f"{places} {noun} in this text · u lists every suggestion", _LABEL))
    return Content("\n").join(lines)
