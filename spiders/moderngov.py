"""The ModernGov base spider: for councils on Civica ModernGov, whatever the registry's platform column says."""

from __future__ import annotations

from spiders.council import CouncilSpider
from spiders.platforms import MODERNGOV


class ModernGovSpider(CouncilSpider):
    """Starts from the constitution index (mgGeneric.aspx?MD=mgconstitution) and fetches every Part it lists
    (documents/sNNNN/*.pdf, ecSDDisplay.aspx entries), then discovers the rest like the generic spider."""

    name = "moderngov"
    platform = MODERNGOV
