"""Plain-text views for the terminal: flags, runs and council policies. Times shown in Europe/London."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from clock import local_time
from review.confidence import flag_is_low
from review.coverage import coverage_lines
from review.kinds import NEW_COUNCIL
from rules.taxonomy import ACTIVITIES, STATUTE_ENGLAND
from store.records import DerivedEntry, Evidence, Flag, PolicyEntry


def verdict_text(entry: PolicyEntry | None) -> str:
    """`permission [chair_consent, written_consent]`, or `(nothing published)`."""
    if not entry:
        return "(nothing published)"
    conditions = ", ".join(entry.conditions)
    return f"{entry.verdict} [{conditions}]" if conditions else entry.verdict


def flag_line(flag: Flag, council_name: str = "") -> str:
    """One line of the review queue."""
    what = flag.activity or ""
    if flag.gone:
        what = flag.gone.url
    elif flag.kind != NEW_COUNCIL:
        what = f"{flag.activity}: {verdict_text(flag.before)} -> {verdict_text(flag.entry)}"
    name = f"{flag.council} {council_name}".strip()
    low = "  [low confidence]" if flag_is_low(flag) else ""
    return f"#{flag.id:<4} {flag.kind:<15} {name:<40} {what}{low}"


def confidence_lines(entry: DerivedEntry | None, indent: str = "  ") -> list[str]:
    """`Confidence: low`, then each doubt on its own line; nothing for an entry read before confidence was."""
    if not entry or not entry.confidence:
        return []
    return [f"{indent}Confidence: {entry.confidence}"] + [f"{indent}  - {d}" for d in entry.doubts]


def _evidence(entry: PolicyEntry | None, indent: str = "    ") -> list[str]:
    lines = []
    for e in entry.evidence if entry else ():
        quote = textwrap.fill(f"\u201c{' '.join(e.quote.split())}\u201d", 96, initial_indent=indent,
                              subsequent_indent=indent)
        where = e.source_url or ""
        if e.page:
            where += f", page {e.page}"
        lines += [quote, f"{indent}  -- {where}{_reasoning(e)}"]
    return lines or [f"{indent}(no clause quoted)"]


def _reasoning(e: Evidence) -> str:
    """`  [decides the verdict; gives: chair consent]`, or nothing for a clause stored without its role."""
    marks = (["decides the verdict"] if e.decides else []) + ([f"gives: {', '.join(e.conditions)}"] if e.conditions
                                                              else [])
    return f"  [{'; '.join(marks)}]" if marks else ""


def flag_detail(flag: Flag, council: dict[str, Any] | None, db_hint: str = "") -> str:
    """Everything a reviewer needs to decide one flag."""
    lines = [f"Flag #{flag.id}  {flag.kind}  ({flag.status}, raised {local_time(flag.raised_at)} by run {flag.run_id})"]
    if council:
        lines.append(f"Council:  {council['code']} {council['name']} ({council['nation']})")
    if flag.gone:
        gone = flag.gone
        lines += [f"Source:   {gone.url} ({gone.kind})",
                  f"Problem:  {gone.last_error} (failed {gone.consecutive_failures} time(s) in a row; "
                  f"last good fetch {local_time(gone.last_success)})",
                  "Confirming retires the source; its last text stops counting towards the policy."]
    elif flag.kind == NEW_COUNCIL:
        lines.append("First policy found for this council; confirming publishes every activity:")
        for activity in ACTIVITIES:
            entry = flag.entries[activity]
            lines.append(f"  {activity}: {verdict_text(entry)}{_statute(entry, council)}")
            lines += confidence_lines(entry, "    ")
            lines += _evidence(entry)
    else:
        before, after = flag.before, flag.entry
        lines.append(f"Activity: {flag.activity}")
        published = f" (published {local_time(before.reviewed_at)} by {before.reviewer})" if before else ""
        lines.append(f"Before{published}: {verdict_text(before)}{_statute(before, council)}")
        lines += _evidence(before)
        lines.append(f"After (found by run {flag.run_id}): {verdict_text(after)}{_statute(after, council)}")
        lines += confidence_lines(after)
        lines += _evidence(after)
    if flag.status == "pending":
        suffix = f" {db_hint}" if db_hint else ""
        lines += ["", f"Confirm: ocm review confirm {flag.id}{suffix}",
                  f"Reject:  ocm review reject {flag.id} --note \"why\"{suffix}"]
    elif flag.reviewer:
        lines.append(f"Decided {local_time(flag.decided_at)} by {flag.reviewer}: {flag.note or ''}")
    return "\n".join(lines)


def _statute(entry: PolicyEntry | None, council: dict[str, Any] | None) -> str:
    if entry and entry.conflicts_with_statute:
        return f"  (conflicts with the {STATUTE_ENGLAND})"
    return ""


def policy_table(rows: list[tuple[str, Mapping[str, PolicyEntry]]]) -> str:
    """Council by activity table of verdicts."""
    header = f"{'council':<34}" + "".join(f"{a:<17}" for a in ACTIVITIES)
    lines = [header, "-" * len(header)]
    for label, policy in rows:
        cells = "".join(f"{_verdict_of(policy.get(a)):<17}" for a in ACTIVITIES)
        lines.append(f"{label[:33]:<34}{cells}")
    return "\n".join(lines)


def _verdict_of(entry: PolicyEntry | None) -> str:
    return entry.verdict if entry else "-"


def run_line(run: dict[str, Any]) -> str:
    """One run, as the operator reads it."""
    return (f"run {run['id']} ({run['trigger']}, {run['status']}: {run['finish_reason'] or '-'}) "
            f"started {local_time(run['started_at'])}: {run['councils']} councils, {run['requests']} requests, "
            f"{run['documents']} documents ({run['changes']} with new text), {run['errors']} errors, "
            f"{run['flags']} flags")


def failing_source_line(source: dict[str, Any]) -> str:
    """One failing source, as the operator reads it."""
    return (f"{source['council']}  {source['url']}: {source['last_error']} "
            f"({source['consecutive_failures']} failed fetch(es) in a row; "
            f"last good {local_time(source['last_success'])})")


def status_text(state: Any, names: dict[str, str]) -> str:
    """`ocm status` for a person: problems first, then runs, failing and unreadable sources, blank councils."""
    lines = ["OK" if state.ok else "PROBLEMS:"] + [f"  - {p}" for p in state.problems]
    lines.append(f"\nScheduler last fired: {local_time(state.scheduler_last_fired)}; last nightly run: "
                 + (run_line(state.last_nightly) if state.last_nightly else "none"))
    lines.append("\nRecent runs:")
    lines += [f"  {run_line(r)}" for r in state.runs] or ["  none"]
    lines.append(f"\nSources failing ({len(state.failing)}): the last good text stays in force")
    lines += [f"  {failing_source_line(s)}" for s in state.failing]
    lines.append(f"\nSources that cannot be read ({len(state.unreadable)}), e.g. scanned PDFs:")
    lines += [f"  {s['council']}  {s['url']}: {s['last_error']}" for s in state.unreadable]
    if state.coverage:
        lines.append("\nCouncils by tier and nation:")
        lines += coverage_lines(state.coverage)
    lines.append(f"\nCouncils with no policy found ({len(state.without_policy)}), with the reason:")
    lines += [f"  {c['code']} {names.get(c['code'], '')}: {c['reason']}" for c in state.without_policy]
    if state.without_policy:
        lines.append("  What discovery saw, for one of them: ocm councils why CODE")
    site = getattr(state, "public_site", None)
    if site is not None:
        lines.append(f"\nPublic site: {site.folder}, last published "
                     f"{local_time(site.published_at) if site.published_at else 'never'}")
    lines.append(f"\nClassifier in force: {state.classifier_version}")
    if state.not_reclassified:
        lines.append(f"  {state.not_reclassified} current text(s) not read by it yet: their older findings stand."
                     " Run `ocm reclassify` (after an upgrade or a rollback).")
    else:
        lines.append("  every current text has its findings")
    return "\n".join(lines)
