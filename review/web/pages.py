"""The pages around the queue: every council with where it stands, and the history of decisions."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from review.web.auth import login_required
from review.web.db import get_db
from review.web.standing import STANDINGS, matches, standings
from store.councils import council_rows
from store.events import list_events
from store.reviewers import list_reviewers

blueprint = Blueprint("pages", __name__)
# The history shows at most this many decisions at once; the filters narrow it.
HISTORY_ROWS = 500
ACTIONS = ("confirm", "reject", "correct")


@blueprint.route("/councils")
@login_required
def councils() -> str:
    """Every council, searchable by code or name and filterable by where it stands."""
    db = get_db()
    rows = council_rows(db)
    marks = standings(db, rows)
    words = " ".join(request.args.get("q", "").split())[:100]
    status = request.args.get("status", "")
    status = status if status in STANDINGS else ""
    shown = [c for c in rows if matches(c, words) and (not status or status in marks[c["code"]])]
    counts = {s: sum(s in m for m in marks.values()) for s in STANDINGS}
    return render_template("councils.html", councils=shown, marks=marks, q=words, status=status,
                           standings=STANDINGS, counts=counts, total=len(rows))


@blueprint.route("/history")
@login_required
def history() -> str:
    """Decided flags, newest first, filterable by reviewer, action and council: the audit trail."""
    db = get_db()
    reviewers = [r["name"] for r in list_reviewers(db)]
    reviewer = request.args.get("reviewer", "")
    action = request.args.get("action", "")
    council = request.args.get("council", "").strip().upper()[:20]
    events = list_events(db, council=council or None, action=action if action in ACTIONS else None)
    decided_by = sorted({e.reviewer for e in events} | set(reviewers))
    if reviewer:
        events = [e for e in events if e.reviewer == reviewer]
    names = {c["code"]: c["name"] for c in council_rows(db)}
    return render_template("history.html", events=events[:HISTORY_ROWS], total=len(events), reviewers=decided_by,
                           reviewer=reviewer, action=action if action in ACTIONS else "", council=council,
                           actions=ACTIONS, names=names, limit=HISTORY_ROWS)
