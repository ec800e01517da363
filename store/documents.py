"""Recording what a crawl fetched: sources, their snapshots (append-only) and findings, and failures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from store.db import insert, one, rows, sha256, to_json, transaction, update
from store.records import CurrentFinding

NEW_SNAPSHOT = "new_snapshot"
UNCHANGED = "unchanged"
FAILED = "failed"
UNREADABLE = "unreadable"  # fetched fine, but no text can be read from it (a scanned PDF)
ACTIVE = "active"
GONE = "gone"
# No longer fetched: one of the council's discovered sources beyond its cap (OCM_MAX_SOURCES_PER_COUNCIL), retired
# by the crawl. Not gone (no flag): its history stays, and it is active again once discovery fetches it again.
RETIRED = "retired"


@dataclass(frozen=True)
class SourceRef:
    """Where a document was fetched from and how it was found."""

    council: str
    url: str
    kind: str
    found_via: str


class UnclassifiedText(Exception):
    """A document without findings would have become a new snapshot (its text is not the stored one)."""


@dataclass(frozen=True)
class FetchedDocument:
    """A successful fetch with its extracted text and findings, ready to store. The crawl gives the hashes of the
    bytes and the text it took once (pipeline/persist.py); they are taken here only when not given."""

    fetched_at: str
    http_status: int
    final_url: str
    content_type: str
    body: bytes
    text: str
    format: str
    title: str | None
    page_count: int
    page_starts: list[int]
    dates: list[dict[str, str]]
    findings: list[dict[str, Any]] | None  # None: not classified, because the text is the stored one
    classifier_version: str
    etag: str | None = None
    last_modified: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    bytes_sha256: str = ""
    text_sha256: str = ""

    def __post_init__(self) -> None:
        if not self.bytes_sha256:
            object.__setattr__(self, "bytes_sha256", sha256(self.body))  # frozen: set once, here
        if not self.text_sha256:
            object.__setattr__(self, "text_sha256", sha256(self.text))


def find_source(db: Database, council: str, url: str) -> dict | None:
    """The source row of this council and URL, if the store knows it."""
    return one(db, "SELECT * FROM source WHERE council = ? AND url = ?", [council, url])


def known_sources(db: Database, council: str) -> list[dict]:
    """Every active source of a council, oldest first, with the byte and text hashes of its current snapshot:
    a crawl re-checks each of them, conditionally (ETag / Last-Modified), skipping the extraction of unchanged
    bytes and the classification of unchanged text."""
    return rows(db, """SELECT s.*, sn.bytes_sha256 AS current_bytes_sha256, sn.text_sha256 AS current_text_sha256
                       FROM source s
                       LEFT JOIN snapshot sn ON sn.id = (SELECT MAX(id) FROM snapshot WHERE source_id = s.id)
                       WHERE s.council = ? AND s.status = ? ORDER BY s.id""", [council, ACTIVE])


def _ensure_source(db: Database, ref: SourceRef, now: str) -> dict:
    found = find_source(db, ref.council, ref.url)
    if found:
        return found
    insert(db, "source", {"council": ref.council, "url": ref.url, "kind": ref.kind,
                          "found_via": ref.found_via, "first_seen": now})
    created = find_source(db, ref.council, ref.url)
    if created is None:  # cannot happen inside one transaction; keeps mypy and readers certain
        raise LookupError(ref.url)
    return created


def record_link_pages(db: Database, seen: dict[tuple[str, str], set[str]]) -> int:
    """Remember, for each source linked this run, a page that links to it: `seen` maps (council, URL) to the
    pages whose links led there. A source keeps its page while that page still links to it; otherwise it takes
    the page linking most of its council's sources (an index, the one page worth re-reading). Returns how many
    sources changed page; links that are no source are ignored."""
    linked = [(source, pages) for (council, url), pages in seen.items()
              if pages and (source := find_source(db, council, url)) is not None]
    sources_on = Counter((source["council"], page) for source, pages in linked for page in pages)
    changed = 0
    with transaction(db):
        for source, pages in linked:
            if source["found_on"] in pages:
                continue
            best = min(pages, key=lambda page: (-sources_on[(source["council"], page)], page))
            update(db, "source", source["id"], {"found_on": best})
            changed += 1
    return changed


def checked_pages(db: Database, council: str, classifier_version: str) -> dict[str, dict]:
    """The council's discovered pages that this classifier version read and found silent on recording, by URL,
    with the hashes of their bytes and text: the same page again need not be read (a source never is one)."""
    found = rows(db, """SELECT p.url, p.bytes_sha256, p.text_sha256 FROM checked_page p
                        WHERE p.council = ? AND p.classifier_version = ?
                          AND NOT EXISTS (SELECT 1 FROM source s WHERE s.council = p.council AND s.url = p.url)""",
                 [council, classifier_version])
    return {page["url"]: page for page in found}


def record_checked_page(db: Database, council: str, url: str, bytes_sha256: str, text_sha256: str,
                        classifier_version: str, now: str) -> None:
    """Remember a discovered page that said nothing about recording (the latest reading of it replaces any
    earlier one): it is a cache of work done, not a record of the council's documents."""
    with transaction(db):
        db.execute("""INSERT INTO checked_page (council, url, bytes_sha256, text_sha256, classifier_version,
                                                checked_at)
                      VALUES (?, ?, ?, ?, ?, ?)
                      ON CONFLICT (council, url) DO UPDATE SET bytes_sha256 = excluded.bytes_sha256,
                          text_sha256 = excluded.text_sha256, classifier_version = excluded.classifier_version,
                          checked_at = excluded.checked_at""",
                   [council, url, bytes_sha256, text_sha256, classifier_version, now])


def latest_snapshot(db: Database, source_id: int) -> dict | None:
    """The newest snapshot of a source: the text in force for it."""
    return one(db, "SELECT * FROM snapshot WHERE source_id = ? ORDER BY id DESC LIMIT 1", [source_id])


def record_document(db: Database, run_id: int | None, ref: SourceRef, doc: FetchedDocument) -> str:
    """Store a fetched document; a new snapshot (with findings) only when its text changed.

    Returns NEW_SNAPSHOT or UNCHANGED. Everything is written in one transaction.
    """
    with transaction(db):
        source = _ensure_source(db, ref, doc.fetched_at)
        latest = latest_snapshot(db, source["id"])
        snapshot_id = None
        if latest is not None and latest["text_sha256"] == doc.text_sha256:
            outcome = UNCHANGED
        else:
            outcome = NEW_SNAPSHOT
            snapshot_id = _add_snapshot(db, source["id"], run_id, doc)
        update(db, "source", source["id"], {
            "last_seen": doc.fetched_at, "last_success": doc.fetched_at, "last_status": doc.http_status,
            "last_error": None, "consecutive_failures": 0, "etag": doc.etag,
            "last_modified": doc.last_modified, "status": ACTIVE,
        })
        insert(db, "fetch", {"run_id": run_id, "source_id": source["id"], "fetched_at": doc.fetched_at,
                             "http_status": doc.http_status, "outcome": outcome, "snapshot_id": snapshot_id})
    return outcome


def _add_snapshot(db: Database, source_id: int, run_id: int | None, doc: FetchedDocument) -> int:
    if doc.findings is None:  # the crawl skipped classifying text it took for the stored one: never store it bare
        raise UnclassifiedText(f"the text of {doc.final_url} changed since the crawl began and was not classified")
    db.execute("INSERT OR IGNORE INTO blob (sha256, content, size) VALUES (?, ?, ?)",
               [doc.bytes_sha256, doc.body, len(doc.body)])
    snapshot_id = insert(db, "snapshot", {
        "source_id": source_id, "run_id": run_id, "fetched_at": doc.fetched_at, "final_url": doc.final_url,
        "http_status": doc.http_status, "content_type": doc.content_type, "bytes_sha256": doc.bytes_sha256,
        "text_sha256": doc.text_sha256, "format": doc.format, "title": doc.title, "text": doc.text,
        "page_count": doc.page_count, "page_starts": to_json(doc.page_starts), "dates": to_json(doc.dates),
    })
    add_findings(db, snapshot_id, doc.findings, doc.classifier_version, doc.fetched_at)
    return snapshot_id


def add_findings(db: Database, snapshot_id: int, findings: list[dict[str, Any]], version: str, now: str) -> None:
    """Store one classifier version's findings for a snapshot (one row per activity), with each one's confidence
    and doubts; a finding that states no confidence takes the column's default, as findings did before."""
    for f in findings:
        row = {"snapshot_id": snapshot_id, "activity": f["activity"], "verdict": f["verdict"],
               "conditions": to_json(f["conditions"]), "evidence": to_json(f["evidence"]),
               "conflicts_with_statute": int(bool(f.get("conflicts_with_statute"))), "classifier_version": version,
               "created_at": now, "doubts": to_json(list(f.get("doubts") or []))}
        if f.get("confidence"):
            row["confidence"] = f["confidence"]
        db.execute(f"INSERT OR IGNORE INTO finding ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                   list(row.values()))


def record_failure(
    db: Database, run_id: int | None, ref: SourceRef, fetched_at: str, http_status: int | None, error: str,
    create: bool,
) -> bool:
    """Count a failed fetch against its source; the last good snapshot stays in force.

    A source the store does not know yet is only created when `create` is true (a registry document);
    a newly discovered link that fails is not a source. Returns whether anything was recorded.
    """
    with transaction(db):
        source = find_source(db, ref.council, ref.url)
        if source is None:
            if not create:
                return False
            source = _ensure_source(db, ref, fetched_at)
        update(db, "source", source["id"], {
            "last_seen": fetched_at, "last_status": http_status, "last_error": error,
            "consecutive_failures": source["consecutive_failures"] + 1,
        })
        insert(db, "fetch", {"run_id": run_id, "source_id": source["id"], "fetched_at": fetched_at,
                             "http_status": http_status, "outcome": FAILED, "error": error})
    return True


def record_unchanged(db: Database, run_id: int | None, ref: SourceRef, fetched_at: str, http_status: int,
                     etag: str | None, last_modified: str | None) -> None:
    """A known source answered 304 Not Modified, or the very same bytes: a success with nothing to read."""
    with transaction(db):
        source = _ensure_source(db, ref, fetched_at)
        changes: dict[str, Any] = {"last_seen": fetched_at, "last_success": fetched_at, "last_status": http_status,
                                   "last_error": None, "consecutive_failures": 0, "status": ACTIVE}
        if etag or last_modified:  # a 304 may omit them: keep the validators we have
            changes.update({"etag": etag, "last_modified": last_modified})
        update(db, "source", source["id"], changes)
        insert(db, "fetch", {"run_id": run_id, "source_id": source["id"], "fetched_at": fetched_at,
                             "http_status": http_status, "outcome": UNCHANGED})


def record_unreadable(db: Database, run_id: int | None, ref: SourceRef, fetched_at: str, http_status: int | None,
                      reason: str) -> None:
    """A document that answers but has no readable text (a scanned PDF): kept as a source and reported as
    unreadable, never as 'no policy' and never as a failure that could make it look gone."""
    with transaction(db):
        source = _ensure_source(db, ref, fetched_at)
        update(db, "source", source["id"], {"last_seen": fetched_at, "last_status": http_status,
                                            "last_error": reason, "consecutive_failures": 0, "status": ACTIVE})
        insert(db, "fetch", {"run_id": run_id, "source_id": source["id"], "fetched_at": fetched_at,
                             "http_status": http_status, "outcome": UNREADABLE, "error": reason})


def unreadable_sources(db: Database, council: str | None = None) -> list[dict]:
    """Active sources whose latest fetch could not be read (e.g. scanned PDFs without a text layer)."""
    where, params = "", [ACTIVE, UNREADABLE]
    if council:
        where, params = " AND s.council = ?", params + [council]
    return rows(db, f"""SELECT s.* FROM source s
                        JOIN fetch f ON f.id = (SELECT MAX(id) FROM fetch WHERE source_id = s.id)
                        WHERE s.status = ? AND f.outcome = ?{where} ORDER BY s.council, s.id""", params)


def mark_source(db: Database, source_id: int, status: str) -> None:
    """Set a source active or gone (a reviewer's decision on a `source_gone` flag)."""
    update(db, "source", source_id, {"status": status})


def retire_sources(db: Database, source_ids: list[int]) -> int:
    """Retire these active sources (over their council's cap); returns how many were."""
    if not source_ids:
        return 0
    marks = ", ".join("?" for _ in source_ids)
    with transaction(db):
        cursor = db.execute(f"UPDATE source SET status = ? WHERE status = ? AND id IN ({marks})",
                            [RETIRED, ACTIVE, *source_ids])
    return cursor.rowcount


def failing_sources(db: Database, council: str | None = None) -> list[dict]:
    """Active sources whose last fetch failed, most consecutive failures first."""
    where, params = "status = ? AND consecutive_failures > 0", [ACTIVE]
    if council:
        where, params = where + " AND council = ?", params + [council]
    return rows(db, f"SELECT * FROM source WHERE {where} ORDER BY consecutive_failures DESC, id", params)


# The current snapshot `sn` of each active source `s`.
_CURRENT = "FROM source s JOIN snapshot sn ON sn.id = (SELECT MAX(id) FROM snapshot WHERE source_id = s.id)"
# The classifier version whose findings count for the snapshot `sn`: the version in force (the parameter) where it
# has read the snapshot, else the newest version that has (after an upgrade, until `ocm reclassify`).
_VERSION_USED = """COALESCE(
    (SELECT classifier_version FROM finding WHERE snapshot_id = sn.id AND classifier_version = ? LIMIT 1),
    (SELECT classifier_version FROM finding WHERE snapshot_id = sn.id ORDER BY id DESC LIMIT 1))"""


def _active(councils: list[str] | None) -> tuple[str, list[Any]]:
    """A WHERE condition (and its parameters) on the source `s`: active, and of these councils if any given."""
    if not councils:
        return "s.status = ?", [ACTIVE]
    return f"s.status = ? AND s.council IN ({', '.join('?' for _ in councils)})", [ACTIVE, *councils]


def current_findings(db: Database, council: str, version: str) -> list[CurrentFinding]:
    """For each active source of a council, the findings of its newest snapshot by the classifier version in
    force (`version`), or by the newest version that read it when that one has not yet. No snapshot column stored
    after its text is read: SQLite would read the whole text to reach it, every council, every night."""
    return [CurrentFinding.from_row(row) for row in rows(db, f"""
        SELECT s.id AS source_id, s.url, s.kind, sn.id AS snapshot_id, sn.fetched_at,
               f.activity, f.verdict, f.conditions, f.evidence, f.conflicts_with_statute, f.confidence, f.doubts,
               f.classifier_version
        {_CURRENT}
        JOIN finding f ON f.snapshot_id = sn.id AND f.classifier_version = {_VERSION_USED}
        WHERE s.council = ? AND s.status = ?
        ORDER BY s.id, f.activity""", [version, council, ACTIVE])]


# The classifier version (the parameter) has read the snapshot `sn`.
_READ_BY = "EXISTS (SELECT 1 FROM finding f WHERE f.snapshot_id = sn.id AND f.classifier_version = ?)"


def snapshots_to_reclassify(db: Database, version: str, councils: list[str] | None = None) -> list[dict]:
    """The current snapshot of every active source that has no findings of this classifier version."""
    active, params = _active(councils)
    return rows(db, f"""SELECT sn.id, sn.text, sn.page_starts, s.council, c.nation
                        {_CURRENT} JOIN council c ON c.code = s.council
                        WHERE NOT {_READ_BY} AND {active} ORDER BY s.council, s.id""", [version, *params])


def count_snapshots_to_reclassify(db: Database, version: str) -> int:
    """How many current snapshots of active sources have no findings of this classifier version yet."""
    active, params = _active(None)
    return int(db.execute(f"SELECT COUNT(*) {_CURRENT} WHERE NOT {_READ_BY} AND {active}", [version, *params])
               .fetchone()[0])


def councils_with_newer_findings(db: Database, version: str, councils: list[str] | None = None) -> list[str]:
    """Councils with a current snapshot that this classifier version has read and a newer one too (the project
    was rolled back): their findings in force are not the newest stored."""
    active, params = _active(councils)
    return [r["council"] for r in rows(db, f"""
        SELECT DISTINCT s.council {_CURRENT}
        WHERE {_READ_BY}
          AND (SELECT classifier_version FROM finding WHERE snapshot_id = sn.id ORDER BY id DESC LIMIT 1) != ?
          AND {active}
        ORDER BY s.council""", [version, version, *params])]


def get_snapshot(db: Database, snapshot_id: int) -> dict | None:
    """One snapshot with its source's council, URL and kind, or None."""
    return one(db, """SELECT sn.*, s.council, s.url AS source_url, s.kind AS source_kind
                      FROM snapshot sn JOIN source s ON s.id = sn.source_id WHERE sn.id = ?""", [snapshot_id])


def classifier_version_of(db: Database, snapshot_ids: list[int], version: str) -> str | None:
    """The classifier version(s) whose findings on these snapshots are in force while `version` is (see
    `current_findings`), joined by ", " when they differ; None when the snapshots have no findings."""
    if not snapshot_ids:
        return None
    marks = ", ".join("?" for _ in snapshot_ids)
    used = rows(db, f"SELECT DISTINCT {_VERSION_USED} AS version FROM snapshot sn WHERE sn.id IN ({marks})",
                [version, *snapshot_ids])
    found = sorted(str(r["version"]) for r in used if r["version"] is not None)
    return ", ".join(found) or None


def current_verdicts(db: Database, version: str, councils: list[str] | None = None) -> dict[str, set[str]]:
    """Each council's verdicts in the findings in force (see `current_findings`) of its active sources' current
    texts, by council code; a council with no such finding is absent."""
    active, params = _active(councils)
    found = rows(db, f"""SELECT DISTINCT s.council, f.verdict {_CURRENT}
                         JOIN finding f ON f.snapshot_id = sn.id AND f.classifier_version = {_VERSION_USED}
                         WHERE {active}""", [version, *params])
    verdicts: dict[str, set[str]] = {}
    for row in found:
        verdicts.setdefault(row["council"], set()).add(row["verdict"])
    return verdicts


def fetched_in_run(db: Database, council: str, run_id: int | None, version: str) -> list[dict]:
    """The council's sources fetched in this run (`run_id` None: fetches recorded without a run), oldest first,
    each with its last fetch of the run (`outcome`, `error`, `http_status`, `fetched_at`) and the verdicts by
    activity of the findings in force on its newest text (`verdicts`; empty while it has no text)."""
    found = rows(db, """SELECT s.id, s.url, s.kind, s.found_via, s.found_on, s.status, f.outcome, f.error,
                               f.http_status, f.fetched_at,
                               (SELECT MAX(id) FROM snapshot WHERE source_id = s.id) AS snapshot_id
                        FROM source s
                        JOIN fetch f ON f.id = (SELECT MAX(id) FROM fetch WHERE source_id = s.id AND run_id IS ?)
                        WHERE s.council = ? ORDER BY s.id""", [run_id, council])
    snapshot_ids = [r["snapshot_id"] for r in found if r["snapshot_id"] is not None]
    verdicts: dict[int, dict[str, str]] = {}
    if snapshot_ids:
        marks = ", ".join("?" for _ in snapshot_ids)
        for row in rows(db, f"""SELECT sn.id AS snapshot_id, f.activity, f.verdict FROM snapshot sn
                                JOIN finding f ON f.snapshot_id = sn.id AND f.classifier_version = {_VERSION_USED}
                                WHERE sn.id IN ({marks}) ORDER BY f.activity""", [version, *snapshot_ids]):
            verdicts.setdefault(row["snapshot_id"], {})[row["activity"]] = row["verdict"]
    return [{**r, "verdicts": verdicts.get(r["snapshot_id"], {})} for r in found]


def checked_page_urls(db: Database, council: str) -> set[str]:
    """The addresses of the council's discovered pages found silent on recording when last read (by any classifier
    version): what became of a discovered page that is no source."""
    return {r["url"] for r in rows(db, "SELECT url FROM checked_page WHERE council = ?", [council])}
