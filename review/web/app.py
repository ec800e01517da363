"""The Flask application factory: configuration, the store per request, CSRF protection, error pages."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask, g, render_template
from flask_wtf.csrf import CSRFError, CSRFProtect

from review.render import local_time
from review.web.throttle import LoginThrottle
from review.workflow import FlagNotFound, ReviewError
from rules.taxonomy import LOW
from store import open_db, utcnow
from store.appsettings import setting_once

logger = logging.getLogger(__name__)

SECRET_KEY_ENV = "OCM_SECRET_KEY"
SECRET_KEY_SETTING = "web_secret_key"
THROTTLE = "ocm_login_throttle"  # the app's LoginThrottle, in app.extensions


def session_key(db_path: str | Path) -> str:
    """The session-signing key: $OCM_SECRET_KEY, else one generated once and kept in the store."""
    from_env = os.environ.get(SECRET_KEY_ENV)
    if from_env:
        return from_env
    db = open_db(db_path)
    try:
        return setting_once(db, SECRET_KEY_SETTING, secrets.token_hex(32), utcnow())
    finally:
        db.close()


def create_app(db_path: str | Path, secret_key: str | None = None, testing: bool = False) -> Flask:
    """The review web application on the store at `db_path`."""
    from review.web import auth, views

    app = Flask(__name__)
    app.config.update(
        DB_PATH=str(db_path),
        SECRET_KEY=secret_key or session_key(db_path),
        TESTING=testing,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_ENABLED=True,  # also when testing: the tests prove forms without a token are refused
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
    )
    CSRFProtect(app)
    app.extensions[THROTTLE] = LoginThrottle()
    app.register_blueprint(auth.blueprint)
    app.register_blueprint(views.blueprint)
    app.teardown_appcontext(_close_db)
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.globals["labels"] = _label
    app.jinja_env.globals["LOW_CONFIDENCE"] = LOW
    _error_pages(app)
    return app


def get_db() -> Any:
    """The store for this request, opened on first use and closed when the request ends."""
    if "db" not in g:
        from flask import current_app

        g.db = open_db(current_app.config["DB_PATH"])
    return g.db


def _close_db(_exc: BaseException | None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def _label(code: str | None) -> str:
    """A domain code as words for people: `chair_consent` -> `chair consent`."""
    return (code or "").replace("_", " ")


def _error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_refused(error: CSRFError) -> tuple[str, int]:
        logger.warning("form refused: %s", error.description)
        return render_template("error.html", title="Form refused",
                               message="This form could not be checked (it may be out of date). "
                                       "Go back, reload the page and try again."), 400

    @app.errorhandler(FlagNotFound)
    def no_flag(error: FlagNotFound) -> tuple[str, int]:
        return render_template("error.html", title="Not found", message=str(error)), 404

    @app.errorhandler(404)
    def not_found(_error: Exception) -> tuple[str, int]:
        return render_template("error.html", title="Not found", message="There is no such page."), 404

    @app.errorhandler(ReviewError)
    def refused(error: ReviewError) -> tuple[str, int]:
        return render_template("error.html", title="Not done", message=str(error)), 409
