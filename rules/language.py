"""Which language a text is in, as far as the rules need to know: the keyword rules read English only.

Welsh councils publish in Welsh and English, sometimes as separate documents. A Welsh text that the rules
cannot read must not come out as a confident "says nothing": `is_welsh` tells the classifier to doubt it.
Counted on common function words of each language (none of them a word of the other), never on one document.
"""

from __future__ import annotations

import re

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
WELSH_WORDS = frozenset(
    "yr ac yn ei eu gan neu i'r o'r a'r mae bydd fydd fod bod hyn hynny sydd dylid rhaid gyda wedi drwy trwy gall "
    "nid nad cyngor cyfarfod cyfarfodydd caniatâd aelodau cyhoedd rhan ynghylch unrhyw fel".split())
ENGLISH_WORDS = frozenset(
    "the and of to is are be with for that which will shall may not or by this any from their at".split())
MIN_WORDS = 3  # fewer Welsh words than this: too little to tell


def is_welsh(text: str) -> bool:
    """Whether the text is mostly Welsh: its Welsh function words outnumber its English ones two to one."""
    welsh = english = 0
    for match in WORD_RE.finditer(text):
        word = match.group().lower().replace("’", "'")
        welsh += word in WELSH_WORDS or word.removesuffix("'r") in WELSH_WORDS  # "aelodau'r": the members
        english += word in ENGLISH_WORDS
    return welsh >= MIN_WORDS and welsh > 2 * english
