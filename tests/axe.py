"""axe-core in a Playwright page: the accessibility violations a page has, for the browser tests.

Usage: `assert axe_violations(page) == []` after the page has loaded. The vendored engine
(tests/vendor/axe-core/) is evaluated in the page through the DevTools protocol, so a strict
Content-Security-Policy does not block it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

AXE_VERSION = "4.14.1"
AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.2 A and AA, and axe's best practices (landmarks, one main heading, ...).
STANDARDS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

RUN = """async (standards) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: standards}, resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)}));
}"""


@cache
def _source() -> str:
    source = AXE_SOURCE.read_text(encoding="utf-8")
    if f"axe v{AXE_VERSION}" not in source[:100]:
        raise RuntimeError(f"{AXE_SOURCE} is not axe-core {AXE_VERSION}: see tests/vendor/axe-core/README.md")
    return source


def axe_violations(page: Any, standards: list[str] | None = None) -> list[dict[str, Any]]:
    """Every axe-core violation on the page as loaded now: rule id, impact, help text and the failing nodes."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_source())
    return page.evaluate(RUN, standards or STANDARDS)


def describe(violations: list[dict[str, Any]]) -> str:
    """The violations as lines a failing assertion can show."""
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"][:5])
                     for v in violations)
