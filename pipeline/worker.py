"""The worker process's side of pipeline/pool.py: limit its own memory, then run the jobs its pipe brings.

Each answer is `(status, value)`: the job's result, the exception it raised, or that it ran out of memory, after
which the process ends (the pool starts another: memory that ran out in C code may be left in any state).
"""

from __future__ import annotations

import ctypes
import importlib
import resource
import signal
import sys
import traceback
from multiprocessing.connection import Connection
from typing import Any

READY = "ready"
OK = "ok"
ERROR = "error"
OUT_OF_MEMORY = "out of memory"
PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when the thread that started it ends


def limit_memory(memory: int) -> None:
    """Cap this process's address space at `memory` bytes (RLIMIT_AS): an allocation past it fails, as a
    MemoryError in Python code, where the kernel's OOM killer would otherwise pick a process of the machine."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _die_with_parent() -> None:
    """Linux: killed with the crawl that started it, even in the middle of a job that would never end."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _answer(conn: Connection, status: str, value: Any) -> str:
    """Send one answer; the status sent (a result too big to pickle within the memory limit is OUT_OF_MEMORY)."""
    try:
        conn.send((status, value))
    except MemoryError:
        status, value = OUT_OF_MEMORY, None
        conn.send((status, value))
    except Exception as exc:  # a result or an exception that cannot be pickled: say so instead
        status, value = ERROR, RuntimeError(f"the worker could not send its {type(value).__name__}: {exc!r}")
        conn.send((status, value))
    return status


def serve(conn: Connection, memory: int, preload: tuple[str, ...]) -> None:
    """Run jobs `(func, args)` from `conn` until it sends None or closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the crawl, which then stops its workers
    _die_with_parent()
    if memory:
        limit_memory(memory)
    for name in preload:
        importlib.import_module(name)
    conn.send(READY)
    while True:
        try:
            job = conn.recv()
        except EOFError:  # the crawl is gone
            return
        except MemoryError:  # the job's input alone is too big
            conn.send((OUT_OF_MEMORY, None))
            return
        if job is None:
            return
        func, args = job
        try:
            status, value = OK, func(*args)
        except MemoryError:
            status, value = OUT_OF_MEMORY, None
        except Exception as exc:
            exc.add_note("in the worker process:\n" + traceback.format_exc().rstrip())
            status, value = ERROR, exc
        del job, func, args  # the input is not kept while the next one comes
        if _answer(conn, status, value) == OUT_OF_MEMORY:
            return
