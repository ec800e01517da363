"""Addresses and kinds: which addresses are documents or never worth fetching, what "the same site" is, and
what kind of policy document a link or title names. (How likely a link is to lead to policy: spiders/links.py.)

Rules are data: each pattern's comment names the kind of real link or title that motivated it.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from urllib.parse import urldefrag, urljoin, urlsplit

from spiders.items import AGENDA_NOTICE, CONSTITUTION, GUIDANCE, PROTOCOL, STANDING_ORDERS
from spiders.platforms import PlatformPattern, shared_hosts

# Addresses never worth fetching.
SKIP_URL = re.compile(
    r"^(mailto|tel|javascript|data):|\.(jpe?g|png|gif|svg|ico|css|js|zip|mp[34]|xlsx?|pptx?|ics|rss)(\?|$)",
    re.IGNORECASE,
)
# PDF and Word by their extension; Jadu /downloads/file/NNN/slug, GOSS iCM /media/NNN/... (their files need no
# extension); and each platform's documents wherever linked (its record's `document_url_anywhere`: ModernGov
# /documents/sNNN/, CMIS Document.ashx).
DOCUMENT_URL = PlatformPattern(r"\.(pdf|docx?|odt|rtf)(\?|$)|/downloads/file/\d+|/media/\d+/",
                               "document_url_anywhere")

KIND_RULES: tuple[tuple[re.Pattern[str] | PlatformPattern, str], ...] = (
    # "Protocol for filming and recording", "Guidance for the Recording of Council ... Meetings"
    (re.compile(r"protocol|filming|recording|photograph|social media", re.I), PROTOCOL),
    # "Standing Orders", "Council Procedure Rules", "Rules of Procedure"
    (re.compile(r"standing.?orders|procedure.?rules|rules.?of.?procedure", re.I), STANDING_ORDERS),
    # "Constitution", "Part 4", ModernGov "mgconstitution"
    (re.compile(r"constitution|\bpart\s*\d", re.I), CONSTITUTION),
    # "FILMING AT MEETINGS" front sheets, "Agenda", a platform's meeting papers (ModernGov "ieListDocuments")
    (PlatformPattern(r"agenda", "agenda_url"), AGENDA_NOTICE),
)


def normalise_url(url: str, base: str | None = None) -> str:
    """Absolute URL without its fragment: the canonical form a source is stored under."""
    absolute = urljoin(base, url.strip()) if base else url.strip()
    return urldefrag(absolute)[0]


def is_document_url(url: str) -> bool:
    """The address is a downloadable document (PDF, Word, a platform's document)."""
    return bool(DOCUMENT_URL.search(url))


def should_skip(url: str) -> bool:
    """Addresses never worth fetching (mail, images, scripts, spreadsheets)."""
    return bool(SKIP_URL.search(url)) or urlsplit(url).scheme not in ("http", "https")


def source_kind(text: str, url: str) -> str:
    """What kind of policy document a link or title names; guidance when nothing more specific fits."""
    for pattern, kind in KIND_RULES:
        if pattern.search(text) or pattern.search(url):
            return kind
    return GUIDANCE


# Hosting that gives each local council a name in front of its own domain, so that the council's site is that one
# host, not the domain: a county's parish sites ("washingborough.parish.lincolnshire.gov.uk", under the county
# council's own lincolnshire.gov.uk; "marhamparishcouncil.norfolkparishes.gov.uk"), and free community sites
# ("<name>.e-voice.org.uk").
LOCAL_COUNCIL_HOSTING = ("parish.lincolnshire.gov.uk", "norfolkparishes.gov.uk", "e-voice.org.uk")


def site_key(url: str) -> str:
    """What 'same site' means: the registrable domain (the tenant on shared hosting), plus any port."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not re.fullmatch(r"[\d.]+|[0-9a-f:]+", host):
        labels = host.split(".")
        keep = 3 if len(labels) >= 3 and labels[-2] in ("gov", "co", "org", "ac", "nhs", "police") else 2
        if ".".join(labels[-3:]) in shared_hosts():  # a platform's hosting: "adur.moderngov.co.uk"
            keep = 4
        hosting = next((h for h in LOCAL_COUNCIL_HOSTING if host.endswith("." + h)), None)
        if hosting:
            keep = hosting.count(".") + 2
        host = ".".join(labels[-keep:])
    return f"{host}:{parts.port}" if parts.port else host


def same_site(url: str, allowed: AbstractSet[str]) -> bool:
    """The address belongs to one of the council's own sites."""
    return site_key(url) in allowed
