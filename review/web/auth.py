"""Logging reviewers in and out, with failed logins throttled, and the `login_required` guard."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from review.accounts import check_login
from review.web.db import get_db
from review.web.sessions import current_reviewer, log_in, log_out
from review.web.throttle import THROTTLE, LoginThrottle
from review.web.urls import safe_next

logger = logging.getLogger(__name__)
blueprint = Blueprint("auth", __name__)


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Send visitors who are not logged in to the login page, then back (to a page they asked for, not a form
    they posted)."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if current_reviewer() is None:
            return redirect(url_for("auth.login", next=request.path if request.method == "GET" else None))
        return view(*args, **kwargs)

    return guarded


def _client() -> str:
    """The client's address (behind a configured proxy, the one it forwarded)."""
    return request.remote_addr or "unknown"


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int] | str:
    """The login form; on success, the page the reviewer wanted."""
    if request.method == "GET":
        return render_template("login.html", next=request.args.get("next", ""))
    name, wanted = request.form.get("name", ""), request.form.get("next", "")
    throttle: LoginThrottle = current_app.extensions[THROTTLE]
    wait, reason = throttle.retry_after(_client(), name)
    if wait:
        logger.warning("login for %r from %s refused: too many failed logins %s", name.strip(), _client(), reason)
        page = render_template("login.html", next=wanted, name=name,
                               error=f"Too many failed logins {reason}. Wait {wait} second(s), then try again.")
        return Response(page, status=429, headers={"Retry-After": str(wait)}, mimetype="text/html")
    reviewer = check_login(get_db(), name, request.form.get("password", ""))
    if reviewer is None:
        throttle.failed(_client(), name)
        return render_template("login.html", next=wanted, name=name,
                               error="That name and password do not match a reviewer."), 401
    throttle.succeeded(_client(), name)
    log_in(reviewer["name"], reviewer["session_token"])
    flash(f"Logged in as {reviewer['name']}.")
    return redirect(safe_next(wanted, url_for("views.queue")))


@blueprint.route("/logout", methods=["POST"])
def logout() -> Response:
    """End the reviewer's sessions, here and in any other browser."""
    log_out()
    flash("Logged out.")
    return redirect(url_for("auth.login"))
