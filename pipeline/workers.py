"""The worker processes that extract and classify documents, shared by every crawler of this process.

Extraction and classification are CPU work: in worker processes they use every core and keep the reactor
free to download. OCM_WORKERS = 0 runs them in one thread of this process instead (quick for small crawls).

Each job has a deadline (OCM_EXTRACT_TIMEOUT) and each worker process a memory limit (OCM_WORKER_MEMORY_MB): a
job that overruns, runs out of memory or loses its worker fails with a JobLost saying which, its worker process
is replaced, and the jobs after it go on (pipeline/pool.py).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from pipeline.pool import JobLost, JobOutOfMemory, JobOverran, Limits, SupervisedPool, WorkerDied

logger = logging.getLogger(__name__)

__all__ = ["LIGHT_SIZE", "JobLost", "JobOutOfMemory", "JobOverran", "Limits", "WorkerDied", "acquire", "release",
           "run"]

T = TypeVar("T")

# A job on at most this much input (a web page, its text) is light: see run().
LIGHT_SIZE = 256 * 1024
# Imported by a worker process before its first job, so that no document's deadline is spent importing.
PRELOAD = ("pipeline.text", "rules")

_lock = threading.Lock()
_pool: SupervisedPool | None = None
_light: SupervisedPool | None = None  # this process's thread for light jobs while no worker process runs
_light_overran = False  # a light job overran in this process (which cannot stop it): none runs here any more
_users = 0
_workers = 0
_limits = Limits()


def acquire(workers: int, limits: Limits | None = None) -> None:
    """Register a user of the shared pool (each pipeline, when its spider opens). The pool itself starts
    at the first job: a night where every document answers 304 never pays for starting processes."""
    global _users, _workers, _limits
    with _lock:
        _users += 1
        _workers = max(_workers, workers)
        if limits is not None:
            _limits = limits


def _started() -> SupervisedPool:
    global _pool
    with _lock:
        if _pool is None:
            _pool = SupervisedPool(_workers, _limits, processes=_workers > 0, preload=PRELOAD)
            logger.debug("started %d %s with %s", max(_workers, 1), "worker process(es)" if _workers else
                         "in-process worker", _limits)
        return _pool


def _light_thread() -> SupervisedPool:
    global _light
    with _lock:
        if _light is None:
            _light = SupervisedPool(1, _limits, processes=False)
        return _light


def release() -> None:
    """Stop the shared pool when its last user is done."""
    global _pool, _light, _users, _workers, _limits, _light_overran
    with _lock:
        _users -= 1
        if _users <= 0:
            for pool in (_pool, _light):
                if pool is not None:
                    pool.shutdown()
            _pool, _light, _users, _workers, _limits, _light_overran = None, None, 0, 0, Limits(), False


async def run(func: Callable[..., T], *args: Any, light: bool = False, job: str = "extraction") -> T:
    """Run `func(*args)` in the shared pool and wait for it without blocking the reactor. Raises JobLost when
    the job overran its deadline, ran out of memory or its worker died (`job` names it in the reason).

    A light job (a web page; at most LIGHT_SIZE of input) runs in a thread of this process as long as no worker
    process has started: a night that reads only a few pages never pays for starting processes (about a
    second of CPU each), and a night with real work sends everything to the processes once they run."""
    global _light_overran
    if _users <= 0:
        raise RuntimeError("the worker pool has no user (acquire() it when the spider opens)")
    here = light and _pool is None and _workers > 0 and not _light_overran
    pool = _light_thread() if here else _started()
    try:
        result: T = await asyncio.wrap_future(pool.submit(job, func, *args))
    except JobOverran:
        if here:
            _light_overran = True
        raise
    return result
