"""Reviewer sessions as Flask-Login keeps them: the reviewer reloaded from the store on every request, and a
session refused once its reviewer's token has changed (logout, a new password), the reviewer is gone, or it has
been idle or open too long.

The session is Flask's signed cookie: HttpOnly, SameSite=Lax, with no expiry date (it ends with the browser), and
`Secure` whenever the request came over HTTPS (behind a proxy, only when the app is told to trust it).
"""

from __future__ import annotations

import logging
import time

from flask import Flask, flash, g, request, session
from flask.sessions import SecureCookieSessionInterface

from review.accounts import end_sessions, session_reviewer
from review.web.db import get_db

logger = logging.getLogger(__name__)

NAME, TOKEN, SINCE, SEEN = "reviewer", "token", "since", "seen"  # what the session cookie holds
IDLE_S = 2 * 3600  # a session unused this long ends
LIFETIME_S = 12 * 3600  # a session ends this long after its login, however busy
SEEN_EVERY_S = 60  # how often a busy session's last use is written (each write re-sends the cookie)


def now() -> float:
    """Seconds since the epoch: a session outlives the process, so its times are wall-clock times."""
    return time.time()


class ReviewSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with `Secure` cookies whenever the request is HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(request.is_secure) or super().get_cookie_secure(app)


def load_reviewer() -> None:
    """Before each request: the reviewer this session belongs to, reloaded from the store, in `g.reviewer`."""
    g.reviewer = None
    if request.endpoint == "static" or NAME not in session:
        return
    name = session_reviewer(get_db(), session.get(NAME), session.get(TOKEN))
    at = now()
    if name is None or _expired(at):
        logger.info("session of %r refused: %s", session.get(NAME), "ended" if name is None else "expired")
        session.clear()
        flash("Your session has ended: please log in again.")
        return
    g.reviewer = name
    if at - session[SEEN] >= SEEN_EVERY_S:
        session[SEEN] = int(at)


def _expired(at: float) -> bool:
    since, seen = session.get(SINCE), session.get(SEEN)
    if not isinstance(since, int) or not isinstance(seen, int):
        return True
    return at - since > LIFETIME_S or at - seen > IDLE_S


def log_in(name: str, token: str) -> None:
    """Start a fresh session for a reviewer who has just proved their password."""
    session.clear()
    at = int(now())
    session.update({NAME: name, TOKEN: token, SINCE: at, SEEN: at})
    g.reviewer = name


def log_out() -> None:
    """End this reviewer's sessions, in this browser and any other (their token changes), and forget this one."""
    if g.get("reviewer"):
        end_sessions(get_db(), g.reviewer)
        logger.info("reviewer %s logged out; their sessions ended", g.reviewer)
    session.clear()
    g.reviewer = None


def current_reviewer() -> str | None:
    """The name of the reviewer logged in for this request, or None."""
    return g.get("reviewer")
