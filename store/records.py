"""The records that leave the store for review/ and publish/: findings, evidence, policy entries, flags and events.

Each is defined once, here, with its conversion from the store's rows and JSON (`from_row`, `from_dict`); `plain`
turns any of them back into the JSON the store keeps. Everywhere else reads typed attributes.

Reading is strict about what a record does not know: a key in stored JSON, or a column in a row, that no field
takes raises rather than being dropped (a record cannot lose a field silently). It is lenient about what is
missing: rows stored before a field existed take its default (a finding's confidence, a flag's `before` without
its flag and basis).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, TypeVar


class UnknownField(ValueError):
    """Stored JSON, or a row, holds a key that its record has no field for."""


def _known(cls: type, data: Mapping[str, Any]) -> Mapping[str, Any]:
    unknown = set(data) - {f.name for f in fields(cls)}
    if unknown:
        raise UnknownField(f"{cls.__name__} has no field for {', '.join(sorted(unknown))}")
    return data


def _decoded(value: Any, default: Any) -> Any:
    """A JSON column's value, or a value already decoded (a list)."""
    if isinstance(value, str):
        return json.loads(value) if value else default
    return default if value is None else value


def _words(value: Any) -> tuple[str, ...]:
    return tuple(_decoded(value, []))


def plain(value: Any) -> Any:
    """A record as JSON-ready data: dataclasses and mappings as dicts with sorted keys, tuples as lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in sorted(fields(value), key=lambda f: f.name)}
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


@dataclass(frozen=True)
class Quote:
    """A clause the classifier quoted from a stored text: its words, offsets in the text and page, whether it
    states the verdict (`decides`) and the conditions it gave (both unknown, so false and empty, on findings stored
    before they were recorded)."""

    quote: str
    start: int | None = None
    end: int | None = None
    page: int | None = None
    decides: bool = False
    conditions: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        return cls(**{**_known(cls, data), "conditions": _words(data.get("conditions"))})


@dataclass(frozen=True)
class Evidence:
    """A clause that carries a council's verdict: its words, where it was read, and the verdict it carries; where
    it starts in its text, whether it states that verdict and the conditions it gave (see `Quote`)."""

    quote: str
    page: int | None = None
    source_url: str | None = None
    snapshot_id: int | None = None
    verdict: str | None = None
    start: int | None = None
    decides: bool = False
    conditions: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        return cls(**{**_known(cls, data), "conditions": _words(data.get("conditions"))})


def _evidence(value: Any) -> tuple[Evidence, ...]:
    return tuple(Evidence.from_dict(e) for e in _decoded(value, []))


@dataclass(frozen=True)
class CurrentFinding:
    """The finding in force for one activity of the current text of one of a council's active sources."""

    source_id: int
    url: str
    snapshot_id: int
    activity: str
    verdict: str
    conditions: tuple[str, ...] = ()
    evidence: tuple[Quote, ...] = ()
    conflicts_with_statute: bool = False
    confidence: str | None = None  # None: stored before confidence was measured
    doubts: tuple[str, ...] = ()
    kind: str | None = None
    fetched_at: str | None = None
    page_starts: tuple[int, ...] = ()
    classifier_version: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> CurrentFinding:
        """A row of `store.documents.current_findings` (JSON columns as text)."""
        return cls(**{**_known(cls, row), "conditions": _words(row.get("conditions")),
                      "evidence": tuple(Quote.from_dict(e) for e in _decoded(row.get("evidence"), [])),
                      "conflicts_with_statute": bool(row.get("conflicts_with_statute")),
                      "doubts": _words(row.get("doubts")), "page_starts": tuple(_decoded(row.get("page_starts"), []))})


@dataclass(frozen=True)
class PolicyEntry:
    """What a council's policy says about one activity: the verdict, its conditions and the clauses carrying it."""

    activity: str
    verdict: str
    conditions: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    conflicts_with_statute: bool = False

    @classmethod
    def from_dict(cls: type[E], data: Mapping[str, Any]) -> E:
        """An entry from stored JSON (a flag's or an event's), or from a row with its JSON columns as text."""
        return cls(**{**_known(cls, data), **cls._converted(data)})

    @classmethod
    def _converted(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {"conditions": _words(data.get("conditions")), "evidence": _evidence(data.get("evidence")),
                "conflicts_with_statute": bool(data.get("conflicts_with_statute"))}


E = TypeVar("E", bound=PolicyEntry)


@dataclass(frozen=True)
class DerivedEntry(PolicyEntry):
    """An entry the machine derived from the council's documents, with how sure it is."""

    confidence: str | None = None  # HIGH or LOW; None: derived before confidence was measured
    doubts: tuple[str, ...] = ()

    @classmethod
    def _converted(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {**super()._converted(data), "doubts": _words(data.get("doubts"))}


@dataclass(frozen=True)
class PublishedEntry(PolicyEntry):
    """An entry a reviewer confirmed (or corrected): who, when, through which flag."""

    reviewer: str | None = None
    reviewed_at: str | None = None
    flag_id: int | None = None
    corrected: bool = False  # the reviewer published their own verdict instead of the machine's
    basis: tuple[int, ...] | None = None  # a correction's snapshots: it stands until those texts change
    template: str | None = None  # published with the review of the shared text its council's documents are

    @classmethod
    def _converted(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        basis = _decoded(data.get("basis"), None)
        return {**super()._converted(data), "corrected": bool(data.get("corrected")),
                "basis": None if basis is None else tuple(basis)}

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> PublishedEntry:
        """A row of the `published` table (its id and council say where it is, not what it says)."""
        return cls.from_dict({k: v for k, v in row.items() if k not in ("id", "council")})


@dataclass(frozen=True)
class GoneSource:
    """A source that has gone (404/410, or failing night after night): what a `source_gone` flag proposes."""

    url: str
    kind: str | None = None
    last_status: int | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    last_success: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GoneSource:
        """From stored JSON."""
        return cls(**_known(cls, data))

    @classmethod
    def of_source(cls, source: Mapping[str, Any]) -> GoneSource:
        """From a `source` row: the fields above, of the row's columns."""
        return cls(**{f.name: source[f.name] for f in fields(cls)})


# What a flag proposes: one activity's entry, every activity's (a new council) or a gone source.
Proposal = DerivedEntry | Mapping[str, DerivedEntry] | GoneSource
# What a flag or a decision records as `after`: a proposal, or a reviewer's correction of one (a plain PolicyEntry,
# which reads back as a DerivedEntry without confidence).
Change = PolicyEntry | Mapping[str, PolicyEntry] | GoneSource


def proposal_from_json(value: Any) -> Proposal:
    """A flag's or an event's `after`, by its shape: an entry, a source, or entries by activity."""
    data = _decoded(value, None)
    if not isinstance(data, Mapping):
        raise UnknownField(f"not a flag's proposal: {value!r}")
    if "verdict" in data:
        return DerivedEntry.from_dict(data)
    if "url" in data:
        return GoneSource.from_dict(data)
    return {activity: DerivedEntry.from_dict({"activity": activity, **entry}) for activity, entry in data.items()}


def published_from_json(value: Any) -> PublishedEntry | None:
    """A flag's or an event's `before`: the entry published then, if any."""
    data = _decoded(value, None)
    return None if data is None else PublishedEntry.from_dict(data)


def entries_of(change: Change | None) -> Mapping[str, PolicyEntry]:
    """The entries of a change by activity: one, every activity's, or none (a gone source)."""
    if isinstance(change, PolicyEntry):
        return {change.activity: change}
    if change is None or isinstance(change, GoneSource):
        return {}
    return change


@dataclass(frozen=True)
class Flag:
    """A change awaiting review, or its decision: one row of the `flag` table, its JSON decoded."""

    id: int
    council: str
    activity: str | None
    source_id: int | None
    kind: str
    before: PublishedEntry | None
    after: Proposal
    fingerprint: str
    run_id: int | None
    raised_at: str
    status: str
    reviewer: str | None = None
    decided_at: str | None = None
    note: str | None = None
    template: str | None = None  # a new council's flag: the key of the shared text its documents are (one decision)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Flag:
        return cls(**{**_known(cls, row), "before": published_from_json(row["before"]),
                      "after": proposal_from_json(row["after"])})

    @property
    def entries(self) -> Mapping[str, DerivedEntry]:
        """What the flag proposes by activity: every activity (a new council), one, or none (a gone source)."""
        if isinstance(self.after, DerivedEntry):
            return {self.after.activity: self.after}
        if isinstance(self.after, GoneSource):
            return {}
        return self.after

    @property
    def entry(self) -> DerivedEntry | None:
        """The entry proposed for the flag's one activity (None on a new council's or a gone source's flag)."""
        return self.after if isinstance(self.after, DerivedEntry) else None

    @property
    def gone(self) -> GoneSource | None:
        """The source a `source_gone` flag is about."""
        return self.after if isinstance(self.after, GoneSource) else None

    def to_dict(self) -> dict[str, Any]:
        """The row as `ocm review list --json` prints it: columns in table order, before and after as objects."""
        return {f.name: plain(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True)
class Compared:
    """The snapshots whose texts a decision compared: those quoted before and after."""

    before: tuple[int, ...] = ()
    after: tuple[int, ...] = ()

    @classmethod
    def from_json(cls, value: Any) -> Compared:
        data = _known(cls, _decoded(value, {}))
        return cls(**{name: tuple(ids) for name, ids in data.items()})


@dataclass(frozen=True)
class Event:
    """One reviewer decision in the audit trail: one row of the `event` table, its JSON decoded."""

    id: int
    at: str
    reviewer: str
    action: str
    flag_id: int | None
    council: str
    activity: str | None
    before: PublishedEntry | None
    after: Proposal | None
    note: str | None
    snapshots: Compared = field(default_factory=Compared)
    classifier_version: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Event:
        after = _decoded(row["after"], None)  # an event's `after` may be JSON null
        return cls(**{**_known(cls, row), "before": published_from_json(row["before"]),
                      "after": None if after is None else proposal_from_json(after),
                      "snapshots": Compared.from_json(row["snapshots"])})

