"""Condition rules: conduct, scope and consent wording attached to a verdict.

Some are *limiters* (`limits=True`): a restriction within reach of them restricts only part of the
meeting or a kind of use ("may not be filmed" while the public are excluded), so it is a condition.
"""

from __future__ import annotations

from rules.patterns import CHAIR, CONSENT, ROUTE_ADJ, Rule, matcher
from rules.taxonomy import (
    ACCREDITED_PRESS_ONLY,
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
    ONLY_WHEN_WEBCAST,
    RESPECT_OBJECTORS,
    WRITTEN_CONSENT,
)

# Stopping verbs; discretion over them is a power to stop, never a route to consent.
_STOP = r"(?:stop|terminat\w+|suspend\w*|halt|end|ceas\w+|discontinu\w+|adjourn\w*)"
# Text that does not cross a grant: "The Chair may at their discretion allow filming" is consent wording.
_NO_GRANT = r"(?:(?!\b(?:allow|permit|grant|agree|approv|authori)\w*)[^.;])"

CONDITION_RULES: tuple[Rule, ...] = (
    Rule(matcher(
        ('stop', 'termin', 'suspend', 'halt', 'end', 'ceas', 'discontinu', 'adjourn', 'off'),
        rf"{CHAIR}{_NO_GRANT}{{0,80}}?(?:discretion|right|power|may|can|will|reserves|entitled){_NO_GRANT}{{0,60}}?"
            rf"\b{_STOP}\b"
            # "Whether to suspend filming if disorder occurs is at the Chair's discretion"
            rf"|\b{_STOP}\b{_NO_GRANT}{{0,80}}?\bdiscretion\b"
            r"|\b(?:ask|require|request)\w*\s+(?:that\s+)?(?:any\s+|the\s+|all\s+)?(?:\w+\s+){0,3}?"
            r"(?:to\s+)?(?:be\s+)?(?:stop|suspend|cease|switch\w*\s+off|turn\w*\s+off)\w*"),
         "The chair of the meeting has the discretion to terminate or suspend filming or recording",
         condition=CHAIR_MAY_STOP, implies_allowed=True, blank=True),
    # A restriction that holds only once the Chair asks is the Chair's power to stop, not a ban: "You may not
    # record the meeting if the Chair asks you not to"; "Recording must cease should the Chairman so direct".
    Rule(matcher(
        ('if', 'when', 'should', 'where', 'once'),
        rf"\b(?:if|when|whenever|where|once|should)\s+(?:the\s+|a\s+)?{CHAIR}\s+(?:so\s+)?(?:asks?|requests?|directs?"
            r"|instructs?|tells?|orders?|indicates?)\b"),
         "You may not record the meeting if the Chair asks you not to; must cease should the Chairman so direct",
         condition=CHAIR_MAY_STOP, limits=True, implies_allowed=True),
    Rule(matcher(
        ('exclu', 'exempt', 'confidential', 'closed', 'private', 'part', 'open to', 'leave', 'camera'),
        r"(?:public|press)\s+(?:and\s+(?:the\s+)?(?:press|public)\s+)?(?:are|is|have\s+been|being)\s+excluded"
            r"|exempt|confidential|closed\s+(?:session|meetings?|part)|private\s+(?:session|meetings?)"
            r"|part\s+(?:ii|2|b)\b|(?:excluding|exclusion\s+of)\s+the\s+(?:press|public)"
            # "parts of meetings which are not open to the public"; "the public will be asked to leave"; "in camera"
            r"|not\s+open\s+to\s+(?:the\s+)?(?:press|public)|asked\s+to\s+leave|\bin\s+camera\b"
            # "recording shall not continue after a resolution to exclude the public has been passed"
            r"|\bexclude\s+(?:the\s+)?(?:press|public)"),
         "Meetings or parts of meetings from which the public are excluded may not be filmed",
         condition=EXEMPT_ITEMS_EXCLUDED, limits=True, implies_allowed=True),
    Rule(matcher(
        ('child', 'young', 'minor', '18', 'vulnerable', 'parent', 'guardian'),
        r"\b(?:child\w*|young\s+people|minors?|under\s+(?:the\s+age\s+of\s+)?18|vulnerable\s+adults?"
            r"|parents?|guardians?)\b"),
         "children ... are not to be filmed unless their parents/guardians have given their written consent",
         condition=MINORS_CONSENT, limits=True, implies_allowed=True),
    Rule(matcher(
        ('wish to be', 'not to be', 'their consent', 'seated', 'sitting', 'seating', 'object', 'wishes', 'respect', 'honour',
         'not be', "n't be", 'n’t be', 'unless', 'focus'),
        r"(?:do|does|may)\s+not\s+wish\s+to\s+be\s+(?:filmed|recorded|photographed)|without\s+their\s+consent"
            # "don't film members of the public who have asked not to be filmed"
            r"|(?:asked|requested|chosen|prefer)\s+not\s+to\s+be\s+(?:filmed|recorded|photographed)"
            r"|(?:seated|sitting)\s+in\s+the\s+public|(?:include|film\w*|record\w*|photograph\w*|show\w*|point\w*\s+at)\s+"
            r"(?:\w+\s+){0,3}?public\s+seating|object\w*\s+to\s+being"
            r"|wishes\s+of\s+(?:any|those|people)|(?:respect|honour)\w*\s+(?:the\s+)?(?:wishes|request)"
            # some people, not the meeting: "members of the public should not be filmed unless they are playing an
            # active role"; "focusing only on those actively participating"
            r"|\b(?:public|people|persons?|individuals?|attendees|audience|speakers|residents|visitors|children|those\s+"
            r"(?:present|attending|seated)|seating(?:\s+areas?)?|gallery)\s+(?:[\w,]+\s+){0,6}?(?:(?:should|must|will|may|shall"
            r"|can|are|is)\s*(?:not|n['’]t)\s+(?:to\s+)?be|(?:are|is)\s+not)\s+(?:filmed|recorded|photographed|included"
            r"|captured|shown)"
            r"|\bunless\s+(?:they|he|she)\s+(?:are|is|have|has)\s+(?:\w+\s+){0,2}?(?:taking\s+part|participating|speaking"
            r"|playing|addressing|agreed|consented|given)"
            r"|\bfocus\w*\s+(?:\w+\s+){0,2}?on\s+(?:those|people|councillors|members|speakers|the\s+(?:councillors|members"
            r"|speakers))"),
         "People seated in the public area should not be filmed without their consent",
         condition=RESPECT_OBJECTORS, limits=True, implies_allowed=True),
    Rule(matcher(
        ('flash', 'lighting'),
        r"\bflash\b|(?:additional|artificial|intrusive|extra)\s+lighting|lighting\s+(?:equipment|rigs?)"),
         "flash photography ... will not be allowed unless agreed", condition=NO_FLASH_OR_LIGHTING,
         limits=True, implies_allowed=True),
    Rule(matcher(
        ('oral', 'verbal', 'commentary', 'voice'),
        r"\b(?:oral|verbal)(?:ly)?\s+(?:\w+\s+){0,2}?(?:report\w*|comment\w*)|commentary\s+(?:in|within)\s+the\s+"
            r"(?:room|meeting|chamber)"
            # "Adding real-time commentary to recordings, such as voiceovers when filming, is not allowed"
            r"|\b(?:real[- ]time|running|spoken|audible)\s+commentary|\bvoice-?\s?overs?\b|commentary\s+(?:to|over)\s+"
            r"(?:the\s+)?(?:recordings?|film\w*|footage)"),
         "Oral commentary is not permitted; oral reporting is prohibited", condition=NO_ORAL_COMMENTARY,
         limits=True),
    Rule(matcher(
        ('disrupt', 'distract', 'obtrusive', 'obstruct', 'good order', 'conducive', 'interfer', 'discreet', 'silent', 'overt', 'intrusive', 'nuisance'),
        r"\b(?:disrupt\w*|distract\w*|unobtrusive\w*|obtrusive|obstruct\w*|good\s+order|conducive"
            r"|interfer\w*|discreet\w*|silent|overt(?:ly)?\b|intrusive|nuisance)"),
         "provided that it will not be disruptive or distracting to the good order and conduct of the meeting",
         condition=NOT_DISRUPTIVE, limits=True, implies_allowed=True),
    Rule(matcher(
        ('position', 'remain', 'move'),
        r"fixed\s+position|single\s+(?:fixed\s+)?position|remain\s+(?:seated|stationary|in\s+one)"
            r"|not\s+(?:to\s+)?move\s+(?:around|about)"),
         "from a single fixed position", condition=FIXED_POSITION, implies_allowed=True, blank=True),
    Rule(matcher(
        ('designated', 'position', 'set aside', 'reserved', 'only', 'outside'),
        r"designated\s+(?:area|position|place|location|seat\w*)|area\s+designated|positions?\s+"
            r"(?:\w+\s+){0,6}?(?:agreed|approved|specified|indicated)\s+by|(?:area|space)\s+(?:set\s+aside|reserved)"
            # "Recording and reporting are allowed only from public seating areas"
            r"|\bonly\s+(?:be\s+)?(?:\w+\s+)?from\s+(?:the\s+)?(?:public|press|media)\s+(?:seating|seats|gallery|benches"
            r"|bench|table|areas?)|\boutside\s+(?:of\s+)?(?:the\s+)?(?:public|press|media)\s+(?:seating|seats|gallery|areas?)"
            r"|\bfrom\s+(?:the\s+)?(?:public|press|media)\s+(?:seating|seats|gallery|benches|bench|table|areas?)\s+only\b"),
         "must take place from positions in the meeting room agreed by the Chairman; allowed only from public seating"
         " areas", condition=DESIGNATED_AREA, limits=True, implies_allowed=True, blank=True),
    # Equipment, not the activity: "if you wish to bring large equipment"; "tripods are not permitted";
    # "Recording equipment must not be left unattended". A restriction on it is no rule on filming.
    Rule(matcher(
        ('equipment', 'tripod', 'unattended', 'kit', 'rig', 'camera'),
        r"\b(?:large|bulky|additional|extra|specialist|professional|heavy|lighting|broadcast|television|tv)\s+(?:\w+\s+)?"
            r"(?:equipment|kit|rigs?|cameras?)|\btripods?\b|\bunattended\b|\bequipment\s+of\s+this\s+(?:nature|kind|type)"),
         "we request that you let us know ... if you wish to bring large equipment; tripods are not permitted",
         limits=True),
    Rule(matcher(
        ('power', 'trailing', 'mains'),
        r"power\s+(?:cables?|leads?|supply)|trailing\s+(?:leads?|cables?|wires?)|mains\s+(?:power|electricity)"
            r"|self-?powered|battery[- ]powered"),
         "recording equipment must be silent, unobtrusive, self-contained, and self-powered",
         condition=NO_POWER_CABLES, implies_allowed=True),
    Rule(matcher(
        ('edit', 'mislead', 'misrepresent'),
        r"\bedit\w*[^.;]{0,80}?(?:mislead\w*|misrepresent\w*|out\s+of\s+context|ridicul\w*)"
            r"|(?:mislead\w*|misrepresent\w*)[^.;]{0,60}?edit\w*"),
         "should not be edited in a way that could lead to misinterpretation", condition=NO_MISLEADING_EDITING,
         limits=True, implies_allowed=True),
    Rule(matcher(
        ('accredit',),
        r"\baccredit\w*"), "media organisations or individuals must be accredited by the Speaker",
         condition=ACCREDITED_PRESS_ONLY),
    Rule(matcher(
        ('only',),
        r"only\s+(?:be\s+)?(?:permitted|allowed)?\s*(?:when|where|if)\s+(?:the\s+meeting\s+is\s+)?(?:being\s+)?"
            r"(?:webcast|live[- ]?streamed|broadcast)"),
         "filming by the public is only permitted when the meeting is being webcast", condition=ONLY_WHEN_WEBCAST),
    Rule(matcher(
        ('identify', 'known', 'introduce'),
        r"identify\s+(?:themselves|yourself|himself|herself)|make\s+(?:themselves|yourself)\s+known"
            r"|introduce\s+(?:themselves|yourself)"),
         "must identify themselves to the Chairman or Officer present on arrival", condition=IDENTIFY_ON_ARRIVAL),
    Rule(matcher(
        ('written', 'in writing'),
        r"written\s+(?:consent|permission|approval|agreement|authori[sz]ation)|in\s+writing"),
         "not permitted without the Council's prior written consent", condition=WRITTEN_CONSENT),
    Rule(matcher(
        ('consent', 'permission', 'approv', 'agree', 'authori', 'leave', 'sanction', 'discretion', 'decided',
         'determined', 'considered', 'grant', 'given'),
        # (the lookahead lists the alternatives' first letters: a fast skip of other positions)
        rf"(?=[acdlmpsu])(?:{CONSENT}\s+(?:\w+\s+){{0,2}}?(?:of|from|by)\s+the\s+{CHAIR}|{CHAIR}['’]?s?\s+"
            rf"(?:\w+\s+)?(?:{CONSENT}|discretion)|(?:authori[sz]ed|approved|agreed)\s+(?:\w+\s+){{0,2}}?by\s+the\s+{CHAIR}"
            rf"|unless\s+(?:the\s+)?{CHAIR}\s+(?:\w+\s+){{0,2}}?(?:agree|consent|permit|allow|approve|authori[sz]e|grant|give)\w*"
            rf"|{CHAIR}\s+(?:has\s+|have\s+)?(?:given|granted|gives|grants)\s+(?:\w+\s+){{0,2}}?{CONSENT}"
            rf"|(?:decided|determined|considered)\s+(?:\w+\s+){{0,2}}?by\s+the\s+{CHAIR}|{CHAIR}\s+for\s+{ROUTE_ADJ}{CONSENT})"),
         "shall be permitted only with the consent of the Chairman; not permitted unless the Convener agrees;"
         " requests ... will be decided by the Chair; must ask the Chairman for permission", condition=CHAIR_CONSENT),
    Rule(matcher(
        ('resolution', 'vote'),
        r"\bresolution\b|majority\s+vote|vote\s+of\s+(?:the\s+)?council|approved\s+by\s+(?:the\s+)?council"),
         "Unless specifically authorised by resolution, no recording is allowed", condition=COUNCIL_RESOLUTION),
)
