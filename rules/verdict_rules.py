"""Verdict rules in priority order; each match blanks its span so a looser rule cannot re-read it."""

from __future__ import annotations

from rules.doubts import MODALITY
from rules.patterns import ACT, CHAIR, CONSENT, EXPLICIT, IMPLIED, ROUTE_ADJ, Rule, matcher
from rules.taxonomy import (
    ACCREDITED_PRESS_ONLY,
    ALLOWED,
    NOTICE,
    NOTICE_REQUESTED,
    NOTICE_REQUIRED,
    PERMISSION,
    PROHIBITED,
)

# Priority: negated requirements, then routes to consent, then notice, then bans, then courtesy
# requests, then plain permissions.
# What follows "allows" / "permits" when the rule serves the council's own people, not the public: a purpose
# clause ("This allows the officer to inform the Chair", "which permits us to prepare the room").
NOT_FOR_COUNCIL = (
    rf"(?!\s+(?:the\s+|a\s+|an\s+|its\s+|our\s+)?(?:{CHAIR}|officers?|council|committee|staff|us|councillors"
    r"|members\s+of\s+the\s+(?:council|committee)|democratic\s+services)\b)"
)

# Telling the council beforehand, as a verb ("tell us", "let the clerk know", "notify", "register").
TELL = r"(?:tell|inform|notify|contact|let\s+(?:\w+\s+){1,3}?know|warn|advise|register|book|email)\b"

VERDICT_RULES: tuple[Rule, ...] = (
    # --- a requirement denied is an allowance ---
    Rule(matcher(
        ('requir', 'need', 'necessary'),
        rf"\bno\s+(?:\w+\s+){{0,2}}?(?:{CONSENT}|notice|notification)\s+(?:is|will\s+be|shall\s+be)\s+(?:\w+\s+)?"
            r"(?:required|needed|necessary)"),
         "No prior permission is required, however ...", verdict=ALLOWED, strength=EXPLICIT),
    Rule(matcher(
        ('not', "n't", 'n’t', 'need'),
        # "You do not need to ask anyone's permission to film": the words between may carry an apostrophe.
        rf"(?:do|does|did|need|will)\s*(?:not|n['’]t)\s+(?:need|require|have)\s+(?:to\s+)?(?:[\w'’]+\s+){{0,3}}?"
            rf"(?:{CONSENT}|notice)|need\s+not\s+(?:\w+\s+){{0,3}}?(?:{CONSENT}|notice)"
            rf"|without\s+(?:the\s+)?need\s+(?:for|to)\s+(?:\w+\s+){{0,2}}?(?:{CONSENT}|notice)"
            # "You do not need to tell us in advance"; "there is no need to let the clerk know"
            rf"|(?:do|does|did|will)\s*(?:not|n['’]t)\s+(?:need|have)\s+to\s+(?:first\s+)?{TELL}"
            rf"|\bno\s+need\s+to\s+(?:first\s+)?{TELL}"
            # "Nobody needs to ask permission"; "There is no need to ask for consent"
            rf"|\b(?:no\s*-?\s*one|nobody|no\s+person)\s+(?:needs?|has|have|is\s+required)\s+to\s+(?:[\w'’]+\s+){{0,3}}?"
            rf"(?:{CONSENT}|notice)|\bno\s+need\s+(?:for\s+(?:\w+\s+){{1,3}}?)?to\s+(?:[\w'’]+\s+){{0,3}}?(?:{CONSENT}|notice)"),
         "You don't need permission to record or film; does not need to seek consent", verdict=ALLOWED, strength=EXPLICIT),
    Rule(matcher(
        ('not',),
        r"(?:although\s+|while\s+|though\s+)?not\s+(?:required|needed|obliged|necessary|compulsory|mandatory)"
            r"(?:\s+to\s+do\s+so)?"),
         "Although not required to do so, anyone intending to record ... is encouraged to contact the Council",
         verdict=ALLOWED, strength=EXPLICIT),
    Rule(matcher(
        ('not', "n't", 'n’t', 'restriction', 'nothing', 'prevent', 'objection'),
        r"(?:does|do|shall|will|did)\s*(?:not|n['’]t)\s+(?:prohibit|forbid|prevent|ban|restrict|preclude)\w*"
            # "Filming is not prohibited"; "has no objection to members of the public recording"
            r"|\b(?:is|are|be)\s+not\s+(?:prohibited|forbidden|banned|prevented|barred)\b|\bno\s+objections?\s+to\b"
            r"|no\s+restrictions?\s+(?:will\s+be\s+|are\s+|is\s+)?(?:placed|imposed)?"
            # "Nothing in these Standing Orders shall prevent any member of the public from photographing"
            # ... and "Nothing in this protocol requires any person to give notice before filming"
            r"|\bnothing\s+(?:[^.;]{0,60}?\s)?(?:(?:shall|will|should|is\s+intended\s+to)\s+(?:\w+\s+)?)?"
            r"(?:prevent|prohibit|preclude|restrict|stop|requir)\w*"
            # "No person attending a meeting open to the public shall be prevented from recording it"
            r"|\bno\s+(?:\w+\s+){0,10}?(?:shall|will|may|is|are|can)\s+be\s+(?:prevented|prohibited|stopped|barred"
            r"|precluded)\s+from"),
         "The Data Protection Act does not prohibit such overt filming; No restrictions will be placed on ...",
         verdict=ALLOWED, strength=EXPLICIT),
    # --- what a council may not demand of the public: a guide to the law says the public may ---
    Rule(matcher(
        ('cannot', "can't", 'can’t', 'not', 'no power', 'no right', 'no need', 'having to', 'requirement', 'obligation'),
        r"\b(?:councils?|authorit(?:y|ies)|they|chair\w*|clerks?|officers?)\s+(?:cannot|can['’]t|may\s+not|must\s+not"
            r"|should\s+not|shall\s+not|are\s+not\s+(?:allowed|permitted|able|entitled)\s+to|is\s+not\s+(?:allowed|permitted"
            r"|able|entitled)\s+to|have\s+no\s+(?:power|right)\s+to|has\s+no\s+(?:power|right)\s+to)\s+(?:\w+\s+){0,3}?"
            r"(?:require|insist|demand|make\s+(?:you|anyone|people)|stop|prevent|ban|refuse|forbid|prohibit)\w*"
            # "There is no requirement to notify the council before filming"
            r"|\bno\s+(?:\w+\s+)?(?:requirement|obligation)\s+(?:for\s+(?:\w+\s+){1,3})?to\s+(?:\w+\s+){0,2}?(?:notify|inform|tell"
            r"|seek|obtain|ask|get|give|contact|apply|register)"
            rf"|\bno\s+need\s+(?:for\s+\w+\s+)?to\s+(?:\w+\s+){{0,2}}?(?:ask|seek|get|obtain|request|give|apply)\s+(?:for\s+)?"
            rf"(?:\w+\s+){{0,2}}?(?:{CONSENT}|notice)"
            rf"|\bwithout\s+having\s+to\s+(?:\w+\s+){{0,2}}?(?:ask|seek|get|obtain|request|give|apply)\s+(?:for\s+)?"
            rf"(?:\w+\s+){{0,2}}?(?:{CONSENT}|notice)"),
         "Councils cannot insist that you ask permission first; there is no need to ask for permission",
         verdict=ALLOWED, strength=EXPLICIT),
    # --- a ban by default, lifted only by a resolution of the council ---
    Rule(matcher(
        ('unless',),
        r"unless\s+(?:\w+\s+){0,2}?(?:authori[sz]ed|approved|agreed|permitted|sanctioned)\s+by\s+"
            r"(?:a\s+|the\s+)?(?:resolution|council|full\s+council)\b"),
         "Unless specifically authorised by resolution, no recording is allowed", verdict=PROHIBITED),
    # --- routes to consent: permission ---
    Rule(matcher(
        ('only',),
        rf"\bonly\s+(?:be\s+)?(?:\w+\s+){{0,2}}?(?:with|if|where|when|after|following|upon|on)\s+[^.;]{{0,80}}?"
            rf"(?:{CONSENT}|approved|agreed|authori[sz]ed|permitted\s+by)"),
         "shall be permitted only with the consent of the Chairman", verdict=PERMISSION),
    Rule(matcher(
        ('without', 'unless', 'except'),
        rf"\b(?:not|no|never|nor|prohibited|forbidden|cannot)\b[^.;]{{0,140}}?\b(?:without|unless|except\s+with)"
            rf"\s+[^.;]{{0,60}}?(?:{CONSENT}|approved|agreed|authori[sz]ed|discretion|permitted\s+by)"),
         "shall not be permitted by any person without the explicit consent of ...", verdict=PERMISSION),
    Rule(matcher(
        ('without', 'unless'),
        rf"\b(?:without|unless\s+(?:they\s+have\s+|you\s+have\s+)?(?:obtained|received|been\s+given|given)?)"
            rf"\s*(?:first\s+)?(?:obtaining\s+|seeking\s+|having\s+|getting\s+|receiving\s+)?{ROUTE_ADJ}{CONSENT}"
            rf"|unless\s+(?:\w+\s+){{0,2}}?(?:authori[sz]ed|approved|agreed|permitted)\s+(?:\w+\s+){{0,2}}?by"),
         "the use of separate recording equipment is not permitted unless authorised by the Speaker",
         verdict=PERMISSION),
    Rule(matcher(
        ('consent', 'permission', 'approval', 'agreement', 'authori', 'leave', 'sanction'),
        rf"(?:with|subject\s+to|upon|after\s+obtaining|having\s+obtained|conditional\s+(?:up)?on)\s+{ROUTE_ADJ}"
            rf"{CONSENT}\s+(?:of|from|by)"),
         "Filming is permitted with the prior consent of the Chair", verdict=PERMISSION),
    Rule(matcher(
        ('consent', 'permission', 'approv', 'agree', 'authori', 'leave', 'sanction', 'determined', 'decided',
         'considered'),
        rf"\b(?:seek|obtain|request|ask\s+for|apply\s+for|get|requires?|requiring|need)\s+{ROUTE_ADJ}{CONSENT}\b"
            # "must obtain the Chair's agreement"; "seek the Council's prior written consent"
            rf"|\b(?:seek|obtain|request|ask\s+for|apply\s+for|get|requires?|requiring|need)\s+(?:the\s+)?"
            rf"(?:{CHAIR}|council|committee|authority)['’]s?\s+{ROUTE_ADJ}{CONSENT}\b"
            rf"|\b(?:ask|apply\s+to|write\s+to)\s+(?:\w+\s+){{1,3}}?for\s+{ROUTE_ADJ}{CONSENT}\b"
            rf"|{CONSENT}\s+(?:must|should|shall|will|has\s+to|needs\s+to|is\s+to)\s+(?:first\s+)?be\s+"
            r"(?:sought|obtained|given|granted|requested|secured)"
            r"|(?:shall|must|will|to)\s+(?:then\s+|first\s+)?be\s+(?:approved|authori[sz]ed|agreed|sanctioned)"
            r"\s+(?:in\s+advance\s+)?by"
            # "Requests in exceptional circumstances ... will be determined by the Chair": a request someone
            # decides is a route to consent (not "the position ... will be decided by the Clerk")
            r"|\b(?:requests?|applications?)\b[^.;]{0,150}?\b(?:will|shall|are|is)\s+(?:then\s+)?(?:be\s+)?"
            r"(?:determined|decided|considered)\s+(?:\w+\s+){0,2}?by\b"),
         "Anyone wishing to film must seek the permission of the Chair; requests ... shall then be approved by"
         " a majority vote of Council", verdict=PERMISSION),
    Rule(matcher(
        ('unless', 'until'),
        rf"\b(?:unless|until)\s+(?:and\s+until\s+)?(?:the\s+)?{CHAIR}\s+(?:\w+\s+){{0,2}}?(?:agrees?|consents?"
            r"|permits?|allows?|approves?|authori[sz]es?|gives|grants?|has\s+(?:given|granted|agreed|approved|consented))\b"),
         "Recording is not permitted unless the Chair agrees; prohibited unless the Provost has given prior approval",
         verdict=PERMISSION),
    Rule(matcher(
        ('request',),
        rf"\brequests?\b[^.;]{{0,120}}?\b(?:decided|determined|considered|granted|approved)\s+(?:\w+\s+){{0,2}}?"
            rf"by\s+(?:the\s+)?{CHAIR}"),
         "Requests to film ... must be made in writing ... and will be decided by the Chair", verdict=PERMISSION),
    Rule(matcher(
        ('permit', 'allow', 'authori', 'agree', 'approv', 'consent', 'agreement', 'permission', 'approval'),
        # "The Chairman may permit photography"; "With the Chair's agreement, members of the public may film";
        # "Recording is allowed provided the Chair agrees"
        rf"\b{CHAIR}\s+(?:\w+\s+){{0,2}}?(?:may|can|will|shall)\s+(?:\w+\s+)?(?:permit|allow|authori[sz]e|approve|agree\s+to"
            r"|consent\s+to|grant\s+permission)\b"
            rf"|\b(?:with|subject\s+to|upon|after\s+obtaining|having\s+obtained)\s+(?:the\s+)?{CHAIR}['’]s?\s+{ROUTE_ADJ}"
            rf"{CONSENT}"
            rf"|\b(?:provided|providing|so\s+long\s+as|as\s+long\s+as|if|once)\s+(?:that\s+)?(?:the\s+)?{CHAIR}\s+(?:\w+\s+)?"
            rf"(?:agrees|consents|approves|permits|allows|authori[sz]es|has\s+(?:given|agreed|approved|consented|granted))"),
         "The Chairman may permit photography; with the Chair's agreement; provided the Chair agrees",
         verdict=PERMISSION),
    Rule(matcher(
        ('discretion',),
        rf"at\s+the\s+(?:sole\s+|absolute\s+)?discretion\s+of|{CHAIR}['’]?s?\s+(?:sole\s+|absolute\s+)?discretion"
            r"|\bat\s+(?:his|her|their|its)\s+(?:sole\s+|absolute\s+)?discretion"
            r"|discretion\s+of\s+the"),
         "It will be at the Chairman's discretion to determine whether the recording ... will be permitted",
         verdict=PERMISSION),
    # --- advance notice required: notice ---
    Rule(matcher(
        ('requir', 'without', 'notice', 'must', 'shall', 'need', 'has to', 'have to', 'notif', 'subject'),
        r"(?:is|are|will\s+be|be)\s+required\s+to\s+(?:\w+\s+){0,3}?(?:inform|notify|let|give|contact|advise"
            r"|tell|register|provide|submit|make|identify|speak)"
            r"|without\s+(?:first\s+|prior\s+|previously\s+)?(?:notifying|informing|advising|telling|contacting"
            r"|giving\s+(?:\w+\s+){0,4}?notice)"
            r"|(?:must|shall|will\s+need\s+to|needs?\s+to|has\s+to|have\s+to)\s+(?:first\s+)?(?:give|provide|submit"
            r"|send)\s+(?:[\w'’]+\s+){0,6}?notice"
            r"|(?<!not\s)(?<!n't\s)(?<!n’t\s)(?:must|shall|will\s+need\s+to|needs?\s+to|has\s+to|have\s+to)\s+(?:first\s+)?(?:inform|notify|advise"
            r"|contact|tell|let|register|write\s+to|email|identify)[^.;]{0,80}?(?:in\s+advance|beforehand|before"
            r"|prior|at\s+least|no\s+later|\d+\s+(?:hours|days|working)|on\s+arrival|arrival)"
            r"|(?:notice|notification)\s+(?:must|shall|will\s+need\s+to)\s+be\s+(?:given|provided|sent|submitted)"
            # "must, before the meeting starts, notify the Clerk of their intention to do so"
            r"|(?:must|shall)\s*,\s*(?:before|prior\s+to|in\s+advance)[^,.;]{0,60},\s*(?:inform|notify|advise|tell"
            r"|contact|give\s+(?:\w+\s+){0,2}?notice)"
            r"|(?:advance|prior)\s+notice\s+(?:is|will\s+be)\s+required"
            # "Filming is permitted subject to 24 hours' notice being given to the Monitoring Officer"
            r"|subject\s+to\s+(?:[\w'’]+\s+){0,4}?(?:notice|notification)\b"
            # "may record this meeting, subject to the Chair being notified in advance"
            r"|subject\s+to\s+(?:[\w'’]+\s+){0,4}?being\s+(?:first\s+)?(?:notified|informed|told|advised)\b"),
         "is required to inform the Clerk prior to the start; without first notifying the clerk in writing",
         verdict=NOTICE, condition=NOTICE_REQUIRED),
    Rule(matcher(
        ('provided', 'unless', 'notice', 'notif', 'inform', 'contact', 'tell', 'email', 'write'),
        # "is permitted provided the Chairman is informed before the meeting opens"
        rf"\b(?:provided|providing|on\s+condition|so\s+long\s+as|as\s+long\s+as|unless|if)\s+(?:that\s+)?"
            rf"(?:the\s+)?(?:{CHAIR}|council|officer|democratic\s+services|committee\s+(?:officer|clerk)|governance)\w*\s+"
            r"(?:\w+\s+){0,3}?(?:is|are|has\s+been|have\s+been|was|were)\s+(?:first\s+)?(?:informed|notified|told|advised"
            r"|given\s+(?:\w+\s+){0,2}?notice)"
            # "Filming at meetings is not allowed unless 48 hours' notice has been given to the Clerk"
            r"|\b(?:provided|providing|unless|so\s+long\s+as|as\s+long\s+as)\s+(?:that\s+)?(?:[\w'’]+\s+){0,4}?"
            r"(?:notice|notification)\s+(?:has\s+been|have\s+been|is|was|will\s+have\s+been)\s+(?:given|provided|received"
            r"|sent|submitted)"
            # a bare imperative in a list of instructions: "1. Contact Democratic Services at least two working
            # days before the meeting" (a "please" makes it a courtesy request, read further down)
            r"|^(?:[•·▪◦*o-]\s*|\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+|\(?[a-z]\)\s*)?(?:contact|notify|inform|tell|email|e-mail"
            r"|write\s+to|register\s+with)\b[^.;]{0,80}?(?:in\s+advance|beforehand|\bbefore\b|prior\s+to|at\s+least"
            r"|no\s+later|\d+\s+(?:hours|days|working))"),
         "permitted provided the Chairman is informed before the meeting opens; not allowed unless 48 hours'"
         " notice has been given; 1. Contact Democratic Services at least two working days before",
         verdict=NOTICE, condition=NOTICE_REQUIRED),
    # "If you have not alerted the clerk ..., please do not film the meeting"; "unless you have told the Chair
    # beforehand": the ban falls on those who gave no notice, so notice is what is required
    Rule(matcher(
        ('if', 'unless'),
        r"\b(?:if|unless)\s+(?:you|they|he|she|the\s+\w+(?:\s+\w+ing)?|a\s+person|anyone|someone)\s+"
            r"(?:have|has|had|did|do|does)?\s*(?:not|n['’]t)?\s*(?:already\s+|first\s+|previously\s+)?(?:alerted|told"
            r"|notified|informed|contacted|advised|registered|given\s+(?:[\w'’]+\s+){0,4}?notice|let\s+(?:\w+\s+){1,3}?know"
            r"|spoken\s+to|made\s+contact)"),
         "If you have not alerted the clerk and an announcement has not been made, please do not film",
         verdict=NOTICE, condition=NOTICE_REQUIRED),
    # --- bans: prohibited ---
    # "Filming is restricted to accredited press and media representatives": closed to the public
    Rule(matcher(
        ('restricted', 'limited', 'confined', 'reserved'),
        r"\b(?:restricted|limited|confined|reserved)\s+to\s+(?:\w+\s+){0,3}?(?:press|media|journalists|broadcasters"
            r"|reporters)\b"),
         "Filming is restricted to accredited press and media representatives", verdict=PROHIBITED,
         condition=ACCREDITED_PRESS_ONLY),
    # "No photography or filming is permitted at any time"; "Neither filming nor recording is allowed": the
    # whole phrase is the ban (its "permitted" is no permission)
    Rule(matcher(
        ('no ', 'neither'),
        r"\b(?:no|neither)\s+(?:(?!\b(?:need\w*|requir\w*|necessary|but|however|although)\b)[^.;]){0,80}?\b"
            r"(?:is|are|will\s+be|shall\s+be|may\s+be|be)\s+(?:\w+\s+)?(?:permitted|allowed|authori[sz]ed|acceptable)\b"),
         "No photography or filming is permitted at any time", verdict=PROHIBITED),
    Rule(matcher(
        ('not', "n't", 'n’t'),
        r"\b(?:does|do|will|shall|did)\s*(?:not|n['’]t)\s+(?:permit|allow)\w*"),
         "The Town Council does not permit members of the public to film or photograph its meetings",
         verdict=PROHIBITED),
    Rule(matcher(
        ('right', 'prohibit', 'forbid', 'ban', 'barred', 'not', 'nor', 'no '),
        rf"\bno\s+right\s+to\s+(?:\w+\s+){{0,2}}?{ACT}|\bprohibit\w*|\bforbid\w*|\bforbidden|\bbann?(?:ed)?\b|\bbarred\b|\bnot\s+"
            r"(?:(?:normally|usually|generally|ordinarily)\s+)?(?:be\s+)?(?:(?:normally|usually|generally|ordinarily)\s+)?"
            r"(?:permitted|allowed|authori[sz]ed|possible)|\bnor\s+(?:to|may|can|shall)\b"
            r"|\bno\s+(?:person|one|member\s+of\s+the\s+public|individual)\s+(?:shall|may|is|will|can)\b"),
         "use of cameras ... is prohibited in the council chamber; You are not permitted to record;"
         " Filming ... will not normally be permitted (a route, if any, is read from its own wording)",
         verdict=PROHIBITED),
    Rule(matcher(
        ('not', "n't", 'n’t', 'no '),
        # "shall not, while in the public gallery, use any camera ... to film": a parenthetical may intervene
        rf"(?:may|must|shall|will|should|can)\s*(?:not|n['’]t)\s*(?:,[^,.;]{{1,80}},)?\s+(?:\w+\s+){{0,4}}?(?:be\s+)?{ACT}"
            rf"|cannot\s+(?:\w+\s+){{0,3}}?(?:be\s+)?{ACT}|are\s+not\s+to\s+be\s+{ACT}"
            rf"|\bno\s+(?:\w+\s+){{0,3}}?{ACT}|\bnot\s+(?:to\s+)?{ACT}"),
         "no audio and/or visual or photographic recording in any format is allowed; No filming",
         verdict=PROHIBITED),
    # an FAQ answer that only says no, read with the question above it: "Can I film the meeting?\nNo, you cannot."
    Rule(matcher(
        ('cannot', "can't", 'can’t', 'may not', 'must not', 'not'),
        r"\b(?:you|they)\s+(?:cannot|can['’]t|may\s+not|must\s+not)\s*[.!]?\s*$"
            # a clause that ends on its negation: "Audio recording is permitted; video recording is not."
            r"|\b(?:is|are)\s+not\s*[.!]?\s*$"),
         "Can I film the meeting? No, you cannot.", verdict=PROHIBITED),
    # --- courtesy requests: allowed, notice_requested ---
    Rule(matcher(
        ('ask', 'request', 'encourag', 'invite', 'advise', 'helpful', 'apprecia', 'grateful', 'courtesy', 'please', 'recommend', 'should', 'could'),
        r"(?:is|are)\s+(?:kindly\s+)?(?:asked|requested|encouraged|invited|advised)\s+to\s+(?:\w+\s+){0,2}?"
            r"(?:contact|let|inform|notify|advise|speak|tell|liaise|give|make)"
            r"|(?:we|council|i)\s+(?:would\s+)?(?:kindly\s+)?(?:ask|asks|request|requests)\s+(?:that\s+)?"
            r"(?:you|anyone|those|any|members|people|persons?)\b[^.;]{0,80}?(?:contact|let|inform|notify|advise"
            r"|speak|tell|liaise)"
            r"|(?:would\s+be|is)\s+(?:helpful|appreciated|grateful)|as\s+a\s+(?:matter\s+of\s+)?courtesy"
            r"|out\s+of\s+courtesy|please\s+(?:contact|speak|let|notify|inform|advise|tell|get\s+in\s+touch)"
            r"|(?:we|council)\s+recommends?\s+that|could\s+(?:first\s+)?(?:contact|liaise|let|speak)"),
         "anyone intending to record ... is asked to advise the Chair; it would be helpful if you could notify",
         verdict=ALLOWED, condition=NOTICE_REQUESTED),
    Rule(matcher(
        ('should',),
        r"\bshould\s+(?:first\s+|also\s+|ideally\s+)?(?:contact|liaise|let|speak|notify|inform|advise|tell|alert|email"
            r"|write\s+to|give\s+(?:[\w'’]+\s+){0,4}?notice|make\s+(?:\w+\s+){0,3}?aware)"),
         "Anyone intending to film or record a meeting should contact the Communications Team",
         verdict=ALLOWED, condition=NOTICE_REQUESTED, doubt=MODALITY),
    # --- plain permissions: allowed ---
    # (not what a rule lets the council's own people do: "This allows the officer to inform the Chair")
    Rule(matcher(
        ('permit', 'allow', 'welcome', 'encourag', 'support', 'free', 'entitled', 'right', 'freedom', 'happy', 'content', 'pleased', 'glad'),
        rf"\bpermit(?:s|ted)?\b{NOT_FOR_COUNCIL}|\ballow(?:s|ed|ing)?\b{NOT_FOR_COUNCIL}|\bwelcome[sd]?\b|\bencourag\w*"
            r"|\bsupports?\s+(?:the\s+)?"
            r"(?:principle|filming|recording|use)|(?:is|are)\s+(?:free|welcome)\s+to"
            r"|\b(?:is|are)\s+(?:happy|content|pleased|glad)\s+(?:for|that|to)\b"),
         "The press and public are allowed to film ...; welcome to film", verdict=ALLOWED),
    Rule(matcher(
        ('right', 'freedom', 'entitled'),
        r"\bright\s+(?:of\s+|for\s+)?[^.;]{0,50}?\bto\b|\bfreedom\s+to|\bstatutory\s+right|(?:is|are)\s+entitled\s+to"),
         "the right of members of the public to record; there is a statutory right for anyone to record it",
         verdict=ALLOWED, strength=EXPLICIT),
    Rule(matcher(
        ('may', 'can', 'able'),
        r"\b(?:public|press|media|anyone|any\s+(?:person|individual|member\s+of\s+the\s+public)|individuals?"
            r"|attendees|you|persons?|journalists|bloggers|organisations?)\b[^.;]{0,40}?\b(?:may|can|are\s+able\s+to)\b"
            # "Members of the public may attend meetings ... but shall not ... use any camera": attending is no activity
            r"(?!\s+not)(?!\s+(?:\w+\s+)?(?:attend|speak|ask|address|observe|watch|sit|inspect|submit|present|view|listen"
            r"|hear|see|download|access|find|obtain|request|get|catch|replay|be|join|contact|email|write|apply|register|leave"
            rf"|vote)\b)|\bmay\s+(?:freely\s+)?{ACT}|\bmay\s+be\s+\w+[^.;]{{0,120}}?\bby\s+"
            r"(?:the\s+(?:council|clerk|authority)\s+(?:or|and|and/or)\s+)?(?:the\s+press|members?\s+"
            r"of\s+the\s+public|the\s+public|anyone|any\s+(?:person|member)|those)"),
         "Members of the public may use audio or video recording equipment; may be filmed ... by the press",
         verdict=ALLOWED),
    Rule(matcher(
        ('anyone', 'person', 'those', 'people', 'individual', 'member', 'you'),
        rf"\b(?:anyone|any\s+person|those|persons?|people|individuals?|members?\s+of\s+the\s+(?:public|press))"
            rf"\s+(?:(?:who\s+)?(?:is|are|wish\w*|want\w*|intend\w*|plan\w*)\s+(?:to\s+)?)?(?:{ACT}|making\s+a\s+record)"
            rf"|\byou\s+(?:wish|want|intend|would\s+like|plan)\w*\s+to\s+{ACT}"),
         "anyone filming/recording ...; the meeting you wish to record at", verdict=ALLOWED, strength=IMPLIED),
)
