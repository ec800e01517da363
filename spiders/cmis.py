"""The CMIS base spider: for councils on ASTech CMIS (DotNetNuke path-style pages, slow responses)."""

from __future__ import annotations

from spiders.council import CouncilSpider
from spiders.platforms import CMIS


class CmisSpider(CouncilSpider):
    """Follows the constitution pages of a CMIS site and their Document.ashx / Portals downloads, with the
    long timeouts CMIS needs."""

    name = "cmis"
    platform = CMIS
