"""How far the store covers the councils it knows, by tier (principal, local) and nation: how many it holds, how
many have a policy found, a published answer, or no website to read. Counted from the store, never assumed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlite_utils import Database

from rules import CLASSIFIER_VERSION
from rules.taxonomy import NATIONS, NOT_STATED, UNKNOWN
from store.councils import council_rows
from store.documents import current_verdicts
from store.policies import published_councils

PRINCIPAL = "principal"  # a council row from before tiers were kept (store migration 11) is a principal one
TIER_ORDER = (PRINCIPAL, "local")


@dataclass(frozen=True)
class Coverage:
    """One tier in one nation."""

    tier: str
    nation: str
    councils: int  # active councils of the store
    policy_found: int  # whose current documents state a verdict
    published: int  # with a published answer
    no_website: int  # that the registry says have no website (unknown, with the reason)


def coverage(db: Database) -> list[Coverage]:
    """The store's active councils counted by tier and nation, principal first, nations in the taxonomy's order."""
    stated = {code for code, verdicts in current_verdicts(db, CLASSIFIER_VERSION).items()
              if verdicts - {NOT_STATED, UNKNOWN}}
    published = set(published_councils(db))
    counts: dict[tuple[str, str], Counter[str]] = {}
    for council in council_rows(db):
        if council.get("status") != "active":
            continue
        key = (council.get("tier") or PRINCIPAL, council.get("nation") or "")
        count = counts.setdefault(key, Counter())
        count["councils"] += 1
        count["policy_found"] += council["code"] in stated
        count["published"] += council["code"] in published
        count["no_website"] += bool(council.get("no_website_reason"))

    def order(key: tuple[str, str]) -> tuple[int, int, str]:
        tier, nation = key
        return (TIER_ORDER.index(tier) if tier in TIER_ORDER else len(TIER_ORDER),
                NATIONS.index(nation) if nation in NATIONS else len(NATIONS), f"{tier} {nation}")

    return [Coverage(tier, nation, count["councils"], count["policy_found"], count["published"], count["no_website"])
            for (tier, nation), count in sorted(counts.items(), key=lambda item: order(item[0]))]


def coverage_lines(rows: list[Coverage]) -> list[str]:
    """The coverage as a table, with a total line per tier and one for all."""
    lines = [f"  {'tier':<10} {'nation':<17} {'councils':>8} {'policy found':>13} {'published':>10} {'no website':>11}"]

    def line(tier: str, nation: str, found: list[Coverage]) -> str:
        return (f"  {tier:<10} {nation:<17} {sum(c.councils for c in found):>8} "
                f"{sum(c.policy_found for c in found):>13} {sum(c.published for c in found):>10} "
                f"{sum(c.no_website for c in found):>11}")

    for tier in dict.fromkeys(c.tier for c in rows):
        mine = [c for c in rows if c.tier == tier]
        lines += [line(tier, c.nation, [c]) for c in mine]
        if len(mine) > 1:
            lines.append(line(tier, "all", mine))
    lines.append(line("all", "all", rows))
    return lines
