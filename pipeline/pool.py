"""A pool of supervised workers: every job has a deadline and every worker process a memory limit; a worker
that dies or overruns is replaced, and only the job it was running is lost.

Why not `concurrent.futures.ProcessPoolExecutor`: when one of its processes dies, the pool is broken for good
(BrokenProcessPool), every job queued on it fails, and nothing says which job killed it; and a running job can
be neither timed out nor cancelled. Here each worker process belongs to one supervising thread, which hands it
one job at a time: a death or an overrun is the job's it was running, and that thread kills and replaces the
process and goes on with the next job. The worker side of the pipe is in pipeline/worker.py.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Protocol

from pipeline import worker
from pipeline.worker import ERROR, OK, OUT_OF_MEMORY, READY

logger = logging.getLogger(__name__)

POLL = 0.05  # seconds between two looks at a busy worker process: its deadline, its memory
START_TIMEOUT = 120.0  # seconds a new worker process may take to import what it needs
STOP_TIMEOUT = 5.0  # seconds a worker process asked to stop may take before it is killed
# Python code that runs out of memory raises MemoryError, and the worker says so. C code may crash instead: pdfium
# aborts the process when an allocation fails. A worker that crashed (these signals) after it was last seen using
# this share of its memory limit ran out of memory. pdfium grows by up to 600 MB/s: a look every POLL seconds
# sees 30 MB less than it reached; a crash far below its limit is something else, and reported as it is.
CRASH_SIGNALS = frozenset({signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGTRAP})
OOM_SHARE = 0.5


@dataclass(frozen=True)
class Limits:
    """What one job may take: `seconds` of wall time (0: no deadline), and the address space of the worker
    process that runs it, `memory_mb` (RLIMIT_AS; 0: no limit). In-process work (no worker processes) can only
    be given up on after its deadline, not stopped, and has no memory limit."""

    seconds: float = 60.0
    memory_mb: int = 2048


class JobLost(Exception):
    """A job that could not finish because of its worker: it overran, ran out of memory, or the worker died."""


class JobOverran(JobLost):
    """The job ran past its deadline: its worker process was killed."""


class JobOutOfMemory(JobLost):
    """The job needed more memory than its worker process may have."""


class WorkerDied(JobLost):
    """The worker process died under the job (killed by a signal, or it exited), or could not start."""


class _Slot(Protocol):
    def call(self, func: Callable[..., Any], args: tuple[Any, ...], label: str) -> Any: ...

    def stop(self) -> None: ...


def _overran(label: str, limits: Limits) -> JobOverran:
    return JobOverran(f"{label} exceeded {limits.seconds:g} s")


class _Process:
    """One worker process, running one job at a time for its supervising thread."""

    def __init__(self, limits: Limits, preload: tuple[str, ...]) -> None:
        self.limits = limits
        self.memory = limits.memory_mb * 1024 * 1024
        self.size = 0  # the most address space seen in use during the current job, in bytes
        # spawn, not fork: forking a process that runs threads (the reactor's, sqlite's) is unsafe
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker.serve, args=(child, self.memory, preload), name="ocm-worker",
                                       daemon=True)
        self.process.start()
        child.close()
        try:
            ready = self.conn.recv() if self.conn.poll(START_TIMEOUT) else None
        except (EOFError, OSError):
            ready = None
        if ready != READY:
            end = self._end()
            self.stop()
            raise WorkerDied(f"worker could not start ({end})")
        logger.debug("worker process %d started", self.process.pid)

    def call(self, func: Callable[..., Any], args: tuple[Any, ...], label: str) -> Any:
        try:
            self.conn.send((func, args))  # pickled first: a job that cannot be sent fails alone, the worker lives
        except (OSError, EOFError):
            raise self._lost(label) from None
        self.size = 0
        deadline = time.monotonic() + self.limits.seconds if self.limits.seconds else None
        while not self.conn.poll(POLL if deadline is None else max(0.0, min(POLL, deadline - time.monotonic()))):
            self._look()
            if deadline is not None and time.monotonic() >= deadline:
                self.kill()
                raise _overran(label, self.limits)
        try:
            status, value = self.conn.recv()
        except (EOFError, OSError):
            raise self._lost(label) from None
        if status == OK:
            return value
        if status == OUT_OF_MEMORY:
            raise JobOutOfMemory(f"{label} ran out of memory")
        if status == ERROR:
            raise value
        raise RuntimeError(f"unexpected answer from worker process {self.process.pid}: {status!r}")

    def _look(self) -> None:
        """Note the most address space the worker used in this job (Linux: /proc; a dying process shows 0), to
        tell a crash from running out of memory."""
        try:
            with open(f"/proc/{self.process.pid}/statm", encoding="ascii") as statm:
                self.size = max(self.size, int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE"))
        except (OSError, ValueError, IndexError):  # gone meanwhile, or no /proc here
            pass

    def _lost(self, label: str) -> JobLost:
        """Why the worker process is gone, once it is."""
        end = self._end()
        crashed = -(self.process.exitcode or 0) in CRASH_SIGNALS
        if crashed and self.memory and self.size >= OOM_SHARE * self.memory:
            logger.info("worker process %d: %s, last seen at %d MB of its %d MB", self.process.pid, end,
                        self.size // 2**20, self.memory // 2**20)
            return JobOutOfMemory(f"{label} ran out of memory")
        return WorkerDied(end)

    def _end(self) -> str:
        """How the worker process ended (it is made to, if it has not)."""
        self.process.join(STOP_TIMEOUT)
        if self.process.exitcode is None:
            self.kill()
        code = self.process.exitcode or 0
        return f"worker killed (signal {-code})" if code < 0 else f"worker exited (code {code})"

    def kill(self) -> None:
        self.process.kill()
        self.process.join()

    def stop(self) -> None:
        """Ask the worker process to finish, kill it if it does not, and release its pipe."""
        if self.process.is_alive():
            try:
                self.conn.send(None)
            except OSError:  # already going
                pass
            self.process.join(STOP_TIMEOUT)
            if self.process.is_alive():
                self.kill()
        self.conn.close()
        self.process.close()


class _Thread:
    """In-process work, each job in a thread of its own: after its deadline the job is given up on (Python cannot
    stop a thread) and left to finish by itself, and the next job goes on. No memory limit."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def call(self, func: Callable[..., Any], args: tuple[Any, ...], label: str) -> Any:
        outcome: list[tuple[str, Any]] = []

        def target() -> None:
            try:
                outcome.append((OK, func(*args)))
            except MemoryError:
                outcome.append((OUT_OF_MEMORY, None))
            except BaseException as exc:  # handed to the job's future, whatever it is
                outcome.append((ERROR, exc))

        thread = threading.Thread(target=target, name="ocm-work", daemon=True)
        thread.start()
        thread.join(self.limits.seconds or None)
        if thread.is_alive():
            logger.warning("in-process %s left running after %g s: only worker processes can be stopped", label,
                           self.limits.seconds)
            raise _overran(label, self.limits)
        status, value = outcome[0]
        if status == OUT_OF_MEMORY:
            raise JobOutOfMemory(f"{label} ran out of memory")
        if status == ERROR:
            raise value
        return value

    def stop(self) -> None:
        pass


@dataclass
class _Job:
    label: str
    func: Callable[..., Any]
    args: tuple[Any, ...]
    future: Future[Any] = field(default_factory=Future)


class SupervisedPool:
    """`workers` supervising threads, each with its worker process (`processes`) or running jobs in threads of
    this process. Jobs are taken in order; a process starts at its thread's first job (`preload`: modules it
    imports before it says it is ready, so that the first job's deadline is not spent importing)."""

    def __init__(self, workers: int, limits: Limits, *, processes: bool, preload: tuple[str, ...] = ()) -> None:
        self.limits = limits
        self.processes = processes
        self.preload = preload
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._closed = False
        self._threads = [threading.Thread(target=self._supervise, name=f"ocm-supervisor-{index}", daemon=True)
                         for index in range(1, max(workers, 1) + 1)]
        for thread in self._threads:
            thread.start()

    def submit(self, label: str, func: Callable[..., Any], *args: Any) -> Future[Any]:
        """Queue `func(*args)`; its future fails with a JobLost when its worker does. `label` names the job in
        the reasons ("extraction exceeded 60 s")."""
        if self._closed:
            raise RuntimeError("the pool is shut down")
        job = _Job(label, func, args)
        self._jobs.put(job)
        return job.future

    def shutdown(self) -> None:
        """Stop taking jobs, let the queued ones finish, and stop the worker processes."""
        self._closed = True
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()

    def _slot(self) -> _Slot:
        return _Process(self.limits, self.preload) if self.processes else _Thread(self.limits)

    def _supervise(self) -> None:
        slot: _Slot | None = None
        try:
            while (job := self._jobs.get()) is not None:
                if not job.future.set_running_or_notify_cancel():
                    continue
                try:
                    if slot is None:
                        slot = self._slot()
                    job.future.set_result(slot.call(job.func, job.args, job.label))
                except JobLost as exc:
                    logger.warning("%s lost: %s; %s", job.label, exc,
                                   "its worker is replaced" if self.processes else "going on")
                    if slot is not None and self.processes:
                        slot.stop()
                        slot = None
                    job.future.set_exception(exc)
                except BaseException as exc:  # the job's own failure (an ExtractionError, a bug): its future's
                    job.future.set_exception(exc)
        finally:
            if slot is not None:
                slot.stop()
