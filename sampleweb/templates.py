"""Sample sites by platform: the template each platform's record names (`sample_site` in registry/platforms.py).

A template builds a council site on its platform for the sample web, as ``build(site, night)`` does for any sample
site, and says where the platform sits under the council's address. :func:`platform_site` makes a fictional
council of it, to test a platform's record against (its markers, entry pages, index pages and documents)::

    site = platform_site(MODERNGOV)
    site.resources(1)["/mgGeneric.aspx?MD=mgconstitution"]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from registry.platforms import Platform

from .site import Resource, Site


class NoTemplate(LookupError):
    """The platform's record names no sample-web template, or one that is not a PlatformTemplate."""


@dataclass(frozen=True)
class PlatformTemplate:
    """How the sample web builds a council site on one platform."""

    democracy_path: str  # where the platform sits under the council's base URL: "" (its root), "cmis5/"
    build: Callable[[Site, int], dict[str, Resource]]  # the site's resources on a night


def template(platform: Platform) -> PlatformTemplate:
    """The sample-web template the platform's record names."""
    module, _, name = platform.sample_site.rpartition(".")
    if not module:
        raise NoTemplate(f"{platform.name} names no sample-web template (sample_site in registry/platforms.py)")
    found = getattr(import_module(module), name, None)
    if not isinstance(found, PlatformTemplate):
        raise NoTemplate(f"{platform.name}'s sample_site {platform.sample_site} is no PlatformTemplate")
    return found


def platform_site(platform: Platform, code: str = "ZP001") -> Site:
    """A fictional district council whose committee site is on ``platform``, built by the platform's template."""
    found = template(platform)
    place = f"{platform.name} Vale"
    return Site(f"platform-{platform.name.lower()}", f"{place} District Council", place, code, "E07999990", "England",
                "South East", "Non-metropolitan district", "lower (district)", "yes", platform.name, found.build,
                democracy_path=found.democracy_path)
