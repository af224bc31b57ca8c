"""Our Anki note types: their fixed ids, fields, card templates and styling.

A note type is recognised by its id. Anki compares the names of its fields and templates
(its schema) when a package is imported again: a different schema under a known id makes
a copy of the note type and leaves every note in it aside. So the fields of a note type
never change under its id; new fields come with a new id (:data:`MODEL_ID`), and the old
note type (:data:`LEGACY_MODEL_ID`) stays defined here, as it was, for the decks made
with it. Templates and styling may change under the same id: :data:`MODEL_CHANGED` says
when they last did, and Anki takes them up when that is newer than its copy.

genanki loads on first use.
"""

from __future__ import annotations

import functools
from typing import Any

# The note type of this version: fields, templates, id. Fixed forever.
MODEL_ID = 1688607737
MODEL_NAME = "hanja-reader term v2"
# When the templates or the styling last changed (seconds since the epoch, UTC): the note
# type's modification time in every package. Raise it with every change to them.
MODEL_CHANGED = 1_796_342_400  # 2026-12-04

FIELDS = (
    "Term",
    "Hanzi",
    "Hanzi (Color)",
    "Simplified",
    "Traditional",
    "Pinyin",
    "Pinyin numbered",
    "Ruby",
    "Sino-Korean",
    "Korean gloss",
    "Mandarin in hangul",
    "Readings",
    "Kind",
    "English",
    "Meaning",
    "Characters",
    "Frequency",
    "Note",
    "Sentence",
    "Cloze",
    "Source",
)
TEMPLATES = ("Recognition", "Recall", "Cloze", "Sound")

# Tone colours (tone 5 is the neutral tone), the red/orange/green/blue/grey convention.
TONE_COLOURS = ("#e53935", "#f08c00", "#2f9e44", "#3b82f6", "#8a8a8a")

# The Korean word of the term: its gloss, or for bare hanja its Sino-Korean reading.
_KOREAN = (
    "{{#Korean gloss}}{{Korean gloss}}{{/Korean gloss}}"
    "{{^Korean gloss}}{{Sino-Korean}}{{/Korean gloss}}"
)
_KOREAN_TTS = (
    "{{#Korean gloss}}{{tts ko_KR:Korean gloss}}{{/Korean gloss}}"
    "{{^Korean gloss}}{{tts ko_KR:Sino-Korean}}{{/Korean gloss}}"
)
_MEANINGS = """{{#Meaning}}<div class="meaning">{{Meaning}}</div>{{/Meaning}}
{{#English}}<div class="english">{{English}}</div>{{/English}}"""
_DETAILS = (
    """<div class="pinyin" lang="zh">{{Pinyin}}</div>
{{#Readings}}<div class="readings">{{Readings}}</div>{{/Readings}}
"""
    + _MEANINGS
    + """
{{#Characters}}<div class="chars">{{Characters}}</div>{{/Characters}}
{{#Note}}<div class="note">{{Note}}</div>{{/Note}}"""
)
_FOOTER = (
    '<div class="footer">{{Kind}}'
    "{{#Frequency}} · frequency rank {{Frequency}}{{/Frequency}}"
    "{{#Source}} · {{Source}}{{/Source}}</div>"
)
_SENTENCE = '{{#Sentence}}<div class="sentence" lang="ko">{{Sentence}}</div>{{/Sentence}}'

_RECOGNITION_FRONT = '<div class="hanzi" lang="zh">{{Hanzi}}</div>'
_RECOGNITION_BACK = f"""<div class="hanzi" lang="zh">{{{{Hanzi (Color)}}}}</div>
<hr id="answer">
<div class="gloss" lang="ko">{_KOREAN}</div>
{_DETAILS}
{_SENTENCE}
{_FOOTER}"""
_RECALL_FRONT = f"""<div class="gloss" lang="ko">{_KOREAN}</div>
{_MEANINGS}"""
_RECALL_BACK = f"""{{{{FrontSide}}}}
<hr id="answer">
<div class="hanzi" lang="zh">{{{{Hanzi (Color)}}}}</div>
<div class="pinyin" lang="zh">{{{{Pinyin}}}}</div>
{{{{#Readings}}}}<div class="readings">{{{{Readings}}}}</div>{{{{/Readings}}}}
{{{{#Characters}}}}<div class="chars">{{{{Characters}}}}</div>{{{{/Characters}}}}
{{{{#Note}}}}<div class="note">{{{{Note}}}}</div>{{{{/Note}}}}
{_SENTENCE}
{_FOOTER}"""
_CLOZE_FRONT = '{{#Cloze}}<div class="sentence" lang="ko">{{Cloze}}</div>{{/Cloze}}'
_CLOZE_BACK = f"""{_SENTENCE}
<hr id="answer">
<div class="hanzi" lang="zh">{{{{Hanzi (Color)}}}}</div>
<div class="gloss" lang="ko">{_KOREAN}</div>
{_DETAILS}
{_FOOTER}"""
_SOUND_FRONT = (
    '{{#Simplified}}<div class="listen">Listen: which word is it?</div>'
    "{{tts zh_CN:Simplified}}{{/Simplified}}"
)
_SOUND_BACK = f"""{{{{FrontSide}}}}
<hr id="answer">
<div class="hanzi" lang="zh">{{{{furigana:Ruby}}}}</div>
<div class="pinyin" lang="zh">{{{{Pinyin}}}}</div>
<div class="gloss" lang="ko">{_KOREAN}</div>
{_KOREAN_TTS}
{_MEANINGS}
{_FOOTER}"""

_TONES_CSS = "".join(f".tone{i} {{ color: {c}; }}\n" for i, c in enumerate(TONE_COLOURS, 1))
CSS = (
    """.card { font-family: "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif;
  font-size: 20px; text-align: center; color: #222; background: #fff; }
.nightMode .card, .card.nightMode { color: #eee; background: #222; }
:lang(zh) { font-family: "Noto Sans CJK TC", "Noto Sans CJK SC", "PingFang TC",
  "Microsoft JhengHei", sans-serif; }
:lang(ko) { font-family: "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic",
  sans-serif; }
.hanzi { font-size: 48px; }
.hanzi rt { font-size: 14px; }
.pinyin { font-size: 24px; }
.gloss { font-size: 28px; }
.readings, .chars, .note { font-size: 16px; margin-top: 0.4em; }
.label { color: #888; font-size: 13px; }
.meaning { font-style: italic; }
.english { font-size: 17px; }
.sentence { font-size: 18px; text-align: left; margin-top: 1em; }
.sentence .h, .cloze { color: #3b82f6; font-weight: bold; }
.listen { font-size: 16px; color: #888; }
.footer { font-size: 13px; color: #888; margin-top: 1em; }
"""
    + _TONES_CSS
)

# Which fields a card needs (genanki writes only these cards; Anki's own rules, read from
# the templates above, agree): [template, "any" or "all", field indexes].
_REQUIREMENTS = [
    [0, "any", [FIELDS.index("Hanzi")]],
    [1, "any", [FIELDS.index("Korean gloss"), FIELDS.index("Sino-Korean")]],
    [2, "all", [FIELDS.index("Cloze")]],
    [3, "all", [FIELDS.index("Simplified")]],
]


@functools.cache
def _model_class() -> Any:
    """genanki's Model with the cards it writes taken from :data:`_REQUIREMENTS`.

    genanki works out which cards a note has by rendering the fronts with its own template
    engine, which knows no ``{{tts ...}}`` filter; the requirements are stated instead.
    """
    import genanki  # type: ignore[import-untyped]

    class StatedModel(genanki.Model):  # type: ignore[misc]
        @property
        def _req(self) -> list[list[Any]]:
            return _REQUIREMENTS

    return StatedModel


def anki_model() -> Any:
    """Our genanki note type: fixed id and fields; Recognition, Recall, Cloze and Sound cards.

    Returns:
        The ``genanki.Model``; its first field, ``Term`` (the gloss and its hanja), names the
        note and sorts it.
    """
    templates = zip(
        TEMPLATES,
        (
            (_RECOGNITION_FRONT, _RECOGNITION_BACK),
            (_RECALL_FRONT, _RECALL_BACK),
            (_CLOZE_FRONT, _CLOZE_BACK),
            (_SOUND_FRONT, _SOUND_BACK),
        ),
        strict=True,
    )
    return _model_class()(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": n, "qfmt": q, "afmt": a} for n, (q, a) in templates],
        css=CSS,
        sort_field_index=0,
    )


# -- the first note type, kept as it was -----------------------------------------------------

LEGACY_MODEL_ID = 1842373907
LEGACY_MODEL_NAME = "hanja-reader term"
LEGACY_FIELDS = (
    "Hanja",
    "Simplified",
    "Traditional",
    "Pinyin",
    "Pinyin numbered",
    "Sino-Korean",
    "Korean gloss",
    "Kind",
    "Characters",
    "Meaning",
    "Sentence",
    "Source",
)
_LEGACY_RECOGNITION_BACK = """{{FrontSide}}
<hr id="answer">
<div class="pinyin">{{Pinyin}}</div>
<div class="reading">{{Sino-Korean}}{{#Korean gloss}} · {{Korean gloss}}{{/Korean gloss}}</div>
{{#Meaning}}<div class="meaning">{{Meaning}}</div>{{/Meaning}}
<div class="chars">{{Characters}}</div>
<div class="sentence">{{Sentence}}</div>
<div class="source">{{Kind}} · {{Source}}</div>"""
_LEGACY_RECALL_FRONT = """<div class="recall">
<div class="gloss">{{Korean gloss}}</div>
{{#Meaning}}<div class="meaning">{{Meaning}}</div>{{/Meaning}}
<div class="sentence">{{Sentence}}</div>
</div>"""
_LEGACY_RECALL_BACK = """<div class="gloss">{{Korean gloss}}</div>
<hr id="answer">
<div class="hanja">{{Hanja}}</div>
<div class="pinyin">{{Pinyin}}</div>
<div class="reading">{{Sino-Korean}}</div>
{{#Meaning}}<div class="meaning">{{Meaning}}</div>{{/Meaning}}
<div class="chars">{{Characters}}</div>
<div class="sentence">{{Sentence}}</div>
<div class="source">{{Kind}} · {{Source}}</div>"""
_LEGACY_CSS = (
    """.card { font-family: "Noto Sans CJK KR", "Apple SD Gothic Neo", sans-serif;
  font-size: 20px; text-align: center; color: #222; background: #fff; }
.nightMode .card, .card.nightMode { color: #eee; background: #222; }
.hanja { font-size: 48px; }
.pinyin { font-size: 24px; }
.gloss { font-size: 28px; }
.meaning { font-style: italic; }
.chars { font-size: 16px; margin-top: 0.5em; }
.sentence { font-size: 18px; text-align: left; margin-top: 1em; }
.recall .sentence .h { visibility: hidden; }
.source { font-size: 13px; color: #888; margin-top: 1em; }
"""
    + _TONES_CSS
)


def legacy_model() -> Any:
    """The first note type (``hanja-reader term``), as the packages made with it hold it.

    Nothing is exported with it any more. It stays defined so that its id is never given
    to other fields, and so that the tests can make a deck of the old kind and move it to
    :func:`anki_model` the way the README says.

    Returns:
        The ``genanki.Model``.
    """
    import genanki

    return genanki.Model(
        LEGACY_MODEL_ID,
        LEGACY_MODEL_NAME,
        fields=[{"name": name} for name in LEGACY_FIELDS],
        templates=[
            {
                "name": "Recognition",
                "qfmt": '<div class="hanja">{{Hanja}}</div>',
                "afmt": _LEGACY_RECOGNITION_BACK,
            },
            {"name": "Recall", "qfmt": _LEGACY_RECALL_FRONT, "afmt": _LEGACY_RECALL_BACK},
        ],
        css=_LEGACY_CSS,
        sort_field_index=0,
    )
