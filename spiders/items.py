"""The items spiders yield: one fetched (or failed) policy document of one council, and the reports of a council's
discovery when it ends (its account, `DiscoveryAccount`; the pages linking its documents, `LinkPages`), which the
extract and classify stages pass on untouched and the persist stage stores."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeAlias, runtime_checkable

from store.db import sha256
from store.discovery import FETCHED, REFUSED

# How a document was found.
FOUND_REGISTRY = "registry"  # listed in the registry's `documents` column
FOUND_KNOWN = "known"  # a source the store already knows, re-checked directly every run
FOUND_DISCOVERY = "discovery"  # reached by following links from the council's sites

# What kind of document a source is.
CONSTITUTION = "constitution"
STANDING_ORDERS = "standing_orders"
PROTOCOL = "protocol"
GUIDANCE = "guidance"
AGENDA_NOTICE = "agenda_notice"
SOURCE_KINDS = (CONSTITUTION, STANDING_ORDERS, PROTOCOL, GUIDANCE, AGENDA_NOTICE)


@dataclass(repr=False)
class DocumentItem:
    """A policy document as fetched: the spider fills the fetch fields, the pipeline the rest."""

    council: str
    url: str
    kind: str
    found_via: str
    fetched_at: str
    status: int | None = None
    final_url: str = ""
    content_type: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    bytes_sha256: str = ""  # of `body`: taken once, when the item is made
    error: str | None = None  # why the fetch failed; None for a successful fetch
    nation: str = ""  # the council's nation: the statute a verdict is compared with
    # Hash of the bytes of the source's current snapshot, if the store has one (for a discovered page, of the
    # bytes it had when it last said nothing about recording) ...
    known_bytes_sha256: str = ""
    known_text_sha256: str = ""  # ... and of its text: the same text again needs no classifying
    # Filled in by the pipeline stages.
    extraction: Any = None
    text_sha256: str = ""  # of the extracted text, taken once by the extract stage
    classification: Any = None
    extract_error: str | None = None
    unreadable: bool = False  # fetched, but without a text layer (a scanned PDF): not a failure, not silence
    unchanged: bool = False  # 304 Not Modified, or the same bytes as the current snapshot: nothing to read
    without_policy: bool = False  # a discovered web page with nothing about recording: not a source
    lost: bool = False  # its worker overran, ran out of memory or died under it: recorded as a failed source

    def __post_init__(self) -> None:
        if not self.bytes_sha256:
            self.bytes_sha256 = sha256(self.body)

    def __repr__(self) -> str:  # short: Scrapy logs items, and a constitution's text is megabytes
        state = self.error or self.extract_error or f"{len(self.body)} bytes"
        return f"<DocumentItem {self.council} {self.url} ({self.kind}, {self.status}, {state})>"

    @property
    def failed(self) -> bool:
        """True when there is no usable content: fetch or extraction failed."""
        return self.error is not None or self.extract_error is not None


@dataclass(frozen=True)
class Visit:
    """One link of a council's crawl: its place in the order, score, the cue that decided it, and what became of it."""

    order: int
    url: str
    score: int
    cue: str
    depth: int
    role: str
    found_on: str
    outcome: str = FETCHED
    detail: str = ""  # why a fetch failed


@dataclass
class DiscoveryAccount:
    """What one council's discovery saw in one crawl: for `ocm councils why` and `ocm status`."""

    council: str
    mode: str
    budget: int  # 0: no limit
    visits: list[Visit] = field(default_factory=list)

    @property
    def exhausted(self) -> bool:
        """The budget ran out with links still waiting."""
        return any(v.outcome == REFUSED for v in self.visits)

    def __repr__(self) -> str:  # short: Scrapy logs items, and an account may list hundreds of links
        return f"<DiscoveryAccount {self.council} ({self.mode}, {len(self.visits)} links)>"


@dataclass(frozen=True, repr=False)
class LinkPages:
    """The pages that linked each candidate document of one council tonight, yielded when its discovery ends: the
    store keeps one page per source (`found_on`), read again on the nights between walks. A council whose
    discovery runs twice in a night (a document failed later) yields it again, with every link so far."""

    council: str
    linked_from: Mapping[str, frozenset[str]]  # a candidate document's address -> the pages linking it

    def __repr__(self) -> str:
        return f"<LinkPages {self.council}: {len(self.linked_from)} documents>"


Report: TypeAlias = DiscoveryAccount | LinkPages
CrawlItem: TypeAlias = DocumentItem | Report  # what a crawl's item pipelines are given


@runtime_checkable
class LeavesReports(Protocol):
    """A spider whose discoveries may still be under way when the crawl stops (its reports are then never yielded:
    Scrapy takes no item from a closing spider). The persist stage asks it for them when it closes."""

    def close_discoveries(self) -> list[Report]:
        """The reports of every discovery still under way, each ended now."""
        ...
