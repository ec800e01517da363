"""A second sample council web, shaped like the real one, to measure discovery on sites it was not written against.

Fictional councils (register codes ``ZR*``), each built on the structure of a real platform (ModernGov, CMIS,
Jadu, GOSS iCM, LocalGov Drupal, Squiz Matrix, Umbraco, Contensis, WordPress), with real policy texts from
``sampleweb/content`` in the wrappers councils publish them in, the page chrome of real council sites, dozens
of committee, meeting and navigation pages, and traps. Each council says where its policy is
(:attr:`Council.policy`, the answer key)::

    with RealisticWeb() as web:
        registry = web.write_registry(tmp_path / "registry.csv")   # website and democracy_url only
        web.policy_urls("ZRA")
"""

from .councils import COUNCILS
from .model import Address, Council, PolicyDocument
from .register import COLUMNS
from .server import RealisticWeb

__all__ = ["COLUMNS", "COUNCILS", "Address", "Council", "PolicyDocument", "RealisticWeb"]
