"""The realistic sample web: councils on real platform structures, walked breadth first as a person would click."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import docx
import lxml.html
import pypdfium2
import pytest
from bs4 import BeautifulSoup

from registry.loader import load_registry
from sampleweb import SITES, UnknownSite
from sampleweb.realistic import COLUMNS, COUNCILS, RealisticWeb
from sampleweb.realistic.walk import Visit, canonical, fetch, walk
from sampleweb.texts import load

CODES = [council.code for council in COUNCILS]
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def web() -> Iterator[RealisticWeb]:
    with RealisticWeb() as running:
        yield running


@pytest.fixture(scope="module")
def walks(web: RealisticWeb) -> dict[str, dict[str, Visit]]:
    """Each council walked from its register start pages (website, democracy_url), councils in parallel."""

    def one(code: str) -> dict[str, Visit]:
        starts = [web.website(code)] + ([web.democracy_url(code)] if web.democracy_url(code) else [])
        return walk(starts, web.hosts(code).values())

    with ThreadPoolExecutor(len(CODES)) as pool:
        return dict(zip(CODES, pool.map(one, CODES), strict=True))


@pytest.fixture(scope="module")
def texts(walks: dict[str, dict[str, Visit]]) -> dict[str, dict[str, str]]:
    """The words of every page and document reached, per council (HTML without its chrome's menus)."""
    out: dict[str, dict[str, str]] = {}
    for code, visits in walks.items():
        out[code] = {}
        for visit in visits.values():
            if visit.status != 200:
                continue
            if visit.content_type == "application/pdf":
                out[code][visit.url] = pdf_text(visit.body)
            elif visit.content_type.startswith("text/html"):
                out[code][visit.url] = flat(" ".join(lxml.html.document_fromstring(visit.body).itertext()))
    return out


def html_pages(visits: dict[str, Visit]) -> list[Visit]:
    return [v for v in visits.values() if v.status == 200 and v.content_type.startswith("text/html")]


def pdf_text(body: bytes) -> str:
    document = pypdfium2.PdfDocument(body)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return " ".join(" ".join(pages).split())
    finally:
        document.close()


def flat(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').replace("–", "-").split())


def test_at_least_eight_fictional_councils_with_codes_that_cannot_clash():
    assert len(COUNCILS) >= 8
    assert len(set(CODES)) == len(CODES) and all(code.startswith("Z") for code in CODES)
    gss = [council.gss_code for council in COUNCILS]
    assert len(set(gss)) == len(gss) and all(re.fullmatch(r"[ENSW]\d{2}999\d{3}", code) for code in gss)
    existing = {site.code for site in SITES} | {site.gss_code for site in SITES}
    assert not existing & (set(CODES) | set(gss))
    real, _errors = load_registry()  # every real council, as bundled: none of their codes is taken
    assert real and not {c for council in real for c in (council.code, council.gss_code)} & (set(CODES) | set(gss))
    assert sum(not council.policy for council in COUNCILS) == 1  # one council with no rule anywhere


def test_the_registry_has_only_website_and_democracy_url_to_start_from(web, tmp_path):
    path = web.write_registry(tmp_path / "registry.csv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == COLUMNS and "documents" not in rows[0] and "platform" not in rows[0]
    assert [row["local_authority_code"] for row in rows] == CODES
    for row in rows:
        assert row["website"] == web.website(row["local_authority_code"])
        assert row["democracy_url"] == web.democracy_url(row["local_authority_code"])
    with_committee_system = {c.code for c in COUNCILS if c.platform in ("ModernGov", "CMIS")}
    assert {row["local_authority_code"] for row in rows if row["democracy_url"]} == with_committee_system
    councils, errors = load_registry(path)
    assert errors == [] and [c.code for c in councils] == CODES and all(not c.documents for c in councils)
    ordered = web.write_registry(tmp_path / "ordered.csv", order=list(reversed(CODES)))
    assert [c.code for c in load_registry(ordered)[0]] == list(reversed(CODES))


@pytest.mark.parametrize("code", CODES)
def test_every_link_leads_somewhere_except_the_deliberately_dead_ones(web, walks, code):
    council, visits = web.councils[code], walks[code]
    dead = {canonical(web.url(code, address)) for address in council.dead_links}
    broken = [(v.url, v.status, v.redirected_to) for v in visits.values()
              if v.status >= 400 or "mgerror.aspx" in (v.redirected_to or "").lower()]
    assert {url for url, _, _ in broken} == dead, broken
    assert all(visits[url].status == 404 for url in dead)
    own = tuple(web.hosts(code).values())
    for visit in visits.values():
        for link in visit.links:
            parts = urlsplit(link)
            assert parts.scheme in ("http", "https") and parts.port != 0, (visit.url, link)  # .port raises if bad
            if parts.hostname == "127.0.0.1":
                assert link.startswith(own), (visit.url, link)  # never another council's, never malformed


@pytest.mark.parametrize("code", CODES)
def test_each_policy_document_is_two_to_four_clicks_from_the_start_pages(web, walks, code):
    visits = walks[code]
    for document, urls in zip(web.councils[code].policy, web.policy_urls(code), strict=True):
        reached = [visits[canonical(url)] for url in urls if canonical(url) in visits]
        assert len(reached) == len(urls), f"{document.title}: not every rendition is linked"
        assert all(v.status == 200 for v in reached)
        assert 2 <= min(v.depth for v in reached) <= 4, (document.title, [v.depth for v in reached])


@pytest.mark.parametrize("code", CODES)
def test_every_council_has_at_least_thirty_pages_with_the_chrome_of_a_real_site(walks, code):
    pages = html_pages(walks[code])
    assert len(pages) >= 30
    for visit in pages:
        text = visit.body.decode()
        soup = BeautifulSoup(text, "lxml")
        assert soup.find("a", class_="skip-link"), visit.url
        assert soup.find(id=re.compile("cookie|ccc")) or soup.find(class_=re.compile("cookie")), visit.url
        assert soup.find("nav", class_="primary-navigation").find_all("a"), visit.url
        assert soup.find("nav", class_=re.compile("breadcrumb")), visit.url
        assert soup.find("form", role="search"), visit.url
        footer = soup.find("footer")
        assert len(footer.find_all("a")) >= 5, visit.url
        assert footer.find("a", href=re.compile(r"^https://www\.facebook\.com/")), visit.url


def test_principal_council_sites_have_top_tasks_news_and_footer_pages(walks):
    for code in ("ZRA", "ZRB", "ZRC", "ZRD", "ZRE", "ZRF", "ZRI"):
        home = next(v for v in html_pages(walks[code]) if v.depth == 0 and "Welcome" in v.body.decode())
        soup = BeautifulSoup(home.body, "lxml")
        tasks = [a.get_text() for a in soup.select("nav.top-tasks a")]
        assert tasks == ["Report it", "Pay for it", "Apply for it"]
        assert "Latest news" in home.body.decode()
        footer = [a.get_text() for a in soup.find("footer").find_all("a")]
        for words in ("Accessibility statement", "Privacy notice", "Jobs and careers", "Contact us", "Cookies"):
            assert words in footer, (code, words)


def test_documents_are_valid_pdfs_and_word_files_and_policies_run_to_several_pages(web, walks):
    kinds = {"pdf": 0, "docx": 0}
    for code, visits in walks.items():
        policy = {canonical(url) for urls in web.policy_urls(code) for url in urls}
        for visit in visits.values():
            if visit.status != 200:
                continue
            if visit.content_type == "application/pdf":
                assert visit.body.startswith(b"%PDF-")
                document = pypdfium2.PdfDocument(visit.body)
                assert len(document) >= (2 if visit.url in policy else 1), visit.url
                document.close()
                kinds["pdf"] += 1
            elif visit.content_type == DOCX_TYPE:
                assert docx.Document(io.BytesIO(visit.body)).paragraphs
                kinds["docx"] += 1
    assert kinds["pdf"] > 400 and kinds["docx"] >= 1


@pytest.mark.parametrize(("code", "content"), [
    ("ZRA", "lbhf-reporting-standing-order"), ("ZRB", "spelthorne-recording-protocol"),
    ("ZRC", "gloucestershire-rule-21"), ("ZRD", "hampshire-filming-protocol"), ("ZRE", "hastings-filming-policy"),
    ("ZRF", "carlisle-attending-meetings"), ("ZRG", "marlow-filming-protocol"), ("ZRG", "nalc-standing-order-3"),
    ("ZRH", "wye-valley-standing-orders"), ("ZRJ", "cassington-recording-policy"), ("ZRJ", "nalc-standing-order-3"),
    ("ZRK", "marham-recording-notice"), ("ZRK", "nalc-standing-order-3"),
])
def test_policy_documents_hold_real_wording_with_its_source_inside_other_text(web, texts, code, content):
    text = load(content)
    sentence = flat(max(text.paragraphs, key=len))[20:120]
    found = [texts[code][canonical(url)] for urls in web.policy_urls(code) for url in urls]
    holding = [body for body in found if sentence.split(" ", 3)[-1][:60] in body]
    assert holding, (code, content, sentence)
    assert all(text.sources[0] in body.replace(" ", "") for body in holding)  # the attribution comes along
    assert all(len(body) > len(flat(text.body)) + 400 for body in holding)  # inside a larger document


def test_the_council_without_a_rule_has_traps_and_no_rule(web, walks, texts):
    assert web.policy_urls("ZRI") == []
    for url, visit in walks["ZRI"].items():
        if visit.content_type == "application/pdf":
            assert not re.search(r"film|photograph|record(ing|ed)? (the|a) meeting|social media", texts["ZRI"][url],
                                 re.I), url
    text = " ".join(texts["ZRI"].values())
    for trap in ("Recordings of most committee meetings are available to view on our YouTube channel",
                 "Webcasting is the broadcasting of audio and video", "Webcasting privacy notice",
                 "DM31: Filming", "Standing Orders for Meetings"):
        assert trap in flat(text), trap


def test_the_welsh_community_council_speaks_english_and_welsh(walks):
    pages = html_pages(walks["ZRH"])
    welsh = [v for v in pages if '<html lang="cy">' in v.body.decode()]
    english = [v for v in pages if '<html lang="en-GB">' in v.body.decode()]
    assert len(welsh) >= 15 and len(english) >= 15
    text = " ".join(v.body.decode() for v in welsh)
    for words in ("Dogfennau", "Rheolau Sefydlog", "Polisïau", "Cyfarfodydd", "Cynghorwyr", "Hafan",
                  "Mae'r ddogfen hon ar gael yn Saesneg yn unig."):
        assert words in text.replace("&#x27;", "'"), words
    for visit in welsh + english:
        toggle = BeautifulSoup(visit.body, "lxml").select_one(".language-switcher a")
        if toggle is not None:
            assert toggle["hreflang"] in ("cy", "en") and canonical(
                visit.url.split("/", 3)[0] + "//" + visit.url.split("/", 3)[2] + toggle["href"]) in walks["ZRH"]


@pytest.mark.parametrize(("code", "words"), [
    ("ZRA", "Constitution Working Group"), ("ZRA", "WEBCASTING NOTICE"), ("ZRA", "Watch council meetings"),
    ("ZRA", "broadcast live to the Internet"),
    ("ZRB", "personal social media account"), ("ZRB", "Webcasting is the broadcasting"),
    ("ZRC", "Standards and Constitution Committee"), ("ZRC", "Webcasting of Member Meetings"),
    ("ZRD", "Audio recordings protocol"),
    ("ZRE", "streamed live on the council's YouTube channel"),
    ("ZRF", "FILMING AT MEETINGS"), ("ZRF", "Watch meetings live"),
    ("ZRH", "Social Media Policy"), ("ZRH", "camera on your device"),
    ("ZRI", "Webcasting privacy notice"), ("ZRI", "commercial filming"),
    ("ZRJ", "Website Policy"), ("ZRK", "A recording of the carols"),
])
def test_traps_are_there_and_are_not_the_answer(web, texts, code, words):
    pages = [url for url, text in texts[code].items() if words in text]
    assert pages, (code, words)
    answers = {canonical(url) for urls in web.policy_urls(code) for url in urls}
    assert not answers & set(pages) or code == "ZRF" and words == "Watch meetings live"


def test_committees_named_after_the_constitution_hold_agendas_not_the_constitution(web, walks, texts):
    for code, committee in (("ZRA", "Constitution Working Group"), ("ZRC", "Standards and Constitution Committee")):
        pdfs = [url for url in walks[code] if "/documents/g" in url and committee in url]
        assert len(pdfs) >= 6
        reports = [url for url in walks[code] if url.endswith("/Review of the Constitution.pdf")]
        assert reports and "Constitution" in texts[code][reports[0]]
        papers = web.meeting_papers(code)
        assert set(pdfs + reports) <= papers
        answers = {canonical(url) for urls in web.policy_urls(code) for url in urls}
        assert not answers & papers


def test_meeting_papers_are_known_for_every_council_with_meetings(web, walks):
    for code in CODES:
        papers = web.meeting_papers(code)
        assert len(papers) >= 8, code
        assert papers <= set(walks[code]), code  # every paper is linked
        answers = {canonical(url) for urls in web.policy_urls(code) for url in urls}
        assert not answers & papers


def test_moderngov_behaves_like_moderngov(web, walks):
    base = web.democracy_url("ZRA")
    status, _, _, location = fetch(base + "mgNoSuchPage.aspx?ID=1")
    assert status == 302 and location.startswith("/mgError.aspx")
    assert fetch(base + "mgerror.aspx")[0] == 200
    upper, lower = fetch(base + "mgListCommittees.aspx?bcr=1"), fetch(base + "MGLISTCOMMITTEES.ASPX?BCR=1")
    assert upper[0] == lower[0] == 200 and upper[2] == lower[2]
    assert fetch(base + "documents/s99999/Nothing.pdf")[0] == 404
    assert fetch(base)[0] == 302  # the root sends you to the cover page
    pages = {v.url: v.body.decode() for v in html_pages(walks["ZRA"])}
    info = next(body for url, body in pages.items() if "Info=1" in url)
    assert 'href="documents/s23114/Part 4 - Rules of Procedure.pdf"' in info  # raw spaces, as ModernGov writes
    raw = [url for url, body in pages.items() if re.search(r'href="[^"]*\?[^"]*&(?!amp;)[A-Za-z]+=', body)]
    escaped = [url for url, body in pages.items() if re.search(r'href="[^"]*\?[^"]*&amp;[A-Za-z]+=', body)]
    assert raw and escaped
    meeting = next(url for url in pages if re.search(r"ieListDocuments\.aspx\?CId=\d+&MId=\d+&Ver=4$", url))
    cid, mid = re.findall(r"=(\d+)", meeting)[:2]
    assert fetch(f"{base}ieListDocuments.aspx?MId={mid}&CId={cid}")[2] == pages[meeting].encode()  # any order
    assert fetch(base + "mgListCommittees.aspx")[0] == 200  # bcr=1 only resets the breadcrumbs
    assert fetch(base + "mgError.aspx?aspxerrorpath=/mgNoSuchPage.aspx")[0] == 200  # no redirect loop
    skinned = web.democracy_url("ZRB")
    assert skinned.endswith("/moderngov/") and fetch(skinned + "nothing.aspx")[3].startswith("/moderngov/mgError.aspx")
    drupal = next(v.body.decode() for v in html_pages(walks["ZRB"]) if "ecCatDisplay" in v.url)
    assert "Drupal 10" in drupal and 'class="mgContent"' in drupal  # ModernGov in the CMS's theme


@pytest.mark.parametrize(("code", "pattern"), [
    ("ZRA", r"/ieListMeetings\.aspx\?CommitteeId=\d+&info=1$"),
    ("ZRA", r"/ieListDocuments\.aspx\?CId=\d+&MId=\d+&Info=1$"),
    ("ZRA", r"/mgCalendarMonthView\.aspx"), ("ZRA", r"/mgUserInfo\.aspx\?UID=\d+$"), ("ZRA", r"/mgRss\.aspx\?CID="),
    ("ZRA", r"/ieDecisionDetails\.aspx\?ID=\d+$"), ("ZRA", r"/mgIssueHistoryHome\.aspx\?IId=\d+&Opt=0$"),
    ("ZRA", r"/mgDelegatedDecisions\.aspx"), ("ZRA", r"/documents/s\d+/[^/]+ [^/]+\.pdf$"),
    ("ZRA", r"/downloads/download/\d+/\w+$"), ("ZRA", r"/downloads/file/\d+/\w+$"), ("ZRA", r"/directory/\d+/\w+$"),
    ("ZRA", r"/info/\d+/\w+/\d+/\w+$"), ("ZRA", r"/a_to_z/[A-Z]$"),
    ("ZRB", r"/moderngov/ecCatDisplay\.aspx\?sch=doc&cat=\d+$"), ("ZRB", r"/moderngov/ecSDDisplay\.aspx\?NAME=SD\d+"),
    ("ZRB", r"/moderngov/ecSDDisplayClassic\.aspx\?NAME=SD\d+"), ("ZRB", r"/sites/default/files/\d{4}-\d{2}/.+\.pdf$"),
    ("ZRC", r"/mgGeneric\.aspx\?MD=mgconstitution$"), ("ZRC", r"/mgConvert2PDF\.aspx\?ID=\d+$"),
    ("ZRC", r"/article/\d+/[A-Za-z-]+$"), ("ZRC", r"/media/\d+/[A-Za-z-]+/pdf/\w+\.pdf$"),
    ("ZRD", r"/cmis5/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/\d+/Committee/\d+/"),
    ("ZRD", r"/cmis5/Committees/tabid/62/ctl/ViewCMIS_CommitteeDetails/mid/381/id/\d+/Default\.aspx$"),
    ("ZRD", r"/cmis5/Document\.ashx\?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo="), ("ZRD", r"/cmis5/HaveYourSay\.aspx$"),
    ("ZRD", r"/[a-z-]+/[a-z-]+\.aspx$"), ("ZRD", r"/documents/council-and-democracy/.+\.pdf$"),
    ("ZRE", r"/__data/assets/pdf_file/00\d\d/\d+/.+\.pdf$"), ("ZRE", r"/a-to-z/[a-z]$"), ("ZRE", r"/search\?query=\w+"),
    ("ZRF", r"/media/[a-z0-9]{8}/.+\.pdf$"), ("ZRG", r"/wp-content/uploads/\d{4}/\d{2}/.+\.(pdf|docx)$"),
    ("ZRH", r"/cy/dogfennau/$"), ("ZRI", r"/a-z/[a-z]$"), ("ZRI", r"/search\?q="),
    ("ZRJ", r"/documents/category/[a-z-]+/$"), ("ZRJ", r"/uploads/documents/\d{4}/\d{2}/[a-z0-9-]+\.pdf$"),
    ("ZRK", r"/[a-z-]+\.php$"), ("ZRK", r"/docs/minutes/Minutes-\d{4}-\d{2}-\d{2}\.pdf$"),
])
def test_addresses_have_the_shapes_of_the_real_platforms(walks, code, pattern):
    assert any(re.search(pattern, url) for url in walks[code]), pattern


def test_site_search_answers_any_query_and_unknown_pages_get_the_sites_own_404(web):
    status, kind, body, _ = fetch(web.website("ZRE") + "search?query=filming+meetings")
    assert status == 200 and "Filming and recording at meetings" in body.decode()
    status, _, body, _ = fetch(web.website("ZRE") + "search?query=zebra+crossing+xylophone")
    assert status == 200 and "0 results" in body.decode()
    status, _, body, _ = fetch(web.website("ZRG") + "?s=allotments")
    assert status == 200 and "/town-information/allotments/" in body.decode()
    status, _, body, _ = fetch(web.website("ZRB") + "search?s=constitution")
    assert status == 200 and "/moderngov/" not in body.decode().split("<main", 1)[1].split("</main>")[0]
    status, kind, body, _ = fetch(web.website("ZRC") + "no/such/page")
    assert status == 404 and "Page not found" in body.decode() and 'class="site-footer"' in body.decode()


def test_the_a_to_z_is_the_shortest_way_to_the_ashcombe_protocol(web, walks):
    visits = walks["ZRE"]
    target = canonical(web.policy_urls("ZRE")[0][0])
    parents = {v.url: [u for u, w in visits.items() if v.url in w.links and w.depth == v.depth - 1]
               for v in visits.values()}
    path, url = [target], target
    while visits[url].depth > 0:
        url = parents[url][0]
        path.append(url)
    assert [re.sub(r"^http://[^/]+", "", u) for u in reversed(path)][1:3] == ["/a-to-z", "/a-to-z/f"]


def test_unknown_council_and_host_are_refused(web):
    with pytest.raises(UnknownSite):
        RealisticWeb(["ZZZ"])
    with pytest.raises(UnknownSite):
        web.website("ZZZ")
    assert web.democracy_url("ZRE") == ""
