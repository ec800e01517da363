"""The review pages: the queue, one flag (with its decision forms), a council, a stored snapshot."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from review.confidence import flag_is_low, queue_key
from review.kinds import NEW_COUNCIL, SOURCE_GONE
from review.web.auth import login_required
from review.web.db import get_db
from review.web.diff import clauses, word_diff
from review.web.sessions import current_reviewer
from review.workflow import confirm, correct, find_flag, reject
from rules.taxonomy import ACTIVITIES, CONDITIONS, STATUTE_ENGLAND, VERDICTS
from store.councils import council_rows
from store.documents import get_snapshot
from store.events import list_events
from store.flags import PENDING, list_flags
from store.policies import published_history, published_policy
from store.records import Flag

blueprint = Blueprint("views", __name__)


def _council(code: str) -> dict | None:
    return next(iter(council_rows(get_db(), [code])), None)


def _names() -> dict[str, str]:
    return {c["code"]: c["name"] for c in council_rows(get_db())}


@blueprint.route("/")
@login_required
def queue() -> str:
    """Pending flags, most important first; within a kind, those read with low confidence first."""
    flags = sorted(list_flags(get_db(), PENDING), key=queue_key)
    return render_template("queue.html", flags=flags, names=_names(), low={f.id for f in flags if flag_is_low(f)},
                           NEW_COUNCIL=NEW_COUNCIL, SOURCE_GONE=SOURCE_GONE)


@blueprint.route("/flag/<int:flag_id>")
@login_required
def flag_page(flag_id: int) -> str:
    """One flag: before and after side by side, a word diff of the clauses, and the decision forms."""
    flag = find_flag(get_db(), flag_id)
    diff = None
    if flag.kind not in (NEW_COUNCIL, SOURCE_GONE):
        diff = word_diff(clauses(flag.before), clauses(flag.entry))
    return render_template(
        "flag.html", flag=flag, council=_council(flag.council), diff=diff, pending=flag.status == PENDING,
        events=list_events(get_db(), flag_id=flag_id), activities=ACTIVITIES, verdicts=VERDICTS,
        conditions=CONDITIONS, NEW_COUNCIL=NEW_COUNCIL, SOURCE_GONE=SOURCE_GONE, statute=STATUTE_ENGLAND)


@blueprint.route("/flag/<int:flag_id>/confirm", methods=["POST"])
@login_required
def confirm_flag(flag_id: int) -> Response:
    """Publish the flag's change."""
    flag = confirm(get_db(), flag_id, _reviewer(), request.form.get("note") or None)
    flash(f"Confirmed #{flag_id}: the change is published.")
    return _after_decision(flag)


@blueprint.route("/flag/<int:flag_id>/reject", methods=["POST"])
@login_required
def reject_flag(flag_id: int) -> Response:
    """Keep what is published; the same change will not come back."""
    flag = reject(get_db(), flag_id, _reviewer(), request.form.get("note", ""))
    flash(f"Rejected #{flag_id}: what was published stays.")
    return _after_decision(flag)


@blueprint.route("/flag/<int:flag_id>/correct", methods=["POST"])
@login_required
def correct_flag(flag_id: int) -> Response:
    """Publish the reviewer's own verdict and conditions, with the flag's evidence."""
    form = request.form
    flag = correct(get_db(), flag_id, _reviewer(), form.get("verdict", ""), form.getlist("condition"),
                   form.get("note", ""), activity=form.get("activity") or None)
    flash(f"Corrected #{flag_id}: your verdict is published.")
    return _after_decision(flag)


def _reviewer() -> str:
    name = current_reviewer()
    if name is None:  # login_required guards every decision; this keeps the type checker certain
        abort(403)
    return name


def _after_decision(flag: Flag) -> Response:
    return redirect(url_for("views.council_page", code=flag.council), code=303)


@blueprint.route("/council/<code>")
@login_required
def council_page(code: str) -> str:
    """A council's published policy with its evidence and reviewers, and its history."""
    council = _council(code)
    if council is None:
        abort(404)
    db = get_db()
    return render_template(
        "council.html", council=council, published=published_policy(db, code), activities=ACTIVITIES,
        history=published_history(db, code), flags=list_flags(db, None, code), events=list_events(db, code),
        pending=len(list_flags(db, PENDING)), statute=STATUTE_ENGLAND)


@blueprint.route("/snapshot/<int:snapshot_id>")
@login_required
def snapshot_page(snapshot_id: int) -> str:
    """A stored text, exactly as the crawl kept it, with where and when it came from."""
    snapshot = get_snapshot(get_db(), snapshot_id)
    if snapshot is None:
        abort(404)
    return render_template("snapshot.html", snapshot=snapshot, council=_council(snapshot["council"]))
