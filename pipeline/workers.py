"""The worker processes that extract and classify documents, shared by every crawler of this process.

Extraction and classification are CPU work: in worker processes they use every core and keep the reactor
free to download. OCM_WORKERS = 0 runs them in one thread of this process instead (quick for small crawls).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")

_lock = threading.Lock()
_pool: Executor | None = None
_users = 0
_workers = 0


def acquire(workers: int) -> None:
    """Register a user of the shared pool (each pipeline, when its spider opens). The pool itself starts
    at the first job: a night where every document answers 304 never pays for starting processes."""
    global _users, _workers
    with _lock:
        _users += 1
        _workers = max(_workers, workers)


def _started() -> Executor:
    global _pool
    with _lock:
        if _pool is None:
            if _workers > 0:
                # spawn, not fork: forking a process that runs threads (the reactor's, sqlite's) is unsafe
                _pool = ProcessPoolExecutor(max_workers=_workers, mp_context=multiprocessing.get_context("spawn"))
            else:
                _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ocm-work")
            logger.debug("started %s with %d worker(s)", type(_pool).__name__, max(_workers, 1))
        return _pool


def release() -> None:
    """Stop the shared pool when its last user is done."""
    global _pool, _users, _workers
    with _lock:
        _users -= 1
        if _users <= 0:
            if _pool is not None:
                _pool.shutdown(wait=True)
            _pool, _users, _workers = None, 0, 0


async def run(func: Callable[..., T], *args: Any) -> T:
    """Run `func(*args)` in the shared pool and wait for it without blocking the reactor."""
    if _users <= 0:
        raise RuntimeError("the worker pool has no user (acquire() it when the spider opens)")
    return await asyncio.get_running_loop().run_in_executor(_started(), func, *args)
