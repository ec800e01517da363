"""The review pages: the queue, one flag (change first, with its decision forms), the whole-document diff of a
flag, a council, a stored snapshot."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from review.confidence import flag_is_low, is_low
from review.kinds import FLAG_KINDS, NEW_COUNCIL, SOURCE_GONE
from review.templates import decisions
from review.web.auth import login_required
from review.web.clauses import compare, in_document_order, shared_clauses
from review.web.db import get_db
from review.web.document_diff import flag_documents
from review.web.marks import anchor, marked_text, quoted_spans
from review.web.names import document_names, where
from review.web.queue import QueueFilter, high_confidence_new_councils, in_queue_order, next_flag
from review.web.sessions import current_reviewer
from review.workflow import FlagNotFound, confirm, correct, covered, find_flag, reject
from rules.taxonomy import ACTIVITIES, CONDITIONS, STATUTE_ENGLAND, VERDICTS
from store.councils import council_rows
from store.documents import failing_sources, get_snapshot
from store.events import list_events
from store.flags import PENDING, list_flags
from store.policies import published_history, published_policy
from store.records import Evidence, Flag, PolicyEntry, entries_of

blueprint = Blueprint("views", __name__)
QUEUE = "queue"  # the session's queue filter: the next flag after a decision is the next one it shows


def _nations(councils: dict[str, dict]) -> set[str]:
    return {c["nation"] for c in councils.values() if c["nation"]}


def _chosen() -> QueueFilter:
    """The queue filter the reviewer last looked at (none: the whole queue)."""
    stored = session.get(QUEUE)
    return QueueFilter.from_args(stored if isinstance(stored, dict) else {}, _nations(_councils()))


def _next_after(flag: Flag) -> Flag | None:
    """The pending flag after `flag` in the queue the reviewer is working through (its filter applied)."""
    chosen, councils = _chosen(), _councils()
    return next_flag([f for f in list_flags(get_db(), PENDING) if chosen.keeps(f, councils.get(f.council))], flag)


def _council(code: str) -> dict | None:
    return next(iter(council_rows(get_db(), [code])), None)


def _councils() -> dict[str, dict]:
    return {c["code"]: c for c in council_rows(get_db())}


QUEUE_ROWS = 200  # decisions listed at once: a first night of thousands of councils is narrowed by the filters


@blueprint.route("/")
@login_required
def queue() -> str:
    """Pending flags, most important first (low confidence first within a kind), narrowed by the filters."""
    councils = _councils()
    pending = in_queue_order(list_flags(get_db(), PENDING))
    chosen = QueueFilter.from_args(request.args, _nations(councils))
    session[QUEUE] = chosen.args()  # decisions then lead on through this queue
    flags = [f for f in pending if chosen.keeps(f, councils.get(f.council))]
    bulk = high_confidence_new_councils(flags) if chosen.bulk else []
    rows = decisions(flags)  # the flags of one shared text are one decision, one row
    return render_template(
        "queue.html", flags=flags, rows=rows[:QUEUE_ROWS], decisions=len(rows), shown=min(len(rows), QUEUE_ROWS),
        total=len(pending), councils=councils, chosen=chosen, bulk=bulk,
        previous=_previous(request.args.get("previous")),
        low={f.id for f in flags if flag_is_low(f)}, kinds=FLAG_KINDS, activities=ACTIVITIES,
        nations=sorted({c["nation"] for c in councils.values() if c["nation"]}),
        new_councils=len(high_confidence_new_councils(pending)), NEW_COUNCIL=NEW_COUNCIL, SOURCE_GONE=SOURCE_GONE)


@blueprint.route("/flag/<int:flag_id>")
@login_required
def flag_page(flag_id: int) -> str:
    """One flag, change first: a summary line, the changed clauses each diffed against its counterpart, the
    unchanged ones collapsed, the decision forms beside them; the machine's reasoning on every clause."""
    db = get_db()
    flag = find_flag(db, flag_id)
    council = _council(flag.council)
    pairs = compare(flag.before, flag.entry) if flag.entry is not None else []
    evidence = [e for entry in (*entries_of(flag.before).values(), *entries_of(flag.after).values())
                for e in entry.evidence]
    previous = _previous(request.args.get("previous"))
    following = _next_after(flag) if flag.status == PENDING else None
    return render_template(
        "flag.html", flag=flag, council=council, pairs=pairs, changed=[p for p in pairs if p.changed],
        shared=shared_clauses(flag.entries) if flag.kind == NEW_COUNCIL else [],
        unchanged=[p for p in pairs if not p.changed], names=document_names(db, council, flag.council, evidence),
        ordered=in_document_order, pending=flag.status == PENDING, previous=previous, following=following,
        events=list_events(db, flag_id=flag_id), activities=ACTIVITIES, verdicts=VERDICTS, conditions=CONDITIONS,
        low=flag_is_low(flag), low_activities=[a for a, e in flag.entries.items() if is_low(e)],
        NEW_COUNCIL=NEW_COUNCIL, SOURCE_GONE=SOURCE_GONE, statute=STATUTE_ENGLAND,
        where=where, clause_link=_clause_link, queue_args=_chosen().args(), together=covered(db, flag)[1:],
        councils=_councils())


@blueprint.route("/flag/<int:flag_id>/documents")
@login_required
def flag_documents_page(flag_id: int) -> str:
    """The whole documents behind a flag, before and after, as one diff with the changed paragraphs marked."""
    db = get_db()
    flag = find_flag(db, flag_id)
    council = _council(flag.council)
    documents = flag_documents(db, flag)
    evidence = [Evidence(quote="", source_url=d.url) for d in documents]
    return render_template("documents.html", flag=flag, council=council, documents=documents,
                           names=document_names(db, council, flag.council, evidence),
                           changes=sum(d.changes for d in documents))


def _previous(value: str | None) -> Flag | None:
    """The flag decided just before this page was reached (the way back after a decision)."""
    if not value or not value.isdigit():
        return None
    try:
        return find_flag(get_db(), int(value))
    except FlagNotFound:  # a made-up number is no way back
        return None


def _clause_link(e: Evidence) -> str:
    """The address of a quoted clause in the stored text, at its anchor when its offset is known."""
    if e.snapshot_id is None:
        return ""
    if e.start is None:
        return url_for("views.snapshot_page", snapshot_id=e.snapshot_id)
    return url_for("views.snapshot_page", snapshot_id=e.snapshot_id, _anchor=anchor(e.start))


@blueprint.route("/flag/<int:flag_id>/confirm", methods=["POST"])
@login_required
def confirm_flag(flag_id: int) -> Response:
    """Publish the flag's change."""
    flag = confirm(get_db(), flag_id, _reviewer(), request.form.get("note") or None)
    flash(f"Confirmed #{flag_id}: the change is now the council's published answer.")
    return _after_decision(flag)


@blueprint.route("/flag/<int:flag_id>/reject", methods=["POST"])
@login_required
def reject_flag(flag_id: int) -> Response:
    """Keep what is published; the same change will not come back."""
    flag = reject(get_db(), flag_id, _reviewer(), request.form.get("note", ""))
    flash(f"Rejected #{flag_id}: the council's published answer stays as it was.")
    return _after_decision(flag)


@blueprint.route("/flag/<int:flag_id>/correct", methods=["POST"])
@login_required
def correct_flag(flag_id: int) -> Response:
    """Publish the reviewer's own verdict and conditions, with the flag's evidence."""
    form = request.form
    flag = correct(get_db(), flag_id, _reviewer(), form.get("verdict", ""), form.getlist("condition"),
                   form.get("note", ""), activity=form.get("activity") or None)
    flash(f"Corrected #{flag_id}: your verdict is now the council's published answer.")
    return _after_decision(flag)


def _reviewer() -> str:
    name = current_reviewer()
    if name is None:  # login_required guards every decision; this keeps the type checker certain
        abort(403)
    return name


def _after_decision(flag: Flag) -> Response:
    """On to the next pending flag in queue order (its page links back to this one); the queue when none is left."""
    following = _next_after(flag)
    if following is None:
        back: dict[str, Any] = {"previous": flag.id, **_chosen().args()}
        return redirect(url_for("views.queue", **back), code=303)
    return redirect(url_for("views.flag_page", flag_id=following.id, previous=flag.id), code=303)


@blueprint.route("/council/<code>")
@login_required
def council_page(code: str) -> str:
    """A council's published policy with its evidence and reviewers, its failing sources, and its history."""
    council = _council(code)
    if council is None:
        abort(404)
    db = get_db()
    published = published_policy(db, code)
    evidence = [e for entry in published.values() for e in entry.evidence]
    return render_template(
        "council.html", council=council, published=published, activities=ACTIVITIES,
        history=published_history(db, code), flags=list_flags(db, None, code), events=list_events(db, code),
        pending=len(list_flags(db, PENDING)), statute=STATUTE_ENGLAND, failing=failing_sources(db, code),
        names=document_names(db, council, code, evidence), where=where, clause_link=_clause_link,
        ordered=in_document_order)


@blueprint.route("/snapshot/<int:snapshot_id>")
@login_required
def snapshot_page(snapshot_id: int) -> str:
    """A stored text, exactly as the crawl kept it, with where and when it came from, and the clauses quoted from
    it (by any flag or published entry of its council) highlighted."""
    db = get_db()
    snapshot = get_snapshot(db, snapshot_id)
    if snapshot is None:
        abort(404)
    code = snapshot["council"]
    entries: list[PolicyEntry] = [*published_policy(db, code).values()]
    for flag in list_flags(db, None, code):
        entries += [*entries_of(flag.before).values(), *entries_of(flag.after).values()]
    quoted = [e for entry in entries for e in entry.evidence if e.snapshot_id == snapshot_id]
    spans = quoted_spans(snapshot["text"] or "", quoted)
    return render_template("snapshot.html", snapshot=snapshot, council=_council(code),
                           text=marked_text(snapshot["text"] or "", spans), quoted=len(spans), anchor=anchor,
                           first=spans[0][0] if spans else None)
