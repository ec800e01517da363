"""The processes that write to a store: whether a run's process is alive, and which crawl processes are orphans.

Every process of a crawl (the `ocm crawl` process, the crawl processes it starts, their extraction workers)
carries in its environment a mark naming its store and the process that started the crawl (its owner: `ocm
nightly`, or `ocm crawl` run by hand), which the processes it starts inherit. A process marked for a store whose
owner is gone is an orphan: it may go on writing into the store beside the next night's crawl. Linux's /proc
shows the environment of a user's own processes only to that user and root, unlike the command line.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

CRAWL_MARK = "OCM_CRAWL_OF"  # the environment variable carrying the mark
# How much later than its run's start a process may have started and still be the run's own. The run row is
# written after its process starts, but a process's start is read back in wall-clock time from /proc (boot time
# plus ticks), which a clock step after the start moves: a generous margin, as a live run taken for dead is
# worse than a dead one whose pid was reused within minutes (the stuck timeout of `ocm status` catches that).
START_SLACK = timedelta(minutes=5)


def _proc_stat(pid: int) -> tuple[str, datetime] | None:
    """A process's state and start time (Linux: from /proc), or None where they cannot be read."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot = next(int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) ": the state, then from field 4 on
        started = boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22, starttime, in ticks since boot
    except (OSError, StopIteration, ValueError, IndexError):
        return None
    return fields[0], datetime.fromtimestamp(started, UTC)


def process_alive(pid: int | None, since: str | None = None) -> bool:
    """Whether the process `pid` is alive and, when `since` (an ISO time) is given, is the one that was running
    then: a process that started later only reuses the pid of one that died. A zombie is dead."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        pass
    found = _proc_stat(pid)
    if found is None:  # not Linux, or gone meanwhile: os.kill said it was there
        return True
    state, started = found
    if state in ("Z", "X"):
        return False
    return since is None or started <= datetime.fromisoformat(since) + START_SLACK


@dataclass(frozen=True)
class CrawlMark:
    """Which store a crawl process writes to, and which process started the crawl, when."""

    store: str  # the store's absolute path
    owner: int
    trigger: str
    since: str  # when the owner started the crawl (ISO, UTC)

    @classmethod
    def new(cls, db_path: str | Path, trigger: str) -> CrawlMark:
        """The mark of a crawl this process starts now."""
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        return cls(str(Path(db_path).resolve()), os.getpid(), trigger, now)

    @property
    def value(self) -> str:
        return json.dumps({"store": self.store, "owner": self.owner, "trigger": self.trigger, "since": self.since})

    @classmethod
    def parse(cls, value: str | None) -> CrawlMark | None:
        """The mark an environment value holds; None for none, or one that is not a mark."""
        try:
            found = json.loads(value or "")
            return cls(str(found["store"]), int(found["owner"]), str(found["trigger"]), str(found["since"]))
        except (ValueError, TypeError, KeyError):
            return None

    @classmethod
    def of_this_process(cls) -> CrawlMark | None:
        return cls.parse(os.environ.get(CRAWL_MARK))

    def is_for(self, db_path: str | Path) -> bool:
        return self.store == str(Path(db_path).resolve())

    @property
    def owner_alive(self) -> bool:
        return process_alive(self.owner, self.since)


@dataclass(frozen=True)
class CrawlProcess:
    """A live process of a crawl, with its mark and command line."""

    pid: int
    mark: CrawlMark
    command: str


def _environment_mark(pid: int) -> CrawlMark | None:
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:  # gone meanwhile, or another user's
        return None
    prefix = f"{CRAWL_MARK}=".encode()
    for entry in environ.split(b"\0"):
        if entry.startswith(prefix):
            return CrawlMark.parse(entry[len(prefix):].decode("utf-8", "replace"))
    return None


def crawl_processes(db_path: str | Path) -> list[CrawlProcess]:
    """The live processes of crawls into this store (other than this process), from /proc (Linux; none elsewhere)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        pid = int(entry.name)
        mark = _environment_mark(pid) if pid != os.getpid() else None
        if mark is None or not mark.is_for(db_path) or not process_alive(pid):
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        except OSError:
            continue
        found.append(CrawlProcess(pid, mark, command))
    return sorted(found, key=lambda p: p.pid)


def orphans(db_path: str | Path) -> list[CrawlProcess]:
    """Crawl processes into this store whose crawl's owner is gone (killed, crashed): nothing will stop them."""
    return [p for p in crawl_processes(db_path) if not p.mark.owner_alive]


def describe(found: list[CrawlProcess]) -> str:
    """Orphans as one line an operator can act on."""
    pids = " ".join(str(p.pid) for p in found)
    started = sorted({f"{p.mark.trigger} crawl started {p.mark.since} by process {p.mark.owner}" for p in found})
    return f"{len(found)} crawl process(es) of an earlier run still running ({pids}; {'; '.join(started)})"
