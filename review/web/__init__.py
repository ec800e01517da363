"""The web review page: Flask + Jinja2, server-rendered, for reviewers who are not programmers."""

from review.web.app import create_app

__all__ = ["create_app"]
