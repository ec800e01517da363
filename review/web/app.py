"""The Flask application factory: configuration, the store per request, sessions, CSRF protection, security
headers, error pages."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from clock import local_time
from review.web import auth, bulk, pages, publicsite, sessions, views
from review.web.db import close_db
from review.web.headers import secure_headers
from review.web.sessionkey import session_key
from review.web.throttle import THROTTLE, LoginThrottle
from review.web.urls import link
from review.workflow import FlagNotFound, ReviewError
from rules.taxonomy import LOW

logger = logging.getLogger(__name__)


def create_app(db_path: str | Path, secret_key: str | None = None, testing: bool = False,
               behind_proxy: bool = False, public_site: publicsite.PublicSite | None = None) -> Flask:
    """The review web application on the store at `db_path`. With `behind_proxy`, the app trusts the
    X-Forwarded-For, -Proto and -Host headers of the one reverse proxy in front of it (and no others').
    `public_site` is told after each decision and says whether the public site is up to date
    (review/web/publicsite.py)."""
    app = Flask(__name__)
    app.config.update(
        DB_PATH=str(db_path),
        SECRET_KEY=secret_key or session_key(db_path),
        TESTING=testing,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=sessions.LIFETIME_S,  # signed cookies older than this are refused outright
        WTF_CSRF_ENABLED=True,  # also when testing: the tests prove forms without a token are refused
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
    )
    if behind_proxy:
        # Flask's documented way to add WSGI middleware, which mypy reads as replacing a method.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    app.session_interface = sessions.ReviewSessionInterface()
    CSRFProtect(app)  # its check runs first, then the reviewer is loaded
    app.before_request(sessions.load_reviewer)
    app.after_request(secure_headers)
    app.extensions[THROTTLE] = LoginThrottle()
    app.register_blueprint(auth.blueprint)
    app.register_blueprint(views.blueprint)
    app.register_blueprint(pages.blueprint)
    app.register_blueprint(bulk.blueprint)
    app.teardown_appcontext(close_db)
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.globals.update(labels=_label, link=link, current_reviewer=sessions.current_reviewer,
                                 LOW_CONFIDENCE=LOW)
    publicsite.install(app, public_site)
    _error_pages(app)
    return app


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
