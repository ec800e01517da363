"""`ocm publish`: the public site and the dataset, from the published verdicts only, swapped in at once.

Everything is written into a new folder beside the output (`publish.swap`), then exchanged with it: a reader of the
output folder sees the whole previous publication or the whole new one, never a mixture. The store is read at one
moment (one read transaction), so the pages, the feeds and the CSVs agree with each other.
"""

from __future__ import annotations

import fcntl
import json
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database

from clock import utcnow
from publish.dataset import write_dataset
from publish.export import nested, published_rows, write_csv, write_json
from publish.licence import LICENCE_MD
from publish.public import PublicData, gather
from publish.site import write_site
from publish.swap import MARKER, check_replaceable, scratch_folder, swap_in
from store.db import read_snapshot

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PublishResult:
    """What a publication holds: where, how many councils and verdicts, and the newest decision it includes."""

    out: Path
    generated_at: str
    councils: int  # with a published answer
    rows: int  # published verdicts (council x activity)
    councils_without_published_policy: int
    latest_decision: str | None  # the newest reviewed_at it includes
    files: tuple[Path, ...] = ()


def read_marker(out: str | Path) -> dict[str, Any] | None:
    """What the publication in `out` says of itself (None when there is none, or it is unreadable)."""
    try:
        found = json.loads((Path(out) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


class NotAPublicAddress(ValueError):
    """The site's public address given is no absolute http(s) address."""


def check_public_address(base_url: str) -> None:
    """Refuse a site address that feeds could not link to: anything but an absolute http(s) address."""
    if not base_url:
        return
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise NotAPublicAddress(f"the public site's address must be an http(s) address like https://example.org/, "
                         f"not {base_url!r}")


def publish_site(db: Database, out: str | Path, registry: str | Path | None = None, base_url: str = "",
                 now: str | None = None) -> PublishResult:
    """Write the site and the dataset of what is published in `db` and swap them in at `out`.

    Raises swap.NotAPublication when `out` holds something else than an earlier publication, and NotAPublicAddress
    when `base_url` is given but is no http(s) address."""
    check_public_address(base_url)
    out = Path(out).absolute()
    check_replaceable(out)
    with publishing(out):  # one publication of a folder at a time: the last to read the store is the last in
        generated_at = now or utcnow()
        with read_snapshot(db):
            data = gather(db, generated_at, registry)
            rows = published_rows(db)
        new = scratch_folder(out)
        try:
            result = _write(data, rows, new, out, base_url)
            swap_in(new, out)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
    logger.info("published %d verdict(s) of %d council(s) to %s", result.rows, result.councils, out)
    return result


@contextmanager
def publishing(out: Path) -> Iterator[None]:
    """Hold the output folder's lock (a file beside it) while publishing: the nightly run and the review page may
    publish the same folder at the same moment, and each must read the store after the other has swapped in."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with (out.parent / f".{out.name}.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write(data: PublicData, rows: list, folder: Path, out: Path, base_url: str) -> PublishResult:
    without = len(data.councils) - len(data.published)
    document = nested(rows, data.generated_at, without)
    write_csv(rows, folder / "published.csv")
    write_json(document, folder / "published.json")
    (folder / "LICENCE.md").write_text(LICENCE_MD, encoding="utf-8")
    dataset = write_dataset(data, folder)
    write_site(data, folder, base_url)
    latest = max((e.reviewed_at for c in data.published for e in c.entries.values() if e.reviewed_at), default=None)
    result = PublishResult(out, data.generated_at, len(data.published), len(rows), without, latest,
                           (out / "index.html", out / "published.csv", out / "published.json", out / "LICENCE.md",
                            *(out / f.name for f in dataset)))
    (folder / MARKER).write_text(json.dumps({
        "generated_at": data.generated_at, "councils": len(data.councils), "published": len(data.published),
        "rows": len(rows), "latest_decision": latest}, indent=1) + "\n", encoding="utf-8")
    return result
