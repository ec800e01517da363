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

# A job on at most this much input (a web page, its text) is light: see run().
LIGHT_SIZE = 256 * 1024

_lock = threading.Lock()
_pool: Executor | None = None
_light: Executor | None = None  # this process's thread for light jobs while no worker process runs
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


def _light_thread() -> Executor:
    global _light
    with _lock:
        if _light is None:
            _light = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ocm-light")
        return _light


def release() -> None:
    """Stop the shared pool when its last user is done."""
    global _pool, _light, _users, _workers
    with _lock:
        _users -= 1
        if _users <= 0:
            for executor in (_pool, _light):
                if executor is not None:
                    executor.shutdown(wait=True)
            _pool, _light, _users, _workers = None, None, 0, 0


async def run(func: Callable[..., T], *args: Any, light: bool = False) -> T:
    """Run `func(*args)` in the shared pool and wait for it without blocking the reactor.

    A light job (a web page; at most LIGHT_SIZE of input) runs in a thread of this process as long as no worker
    process has started: a night that reads only a few pages never pays for starting processes (about a
    second of CPU each), and a night with real work sends everything to the processes once they run."""
    if _users <= 0:
        raise RuntimeError("the worker pool has no user (acquire() it when the spider opens)")
    executor = _light_thread() if light and _pool is None and _workers > 0 else _started()
    return await asyncio.get_running_loop().run_in_executor(executor, func, *args)
