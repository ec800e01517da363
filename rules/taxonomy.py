"""The vocabulary of ../shared/TAXONOMY.md, defined once: activities, verdicts, conditions, nations."""

from __future__ import annotations

# Activities, from the point of view of a member of the public or press at a public meeting.
FILMING = "filming"
AUDIO_RECORDING = "audio_recording"
PHOTOGRAPHY = "photography"
SOCIAL_MEDIA = "social_media"
ACTIVITIES: tuple[str, ...] = (FILMING, AUDIO_RECORDING, PHOTOGRAPHY, SOCIAL_MEDIA)

# Verdicts for one document or passage, from most to least open.
ALLOWED = "allowed"
NOTICE = "notice"
PERMISSION = "permission"
PROHIBITED = "prohibited"
NOT_STATED = "not_stated"
VERDICTS: tuple[str, ...] = (ALLOWED, NOTICE, PERMISSION, PROHIBITED, NOT_STATED)

# Extra verdicts that exist only at council level.
CONFLICTING = "conflicting"  # the council's current documents disagree
UNKNOWN = "unknown"  # no document found or readable
COUNCIL_VERDICTS: tuple[str, ...] = VERDICTS + (CONFLICTING, UNKNOWN)

# Conditions attached to a verdict.
NOTICE_REQUESTED = "notice_requested"
NOTICE_REQUIRED = "notice_required"
IDENTIFY_ON_ARRIVAL = "identify_on_arrival"
CHAIR_CONSENT = "chair_consent"
WRITTEN_CONSENT = "written_consent"
COUNCIL_RESOLUTION = "council_resolution"
CHAIR_MAY_STOP = "chair_may_stop"
NOT_DISRUPTIVE = "not_disruptive"
DESIGNATED_AREA = "designated_area"
FIXED_POSITION = "fixed_position"
NO_FLASH_OR_LIGHTING = "no_flash_or_lighting"
NO_POWER_CABLES = "no_power_cables"
EXEMPT_ITEMS_EXCLUDED = "exempt_items_excluded"
RESPECT_OBJECTORS = "respect_objectors"
OBJECTION_OVERRIDDEN = "objection_overridden"
MINORS_CONSENT = "minors_consent"
NO_ORAL_COMMENTARY = "no_oral_commentary"
NO_MISLEADING_EDITING = "no_misleading_editing"
ACCREDITED_PRESS_ONLY = "accredited_press_only"
ONLY_WHEN_WEBCAST = "only_when_webcast"
CONDITIONS: tuple[str, ...] = (
    NOTICE_REQUESTED,
    NOTICE_REQUIRED,
    IDENTIFY_ON_ARRIVAL,
    CHAIR_CONSENT,
    WRITTEN_CONSENT,
    COUNCIL_RESOLUTION,
    CHAIR_MAY_STOP,
    NOT_DISRUPTIVE,
    DESIGNATED_AREA,
    FIXED_POSITION,
    NO_FLASH_OR_LIGHTING,
    NO_POWER_CABLES,
    EXEMPT_ITEMS_EXCLUDED,
    RESPECT_OBJECTORS,
    OBJECTION_OVERRIDDEN,
    MINORS_CONSENT,
    NO_ORAL_COMMENTARY,
    NO_MISLEADING_EDITING,
    ACCREDITED_PRESS_ONLY,
    ONLY_WHEN_WEBCAST,
)

# How far a reviewer can trust a finding: `low` when the text left room for doubt (its `doubts` say why).
HIGH = "high"
LOW = "low"
CONFIDENCES: tuple[str, ...] = (HIGH, LOW)

# Nations, as spelt in the registry.
ENGLAND = "England"
WALES = "Wales"
SCOTLAND = "Scotland"
NORTHERN_IRELAND = "Northern Ireland"
NATIONS: tuple[str, ...] = (ENGLAND, WALES, SCOTLAND, NORTHERN_IRELAND)

# In England the Openness of Local Government Bodies Regulations 2014 give the public the right to
# film, photograph, audio-record and report: any other verdict conflicts with statute.
STATUTE_ENGLAND = "Openness of Local Government Bodies Regulations 2014 (SI 2014/2095)"


def conflicts_with_statute(verdict: str, nation: str | None) -> bool:
    """True when a document's verdict cannot stand against the law of the council's nation."""
    return nation == ENGLAND and verdict in (NOTICE, PERMISSION, PROHIBITED)
