"""The review page and the public site (issue 18, point 3): each decision tells the publisher, and the page says
"published to the public site" only once it is."""

from __future__ import annotations

import pytest

from publish.auto import AutoPublisher
from review.web import create_app
from tests.test_web import login, token
from tests.webseed import fast_hashing, seed_new_council  # noqa: F401 (fixture)


class Told:
    """A public site that counts what it is told."""

    def __init__(self) -> None:
        self.requests = 0

    def request(self) -> None:
        self.requests += 1

    def status(self) -> str:
        return f"told {self.requests} time(s)"


@pytest.fixture
def told() -> Told:
    return Told()


@pytest.fixture
def client(db_path, db, council, told):
    return create_app(db_path, secret_key="test-only-key", testing=True, public_site=told).test_client()


def test_each_decision_tells_the_public_site_and_nothing_else_does(client, db, told):
    flag_id = seed_new_council(db)
    assert login(client).status_code == 302 and told.requests == 0  # logging in decides nothing
    client.get(f"/flag/{flag_id}")
    refused = client.post(f"/flag/{flag_id}/reject", data={"csrf_token": token(client, f"/flag/{flag_id}"),
                                                           "note": " "})
    assert refused.status_code == 409 and told.requests == 0  # a refused decision is none
    done = client.post(f"/flag/{flag_id}/confirm", data={"csrf_token": token(client, f"/flag/{flag_id}")})
    assert done.status_code in (302, 303) and told.requests == 1
    assert "told 1 time(s)" in client.get("/").get_data(as_text=True)


def test_without_a_public_site_the_page_says_nothing_of_it(db_path, db, council):
    client = create_app(db_path, secret_key="test-only-key", testing=True).test_client()
    seed_new_council(db)
    login(client)
    assert "public site" not in client.get("/").get_data(as_text=True)


def test_the_page_says_published_to_the_public_site_only_once_it_is(db_path, db, council, tmp_path):
    out = tmp_path / "site"
    publisher = AutoPublisher.for_store(db_path, out, quiet=3600)  # it waits for flush()
    client = create_app(db_path, secret_key="test-only-key", testing=True, public_site=publisher).test_client()
    flag_id = seed_new_council(db, "Filming is permitted without notice.")
    login(client)
    client.post(f"/flag/{flag_id}/confirm", data={"csrf_token": token(client, f"/flag/{flag_id}")})
    waiting = client.get("/").get_data(as_text=True)
    assert "being published to the public site" in waiting and "is published to the public site" not in waiting
    assert not (out / "council" / "TST" / "index.html").exists()
    assert publisher.flush()
    assert "Filming is permitted without notice." in (out / "council" / "TST" / "index.html").read_text("utf-8")
    assert "is published to the public site" in client.get("/").get_data(as_text=True)
