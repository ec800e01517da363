"""The platforms councils publish their committee papers on, one record each: a council's `platform` names one.

A record is all the project knows about a platform, and each part reads it from here: the spider loader and
`ocm councils add` (its base spider, its constitution index), discovery (its markers and address shapes, put
together by spiders/platforms.py), the help texts (its name) and the sample web (its template). Adding a platform
is adding its record to PLATFORMS, with a spider module if it needs code, and its tests: docs/adding-a-council.md
works one through. The registry's platform column is only a hint: a page carrying a platform's markers switches
the crawl of that council to the platform's rules. URL shapes: ../shared/PLATFORMS.md.

Records name code by dotted path (their spider, their sample-web template): the registry imports neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

NEVER = re.compile(r"(?!x)x")  # an address pattern a platform does without
GENERIC_SPIDER = "spiders.council.CouncilSpider"
OTHER = "other"  # the registry's word for any other site: "other/Custom HTML", "other/JSON API"


def addresses(pattern: str) -> re.Pattern[str]:
    """An address pattern of a record: matched anywhere in an address, ignoring case (as IIS and DNN answer)."""
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class Platform:
    """One committee-management platform: what identifies it, where its documents are, how to crawl and mimic it.

    Every address pattern is searched in whole addresses (discovery's rules in spiders/links.py take their
    platform parts from here: constitution, root and meetings links, committee pages)."""

    name: str  # as the registry spells it: a council whose `platform` starts with it is on it ("ModernGov")
    spider: str = GENERIC_SPIDER  # dotted path of the spider that crawls its councils
    hosts: tuple[str, ...] = ()  # shared hosting, one council per label in front ("adur.moderngov.co.uk")
    # bytes in a page that identify the platform; a page name ending ".aspx" among them also shows where the
    # platform sits under a main site (spiders/follow.py platform_root: "/moderngov/mgListCommittees.aspx")
    markers: tuple[bytes, ...] = ()
    entry_paths: tuple[str, ...] = ()  # relative to its root, fetched first; the first lists the constitution
    index_url: re.Pattern[str] = NEVER  # pages whose every document link is a policy document
    document_url: re.Pattern[str] = NEVER  # its document addresses, as its own pages link them
    document_url_anywhere: re.Pattern[str] = NEVER  # those that are documents wherever they are linked
    constitution_url: re.Pattern[str] = NEVER  # links to its constitution pages: scored as "Constitution"
    root_url: re.Pattern[str] = NEVER  # a link to where it sits on a main site ("/moderngov"): the democracy pages
    meetings_url: re.Pattern[str] = NEVER  # its committee and meeting lists: the way to committee pages
    committee_url: re.Pattern[str] = NEVER  # one committee, meeting, decision or councillor: read last
    agenda_url: re.Pattern[str] = NEVER  # a meeting's papers: what is found there is an agenda notice
    error_url: re.Pattern[str] = NEVER  # where it sends an address it does not know: a 404
    request_meta: Mapping[str, Any] = field(default_factory=dict)  # e.g. longer timeouts for slow platforms
    sample_site: str = ""  # dotted path of its sample-web template (a sampleweb.templates.PlatformTemplate)


MODERNGOV = Platform(
    name="ModernGov",
    spider="spiders.moderngov.ModernGovSpider",
    # adur.moderngov.co.uk: 71 councils on Civica's hosting
    hosts=("moderngov.co.uk",),
    # Civica ModernGov pages link mgListCommittees.aspx / ieListMeetings.aspx and say "modern.gov".
    markers=(b"mgListCommittees.aspx", b"ieListMeetings.aspx", b"mgGeneric.aspx", b"ieDocHome.aspx",
             b"modern.gov"),
    entry_paths=("mgGeneric.aspx?MD=mgconstitution", "mgListCommittees.aspx"),
    # The constitution index, document library entries (ecSDDisplay, ecSDDisplayClassic: one per Part) and category
    # pages, and a constitution published as an "information" meeting (ieListMeetings/ieListDocuments ...&info=1).
    index_url=addresses(r"MD=mgconstitution|ecSDDisplay(?:Classic)?\.aspx|ecCatDisplay\.aspx|[?&]info=1\b"),
    # documents/s12304/Part%204%20-%20Rules%20of%20Procedure.pdf; mgConvert2PDF.aspx?ID=123 (a page as a PDF)
    document_url=addresses(r"/documents/s\d+/|mgConvert2PDF\.aspx"),
    document_url_anywhere=addresses(r"/documents/s\d+/"),
    # the constitution index, document library and "information" meetings that list a constitution's parts
    constitution_url=addresses(r"MD=mgconstitution|ecSDDisplay|ecCatDisplay|mgConvert2PDF|\binfo=1\b"),
    # www.southampton.gov.uk/modernGov/, /modgov/
    root_url=addresses(r"/moderngov|/modgov"),
    meetings_url=addresses(r"mgListCommittees"),
    # a committee, its meetings, one meeting's documents, a decision, an item, an issue, a councillor; meeting
    # papers (agenda front sheets, printed minutes) under documents/gNNNN/
    committee_url=addresses(
        r"mgCommitteeDetails|mgCommitteeMailingList|ieListMeetings\.aspx(?![^#]*\binfo=1)|ieListDocuments\.aspx"
        r"(?![^#]*\binfo=1)|mgMeetingAttendance|ieDecisionDetails|mgDelegatedDecisions|mgIssueHistory|mgAi\.aspx"
        r"|mgUserInfo|mgMemberIndex|mgFindMember|mgCalendar|mgAttendance|mgElection|mgParish|mgOutsideBodies"
        r"|mgPlansHome|mgListPlans|ieIssueDetails|mgEPetition|mgRss|mgWhatsNew|ieDocHome|ieSearch|/documents/g\d+/"),
    # a meeting's documents, an issue, an agenda item
    agenda_url=addresses(r"ieListDocuments|ieIssueDetails|mgAi\.aspx"),
    # unknown pages are sent to mgError.aspx
    error_url=addresses(r"mgError\.aspx"),
    sample_site="sampleweb.sites.MODERNGOV_SITE",
)

CMIS = Platform(
    name="CMIS",
    spider="spiders.cmis.CmisSpider",
    # <x>.cmis.uk.com/<site>/, <x>.cmis-ni.org/<site>/
    hosts=("cmis.uk.com", "cmis-ni.org"),
    # ASTech CMIS runs on DotNetNuke: /tabid/63/ctl/ViewMeetingPublic/..., Document.ashx?... downloads.
    markers=(b"/tabid/", b"Document.ashx", b"DotNetNuke", b"CMIS"),
    index_url=addresses(r"constitution"),
    document_url=addresses(r"Document\.ashx|/Portals/\d+/"),  # /Portals/0/Documents/Constitution/Part%204.pdf
    document_url_anywhere=addresses(r"Document\.ashx"),  # Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=...
    # cmis.<council>.gov.uk/cmis5/, democracy.luton.gov.uk/cmis5public/
    root_url=addresses(r"/cmis\d*"),
    # DNN tab pages: /cmis5/Meetings/tabid/70/...
    meetings_url=addresses(r"tabid"),
    # one meeting, the calendar, one councillor
    committee_url=addresses(r"ViewMeetingPublic|/ctl/ViewCMIS_|/Calendar/|/CouncillorDetails|/Meeting/\d+"),
    request_meta={"download_timeout": 180},  # CMIS pages can be slow
    sample_site="sampleweb.sites.CMIS_SITE",
)

GENERIC = Platform(name=OTHER)  # any other site: the generic spider and the generic rules only


class PlatformRegistry:
    """The platforms the project knows, in the order pages are matched against them (GENERIC for any other).

    `version` changes whenever a platform is added or removed, for whoever compiles rules from all of them."""

    def __init__(self, *platforms: Platform) -> None:
        self._platforms: tuple[Platform, ...] = ()
        self.version = 0
        for platform in platforms:
            self._add(platform)

    def __iter__(self) -> Iterator[Platform]:
        return iter(self._platforms)

    def __len__(self) -> int:
        return len(self._platforms)

    def names(self) -> list[str]:
        """Their names, in order, as the registry spells them."""
        return [p.name for p in self._platforms]

    def named(self, name: str) -> Platform:
        """The platform of this exact name (GENERIC for "other"); KeyError when there is none."""
        found = next((p for p in (*self._platforms, GENERIC) if p.name == name), None)
        if found is None:
            raise KeyError(name)
        return found

    def from_hint(self, hint: str) -> Platform:
        """The platform the registry names ("ModernGov", "CMIS", "other/..."), GENERIC when unknown."""
        hint = hint.strip().lower()
        return next((p for p in self._platforms if hint.startswith(p.name.lower())), GENERIC)

    @contextmanager
    def registered(self, platform: Platform) -> Iterator[Platform]:
        """`platform` known for the duration of a with block: to try a new platform out, and in tests."""
        self._add(platform)
        try:
            yield platform
        finally:
            self._platforms = tuple(p for p in self._platforms if p is not platform)
            self.version += 1

    def _add(self, platform: Platform) -> None:
        new = platform.name.lower()
        for known in (*self._platforms, GENERIC):  # a council's `platform` must tell them apart
            old = known.name.lower()
            if new.startswith(old) or old.startswith(new):
                raise ValueError(f"platform {platform.name!r} cannot be told apart from {known.name!r}")
        self._platforms += (platform,)
        self.version += 1


class _ByName(Mapping[str, Platform]):
    """The platforms known now by name, GENERIC's "other" included."""

    def __init__(self, platforms: PlatformRegistry) -> None:
        self._platforms = platforms

    def __getitem__(self, name: str) -> Platform:
        return self._platforms.named(name)

    def __iter__(self) -> Iterator[str]:
        return iter([*self._platforms.names(), GENERIC.name])

    def __len__(self) -> int:
        return len(self._platforms) + 1


# ModernGov before CMIS: a page is on the first platform whose markers it carries.
PLATFORMS = PlatformRegistry(MODERNGOV, CMIS)
BY_NAME: Mapping[str, Platform] = _ByName(PLATFORMS)


def from_hint(hint: str) -> Platform:
    """The platform the registry names ("ModernGov", "CMIS", "other/..."), generic when unknown."""
    return PLATFORMS.from_hint(hint)


def listed(final: str = "") -> str:
    """The platforms' names for a help text: "ModernGov, CMIS", then ``final`` ("ModernGov, CMIS, or other/...")."""
    return ", ".join([*PLATFORMS.names(), *([final] if final else [])])
