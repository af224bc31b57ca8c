"""The gloss engine: find glosses in text, classify them, and give readings and forms.

``extract`` finds glosses, ``kinds`` says what each one is, ``enrich`` explains hanja
(``chinese`` for OpenCC and pypinyin, through the compact ``tables`` that ``tablebuild``
derives from their data, ``hanjadict`` for the bundled Sino-Korean data,
``transcribe`` and ``jamo`` for hangul; ``visible`` for text holding invisible characters
or decomposed hangul). Nothing here imports the dictionary, the store, the corpus importer
or the command line.
"""
