"""Atom feeds of published changes (RFC 4287): one for every council, one per council.

Built with ElementTree, so every council text is escaped as XML text. Entry ids are stable URNs (the same change
keeps its id from one publication to the next, so feed readers show it once); links are relative to the feed's
own address unless the site's public address (`base_url`) is known.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from publish.public import Change, PublicCouncil
from publish.words import activity_words, answer, short

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)
FEED_NAMESPACE = uuid.UUID("0e6f2b7e-5a4c-4d5e-9f58-2b8b6c0d4a11")  # ids of this project's feeds and entries
ALL_COUNCILS_LIMIT = 200  # entries in the feed of every council (each council's feed has all of its own)


def _el(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def change_id(change: Change) -> str:
    """A stable id for a published change."""
    return uuid.uuid5(FEED_NAMESPACE, f"{change.council_code}/{change.activity}/{change.at}/{change.after.flag_id}").urn


def _entry(feed: ET.Element, change: Change, council: PublicCouncil, page: str) -> None:
    entry = _el(feed, "entry")
    words = activity_words(change.activity)
    before = f"{short(change.before.verdict)} -> " if change.before else ""
    _el(entry, "title", f"{council.name}, {words.noun}: {change.kind} ({before}{short(change.after.verdict)})")
    _el(entry, "id", change_id(change))
    _el(entry, "updated", change.at)
    _el(entry, "link", href=page, rel="alternate", type="text/html")
    if change.reviewer:
        _el(_el(entry, "author"), "name", change.reviewer)
    lines = [answer(change.activity, change.after.verdict, change.after.conditions)]
    if change.before and change.before.evidence:
        lines.append(f'Before: "{change.before.evidence[0].quote}"')
    if change.after.evidence:
        lines.append(f'{"After" if change.before else "The clause"}: "{change.after.evidence[0].quote}"')
        if change.after.evidence[0].source_url:
            lines.append(f"Source: {change.after.evidence[0].source_url}")
    _el(entry, "summary", "\n".join(lines), type="text")


def atom_feed(title: str, feed_id: str, self_href: str, site_href: str, updated: str,
              changes: Iterable[tuple[Change, PublicCouncil, str]]) -> bytes:
    """An Atom document: `changes` are (change, its council, the address of the council's page), newest first."""
    feed = ET.Element(f"{{{ATOM}}}feed")
    _el(feed, "title", title)
    _el(feed, "id", uuid.uuid5(FEED_NAMESPACE, feed_id).urn)
    _el(feed, "updated", updated)
    _el(feed, "link", href=self_href, rel="self", type="application/atom+xml")
    _el(feed, "link", href=site_href, rel="alternate", type="text/html")
    _el(_el(feed, "author"), "name", "Open Council Meetings")
    for change, council, page in changes:
        _entry(feed, change, council, page)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
