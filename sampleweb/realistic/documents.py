"""The documents of the realistic web: real policy texts in the wrappers councils publish them in.

A filming rule sits among other procedure rules in a constitution part; a protocol PDF has its adoption
details, its text and a document control section; agendas, minutes and reports are short filler.
Texts are loaded from ``sampleweb/content`` with their source addresses; :func:`renamed` puts the fictional
council's name where the real text names its own council.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..sites import _numbered
from ..texts import Document, Section, load, parts, sections
from .common import filler_sections, long_date, plain_date

CONSTITUTION_PARTS = ("Part 1 - Summary and Explanation", "Part 2 - Articles of the Constitution",
                      "Part 3 - Responsibility for Functions", "Part 4 - Rules of Procedure",
                      "Part 5 - Codes and Protocols")


def renamed(lines: Sequence[str], names: Mapping[str, str]) -> list[str]:
    """``lines`` with each real council name (or address) in ``names`` replaced by the fictional one."""
    out = []
    for line in lines:
        for old, new in names.items():
            line = line.replace(old, new)
        out.append(line)
    return out


def text_lines(name: str, names: Mapping[str, str] | None = None) -> tuple[list[str], list[str]]:
    """A content file's paragraphs (renamed) and its source addresses."""
    text = load(name)
    return renamed(text.paragraphs, names or {}), list(text.sources)


def procedure_rules(council: str, title: str, insert: Section | None, at: int,
                    sources: Sequence[str] = ()) -> Document:
    """Council Procedure Rules (the filler rules, numbered) with ``insert`` as rule ``at + 1``."""
    rules, _ = sections("procedure-rules")
    if insert is not None:
        rules.insert(at, insert)
    body = [Section("Council Procedure Rules", ["These rules apply to meetings of the Council and, where rule "
                                                "28 says so, to its committees and sub-committees."])]
    return Document(council, title, body + _numbered(rules), list(sources),
                    intro=["This Part of the Constitution was last updated following the Annual Council "
                           "meeting on 21 May 2024."])


def constitution_part(council: str, title: str) -> Document:
    """A constitution part made of filler (Parts 1, 2, 3 and 5): silent on filming and recording."""
    return Document(council, f"Constitution {title}", parts("constitution-parts")[title])


def protocol(council: str, title: str, name: str, names: Mapping[str, str] | None = None, *,
             adopted: str = "the Council on 23 January 2024", owner: str = "Democratic Services") -> Document:
    """A protocol or policy PDF: a cover page, contents, the real text, then its document control page."""
    lines, sources = text_lines(name, names)
    if lines and lines[0].rstrip(".").lower() in title.lower():
        lines = lines[1:]
    body = [Section("1. Introduction", lines[:1], new_page=True), Section("2. The protocol", lines[1:])]
    control = Section("Document control", [f"Owner: {owner}", f"Approved by: {adopted}",
                                           "Review date: January 2027", "Version: 2.1",
                                           "This document is available in large print on request."], new_page=True)
    contents = Section("Contents", [section.heading for section in body] + [control.heading])
    return Document(council, title, [contents, *body, control], sources,
                    intro=[f"Adopted by {adopted}.", f"Owner: {owner}", "Version 2.1"])


def agenda(council: str, committee: str, day: date, items: Sequence[str],
           notice: tuple[str, list[str]] | None = None) -> Document:
    """An agenda front sheet: venue, contact, optional notice (webcasting, filming), the items."""
    intro = [f"Date: {long_date(day)}", "Time: 6.00 pm", "Venue: Council Chamber, Civic Centre",
             "Contact: Democratic Services"]
    body = []
    if notice:
        body.append(Section(notice[0], notice[1]))
    body.append(Section("Agenda", [f"{n}. {item}" for n, item in enumerate(items, 1)]))
    return Document(council, f"Agenda - {committee} - {plain_date(day)}", body, intro=intro)


def minutes(council: str, committee: str, day: date, items: Sequence[str], present: Sequence[str]) -> Document:
    """Printed minutes of a meeting."""
    body = [Section("Present", [", ".join(present)])]
    for n, item in enumerate(items, 1):
        body.append(Section(f"{n}. {item}", ["The committee considered the item and RESOLVED that the "
                                             "recommendations in the report be agreed."]))
    return Document(council, f"Minutes - {committee} - {plain_date(day)}", body)


def report(council: str, topic: str, committee: str) -> Document:
    """A committee report (filler)."""
    return Document(council, topic, [Section(h, p) for h, p in filler_sections(topic)],
                    intro=[f"Report to: {committee}", "Report of: Director of Resources", "Wards affected: All"])


def local_policy(council: str, title: str) -> Document:
    """A town or community council's routine policy (filler: financial regulations, complaints, grants...)."""
    return Document(council, title, parts("local-council-policies")[title],
                    intro=["Adopted at the Annual Meeting of the Council, May 2024."])
