"""Why a finding has low confidence: short reasons a reviewer reads beside the verdict.

Any doubt makes a finding `low`; a finding with none is `high`. Each names a way real council text
misleads keyword rules, so a reviewer knows what to check in the quoted clauses.
"""

from __future__ import annotations

DISAGREE = "a general allowance and a general restriction disagree"
GENERIC = "the activity is reached only through a generic term"
HEADING = "the rule names no activity; it is read under its heading"
SCOPE_UNCLEAR = "the restriction's scope is unclear"
MINUTES = "the text reads as minutes or debate"
MODALITY = "a requirement or a request?"
IMPLIED = "allowed only by implication: rules on how to do it, none saying it may be done"
COUNCIL_OWN = "the text is about the council's own recording or broadcast"
AUDIENCE = "the text addresses staff or councillors, not the public"
NOT_MEETINGS = "the rule does not speak of meetings"
WELSH = "the text is in Welsh, which the rules do not read yet: read it"

# In the order a reviewer should read them: what most often turns a verdict over first.
DOUBTS: tuple[str, ...] = (
    WELSH, DISAGREE, SCOPE_UNCLEAR, MODALITY, MINUTES, COUNCIL_OWN, AUDIENCE, NOT_MEETINGS, IMPLIED, GENERIC, HEADING,
)
