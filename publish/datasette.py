"""Datasette metadata for browsing the store: `datasette data/ocm.db -m datasette-metadata.json`.

Datasette names a database after its file (`data/ocm.db` is `ocm`) and its table permissions apply to the
database of that name only: `ocm export --db PATH --datasette-metadata META` writes the metadata for the store it
is given, so the tables holding secrets (reviewers' password hashes, the web session key) are denied whatever
the store's file is called. Arbitrary SQL, which could read them, is denied for every database. The checked-in
`datasette-metadata.json` is the metadata for `data/ocm.db`; a test keeps it equal to `metadata()` and makes sure
every table and column of the schema is described.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from publish.licence import DATASET_LICENCE_NAME, DATASET_LICENCE_URL, DISCLAIMER
from registry.platforms import listed

DATABASE = "ocm"  # Datasette names a database after its file: data/ocm.db
SOURCE = "UK councils' own documents (Open Government Licence v3.0); council codes from mySociety (CC BY 4.0)"
SOURCE_URL = "https://github.com/mysociety/uk_local_authority_names_and_codes"

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "council": ("One row per council, copied from the registry at each nightly run.", {
        "code": "register code (e.g. LIC), mySociety's local_authority_code",
        "name": "council name", "nation": "England, Wales, Scotland or Northern Ireland",
        "type": "council type (county, district, unitary, ...)", "website": "council's main website",
        "democracy_url": "root of the council's committee system", "platform": f"{listed()} or other",
        "status": "active or retired", "updated_at": "when the row was last copied from the registry (UTC)",
        "tier": "principal (county, district, unitary, ...) or local (parish, town or community council)",
        "parent": "a local council's principal council (register code)",
        "no_website_reason": "why the council has no website to read: its verdicts are unknown for this reason",
    }),
    "run": ("One row per crawl; health is read from here, not from exit codes.", {
        "id": "run number", "trigger": "what started it: manual, nightly, demo or test",
        "started_at": "start (UTC)", "finished_at": "end (UTC)", "pid": "process id of the crawl",
        "status": "running, finished or aborted", "finish_reason": "Scrapy's finish reason",
        "councils": "councils crawled", "requests": "HTTP requests made", "documents": "documents fetched",
        "changes": "documents with new text", "errors": "failed fetches and errors",
        "flags": "flags raised by change detection", "stats": "full Scrapy stats, JSON",
    }),
    "source": ("One document location of one council.", {
        "id": "source id", "council": "council code", "url": "canonical address of the document",
        "kind": "constitution, standing_orders, protocol, guidance or agenda_notice",
        "found_via": "how it was found (registry, discovery, ...)", "first_seen": "first seen (UTC)",
        "last_seen": "last fetch attempt (UTC)", "last_success": "last successful fetch (UTC)",
        "last_status": "HTTP status of the last fetch", "last_error": "error of the last fetch, if it failed",
        "consecutive_failures": "failed fetches in a row", "etag": "ETag for conditional requests",
        "last_modified": "Last-Modified for conditional requests",
        "status": "active, gone (a reviewer confirmed it), moved (republished at another address) or retired (beyond "
                  "OCM_MAX_SOURCES_PER_COUNCIL: not fetched, kept)",
        "replaced_by": "for a moved source: the source that carries its document now",
        "found_on": "a page that links to this source, read again for new links between full walks of the site",
    }),
    "discovery": ("One council's discovery in one crawl: how many links it fetched, saw fail and left unvisited when "
                  "the page budget ran out (the last few per council are kept).", {
        "id": "discovery id", "run_id": "the crawl", "council": "council code",
        "mode": "walk (from the start pages) or link_pages (the pages linking known documents)",
        "budget": "the page budget it had (0: no limit)", "fetched": "links fetched",
        "failed": "links whose fetch failed",
        "refused": "links left unvisited when the budget ran out", "recorded_at": "when it ended (UTC)",
    }),
    "discovery_visit": ("Each link of a discovery, in the order it was taken, then those the budget refused.", {
        "discovery_id": "the discovery", "ord": "its place in the order", "url": "the link's address",
        "score": "how likely it was to lead to policy (spiders/links.py)", "cue": "what decided the score",
        "depth": "clicks from a start page", "role": "candidate (may be policy) or page (leads towards it)",
        "found_on": "the page that linked it",
        "outcome": "fetched, failed, refused (the budget was spent), unvisited (the crawl was stopped first) or held "
                   "(a committee or meeting page, not followed: candidates were found elsewhere)",
        "detail": "why a fetch failed",
    }),
    "checked_page": (("Web pages discovery read that said nothing about recording: not sources, and not read "
                      "again while their bytes or text and the classifier stay the same."), {
        "council": "council code", "url": "canonical address of the page",
        "bytes_sha256": "SHA-256 of the bytes last read", "text_sha256": "SHA-256 of their normalised text",
        "classifier_version": "version of the keyword rules that found nothing in it",
        "checked_at": "when it was last read (UTC)",
    }),
    "blob": ("Raw bytes of fetched documents, stored once per SHA-256.", {
        "sha256": "SHA-256 of the bytes", "content": "the bytes (HTML, PDF, DOCX)", "size": "size in bytes",
    }),
    "snapshot": ("A version of a source's text, added only when the normalised text changes.", {
        "id": "snapshot id", "source_id": "the source", "run_id": "the run that fetched it",
        "fetched_at": "fetch time (UTC)", "final_url": "address after redirects", "http_status": "HTTP status",
        "content_type": "Content-Type header", "bytes_sha256": "SHA-256 of the raw bytes (blob)",
        "text_sha256": "SHA-256 of the normalised text", "format": "html, pdf or docx",
        "title": "document title", "text": "the extracted text", "page_count": "pages (1 for HTML)",
        "page_starts": "character offset where each page starts, JSON", "dates": "dates found in the text, JSON",
    }),
    "finding": ("What the classifier read in one snapshot for one activity.", {
        "id": "finding id", "snapshot_id": "the snapshot", "activity": "filming, audio_recording, photography "
        "or social_media", "verdict": "allowed, notice, permission, prohibited or not_stated",
        "conditions": "conditions beside the verdict, JSON list", "evidence": "quoted clauses with offsets and "
        "page, JSON", "conflicts_with_statute": "1 when the verdict conflicts with the law of the nation",
        "classifier_version": "version of the keyword rules", "created_at": "when classified (UTC)",
        "confidence": "high or low: how far a reviewer can trust the verdict (high for findings made before it "
        "was measured)", "doubts": "short reasons for a reviewer to weigh, JSON list (e.g. \"a requirement or a "
        "request?\")",
    }),
    "fetch": ("One row per fetch attempt of a source.", {
        "id": "fetch id", "run_id": "the run", "source_id": "the source", "fetched_at": "time (UTC)",
        "http_status": "HTTP status, if any", "outcome": "new_snapshot, unchanged or failed",
        "error": "the error of a failed fetch", "snapshot_id": "the new snapshot, if any",
    }),
    "policy": ("A council's policy per activity, derived by each run from its current documents (not reviewed).", {
        "id": "policy id", "run_id": "the run", "council": "council code", "activity": "the activity",
        "verdict": "council-level verdict, including conflicting and unknown",
        "conditions": "conditions, JSON list", "evidence": "quoted clauses with source address and page, JSON",
        "conflicts_with_statute": "1 when the verdict conflicts with the law of the nation",
        "derived_at": "when derived (UTC)",
    }),
    "published": (("Verdicts a reviewer confirmed or corrected; the newest row per council and activity is "
                   "in force."), {
        "id": "published id", "council": "council code", "activity": "the activity",
        "verdict": "the confirmed verdict", "conditions": "conditions, JSON list",
        "evidence": "quoted clauses with source address and page, JSON",
        "conflicts_with_statute": "1 when the verdict conflicts with the law of the nation",
        "flag_id": "the flag whose confirmation published it", "reviewer": "who confirmed it",
        "reviewed_at": "when (UTC)", "corrected": "1 when a reviewer corrected the machine's verdict",
        "basis": "snapshot ids a correction was made against, JSON",
        "template": "set when published with the review of a text many councils share (the model standing "
                    "orders): that text's key, the flag.template of the decision",
    }),
    "current_verdicts": (("The answer in force per council and activity: the newest published row of each (a view "
                          "of `published` with the council's name and nation), as the public site shows it."), {
        "council": "council code", "council_name": "council name", "nation": "the council's nation",
        "activity": "the activity", "verdict": "the confirmed verdict", "conditions": "conditions, JSON list",
        "evidence": "quoted clauses with source address and page, JSON",
        "conflicts_with_statute": "1 when the verdict conflicts with the law of the nation",
        "reviewer": "who confirmed it", "reviewed_at": "when (UTC)",
        "corrected": "1 when a reviewer corrected the machine's verdict",
    }),
    "flag": ("A change awaiting review, or its decision.", {
        "id": "flag number (ocm review show N)", "council": "council code", "activity": "the activity, if one",
        "source_id": "the source, for source_gone", "kind": "policy_change, conflict, source_gone, new_council, "
        "wording_change or reclassified", "before": "published entry before, JSON", "after": "proposed entry, JSON",
        "fingerprint": "hash recognising the same change again", "run_id": "the run that raised it",
        "raised_at": "when raised (UTC)", "status": "pending, confirmed, rejected or superseded",
        "reviewer": "who decided", "decided_at": "when decided (UTC)", "note": "the reviewer's note",
        "template": "a new council's flag: the key of the text many councils share that its policy rests on; "
                    "the pending flags of one template are one decision",
    }),
    "event": ("The audit trail: one row per reviewer decision (append-only).", {
        "id": "event id", "at": "when (UTC)", "reviewer": "who", "action": "confirm, reject or correct",
        "flag_id": "the flag decided, if any", "council": "council code", "activity": "the activity, if one",
        "before": "published entry before, JSON", "after": "entry after, JSON", "note": "the reviewer's note",
        "snapshots": "snapshot ids compared, JSON {before, after}",
        "classifier_version": "classifier version of the findings reviewed",
    }),
    "reviewer": ("Reviewers who may sign in to the review web page (not browsable: holds password hashes).", {
        "name": "reviewer name", "password_hash": "password hash (never shown)", "created_at": "added (UTC)",
        "last_login": "last sign-in (UTC)",
        "session_token": "token every session cookie of this reviewer carries; a new one ends their sessions "
                         "(never shown)",
    }),
    "setting": ("Values the application keeps in the store (not browsable; the web session key is kept beside the "
                "store, not here).", {
        "name": "setting name", "value": "its value (never shown)", "updated_at": "last changed (UTC)",
    }),
}
# Secrets stay out of Datasette: these tables are denied, and so is arbitrary SQL (which could read them).
PRIVATE_TABLES = ("reviewer", "setting")


def database_name(db_path: str | Path) -> str:
    """The name Datasette gives the database in this file: its name without the extension."""
    return Path(db_path).stem


def metadata(database: str = DATABASE) -> dict[str, Any]:
    """Datasette metadata for the store Datasette calls `database`: title, description, licence, source, every
    table and column described, the secret tables denied, and no arbitrary SQL on any database."""
    return {
        "title": "Open Council Meetings",
        "description": "May the public film, audio-record, photograph or report live at UK council meetings? "
                       "The store behind the answers: documents, findings, derived and published policies, "
                       f"flags and runs. {DISCLAIMER}",
        "license": DATASET_LICENCE_NAME, "license_url": DATASET_LICENCE_URL,
        "source": SOURCE, "source_url": SOURCE_URL,
        "allow_sql": False,
        "databases": {database: {"allow_sql": False, "tables": {
            table: {"description": description, "columns": columns,
                    **({"hidden": True, "allow": False} if table in PRIVATE_TABLES else {})}
            for table, (description, columns) in TABLES.items()
        }}},
    }


def write_metadata(path: str | Path, database: str = DATABASE) -> Path:
    """Write the metadata for the database Datasette calls `database` as pretty JSON and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(metadata(database), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
