"""Text normalisation shared by every extractor and by the store's text hash."""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # after "\r\n" -> "\n": each becomes "\n"
_CONTROL = "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x1C), *range(0x7F, 0x85), *range(0x86, 0xA0)]))
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe"  # only get in the way of matching and hashing
_REPLACEMENT = {**dict.fromkeys(_LINE_BREAKS, "\n"), **dict.fromkeys(_CONTROL + _INVISIBLE, "")}
# One character class, not an alternation or str.translate: the scan runs at C speed whether or not the
# text is ASCII (str.translate is ten times slower on non-ASCII text).
_SPECIAL = re.compile("[" + re.escape("".join(_REPLACEMENT)) + "]")
_BLANK_RUNS = re.compile(r"\n\n\n+")  # a literal prefix: found by a fast scan, unlike \n{3,}


def _replace(match: re.Match[str]) -> str:
    return _REPLACEMENT[match.group()]


def normalise_text(text: str) -> str:
    """NFC; whitespace collapsed within lines; lines stripped; one blank line between paragraphs.

    Idempotent: ``normalise_text(normalise_text(t)) == normalise_text(t)``.
    """
    text = _SPECIAL.sub(_replace, text.replace("\r\n", "\n"))
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")
