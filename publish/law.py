"""What the law says in each nation about recording council meetings (../shared/TAXONOMY.md, "The law, by nation").

The public pages quote these words; `publish.words` says when a council's rule conflicts with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rules.taxonomy import ENGLAND, NORTHERN_IRELAND, SCOTLAND, STATUTE_ENGLAND, WALES

STATUTE_ENGLAND_URL = "https://www.legislation.gov.uk/uksi/2014/2095/contents/made"


@dataclass(frozen=True)
class NationLaw:
    """The law of one nation: whether the public has a right to record, its statute (name and link) and words."""

    nation: str
    public_right: bool
    statute: str | None
    statute_url: str | None
    summary: str


LAW: dict[str, NationLaw] = {
    ENGLAND: NationLaw(
        ENGLAND, True, STATUTE_ENGLAND, STATUTE_ENGLAND_URL,
        "Since 6 August 2014 anyone attending a council meeting that is open to the public may film, photograph, "
        "audio-record and report on it by any means, including social media, during or after the meeting. The "
        "right covers councils, their committees and cabinets, parish and town councils. A council need not allow "
        "spoken commentary in the room, and may stop recording while the public are excluded for confidential "
        "business. A standing order that demands permission or notice, or forbids recording, cannot take this "
        "right away."),
    WALES: NationLaw(
        WALES, False, "Local Government and Elections (Wales) Act 2021, section 46",
        "https://www.legislation.gov.uk/asc/2021/1/section/46",
        "No law gives the public a right to film or record council meetings in Wales: each council's standing "
        "orders decide. Since the Local Government and Elections (Wales) Act 2021 principal councils must "
        "broadcast their full council meetings themselves."),
    SCOTLAND: NationLaw(
        SCOTLAND, False, None, None,
        "No law gives the public a right to film or record council meetings in Scotland: each council's "
        "standing orders decide."),
    NORTHERN_IRELAND: NationLaw(
        NORTHERN_IRELAND, False, "Local Government Act (Northern Ireland) 2014, section 47",
        "https://www.legislation.gov.uk/nia/2014/8/section/47",
        "No law gives the public a right to film or record council meetings in Northern Ireland: each council's "
        "standing orders decide. Councils must audio-record their own full council meetings."),
}


def law_of(nation: str | None) -> NationLaw | None:
    """The law of a nation as the registry spells it, or None for a council of no known nation."""
    return LAW.get(nation or "")


def nation_slug(nation: str) -> str:
    """The nation's path segment on the public site: `Northern Ireland` -> `northern-ireland`."""
    return nation.lower().replace(" ", "-")
