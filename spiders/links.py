"""How likely a link is to lead to a council's policy on recording meetings: a score per link, as data.

A link is scored from its words (text and title attribute), its address and the page it sits on. Strong cues
name the policy (filming, recording, protocol, standing orders, constitution parts, procedure rules); weaker ones
lead towards it (council and democracy, meetings, an A to Z). Committee, meeting and decision pages come last:
their names often hold policy words ("Constitution Working Group"), but what they hold are agendas. Each cue's
comment names the real link or address that motivated it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from spiders.platforms import PlatformPattern

_I = re.IGNORECASE

# What fetching a link is for.
CANDIDATE = "candidate"  # may itself be a policy document or page: kept as a source if it speaks of recording
PAGE = "page"  # leads towards policy: its links are followed, nothing is kept from it
# Scores, highest first; the crawl takes each council's links in this order.
START = 100  # the council's start pages and its platform's entry pages
FILMING = 96  # "Filming and recording at meetings", "Protocol on filming", "Social media at meetings"
PROCEDURE = 92  # "Standing Orders", "Council Procedure Rules", "Part 4 - Rules of Procedure"
CONSTITUTION = 88  # "Constitution", a platform's constitution pages (a ModernGov constitution index)
INDEX_DOCUMENT = 86  # any document listed on a policy page (a constitution index's parts)
PARTICIPATION = 80  # "Attending meetings", "Have your say", "Public participation", "Openness"
SEARCH = 75  # the council's own site search, asked for the policy
WEBCAST = 66  # "Watch meetings live": mostly the council's own broadcast, sometimes the public's rule too
POLICIES = 62  # "Policies and procedures", "Key documents", "Document library", "Dogfennau"
A_TO_Z = 58  # "A to Z", and its letters that start the policy's names (C, F, P, R, S, M)
DEMOCRACY = 50  # "Council and democracy", "Your council", "How the council works"
MEETINGS = 40  # "Meetings, agendas and minutes", "Committees", a platform's lists (ModernGov mgListCommittees)
COMMITTEE = 10  # one committee, meeting, decision or councillor: only with what budget is left
# Cue names other modules rely on: the filming cue makes a candidate even on a committee page (a "Filming at
# meetings" notice); the committee cue marks committee, meeting and decision pages.
FILMING_CUE = "filming"
COMMITTEE_CUE = "committee"
MEETINGS_CUE = "meetings"  # a meetings, agendas and minutes page: a local council's own notice on recording may
# stand on it ("Recording at Meetings" above the agendas; "Use of Social Media" on a "Council meetings" page)
LATEST_MINUTES_CUE = "latest minutes"  # a local council's newest minutes, read only where nothing else is found:
# parishes minute a standing item on recording ("Openness and Transparency Notice - the Parish Council records
# the meeting"; "Notice regarding use of social media, audio recording of Parish Council meeting")
MINUTES_WORDS = re.compile(r"\bminutes\b|\bcofnodion\b", _I)
# A Welsh link comes after its English twin: the classifier reads English.
WELSH_PENALTY = 4
# A link whose words say nothing of where it goes: the words around it (its list item, paragraph or table cell)
# name the document instead ("Rules for the management of recording at meetings (click to open PDF)", "Minutes
# of earlier meetings may be downloaded - click on this link", "Standing Orders 2024 ... Download").
GENERIC_LINK_WORDS = re.compile(
    r"^\W*(?:(?:please\s+)?click\s+(?:here|on\s+(?:this|the)\s+link|to\s+(?:open|view|download|read))"
    r"(?:\s+(?:the\s+)?(?:pdf|document|file))?|here|this\s+link|download(?:\s+(?:pdf|file|document))?|view"
    r"|open|pdf|read\s+(?:it|more)|\(?pdf\)?|lawrlwytho)\W*$", _I)


@dataclass(frozen=True)
class Cue:
    """Words or an address that make a link worth a score; `role` says what fetching it is for."""

    name: str
    score: int
    role: str
    words: re.Pattern[str] | None = None  # matched against the link's text and title
    address: re.Pattern[str] | PlatformPattern | None = None  # matched against its path and query


@dataclass(frozen=True)
class Scored:
    """A link's score, what fetching it is for, and the cue that decided it."""

    score: int
    role: str
    cue: str


# A link that names one committee, meeting or decision: what it holds are agendas, whatever its name says.
COMMITTEE_WORDS = re.compile(
    # a named committee: "Planning Committee", "Constitution Working Group", "Licensing Sub-Committee" (not
    # "Council and committee meetings", nor "Committees")
    r"\b(?!(?:and|or|nor|of|the|a|an|our|all|council|for|at|in|on|to|by|with|from|its|their|your|public|each|every"
    r"|any|this|that|these|those|other)\b)[\w&'’]+\s+(?:committee|sub-?committee|working\s+group|panel|board|forum"
    r"|task\s+group)\b(?!s|\s+meetings)"
    # one meeting's papers, a decision, a councillor: "Agenda", "Minutes of the meeting", "Councillor Jane Smith"
    r"|\bagenda\b(?!s)|\bminutes\s+of\b|decision\s+notice|forward\s+plan|\bcouncillor\s+[A-Z]\w+"
    # a meeting's date: "Cabinet, 12 March 2024"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+\d{4}\b",
    _I,
)
# Council CMS meeting listings (/meetings/meeting/123/..., /committees/planning-committee/2024-03-12), and each
# platform's committee, meeting and decision pages (its record's `committee_url`: ModernGov mgCommitteeDetails...).
COMMITTEE_ADDRESS = PlatformPattern(r"/meetings?/(?:meeting|details)/\d|/committees?/[\w-]+/\d{4}", "committee_url")

CUES: tuple[Cue, ...] = (
    # "Filming, recording and social media at council meetings"; "Protocol on filming and recording";
    # Welsh "Ffilmio a recordio cyfarfodydd"
    Cue(FILMING_CUE, FILMING, CANDIDATE,
        words=re.compile(r"\bfilm(?:ing|ed)?\b|\brecording(?:s)?\b|\brecord\s+(?:(?:a|the|council|our|public)\s+)"
                         r"{0,2}meetings?|photograph|social\s+media|\btweet|\bblog|report(?:ing)?\s+(?:on|at|from)\s+"
                         r"(?:council\s+)?"
                         r"meetings|\bffilmio|\brecordio|cyfryngau\s+cymdeithasol", _I),
        address=re.compile(r"film|recording|record-(?:a-|the-)?meeting|photograph|social-?media", _I)),
    # "Standing Orders", "Council Procedure Rules", "Rules of Procedure", "Part 4: Rules of Procedure",
    # Welsh "Rheolau Sefydlog"; a "Protocol" (the classifier judges what it is about); a parish's "Media Policy",
    # where its rule on recording meetings often sits
    Cue("procedure", PROCEDURE, CANDIDATE,
        words=re.compile(r"standing\s*orders|procedure\s*rules|rules\s+of\s+procedure|council\s+procedure|protocol"
                         r"|\bpart\s*4\b|rheolau\s+sefydlog|rheolau\s+gweithdrefn|\bmedia\s+polic(?:y|ies)", _I),
        address=re.compile(r"standing-?orders|procedure-?rules|rules-?of-?procedure|protocol|rheolau"
                           r"|(?<!social-)(?<!social)media-?polic", _I)),
    # "Constitution", "Part 5 - Codes and Protocols"; a platform's constitution pages (ModernGov's constitution
    # index, document library and "information" meetings that list a constitution's parts); Welsh "Cyfansoddiad"
    Cue("constitution", CONSTITUTION, CANDIDATE,
        words=re.compile(r"constitution|\bpart\s*\d+[a-z]?\b|cyfansoddiad", _I),
        address=PlatformPattern(r"constitution|cyfansoddiad", "constitution_url")),
    # "Attending meetings", "Have your say at meetings", "Public participation", "Openness", "Speaking at a
    # meeting", "Public questions", "A guide to council meetings", "Guidance for members of the public"
    Cue("participation", PARTICIPATION, CANDIDATE,
        words=re.compile(r"attend(?:ing)?\s+(?:a\s+|council\s+|our\s+|public\s+)?meetings?|hav(?:e|ing)\s+your\s+say"
                         r"|public\s+participation|openness|taking\s+part|take\s+part|speak(?:ing)?\s+at"
                         r"|public\s+(?:questions|speaking)|getting\s+involved|mynychu\s+cyfarfodydd"
                         r"|guide\s+(?:to|for)\s+(?:the\s+)?(?:public|(?:council\s+|committee\s+)?meetings)"
                         r"|guidance\s+for\s+(?:members\s+of\s+)?the\s+public|public\s+guide", _I),
        address=re.compile(r"attend|hav(?:e|ing)-?your-?say|guide-to-(?:council-|committee-)?meetings|participation"
                           r"|openness|take-?part|public-?speaking", _I)),
    # "Watch meetings live", "Webcasts"
    Cue("webcast", WEBCAST, CANDIDATE,
        words=re.compile(r"webcast|live\s*stream|broadcast|watch\s+(?:council\s+)?meetings", _I),
        address=re.compile(r"webcast|livestream|broadcast", _I)),
    # "Policies, plans and strategies", "Key documents", "Document library", "Publications", a local council's
    # "Publication Scheme" (the list of what it publishes, its policies among them), Welsh "Dogfennau"
    Cue("policies", POLICIES, PAGE,
        # (not the footer's "Cookie policy" or "Privacy policy": a single policy named is no shelf of them)
        words=re.compile(r"\bpolicies\b|policy\s+documents|plans\s+and\s+strategies|key\s+documents"
                         r"|document\s+library|\bdocuments\b|publications?\s+scheme|publications|governance|dogfennau"
                         r"|polis[iï]au"
                         r"|llywodraethu", _I),
        address=re.compile(r"policies|policy-documents|/documents\b|publications?-?scheme|publications|governance"
                           r"|dogfennau", _I)),
    # "A to Z", "A-Z of services"
    Cue("a-to-z", A_TO_Z, PAGE,
        words=re.compile(r"\ba\s*(?:-|to|–)\s*z\b", _I),
        address=re.compile(r"a-?to-?z|/atoz|/a-z\b|azindex|az-index", _I)),
    # "Council and democracy", "Your council", "How the council works", "Democracy", Welsh "Democratiaeth"; a
    # platform's root on the main site ("/moderngov/", "/cmis5/"); a local council's own section, the whole link
    # "The Parish Council", "The Council", "Town Council" (/council.php, /the-council/, /parish-council/)
    Cue("democracy", DEMOCRACY, PAGE,
        words=re.compile(r"^\s*(?:the\s+)?(?:(?:parish|town|community|village)\s+)?council\s*$"
                         r"|council\s+and\s+(?:democracy|government)|democra|your\s+council\b(?!\s+tax)"
                         r"|about\s+the\s+council"
                         r"|how\s+(?:the\s+council|we)\s+works?|councillors\s+and\s+committees|local\s+government"
                         r"|cyngor|democratiaeth", _I),
        address=PlatformPattern(r"democra|council-and-|your-council(?!-tax)|about-(?:the-)?council|how-the-council"
                                r"|cyngor|/(?:the-)?(?:(?:parish|town|community)-)?council(?:\.php|\.html?)?/?\?*$",
                                "root_url")),
    # "Meetings, agendas and minutes", "Committees", a platform's lists (ModernGov's committee list, CMIS's tabs)
    Cue(MEETINGS_CUE, MEETINGS, PAGE,
        words=re.compile(r"\bmeetings?\b|committees|agendas|decisions|councillors|cyfarfodydd|pwyllgorau", _I),
        address=PlatformPattern(r"meetings|committees", "meetings_url")),
)

# Letters of an A to Z whose entries name the policy: Constitution, Filming, Protocol, Recording, Standing Orders,
# Meetings, Democracy, Council (and Welsh: Cyfansoddiad, Rheolau).
A_TO_Z_LETTER = re.compile(r"^\s*[CDFMPRS]\s*$", _I)
A_TO_Z_LETTER_ADDRESS = re.compile(r"(?:a-?to-?z|atoz|a-z|azindex)\w*[/?=#-](?:letter[=/])?[cdfmprs]\b", _I)
OTHER_LETTER_ADDRESS = re.compile(r"(?:a-?to-?z|atoz|a-z|azindex)\w*[/?=#-](?:letter[=/])?[a-z]/?$", _I)
WELSH = re.compile(r"(?:^|/)cy(?:[/-]|$)|[?&]lang=cy\b|\bCymraeg\b", _I)


def score_link(text: str, path_query: str, on_candidate_page: bool = False) -> Scored | None:
    """The score of a link from its words and address (path and query), or None when it is not worth fetching.

    A link naming one committee or meeting is a committee page whatever else it says. `on_candidate_page`: the link
    sits on a page that may itself be policy; its links to other policy pages score as usual.
    """
    words = " ".join(text.split())
    if COMMITTEE_ADDRESS.search(path_query) or COMMITTEE_WORDS.search(words) or COMMITTEE_WORDS.search(
            unquote(path_query).replace("-", " ").replace("_", " ")):
        return Scored(COMMITTEE, PAGE, COMMITTEE_CUE)
    if A_TO_Z_LETTER.match(words) or A_TO_Z_LETTER_ADDRESS.search(path_query):
        return Scored(A_TO_Z, PAGE, "a-to-z letter")
    if OTHER_LETTER_ADDRESS.search(path_query.rstrip("?")) or re.fullmatch(r"\s*[A-Za-z]\s*", words):
        return None  # the A to Z's other letters
    for cue in CUES:
        if (cue.words is not None and cue.words.search(words)) or (
                cue.address is not None and cue.address.search(path_query)):
            penalty = WELSH_PENALTY if WELSH.search(path_query) else 0
            return Scored(cue.score - penalty, cue.role, cue.name)
    return None
