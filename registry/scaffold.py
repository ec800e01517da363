"""`ocm councils add`: write a new council's registry entry, a failing fixture test, and optionally a spider.

Nothing is written unless the entry is valid and none of the files exists yet.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import urljoin

from registry.entry import dump_entry
from registry.loader import ACTIVE, DEFAULT_REGISTRY, MalformedEntry, RegistryError
from registry.platforms import from_hint
from registry.schema import entry_problems

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = "OCM-PLACEHOLDER-FIXTURE"


class ScaffoldError(RegistryError):
    """The scaffold would overwrite a file, or cannot be written."""


@dataclass(frozen=True)
class Scaffold:
    """The files `ocm councils add` wrote."""

    entry: Path
    test: Path
    fixture: Path
    spider: Path | None = None

    @property
    def paths(self) -> list[Path]:
        return [p for p in (self.entry, self.spider, self.test, self.fixture) if p]


@dataclass(frozen=True)
class NewCouncil:
    """What the maintainer tells `ocm councils add` about a council."""

    code: str
    name: str
    nation: str
    website: str
    democracy_url: str = ""
    platform: str = ""
    documents: tuple[str, ...] = ()

    @property
    def module(self) -> str:
        return self.code.lower()

    @property
    def spider_class(self) -> str:
        return self.code.capitalize() + "Spider"

    @property
    def fixture_url(self) -> str:
        """The page the fixture should hold: the page its platform lists the constitution on (the first of the
        record's entry paths: ModernGov's mgGeneric.aspx?MD=mgconstitution), else the website."""
        entry_paths = from_hint(self.platform).entry_paths
        if self.democracy_url and entry_paths:
            return urljoin(self.democracy_url.rstrip("/") + "/", entry_paths[0])
        return self.website or self.democracy_url or self.documents[0]


def new_entry(council: NewCouncil, spider: bool) -> dict[str, Any]:
    """The registry entry for a new council; raises MalformedEntry if it is invalid."""
    entry: dict[str, Any] = {
        "code": council.code, "name": council.name, "nation": council.nation, "website": council.website,
        "democracy_url": council.democracy_url, "platform": council.platform,
        "documents": list(council.documents), "status": ACTIVE,
    }
    if spider:
        entry["spider"] = f"spiders.councils.{council.module}.{council.spider_class}"
    entry = {k: v for k, v in entry.items() if v or k == "documents"}
    problems = entry_problems(entry, expected_code=council.code)
    if problems:
        raise MalformedEntry(f"{council.code}: {'; '.join(problems)}", council.code, problems)
    return entry


def scaffold_council(council: NewCouncil, *, spider: bool = False, root: Path = PROJECT_ROOT,
                     registry_dir: Path | None = None) -> Scaffold:
    """Write the entry into ``registry_dir`` and the test, fixture (and spider) under ``root``."""
    registry_dir = registry_dir or (DEFAULT_REGISTRY if root == PROJECT_ROOT else root / "registry" / "councils")
    entry = new_entry(council, spider)
    plan = Scaffold(
        entry=registry_dir / f"{council.code}.toml",
        test=root / "tests" / "councils" / f"test_{council.module}.py",
        fixture=root / "tests" / "fixtures" / "councils" / f"{council.module}.html",
        spider=root / "spiders" / "councils" / f"{council.module}.py" if spider else None,
    )
    existing = [str(p) for p in plan.paths if p.exists()]
    if existing:
        raise ScaffoldError(f"{council.code} already scaffolded, not overwriting: {', '.join(existing)}")
    values = _template_values(council, plan, root, registry_dir)
    texts = {plan.entry: dump_entry(entry), plan.test: TEST.substitute(values),
             plan.fixture: FIXTURE.substitute(values)}
    if plan.spider:
        texts[plan.spider] = SPIDER.substitute(values)
        package = plan.spider.parent / "__init__.py"
        if not package.exists():
            texts[package] = PACKAGE
    try:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ScaffoldError(f"cannot write {exc.filename}: {exc.strerror}") from exc
    logger.info("scaffolded %s: %s", council.code, ", ".join(map(str, plan.paths)))
    return plan


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def _template_values(council: NewCouncil, plan: Scaffold, root: Path, registry_dir: Path) -> dict[str, str]:
    registry = _relative(registry_dir, root)
    if Path(registry).is_absolute():
        registry_expr = f"Path({json.dumps(registry)})"
    else:
        registry_expr = " / ".join(["ROOT", *(json.dumps(part) for part in registry.split("/"))])
    base_module, base_class = base_spider(council.platform)
    if plan.spider:
        spider_import = f"from spiders.councils.{council.module} import {council.spider_class} as Spider"
    else:
        spider_import = f"from {base_module} import {base_class} as Spider"
    return {
        "code": council.code, "name": council.name, "module": council.module,
        "spider_class": council.spider_class, "fixture_url": council.fixture_url,
        "fixture_url_literal": json.dumps(council.fixture_url),
        "fixture": _relative(plan.fixture, root), "test": _relative(plan.test, root),
        "entry": _relative(plan.entry, root), "registry_expr": registry_expr, "spider_import": spider_import,
        "placeholder": PLACEHOLDER, "base_module": base_module, "base_class": base_class,
    }


def base_spider(platform: str) -> tuple[str, str]:
    """Module and class of the spider the record of a registry platform names ("ModernGov", "CMIS", "other/...")."""
    module, _, name = from_hint(platform).spider.rpartition(".")
    return module, name


PACKAGE = '"""Spider modules for councils whose sites need code (`ocm councils add CODE --spider`)."""\n'

SPIDER = Template('''\
"""$name ($code): a spider for what this site does differently.

Made by `ocm councils add $code --spider`; the registry entry ($entry) names it in `spider`.
The base class, $base_class, already fetches the registry's `documents`, re-checks every source the
store knows, and discovers policy documents from the website and democracy site. Override only what
this site needs, and keep the fixture test ($test) passing:

- start_requests_for(council, known): the first requests. Call super() and add a request for a page
  discovery cannot reach (a constitution index behind a script, a search form's result):
  `yield self.page_request(url, council)`.
- parse_page(response): what a fetched page yields. Yield requests for documents the generic link
  rules miss (odd link text, links built by JavaScript), `yield self.document_request(url, "protocol",
  response)`, then `yield from super().parse_page(response)`.
  Requests yielded here are fetched at once, outside the page budget; the base class scores every other link
  (spiders/links.py) and fetches the best first within the budget.

If a link-wording rule in spiders/links.py would do, prefer that to code here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

from $base_module import $base_class


class $spider_class($base_class):
    """$name: the council spider with this site's quirks."""

    name = "$code"
    council_codes = ("$code",)

    def parse_page(self, response: Response) -> Iterator[Any]:
        yield from super().parse_page(response)
''')

TEST = Template('''\
"""$name ($code): the spider finds the council's policy documents on a saved page.

Made by `ocm councils add`; it fails until you finish it:
1. Save the page FIXTURE_URL (the constitution index or filming policy page) over $fixture,
   e.g. curl -sL "$fixture_url" -o $fixture
2. List in EXPECTED_DOCUMENTS the policy document URLs that page links to (absolute URLs).
3. Run: pytest $test
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request

from registry import find_council, load_registry
$spider_import
from spiders.discovery import normalise_url

ROOT = Path(__file__).resolve().parents[2]
CODE = "$code"
REGISTRY = $registry_expr
FIXTURE = ROOT / "$fixture"
FIXTURE_URL = $fixture_url_literal
PLACEHOLDER = "$placeholder"
EXPECTED_DOCUMENTS: list[str] = [
    # "https://.../documents/s1234/Part%204%20-%20Rules%20of%20Procedure.pdf",
]


def requests_from_fixture() -> list[Request]:
    """Parse the saved page as the crawl would, and return the requests the spider makes from it."""
    councils, _errors = load_registry(REGISTRY)
    council = find_council(councils, CODE)
    spider = Spider(councils=[council])
    start = list(spider.start_requests_for(council, [])) + spider.waiting(CODE)
    url = normalise_url(FIXTURE_URL)
    request = next((r for r in start if r.url == url), None) or start[-1].replace(url=url)
    response = HtmlResponse(url=url, body=FIXTURE.read_bytes(), request=request)
    released = [r for r in spider.parse_page(response) if isinstance(r, Request)]
    return released + spider.waiting(CODE)  # discovery's links wait their turn in the council's frontier


def test_spider_finds_the_policy_documents() -> None:
    if PLACEHOLDER in FIXTURE.read_text(encoding="utf-8", errors="replace"):
        pytest.fail(f"{FIXTURE} is still the placeholder: save the council's page {FIXTURE_URL} over it, "
                    f"then list the policy documents it links to in EXPECTED_DOCUMENTS in {__file__}")
    if not EXPECTED_DOCUMENTS:
        pytest.fail(f"EXPECTED_DOCUMENTS is empty: list the policy document URLs that {FIXTURE_URL} links "
                    f"to in {__file__}")
    found = {r.url for r in requests_from_fixture()}
    missing = [u for u in EXPECTED_DOCUMENTS if Request(normalise_url(u)).url not in found]
    assert not missing, (f"the spider does not request {missing} from {FIXTURE_URL}; add a wording rule "
                         "to spiders/links.py or override parse_page in a spider module")
''')

FIXTURE = Template('''\
<!-- $placeholder: replace this whole file with the council's page. -->
<html><head><title>Placeholder for $name ($code)</title></head>
<body><p>Save $fixture_url here, list the policy documents it links to in EXPECTED_DOCUMENTS in
$test, then run that test.</p></body></html>
''')
