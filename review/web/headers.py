"""Security headers on every response: a strict Content-Security-Policy (the pages' only script, the keyboard
shortcuts, and their only style sheet are static files of this site; nothing inline), no framing, no MIME
sniffing, no addresses leaked to other sites, no reviewer page in any cache, and HSTS on HTTPS."""

from __future__ import annotations

from flask import request
from werkzeug.wrappers import Response

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'none'",  # no frame, font, connection or object of any origin
    "script-src 'self'",  # static/shortcuts.js only: no inline script, no eval
    "style-src 'self'",
    "img-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
))
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "X-Content-Type-Options": "nosniff",
    # Same-origin, not no-referrer: Flask-WTF checks that a form posted over HTTPS came from this site's pages.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
NO_STORE = "no-store"
HSTS = "max-age=31536000"  # a year, this host only


def secure_headers(response: Response) -> Response:
    """After each request: the headers above; no-store on every page but the static style sheet."""
    response.headers.update(HEADERS)
    if request.endpoint != "static":
        response.headers["Cache-Control"] = NO_STORE
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = HSTS
    return response
