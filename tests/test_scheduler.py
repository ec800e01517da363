"""The schedule and the nightly lock, inspected without starting the scheduler."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest

from clock import LONDON
from scheduler import NIGHTLY_JOB_ID, RunInProgress, build_scheduler, next_nightly, nightly_lock, scheduled_nightly


def test_nightly_job_is_one_at_a_time_coalesced_with_hours_of_grace(db_path):
    scheduler = build_scheduler(db_path, at="03:15")
    (job,) = scheduler.get_jobs()
    assert job.id == NIGHTLY_JOB_ID
    assert job.max_instances == 1 and job.coalesce is True
    assert job.misfire_grace_time == 6 * 3600
    assert str(job.trigger.timezone) == "Europe/London"
    fields = {f.name: str(f) for f in job.trigger.fields}
    assert (fields["hour"], fields["minute"]) == ("3", "15")
    assert job.kwargs == {"db_path": str(db_path), "registry": None}
    assert not scheduler.running


def test_default_time_and_grace_come_from_settings(db_path):
    (job,) = build_scheduler(db_path, misfire_grace_hours=2).get_jobs()
    fields = {f.name: str(f) for f in job.trigger.fields}
    assert (fields["hour"], fields["minute"]) == ("2", "30")
    assert job.misfire_grace_time == 7200


def test_two_nightly_runs_cannot_overlap(db_path):
    with nightly_lock(db_path):
        with pytest.raises(RunInProgress):
            with nightly_lock(db_path):
                pass
    with nightly_lock(db_path):  # released after the first run
        pass


def test_a_bad_night_is_logged_and_never_kills_the_scheduler(db_path, tmp_path, caplog):
    with caplog.at_level(logging.ERROR):
        scheduled_nightly(str(db_path), str(tmp_path / "no-such-registry.csv"))
    assert "nightly run failed" in caplog.text


def test_the_night_follows_london_clocks_across_the_change_to_summer_time(db_path):
    scheduler = build_scheduler(db_path, at="02:30")
    winter = next_nightly(scheduler, datetime(2026, 1, 10, 12, 0, tzinfo=LONDON))
    summer = next_nightly(scheduler, datetime(2026, 7, 10, 12, 0, tzinfo=LONDON))
    assert (winter.hour, winter.minute, winter.utcoffset().total_seconds()) == (2, 30, 0)
    assert (summer.hour, summer.minute, summer.utcoffset().total_seconds()) == (2, 30, 3600)


def test_setting_overrides_reach_change_detection(db_path, monkeypatch):
    import scheduler

    seen = {}

    def child(command, timeout):
        seen["timeout"] = timeout
        raise scheduler.CrawlFailed("stop here")

    monkeypatch.setattr(scheduler, "_run_child", child)
    with pytest.raises(scheduler.CrawlFailed):
        scheduler.run_nightly(db_path, settings={"OCM_CRAWL_TIMEOUT": "123"})
    assert seen == {"timeout": 123}
