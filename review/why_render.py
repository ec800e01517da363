"""`ocm councils why` for a person: counts and the reason first, then compact tables of the links visited in order,
the candidates found, the documents kept and what the page budget refused. Addresses are shortened for reading
(`--json` has them whole)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote, urlsplit

from clock import local_time
from review.why import Explanation, document_result
from rules.taxonomy import NOT_STATED
from store.documents import FAILED, NEW_SNAPSHOT, UNCHANGED, UNREADABLE

ADDRESS_WIDTH = 72
WRAP = 110  # the reason and the hint, wrapped
SHOWN = 25  # rows of a long list (candidates, refused links) shown before "... and N more"
FETCH_WORDS = {NEW_SNAPSHOT: "new text", UNCHANGED: "unchanged", FAILED: "failed", UNREADABLE: "unreadable"}


def short_url(url: str, width: int = ADDRESS_WIDTH, site: str = "") -> str:
    """An address to read: percent-escapes decoded, without the scheme (or without `site`, the one site every
    address is on), and cut in the middle when longer than `width`, keeping its start and its end."""
    shown = unquote(url)
    if site and shown.startswith(site):
        shown = shown[len(site):] or "/"
    else:
        shown = shown.split("://", 1)[-1]
    if len(shown) <= width:
        return shown
    head = width // 3
    return shown[:head] + "\u2026" + shown[len(shown) - (width - head - 1):]


def _one_site(urls: Iterable[str]) -> str:
    """`scheme://host` when every address is on that one site, else ""."""
    sites = {f"{parts.scheme}://{parts.netloc}" for parts in map(urlsplit, urls) if parts.netloc}
    return next(iter(sites)) if len(sites) == 1 else ""


def why_text(found: Explanation) -> str:
    """The whole explanation, as a maintainer reads it in a terminal."""
    d, council = found.discovery, found.council
    site = _one_site([v["url"] for v in found.visits] + [doc["url"] for doc in found.documents])
    budget = f"{d['budget']} page(s)" if d["budget"] else "no limit"
    kept = sum(1 for doc in found.documents if doc["outcome"] != FAILED)
    lines = [f"{council['code']} {council['name']}: discovery of run {d['run_id'] or '-'} ({d['mode']}), "
             f"{local_time(d['recorded_at'])}",
             f"Budget: {budget}. Links: {d['fetched']} fetched, {d['failed']} failed, {d['refused']} refused. "
             f"Candidates: {len(found.candidates)}. Documents kept: {kept}."]
    if site:
        lines.append(f"Site: {site} (the addresses below are on it)")
    lines += ["", *_verdict(found)]
    refs = {v["url"]: v["ord"] for v in found.visited}
    lines += _section(f"Visited, in order ({len(found.visited)}):",
                      ["#", "score", "cue", "role", "from", "outcome", "address"],
                      [[v["ord"], v["score"], v["cue"], v["role"], _from(v, refs, site), _outcome(v),
                        short_url(v["url"], site=site)] for v in found.visited], limit=None)
    lines += _section(f"Candidates found ({len(found.candidates)}):",
                      ["#", "score", "cue", "from", "result", "address"],
                      [[v["ord"], v["score"], v["cue"], _from(v, refs, site), v["result"],
                        short_url(v["url"], site=site)] for v in found.candidates])
    lines += _documents(found, site)
    lines += _section(f"Refused by the budget ({len(found.refused)}), best first:",
                      ["#", "score", "cue", "role", "from", "address"],
                      [[v["ord"], v["score"], v["cue"], v["role"], _from(v, refs, site),
                        short_url(v["url"], site=site)] for v in found.refused])
    if found.held:
        lines += [f"Held back: {len(found.held)} committee, meeting or decision page(s), not followed because "
                  "candidates were found elsewhere (see --json)."]
    if found.unvisited:
        lines += _section(f"Not reached when the crawl ended ({len(found.unvisited)}), best first:",
                          ["#", "score", "cue", "role", "from", "address"],
                          [[v["ord"], v["score"], v["cue"], v["role"], _from(v, refs, site),
                            short_url(v["url"], site=site)] for v in found.unvisited])
    return "\n".join(lines)


def _verdict(found: Explanation) -> list[str]:
    if found.policy_found:
        also = (f" (the budget ran out too: {len(found.refused)} link(s) refused)" if found.refused else "")
        return [f"Policy found: its current texts state {', '.join(found.stated)}{also}."]
    return [*textwrap.wrap(f"No policy found: {found.reason}. {found.detail[:1].upper()}{found.detail[1:]}.",
                           WRAP, subsequent_indent="  "),
            *textwrap.wrap(f"What to do: {found.hint.replace('CODE', found.council['code'])}.", WRAP,
                           initial_indent="  ", subsequent_indent="    ")]


def _from(visit: dict[str, Any], refs: dict[str, int], site: str) -> str:
    """Where a link was found: `start` (a start page), `#N` (the visit that fetched that page), or its address."""
    page = visit.get("found_on")
    if not page:
        return "start"
    if page in refs:
        return f"#{refs[page]}"
    return short_url(page, 30, site)


def _outcome(visit: dict[str, Any]) -> str:
    if visit.get("detail"):
        return f"{visit['outcome']}: {visit['detail']}"
    return str(visit["outcome"])


def _documents(found: Explanation, site: str) -> list[str]:
    run = found.discovery["run_id"] or "-"
    rows = [[doc["kind"], doc["found_via"], FETCH_WORDS.get(doc["outcome"], doc["outcome"]),
             short_url(doc["url"], site=site)] for doc in found.documents]
    return _section(f"Documents fetched in run {run} ({len(found.documents)}):",
                    ["kind", "found via", "fetch", "address"], rows, [_says(doc) for doc in found.documents])


def _says(doc: dict[str, Any]) -> str:
    """What a document's text says about recording, or why it has none."""
    if doc["outcome"] in (FAILED, UNREADABLE):
        said = f"{doc['outcome']}: {doc['error'] or '-'}"
        return said + ("; its last good text stays in force" if doc["verdicts"] and doc["outcome"] == FAILED
                       else "")
    stated = {activity: verdict for activity, verdict in doc["verdicts"].items() if verdict != NOT_STATED}
    if not stated:
        return "says nothing about recording at meetings"
    return f"{document_result(doc)}: " + ", ".join(f"{activity} {verdict}" for activity, verdict in stated.items())


def _section(title: str, header: list[str], rows: list[list[Any]], notes: list[str] | None = None,
             limit: int | None = SHOWN) -> list[str]:
    """A titled table with aligned columns (the last one free), at most `limit` rows; `notes`: a line under each."""
    lines = ["", title]
    if not rows:
        return lines + ["  none"]
    limit = len(rows) if limit is None else limit
    shown = [[str(cell) for cell in row] for row in rows[:limit]]
    widths = [max(len(row[i]) for row in [header, *shown]) for i in range(len(header) - 1)]
    indent = "  " + " " * sum(w + 2 for w in widths[:-1])  # notes start under the last aligned column
    right = [_numeric(cell) for cell in shown[0]]  # numbers (and their headers) aligned right
    for number, row in enumerate([header, *shown]):
        cells = [cell.rjust(w) if r else cell.ljust(w) for cell, w, r in zip(row, widths, right, strict=False)]
        lines.append(("  " + "  ".join(cells) + "  " + row[-1]).rstrip())
        if notes and number:
            lines.append(indent + notes[number - 1])
    if len(rows) > limit:
        lines.append(f"  ... and {len(rows) - limit} more (--json lists them all)")
    return lines


def _numeric(cell: str) -> bool:
    """A number: aligned right."""
    return cell.isdigit()
