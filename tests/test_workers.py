"""The shared workers: heavy jobs in worker processes; a few web pages never start one; deadlines in-process.

Worker processes that die, overrun or run out of memory: tests/hostile/test_extraction.py."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from typing import Any

from pipeline import workers


def pids(jobs: list[bool], processes: int) -> list[int]:
    """The process each job ran in, for jobs given as light (True) or not, run one after another."""

    async def scenario() -> list[int]:
        workers.acquire(processes)
        try:
            return [await workers.run(os.getpid, light=light) for light in jobs]
        finally:
            workers.release()

    return asyncio.run(scenario())


def test_light_jobs_stay_in_this_process_until_a_heavy_job_starts_the_workers():
    here = os.getpid()
    light, heavy, light_after = pids([True, True, False, True], processes=1)[1:]
    assert light == here  # a night of web pages only starts no process
    assert heavy != here and light_after == heavy  # once the workers run, they take every job


def test_without_worker_processes_every_job_runs_in_this_process():
    assert set(pids([True, False], processes=0)) == {os.getpid()}


def run_one_after_another(jobs: list[tuple[bool, Callable[..., Any], tuple[Any, ...]]], processes: int,
                          limits: workers.Limits) -> list[Any]:
    """What each job (light or not, function, arguments) returned or raised, run one after another."""

    async def scenario() -> list[Any]:
        workers.acquire(processes, limits)
        results: list[Any] = []
        try:
            for light, func, args in jobs:
                try:
                    results.append(await workers.run(func, *args, light=light))
                except workers.JobLost as exc:
                    results.append(exc)
            return results
        finally:
            workers.release()

    return asyncio.run(scenario())


def test_in_process_work_is_given_up_on_at_its_deadline_and_the_next_job_runs():
    began = time.monotonic()
    overran, pid = run_one_after_another([(False, time.sleep, (5,)), (False, os.getpid, ())], processes=0,
                                         limits=workers.Limits(seconds=0.3, memory_mb=0))
    assert isinstance(overran, workers.JobOverran) and str(overran) == "extraction exceeded 0.3 s"
    assert pid == os.getpid() and time.monotonic() - began < 3  # not behind the five seconds left running


def test_once_a_light_job_overran_in_this_process_light_jobs_go_to_the_workers():
    overran, pid = run_one_after_another([(True, time.sleep, (5,)), (True, os.getpid, ())], processes=1,
                                         limits=workers.Limits(seconds=0.3, memory_mb=0))
    assert isinstance(overran, workers.JobOverran)
    assert pid != os.getpid()  # a worker process, which can be stopped
