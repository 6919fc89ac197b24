"""The worker pool: per-file time limit, crashes, memory cap, unexpected errors.

The per-file check is replaced by a test double (tests/batch/doubles.py) that
misbehaves on purpose; the processes, signals and limits are real.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from plan_xl.batch import run_batch
from tests.batch.doubles import by_name

NAMES = [
    "a-ok.xlsx",
    "slow.xlsx",
    "crash.xlsx",
    "hog.xlsx",
    "boom.xlsx",
    "errors.xlsx",
    "z-ok.xlsx",
]


@pytest.fixture(scope="module")
def misbehaving_run(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("inputs")
    for name in NAMES:
        (folder / name).write_bytes(b"not looked at by the double")
    out = tmp_path_factory.mktemp("out")
    log_dir = tmp_path_factory.mktemp("log")
    mp = pytest.MonkeyPatch()
    mp.setenv("PLAN_XL_LOG_DIR", str(log_dir))
    started = time.monotonic()
    report = run_batch(
        [folder],
        out,
        workers=2,
        timeout=4,
        memory_limit_mb=512,
        processor=by_name,
        copies=False,
    )
    elapsed = time.monotonic() - started
    mp.undo()
    return report, elapsed, log_dir


def _status(report, name: str) -> tuple[str, str]:
    entry = next(f for f in report.files if f.file == name)
    return entry.status, entry.reason


def test_every_input_gets_exactly_one_report_in_input_order(misbehaving_run) -> None:
    report, _, _ = misbehaving_run
    assert [f.file for f in report.files] == sorted(NAMES)


def test_a_file_that_takes_too_long_is_stopped_with_status_timeout(misbehaving_run) -> None:
    report, elapsed, _ = misbehaving_run
    status, reason = _status(report, "slow.xlsx")
    assert status == "timeout"
    assert "4 seconden" in reason
    assert elapsed < 60  # the sleeping worker was killed, not waited for


def test_a_crashing_worker_marks_its_file_unreadable_and_the_batch_goes_on(misbehaving_run) -> None:
    report, _, _ = misbehaving_run
    status, reason = _status(report, "crash.xlsx")
    assert status == "unreadable"
    assert "onverwacht" in reason
    assert _status(report, "z-ok.xlsx")[0] == "ok"


def test_a_file_that_needs_too_much_memory_is_too_large(misbehaving_run) -> None:
    report, _, _ = misbehaving_run
    status, reason = _status(report, "hog.xlsx")
    assert status == "too_large"
    assert "512 MB" in reason


def test_an_unexpected_error_is_unreadable_with_the_traceback_in_the_log(misbehaving_run) -> None:
    report, _, log_dir = misbehaving_run
    status, reason = _status(report, "boom.xlsx")
    assert status == "unreadable"
    assert "ValueError" in reason
    log_text = (Path(log_dir) / "plan-xl.log").read_text(encoding="utf-8")
    assert "Traceback" in log_text and "unexpected failure inside the check" in log_text
    assert "Traceback" not in reason


def test_exit_code_is_2_when_any_file_could_not_be_processed(misbehaving_run) -> None:
    report, _, _ = misbehaving_run
    assert report.exit_code == 2
    assert report.summary.by_status["findings"] == 1
    assert report.summary.by_status["ok"] == 2


def test_exit_codes_for_all_ok_and_for_findings(tmp_path: Path) -> None:
    for name in ("a.xlsx", "b.xlsx"):
        (tmp_path / name).write_bytes(b"x")
    ok = run_batch(
        [tmp_path / "a.xlsx", tmp_path / "b.xlsx"],
        tmp_path / "o1",
        workers=1,
        processor=by_name,
        copies=False,
    )
    assert ok.exit_code == 0
    (tmp_path / "errors.xlsx").write_bytes(b"x")
    findings = run_batch(
        [tmp_path / "a.xlsx", tmp_path / "errors.xlsx"],
        tmp_path / "o2",
        workers=1,
        processor=by_name,
        copies=False,
    )
    assert findings.exit_code == 1


def test_a_missing_input_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_bytes(b"x")
    report = run_batch(
        [tmp_path / "a.xlsx", tmp_path / "nope.xlsx"],
        tmp_path / "out",
        workers=1,
        processor=by_name,
        copies=False,
    )
    assert [f.status for f in report.files] == ["ok", "unreadable"]
    assert "nope.xlsx" in report.files[1].reason
    assert report.exit_code == 2


def test_the_total_is_announced_before_the_first_file_finishes(tmp_path: Path) -> None:
    for name in ("a.xlsx", "b.xlsx", "c.xlsx"):
        (tmp_path / name).write_bytes(b"x")
    events: list[tuple[str, int]] = []
    run_batch(
        [tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "c.xlsx", tmp_path / "nope.xlsx"],
        tmp_path / "out",
        workers=1,
        processor=by_name,
        copies=False,
        on_start=lambda total: events.append(("start", total)),
        progress=lambda done, total, report: events.append(("done", done)),
    )
    assert events == [("start", 4), ("done", 1), ("done", 2), ("done", 3), ("done", 4)]
