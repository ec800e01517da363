"""The sample council web: sites, documents, nights, faults and registry (127.0.0.1 only)."""

from __future__ import annotations

import csv
import difflib
import io
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import docx
import pypdfium2
import pytest
from bs4 import BeautifulSoup

from sampleweb import COLUMNS, SITES, SampleWeb, SampleWebError, UnknownSite
from sampleweb.sites import FILMING_CLAUSE

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
POLICY_WORDS = re.compile(r"film|record|photo|broadcast|social media|tweet|blog", re.I)


@pytest.fixture(scope="module")
def web() -> Iterator[SampleWeb]:
    with SampleWeb() as running:
        yield running


@pytest.fixture(autouse=True)
def reset(web: SampleWeb) -> Iterator[None]:
    yield
    web.clear_faults()
    web.set_night(1)


def fetch(url: str, timeout: float = 5.0) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.headers["Content-Type"], response.read()


def status_of(url: str) -> int:
    try:
        return fetch(url)[0]
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


def soup(url: str) -> BeautifulSoup:
    status, kind, body = fetch(url)
    assert (status, kind) == (200, "text/html; charset=utf-8")
    return BeautifulSoup(body, "html.parser")


def link(page: BeautifulSoup, text: str) -> str:
    return next(a["href"] for a in page.find_all("a") if text in a.get_text())


def pdf_pages(body: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(body)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return pages
    finally:
        document.close()


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_site_has_a_home_page_with_links_and_robots(web: SampleWeb) -> None:
    assert set(web.sites) == {"moderngov", "cmis", "cms-protocol", "cms-html", "docx", "welsh", "nopolicy",
                              "agenda"}
    for slug, site in web.sites.items():
        base = web.base_url(slug)
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", base)  # the sample web is on loopback
        home = soup(base)
        assert site.name in home.title.get_text()
        hrefs = [a["href"] for a in home.find_all("a")]
        assert len(hrefs) > 8
        assert home.find(id="cookie-banner") and home.find("footer")
        for href in hrefs:  # no broken internal links one step from home
            if href.startswith("/") or not href.startswith(("http", "#")):
                assert status_of(urljoin(base, href)) == 200, (slug, href)
        assert fetch(base + "robots.txt")[2] == b"User-agent: *\nAllow: /\n"
        assert status_of(base + "no-such-page") == 404


def test_moderngov_constitution_links_one_pdf_per_part_with_rule_21(web: SampleWeb) -> None:
    index_url = web.base_url("moderngov") + "mgGeneric.aspx?MD=mgconstitution"
    hrefs = [a["href"] for a in soup(index_url).select("ul.mgBulletList a")]
    assert len(hrefs) == 5
    assert all(re.fullmatch(r"documents/s\d{5}/Part%20\d%20-%20[\w%]+\.pdf", h) for h in hrefs)
    texts = {}
    for href in hrefs:
        status, kind, body = fetch(urljoin(index_url, href))
        assert (status, kind) == (200, "application/pdf")
        pages = pdf_pages(body)
        assert len(pages) >= 2
        texts[href] = flat(" ".join(pages))
    part4 = texts[hrefs[3]]
    assert "Photography and audio recordings of meetings" in part4
    assert "21.2 Filming, photographing and audit recording of any meeting" in part4
    assert "single fixed position without the use of any additional lighting" in part4
    assert "20. Disturbance by the public" in part4 and "7. Quorum" in part4 and "14. Voting" in part4
    assert "Source: https://www.gloucestershire.gov.uk/constitution/part-4-rules-of-procedure/" in part4  # shown text
    assert not any(POLICY_WORDS.search(text) for href, text in texts.items() if href != hrefs[3])


def test_moderngov_night_2_changes_pdf_bytes_not_text(web: SampleWeb) -> None:
    url = web.base_url("moderngov") + "documents/s12304/Part%204%20-%20Rules%20of%20Procedure.pdf"
    night1 = fetch(url)[2]
    assert fetch(url)[2] == night1
    web.set_night(2, "moderngov")
    night2 = fetch(url)[2]
    assert night2 != night1 and fetch(url)[2] == night2
    assert pdf_pages(night2) == pdf_pages(night1)


def test_cms_protocol_night_2_changes_only_the_filming_clause(web: SampleWeb) -> None:
    base = web.base_url("cms-protocol")
    meetings = soup(urljoin(base, link(soup(base), "Council and democracy")))
    meetings = soup(urljoin(base, link(meetings, "Meetings")))
    url = urljoin(base, link(meetings, "Filming and recording at meetings"))

    def clauses() -> list[str]:
        return [p.get_text() for p in soup(url).main.find_all("p")]

    night1 = clauses()
    web.set_night(2, "cms-protocol")
    night2 = clauses()
    changed = [line for line in difflib.ndiff(night1, night2) if line[:1] in "+-"]
    assert changed == [f"- {FILMING_CLAUSE[1]}", f"+ {FILMING_CLAUSE[2]}"]
    assert any("audio recordings" in c for c in night1) and any("social media" in c for c in night1)
    assert "Source: https://www.newportwight.org.uk/" in soup(url).footer.get_text()  # shown text


def test_cmis_constitution_links_the_filming_protocol(web: SampleWeb) -> None:
    base = web.base_url("cmis")
    constitution = urljoin(base, "cmis5/tabid/63/Default.aspx")
    href = link(soup(constitution), "Protocol on filming and recording")
    assert "/cmis5/Document.ashx?" in href
    status, kind, body = fetch(urljoin(constitution, href))
    assert (status, kind) == (200, "application/pdf")
    text = flat(" ".join(pdf_pages(body)))
    assert "allowed to film, audio record, photograph or use social media" in text
    assert "contacts the Democratic Services Officer" in text
    assert "Source: https://www.watford.gov.uk/" in text  # shown text


def test_docx_standing_orders(web: SampleWeb) -> None:
    base = web.base_url("docx")
    href = link(soup(urljoin(base, link(soup(base), "Policies"))), "Standing Orders")
    status, kind, body = fetch(urljoin(base, href))
    assert (status, kind) == (200, DOCX_TYPE)
    assert fetch(urljoin(base, href))[2] == body
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
    assert "(o) Subject to standing order 3(n), a person who attends a meeting is permitted to report" in text
    assert "may not provide an oral report or oral commentary" in text
    assert "Source: https://towncouncillor.com/" in text  # shown text


@pytest.mark.parametrize(("slug", "link_text", "must_contain"), [
    ("cms-html", "Council and democracy", "You may record (film, audio, tweet, blog) meetings"),
    ("welsh", "Standing Orders", "not permitted without the Council's prior written consent"),
    ("agenda", "Attending meetings", "By entering the meeting room and using the public seating area"),
])
def test_html_policy_pages(web: SampleWeb, slug: str, link_text: str, must_contain: str) -> None:
    base = web.base_url(slug)
    page = soup(urljoin(base, link(soup(base), link_text)))
    if slug == "cms-html":
        page = soup(urljoin(base, link(page, "Committee meetings")))
        page = soup(urljoin(base, link(page, "Filming and photography")))
    assert must_contain in page.main.get_text()
    assert "Source: https://" in page.footer.get_text()  # shown text


def test_nopolicy_standing_orders_say_nothing_about_filming(web: SampleWeb) -> None:
    base = web.base_url("nopolicy")
    page = soup(urljoin(base, link(soup(base), "Council and government")))
    page = soup(urljoin(base, link(page, "Standing Orders")))
    status, kind, body = fetch(urljoin(base, link(page, "Standing Orders for Meetings")))
    text = flat(" ".join(pdf_pages(body)))
    assert kind == "application/pdf" and "Quorum" in text
    assert not POLICY_WORDS.search(text)


def test_status_faults_then_clear(web: SampleWeb) -> None:
    base = web.base_url("cms-html")
    web.inject_fault("cms-html", "500")
    assert status_of(base) == 500
    assert status_of(base + "robots.txt") == 200
    web.clear_faults("cms-html")
    web.inject_fault("cms-html", "404", path="/council-and-democracy")
    web.inject_fault("cms-html", "410", path="/council-tax")
    web.inject_fault("cms-html", "503", path="/planning")
    assert [status_of(base + p) for p in ("", "council-and-democracy", "council-tax", "planning")] == [
        200, 404, 410, 503]
    web.clear_faults()
    assert status_of(base + "council-and-democracy") == 200
    assert web.request_log("cms-html")[-5:] == ["/", "/council-and-democracy", "/council-tax", "/planning",
                                                "/council-and-democracy"]


def test_timeout_fault_holds_then_clears(web: SampleWeb) -> None:
    base = web.base_url("welsh")
    web.inject_fault("welsh", "timeout", seconds=2)
    started = time.monotonic()
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        fetch(base, timeout=0.5)
    assert time.monotonic() - started < 1.5
    web.clear_faults("welsh")
    assert status_of(base) == 200


def test_write_registry(web: SampleWeb, tmp_path: Path) -> None:
    path = web.write_registry(tmp_path / "registry.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = {row["nice_name"]: row for row in reader}
        assert reader.fieldnames == COLUMNS == [
            "name", "nice_name", "local_authority_code", "gss_code", "nation", "region", "type", "tier",
            "principal_council", "website", "democracy_url", "democracy_url_source", "platform", "documents"]
    assert set(rows) == {site.nice_name for site in web.sites.values()}  # one row per site
    assert all(row["website"].startswith("http://127.0.0.1:") for row in rows.values())
    assert rows["Millbrook"]["platform"] == "ModernGov" and rows["Millbrook"]["democracy_url"]
    assert rows["Kingsford"]["democracy_url"].endswith("/cmis5/")
    assert rows["Cwm Ddu"]["nation"] == "Wales" and rows["Glenbrae"]["nation"] == "Scotland"
    assert [name for name, row in rows.items() if row["documents"]] == ["Little Haddow"]
    assert status_of(rows["Little Haddow"]["documents"]) == 200


def test_councils_are_fictional() -> None:
    """No sample council, of either sample web, shares a code or a name with a real one (the bundled registry)."""
    from registry import load_registry
    from sampleweb.realistic import COUNCILS

    real, _errors = load_registry(None)
    assert real, "the bundled registry of UK principal councils is empty"
    sample = [(s.code, s.name) for s in SITES] + [(c.code, c.name) for c in COUNCILS]
    assert not {code for code, _ in sample} & {c.code for c in real}
    assert not {name for _, name in sample} & {c.name for c in real}


def test_misuse_raises() -> None:
    with pytest.raises(UnknownSite):
        SampleWeb(["nowhere"])
    web = SampleWeb(["welsh"])
    with pytest.raises(SampleWebError):
        web.base_url("welsh")
    with pytest.raises(SampleWebError):
        web.inject_fault("welsh", "418")
