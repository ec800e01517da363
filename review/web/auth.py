"""Logging reviewers in and out (a signed Flask session), and the `login_required` guard."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from review.accounts import check_login
from review.web.app import THROTTLE, get_db
from review.web.throttle import LoginThrottle

logger = logging.getLogger(__name__)
blueprint = Blueprint("auth", __name__)
SESSION_KEY = "reviewer"


def current_reviewer() -> str | None:
    """The logged-in reviewer's name, or None."""
    return session.get(SESSION_KEY)


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Send visitors who are not logged in to the login page, then back."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if current_reviewer() is None:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return guarded


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never another host (`//evil`, `https://evil`)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("views.queue")


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int] | str:
    """The login form; on success, the page the reviewer wanted."""
    if request.method == "GET":
        return render_template("login.html", next=request.args.get("next", ""))
    name = request.form.get("name", "")
    throttle: LoginThrottle = current_app.extensions[THROTTLE]
    wait = throttle.retry_after(name)
    if wait:
        logger.warning("login refused for %r: too many failed logins", name.strip())
        minutes = -(-wait // 60)
        page = render_template("login.html", next=request.form.get("next", ""), name=name,
                               error=f"Too many failed logins for this name. Try again in {minutes} minute(s).")
        return Response(page, status=429, headers={"Retry-After": str(wait)}, mimetype="text/html")
    if not check_login(get_db(), name, request.form.get("password", "")):
        throttle.failed(name)
        return render_template("login.html", next=request.form.get("next", ""), name=name,
                               error="That name and password do not match a reviewer."), 401
    throttle.succeeded(name)
    session.clear()  # a fresh session at login
    session[SESSION_KEY] = name.strip()
    flash(f"Logged in as {name.strip()}.")
    return redirect(_safe_next(request.form.get("next")))


@blueprint.route("/logout", methods=["POST"])
def logout() -> Response:
    """Forget the session."""
    session.clear()
    flash("Logged out.")
    return redirect(url_for("auth.login"))
