"""`ocm`: the one command users type. Every verb calls into the project; no logic of its own lives here.

`main` is the command group (cli/base.py); each module adds its commands to it: crawling, classifying, reviewing,
publishing and the registry (councils).
"""

from cli import classifying, councils, crawling, publishing, reviewing  # noqa: F401 (they add their commands)
from cli.base import main

__all__ = ["main"]
