"""The sample council web: local HTTP servers imitating UK council sites, for tests, demo and benchmarks.

Fictional councils, real policy wording (each text keeps its source address). Example::

    with SampleWeb() as web:
        url = web.base_url("moderngov")
        web.set_night(2)
        web.inject_fault("cmis", "503")
"""

from .console import serve
from .register import COLUMNS
from .server import FAULTS, SampleWeb, SampleWebError, UnknownSite
from .site import Resource, Site
from .sites import SITES

__all__ = ["COLUMNS", "FAULTS", "SITES", "Resource", "SampleWeb", "SampleWebError", "Site", "UnknownSite",
           "serve"]
