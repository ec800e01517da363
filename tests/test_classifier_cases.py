"""Wording that defeats naive keyword matching (TAXONOMY.md), written like real council text.

Each case names the verdicts that must come out (activities not named must be `not_stated` unless
listed in `free`), the conditions that must be present and those that must not.
"""

from __future__ import annotations

import pytest

from rules import classify
from rules.taxonomy import (
    ACCREDITED_PRESS_ONLY,
    ALLOWED,
    CHAIR_CONSENT,
    CHAIR_MAY_STOP,
    COUNCIL_RESOLUTION,
    DESIGNATED_AREA,
    EXEMPT_ITEMS_EXCLUDED,
    FILMING,
    FIXED_POSITION,
    IDENTIFY_ON_ARRIVAL,
    MINORS_CONSENT,
    NO_FLASH_OR_LIGHTING,
    NOT_DISRUPTIVE,
    NOT_STATED,
    NOTICE,
    NOTICE_REQUESTED,
    NOTICE_REQUIRED,
    PERMISSION,
    PHOTOGRAPHY,
    PROHIBITED,
    RESPECT_OBJECTORS,
    SOCIAL_MEDIA,
    WRITTEN_CONSENT,
)
from tests.classifier_case import ALL, FA, FAP, A, Case, F, P, S, check, v

CASES: dict[str, Case] = {
    # 1. "permitted only with" is permission
    "only-with-consent": Case(
        "Photography, filming and audio recording of meetings shall be permitted only with the consent of the "
        "Chairman of the meeting.", v(FAP, PERMISSION), (CHAIR_CONSENT,)),
    "only-if-approved": Case(
        "Recording of the proceedings will only be allowed if approved in advance by the Chair.",
        v(FA, PERMISSION), (CHAIR_CONSENT,)),
    # 2. "shall not ... without consent" is permission, not prohibited
    "not-without-explicit-consent": Case(
        "The filming, video filming, photographing or audio recording of a meeting shall not be permitted by any "
        "person without the explicit consent of the Council.", v(FAP, PERMISSION)),
    "not-without-written-consent": Case(
        "Photographing, recording, broadcasting or transmitting the proceedings of a meeting by any means is not "
        "permitted without the Council's prior written consent.", v(ALL, PERMISSION), (WRITTEN_CONSENT,)),
    "no-person-without-permission": Case(
        "No person shall photograph, film or make an audio recording of a meeting without the prior permission "
        "of the Mayor.", v(FAP, PERMISSION), (CHAIR_CONSENT,)),
    "seek-permission": Case(
        "Anyone wishing to film or record the meeting must first seek the permission of the Chair.",
        v(FA, PERMISSION), (CHAIR_CONSENT,)),
    "chair-discretion": Case(
        "Audio recording of meetings is at the discretion of the Chairman.", v((A,), PERMISSION)),
    # 3. "No prior permission is required" and "does not need to seek consent" are allowed
    "no-prior-permission": Case(
        "No prior permission is required to film, record or photograph a public meeting of the council, however "
        "we ask that you let the clerk know beforehand.", v(FAP, ALLOWED), (NOTICE_REQUESTED,), (CHAIR_CONSENT,)),
    "dont-need-permission": Case(
        "You don't need permission to record or film council meetings which are open to the public.",
        v(FA, ALLOWED)),
    "need-not-seek-consent": Case(
        "A member of the public does not need to seek consent before tweeting or blogging from a meeting.",
        v((S,), ALLOWED)),
    "does-not-forbid": Case(
        "The Council's standing orders do not forbid the filming or photographing of meetings by the press.",
        v((F, P), ALLOWED)),
    # 4. "Unless specifically authorised by resolution, no recording is allowed"
    "unless-resolution": Case(
        "Unless specifically authorised by resolution, no audio and/or visual or photographic recording in any "
        "format is allowed.", v(FAP, PROHIBITED), (COUNCIL_RESOLUTION,)),
    "unless-authorised-by-chair": Case(
        "The use of separate recording equipment is not permitted unless authorised by the Speaker.",
        v(FA, PERMISSION)),
    # 5. "is permitted, except ... when the public are excluded"
    "permitted-except-excluded": Case(
        "Filming, photography and audio recording is permitted, except during any part of the meeting when the "
        "press and public are excluded.", v(FAP, ALLOWED), (EXEMPT_ITEMS_EXCLUDED,)),
    # 6. "may not be filmed" while the public are excluded is a condition
    "excluded-may-not-be-filmed": Case(
        "Members of the public may film meetings. Meetings or parts of meetings from which the public are excluded "
        "may not be filmed.", v((F,), ALLOWED), (EXEMPT_ITEMS_EXCLUDED,)),
    "confidential-cannot-be-recorded": Case(
        "Anyone may record our meetings. Confidential items cannot be filmed or recorded and all equipment must be "
        "switched off when the press and public are excluded.", v(FA, ALLOWED), (EXEMPT_ITEMS_EXCLUDED,)),
    # 7. oral commentary bans say nothing about filming
    "oral-commentary-alone": Case("Oral commentary is not permitted during the meeting.", {}),
    "oral-reporting-prohibited": Case(
        "Oral reporting or commentary on the proceedings by anyone present is prohibited.", {}),
    "oral-report-without-permission": Case(
        "A person present at a meeting may not provide an oral report or oral commentary about a meeting as it "
        "takes place without permission.", {}, (), (CHAIR_CONSENT,)),
    # 8. the council's own webcast
    "chair-suspends-webcast": Case(
        "The Chair may suspend the webcast at any time if the meeting moves into private session.", {}),
    "meeting-may-be-filmed-by-council": Case(
        "Please note this meeting may be filmed by the Council for live broadcast on the Council's website.", {}),
    "council-webcasts": Case(
        "Council meetings are webcast live and recordings are available on our website for six months.", {}),
    "council-agrees-to-record": Case(
        "The Council agrees to commence audio recording of all committee meetings from April.", {}),
    "filmed-by-council-or-public": Case(
        "This meeting may be filmed by the Council or by any member of the public attending.", v((F,), ALLOWED)),
    # 9. mobile phones
    "phones-silent": Case(
        "It was requested that all mobile phones be put on silent for the duration of the meeting.", {}),
    "phones-switched-off": Case(
        "The person presiding may require all mobile phones to be switched off at any time.", {}),
    # 10. flash photography is a condition
    "flash-unless-agreed": Case(
        "The use of flash photography or additional lighting will not be allowed unless agreed in advance "
        "with the Chair.", v((P,), ALLOWED), (NO_FLASH_OR_LIGHTING,), (CHAIR_CONSENT,)),
    "flash-not-permitted-with-allowed": Case(
        "Photography is welcome at our meetings. Flash photography is not permitted.",
        v((P,), ALLOWED), (NO_FLASH_OR_LIGHTING,)),
    # 11. people in the public area
    "public-seating-consent": Case(
        "Members of the public may film the meeting. People seated in the public area should not be filmed "
        "without their consent.", v((F,), ALLOWED), (RESPECT_OBJECTORS,)),
    "objectors-wishes": Case(
        "Those filming must respect the wishes of any member of the public who does not wish to be filmed.",
        v((F,), ALLOWED), (RESPECT_OBJECTORS,)),
    # 12. consenting to being filmed is not a permission rule
    "consenting-to-being-filmed": Case(
        "By entering the meeting room you are consenting to being filmed and to the possible use of those images.",
        {}),
    # 13. no policy but permitted
    "no-policy-but-permitted": Case(
        "Whilst the council does not have a policy on filming or audio recording of meetings, both are permitted.",
        v(FA, ALLOWED)),
    # 14. definitions stretch verbs
    "recording-includes-social": Case(
        "In this protocol 'recording' includes filming, audio recording, taking photographs and the use of social "
        "media. Recording is permitted at all meetings open to the public.", v(ALL, ALLOWED)),
    "recording-means-photographing": Case(
        "For the purpose of this protocol, the term “recording” means any form of audio, filming, photographing, "
        "visual or electronic recording. Any person wishing to record a meeting is required to inform the Clerk "
        "prior to the start of the meeting.", v(FAP, NOTICE), (NOTICE_REQUIRED,)),
    "report-defined": Case(
        "A person who attends a meeting is permitted to report on the meeting. To “report” means to film, "
        "photograph, make an audio recording of meeting proceedings, or to provide written commentary about the "
        "meeting.", v(ALL, ALLOWED)),
    "report-bare-not-social": Case(
        "Councils should allow the filming of meetings and provide reasonable facilities for any member of the "
        "public to report on meetings.", v((F,), ALLOWED)),
    "officer-report-not-activity": Case(
        "The Committee considered the report of the Head of Planning and noted the recommendations.", {}),
    # notice: required vs requested
    "notice-required-hours": Case(
        "No person shall film or record a meeting without first notifying the clerk in writing at least four "
        "hours prior to the meeting.", v(FA, NOTICE), (NOTICE_REQUIRED,)),
    "notice-required-let-know": Case(
        "Anyone intending to photograph the meeting is required to let Governance Services know in advance.",
        v((P,), NOTICE), (NOTICE_REQUIRED,)),
    "notice-requested-helpful": Case(
        "Should you wish to film the meeting it would be helpful if you could notify the Clerk beforehand.",
        v((F,), ALLOWED), (NOTICE_REQUESTED,), (NOTICE_REQUIRED,)),
    "notice-requested-asked": Case(
        "Anyone wishing to record is asked to contact the Town Clerk at least 3 working days in advance.",
        v(FA, ALLOWED), (NOTICE_REQUESTED,), (NOTICE_REQUIRED,)),
    "not-required-but-encouraged": Case(
        "Although not required to do so, anyone intending to film is encouraged to contact the council in advance.",
        v((F,), ALLOWED), (NOTICE_REQUESTED,), (NOTICE_REQUIRED,)),
    "identify-on-arrival": Case(
        "Anyone intending to film or photograph the proceedings must identify themselves to the Chairman on "
        "arrival.", v((F, P), NOTICE), (IDENTIFY_ON_ARRIVAL,)),
    # prohibited
    "cameras-prohibited": Case(
        "The use of cameras and recording equipment is prohibited in the council chamber.", v(FAP, PROHIBITED)),
    "remote-not-permitted": Case(
        "You are not permitted to record, video or take screen shots of any part of the proceedings.",
        v(FAP, PROHIBITED)),
    "no-tweeting": Case("There shall be no tweeting or blogging from the public gallery.", v((S,), PROHIBITED)),
    # allowed with conduct conditions
    "allowed-not-disruptive": Case(
        "Any person attending is permitted to report on the meeting, including by filming, tweeting and "
        "photography, provided that this does not disrupt the proceedings.", v((F, P, S), ALLOWED),
        (NOT_DISRUPTIVE,), free=(A,)),
    "must-not-disrupt-is-not-a-ban": Case(
        "Filming must not disrupt the meeting and must take place from the designated area.",
        v((F,), ALLOWED), (NOT_DISRUPTIVE, DESIGNATED_AREA)),
    "fixed-position-approved": Case(
        "Recording must take place from a fixed position in the meeting room approved by the Chairman.",
        v(FA, ALLOWED), (FIXED_POSITION,), (CHAIR_CONSENT,)),
    "chair-may-stop-recording": Case(
        "Members of the public may record the meeting. The Chairman has absolute discretion to stop or suspend "
        "recording if it would prejudice proceedings.", v(FA, ALLOWED), (CHAIR_MAY_STOP,)),
    "children-written-consent": Case(
        "Members of the public may film the meeting, but children under the age of 18 are not to be filmed unless "
        "their parents have given written consent.", v((F,), ALLOWED), (MINORS_CONSENT,), (WRITTEN_CONSENT,)),
    "social-media-transmitting": Case(
        "Live reporting by text, including transmitting the proceedings by social media, is welcomed.",
        v((S,), ALLOWED)),
    "communicating-proceedings": Case(
        "The taking of photographs or any other means of communicating the proceedings shall be permitted.",
        v((P, S), ALLOWED)),
    "accredited-press-permission": Case(
        "Filming is permitted only with the approval of the Speaker by accredited media organisations.",
        v((F,), PERMISSION), (ACCREDITED_PRESS_ONLY,)),
    "restriction-on-equipment-only": Case(
        "Anyone may take photographs, but the use of tripods is not permitted.", v((P,), ALLOWED)),
    # not activities
    "cctv": Case("CCTV cameras operate in the reception area of the civic offices for security.", {}),
    "minutes-record-votes": Case(
        "The names of members voting for and against shall be recorded in the minutes.", {}),
    "film-location-permit": Case(
        "Film location permits for filming on council land are issued by the events team.", {}, free=(F,)),
    # 2026.11.4: headings, FAQ answers, double negatives and notice provisos (wording unlike heldout2's)
    "heading-then-numbered-notice": Case(
        "Audio recording\n1. Tell the Clerk at least 24 hours before the meeting.\n2. Sit at the back.",
        v((A,), NOTICE), (NOTICE_REQUIRED,)),
    "lead-in-colon-then-bullets": Case(
        "Anyone filming the meeting must:\n- sit in the press area\n- not move around the room",
        v((F,), ALLOWED), (FIXED_POSITION,)),
    "faq-answer-no": Case("Can I film the meeting?\nNo, you cannot.", v((F,), PROHIBITED)),
    "faq-answer-yes": Case("Can I record the meeting?\nYes, you can.", v(FA, ALLOWED)),
    "nothing-requires-notice": Case(
        "Nothing in this protocol requires any person to give notice before filming.", v((F,), ALLOWED)),
    "may-attend-but-not-film": Case(
        "Members of the public may attend but may not film or photograph the proceedings.",
        v((F, P), PROHIBITED)),
    "not-usually-allowed": Case("Recording by the public will not usually be allowed.", v(FA, PROHIBITED)),
    "proviso-clerk-notified": Case(
        "Recording is allowed, provided that the Clerk has been notified at least 24 hours in advance.",
        v(FA, NOTICE), (NOTICE_REQUIRED,)),
    "however-parenthetical-route": Case(
        "Filming is permitted. Photography, however, is permitted only with the consent of the Chair.",
        {F: ALLOWED, P: PERMISSION}, (CHAIR_CONSENT,)),
    "requests-to-speak-are-not-a-route": Case(
        "Filming is permitted. Requests to speak at the meeting must be made to the Clerk and will be decided"
        " by the Chair.", v((F,), ALLOWED), not_conditions=(CHAIR_CONSENT,)),
    "film-crews-location": Case("Film crews are welcome at council events with a licence.", {}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_case(name: str) -> None:
    check(CASES[name])


def test_statute_conflict_only_in_england() -> None:
    text = "Filming of meetings is not permitted without the consent of the Chairman. Tweeting is welcome."
    england, wales = classify(text, nation="England"), classify(text, nation="Wales")
    assert england.conflicts_with_statute[FILMING] is True
    assert england.conflicts_with_statute[SOCIAL_MEDIA] is False
    assert england.conflicts_with_statute[PHOTOGRAPHY] is False
    assert not any(wales.conflicts_with_statute.values())
    assert not any(classify(text).conflicts_with_statute.values())


def test_council_broadcast_is_a_separate_fact() -> None:
    result = classify("Council meetings are webcast live on the council's website.")
    assert result.council_broadcast and all(f.verdict == NOT_STATED for f in result.findings.values())


def test_version_and_empty_text() -> None:
    result = classify("")
    assert result.version and all(f.verdict == NOT_STATED for f in result.findings.values())
