"""Reading a document, not only its sentences (issue 13, point 2): scope, main rule and exceptions, actor,
modality, genre, terms and lists, and the confidence that goes with each.

The passages are written for these tests in the style of real council text (protocols, web pages, agenda
notices, minutes, privacy notices, staff policies); none is copied from a council. Each case pins the verdict of
every activity (unnamed ones must be `not_stated`), conditions that must and must not be present, and, where the
point is the confidence, whether it is high or low and the doubt a reviewer must see.
"""

from __future__ import annotations

import pytest

from rules import classify
from rules.doubts import AUDIENCE, COUNCIL_OWN, DISAGREE, GENERIC, HEADING, MINUTES, MODALITY, SCOPE_UNCLEAR
from rules.taxonomy import (
    ALLOWED,
    CHAIR_CONSENT,
    CHAIR_MAY_STOP,
    DESIGNATED_AREA,
    EXEMPT_ITEMS_EXCLUDED,
    FILMING,
    HIGH,
    LOW,
    MINORS_CONSENT,
    NO_FLASH_OR_LIGHTING,
    NO_ORAL_COMMENTARY,
    NOT_STATED,
    NOTICE,
    NOTICE_REQUESTED,
    NOTICE_REQUIRED,
    PERMISSION,
    PHOTOGRAPHY,
    PROHIBITED,
    RESPECT_OBJECTORS,
    SOCIAL_MEDIA,
)
from tests.classifier_case import ALL, FA, FAP, A, Case, F, P, S, check, v

SCOPE: dict[str, Case] = {
    # a heading over the exceptions, the limit stated in the sentence below it, the ban in a list under a lead-in
    "exceptions-heading-and-lead-in": Case(
        "Recording our meetings\nAnyone may film, photograph or audio record a public meeting of the council, and "
        "post about it on social media.\nWhen you cannot record\nSome business has to be considered in private "
        "because it involves confidential information about individuals. While that business is discussed:\n"
        "- the chair will ask the press and public to leave the room\n- all filming and recording must stop",
        v(ALL, ALLOWED), (EXEMPT_ITEMS_EXCLUDED,), confidence=HIGH),
    "question-heading-over-exceptions": Case(
        "Can I film at a council meeting?\nYes. You are welcome to film, take photographs or make a sound recording "
        "of any meeting that is open to the public.\nAre there times when I can't film?\nYes. Filming is not "
        "permitted while the committee considers exempt information in the absence of the press and public.",
        v(FAP, ALLOWED), (EXEMPT_ITEMS_EXCLUDED,), confidence=HIGH),
    "part-of-meeting-heading": Case(
        "Members of the public may film and audio record the committee's meetings.\n\nConfidential and exempt "
        "items\nNo recording of any kind is allowed.",
        v(FA, ALLOWED), (EXEMPT_ITEMS_EXCLUDED,)),
    "anaphoric-scope-sentence": Case(
        "Photography and filming are permitted at all our public meetings. Occasionally the council must discuss "
        "matters in closed session. At these times no photography or filming can take place.",
        v((F, P), ALLOWED), (EXEMPT_ITEMS_EXCLUDED,), confidence=HIGH),
    "people-not-taking-part": Case(
        "The council allows the filming of its meetings by anyone attending. Members of the public in the gallery "
        "should not be filmed unless they are addressing the meeting.",
        v((F,), ALLOWED), (RESPECT_OBJECTORS,), confidence=HIGH),
    "people-who-object": Case(
        "Recording of council meetings by the public is welcome. You must not record anyone who has asked not to "
        "be recorded.",
        v(FA, ALLOWED), (RESPECT_OBJECTORS,)),
    "children": Case(
        "You may take photographs at the meeting. Please do not photograph children under 16 without the "
        "agreement of their parent or carer.",
        v((P,), ALLOWED), (MINORS_CONSENT,), not_conditions=(CHAIR_CONSENT,), confidence=HIGH),
    "equipment": Case(
        "Members of the press and public can film the meeting. Tripods and large camera equipment are not "
        "permitted in the public gallery.",
        v((F,), ALLOWED), confidence=HIGH),
    "flash-and-commentary": Case(
        "Anyone attending is permitted to film, photograph, record or tweet the proceedings. Flash photography is "
        "not allowed, and running commentary during the meeting is not allowed either.",
        v(ALL, ALLOWED), (NO_FLASH_OR_LIGHTING, NO_ORAL_COMMENTARY)),
    "fixed-position": Case(
        "Filming is permitted from the press table only. Those filming must stay in one position and must not "
        "move around the chamber.",
        v((F,), ALLOWED), (DESIGNATED_AREA,)),
    "widened-ban-is-no-scope": Case(
        "No filming, photography or recording of any kind is permitted at any meeting of the council, including "
        "meetings held in closed session.",
        v(FAP, PROHIBITED)),
}

RULE_AND_EXCEPTIONS: dict[str, Case] = {
    "refined-by-consent": Case(
        "Recording of meetings is welcome. Anyone who wishes to record must first obtain the permission of the "
        "Chair.",
        v(FA, PERMISSION), (CHAIR_CONSENT,)),
    "refined-by-notice": Case(
        "Filming is permitted at council meetings. Anyone intending to film must notify the Democratic Services "
        "Officer at least 24 hours before the meeting.",
        v((F,), NOTICE), (NOTICE_REQUIRED,), confidence=HIGH),
    "no-permission-against-consent-rule": Case(
        "You do not need permission to film our meetings.\n\n12. Filming of the proceedings shall only take place "
        "with the consent of the Chairman.",
        v((F,), ALLOWED), confidence=LOW, doubt=DISAGREE),
    "old-ban-beside-new-protocol": Case(
        "Standing Order 18: Photography and sound recording of the proceedings are prohibited.\n\nProtocol "
        "(2015): Members of the public may take photographs and make sound recordings of public meetings.",
        v((A, P), ALLOWED), confidence=LOW, doubt=DISAGREE),
    "ban-with-route-is-permission": Case(
        "Filming at meetings is not normally allowed. Requests to film in exceptional circumstances should be made "
        "to the Chair, whose decision is final, and will be decided by the Chair.",
        v((F,), PERMISSION)),
}

ACTOR: dict[str, Case] = {
    "webcast-chair-may-stop-the-recording": Case(
        "Webcasting of meetings\nThis meeting will be webcast live on the council's website and the recording "
        "will be available for six months. The Chair may ask for the webcast to be paused or for the recording to "
        "be stopped at any time, for example when confidential matters are discussed.",
        {}, confidence=None),
    "clerk-records-for-minutes": Case(
        "The Clerk makes an audio recording of each meeting as an aid to writing the minutes. The recording is "
        "deleted once the minutes have been approved.",
        {}),
    "privacy-notice": Case(
        "How we use your information at council meetings\nWe record and broadcast our meetings. If you speak at a "
        "meeting, your image and voice will be recorded. Recordings are kept for 12 months and then deleted. Our "
        "lawful basis is the performance of a task in the public interest.",
        {}),
    "staff-social-media": Case(
        "Social media policy for employees\nEmployees must not post comments about council business on social "
        "media without approval from their line manager. Staff should not use personal Twitter or Facebook "
        "accounts during working hours. Breaches may lead to disciplinary action.",
        {}, doubt=None),
    "councillors-devices": Case(
        "Councillors may use tablets and phones during meetings to read papers. Councillors must not use social "
        "media to comment on an item while it is being debated.",
        {}),
    "public-rule-beside-webcast": Case(
        "Meetings of the council are webcast. Members of the public may also film or record the meeting from the "
        "public gallery.",
        v(FA, ALLOWED)),
}

MODALITY_CASES: dict[str, Case] = {
    "please-let-us-know": Case(
        "You may film or record our meetings. Please let us know beforehand if you plan to do so.",
        v(FA, ALLOWED), (NOTICE_REQUESTED,), not_conditions=(NOTICE_REQUIRED,)),
    "we-would-ask": Case(
        "Photography is permitted. We would ask that anyone taking photographs informs the clerk on arrival.",
        v((P,), ALLOWED), (NOTICE_REQUESTED,)),
    "as-a-courtesy": Case(
        "As a courtesy, please tell the Chair before the meeting if you intend to record it.",
        v(FA, ALLOWED), (NOTICE_REQUESTED,)),
    "must-give-notice": Case(
        "Anyone who wishes to film a meeting must give the Town Clerk two working days' notice.",
        v((F,), NOTICE), (NOTICE_REQUIRED,)),
    "shall-notify": Case(
        "Any person intending to photograph or record a meeting shall notify the clerk before the meeting begins.",
        v(FAP, NOTICE), (NOTICE_REQUIRED,)),
    "not-told-please-do-not": Case(
        "If you would like to film the meeting you need to contact the clerk by noon on the day of the meeting. "
        "If you have not contacted the clerk, please do not film.",
        v((F,), NOTICE), (NOTICE_REQUIRED,)),
    "should-give-notice": Case(
        "Members of the public are allowed to record council meetings. Anyone wishing to record should give the "
        "clerk notice before the meeting starts.",
        v(FA, ALLOWED), confidence=LOW, doubt=MODALITY),
}

GENRE: dict[str, Case] = {
    "motion-lost": Case(
        "Minutes\n7. Filming at meetings\nCouncillor Baker moved that filming and photography at meetings of the "
        "council should not be permitted without the Chairman's consent. On being put to the vote the motion was "
        "lost.",
        {}, doubt=None),
    "motion-proposed": Case(
        "Notice of motion from Councillor Patel\nThis council notes the concern of residents. I therefore move that "
        "this council:\n1. prohibits audio recording of its meetings;\n2. asks officers to display notices.",
        {}),
    "question-answered": Case(
        "Public questions\nA resident asked whether she could record the meeting on her phone. The Chair replied "
        "that anyone may record a council meeting that is open to the public.",
        v(FA, ALLOWED), confidence=LOW, doubt=MINUTES),
    "guide-to-the-law": Case(
        "A guide to your rights\nThe law allows anyone attending a public meeting of a council to film, photograph "
        "and audio record it and to report on it, including on social media. Councils cannot insist that you ask "
        "permission first, and they cannot require you to give notice, although they may ask you to.",
        v(ALL, ALLOWED), not_conditions=(CHAIR_CONSENT, NOTICE_REQUIRED)),
}

TERMS: dict[str, Case] = {
    "umbrella-term-list": Case(
        "Recording and reporting covers:\n• filming\n• taking photographs\n• audio recording\n• tweeting and "
        "blogging\nYou may record and report on any meeting that is open to the public.",
        v(ALL, ALLOWED), confidence=HIGH),
    "report-then-forms": Case(
        "Anyone attending a meeting open to the public may report on it. Reporting can take many forms, "
        "including:\n- filming\n- photography\n- sound recording\n- posting on social media",
        v(ALL, ALLOWED), confidence=HIGH),
    "protocol-on-reporting": Case(
        "Protocol on reporting at meetings\nAny person may report on a meeting from the public seating area.",
        v(ALL, ALLOWED), confidence=LOW, doubt=GENERIC),
    "title-names-the-activities": Case(
        "Filming and photography at council meetings\n\nNo prior permission is required. We ask that you let the "
        "clerk know before the meeting begins.",
        v((F, P), ALLOWED), (NOTICE_REQUESTED,), confidence=LOW, doubt=HEADING),
    "speaking-is-not-recording": Case(
        "Filming and recording at meetings\n\nMembers of the public may speak for up to three minutes. You must "
        "register to speak with the clerk two days before the meeting.",
        {}),
}

# One-line wordings: routes to consent, denied requirements, bans that contain "permitted", elliptical bans.
WORDING: dict[str, Case] = {
    "chair-may-permit": Case("The Chairman may permit photography at his discretion.", v((P,), PERMISSION)),
    "with-the-chairs-agreement": Case("With the Chair's agreement, members of the public may film the meeting.",
                                      v((F,), PERMISSION)),
    "provided-the-chair-agrees": Case("Recording is allowed provided the Chair agrees.", v(FA, PERMISSION)),
    "subject-to-agreement": Case("The Council permits filming subject to the agreement of the Chair.",
                                 v((F,), PERMISSION)),
    "unless-the-chair-objects": Case("Filming is allowed unless the Chair objects.", v((F,), ALLOWED)),
    "permission-not-needed": Case("Permission is not needed to film or photograph the meeting.", v((F, P), ALLOWED)),
    "no-requirement-to-notify": Case("There is no requirement to notify the council before filming.",
                                     v((F,), ALLOWED), not_conditions=(NOTICE_REQUIRED,)),
    "not-prohibited": Case("Filming is not prohibited.", v((F,), ALLOWED)),
    "council-does-not-allow": Case("The council does not allow filming of its meetings.", v((F,), PROHIBITED)),
    "attend-but-not-film": Case("Members of the public are allowed to attend meetings, but are not allowed to "
                                "film them.", v((F,), PROHIBITED)),
    "no-x-is-permitted": Case("No photography or filming shall be permitted at any time.", v((F, P), PROHIBITED)),
    "elliptical-ban": Case("Audio recording is permitted; video recording is not.",
                           {A: ALLOWED, F: PROHIBITED}),
    "although-clause": Case("Transmitting live text, such as tweets, from the meeting is not permitted, although "
                            "members of the press may take notes.", v((S,), PROHIBITED)),
    "only-press-may": Case("Only accredited members of the press may film or record proceedings.",
                           v(FA, PROHIBITED)),
    "restricted-to-press": Case("Filming is restricted to accredited press and media representatives.",
                                v((F,), PROHIBITED)),
    "happy-for": Case("The Council is happy for meetings to be filmed or recorded by members of the public.",
                      v(FA, ALLOWED)),
    "cameras-on-your-device": Case(
        "When joining the meeting remotely, please keep your microphone muted and, as a courtesy, switch the camera "
        "on your device on when you speak.", {}),
    "film-studios": Case("The former film studios site will be retained for employment use; planning permission "
                         "will be required for any change of use.", {}),
    "webcast-page": Case(
        "Webcasts and audio recordings of committee meetings\nWe broadcast some meetings live on the internet and "
        "make audio recordings of others. Audio recordings are available to listen to for six months. The chair may "
        "decide to stop the recording at any time. The recordings are the copyright of the council and may not be "
        "copied or reproduced without our permission.", {}),
    "agenda-webcast-notice": Case(
        "This meeting is being filmed for live or subsequent broadcast via the Council's internet site. Generally "
        "the public seating areas are not filmed. However by entering the meeting room and using the public "
        "seating area, you are consenting to being filmed.", {}),
    "objector-asks-the-clerk": Case(
        "This meeting may be filmed, photographed or recorded by the press and public. Anyone who does not wish to "
        "be filmed should tell the clerk before the meeting starts.",
        v(FAP, ALLOWED), (RESPECT_OBJECTORS,), not_conditions=(NOTICE_REQUESTED,), confidence=HIGH),
    "pdf-wrapped-line": Case("Anyone wishing to film must notify the Democratic Services\nOfficer before the meeting "
                             "begins.", v((F,), NOTICE), (NOTICE_REQUIRED,)),
    "title-line-above-a-rule": Case("Reporting on meetings\nThe press and public may photograph and film our public "
                                    "meetings.", v((F, P), ALLOWED), confidence=HIGH),
    # a route to consent through a possessive: "obtain the Chair's agreement", "the Council's prior consent"
    "possessive-route-to-consent": Case(
        "Anyone who wishes to film or photograph the meeting must first obtain the Chair's agreement.",
        v((F, P), PERMISSION), (CHAIR_CONSENT,)),
    "nobody-needs-permission": Case(
        "Nobody needs to ask permission before recording or photographing a public meeting of the Town Council.",
        v((F, A, P), ALLOWED)),
    "no-need-to-ask": Case("There is no need to ask for consent to film the meeting.", v((F,), ALLOWED)),
    # the ban falls only on those who gave no notice: notice is what is required
    "unless-the-person-filming-gave-notice": Case(
        "Recording will not be permitted unless the person recording has given two working days' notice to the "
        "Clerk.", v((F, A), NOTICE), (NOTICE_REQUIRED,)),
    # "should give ... notice": a requirement or a request? The reviewer is told
    "should-give-hours-notice": Case(
        "Members of the public wishing to film a meeting of the Council should give at least 24 hours' notice to "
        "Democratic Services.", v((F,), ALLOWED), (NOTICE_REQUESTED,), confidence=LOW, doubt=MODALITY),
    "no-need-to-tell-us": Case("You do not need to tell us in advance if you wish to film, but it helps if you do.",
                               v((F,), ALLOWED)),
    "subject-to-the-chair-being-notified": Case(
        "The press and public may record this meeting, subject to the Chair being notified in advance.",
        v((F, A), NOTICE), (NOTICE_REQUIRED,)),
    # a restriction that holds only once the Chair asks is the Chair's power to stop
    "only-if-the-chair-asks": Case(
        "Members of the public may film and record the meeting. You may not film or record if the Chair asks you "
        "not to.", v((F, A), ALLOWED), (CHAIR_MAY_STOP,)),
    # a purpose clause: what the rule lets the council's own people do is no allowance for the public
    "purpose-clause-after-a-ban": Case(
        "Filming and photography at meetings\nFilming and photography are not permitted during meetings of the "
        "Council. This allows the Chair to keep order.", v((F, P), PROHIBITED), confidence=HIGH),
    "opinion-in-debate": Case(
        "Members discussed the recording of meetings. Councillor Green felt that anyone wishing to film should have "
        "to ask the Chair first.", {}),
}

ALL_CASES = {**SCOPE, **RULE_AND_EXCEPTIONS, **ACTOR, **MODALITY_CASES, **GENRE, **TERMS, **WORDING}


@pytest.mark.parametrize("name", list(ALL_CASES))
def test_reading(name: str) -> None:
    check(ALL_CASES[name])


def test_a_finding_with_doubts_is_low_and_one_without_is_high() -> None:
    for case in ALL_CASES.values():
        for finding in classify(case.text, nation=case.nation).findings.values():
            assert (finding.confidence == LOW) == bool(finding.doubts), finding


@pytest.mark.parametrize("name", ["webcast-chair-may-stop-the-recording", "privacy-notice"])
def test_the_councils_own_recording_is_said_to_be_why_nothing_is_stated(name: str) -> None:
    result = classify(ALL_CASES[name].text, nation="England")
    assert result[FILMING].verdict == NOT_STATED
    assert COUNCIL_OWN in result[FILMING].doubts or result[FILMING].confidence == HIGH
    assert result.council_broadcast, "the council's own broadcast is recorded as a separate fact"


def test_a_staff_policy_says_nothing_about_the_public() -> None:
    result = classify(ACTOR["staff-social-media"].text, nation="England")
    assert result[SOCIAL_MEDIA].verdict == NOT_STATED
    assert result[SOCIAL_MEDIA].doubts == (AUDIENCE,)


def test_a_lost_motion_is_set_aside_and_said_so() -> None:
    result = classify(GENRE["motion-lost"].text, nation="England")
    assert result[FILMING].verdict == NOT_STATED and MINUTES in result[FILMING].doubts


def test_an_exceptions_heading_without_a_stated_limit_is_a_doubt() -> None:
    text = ("Members of the public may film our meetings.\nWhen filming is not allowed\nFilming is not allowed at "
            "some meetings of the Planning Committee.")
    result = classify(text, nation="England")
    assert result[FILMING].verdict == ALLOWED and SCOPE_UNCLEAR in result[FILMING].doubts


def test_scope_never_turns_an_allowance_into_a_restriction() -> None:
    """Property over the scope cases: with every restriction sentence removed, the verdict is the same."""
    for name, case in SCOPE.items():
        if name == "widened-ban-is-no-scope":
            continue
        opening = case.text.split("\n")[0] if "\n" in case.text else case.text.split(". ")[0] + "."
        alone = classify(opening, nation="England")
        full = classify(case.text, nation="England")
        for activity in case.verdicts:
            if alone[activity].verdict == ALLOWED:
                assert full[activity].verdict == ALLOWED, (name, activity)


def test_conditions_never_come_from_a_reading_set_aside() -> None:
    result = classify(GENRE["motion-lost"].text, nation="England")
    assert all(not f.conditions for f in result.findings.values())


def test_nation_decides_only_a_real_disagreement() -> None:
    case = RULE_AND_EXCEPTIONS["old-ban-beside-new-protocol"]
    assert classify(case.text, nation="England")[PHOTOGRAPHY].verdict == ALLOWED
    assert classify(case.text, nation="Scotland")[PHOTOGRAPHY].verdict == PROHIBITED
    plain = "Photography is prohibited at meetings of the council."
    assert classify(plain, nation="England")[PHOTOGRAPHY].verdict == PROHIBITED


def test_the_clause_that_decides_names_the_activity_and_states_the_rule() -> None:
    """A sentence read only under the heading, or implying the rule, agrees with it but does not decide it."""
    text = ("Recording at meetings\nMeetings are open to the public, except when exempt information is discussed. "
            "Members of the public may make audio recordings of any public meeting.")
    finding = classify(text, nation="England")["audio_recording"]
    deciding = [e.quote for e in finding.evidence if e.decides]
    assert finding.verdict == ALLOWED and deciding == [
        "Members of the public may make audio recordings of any public meeting."]
    assert finding.evidence[0].quote == deciding[0]


def test_a_text_in_welsh_is_never_a_confident_says_nothing() -> None:
    """The rules read English: a Welsh document they find nothing in is doubted, so a reviewer reads it."""
    from rules.doubts import WELSH

    welsh = ("Ni chaniateir ffilmio na recordio cyfarfodydd heb ganiatâd ysgrifenedig y Cyngor ymlaen llaw. "
             "Mae'r cyfarfod yn agored i'r cyhoedd.")
    for finding in classify(welsh, nation="Wales").findings.values():
        assert (finding.verdict, finding.confidence, finding.doubts[0]) == (NOT_STATED, LOW, WELSH)
    english = classify("Meetings of Cyngor Sir Example are held at County Hall and are open to the public.",
                       nation="Wales")
    assert all(f.confidence == HIGH for f in english.findings.values())
    both = classify("Members of the public may film the meeting. Caiff aelodau'r cyhoedd ffilmio'r cyfarfod.",
                    nation="Wales")
    assert both[FILMING].verdict == ALLOWED and both[FILMING].confidence == HIGH
