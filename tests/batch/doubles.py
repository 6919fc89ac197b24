"""Test doubles for the per-file check, run inside real worker processes.

They stand in for ``plan_xl.validate`` only in the runner and report tests;
the end-to-end batch test uses the real check. Each decides by file name.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from plan_xl.batch.report_model import Counts, FileReport, FindingRecord, ThemeScore
from plan_xl.batch.worker import FileTask


def fake_report(task: FileTask, *, organisation: str, errors: int = 0) -> FileReport:
    findings = [
        FindingRecord(
            code="ACT002",
            severity="error",
            sheet="Meerjarenplan",
            cell=f"A{5 + i}",
            subject=f"A{i}",
            message="Actie zonder code",
        )
        for i in range(errors)
    ]
    status = "findings" if errors else "ok"
    return FileReport(
        file=task.display,
        path=task.path,
        status=status,
        reason=f"{errors} errors",
        organisation=organisation,
        counts=Counts(error=errors),
        themes=[ThemeScore(theme="Dienstverlening", current=2, ambition=3)],
        findings=findings,
    )


def by_name(task: FileTask) -> FileReport:
    """Behaves according to the file name: slow, crash, hog, boom, or a clean report."""
    name = Path(task.path).stem
    if name.startswith("slow"):
        time.sleep(600)
    if name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGSEGV)
    if name.startswith("hog"):
        # Far more than the worker's cap: must end in MemoryError, not in swapping.
        blocks = [bytearray(64 * 1024 * 1024) for _ in range(64)]
        return fake_report(task, organisation=str(len(blocks)))
    if name.startswith("boom"):
        raise ValueError("unexpected failure inside the check")
    if name.startswith("errors"):
        return fake_report(task, organisation=name, errors=2)
    return fake_report(task, organisation=name)
