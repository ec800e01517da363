"""The activity vocabulary as data: which words name which activity, defined terms, and who acts.

Each named group of `TERM_RE` maps to the activities it names (`GROUP_ACTIVITIES`). Two groups are
generic: `record` ("recording" = filming + audio unless the text defines it otherwise) and `report`
(social media only where listed beside other activities, or where the text defines "report" or cites
the 2014 Regulations that define it).
"""

from __future__ import annotations

import re

from rules.taxonomy import AUDIO_RECORDING, FILMING, PHOTOGRAPHY, SOCIAL_MEDIA
from rules.wordscan import WordPattern

_I = re.IGNORECASE

_FILM = (
    # "filming, video filming" / "video-record" / "live streaming by an attendee"; not film permits.
    # "Film crews wishing to use council parks ... as a location" is a location permit, not a meeting.
    # ... nor the film industry a planning document speaks of ("film studios", "a film festival").
    r"film(?:s|ed|ing)?\b(?![ -](?:locations?|office|permits?|licen[cs]es?|industry|crews?|makers?|studios?|productions?"
    r"|festivals?|screenings?|club|society|nights?|sets?|shoots?|certificates?|classification|sector|units?)\b)"
    # "permission to film on council-owned land" is a location permit, not a meeting
    r"(?!\s+(?:on|in)\s+(?:the\s+)?(?:council|public)[\w-]*\s+(?:land|parks?|highways?|streets?|open\s+spaces?))"
    r"|video(?:s|ed|ing|[- ]?record\w*)?\b(?![ -]?(?:conferenc\w*|link|call)\b)"
    r"|live[- ]?stream\w*|visual\s+record\w*|moving\s+images?|camcorders?"
    # "any visual or sound recording": the shared noun comes after the second adjective.
    r"|visual(?=\s*(?:or|and|and/or|/)\s*(?:sound|audio)\s+record)"
)
# "audio/visual recording", "audio-visual": both filming and audio.
_AUDIOVISUAL = r"audio\s*(?:/|-|and/or|and|or)\s*(?:visual|video)\b"
_AUDIO = (
    r"audio[- ]?record\w*|sound[- ]?record\w*|tape[- ]?record\w*|voice[- ]?record\w*"
    r"|record\w*\s+of\s+speech|audio(?=\s+(?:equipment|devices?|recorders?)\b)|dictaphones?"
    # "Sound or video recording of a meeting ... is permitted only where": the noun is shared.
    r"|sound(?=\s*(?:or|and|and/or|/)\s*(?:video|visual|vision)\s+record)"
)
# "photographing", "take photos", "screen shots"; not photocopies.
_PHOTO = r"photo(?!cop)\w*|screen[- ]?shots?|(?:take|taking)\s+(?:still\s+)?pictures|still\s+images?"
# "record sound or images", "capture images": images after a recording verb are photos and film.
# Not the camera of a remote participant's own device: "the camera on your device is enabled"; "cameras off".
_CAMERA = (
    r"(?<!your )(?<!their )(?<!own )(?<!web)cameras?\b(?!\s+(?:on\s+(?:your|their)\b|(?:is\s+|are\s+|be\s+|being\s+)?"
    r"(?:enabled|disabled|switched|turned|on|off)\b))"
    r"|(?:(?<=record )|(?<=capture )|(?<=sound or )|(?<=sound and )|(?<=take ))images\b"
)
_SOCIAL = (
    r"social\s+(?:media|networking)|twitter|tweet\w*|facebook|instagram|micro-?blog\w*|blog\w*"
    r"|live\s+(?:text\s+)?(?:updates?|reporting)|comment(?:ed|ing)?\s+(?:on\s+)?online"
    r"|transmit\w*|communicating\s+the\s+proceedings|means\s+of\s+communicating"
    r"|other\s+communication\s+of"
)
# Generic "record": not the minutes' "record of the vote" or "recorded in the minutes".
_RECORD = (
    r"record(?:s|ed|ings?|ers?)?\b"
    r"(?!\s+(?:the\s+)?(?:names?|votes?|voting|decisions?|reasons?|attendance|minutes|whether|that)\b)"
    r"(?!\s+(?:of|in)\s+(?:the\s+)?(?:minutes|decisions?|votes?|attendance|names)\b)"
)
# Generic "report": a verb, not "the officer's report"; never "oral report".
_REPORT = (
    r"(?<!the )(?<!an )(?<! a )(?<!their )(?<!this )(?<!oral )(?<!verbal )(?<!officer's )"
    r"report(?:ed|ing)?\b(?!\s+(?:of|to|back|from|by)\b)"
)

# The lookahead on the alternatives' first letters lets the scan skip most positions cheaply.
TERM_RE = re.compile(
    rf"(?=[a-dfilmoprstv])\b(?:(?P<av>{_AUDIOVISUAL})|(?P<audio>{_AUDIO})|(?P<film>{_FILM})|(?P<photo>{_PHOTO})"
    rf"|(?P<camera>{_CAMERA})|(?P<social>{_SOCIAL})|(?P<record>{_RECORD})|(?P<report>{_REPORT}))",
    _I,
)
GROUP_ACTIVITIES: dict[str, frozenset[str]] = {
    "av": frozenset({FILMING, AUDIO_RECORDING}),
    "audio": frozenset({AUDIO_RECORDING}),
    "film": frozenset({FILMING}),
    "photo": frozenset({PHOTOGRAPHY}),
    "camera": frozenset({FILMING, PHOTOGRAPHY}),
    "social": frozenset({SOCIAL_MEDIA}),
}
RECORD_DEFAULT = frozenset({FILMING, AUDIO_RECORDING})

# Words that point back to an activity named before: "Anyone wishing to do so"; "Such recording".
# A sentence opening "Requests ..." / "Any such requests ..." (not "Requests to speak") refers back too:
# "Filming ... will not normally be permitted. Requests in exceptional circumstances ... will be determined by the Chair".
ANAPHOR_RE = re.compile(
    r"\b(?:do(?:es|ing)?\s+(?:so|this|that)|(?:this|these|such|those)\s+(?:activit(?:y|ies)|recordings?|filming|reporting"
    r"|practices?|requests?))\b|^(?:any\s+)?requests?\b(?!\s+(?:to|for|from|by)\b)",
    _I,
)

# The activity vocabulary that locates relevant clauses in a long document, with one fast scan (see wordscan).
LOCATE = WordPattern(
    rf"{_RECORD}|film|video|audio|photo|camera|social\s+media|twitter|tweet|blog|live[- ]?stream"
    r"|transmit|screen[- ]?shot|report\w*\s+on|communicating\s+the|webcast|broadcast"
)

# A definition of a generic term: 'the term "recording" means any form of audio, filming, ...';
# 'To "report" means to film, photograph, make an audio recording ... or written commentary'.
DEFINITION_RE = re.compile(
    r"(?:[“\"'‘]\s*(?P<q>record\w*|report\w*)\s*[”\"'’]|\bterm\s+(?P<t>record\w*|report\w*))"
    r",?\s+(?:means|includes?|shall\s+(?:mean|include)|covers|refers\s+to|is\s+defined\s+as|encompasses)",
    _I,
)
# Words that stretch a definition beyond the specific terms: "any form of audio, visual ...".
DEFINITION_EXTRA: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\baudio\b", _I), AUDIO_RECORDING),
    (re.compile(r"\b(?:visual|video|see)\b", _I), FILMING),
    (re.compile(r"\b(?:commentary|written|social\s+media)\b", _I), SOCIAL_MEDIA),
)
# The 2014 Regulations define "report" as film, photograph, audio-record, and written commentary.
# The Local Audit and Accountability Act 2014 made them: a text citing it as the source of the right means the same.
REGULATIONS_RE = re.compile(
    r"Openness\s+of\s+Local\s+Government(?:\s+Bodies)?\s+Regulations|SI\s+2014/2095|Regulations\s+2014"
    r"|Local\s+Audit\s+and\s+Accountability\s+Act", _I
)
# Two activity terms joined as a list: "filming, recording or reporting".
LIST_GAP_RE = re.compile(r"^[\s,/]*(?:(?:and/or|and|or|otherwise|also)[\s,/]+)*$", _I)

# Someone from the public or press is addressed (so a sentence is not only about the council's own feed).
PUBLIC_RE = re.compile(
    r"\b(?:members?\s+of\s+(?:the\s+)?(?:public|press|media)|(?<!to )(?<!exclude )the\s+(?:press|public|media)\b"
    r"(?!\s+(?:seating|gallery|galleries|areas?|interest|domain|realm|record|meetings?|part|session|sector|bod(?:y|ies)))"
    # (not the press and public only as those a meeting excludes: "a motion to exclude the press and public")
    r"|(?<!exclude )(?<!excluding )(?:press|media|public)\s+(?:and|or|&)\s+(?:the\s+)?(?:press|media|public)"
    r"(?!\s+(?:are|is|have\s+been|will\s+be|being)\s+(?:excluded|asked\s+to\s+leave))|anyone|any\s+one"
    r"|any\s+(?:person|individual|member)|a\s+person|no\s+(?:person|one|member|individual)|nobody|persons?\s+(?:present|attending|who|wishing|recording)"
    r"|individuals?|attendees|visitors|journalists|bloggers|you|your|those\s+(?:attending|present|wishing"
    r"|wanting|intending|recording|filming|making)|people\s+(?:attending|present|wishing)|media\s+organisations?)\b",
    _I,
)
# The council's own broadcast or recording, CCTV, and cameras it points at councillors.
COUNCIL_OWN_RE = re.compile(
    r"\b(?:webcast\w*|live[- ]?stream\w*|cctv|closed[- ]circuit|holding\s+image"
    r"|(?<!other than )(?<!except )by\s+the\s+(?:council|authority|clerk)\b(?!\s+or\b)"
    r"|the\s+(?:council|authority)['’]?s?\s+own|(?:council|authority)\s+itself"
    r"|(?:council|we)\s+(?:will|shall|normally|agrees?\s+to|to)\s+(?:\w+\s+){0,2}?(?:make|commence|start"
    r"|broadcast|webcast|film|record|audio)\w*"
    r"|(?:cameras?|microphones?)\s+(?:are\s+|is\s+)?(?:directed|positioned|located|placed|situated)"
    r"|(?:on|via)\s+the\s+council['’]?s?\s+(?:website|internet|youtube)"
    # "The following meetings are recorded"; "the meeting will be recorded": the council records, no one else named
    r"|(?:meetings?|proceedings)\s+(?:will|shall|are|is)\s+(?:being\s+|also\s+|normally\s+)?(?:be\s+)?(?:broadcast"
    r"|webcast|streamed|televised|recorded|audio[- ]recorded|filmed)\b(?!\s+(?:by|or)\b)"
    # what it does with its own recordings: "Recordings will be published on the website"; "used as an aid to the
    # minutes"; "the Clerk may record the meeting to assist with the minutes"
    r"|recordings?\s+(?:of\s+(?:the\s+|these\s+|its\s+|our\s+)?(?:meetings?|proceedings)\s+)?(?:will|are|is|shall|may)\s+"
    r"(?:be\s+|then\s+be\s+)?(?:published|made\s+available|available|retained|kept|held|deleted|destroyed|erased|uploaded"
    r"|posted|stored|archived|edited|redacted)"
    r"|(?:aid|aide|assist\w*)\s+(?:to|for|with|in)\s+(?:the\s+)?(?:taking\s+|writing\s+|preparation\s+of\s+|producing\s+)?"
    r"(?:the\s+)?minutes|\bminute[- ]tak\w+|for\s+(?:the\s+)?(?:purposes?\s+of\s+)?(?:taking|writing|preparing)\s+(?:the\s+)?minutes"
    r"|(?:clerk|officers?|democratic\s+services)\s+(?:will|may|shall|normally|also)\s+(?:\w+\s+)?(?:record|film|audio)\w*)",
    _I,
)
# An exception before the council's own feed: "is forbidden, save for the Council's own webcasting equipment".
EXCEPTION_BEFORE_RE = re.compile(
    r"\b(?:save\s+for|other\s+than|except(?:\s+for)?|apart\s+from|exception\s+of)\s+(?:[\w'’]+\s+){0,4}$", _I
)
# Watching or listening to a recording, or asking for a copy of one, is using the council's recording, not
# making one: "If you would like to listen to the recording of a public meeting, please contact us".
CONSUMING_RE = re.compile(
    r"\b(?:listen\w*|watch\w*|view\w*|hear\w*|replay\w*|access\w*|download\w*|obtain\w*|order\w*|purchas\w*"
    r"|cop(?:y|ies)|transcripts?|extracts?)\s+(?:to\s+|of\s+|from\s+)?(?:the\s+|a\s+|an\s+|any\s+|our\s+|its\s+"
    r"|their\s+|these\s+)?(?:audio\s+|video\s+|sound\s+|full\s+|live\s+|archived\s+)?$",
    _I,
)
# Councillors as the subject of a rule about devices ("Members may use mobile phones ...").
COUNCILLOR_SUBJECT_RE = re.compile(
    r"\b(?:councillors|elected\s+members|members\s+of\s+the\s+council|council\s+members)\s+"
    r"(?:\w+\s+){0,2}?(?:may|must|shall|should|can|are|will)\b",
    _I,
)
