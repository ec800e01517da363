"""Replace a published folder by a new one in one step, so that a reader never sees a half-written site.

The new folder is written beside the old one (same file system), then the two are exchanged by one
`renameat2(RENAME_EXCHANGE)` (Linux 3.15+): at every moment the folder's path names either the whole old site or
the whole new one. Where the system cannot exchange (another OS, a file system without it), the old folder is
renamed away and the new one renamed in: two renames, a moment without the folder, said in the log.

A folder is only ever replaced when it is a publication (it holds MARKER) or an `ocm export` of an earlier
version (only its four files), or empty: `ocm publish --out ~` cannot wipe a home directory.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import os
import shutil
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

MARKER = ".ocm-publication.json"  # in every publication: what it holds and when it was made
OLD_EXPORT = {"published.csv", "published.json", "LICENCE.md", "index.html"}  # what `ocm export` wrote before
RENAME_EXCHANGE = 2
AT_FDCWD = -100


class NotAPublication(Exception):
    """The output folder holds something else than an earlier publication: it is not replaced."""


def check_replaceable(out: Path) -> None:
    """Raise NotAPublication unless `out` is missing, empty, a publication or an old export."""
    if not out.exists():
        return
    if not out.is_dir():
        raise NotAPublication(f"{out} is a file, not a folder: choose another --out")
    names = {p.name for p in out.iterdir()}
    if names and MARKER not in names and not names <= OLD_EXPORT:
        shown = ", ".join(sorted(names)[:5])
        raise NotAPublication(f"{out} holds other files ({shown}): it is not an earlier publication, so it is not "
                              "replaced; choose an empty or new folder for --out")


def scratch_folder(out: Path) -> Path:
    """A new empty folder beside `out`, on the same file system, for the next publication."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, f"cannot exchange {a} and {b}: {os.strerror(code)}")


def swap_in(new: Path, out: Path) -> None:
    """Put the finished folder `new` at `out`, atomically where the system allows; the old one is removed."""
    new.chmod(0o755)  # mkdtemp makes it 0700; a web server reads it as another user
    if not out.exists():
        new.rename(out)
        return
    if _exchange(new, out):
        shutil.rmtree(new)  # `new` now holds the old publication
        return
    logger.warning("this system cannot exchange folders atomically: %s is missing for a moment", out)
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    out.rename(old)
    new.rename(out)
    shutil.rmtree(old)
