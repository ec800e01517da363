"""Text normalisation shared by every extractor and by the store's text hash."""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # after "\r\n" -> "\n": each becomes "\n"
_CONTROL = "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x1C), *range(0x7F, 0x85), *range(0x86, 0xA0)]))
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe"  # only get in the way of matching and hashing
# Every other character that str.isspace() knows (tests check the list): each becomes " ", so that after the
# same pass a line's spacing is only ever plain spaces.
OTHER_SPACES = "\t\x1f\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_REPLACEMENT = {
    **dict.fromkeys(_LINE_BREAKS, "\n"), **dict.fromkeys(_CONTROL + _INVISIBLE, ""), **dict.fromkeys(OTHER_SPACES, " ")
}
# One character class, not an alternation or str.translate: the scan runs at C speed whether or not the
# text is ASCII (str.translate is ten times slower on non-ASCII text).
_SPECIAL = re.compile("[" + re.escape("".join(_REPLACEMENT)) + "]")
_BLANK_RUNS = re.compile(r"\n\n\n+")  # a literal prefix: found by a fast scan, unlike \n{3,}
_SPACE_RUNS = re.compile(r"  +")


def _replace(match: re.Match[str]) -> str:
    return _REPLACEMENT[match.group()]


def normalise_text(text: str) -> str:
    """NFC; whitespace collapsed within lines; lines stripped; one blank line between paragraphs.

    Idempotent: ``normalise_text(normalise_text(t)) == normalise_text(t)``.
    """
    text = _SPECIAL.sub(_replace, text.replace("\r\n", "\n"))
    text = unicodedata.normalize("NFC", text)  # never makes or joins a space: safe after the pass above
    # Only " " and "\n" are left. Substring tests and replaces run at C speed, where splitting every line into
    # words would make an object per word: a PDF page's text is normalised twice as fast.
    if "  " in text:
        text = _SPACE_RUNS.sub(" ", text)
    text = text.replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")
