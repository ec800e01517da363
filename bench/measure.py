"""Run a command and measure it: wall seconds, CPU seconds (the child and its waited-for children), peak RSS.

Peak RSS is the largest sum of resident memory over the child's whole process tree, sampled every 0.1 s from
/proc (Linux), and never less than the kernel's own peak for the largest single child (``ru_maxrss``).
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measurement:
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    exit_code: int
    harness_cpu_s: float  # this process meanwhile: the sample web's server threads, the sampler


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def tree_rss(root: int) -> int:
    """Bytes resident in ``root`` and all its descendants now."""
    children = _children_map()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def run_measured(command: list[str], *, env: dict[str, str], cwd: Path, log: Path,
                 interval: float = 0.1) -> Measurement:
    """Run ``command`` to completion (output to ``log``) and measure it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    harness_before = time.process_time()
    started = time.perf_counter()
    peak = 0
    with log.open("wb") as out:
        child = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss(child.pid))
                done.wait(interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = child.wait()
        done.set()
        sampler.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = max(peak, after.ru_maxrss * 1024 if after.ru_maxrss > before.ru_maxrss else 0)
    return Measurement(round(wall, 2), round(cpu, 2), round(peak / 1e6, 1), code,
                       round(time.process_time() - harness_before, 2))
