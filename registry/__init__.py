"""The registry: which councils exist, their sites, platform, known document URLs and status. No network."""

from registry.loader import (
    ACTIVE,
    DEFAULT_REGISTRY,
    LOCAL,
    PRINCIPAL,
    RETIRED,
    TIERS,
    Council,
    MalformedEntry,
    RegistryError,
    UnknownCouncil,
    find_council,
    load_registry,
)
from registry.select import select_councils

__all__ = [
    "ACTIVE",
    "DEFAULT_REGISTRY",
    "LOCAL",
    "PRINCIPAL",
    "RETIRED",
    "TIERS",
    "Council",
    "MalformedEntry",
    "RegistryError",
    "UnknownCouncil",
    "find_council",
    "load_registry",
    "select_councils",
]
