"""Publishing on its own (issue 18, point 3): debounced after decisions, after every night, atomic for readers."""

from __future__ import annotations

import threading
from pathlib import Path

from publish.auto import AutoPublisher, publish_dir, publish_once
from publish.build import PublishResult, publish_site, read_marker
from scheduler import _publish as publish_after_night
from spiders.runner import project_settings
from store.policies import publish
from store.records import Evidence, PolicyEntry
from tests.test_changes import NOW
from tests.test_publish import store  # noqa: F401 (fixture)


def counting(out: Path) -> tuple[AutoPublisher, list[int]]:
    calls: list[int] = []

    def fake() -> PublishResult:
        calls.append(1)
        return PublishResult(out, NOW, 0, 0, 0, None)

    return AutoPublisher(out, fake, quiet=0.3, longest=30), calls


def test_fifty_decisions_in_a_row_publish_once(tmp_path):
    publisher, calls = counting(tmp_path / "site")
    for _ in range(50):
        publisher.request()
    assert "being published to the public site" in publisher.status()
    assert publisher.flush() and calls == [1]
    assert "is published to the public site" in publisher.status()
    publisher.request()  # a later decision: one more publication
    assert publisher.flush() and calls == [1, 1]


def test_the_debounce_publishes_by_itself_once_the_decisions_stop(tmp_path):
    publisher, calls = counting(tmp_path / "site")
    done = threading.Event()
    publisher._publish = lambda inner=publisher._publish: (inner(), done.set())[0]  # type: ignore[method-assign]
    for _ in range(50):
        publisher.request()
    assert done.wait(timeout=30) and calls == [1]
    assert publisher.flush() and calls == [1]  # nothing was left waiting


def test_a_failed_publication_is_said_and_retried_at_the_next_decision(tmp_path):
    attempts: list[int] = []

    def flaky() -> PublishResult:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError(28, "No space left on device")
        return PublishResult(tmp_path, NOW, 0, 0, 0, None)

    publisher = AutoPublisher(tmp_path / "site", flaky, quiet=0.05)
    publisher.request()
    assert not publisher.flush()
    assert "could not be published" in publisher.status() and "No space left" in publisher.status()
    assert "is published to the public site" not in publisher.status()
    publisher.request()
    assert publisher.flush() and len(attempts) == 2
    assert "is published to the public site" in publisher.status()


def test_the_publisher_of_a_store_writes_its_site_and_says_so(store, db_path, tmp_path):  # noqa: F811
    out = tmp_path / "site"
    publisher = AutoPublisher.for_store(db_path, out, quiet=0.05)
    assert publisher.status() == ""
    publisher.request()
    assert publisher.flush()
    assert read_marker(out)["published"] == 2 and (out / "council" / "WLS" / "index.html").is_file()
    fresh = AutoPublisher.for_store(db_path, out)  # a restarted review page reads the publication's own word
    assert fresh.status().startswith("The public site was last published at")


def test_publish_dir_is_the_setting_else_site_beside_the_store_and_off_is_off(tmp_path):
    assert publish_dir(tmp_path / "ocm.db", "") == tmp_path / "site"
    assert publish_dir(tmp_path / "ocm.db", "/srv/site") == Path("/srv/site")
    assert publish_dir(tmp_path / "ocm.db", "off") is None


def test_the_night_ends_by_publishing_and_a_failure_does_not_fail_it(store, db_path, tmp_path, caplog):  # noqa: F811
    publish_after_night(db_path, None, project_settings())
    assert read_marker(tmp_path / "site")["published"] == 2
    publish_after_night(db_path, None, project_settings({"OCM_PUBLISH_DIR": str(tmp_path)}))  # holds the store
    assert "could not publish the public site" in caplog.text
    publish_after_night(db_path, None, project_settings({"OCM_PUBLISH_DIR": "off"}))


def test_a_reader_never_sees_a_half_written_site(store, db_path, tmp_path):  # noqa: F811
    """A reader reads the home page and a council page again and again while the site is published twenty times:
    every read finds a whole page, of one publication or the next."""
    out = tmp_path / "site"
    publish_once(db_path, out)
    stop, seen, problems = threading.Event(), [0], []

    def read() -> None:
        while not stop.is_set():
            for page in (out / "index.html", out / "council" / "TST" / "index.html", out / "councils.csv"):
                try:
                    text = page.read_text(encoding="utf-8")
                except OSError as exc:
                    problems.append(f"{page.name}: {exc}")
                    continue
                if page.suffix == ".html" and not text.rstrip().endswith("</html>"):
                    problems.append(f"{page.name}: cut short")
                seen[0] += 1

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for night in range(20):
            publish(store, "NOP", PolicyEntry("filming", "allowed", (), (Evidence(f"Filming is permitted ({night}).",
                                                                                  1, "http://127.0.0.1:9/p"),)),
                    None, "Ann", NOW)
            publish_site(store, out)
    finally:
        stop.set()
        reader.join()
    assert problems == [] and seen[0] > 20
    assert "Filming is permitted (19)." in (out / "council" / "NOP" / "index.html").read_text(encoding="utf-8")


def test_the_night_and_the_review_page_may_publish_the_same_folder_at_once(store, db_path, tmp_path):  # noqa: F811
    out, failures = tmp_path / "site", []

    def publish_now() -> None:
        try:
            publish_once(db_path, out)
        except Exception as exc:  # what the test reports
            failures.append(exc)

    both = [threading.Thread(target=publish_now) for _ in range(3)]
    for thread in both:
        thread.start()
    for thread in both:
        thread.join()
    assert failures == [] and read_marker(out)["published"] == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.new-")] == []


def test_the_night_links_its_feeds_to_the_public_address_it_is_given(store, db_path, tmp_path):  # noqa: F811
    """Feed readers need absolute links: with OCM_PUBLIC_URL set, every publication on its own gives them."""
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    publish_after_night(db_path, None, project_settings({"OCM_PUBLIC_URL": "https://meetings.example.org"}))
    feed = ET.parse(tmp_path / "site" / "feed.xml").getroot()
    links = [link.get("href") for link in feed.iter(f"{atom}link")]
    assert links and all(href.startswith("https://meetings.example.org/") for href in links)


def test_a_public_address_that_is_no_web_address_is_refused_before_anything_is_written(store, db_path,  # noqa: F811
                                                                                      tmp_path):
    from click.testing import CliRunner

    from cli import main

    for address in ("javascript:alert(1)", "meetings.example.org", "https://x.org/?q=1"):
        result = CliRunner().invoke(main, ["publish", "--db", str(db_path), "--out", str(tmp_path / "out"),
                                           "--base-url", address])
        assert result.exit_code == 1 and "must be an http(s) address" in result.output, result.output
        assert not (tmp_path / "out").exists()
