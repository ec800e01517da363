"""Load the sample web's texts from ``content/``.

A text file starts with its source addresses (one ``http(s)://`` line each, the
format of ``shared/data/pages``), then a blank line and the body. Filler files
written for the sample web start with ``#`` comment lines instead and have no
source. ``## `` starts a section; ``@include name`` pulls in another text's
paragraphs (and its sources).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

CONTENT = Path(__file__).parent / "content"
LICENCE = "Open Government Licence v3.0"

_ASCII = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00a0": " ", "\u2022": "-"})


@dataclass(frozen=True)
class Text:
    """A content file: where it came from and what it says."""

    name: str
    sources: tuple[str, ...]
    body: str

    @property
    def paragraphs(self) -> list[str]:
        """Non-empty body lines, trailing spaces stripped."""
        return [line.strip() for line in self.body.splitlines() if line.strip()]


@dataclass
class Section:
    """A heading and its paragraphs; ``new_page`` starts it on a new page (PDF and Word)."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    new_page: bool = False


def ascii_safe(text: str) -> str:
    """Replace typographic quotes and dashes, so core PDF fonts (latin-1) can draw the text."""
    return text.translate(_ASCII)


def source_line(url: str) -> str:
    """The attribution line shown on every page or document built from real wording."""
    return f"Source: {url} ({LICENCE})"


@cache
def load(name: str) -> Text:
    """Read ``content/<name>.txt``."""
    lines = (CONTENT / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    sources: list[str] = []
    while lines and (lines[0].startswith(("http://", "https://", "# ")) or not lines[0].strip()):
        line = lines.pop(0)
        if line.startswith("http"):
            sources.append(line.strip())
    return Text(name, tuple(sources), "\n".join(lines))


def sections(name: str) -> tuple[list[Section], list[str]]:
    """Split a text into ``## `` sections, resolving ``@include``; returns (sections, sources)."""
    text = load(name)
    found: list[Section] = []
    sources = list(text.sources)
    for line in text.paragraphs:
        if line.startswith("## "):
            found.append(Section(line[3:].strip()))
        elif line.startswith("@include "):
            included = load(line.split(None, 1)[1])
            found[-1].paragraphs.extend(included.paragraphs)
            sources.extend(s for s in included.sources if s not in sources)
        else:
            found[-1].paragraphs.append(line)
    return found, sources


def parts(name: str) -> dict[str, list[Section]]:
    """Split a text into ``@@ `` parts (title -> sections), as in ``constitution-parts``."""
    result: dict[str, list[Section]] = {}
    current: list[Section] = []
    for line in load(name).paragraphs:
        if line.startswith("@@ "):
            current = result.setdefault(line[3:].strip(), [])
        elif line.startswith("## "):
            current.append(Section(line[3:].strip()))
        else:
            current[-1].paragraphs.append(line)
    return result


@dataclass
class Document:
    """A council document to render as HTML, PDF or DOCX; sources are listed at its end."""

    council: str
    title: str
    sections: list[Section]
    sources: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
