"""Run a batch: expand the inputs, check every file in worker processes, write the reports."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from plan_xl import __version__
from plan_xl.batch.compare import compare
from plan_xl.batch.inputs import BatchInput, plan_inputs
from plan_xl.batch.pool import WorkerPool
from plan_xl.batch.report_json import write_json_report
from plan_xl.batch.report_model import BatchReport, FileReport, summarise_files
from plan_xl.batch.report_xlsx import write_xlsx_report
from plan_xl.batch.worker import FileTask, Processor, failed_report
from plan_xl.errors import PlanXlError
from plan_xl.i18n import normalise_lang, t

DEFAULT_TIMEOUT = 300.0
DEFAULT_MEMORY_LIMIT_MB = 2048
REPORT_JSON = "rapport.json"
REPORT_XLSX = "rapport.xlsx"
REPORT_HTML = "rapport.html"

# Called after each file: (files done, files in total, that file's report).
Progress = Callable[[int, int, FileReport], None]


def run_batch(
    inputs: Iterable[str | os.PathLike[str]],
    output_dir: str | os.PathLike[str],
    *,
    workers: int | None = None,
    fail_on: str = "error",
    lang: str = "nl",
    copies: bool = True,
    limits: Any = None,
    timeout: float = DEFAULT_TIMEOUT,
    memory_limit_mb: int = DEFAULT_MEMORY_LIMIT_MB,
    progress: Progress | None = None,
    processor: Processor | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BatchReport:
    """Check every workbook of ``inputs`` and write copies and reports into ``output_dir``.

    ``inputs`` are files, folders (recursive) or glob patterns. ``limits`` is a
    :class:`plan_xl.workbook.limits.ReadLimits` (None: the reader's defaults);
    ``timeout`` is the per-file limit in seconds; ``memory_limit_mb`` caps each
    worker's extra address space. ``on_start`` receives the number of files
    before the first one is checked (a progress bar's total); ``progress``
    is called after each file. ``processor`` replaces the per-file check
    (tests only). Raises :class:`PlanXlError` when no input file is found or
    the output folder cannot be used; a bad input file never raises.
    """
    lang = normalise_lang(lang)
    if fail_on not in ("error", "warning"):
        raise PlanXlError("batch.bad_option", lang, option="--fail-on", value=fail_on)
    out = Path(output_dir).expanduser().resolve()
    given = list(inputs)
    items = plan_inputs(given, out)
    if not items:
        shown = ", ".join(os.fspath(i) for i in given)
        raise PlanXlError("batch.no_inputs", lang, inputs=shown or "-")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PlanXlError(
            "batch.output_unusable", lang, path=str(out), reason=exc.strerror
        ) from exc

    size = max(1, workers or os.cpu_count() or 1)
    tasks = [
        _task(i, item, out, lang, fail_on, copies, limits, memory_limit_mb)
        for i, item in enumerate(items)
    ]
    results: dict[int, FileReport] = {}
    total = len(tasks)
    if on_start is not None:
        on_start(total)

    def record(index: int, report: FileReport) -> None:
        results[index] = report
        if progress is not None:
            progress(len(results), total, report)

    to_run: list[FileTask] = []
    for task, item in zip(tasks, items, strict=True):
        if item.exists:
            to_run.append(task)
        else:
            reason = t("batch.reason.not_found", lang, path=str(item.path))
            record(task.index, failed_report(task, "unreadable", reason))
    if to_run:
        pool = WorkerPool(
            min(size, len(to_run)),
            timeout=timeout,
            memory_limit_mb=memory_limit_mb,
            processor=processor,
        )
        by_path = {task.path: task.index for task in to_run}
        pool.run(to_run, lambda report: record(by_path[report.path], report))

    files = [results[i] for i in range(total)]
    report = build_report(files, out, lang=lang, fail_on=fail_on, workers=size, timeout=timeout)
    write_reports(report, out)
    return report


def _task(
    index: int,
    item: BatchInput,
    out: Path,
    lang: str,
    fail_on: str,
    copies: bool,
    limits: Any,
    memory_limit_mb: int,
) -> FileTask:
    return FileTask(
        index=index,
        path=str(item.path),
        display=item.display,
        copy_target=str(out / item.copy_name) if copies else None,
        lang=lang,
        fail_on=fail_on,
        limits=limits,
        memory_limit_mb=memory_limit_mb,
    )


def build_report(
    files: list[FileReport],
    output_dir: Path,
    *,
    lang: str,
    fail_on: str,
    workers: int,
    timeout: float,
) -> BatchReport:
    """The batch report for already checked files (pure apart from the clock)."""
    years = sorted(
        {year for f in files for years in f.budget_by_theme().values() for year in years}
    )
    return BatchReport.model_validate(
        {
            "tool_version": __version__,
            "generated": datetime.now().astimezone().isoformat(timespec="seconds"),
            "lang": lang,
            "fail_on": fail_on,
            "workers": workers,
            "timeout_seconds": timeout,
            "output_dir": str(output_dir),
            "years": years,
            "summary": summarise_files(files),
            "comparison": compare(files, lang),
            "files": files,
        }
    )


def write_reports(report: BatchReport, output_dir: Path) -> None:
    """rapport.json, rapport.xlsx and rapport.html, each written atomically."""
    from plan_xl.batch.report_html import write_html_report

    write_json_report(report, output_dir / REPORT_JSON)
    write_xlsx_report(report, output_dir / REPORT_XLSX)
    write_html_report(report, output_dir / REPORT_HTML)
