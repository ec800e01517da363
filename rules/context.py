"""Wording about the text around a rule: who acts, what kind of text it is, and what a heading or lead-in limits.

Each pattern stands for wording that recurs across councils' documents; `rules.document` uses them to decide
which sentences state rules in force for the public, and which restrictions are limited in scope.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Someone from the public or press does an activity (not "may be filmed"): "anyone filming", "if you wish to
# record", "members of the public may take photographs", "those recording the meeting".
PUBLIC_AGENT_RE = re.compile(
    r"\b(?:members?\s+of\s+(?:the\s+)?(?:public|press|media)|(?:the\s+)?(?:press|public|media)|anyone|any\s+(?:one|person"
    r"|individual|member)|a\s+person|persons?|individuals?|attendees|visitors|journalists|bloggers|you|those|people"
    r"|citizens?|residents?|organisations?)\b(?:\s+(?!(?:be|being|been)\b)[\w'’,/-]+){0,8}?\s+(?:film(?!ed)|record(?!ed|ings)"
    r"|photograph(?!ed)|tweet|blog|report(?!ed)|broadcast|live[- ]?stream|take\s+(?:photo|picture|still)|use\s+(?:social|twitter|a\s+camera"
    r"|cameras|recording|mobile|audio|video))"
    # "Photography by members of the public is not permitted"
    r"|\b(?:film\w*|record\w*|photograph\w*|tweet\w*|blogg\w*|report\w*)[\s,]+(?:[\w/]+[\s,]+){0,4}?by\s+"
    r"(?:the\s+(?:council|clerk|authority)\s+(?:or|and|and/or)\s+)?(?:members?\s+of\s+"
    r"(?:the\s+)?(?:public|press)|the\s+(?:public|press|media)|anyone|any\s+(?:person|one|member)|attendees|visitors|others)\b",
    _I,
)
# A sentence about something other than recording, which a heading about recording does not reach: speaking,
# questions, petitions, attending, remote access, refreshments.
OTHER_OBJECT_RE = re.compile(
    r"\b(?:speak\w*|speeches|address\s+the|questions?|petitions?|deputations?|attend\w*|agendas?|minutes|refreshments"
    r"|food|drink|smok\w*|seats?|seating|remote\w*|zoom|teams|links?|pass\s?codes?|vote|voting|parking|wheelchair"
    r"|hearing\s+loop|toilets?|accessib\w+)\b",
    _I,
)

# A heading over exceptions: "When recording and reporting is not allowed"; "When can't I film?"; "Exceptions".
EXCEPTION_HEADING_RE = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:when|where|if|during|while|whilst|times\s+when)\b.*\b(?:not|n['’]t|cannot|never"
    r"|prohibited|forbidden|restricted|stop\w*|exclude\w*)\b|exceptions?\b|exclusions?\b|(?:are\s+there\s+)?"
    r"(?:times|occasions|circumstances)\s+when\b)",
    _I,
)
# A lead-in or sentence pointing at the circumstance stated before it: "During these times:"; "In such cases".
ANAPHORIC_SCOPE_RE = re.compile(
    r"\b(?:during|at|in|for|on)\s+(?:these|such|this|those|that)\s+(?:times?|cases?|circumstances|items?|parts?"
    r"|sessions?|periods?|occasions?|matters|business|situations?)\b|\bwhen\s+this\s+(?:happens|occurs|is\s+the\s+case)",
    _I,
)

# Minutes: a proposal not yet decided ("I therefore move that this Council:"), and what ends one.
MOTION_RE = re.compile(
    r"\bI\s+(?:therefore\s+|would\s+like\s+to\s+|wish\s+to\s+)?(?:move|propose)\b|\b(?:it\s+was\s+)?(?:moved|proposed)\s+by"
    r"\s+(?:councillor|cllr)|\b(?:councillor|cllr\.?)\s+[A-Z][\w'’-]+\s+(?:moved|proposed)\b|\bnotice\s+of\s+motion\s+"
    r"(?:was\s+)?(?:from|by|submitted|received|standing)|\bthe\s+following\s+(?:motion|amendment)|\bmotion\s+(?:standing\s+)?"
    r"in\s+the\s+name\s+of|\bamendment\s+was\s+(?:moved|proposed)",
    _I,
)
REJECTED_RE = re.compile(
    r"\b(?:motion|amendment|proposal|recommendation)\s+(?:was\s+|is\s+|being\s+|had\s+been\s+)?(?:lost|defeated|rejected"
    r"|fell|not\s+carried|withdrawn|not\s+agreed|not\s+supported)\b",
    _I,
)
RESOLVED_RE = re.compile(r"\bRESOLVED\b|\bAGREED\b|\b(?:motion|amendment)\s+was\s+carried\b|\bresolved\s+(?:that|to)\b")
# Debate reported in minutes: "Councillor Duncan welcomed the proposed changes"; "The following points were made".
DEBATE_RE = re.compile(
    r"\b(?:councillor|cllr\.?)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:said|stated|noted|suggested|felt|commented|argued"
    r"|expressed|welcomed|asked|queried|raised|explained|introduced|added|believed|thought|indicated|highlighted|replied"
    r"|responded|considered)\b|\bmembers\s+(?:noted|commented|discussed|debated|raised|asked|felt|expressed|queried"
    r"|considered)\b|\bthe\s+following\s+points\s+were\s+(?:made|raised)|\bduring\s+(?:the\s+)?(?:discussion|debate)"
    r"|\bin\s+response\s+to\s+(?:a\s+)?(?:question|query)|\b(?:asked|queried)\s+(?:whether|if|why|how)\b"
    r"|\b(?:he|she)\s+(?:said|stated|noted|added|explained|felt|suggested|argued)\s+that\b",
    _I,
)

# A text addressed to the council's own people: a staff or councillors' policy on social media or devices.
AUDIENCE_RE = re.compile(
    r"\b(?:employees?|members?\s+of\s+staff|line\s+manager|your\s+manager|your\s+(?:role|job|employment|work)"
    r"|at\s+work|working\s+hours|disciplinary|employer|colleagues|as\s+an?\s+(?:councillor|employee|officer"
    r"|elected\s+member)|code\s+of\s+conduct)\b",
    _I,
)
# ... unless it also speaks of the public at meetings.
PUBLIC_MEETING_RE = re.compile(
    r"members?\s+of\s+the\s+public|public\s+(?:gallery|meetings?|seating|area)|meetings?\s+(?:which\s+are\s+|that\s+are\s+)?"
    r"open\s+to\s+the\s+public|press\s+and\s+(?:the\s+)?public|public\s+and\s+(?:the\s+)?press|attend(?:ing|s)?\s+"
    r"(?:a\s+|the\s+|any\s+)?(?:public\s+)?meeting",
    _I,
)
# An opinion reported in minutes ("Councillor Green felt that ..."): no rule, even of the debate's own.
OPINION_RE = re.compile(
    r"\b(?:felt|suggested|argued|believed|thought|proposed|recommended|wanted|wished|preferred|urged|considered|hoped"
    r"|questioned|disagreed)\s+(?:that|it|whether)\b",
    _I,
)
# Words that show a text speaks of meetings (a rule on filming that never does is about something else: film
# studios in a local plan, a staff handbook).
MEETING_RE = re.compile(
    r"\b(?:meetings?|proceedings|committees?|chamber|gallery|sessions?|hearings?|cabinet|full\s+council"
    r"|council\s+(?:business|debates?)|agendas?|minutes|chair\w*|convener|provost|presiding|standing\s+orders?)\b",
    _I,
)
# A number of audience words from which a text reads as addressed to staff or councillors.
AUDIENCE_MIN = 2
