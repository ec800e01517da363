"""The accessibility harness itself: axe-core finds what it should, so an empty report from it means something."""

from __future__ import annotations

import pytest

from tests.axe import axe_violations
from tests.browser import chromium

pytestmark = pytest.mark.e2e  # a real browser


@pytest.fixture(scope="module")
def page():
    with chromium() as browser:
        yield browser.new_page()


def test_axe_reports_what_a_broken_page_lacks_even_under_a_strict_policy(page):
    page.set_content("<html><head><meta http-equiv='Content-Security-Policy' content=\"script-src 'none'\">"
                     "</head><body><main><img src='x.png'><a href='/'></a></main></body></html>")
    found = {v["id"] for v in axe_violations(page)}
    assert {"document-title", "html-has-lang", "image-alt", "link-name"} <= found


def test_axe_passes_a_plain_accessible_page(page):
    page.set_content("<!doctype html><html lang='en'><head><title>Fine</title></head>"
                     "<body><main><h1>Fine</h1><p>Nothing wrong here.</p></main></body></html>")
    assert axe_violations(page) == []
