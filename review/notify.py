"""After a nightly run: one plain-text digest of new flags and broken sources, sent through Apprise.

No URL configured (`OCM_NOTIFY_URLS` empty) means the digest is only logged.
"""

from __future__ import annotations

import logging
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from clock import local_time
from review.kinds import CONFLICT, NEW_COUNCIL, RECLASSIFIED, WORDING_CHANGE, priority
from review.nightly import NightlyResult
from review.render import verdict_text
from review.templates import decisions
from rules.taxonomy import ACTIVITIES
from store.councils import council_rows
from store.db import store_path
from store.documents import failing_sources
from store.records import Flag

logger = logging.getLogger(__name__)

# Long nights are cut short in the digest (Apprise's services cap a message at some 32,000 characters).
MAX_FLAG_LINES = 60
MAX_SOURCE_LINES = 30


@dataclass(frozen=True)
class Digest:
    """A notification: a one-line title and a plain-text body."""

    title: str
    body: str


def parse_urls(value: str | Iterable[str] | None) -> list[str]:
    """The Apprise URLs of a setting: space-separated text, or a list."""
    if not value:
        return []
    if isinstance(value, str):
        return value.split()
    return [url for item in value for url in str(item).split()]


def build_digest(db: Database, result: NightlyResult, review_url: str = "") -> Digest:
    """The digest of one nightly run: counts by kind, one line per new flag, the failing sources, what to do."""
    run, flags = result.run, sorted(result.flags, key=lambda f: (priority(f.kind), f.id))
    names = {c["code"]: c["name"] for c in council_rows(db)}
    failing = failing_sources(db)
    title = (f"Open Council Meetings: {_plural(len(flags), 'new flag')}, "
             f"{_plural(len(failing), 'broken source')} (run {run['id']})")
    reason = run.get("finish_reason")
    status = run["status"] + (f" ({reason})" if reason and reason != run["status"] else "")
    lines = [(f"Nightly run {run['id']}, started {local_time(run['started_at'])}: {status}."
              f" {run['councils']} councils, {run['documents']} documents"
              f" ({run['changes']} with new text), {run['errors']} errors."), ""]
    lines += _flag_section(flags, names)
    lines += [""] + _source_section(failing, names)
    if flags:
        lines += ["", "To review them, on the server run:", f"  ocm review list --db {store_path(db)}"]
        if review_url:
            lines.append(f"or open the review page: {review_url}")
    return Digest(title=title, body="\n".join(lines).strip() + "\n")


def _flag_section(flags: list[Flag], names: dict[str, str]) -> list[str]:
    if not flags:
        return ["No new flags: nothing to review tonight."]
    counts = Counter(f.kind for f in flags)
    ordered = sorted(counts, key=priority)
    queue = decisions(flags)  # the flags of councils sharing one text (a template) are one decision, one line
    taken = f" in {len(queue)} decisions" if len(queue) != len(flags) else ""
    lines = [f"New flags to review: {len(flags)}{taken} ("
             + ", ".join(f"{counts[kind]} {kind}" for kind in ordered) + ")"]
    for flag, others in queue[:MAX_FLAG_LINES]:
        name = names.get(flag.council, "")
        also = f" and {len(others)} other councils of the same text" if others else ""
        lines.append(f"  #{flag.id} {flag.kind}: {name} ({flag.council}){also}: {flag_change(flag)}")
    if len(queue) > MAX_FLAG_LINES:
        lines.append(f"  ... and {len(queue) - MAX_FLAG_LINES} more")
    return lines


def flag_change(flag: Flag) -> str:
    """What changed, in a few words a volunteer can read."""
    kind, after, before = flag.kind, flag.entry, flag.before
    if flag.gone:
        return f"document gone: {flag.gone.url} ({flag.gone.last_error or 'no answer'})"
    if kind == NEW_COUNCIL:
        found = ", ".join(f"{a} {flag.entries[a].verdict}" for a in ACTIVITIES if a in flag.entries)
        return f"first policy found: {found}"
    activity = flag.activity
    if kind == CONFLICT:
        return f"{activity}: the council's documents disagree (published: {verdict_text(before)})"
    if kind == WORDING_CHANGE:
        return f"{activity}: clause reworded, verdict still {verdict_text(after)}"
    if kind == RECLASSIFIED:
        return f"{activity}: the new classifier reads {verdict_text(before)} -> {verdict_text(after)}"
    return f"{activity}: {verdict_text(before)} -> {verdict_text(after)}"


def _source_section(failing: list[dict[str, Any]], names: dict[str, str]) -> list[str]:
    if not failing:
        return ["No broken sources."]
    lines = [f"Broken sources (failing now): {len(failing)}"]
    for source in failing[:MAX_SOURCE_LINES]:
        lines.append(f"  {names.get(source['council'], '')} ({source['council']}): {source['url']}: "
                     f"{source['last_error'] or 'no text'}; failed {source['consecutive_failures']} time(s) in a "
                     f"row, last good fetch {local_time(source['last_success'])}")
    if len(failing) > MAX_SOURCE_LINES:
        lines.append(f"  ... and {len(failing) - MAX_SOURCE_LINES} more")
    return lines


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def send_digest(digest: Digest, urls: str | Iterable[str] | None) -> bool:
    """Send the digest to every Apprise URL; True when all of them took it.

    Without URLs the digest is logged and nothing is sent (False). Failures are logged, never raised.
    """
    targets = parse_urls(urls)
    if not targets:
        logger.info("no OCM_NOTIFY_URLS configured; digest not sent:\n%s\n%s", digest.title, digest.body)
        return False
    import apprise

    notifier = apprise.Apprise()
    with warnings.catch_warnings():
        # Apprise's e-mail plugin imports the stdlib `imghdr` (deprecated since Python 3.11) when it loads.
        warnings.filterwarnings("ignore", message=".*imghdr.*", category=DeprecationWarning)
        added = [url for url in targets if notifier.add(url)]
    for url in targets:
        if url not in added:
            logger.warning("not a valid Apprise URL, skipped: %s", _redact(url))
    sent = bool(added) and bool(notifier.notify(title=digest.title, body=digest.body))
    if sent and len(added) == len(targets):
        logger.info("digest sent to %d notification URL(s)", len(added))
        return True
    logger.warning("digest not delivered to every notification URL (%d configured); see the log above",
                   len(targets))
    return False


def _redact(url: str) -> str:
    """A URL's scheme and host only: notification URLs often carry tokens."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/')[0].rpartition('@')[2]}/..."


def notify_night(db: Database, result: NightlyResult, urls: str | Iterable[str] | None,
                 review_url: str = "") -> bool:
    """Build and send the digest of a nightly run (see `send_digest`)."""
    return send_digest(build_digest(db, result, review_url), urls)

