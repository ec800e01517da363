"""The registry: which councils exist, their sites, platform, known document URLs and status. No network."""

from registry.loader import (
    DEFAULT_REGISTRY,
    Council,
    MalformedEntry,
    RegistryError,
    UnknownCouncil,
    find_council,
    load_registry,
)

__all__ = [
    "DEFAULT_REGISTRY",
    "Council",
    "MalformedEntry",
    "RegistryError",
    "UnknownCouncil",
    "find_council",
    "load_registry",
]
