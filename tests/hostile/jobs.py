"""Jobs for the worker processes in tests: importable by name, as a spawned worker needs them."""

from __future__ import annotations

import os
import time
from pathlib import Path


def pid() -> int:
    """The worker process's id."""
    return os.getpid()


def hold(pid_file: str, seconds: float) -> int:
    """Write this process's id to `pid_file`, then hold the worker for `seconds` (for a test to kill it)."""
    Path(pid_file).write_text(str(os.getpid()), encoding="ascii")
    time.sleep(seconds)
    return os.getpid()


def allocate(size: int) -> int:
    """Ask for `size` bytes at once: past RLIMIT_AS the request fails before any memory is used."""
    return len(bytearray(size))


def fail(message: str) -> None:
    """A job's own failure, which is no worker's fault."""
    raise ValueError(message)
