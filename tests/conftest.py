"""Shared fixtures: a temporary store, the sample council web on 127.0.0.1, and helpers to run `ocm`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry import Council
from store import open_db
from store.councils import upsert_councils

ROOT = Path(__file__).resolve().parent.parent
# Fast, quiet crawls against the local sample web: no politeness delays, short timeouts.
# OCM_TEST_MODE lets the crawler reach 127.0.0.1, where the sample web is.
FAST_CRAWL = {"OCM_TEST_MODE": "True", "DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "RETRY_TIMES": "0",
              "OCM_RETRY_BACKOFF": "0", "DOWNLOAD_TIMEOUT": "5", "LOG_LEVEL": "WARNING", "OCM_WORKERS": "0"}


@pytest.fixture(scope="session", autouse=True)
def no_traffic_off_this_machine() -> Iterator[None]:
    """Every test runs inside the network boundary of tests/loopback.py."""
    from tests.loopback import loopback_only

    with loopback_only():
        yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ocm.db"


@pytest.fixture
def db(db_path: Path):
    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def council(db) -> Council:
    entry = Council(code="TST", name="Testshire County Council", nation="England", website="http://127.0.0.1:9/")
    upsert_councils(db, [entry])
    return entry


@pytest.fixture
def sample_web() -> Iterator:
    from sampleweb import SampleWeb

    with SampleWeb() as web:
        yield web


def run_ocm(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real `ocm` command in a subprocess, as an operator would."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=cwd or ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)


def settings_args(settings: dict[str, str] | None = None) -> list[str]:
    """`-s NAME=VALUE` arguments for the fast crawl settings plus any given."""
    merged = {**FAST_CRAWL, **(settings or {})}
    return [arg for name, value in merged.items() for arg in ("-s", f"{name}={value}")]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for a test module (tests/browser.py); fails without /usr/bin/chromium."""
    from tests.browser import chromium

    with chromium() as launched:
        yield launched
