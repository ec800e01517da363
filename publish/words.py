"""The verdicts and conditions of ../shared/TAXONOMY.md in plain English, for people rather than programs.

`answer(activity, verdict, conditions)` is what a citizen reads on a council's page: "You may film the meeting
without asking. The council asks you to tell the clerk beforehand, and not to disrupt the meeting." `law_note`
adds what the nation's law says of it. Every code of rules/taxonomy.py has its words here (tests/test_publish.py
checks), so a new code cannot reach the public site as a bare code.
"""

from __future__ import annotations

from dataclasses import dataclass

from publish.law import law_of
from rules.taxonomy import (
    ACCREDITED_PRESS_ONLY,
    ALLOWED,
    AUDIO_RECORDING,
    CHAIR_CONSENT,
    CHAIR_MAY_STOP,
    CONFLICTING,
    COUNCIL_RESOLUTION,
    DESIGNATED_AREA,
    EXEMPT_ITEMS_EXCLUDED,
    FILMING,
    FIXED_POSITION,
    IDENTIFY_ON_ARRIVAL,
    MINORS_CONSENT,
    NO_FLASH_OR_LIGHTING,
    NO_MISLEADING_EDITING,
    NO_ORAL_COMMENTARY,
    NO_POWER_CABLES,
    NOT_DISRUPTIVE,
    NOT_STATED,
    NOTICE,
    NOTICE_REQUESTED,
    NOTICE_REQUIRED,
    OBJECTION_OVERRIDDEN,
    ONLY_WHEN_WEBCAST,
    PERMISSION,
    PHOTOGRAPHY,
    PROHIBITED,
    RESPECT_OBJECTORS,
    SOCIAL_MEDIA,
    UNKNOWN,
    WRITTEN_CONSENT,
)


@dataclass(frozen=True)
class ActivityWords:
    """How to speak of one activity: its title, what you do ("film the meeting"), the verb alone and the noun."""

    title: str
    do: str
    verb: str
    noun: str


ACTIVITY_WORDS: dict[str, ActivityWords] = {
    FILMING: ActivityWords("Filming", "film the meeting", "film", "filming"),
    AUDIO_RECORDING: ActivityWords("Audio recording", "make a sound recording of the meeting", "record",
                                   "audio recording"),
    PHOTOGRAPHY: ActivityWords("Photography", "take photographs", "photograph", "photography"),
    SOCIAL_MEDIA: ActivityWords("Reporting live", "report live from the meeting (tweet, blog or post)",
                                "report on", "reporting live on social media"),
}

# A short label per verdict for tables and badges, and the sentence that leads an activity's answer.
SHORT: dict[str, str] = {
    ALLOWED: "Yes", NOTICE: "Tell them first", PERMISSION: "Ask first", PROHIBITED: "No",
    NOT_STATED: "Not said", CONFLICTING: "Unclear", UNKNOWN: "Not found",
}
LEAD: dict[str, str] = {
    ALLOWED: "You may {do} without asking.",
    NOTICE: "You may {do}, but you must tell the council beforehand.",
    PERMISSION: "You may {do} only with permission.",
    PROHIBITED: "You may not {do}: the council's rules forbid it.",
    NOT_STATED: "The council's documents say nothing about {noun}.",
    CONFLICTING: "The council's documents disagree about {noun}.",
    UNKNOWN: "We have not found the council's rules about {noun}.",
}
# What each verdict means, for the explanation page.
MEANING: dict[str, str] = {
    ALLOWED: "You may do it without anyone's consent and without notice. The council may still ask you to behave "
             "in certain ways (the conditions).",
    NOTICE: "You may do it, but the council requires you to tell it beforehand. Nobody's consent is needed.",
    PERMISSION: "You may do it only with someone's consent, permission or approval, often the chair's.",
    PROHIBITED: "The council's rules forbid it, and give no way to ask for permission.",
    NOT_STATED: "The council's documents say nothing about it for the public at meetings.",
    CONFLICTING: "The council's current documents disagree with each other; a person has to decide which holds.",
    UNKNOWN: "We found no document of the council's that we could read.",
}

# Each condition as what the council asks of you (completing "The council asks you to ...") or, for the few that
# are no request, as a sentence of their own. `{verb}` is the activity's verb.
ASKS: dict[str, str] = {
    NOTICE_REQUESTED: "tell the clerk beforehand (a courtesy, not a requirement)",
    NOTICE_REQUIRED: "give notice beforehand",
    IDENTIFY_ON_ARRIVAL: "make yourself known to the chair or the clerk when you arrive",
    CHAIR_CONSENT: "get the chair's consent",
    WRITTEN_CONSENT: "get consent in writing",
    COUNCIL_RESOLUTION: "wait for the council to agree to it by a vote",
    CHAIR_MAY_STOP: "stop if the chair tells you to",
    NOT_DISRUPTIVE: "not disrupt the meeting",
    DESIGNATED_AREA: "stay in the area set aside for it",
    FIXED_POSITION: "stay in one place rather than move around the room",
    NO_FLASH_OR_LIGHTING: "not use flash or extra lighting",
    NO_POWER_CABLES: "not plug into the mains or lay cables",
    EXEMPT_ITEMS_EXCLUDED: "stop while the public are excluded for confidential business",
    RESPECT_OBJECTORS: "not {verb} members of the public who object",
    MINORS_CONSENT: "not {verb} children without their parents' consent",
    NO_ORAL_COMMENTARY: "not give a spoken commentary in the room",
    NO_MISLEADING_EDITING: "not edit recordings in a way that misleads",
    ACCREDITED_PRESS_ONLY: "be an accredited journalist: others may not",
    ONLY_WHEN_WEBCAST: "{verb} only when the council webcasts the meeting itself",
}
STATES: dict[str, str] = {
    OBJECTION_OVERRIDDEN: "It says that people who attend are taken to agree to being filmed or recorded.",
}


def activity_words(activity: str) -> ActivityWords:
    """The words for an activity (an unknown code reads as itself, never raising on the public site)."""
    found = ACTIVITY_WORDS.get(activity)
    return found or ActivityWords(activity.replace("_", " ").capitalize(), activity.replace("_", " "),
                                  activity.replace("_", " "), activity.replace("_", " "))


def short(verdict: str) -> str:
    """The verdict's short label: `permission` -> "Ask first"."""
    return SHORT.get(verdict, verdict.replace("_", " "))


def lead(activity: str, verdict: str) -> str:
    """The sentence that leads an activity's answer: "You may film the meeting without asking."."""
    words = activity_words(activity)
    return LEAD.get(verdict, "The council's rule on {noun}: " + verdict.replace("_", " ") + ".").format(
        do=words.do, noun=words.noun)


def _asked(activity: str, condition: str) -> str:
    """What the council asks, after "asks you": "to stay in the area set aside for it", "not to disrupt ..."."""
    words = ASKS.get(condition, condition.replace("_", " ")).format(verb=activity_words(activity).verb)
    return f"not to {words[4:]}" if words.startswith("not ") else f"to {words}"


def condition_text(activity: str, condition: str) -> str:
    """One condition in words, as a sentence: "The council asks you to stay in the area set aside for it."."""
    if condition in STATES:
        return STATES[condition]
    return f"The council asks you {_asked(activity, condition)}."


def conditions_sentence(activity: str, conditions: tuple[str, ...] | list[str]) -> str:
    """Every condition in one sentence: "The council asks you to X, and not to Y." plus any statement of its own."""
    asked = [_asked(activity, c) for c in conditions if c not in STATES]
    sentences = [f"The council asks you {_joined(asked)}."] if asked else []
    return " ".join(sentences + [STATES[c] for c in conditions if c in STATES])


def answer(activity: str, verdict: str, conditions: tuple[str, ...] | list[str] = ()) -> str:
    """The plain-English answer for one activity: the lead sentence, then the conditions."""
    return " ".join(part for part in (lead(activity, verdict), conditions_sentence(activity, conditions)) if part)


def law_note(activity: str, verdict: str, nation: str | None, conflicts: bool) -> str:
    """What the law adds to the council's rule: a conflict said plainly, or a right the council's silence leaves."""
    law = law_of(nation)
    if law is None or not law.public_right:
        return ""
    do = activity_words(activity).do
    if conflicts:
        return (f"This conflicts with the law. In {law.nation} the {law.statute} give anyone at a meeting open to "
                f"the public the right to {do}; a council's own rules cannot take that right away.")
    if verdict in (NOT_STATED, UNKNOWN, CONFLICTING):
        return f"Whatever the council's documents say, in {law.nation} the {law.statute} give you the right to {do}."
    return ""


def _joined(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + ", and " + parts[-1]
