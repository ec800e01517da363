"""HTML extraction: main text only, blocks on their own lines, title and dates."""

from __future__ import annotations

import pytest

from pipeline.text import extract

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Filming at meetings | Example Council</title>
<script>var tracking = "Last updated 1 January 2020";</script><style>p {color: red}</style></head>
<body class="has-cookie-banner">
<a class="govuk-skip-link" href="#main">Skip to main content</a>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to make this site work.</p>
<button>Accept all cookies</button></div>
<header class="site-header"><a href="/">Example Council home</a><form><input name="q"></form></header>
<nav aria-label="Main menu"><ul><li><a href="/bins">Bins and recycling</a></li></ul></nav>
<div class="breadcrumbs"><ol><li>Home</li><li>Council and democracy</li></ol></div>
<main id="main">
  <h1>Filming and recording   council meetings</h1>
  <p>Members of the public and press may film,
     photograph or audio-record any <strong>public</strong> meeting.</p>
  <h2>Conditions</h2>
  <ul>
    <li>Tell the clerk before the meeting starts.</li>
    <li>Do not film members of the public who object.</li>
  </ul>
  <aside class="related"><h2>Related pages</h2><p>Council tax</p></aside>
  <p style="display:none">Hidden draft text</p>
  <table><tr><th>Activity</th><th>Allowed</th></tr><tr><td>Tweeting</td><td>Yes</td></tr></table>
</main>
<footer><p>&copy; Example Council</p><p>Page last updated: 12 May 2024</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def extraction():
    return extract(PAGE.encode(), "text/html; charset=utf-8", "https://example.gov.uk/filming")


@pytest.mark.parametrize(
    "must_contain",
    [
        "Filming and recording council meetings\n\nMembers of the public",
        "may film, photograph or audio-record any public meeting.",
        "Conditions\n\nTell the clerk before the meeting starts.\n"
        "Do not film members of the public who object.",
        "Activity\nAllowed\n\nTweeting\nYes",
    ],
)
def test_main_text_kept(extraction, must_contain: str) -> None:
    assert must_contain in extraction.text


@pytest.mark.parametrize(
    "must_not_contain",
    [
        "Skip to", "cookies", "Example Council home", "Bins and recycling", "Council and democracy",
        "Related pages", "Hidden draft", "tracking", "color", "\u00a9", "Page last updated",
    ],
)
def test_furniture_removed(extraction, must_not_contain: str) -> None:
    assert must_not_contain not in extraction.text


def test_normalised_and_anchored(extraction) -> None:
    assert extraction.format == "html"
    assert extraction.page_starts == (0,) and extraction.page_count == 1
    assert extraction.page_of(len(extraction.text) - 1) == 1
    assert "  " not in extraction.text and "\n\n\n" not in extraction.text


def test_title_from_h1(extraction) -> None:
    assert extraction.title == "Filming and recording council meetings"


def test_footer_date_used_when_main_text_has_none(extraction) -> None:
    assert [(d.label, d.date.isoformat(), d.quote) for d in extraction.dates] == [
        ("updated", "2024-05-12", "last updated: 12 May 2024"),
    ]


def test_title_from_title_tag_and_body_without_main() -> None:
    page = (
        b"<html><head><title>Standing Orders</title></head>"
        b"<body><div>Recording is allowed.</div></body></html>"
    )
    result = extract(page, "text/html", "https://example.gov.uk/so")
    assert result.title == "Standing Orders"
    assert result.text == "Recording is allowed."


def test_article_header_kept_inside_article() -> None:
    page = (
        b"<html><body><header>Site name</header><article><header><h1>Protocol</h1></header>"
        b"<p>Filming is permitted.</p></article><footer>Footer</footer></body></html>"
    )
    assert extract(page, "text/html", "https://example.gov.uk/p").text == "Protocol\n\nFilming is permitted."


def test_meta_date_fallback() -> None:
    page = (
        b'<html><head><meta name="DCTERMS.modified" content="2023-11-02"></head>'
        b"<body><p>Filming is permitted.</p></body></html>"
    )
    dates = extract(page, "text/html", "https://example.gov.uk/p").dates
    assert [(d.label, d.date.isoformat()) for d in dates] == [("updated", "2023-11-02")]


def test_deeply_nested_page() -> None:
    page = b"<html><body>" + b"<div>" * 3000 + b"Deep text" + b"</div>" * 3000 + b"</body></html>"
    assert "Deep text" in extract(page, "text/html", "https://example.gov.uk/deep").text
