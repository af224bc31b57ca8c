"""CC-CEDICT: the compiled index, meanings for terms, look-ups and suggested hanja."""
