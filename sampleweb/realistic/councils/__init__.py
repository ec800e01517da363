"""The councils of the realistic sample web, one module each."""

from __future__ import annotations

from ..model import Council
from . import (
    ashcombe,
    brackenthorpe,
    bramcote,
    fordingham,
    harrowden,
    hollowmere,
    kelderby,
    little_wenlow,
    llanfair_isaf,
    stourmouth,
    strathmoor,
)

COUNCILS: list[Council] = [harrowden.COUNCIL, stourmouth.COUNCIL, kelderby.COUNCIL, bramcote.COUNCIL, ashcombe.COUNCIL,
                           fordingham.COUNCIL, little_wenlow.COUNCIL, llanfair_isaf.COUNCIL, strathmoor.COUNCIL,
                           brackenthorpe.COUNCIL, hollowmere.COUNCIL]
