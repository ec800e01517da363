"""A ready-to-send letter to an English council whose rules conflict with the 2014 Regulations.

Plain text (the page shows it in a text box to copy): it cites the Regulations, quotes the council's own clause
with its source, and asks the council to bring its rules into line. Only for councils where the law gives the
public the right (England) and some answer in force conflicts with it.
"""

from __future__ import annotations

from publish.law import law_of
from publish.public import PublicCouncil
from publish.words import activity_words, lead

CLOSING = """I would be grateful if you would bring the council's rules into line with the Regulations, publish the
corrected rules where the public can find them, and make sure that chairs and officers are aware of the public's
rights. Please let me know when this has been done.

Yours faithfully,

[your name]
[your address]"""


def needs_letter(council: PublicCouncil) -> bool:
    """True when the council's nation gives the public the right to record and a rule in force conflicts with it."""
    law = law_of(council.nation)
    return bool(law and law.public_right and council.conflicts)


def letter_text(council: PublicCouncil, today: str) -> str:
    """The letter to `council`, dated `today` (as it should read, e.g. "5 December 2026")."""
    law = law_of(council.nation)
    if law is None or not law.public_right:
        raise ValueError(f"{council.code}: no statute gives the public of {council.nation!r} a right to record")
    conflicting = [(a, e) for a, e in council.entries.items() if e.conflicts_with_statute]
    rights = ", ".join(activity_words(a).noun for a, _ in conflicting)
    parts = [today, "", f"To the Monitoring Officer, {council.name}", "",
             "Dear Monitoring Officer,", "",
             f"Recording and reporting at {council.name}'s meetings", "",
             f"I am writing about the council's rules on {rights} at its public meetings.", "",
             f"The {law.statute} ({law.statute_url}) give any person attending a meeting that is open to the public "
             "the right to film, photograph, audio-record and report on it, including by social media, during or "
             "after the meeting. A council may not make that right depend on notice or on anyone's permission, "
             "and may not forbid it. It may stop oral commentary in the room, and recording while the public are "
             "lawfully excluded.", "",
             "The council's own documents say otherwise:", ""]
    for activity, entry in conflicting:
        parts.append(f"- {activity_words(activity).title}: {lead(activity, entry.verdict)}")
        for evidence in entry.evidence[:1]:
            where = evidence.source_url or "a document of the council"
            page = f", page {evidence.page}" if evidence.page else ""
            parts.append(f'  The council\'s text reads: "{evidence.quote.strip()}" ({where}{page})')
        parts.append("")
    parts.append(CLOSING)
    return "\n".join(parts) + "\n"
