"""The shared workers: heavy jobs in worker processes; a few web pages never start one."""

from __future__ import annotations

import asyncio
import os

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
