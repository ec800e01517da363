"""Verdict and condition rules as data. Each rule quotes the kind of real council wording behind it.

The classifier applies, in order: `MASKS` (wording that looks like a rule but is not one), then
`CONDITIONS` (some of which are *limiters*: a restriction near them scopes a condition, not a ban),
then `VERDICTS` in priority order; every match blanks its span so a later, looser rule cannot
re-read the same words ("not permitted without consent" is read once, as permission).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rules.taxonomy import (
    ACCREDITED_PRESS_ONLY,
    ALLOWED,
    CHAIR_CONSENT,
    CHAIR_MAY_STOP,
    COUNCIL_RESOLUTION,
    DESIGNATED_AREA,
    EXEMPT_ITEMS_EXCLUDED,
    FIXED_POSITION,
    IDENTIFY_ON_ARRIVAL,
    MINORS_CONSENT,
    NO_FLASH_OR_LIGHTING,
    NO_MISLEADING_EDITING,
    NO_ORAL_COMMENTARY,
    NO_POWER_CABLES,
    NOT_DISRUPTIVE,
    NOTICE,
    NOTICE_REQUESTED,
    NOTICE_REQUIRED,
    OBJECTION_OVERRIDDEN,
    ONLY_WHEN_WEBCAST,
    PERMISSION,
    PROHIBITED,
    RESPECT_OBJECTORS,
    WRITTEN_CONSENT,
)


@dataclass(frozen=True)
class Rule:
    """One wording pattern: the verdict or condition it signals, and the wording that motivated it.

    `matcher`: the wording; `limits`: a restriction within reach of this match restricts only a part of the meeting or a kind
    of use (a condition), not the activity. `implies_allowed`: the wording presupposes that the public
    do the activity ("anyone filming must stay in the designated area").
    """

    matcher: Matcher
    example: str
    verdict: str | None = None
    condition: str | None = None
    limits: bool = False
    implies_allowed: bool = False
    blank: bool = False


@dataclass(frozen=True)
class Matcher:
    """A compiled pattern behind a cheap prefilter: it runs only if one of `keys` is in the text."""

    keys: tuple[str, ...]
    regex: re.Pattern[str]

    def spans(self, text: str, lowered: str) -> list[tuple[int, int]]:
        """(start, end) of every match in `text`; `lowered` is the original text in lower case."""
        if not any(k in lowered for k in self.keys):
            return []
        return [m.span() for m in self.regex.finditer(text)]


def _r(keys: tuple[str, ...], pattern: str) -> Matcher:
    return Matcher(keys, re.compile(pattern, re.IGNORECASE))


_CONSENT = r"(?:consent|permission|approval|agreement|authori[sz]ation|leave|sanction)"
_ROUTE_ADJ = r"(?:(?:the|their|his|her|its|prior|explicit|express|written|specific|advance|formal)\s+)*"
_CHAIR = r"(?:chair\w*|mayor|president|speaker|presiding\s+(?:member|officer)|person\s+presiding|clerk)"
_ACT = r"(?:film|record|photo|video|audio|tweet|blog|broadcast|transmit|report|use\s+(?:a\s+)?camera|take\s+(?:photo|picture))"

# Wording that mentions consent or a ban but is neither ("you are consenting to being filmed").
MASKS: tuple[Rule, ...] = (
    Rule(_r(
        ('consent',),
        r"consent\w*\s+to\s+(?:being|be|the\s+possibility)[^.;]*"),
         "By entering the meeting room ... you are consenting to being filmed", condition=OBJECTION_OVERRIDDEN),
    Rule(_r(
        ('guarantee',),
        r"cannot\s+guarantee[^.;]*|not\s+able\s+to\s+guarantee[^.;]*"),
         "we cannot guarantee that they will not be filmed or recorded by others", condition=OBJECTION_OVERRIDDEN),
    Rule(_r(
        ('policy',),
        r"(?:not|no)\s+(?:a\s+|any\s+)?(?:specific\s+)?policy"),
         "Whilst the council does not have a policy on filming ... both are permitted"),
)

CONDITIONS: tuple[Rule, ...] = (
    Rule(_r(
        ('stop', 'termin', 'suspend', 'halt', 'end', 'ceas', 'discontinu', 'adjourn', 'off'),
        rf"{_CHAIR}[^.;]{{0,80}}?(?:discretion|right|power|may|can|will|reserves|entitled)[^.;]{{0,60}}?"
            r"\b(?:stop|terminat\w+|suspend\w*|halt|end|ceas\w+|discontinu\w+|adjourn\w*)\b"
            r"|\b(?:ask|require|request)\w*\s+(?:that\s+)?(?:any\s+|the\s+|all\s+)?(?:\w+\s+){0,3}?"
            r"(?:to\s+)?(?:be\s+)?(?:stop|suspend|cease|switch\w*\s+off|turn\w*\s+off)\w*"),
         "The chair of the meeting has the discretion to terminate or suspend filming or recording",
         condition=CHAIR_MAY_STOP, implies_allowed=True, blank=True),
    Rule(_r(
        ('exclu', 'exempt', 'confidential', 'closed', 'private', 'part'),
        r"(?:public|press)\s+(?:and\s+(?:the\s+)?(?:press|public)\s+)?(?:are|is|have\s+been|being)\s+excluded"
            r"|exempt|confidential|closed\s+(?:session|meetings?|part)|private\s+(?:session|meetings?)"
            r"|part\s+(?:ii|2|b)\b|(?:excluding|exclusion\s+of)\s+the\s+(?:press|public)"),
         "Meetings or parts of meetings from which the public are excluded may not be filmed",
         condition=EXEMPT_ITEMS_EXCLUDED, limits=True, implies_allowed=True),
    Rule(_r(
        ('child', 'young', 'minor', '18', 'vulnerable', 'parent', 'guardian'),
        r"\b(?:child\w*|young\s+people|minors?|under\s+(?:the\s+age\s+of\s+)?18|vulnerable\s+adults?"
            r"|parents?|guardians?)\b"),
         "children ... are not to be filmed unless their parents/guardians have given their written consent",
         condition=MINORS_CONSENT, limits=True, implies_allowed=True),
    Rule(_r(
        ('wish to be', 'their consent', 'seated', 'sitting', 'seating', 'object', 'wishes', 'respect', 'honour'),
        r"(?:do|does|may)\s+not\s+wish\s+to\s+be\s+(?:filmed|recorded|photographed)|without\s+their\s+consent"
            r"|(?:seated|sitting)\s+in\s+the\s+public|public\s+seating|object\w*\s+to\s+being"
            r"|wishes\s+of\s+(?:any|those|people)|(?:respect|honour)\w*\s+(?:the\s+)?(?:wishes|request)"),
         "People seated in the public area should not be filmed without their consent",
         condition=RESPECT_OBJECTORS, limits=True, implies_allowed=True),
    Rule(_r(
        ('flash', 'lighting'),
        r"\bflash\b|(?:additional|artificial|intrusive|extra)\s+lighting|lighting\s+(?:equipment|rigs?)"),
         "flash photography ... will not be allowed unless agreed", condition=NO_FLASH_OR_LIGHTING,
         limits=True, implies_allowed=True),
    Rule(_r(
        ('oral', 'verbal', 'commentary'),
        r"\b(?:oral|verbal)(?:ly)?\s+(?:\w+\s+){0,2}?(?:report\w*|comment\w*)|commentary\s+(?:in|within)\s+the\s+room"),
         "Oral commentary is not permitted; oral reporting is prohibited", condition=NO_ORAL_COMMENTARY,
         limits=True),
    Rule(_r(
        ('disrupt', 'distract', 'obtrusive', 'obstruct', 'good order', 'conducive', 'interfer', 'discreet', 'silent', 'overt', 'intrusive', 'nuisance'),
        r"\b(?:disrupt\w*|distract\w*|unobtrusive\w*|obtrusive|obstruct\w*|good\s+order|conducive"
            r"|interfer\w*|discreet\w*|silent|overt(?:ly)?\b|intrusive|nuisance)"),
         "provided that it will not be disruptive or distracting to the good order and conduct of the meeting",
         condition=NOT_DISRUPTIVE, limits=True, implies_allowed=True),
    Rule(_r(
        ('position', 'remain', 'move'),
        r"fixed\s+position|single\s+(?:fixed\s+)?position|remain\s+(?:seated|stationary|in\s+one)"
            r"|not\s+(?:to\s+)?move\s+(?:around|about)"),
         "from a single fixed position", condition=FIXED_POSITION, implies_allowed=True, blank=True),
    Rule(_r(
        ('designated', 'position', 'set aside', 'reserved'),
        r"designated\s+(?:area|position|place|location|seat\w*)|area\s+designated|positions?\s+"
            r"(?:\w+\s+){0,6}?(?:agreed|approved|specified|indicated)\s+by|(?:area|space)\s+(?:set\s+aside|reserved)"),
         "must take place from positions in the meeting room agreed by the Chairman", condition=DESIGNATED_AREA,
         implies_allowed=True, blank=True),
    Rule(_r(
        ('power', 'trailing', 'mains'),
        r"power\s+(?:cables?|leads?|supply)|trailing\s+(?:leads?|cables?|wires?)|mains\s+(?:power|electricity)"
            r"|self-?powered|battery[- ]powered"),
         "recording equipment must be silent, unobtrusive, self-contained, and self-powered",
         condition=NO_POWER_CABLES, implies_allowed=True),
    Rule(_r(
        ('edit', 'mislead', 'misrepresent'),
        r"\bedit\w*[^.;]{0,80}?(?:mislead\w*|misrepresent\w*|out\s+of\s+context|ridicul\w*)"
            r"|(?:mislead\w*|misrepresent\w*)[^.;]{0,60}?edit\w*"),
         "should not be edited in a way that could lead to misinterpretation", condition=NO_MISLEADING_EDITING,
         limits=True, implies_allowed=True),
    Rule(_r(
        ('accredit',),
        r"\baccredit\w*"), "media organisations or individuals must be accredited by the Speaker",
         condition=ACCREDITED_PRESS_ONLY),
    Rule(_r(
        ('only',),
        r"only\s+(?:be\s+)?(?:permitted|allowed)?\s*(?:when|where|if)\s+(?:the\s+meeting\s+is\s+)?(?:being\s+)?"
            r"(?:webcast|live[- ]?streamed|broadcast)"),
         "filming by the public is only permitted when the meeting is being webcast", condition=ONLY_WHEN_WEBCAST),
    Rule(_r(
        ('identify', 'known', 'introduce'),
        r"identify\s+(?:themselves|yourself|himself|herself)|make\s+(?:themselves|yourself)\s+known"
            r"|introduce\s+(?:themselves|yourself)"),
         "must identify themselves to the Chairman or Officer present on arrival", condition=IDENTIFY_ON_ARRIVAL),
    Rule(_r(
        ('written', 'in writing'),
        r"written\s+(?:consent|permission|approval|agreement|authori[sz]ation)|in\s+writing"),
         "not permitted without the Council's prior written consent", condition=WRITTEN_CONSENT),
    Rule(_r(
        ('consent', 'permission', 'approv', 'agree', 'authori', 'leave', 'sanction', 'discretion'),
        rf"{_CONSENT}\s+(?:\w+\s+){{0,2}}?(?:of|from|by)\s+the\s+{_CHAIR}|{_CHAIR}['’]?s?\s+"
            rf"(?:\w+\s+)?(?:{_CONSENT}|discretion)|(?:authori[sz]ed|approved|agreed)\s+(?:\w+\s+){{0,2}}?by\s+the\s+{_CHAIR}"),
         "shall be permitted only with the consent of the Chairman", condition=CHAIR_CONSENT),
    Rule(_r(
        ('resolution', 'vote'),
        r"\bresolution\b|majority\s+vote|vote\s+of\s+(?:the\s+)?council|approved\s+by\s+(?:the\s+)?council"),
         "Unless specifically authorised by resolution, no recording is allowed", condition=COUNCIL_RESOLUTION),
)

# Verdict rules in priority order: negated requirements, then routes to consent, then notice, then
# bans, then courtesy requests, then plain permissions. Each match blanks its span.
VERDICTS: tuple[Rule, ...] = (
    # --- a requirement denied is an allowance ---
    Rule(_r(
        ('requir', 'need', 'necessary'),
        rf"\bno\s+(?:\w+\s+){{0,2}}?(?:{_CONSENT}|notice)\s+(?:is|will\s+be|shall\s+be)\s+(?:\w+\s+)?"
            r"(?:required|needed|necessary)"),
         "No prior permission is required, however ...", verdict=ALLOWED),
    Rule(_r(
        ('not', "n't", 'n’t', 'need'),
        rf"(?:do|does|did|need|will)\s*(?:not|n['’]t)\s+(?:need|require|have)\s+(?:to\s+)?(?:\w+\s+){{0,3}}?"
            rf"(?:{_CONSENT}|notice)|need\s+not\s+(?:\w+\s+){{0,3}}?(?:{_CONSENT}|notice)"
            rf"|without\s+(?:the\s+)?need\s+(?:for|to)\s+(?:\w+\s+){{0,2}}?(?:{_CONSENT}|notice)"),
         "You don't need permission to record or film; does not need to seek consent", verdict=ALLOWED),
    Rule(_r(
        ('not',),
        r"(?:although\s+|while\s+|though\s+)?not\s+(?:required|obliged|necessary|compulsory|mandatory)"
            r"(?:\s+to\s+do\s+so)?"),
         "Although not required to do so, anyone intending to record ... is encouraged to contact the Council",
         verdict=ALLOWED),
    Rule(_r(
        ('not', "n't", 'n’t', 'restriction'),
        r"(?:does|do|shall|will|did)\s*(?:not|n['’]t)\s+(?:prohibit|forbid|prevent|ban|restrict|preclude)\w*"
            r"|no\s+restrictions?\s+(?:will\s+be\s+|are\s+|is\s+)?(?:placed|imposed)?"),
         "The Data Protection Act does not prohibit such overt filming; No restrictions will be placed on ...",
         verdict=ALLOWED),
    # --- a ban by default, lifted only by a resolution of the council ---
    Rule(_r(
        ('unless',),
        r"unless\s+(?:\w+\s+){0,2}?(?:authori[sz]ed|approved|agreed|permitted|sanctioned)\s+by\s+"
            r"(?:a\s+|the\s+)?(?:resolution|council|full\s+council)\b"),
         "Unless specifically authorised by resolution, no recording is allowed", verdict=PROHIBITED),
    # --- routes to consent: permission ---
    Rule(_r(
        ('only',),
        rf"\bonly\s+(?:be\s+)?(?:\w+\s+){{0,2}}?(?:with|if|where|when|after|following|upon|on)\s+[^.;]{{0,80}}?"
            rf"(?:{_CONSENT}|approved|agreed|authori[sz]ed|permitted\s+by)"),
         "shall be permitted only with the consent of the Chairman", verdict=PERMISSION),
    Rule(_r(
        ('without', 'unless', 'except'),
        rf"\b(?:not|no|never|nor|prohibited|forbidden|cannot)\b[^.;]{{0,140}}?\b(?:without|unless|except\s+with)"
            rf"\s+[^.;]{{0,60}}?(?:{_CONSENT}|approved|agreed|authori[sz]ed|discretion|permitted\s+by)"),
         "shall not be permitted by any person without the explicit consent of ...", verdict=PERMISSION),
    Rule(_r(
        ('without', 'unless'),
        rf"\b(?:without|unless\s+(?:they\s+have\s+|you\s+have\s+)?(?:obtained|received|been\s+given|given)?)"
            rf"\s*(?:first\s+)?(?:obtaining\s+|seeking\s+|having\s+|getting\s+|receiving\s+)?{_ROUTE_ADJ}{_CONSENT}"
            rf"|unless\s+(?:\w+\s+){{0,2}}?(?:authori[sz]ed|approved|agreed|permitted)\s+(?:\w+\s+){{0,2}}?by"),
         "the use of separate recording equipment is not permitted unless authorised by the Speaker",
         verdict=PERMISSION),
    Rule(_r(
        ('consent', 'permission', 'approval', 'agreement', 'authori', 'leave', 'sanction'),
        rf"(?:with|subject\s+to|upon|after\s+obtaining|having\s+obtained|conditional\s+(?:up)?on)\s+{_ROUTE_ADJ}"
            rf"{_CONSENT}\s+(?:of|from|by)"),
         "Filming is permitted with the prior consent of the Chair", verdict=PERMISSION),
    Rule(_r(
        ('consent', 'permission', 'approv', 'agree', 'authori', 'leave', 'sanction'),
        rf"\b(?:seek|obtain|request|ask\s+for|apply\s+for|get|requires?|requiring|need)\s+{_ROUTE_ADJ}{_CONSENT}\b"
            rf"|{_CONSENT}\s+(?:must|should|shall|will|has\s+to|needs\s+to|is\s+to)\s+(?:first\s+)?be\s+"
            r"(?:sought|obtained|given|granted|requested|secured)"
            r"|(?:shall|must|will|to)\s+(?:then\s+|first\s+)?be\s+(?:approved|authori[sz]ed|agreed|sanctioned)"
            r"\s+(?:in\s+advance\s+)?by"),
         "Anyone wishing to film must seek the permission of the Chair; requests ... shall then be approved by"
         " a majority vote of Council", verdict=PERMISSION),
    Rule(_r(
        ('discretion',),
        rf"at\s+the\s+(?:sole\s+|absolute\s+)?discretion\s+of|{_CHAIR}['’]?s?\s+(?:sole\s+|absolute\s+)?discretion"
            r"|discretion\s+of\s+the"),
         "It will be at the Chairman's discretion to determine whether the recording ... will be permitted",
         verdict=PERMISSION),
    # --- advance notice required: notice ---
    Rule(_r(
        ('requir', 'without', 'notice', 'must', 'shall', 'need', 'has to', 'have to', 'notif'),
        r"(?:is|are|will\s+be|be)\s+required\s+to\s+(?:\w+\s+){0,3}?(?:inform|notify|let|give|contact|advise"
            r"|tell|register|provide|submit|make|identify|speak)"
            r"|without\s+(?:first\s+|prior\s+|previously\s+)?(?:notifying|informing|advising|telling|contacting"
            r"|giving\s+(?:\w+\s+){0,4}?notice)"
            r"|(?:must|shall|will\s+need\s+to|needs?\s+to|has\s+to|have\s+to)\s+(?:first\s+)?(?:give|provide|submit"
            r"|send)\s+(?:\w+\s+){0,4}?notice"
            r"|(?:must|shall|will\s+need\s+to|needs?\s+to|has\s+to|have\s+to)\s+(?:first\s+)?(?:inform|notify|advise"
            r"|contact|tell|let|register|write\s+to|email|identify)[^.;]{0,80}?(?:in\s+advance|beforehand|before"
            r"|prior|at\s+least|no\s+later|\d+\s+(?:hours|days|working)|on\s+arrival|arrival)"
            r"|(?:notice|notification)\s+(?:must|shall|will\s+need\s+to)\s+be\s+(?:given|provided|sent|submitted)"
            r"|(?:advance|prior)\s+notice\s+(?:is|will\s+be)\s+required"),
         "is required to inform the Clerk prior to the start; without first notifying the clerk in writing",
         verdict=NOTICE, condition=NOTICE_REQUIRED),
    # --- bans: prohibited ---
    Rule(_r(
        ('right', 'prohibit', 'forbid', 'ban', 'barred', 'not', 'nor', 'no '),
        rf"\bno\s+right\s+to\s+(?:\w+\s+){{0,2}}?{_ACT}|\bprohibit\w*|\bforbid\w*|\bforbidden|\bbann?(?:ed)?\b|\bbarred\b|\bnot\s+"
            r"(?:be\s+)?(?:permitted|allowed|authori[sz]ed|possible)|\bnor\s+(?:to|may|can|shall)\b"
            r"|\bno\s+(?:person|one|member\s+of\s+the\s+public|individual)\s+(?:shall|may|is|will|can)\b"),
         "use of cameras ... is prohibited in the council chamber; You are not permitted to record",
         verdict=PROHIBITED),
    Rule(_r(
        ('not', "n't", 'n’t', 'no '),
        rf"(?:may|must|shall|will|should|can)\s*(?:not|n['’]t)\s+(?:\w+\s+){{0,3}}?(?:be\s+)?{_ACT}"
            rf"|cannot\s+(?:\w+\s+){{0,3}}?(?:be\s+)?{_ACT}|are\s+not\s+to\s+be\s+{_ACT}"
            rf"|\bno\s+(?:\w+\s+){{0,3}}?{_ACT}|\bnot\s+(?:to\s+)?{_ACT}"),
         "no audio and/or visual or photographic recording in any format is allowed; No filming",
         verdict=PROHIBITED),
    # --- courtesy requests: allowed, notice_requested ---
    Rule(_r(
        ('ask', 'request', 'encourag', 'invite', 'advise', 'helpful', 'apprecia', 'grateful', 'courtesy', 'please', 'recommend', 'should', 'could'),
        r"(?:is|are)\s+(?:kindly\s+)?(?:asked|requested|encouraged|invited|advised)\s+to\s+(?:\w+\s+){0,2}?"
            r"(?:contact|let|inform|notify|advise|speak|tell|liaise|give|make)"
            r"|(?:we|council|i)\s+(?:would\s+)?(?:kindly\s+)?(?:ask|asks|request|requests)\s+(?:that\s+)?"
            r"(?:you|anyone|those|any|members|people|persons?)\b[^.;]{0,80}?(?:contact|let|inform|notify|advise"
            r"|speak|tell|liaise)"
            r"|(?:would\s+be|is)\s+(?:helpful|appreciated|grateful)|as\s+a\s+(?:matter\s+of\s+)?courtesy"
            r"|out\s+of\s+courtesy|please\s+(?:contact|speak|let|notify|inform|advise|tell|get\s+in\s+touch)"
            r"|(?:we|council)\s+recommends?\s+that|(?:should|could)\s+(?:first\s+)?(?:contact|liaise|let|speak)"),
         "anyone intending to record ... is asked to advise the Chair; it would be helpful if you could notify",
         verdict=ALLOWED, condition=NOTICE_REQUESTED),
    # --- plain permissions: allowed ---
    Rule(_r(
        ('permit', 'allow', 'welcome', 'encourag', 'support', 'free', 'entitled', 'right', 'freedom'),
        r"\bpermit(?:s|ted)?\b|\ballow(?:s|ed|ing)?\b|\bwelcome[sd]?\b|\bencourag\w*|\bsupports?\s+(?:the\s+)?"
            r"(?:principle|filming|recording|use)|(?:is|are)\s+(?:free|entitled|welcome)\s+to|\bright\s+(?:of\s+|for\s+)?"
            r"[^.;]{0,50}?\bto\b|\bfreedom\s+to|\bstatutory\s+right"),
         "The press and public are allowed to film ...; the right of members of the public to record",
         verdict=ALLOWED),
    Rule(_r(
        ('may', 'can', 'able'),
        r"\b(?:public|press|media|anyone|any\s+(?:person|individual|member\s+of\s+the\s+public)|individuals?"
            r"|attendees|you|persons?|journalists|bloggers|organisations?)\b[^.;]{0,40}?\b(?:may|can|are\s+able\s+to)\b"
            rf"(?!\s+not)|\bmay\s+(?:freely\s+)?{_ACT}|\bmay\s+be\s+\w+[^.;]{{0,120}}?\bby\s+(?:the\s+press|members?\s+"
            r"of\s+the\s+public|the\s+public|anyone|any\s+(?:person|member)|those)"),
         "Members of the public may use audio or video recording equipment; may be filmed ... by the press",
         verdict=ALLOWED),
    Rule(_r(
        ('anyone', 'person', 'those', 'people', 'individual', 'member', 'you'),
        rf"\b(?:anyone|any\s+person|those|persons?|people|individuals?|members?\s+of\s+the\s+(?:public|press))"
            rf"\s+(?:(?:who\s+)?(?:is|are|wish\w*|want\w*|intend\w*|plan\w*)\s+(?:to\s+)?)?(?:{_ACT}|making\s+a\s+record)"
            rf"|\byou\s+(?:wish|want|intend|would\s+like|plan)\w*\s+to\s+{_ACT}"),
         "anyone filming/recording ...; the meeting you wish to record at", verdict=ALLOWED),
)

# How far (characters) a limiter reaches to turn a nearby restriction into a condition.
LIMIT_REACH = 100
