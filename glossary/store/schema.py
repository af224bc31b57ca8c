"""The store's schema: tables, the migrations that build them, and the values they allow."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from glossary.model import ReadingLanguage

Status = Literal["new", "learning", "known", "ignored"]
STATUSES: tuple[Status, ...] = ("new", "learning", "known", "ignored")
TermKey = tuple[str, str]
# How listings order terms: as first stored, by number of documents, by number of uses.
TermSort = Literal["added", "documents", "uses"]
TERM_SORTS: tuple[TermSort, ...] = ("added", "documents", "uses")

# Term fields a user may correct; the extracted value is kept beside the correction.
CORRECTABLE = (
    "simplified",
    "traditional",
    "pinyin",
    "pinyin_numbered",
    "sino_korean",
    "mandarin_hangul",
)
# "Hanj": marks the file as ours, so a foreign SQLite file is never written to.
APPLICATION_ID = 0x48616E6A
EXPORT_FORMAT = "hanja-reader glossary"
EXPORT_VERSION = 1
BUSY_TIMEOUT_S = 10.0

# The extracted columns of schema 1, in the order ``EXTRACTED_COLUMNS`` starts with.
EXTRACTED_COLUMNS_V1 = (
    "kind",
    "simplified",
    "traditional",
    "pinyin",
    "pinyin_numbered",
    "sino_korean",
    "mandarin_hangul",
    "note",
    "matches",
    "kind_note",
    "chars",
)
# Whose reading a gloss follows and the readings beside it (schema 3): ``zh``, ``ja``, ``ko``
# or "", the Japanese reading in kana and in romaji, the reading Korean usage gives the word
# and where it comes from, the word a headline hanja abbreviates. The engine fills them like
# the columns above, and they are merged with them.
READING_COLUMNS = (
    "reading_language",
    "japanese_reading",
    "japanese_romaji",
    "conventional_reading",
    "conventional_source",
    "abbreviates",
)
EXTRACTED_COLUMNS = (*EXTRACTED_COLUMNS_V1, *READING_COLUMNS)
# What CC-CEDICT says of a term (schema 2): its word senses (JSON list), whether it is a
# Mandarin word (1, 0, or NULL: not looked up yet), its frequency rank, and each character's
# senses (JSON list of lists, in the order of ``chars``). Kept apart from the extracted
# columns: an add without a dictionary leaves them as they are.
DICTIONARY_COLUMNS = ("meanings", "mandarin_word", "frequency_rank", "char_meanings")

_SCHEMA_V1 = f"""
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    encoding TEXT NOT NULL,
    length INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX documents_path ON documents (path);
CREATE TABLE terms (
    id INTEGER PRIMARY KEY,
    hanja TEXT NOT NULL,
    hangul TEXT NOT NULL,
    kind TEXT NOT NULL,
    simplified TEXT NOT NULL,
    traditional TEXT NOT NULL,
    pinyin TEXT NOT NULL,
    pinyin_numbered TEXT NOT NULL,
    sino_korean TEXT NOT NULL,
    mandarin_hangul TEXT NOT NULL,
    note TEXT NOT NULL,
    matches TEXT NOT NULL,
    kind_note TEXT NOT NULL,
    chars TEXT NOT NULL,
    meaning TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN {STATUSES!r}),
    user_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    user_updated_at TEXT NOT NULL DEFAULT '',
    UNIQUE (hanja, hangul)
);
CREATE INDEX terms_hangul ON terms (hangul);
CREATE TABLE corrections (
    term_id INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    field TEXT NOT NULL CHECK (field IN {CORRECTABLE!r}),
    value TEXT NOT NULL,
    corrected_at TEXT NOT NULL,
    PRIMARY KEY (term_id, field)
) WITHOUT ROWID;
CREATE TABLE occurrences (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    hanja_start INTEGER NOT NULL,
    hanja_end INTEGER NOT NULL,
    gloss_start INTEGER,
    gloss_end INTEGER,
    surface TEXT NOT NULL,
    sentence TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX occurrences_term ON occurrences (term_id, document_id);
CREATE INDEX occurrences_document ON occurrences (document_id);
CREATE TABLE term_documents (
    term_id INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (term_id, document_id)
) WITHOUT ROWID;
CREATE INDEX term_documents_document ON term_documents (document_id);
"""

# Schema 2: the dictionary's part of each term. Terms stored before have ``mandarin_word``
# NULL: they are looked up when read (with an index already built) and kept on the next add.
_MEANINGS_V2 = """
ALTER TABLE terms ADD COLUMN meanings TEXT NOT NULL DEFAULT '[]';
ALTER TABLE terms ADD COLUMN mandarin_word INTEGER CHECK (mandarin_word IN (0, 1));
ALTER TABLE terms ADD COLUMN frequency_rank INTEGER;
ALTER TABLE terms ADD COLUMN char_meanings TEXT NOT NULL DEFAULT '[]';
CREATE INDEX terms_not_looked_up ON terms (id) WHERE mandarin_word IS NULL;
"""

# Schema 3: the reading columns (``READING_COLUMNS``), and the mentions of a term in a document
# that may be another word there (``uncertain_mentions``; ``mentions`` counts the sure ones).
# Terms stored before get the reading language the engine gave them then (it knew no
# Japanese readings): see :func:`legacy_reading_language`, which this ``CASE`` mirrors.
_READINGS_V3 = """
ALTER TABLE terms ADD COLUMN reading_language TEXT NOT NULL DEFAULT ''
    CHECK (reading_language IN ('zh', 'ja', 'ko', ''));
ALTER TABLE terms ADD COLUMN japanese_reading TEXT NOT NULL DEFAULT '';
ALTER TABLE terms ADD COLUMN japanese_romaji TEXT NOT NULL DEFAULT '';
ALTER TABLE terms ADD COLUMN conventional_reading TEXT NOT NULL DEFAULT '';
ALTER TABLE terms ADD COLUMN conventional_source TEXT NOT NULL DEFAULT '';
ALTER TABLE terms ADD COLUMN abbreviates TEXT NOT NULL DEFAULT '';
ALTER TABLE term_documents ADD COLUMN uncertain_mentions INTEGER NOT NULL DEFAULT 0;
UPDATE terms SET reading_language = CASE
    WHEN kind IN ('bare', 'translation') THEN ''
    WHEN kind = 'sino' THEN 'ko'
    WHEN kind = 'transcription' OR matches LIKE '%"transcription"%' THEN 'zh'
    WHEN kind_note LIKE '%Mandarin%' THEN 'zh'
    ELSE 'ko'
END
"""


def legacy_reading_language(kind: str, matches: Sequence[str], kind_note: str) -> ReadingLanguage:
    """The reading language of a term stored or exported before terms had one (schema 2).

    The engine then knew Mandarin and Sino-Korean readings only; this is the language it
    gave such a term when it learnt to say (as the schema 3 migration sets it).

    Args:
        kind: The term's kind.
        matches: The readings its gloss matches.
        kind_note: The sentence on its kind (a mixed gloss names its reading parts there).

    Returns:
        ``zh``, ``ko`` or "" (a translation or bare hanja).
    """
    if kind in ("bare", "translation"):
        return ""
    if kind == "sino":
        return "ko"
    if kind == "transcription" or "transcription" in matches:
        return "zh"
    return "zh" if "Mandarin" in kind_note else "ko"


# Schema 4: each sentence once per document (``sentences``), the places pointing at it.
# A Chinese document makes a place of every word, and a sentence holds a dozen words: with
# the sentence in every place, 2 MB of Chinese took 104 MB. ``occurrences`` is rebuilt
# (SQLite cannot swap a column in place) with the same ids, in the same order; the index on
# the sentences' text only joins the old rows to the new ones and goes at the end.
_SENTENCES_V4 = """
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    text TEXT NOT NULL
);
INSERT INTO sentences (document_id, text)
    SELECT document_id, sentence FROM occurrences
    GROUP BY document_id, sentence ORDER BY min(id);
CREATE INDEX sentences_text ON sentences (document_id, text);
CREATE TABLE occurrences_v4 (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    hanja_start INTEGER NOT NULL,
    hanja_end INTEGER NOT NULL,
    gloss_start INTEGER,
    gloss_end INTEGER,
    surface TEXT NOT NULL,
    sentence_id INTEGER NOT NULL REFERENCES sentences (id) ON DELETE CASCADE,
    note TEXT NOT NULL
);
INSERT INTO occurrences_v4
    SELECT o.id, o.term_id, o.document_id, o.span_start, o.span_end, o.hanja_start,
        o.hanja_end, o.gloss_start, o.gloss_end, o.surface, s.id, o.note
    FROM occurrences o JOIN sentences s
        ON s.document_id = o.document_id AND s.text = o.sentence
    ORDER BY o.id;
DROP TABLE occurrences;
ALTER TABLE occurrences_v4 RENAME TO occurrences;
CREATE INDEX occurrences_term ON occurrences (term_id, document_id);
CREATE INDEX occurrences_document ON occurrences (document_id);
DROP INDEX sentences_text;
CREATE INDEX sentences_document ON sentences (document_id)
"""

# Schema 5: where each place stands in its sentence (the offset of its surface text there).
# A flashcard marks the place in the sentence: found by its text, a one-character word was
# marked where another word holds the character first (人 in 人民代表大会的人). NULL for a
# place stored before, which is found by its text as then.
_SENTENCE_AT_V5 = "ALTER TABLE occurrences ADD COLUMN sentence_at INTEGER"

# MIGRATIONS[i] takes the schema from version i to i + 1. Append, never edit.
MIGRATIONS: tuple[str, ...] = (
    _SCHEMA_V1,
    _MEANINGS_V2,
    _READINGS_V3,
    _SENTENCES_V4,
    _SENTENCE_AT_V5,
)
SCHEMA_VERSION = len(MIGRATIONS)
