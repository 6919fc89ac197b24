"""What runs inside a batch worker process: check one file, send back its report.

A worker caps its own address space (``RLIMIT_AS``) before it reads anything,
so a file that needs too much memory ends in a MemoryError here (status
``too_large``) instead of taking the machine down. Every other unexpected
failure becomes status ``unreadable`` with its traceback in the log file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from plan_xl.batch.report_model import Counts, FileReport, FindingRecord, Status, ThemeScore
from plan_xl.errors import PlanXlError, WorkbookReadError, log_unexpected
from plan_xl.i18n import t


@dataclass(frozen=True)
class FileTask:
    """One file for a worker; plain data so it crosses the process boundary."""

    index: int
    path: str
    display: str
    copy_target: str | None
    lang: str
    fail_on: str
    limits: Any = None  # plan_xl.workbook.limits.ReadLimits | None
    memory_limit_mb: int = 0


Processor = Callable[[FileTask], FileReport]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def failed_report(task: FileTask, status: str, reason: str, sha256: str = "") -> FileReport:
    return FileReport.model_validate(
        {
            "file": task.display,
            "path": task.path,
            "status": status,
            "reason": reason,
            "sha256": sha256,
        }
    )


def _outcome_reason(status: str, counts: Counts, fail_on: str, lang: str) -> str:
    level = t(f"severity.{fail_on}", lang).lower()
    return t(f"batch.reason.{status}", lang, level=level, **counts.model_dump())


def report_from_result(task: FileTask, result: Any, sha256: str, seconds: float) -> FileReport:
    """A FileReport from a :class:`plan_xl.validate.ValidationResult`."""
    plan = result.plan
    counts = Counts(**result.counts)
    status: Status = "findings" if result.has_findings_at(task.fail_on) else "ok"
    themes = [
        ThemeScore(
            theme=theme.name,
            current=theme.current,
            ambition=theme.ambition,
            current_level=_text(theme.current_raw),
            ambition_level=_text(theme.ambition_raw),
        )
        for theme in plan.themes
        if theme.name
    ]
    from plan_xl.core.findings import finding_dicts

    findings = [FindingRecord.model_validate(d) for d in finding_dicts(result.findings, task.lang)]
    return FileReport(
        file=task.display,
        path=task.path,
        status=status,
        reason=_outcome_reason(status, counts, task.fail_on, task.lang),
        sha256=sha256,
        organisation=plan.settings.organisation,
        template_version=plan.settings.template_version,
        counts=counts,
        themes=themes,
        budget=result.budget_json(),
        findings=findings,
        seconds=round(seconds, 3),
    )


def _text(value: Any) -> str:
    from plan_xl.core.values import as_text

    return as_text(value)


def check_file(task: FileTask) -> FileReport:
    """Validate one workbook and, when asked, write its annotated copy."""
    from plan_xl.validate import validate_file, write_annotated_copy

    path = Path(task.path)
    started = time.perf_counter()
    try:
        sha256 = file_sha256(path)
    except OSError:  # gone or locked since the inputs were listed
        return failed_report(
            task, "unreadable", t("batch.reason.not_found", task.lang, path=task.path)
        )
    try:
        result = validate_file(path, lang=task.lang, limits=task.limits)
    except WorkbookReadError as exc:
        return failed_report(task, exc.status, exc.user_message(task.lang), sha256)
    report = report_from_result(task, result, sha256, time.perf_counter() - started)
    if task.copy_target is not None:
        target = Path(task.copy_target)
        try:
            write_annotated_copy(result, path, target)
            report.copy_file = target.name
        except PlanXlError as exc:
            report.copy_error = t(
                "batch.copy_failed", task.lang, reason=exc.user_message(task.lang)
            )
        except MemoryError:
            raise
        except Exception as exc:  # the check itself succeeded; keep its result
            log = log_unexpected(exc)
            report.copy_error = t(
                "batch.copy_failed", task.lang, reason=f"{type(exc).__name__} ({log})"
            )
    report.seconds = round(time.perf_counter() - started, 3)
    return report


# The worker process ---------------------------------------------------------------


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space at its current size plus ``megabytes``."""
    if megabytes <= 0 or sys.platform == "win32":
        return
    import resource

    current = _address_space_bytes()
    cap = current + megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _address_space_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import psutil

    return int(psutil.Process().memory_info().vms)


def _preload() -> None:
    # Import the heavy modules before the cap and before the first deadline starts.
    with contextlib.suppress(ImportError):
        import plan_xl.validate  # noqa: F401


def run_task(task: FileTask, processor: Processor) -> tuple[FileReport, bool]:
    """Run ``processor`` on one task; never raises. Returns (report, worker_must_retire)."""
    try:
        return processor(task), False
    except MemoryError:
        reason = t("batch.reason.memory", task.lang, limit=task.memory_limit_mb)
        return failed_report(task, "too_large", reason), True
    except WorkbookReadError as exc:
        return failed_report(task, exc.status, exc.user_message(task.lang)), False
    except Exception as exc:
        log = log_unexpected(exc)
        reason = t("batch.reason.unexpected", task.lang, error=type(exc).__name__, log=log)
        return failed_report(task, "unreadable", reason), False


def worker_main(conn: Connection, processor: Processor | None, memory_limit_mb: int) -> None:
    """Entry point of a worker process: check the tasks the parent sends, one at a time."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _preload()
    limit_memory(memory_limit_mb)
    fn = processor or check_file
    conn.send(("ready", None, False))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        report, retire = run_task(task, fn)
        conn.send(("done", report, retire))
        if retire:  # memory may be fragmented after a MemoryError: start afresh
            return
