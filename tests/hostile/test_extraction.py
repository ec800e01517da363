"""Extraction cannot hold a night hostage: Word bombs are refused within caps, every document has a deadline and
every worker a memory limit, and a worker that dies or overruns costs one document, not the night.

The hostile documents are built in the tests (tests/hostile/bombs.py); the worker jobs that stand still to be
killed are in tests/hostile/jobs.py. End-to-end tests run the real `ocm crawl` against the hostile server.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF

from pipeline import workers
from pipeline.text import DocumentTooLarge, UnreadableDocument, extract
from pipeline.text.package import MAX_PACKAGE_BYTES, MAX_PARTS
from pipeline.workers import JobOutOfMemory, JobOverran, Limits, WorkerDied
from tests.conftest import ROOT, run_ocm, settings_args
from tests.hostile import jobs
from tests.hostile.bombs import MIB, Member, form_bomb, word_file, word_parts, zip_bytes
from tests.hostile.server import DOCX, PDF, HostileWeb, Reply, page

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
POLICY = "Members of the public may film, photograph and record meetings of the Council."


def read(body: bytes) -> str:
    return extract(body, DOCX, "https://council.example/protocol.docx").text


def with_document(body_xml: str, styles_xml: str | None = None) -> bytes:
    """A real Word file whose document.xml body (and styles.xml) are these."""
    parts = word_parts()
    document = f'<?xml version="1.0"?><w:document {W}><w:body>{body_xml}</w:body></w:document>'
    parts["word/document.xml"] = document.encode()
    if styles_xml is not None:
        parts["word/styles.xml"] = styles_xml.encode()
    return word_file(parts=parts)


def paragraph(text: str, style: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}<w:r><w:t>{text}</w:t></w:r></w:p>"


def peak_mib(action: Callable[[], Any]) -> tuple[int, Any]:
    """What `action` returns or raises, and the most memory Python allocated meanwhile."""
    tracemalloc.start()
    try:
        try:
            outcome: Any = action()
        except Exception as exc:  # the outcome under test
            outcome = exc
        return tracemalloc.get_traced_memory()[1] // MIB, outcome
    finally:
        tracemalloc.stop()


# --- Word files: every member bounded, whatever the headers say ----------------------------------------------

@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/header1.xml",
                                  "word/footer1.xml", "word/footnotes.xml", "customXml/item1.xml"])
def test_a_part_that_says_it_inflates_hugely_is_refused_before_reading(part):
    body = word_file({part: Member.bomb(2048)})  # 2 GiB in 2 MB
    peak, outcome = peak_mib(lambda: read(body))
    assert isinstance(outcome, DocumentTooLarge) and f"DOCX: {part} declares" in str(outcome)
    assert peak < 10


@pytest.mark.parametrize("declared", [1000, 60 * MIB], ids=["tiny", "just-under-the-cap"])
@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/header1.xml"])
def test_a_part_whose_headers_lie_about_its_size_is_never_inflated_past_them(part, declared):
    # zipfile.read() would inflate all 512 MiB in one call and only then find the CRC wrong.
    body = word_file({part: Member.bomb(512, declared=declared)})
    peak, outcome = peak_mib(lambda: read(body))
    assert isinstance(outcome, UnreadableDocument) and "Bad CRC-32" in str(outcome)
    assert peak < declared // MIB + 10


def test_parts_each_within_the_cap_are_refused_together_beyond_the_package_cap():
    parts = {f"word/header{n}.xml": Member.bomb(40) for n in range(1, 5)}  # 4 x 40 MiB: 160 MiB > 128 MiB
    with pytest.raises(DocumentTooLarge, match="XML parts declare"):
        read(word_file(parts))
    assert MAX_PACKAGE_BYTES < 160 * MIB


def test_too_many_members_are_refused_before_the_archive_is_parsed():
    members = {f"word/media/image{n}.png": Member.of(b"") for n in range(MAX_PARTS + 1)}
    body = word_file(members)
    with pytest.raises(DocumentTooLarge, match=f"more than {MAX_PARTS} members"):
        extract(body, "application/octet-stream", "https://council.example/download?id=3")  # sniffing too


def test_pictures_and_other_binary_parts_are_never_inflated():
    body = word_file({"word/media/image1.png": Member.bomb(1024), "word/embeddings/oleObject1.bin": Member.bomb(1024)})
    peak, text = peak_mib(lambda: read(body))
    assert text == "Protocol on filming meetings\n\nMembers of the public may film meetings of the council."
    assert peak < 10


def test_compression_word_never_uses_is_refused():
    parts = word_parts()
    members = {name: Member.of(content) for name, content in parts.items()}
    members["word/styles.xml"] = Member(b"", 10, method=zipfile.ZIP_LZMA)  # inflated in one unbounded call
    with pytest.raises(UnreadableDocument, match="method 14"):
        read(zip_bytes(members))


def test_entities_in_a_part_are_not_expanded():
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    styles = (f'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY l0 "lol">{laughs}]>'
              f"<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"x\"><w:name w:val=\"&l9;\"/></w:style>"
              "</w:styles>")
    began = time.monotonic()
    try:
        text = read(with_document(paragraph(POLICY), styles))
    except UnreadableDocument:  # refusing the part is as good as ignoring its entities
        text = POLICY
    assert text == POLICY and time.monotonic() - began < 5


def test_a_cell_claiming_to_span_two_billion_columns_is_read_once_at_once():
    cell = f'<w:tc><w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr>{paragraph("Filming is allowed")}</w:tc>'
    began = time.monotonic()
    assert read(with_document(f"<w:tbl><w:tr>{cell}{cell}</w:tr></w:tbl>")) == "Filming is allowed\nFilming is allowed"
    assert time.monotonic() - began < 5  # python-docx's row.cells would yield each cell two billion times


def test_a_cell_merged_down_many_rows_is_repeated_within_a_budget():
    big = "Filming is allowed. " * 5000  # 100,000 characters, merged down 3,000 rows: 300 MB if repeated in full
    rows = [f'<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{paragraph(big)}</w:tc></w:tr>']
    rows += ['<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>'] * 3000
    began = time.monotonic()
    text = read(with_document(f"<w:tbl>{''.join(rows)}</w:tbl>"))
    assert 2_000_000 <= len(text) <= 2_300_000 and time.monotonic() - began < 10


def test_many_styles_and_paragraphs_do_not_multiply():
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="s{n}"><w:name w:val="Style {n}"/></w:style>'
                     for n in range(4000))
    styles += '<w:style w:type="paragraph" w:styleId="T"><w:name w:val="Title"/></w:style>'
    body = "".join(paragraph(f"Rule {n}") for n in range(4000)) + paragraph("Filming protocol", "T")
    began = time.monotonic()  # python-docx's `paragraph.style` scans every style for every paragraph: minutes
    result = extract(with_document(body, f"<w:styles {W}>{styles}</w:styles>"), DOCX, "p.docx")
    assert result.title == "Filming protocol" and time.monotonic() - began < 10


# --- Workers: a deadline per job, a memory limit per process, and one document lost per death ----------------

def in_workers(limits: Limits, scenario: Callable[[], Awaitable[Any]], processes: int = 1) -> Any:
    async def main() -> Any:
        workers.acquire(processes, limits)
        try:
            return await scenario()
        finally:
            workers.release()

    return asyncio.run(main())


async def outcome(awaitable: Awaitable[Any]) -> Any:
    try:
        return await awaitable
    except Exception as exc:  # the outcome under test
        return exc


def test_a_pdf_that_parses_for_minutes_overruns_its_deadline_and_the_next_document_is_read():
    async def scenario() -> tuple[Any, Any, float]:
        began = time.monotonic()
        bomb = await outcome(workers.run(extract, form_bomb(7), PDF, "https://council.example/bomb.pdf"))
        return bomb, await workers.run(extract, word_file(), DOCX, "p.docx"), time.monotonic() - began

    bomb, after, seconds = in_workers(Limits(seconds=1, memory_mb=0), scenario)
    assert isinstance(bomb, JobOverran) and str(bomb) == "extraction exceeded 1 s"
    assert "film meetings" in after.text and seconds < 10


def test_a_pdf_past_the_memory_limit_runs_out_of_memory_and_the_next_document_is_read():
    async def scenario() -> tuple[Any, Any]:  # pdfium aborts the process when an allocation fails
        bomb = await outcome(workers.run(extract, form_bomb(7), PDF, "https://council.example/bomb.pdf"))
        return bomb, await workers.run(extract, word_file(), DOCX, "p.docx")

    bomb, after = in_workers(Limits(seconds=60, memory_mb=300), scenario)
    assert isinstance(bomb, JobOutOfMemory) and str(bomb) == "extraction ran out of memory"
    assert "film meetings" in after.text


def test_a_job_asking_for_more_memory_than_the_limit_fails_without_using_it():
    async def scenario() -> tuple[Any, int]:
        return await outcome(workers.run(jobs.allocate, 8 * 1024 * MIB, job="classification")), \
            await workers.run(jobs.allocate, MIB)

    failed, after = in_workers(Limits(seconds=30, memory_mb=256), scenario)
    assert isinstance(failed, JobOutOfMemory) and str(failed) == "classification ran out of memory"
    assert after == MIB


def test_a_worker_killed_mid_document_loses_that_document_only(tmp_path):
    pid_file = tmp_path / "worker.pid"

    async def scenario() -> tuple[int, Any, list[Any]]:
        held = asyncio.ensure_future(outcome(workers.run(jobs.hold, str(pid_file), 30.0)))
        queued = [asyncio.ensure_future(workers.run(jobs.pid)) for _ in range(3)]  # waiting behind it
        deadline = time.monotonic() + 30
        while not pid_file.exists() or not pid_file.read_text():
            assert time.monotonic() < deadline, "the worker never started the job"
            await asyncio.sleep(0.02)
        killed = int(pid_file.read_text())
        os.kill(killed, signal.SIGKILL)  # as the OOM killer or an operator would
        return killed, await held, await asyncio.gather(*queued)

    killed, held, after = in_workers(Limits(seconds=60, memory_mb=0), scenario)
    assert isinstance(held, WorkerDied) and str(held) == "worker killed (signal 9)"
    assert len(set(after)) == 1 and killed not in after  # one new worker took every job after it


def test_a_jobs_own_failure_is_its_own_and_keeps_the_worker():
    async def scenario() -> tuple[int, Any, int]:
        before = await workers.run(jobs.pid)
        return before, await outcome(workers.run(jobs.fail, "not a policy")), await workers.run(jobs.pid)

    before, failed, after = in_workers(Limits(seconds=30, memory_mb=512), scenario)
    assert isinstance(failed, ValueError) and str(failed) == "not a policy" and before == after


def test_a_worker_that_cannot_start_within_its_memory_fails_the_job_and_says_why():
    failed = in_workers(Limits(seconds=30, memory_mb=16), lambda: outcome(workers.run(jobs.pid)))
    assert isinstance(failed, WorkerDied) and str(failed).startswith("worker could not start (worker exited")


# --- End to end: `ocm crawl` against the hostile server, one bomb between good documents ----------------------

def good_pdf(title: str) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, f"{title}. {POLICY} " * 8)
    return bytes(pdf.output())


def query(db_path: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def fetches(db_path: Path) -> dict[str, tuple[str, str | None]]:
    """(outcome, error) of each source's fetch in the last run, by path."""
    found = query(db_path, """SELECT s.url, f.outcome, f.error FROM fetch f JOIN source s ON s.id = f.source_id
                              WHERE f.run_id = (SELECT MAX(id) FROM run) ORDER BY f.id""")
    return {"/" + url.split("/", 3)[3]: (outcome, error) for url, outcome, error in found}


def lost_and_errors(db_path: Path) -> tuple[int, int, str]:
    """The last run's ocm/documents_lost (over its crawlers), errors and status."""
    stats, errors, status = query(db_path, "SELECT stats, errors, status FROM run ORDER BY id DESC LIMIT 1")[0]
    lost = sum(int(crawler.get("ocm/documents_lost", 0)) for crawler in json.loads(stats).values())
    return lost, errors, status


def serve(hostile: HostileWeb, registry_for, documents: dict[str, Reply]) -> Path:
    hostile.route("/", page("Hostile Borough Council", "<p>Welcome.</p>"))
    for path, reply in documents.items():
        hostile.route(path, reply)
    return registry_for(hostile.base_url, documents=" ".join(hostile.url(path) for path in documents))


def crawl_args(registry: Path, db_path: Path, settings: dict[str, str]) -> list[str]:
    return ["crawl", "--registry", str(registry), "--db", str(db_path),
            *settings_args({"OCM_WORKERS": "1", "OCM_CRAWL_PROCESSES": "1", **settings})]


GOOD = {
    "/good-1.pdf": Reply(good_pdf("Protocol one"), content_type=PDF),
    "/good-2.docx": Reply(word_file(), content_type=DOCX),
    "/good-3.pdf": Reply(good_pdf("Protocol three"), content_type=PDF, delay=0.5),  # queued behind the bomb
}


@pytest.mark.e2e
def test_a_crawl_refuses_a_word_bomb_gives_up_on_a_pdf_that_overruns_and_stores_the_rest(hostile, registry_for,
                                                                                          tmp_path):
    registry = serve(hostile, registry_for, {
        "/good-1.pdf": GOOD["/good-1.pdf"],
        "/styles-bomb.docx": Reply(word_file({"word/styles.xml": Member.bomb(2048)}), content_type=DOCX),
        "/slow.pdf": Reply(form_bomb(7), content_type=PDF),
        "/good-2.docx": GOOD["/good-2.docx"],
        "/good-3.pdf": GOOD["/good-3.pdf"],
    })
    db_path = tmp_path / "ocm.db"
    result = run_ocm(*crawl_args(registry, db_path, {"OCM_EXTRACT_TIMEOUT": "2"}), timeout=120)
    assert result.returncode == 0, result.stderr
    found = fetches(db_path)
    assert found["/styles-bomb.docx"] == ("failed", "DocumentTooLarge: DOCX: word/styles.xml declares 2147483648 "
                                                    "bytes uncompressed")
    assert found["/slow.pdf"] == ("failed", "extraction exceeded 2 s")
    assert {path: found[path] for path in GOOD} == dict.fromkeys(GOOD, ("new_snapshot", None))
    assert lost_and_errors(db_path) == (1, 2, "finished")  # the overrun is lost; both failures are errors
    assert "extraction exceeded 2 s" in result.stderr  # logged with the document's address


def worker_processes(parent: int) -> list[int]:
    """The extraction worker processes a crawl process started (spawned by multiprocessing)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):  # ended meanwhile
            continue
        if ppid == parent and b"spawn_main" in cmdline:
            found.append(int(stat.parent.name))
    return found


def resident_mib(pid: int) -> int:
    try:
        return int((Path("/proc") / str(pid) / "statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") // MIB
    except (OSError, ValueError, IndexError):
        return 0


@pytest.mark.e2e
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the worker through /proc")
def test_a_worker_killed_like_the_oom_killer_would_costs_one_document_and_is_counted(hostile, registry_for,
                                                                                     tmp_path):
    registry = serve(hostile, registry_for, {
        "/good-1.pdf": GOOD["/good-1.pdf"],
        "/killer.pdf": Reply(form_bomb(7), content_type=PDF),
        "/good-2.docx": GOOD["/good-2.docx"],
        "/good-3.pdf": GOOD["/good-3.pdf"],
    })
    db_path = tmp_path / "ocm.db"
    settings = {"OCM_EXTRACT_TIMEOUT": "60", "OCM_WORKER_MEMORY_MB": "2048"}
    crawl = subprocess.Popen([sys.executable, "-m", "cli", *crawl_args(registry, db_path, settings)], cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        # Like the OOM killer, kill the worker that grows: only the bomb makes one pass 150 MB (good ones: ~60).
        deadline = time.monotonic() + 60
        while not (growing := [pid for pid in worker_processes(crawl.pid) if resident_mib(pid) > 150]):
            assert crawl.poll() is None and time.monotonic() < deadline, "no worker grew"
            time.sleep(0.02)
        os.kill(growing[0], signal.SIGKILL)
        out, err = crawl.communicate(timeout=120)
    finally:
        if crawl.poll() is None:
            crawl.kill()
            crawl.communicate()
    assert crawl.returncode == 0, err
    found = fetches(db_path)
    assert found["/killer.pdf"] == ("failed", "worker killed (signal 9)")
    assert {path: found[path] for path in GOOD} == dict.fromkeys(GOOD, ("new_snapshot", None))
    assert list(found).index("/good-3.pdf") > list(found).index("/killer.pdf")  # it waited behind the killer
    assert lost_and_errors(db_path) == (1, 1, "finished")


@pytest.mark.e2e
def test_a_discovered_document_that_overruns_is_a_failed_source_with_its_reason(hostile, registry_for, tmp_path):
    """A link discovery followed that failed to fetch is no source; a document that cost its worker is one."""
    hostile.route("/", page("Hostile Borough Council", '<p><a href="/standing-orders.pdf">Standing Orders</a></p>'))
    hostile.route("/standing-orders.pdf", Reply(form_bomb(7), content_type=PDF))
    registry = registry_for(hostile.base_url)
    db_path = tmp_path / "ocm.db"
    result = run_ocm(*crawl_args(registry, db_path, {"OCM_EXTRACT_TIMEOUT": "2"}), timeout=120)
    assert result.returncode == 0, result.stderr
    assert fetches(db_path) == {"/standing-orders.pdf": ("failed", "extraction exceeded 2 s")}
    ((status, error, failures),) = query(db_path, "SELECT status, last_error, consecutive_failures FROM source")
    assert (status, error, failures) == ("active", "extraction exceeded 2 s", 1)
