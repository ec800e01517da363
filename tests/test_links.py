"""Link scores: the words and addresses of real council sites, from the policy down to the committee pages; and
what a page offers (its site search, its platform's root, a document on a policy page)."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, Request

from spiders.follow import is_error_page, page_offers, platform_root, search_offers
from spiders.links import (
    A_TO_Z,
    CANDIDATE,
    COMMITTEE,
    CONSTITUTION,
    DEMOCRACY,
    FILMING,
    MEETINGS,
    PAGE,
    PARTICIPATION,
    POLICIES,
    PROCEDURE,
    WELSH_PENALTY,
    score_link,
)
from spiders.platforms import GENERIC, MODERNGOV

SCORES = [
    # the policy itself, by its words or its address
    ("Filming, recording and social media at council meetings", "/council/meetings/filming", FILMING, CANDIDATE),
    ("Record a council meeting", "/x", FILMING, CANDIDATE),
    ("Download", "/downloads/download/57/protocol-on-filming-and-recording", FILMING, CANDIDATE),
    ("Standing Orders (PDF, 312KB)", "/wp-content/uploads/2023/05/Standing-Orders.pdf", PROCEDURE, CANDIDATE),
    ("Part 4 - Rules of Procedure", "/documents/s1234/Part%204.pdf", PROCEDURE, CANDIDATE),
    ("Constitution", "/mgGeneric.aspx?MD=mgconstitution", CONSTITUTION, CANDIDATE),
    ("Council Constitution", "/ieListMeetings.aspx?CommitteeId=146&info=1", CONSTITUTION, CANDIDATE),
    ("Part 3", "/ieListDocuments.aspx?CId=146&MId=1822&Info=1", CONSTITUTION, CANDIDATE),
    ("Have your say at meetings", "/have-your-say", PARTICIPATION, CANDIDATE),
    ("Having your say at a meeting", "/council/having-your-say", PARTICIPATION, CANDIDATE),
    ("A guide to council meetings", "/council/guide-to-council-meetings", PARTICIPATION, CANDIDATE),
    ("Guidance for members of the public", "/documents/s99/guidance.pdf", PARTICIPATION, CANDIDATE),
    ("Media Policy", "/wp-content/uploads/2023/01/Media-Policy.pdf", PROCEDURE, CANDIDATE),
    ("Download", "/wp-content/uploads/2023/01/Media-Policy-2023.pdf", PROCEDURE, CANDIDATE),
    # the way towards it
    ("Policies, plans and strategies", "/council/policies", POLICIES, PAGE),
    ("Publication Scheme", "/publication-scheme/", POLICIES, PAGE),
    ("A to Z", "/a-to-z", A_TO_Z, PAGE),
    ("S", "/a-to-z/s", A_TO_Z, PAGE),
    ("Council and democracy", "/council-and-democracy", DEMOCRACY, PAGE),
    ("Meetings, agendas and minutes", "/meetings", MEETINGS, PAGE),
    # committee, meeting and decision pages, whatever their names say
    ("Constitution Working Group", "/mgCommitteeDetails.aspx?ID=412", COMMITTEE, PAGE),
    ("Standards and Constitution Committee", "/committees/standards", COMMITTEE, PAGE),
    ("Agenda", "/documents/g3301/Public%20reports%20pack.pdf", COMMITTEE, PAGE),
    ("Cabinet, 12 March 2024", "/ieListDocuments.aspx?CId=130&MId=2201", COMMITTEE, PAGE),
    ("Filming", "/mgIssueHistory.aspx?IId=4411", COMMITTEE, PAGE),
]


@pytest.mark.parametrize("text, path, score, role", SCORES, ids=[s[0][:30] for s in SCORES])
def test_a_link_scores_by_its_words_and_address(text, path, score, role):
    scored = score_link(text, path)
    assert scored is not None and (scored.score, scored.role) == (score, role), scored


@pytest.mark.parametrize("text, path", [("Cookie policy", "/cookies"), ("Privacy policy", "/privacy"),
                                        ("Records management", "/records-management"), ("Bins", "/bins"),
                                        ("Contact the council", "/contact"), ("X", "/a-to-z/x")])
def test_footer_and_service_links_are_not_followed(text, path):
    assert score_link(text, path) is None


def test_a_welsh_link_comes_after_its_english_twin():
    english = score_link("Standing Orders", "/standing-orders")
    welsh = score_link("Rheolau Sefydlog", "/cy/rheolau-sefydlog")
    assert english and welsh and welsh.score == english.score - WELSH_PENALTY


PAGE_HTML = b"""<html><body>
<form action="/site-search/results/" method="get"><input type="hidden" name="mode" value="site">
<input type="text" name="q"><button>Search</button></form>
<a href="/moderngov/mgListCommittees.aspx">Committees</a>
<a href="/files/Standing Orders 2024.pdf">Standing Orders 2024</a>
<a href="/files/leaflet.pdf">Leaflet</a>
<a href="/mgError.aspx">Broken</a>
<a href="https://elsewhere.example.org/filming">Filming elsewhere</a>
<a href="http://www.example.gov.uk:80http://www.example.gov.uk/filming">Broken filming link</a>
</body></html>"""


def page(url: str = "https://www.example.gov.uk/policies") -> HtmlResponse:
    return HtmlResponse(url=url, body=PAGE_HTML, request=Request(url))


ALLOWED = {"example.gov.uk"}


def test_a_page_offers_its_scored_links_only_on_its_own_sites():
    offers, linked = page_offers(page(), ALLOWED, GENERIC, policy_page=False, page_kind="", follow_pages=True)
    urls = {o.url: o for o in offers}
    assert urls["https://www.example.gov.uk/files/Standing Orders 2024.pdf"].role == CANDIDATE
    assert "https://www.example.gov.uk/files/leaflet.pdf" not in urls  # a document with no cue is no way anywhere
    assert not any("mgError" in u or "elsewhere" in u for u in urls)
    assert "https://elsewhere.example.org/filming" in linked


def test_every_document_of_a_policy_page_is_a_candidate():
    offers, _ = page_offers(page(), ALLOWED, GENERIC, policy_page=True, page_kind="standing_orders",
                            follow_pages=False)
    assert {o.url for o in offers if o.role == CANDIDATE} >= {"https://www.example.gov.uk/files/leaflet.pdf"}
    assert all(o.role == CANDIDATE for o in offers)  # the last level: no page that would not be followed


def test_the_site_search_is_asked_for_the_policy():
    offers = search_offers(page("https://www.example.gov.uk/"), ALLOWED)
    assert [o.url for o in offers][0] == "https://www.example.gov.uk/site-search/results/?mode=site&q=filming+meetings"
    assert len(offers) == 3 and all(o.role == PAGE for o in offers)


def test_a_platform_under_a_path_has_its_root_there():
    assert platform_root(page(), MODERNGOV) == "https://www.example.gov.uk/moderngov/"


def test_a_platform_error_page_means_not_found():
    assert is_error_page("https://democracy.example.gov.uk/mgError.aspx?Error=1")
    assert is_error_page("https://www.example.gov.uk/page-not-found?url=/so.pdf")
    assert not is_error_page("https://www.example.gov.uk/errors-and-omissions-policy")
