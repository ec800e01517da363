"""Text normalisation shared by every extractor and by the store's text hash."""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that only get in the way of matching and hashing.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe"), None)
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC; whitespace collapsed within lines; lines stripped; one blank line between paragraphs.

    Idempotent: ``normalise_text(normalise_text(t)) == normalise_text(t)``.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text).translate(_INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")
