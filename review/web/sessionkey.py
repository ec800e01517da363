"""The key that signs session cookies: `$OCM_SECRET_KEY`, else one generated once and kept in a file beside the
store that only its owner may read (mode 0600), never in the store itself."""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
from pathlib import Path

from review.workflow import ReviewError

SECRET_KEY_ENV = "OCM_SECRET_KEY"
KEY_FILE_SUFFIX = ".session-key"  # data/ocm.db -> data/ocm.db.session-key
KEY_BYTES = 32


class SessionKeyError(ReviewError):
    """The session key file cannot be used safely."""


def key_file(db_path: str | Path) -> Path:
    """Where the session key of the store at `db_path` is kept."""
    path = Path(db_path)
    return path.with_name(path.name + KEY_FILE_SUFFIX)


def session_key(db_path: str | Path) -> str:
    """The session-signing key: $OCM_SECRET_KEY, else the key file beside the store, created on first use."""
    from_env = os.environ.get(SECRET_KEY_ENV)
    if from_env:
        return from_env
    path = key_file(db_path)
    if not path.exists():
        _create(path)
    return _read(path)


def _create(path: Path) -> None:
    """Write a new key to a private temporary file, then link it into place: readers never see a partial key, and
    of two processes starting at once, the first to link wins."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".session-key-")  # mode 0600 whatever the umask
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(KEY_BYTES) + "\n")
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process made it first: its key is the one in force
    finally:
        os.unlink(temporary)


def _read(path: Path) -> str:
    """The key in `path`, refused when others may read the file (the key may have leaked) or it is not a key."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))  # a link could lead anywhere
    except OSError as exc:
        raise SessionKeyError(f"cannot read the session key file {path}: {exc.strerror}") from exc
    with os.fdopen(handle, encoding="ascii", errors="replace") as found:
        mode = os.fstat(found.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise SessionKeyError(f"{path} is not a regular file")
        if mode & 0o077:
            raise SessionKeyError(f"{path} may be read by other users (mode {stat.S_IMODE(mode):o}): delete it to "
                                  "make a new key (everyone logs in again), or `chmod 600` it")
        key = found.read().strip()
    if len(key) < KEY_BYTES:
        raise SessionKeyError(f"{path} holds no session key: delete it to make a new one")
    return key
