"""Confirming many high-confidence `new_council` flags at once: the queue shows what each will publish, the
reviewer asks once, and each flag is confirmed (and audited) on its own."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from werkzeug.wrappers import Response

from review.web.auth import login_required
from review.web.db import get_db
from review.web.sessions import current_reviewer
from review.workflow import confirm_new_councils

blueprint = Blueprint("bulk", __name__)
# At most this many flags in one request: the first night raises one per council (a few hundred).
MAX_FLAGS = 1000


@blueprint.route("/confirm-new-councils", methods=["POST"])
@login_required
def confirm_new_councils_view() -> Response:
    """Confirm the flags the queue listed (by number), each in its own transaction with its own audit event."""
    reviewer = current_reviewer()
    if reviewer is None:  # login_required guards this; it keeps the type checker certain
        abort(403)
    ids = [int(v) for v in request.form.getlist("flag") if v.isdigit()][:MAX_FLAGS]
    done, skipped = confirm_new_councils(get_db(), ids, reviewer, request.form.get("note") or None)
    flash(f"Confirmed {len(done)} new council(s): these are now their published answers.")
    for flag_id, reason in skipped.items():
        flash(f"Not confirmed #{flag_id}: {reason}")
    return redirect(url_for("views.queue"), code=303)
