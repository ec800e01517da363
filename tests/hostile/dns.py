"""Name resolution for the hostile-web suite, configured with `-s TWISTED_DNS_RESOLVER=tests.hostile.dns.<Class>`.

Every name under `.test` resolves to 127.0.0.1, where the hostile server is; any other name fails without a
lookup, so no test ever sends anything (a DNS query included) anywhere but 127.0.0.1. They are the project's
`SafeResolver` with only the lookup replaced: outside test mode, each answer is checked as in production.
Where a test needs a host the crawler may reach with test mode off, the answer 127.0.0.1 for that name
stands in for a public address (`public`): that is the one thing these classes change about the check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, ClassVar

from twisted.internet import defer
from twisted.internet.error import DNSLookupError

from spiders.resolver import SafeResolver
from tests.hostile.server import HOST


class LocalNames(SafeResolver):
    """`*.test` and 127.0.0.1 -> 127.0.0.1; anything else does not resolve."""

    public: ClassVar[frozenset[str]] = frozenset()  # names whose answer stands in for a public address

    def lookup(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        if name == HOST or name.lower().rstrip(".").endswith(".test"):
            return defer.succeed(HOST)
        return defer.fail(DNSLookupError(f"{name}: not a test name (tests never resolve real names)"))

    def internal(self, address: str, name: str) -> bool:
        return name not in self.public and super().internal(address, name)


class PublicCouncil(LocalNames):
    """www.council.test stands in for a public site; every other name (intranet.council.test ...) is internal."""

    public = frozenset({"www.council.test"})


class Rebinding(LocalNames):
    """DNS rebinding: a name's first answer stands in for a public address, every later one is 127.0.0.1."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.asked: Counter[str] = Counter()

    def lookup(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        self.asked[name] += 1
        return super().lookup(name, timeout)

    def internal(self, address: str, name: str) -> bool:
        return self.asked[name] > 1 and super().internal(address, name)
