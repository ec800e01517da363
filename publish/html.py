"""The static summary page of an export (`index.html`): totals, a chart by nation, a table per nation.

Rendered with Jinja2 and autoescaping: council texts are data, never markup. No JavaScript.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from markupsafe import Markup

from clock import local_time
from publish.chart import COLOURS, verdict_chart
from publish.licence import DATASET_LICENCE_NAME, DATASET_LICENCE_URL, DISCLAIMER
from rules.taxonomy import ACTIVITIES, COUNCIL_VERDICTS, NATIONS

TEMPLATE = """<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Open Council Meetings: may the public film, record, photograph or report live?</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 75rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0 2rem; width: 100%; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; font-size: .9rem; }
.verdict { display: inline-block; padding: 0 .4rem; border-radius: .2rem; color: #fff; }
.conditions, .meta { color: #555; font-size: .8rem; }
blockquote { margin: .3rem 0; padding-left: .5rem; border-left: 3px solid #ccc; }
.statute { color: #b00; font-size: .8rem; }
</style>
</head>
<body>
<h1>May the public film, record, photograph or report live at UK council meetings?</h1>
<p>Each verdict was read from the council's own documents and confirmed by a reviewer.
{{ disclaimer }} Generated {{ generated }}.
Data: <a href="published.csv">published.csv</a>, <a href="published.json">published.json</a>,
licence <a href="{{ licence_url }}">{{ licence_name }}</a> (see <a href="LICENCE.md">LICENCE.md</a>).</p>

<h2>Totals</h2>
<ul>
<li>{{ councils }} council(s) with a published policy; {{ without }} council(s) without one yet.</li>
<li>{{ rows }} published verdict(s), one per council and activity:
{% for verdict, count in totals %}{{ count }} {{ verdict }}{% if not loop.last %}, {% endif %}{% endfor %}.</li>
</ul>
{% if rows %}
<h2>Verdicts by nation</h2>
{{ chart }}
{% else %}
<p>Nothing has been published yet.</p>
{% endif %}

{% for nation, councils_of_nation in nations %}
<h2>{{ nation }}</h2>
<table>
<thead><tr><th>council</th>{% for activity in activities %}<th>{{ activity }}</th>{% endfor %}</tr></thead>
<tbody>
{% for council in councils_of_nation %}
<tr>
<th scope="row">{{ council.name }} <span class="meta">{{ council.code }}</span></th>
{% for activity in activities %}{% set entry = council.activities.get(activity) %}
<td>{% if entry %}
<span class="verdict" style="background: {{ colours.get(entry.verdict, '#636363') }}">{{ entry.verdict }}</span>
{% if entry.conditions %}<div class="conditions">{{ entry.conditions | join(', ') }}</div>{% endif %}
{% if entry.conflicts_with_statute %}<div class="statute">conflicts with the {{ council.statute }}</div>{% endif %}
{% for e in entry.evidence %}<details><summary>clause {{ loop.index }}{% if e.page %}, page {{ e.page }}{% endif %}</summary>
<blockquote>{{ e.quote }}</blockquote></details>{% endfor %}
{% for url in entry.sources %}<a href="{{ url }}">source {{ loop.index }}</a> {% endfor %}
<div class="meta">reviewed {{ entry.reviewed }}</div>
{% else %}-{% endif %}</td>
{% endfor %}
</tr>
{% endfor %}
</tbody>
</table>
{% endfor %}
</body>
</html>
"""


def render_index(document: dict[str, Any]) -> str:
    """The page for an export's JSON document (see `publish.export.nested`)."""
    councils = document["councils"]
    by_nation: dict[str, list[dict[str, Any]]] = {}
    for council in sorted(councils, key=lambda c: (c["name"], c["code"])):
        by_nation.setdefault(council["nation"] or "unknown nation", []).append(_view(council))
    order = [n for n in NATIONS if n in by_nation] + sorted(n for n in by_nation if n not in NATIONS)
    counts = {n: Counter(e["verdict"] for c in by_nation[n] for e in c["activities"].values()) for n in order}
    totals = Counter(v for c in counts.values() for v in c.elements())
    environment = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return environment.from_string(TEMPLATE).render(
        disclaimer=DISCLAIMER, generated=local_time(document["generated_at"]), licence_url=DATASET_LICENCE_URL,
        licence_name=DATASET_LICENCE_NAME, councils=len(councils), rows=sum(totals.values()),
        without=document["councils_without_published_policy"],
        totals=[(v, totals[v]) for v in COUNCIL_VERDICTS if totals[v]],
        chart=Markup(verdict_chart(counts)),  # built from escaped parts in publish/chart.py
        nations=[(n, by_nation[n]) for n in order], activities=ACTIVITIES, colours=COLOURS,
    )


def _view(council: dict[str, Any]) -> dict[str, Any]:
    activities = {}
    for activity, entry in council["activities"].items():
        sources = list(dict.fromkeys(e["source_url"] for e in entry["evidence"] if _web(e.get("source_url"))))
        activities[activity] = {**entry, "sources": sources, "reviewed": local_time(entry["reviewed_at"])}
    return {**council, "activities": activities}


def _web(url: str | None) -> bool:
    """Only http(s) addresses become links (never `javascript:` or the like)."""
    return bool(url) and urlsplit(str(url)).scheme in ("http", "https")
