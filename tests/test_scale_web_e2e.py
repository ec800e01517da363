"""The scale web's councils crawled through their virtual hosts, a few at a time: nothing is lost to the window."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sampleweb.scale import ScaleWeb, scale_councils
from sampleweb.scale_local import LocalCouncil

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parent.parent


def test_every_council_is_crawled_when_one_council_at_a_time_may_walk(tmp_path: Path) -> None:
    chosen = scale_councils(14, max_pdf_pages=20, principal_count=2)
    with ScaleWeb(chosen, cache=tmp_path / "pdfs") as web:
        registry = web.write_registry_dir(tmp_path / "registry")
        db = tmp_path / "ocm.db"
        settings = {"OCM_TEST_MODE": "True", "DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False",
                    "OCM_OPEN_COUNCILS": "1", "OCM_CRAWL_PROCESSES": "1", "LOG_LEVEL": "ERROR"}
        done = subprocess.run([sys.executable, "-m", "cli", "crawl", "--registry", str(registry), "--db", str(db),
                               *[a for k, v in settings.items() for a in ("-s", f"{k}={v}")]],
                              cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        hosts = {web.index_of(web.base_url(i).split("/")[2]) for i in range(len(chosen))}
        assert hosts == set(range(len(chosen)))  # every council answers on its own virtual host
    with sqlite3.connect(db) as store:
        stored = {row[0] for row in store.execute("SELECT DISTINCT council FROM source WHERE kind = 'standing_orders'")}
        walked = {row[0] for row in store.execute("SELECT DISTINCT council FROM discovery")}
    with_site = {c.code for c in chosen if not isinstance(c, LocalCouncil) or c.has_website}
    assert walked == with_site  # each council's walk ran to its end, one after another
    local = {c.code for c in chosen if isinstance(c, LocalCouncil) and c.has_website}
    assert local and local <= stored  # every local site's standing orders, found on its Policies or Documents page
