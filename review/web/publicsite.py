"""The public site, as the review page sees it: told after each decision, and asked whether it is up to date.

The site is published by a layer above this one (publish/), so the caller of `create_app` hands down an object
that can be told and asked (`ocm serve` gives a `publish.auto.AutoPublisher`). Every POST of the review page that
succeeds with a redirect, other than logging in and out, is a decision (confirm, reject, correct, confirm many):
the site is told after it. The page says "published to the public site" only in the words of `status()`, which
says so only once it is true.
"""

from __future__ import annotations

from typing import Protocol

from flask import Flask, Response, current_app, request

EXTENSION = "ocm_public_site"
NOT_DECISIONS = ("auth",)  # blueprints whose forms decide nothing (log in, log out)


class PublicSite(Protocol):
    """What the review page needs of the public site's publisher."""

    def request(self) -> None:
        """A decision was made: publish it (debounced, in the background)."""

    def status(self) -> str:
        """Whether every decision is on the public site yet, in words for reviewers ("" when unknown)."""


def install(app: Flask, site: PublicSite | None) -> None:
    """Tell `site` after every decision, and give the templates `public_site_status()`."""
    app.extensions[EXTENSION] = site
    app.jinja_env.globals["public_site_status"] = public_site_status
    if site is not None:
        app.after_request(_after_decision)


def public_site_status() -> str:
    """The publisher's word on the public site, or "" when this review page publishes nothing."""
    site = current_app.extensions.get(EXTENSION)
    return site.status() if site is not None else ""


def _after_decision(response: Response) -> Response:
    site = current_app.extensions.get(EXTENSION)
    if (site is not None and request.method == "POST" and response.status_code in (302, 303)
            and request.blueprint not in NOT_DECISIONS):
        site.request()
    return response
