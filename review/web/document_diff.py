"""The whole documents behind a flag, before and after, as one diff: every paragraph shown, those that changed
marked and numbered so the page can link straight to them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from markupsafe import Markup, escape
from sqlite_utils import Database

from review.web.diff import inline_diff
from store.documents import get_snapshot
from store.records import Flag, entries_of


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the document: as it stands, or with its changes marked (`change`: its number, from 1)."""

    html: Markup
    change: int | None = None


@dataclass
class DocumentDiff:
    """One document's text at the snapshot quoted before and at the one quoted after."""

    url: str
    before: dict | None
    after: dict | None
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return sum(p.change is not None for p in self.paragraphs)


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def diff_paragraphs(before: str, after: str, first: int = 1) -> list[Paragraph]:
    """Every paragraph of `after`, and those only in `before`, in order; changed ones numbered from `first`."""
    old, new = _paragraphs(before), _paragraphs(after)
    out: list[Paragraph] = []
    number = first
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            out += [Paragraph(escape(p)) for p in new[j1:j2]]
            continue
        out.append(Paragraph(inline_diff(" ".join(old[i1:i2]), " ".join(new[j1:j2])), number))
        number += 1
    return out


def flag_documents(db: Database, flag: Flag) -> list[DocumentDiff]:
    """Each document quoted by the flag, before and after, newest snapshot on each side."""
    quoted: dict[str, dict[str, int]] = {}
    for side, change in (("before", flag.before), ("after", flag.after)):
        for entry in entries_of(change).values():
            for e in entry.evidence:
                if e.source_url and e.snapshot_id is not None:
                    seen = quoted.setdefault(e.source_url, {})
                    seen[side] = max(seen.get(side, 0), e.snapshot_id)
    documents: list[DocumentDiff] = []
    first = 1
    for url, ids in quoted.items():
        before, after = (get_snapshot(db, ids[s]) if s in ids else None for s in ("before", "after"))
        doc = DocumentDiff(url, before, after)
        if before is not None and after is not None and before["id"] != after["id"]:
            doc.paragraphs = diff_paragraphs(before["text"], after["text"], first)
        else:
            doc.paragraphs = [Paragraph(escape(p)) for p in _paragraphs((after or before or {}).get("text", ""))]
        first += doc.changes
        documents.append(doc)
    return documents
