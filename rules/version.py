"""The classifier version: a digest of the rule modules' source, so it changes whenever the rules do.

Findings are stored with the version that made them and the store selects the version in force
(`CLASSIFIER_VERSION`): after an upgrade or a rollback, `ocm reclassify` brings the stored texts in line.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent
# Modules of this package that do not decide what a text means: scoring, output shapes, this file.
NOT_RULES = frozenset({"__init__.py", "contract.py", "evaluate.py", "version.py"})
# How many hex digits of the digest name a version (48 bits: no accidental collision between releases).
DIGEST_CHARS = 12


def rules_digest(directory: Path = RULES_DIR) -> str:
    """SHA-256 over every rule module's name and source (line endings normalised), in name order."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.py")):
        if path.name in NOT_RULES:
            continue
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()[:DIGEST_CHARS]


CLASSIFIER_VERSION = f"rules-{rules_digest()}"
