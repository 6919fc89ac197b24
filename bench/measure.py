"""One benchmark task, timed in this process; prints one JSON line.

``bench/run.py`` starts this in a fresh subprocess per measurement so that
every repetition starts cold and its peak RSS is its own:

    python bench/measure.py TASK FILE [--reps K] [--workdir DIR] [--workers W]

Tasks (the letters of issue 5):
  read_floor   (a) python-calamine reading every sheet
  openpyxl     (b) openpyxl load_workbook + save unchanged
  validate     (c) plan-xl validate --no-output (the function the CLI calls)
  annotate     (d) plan-xl validate writing the annotated copy
  batch        (e) plan_xl.batch.run_batch over the folder FILE
  excel        (f) the xlwings entry point on a remote-engine Book: Excel round-trips

Imports happen before the clock starts: the figures compare the work itself,
not the interpreter start (``run.py`` times one CLI subprocess separately).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size so far, in MiB.

    For this process, Linux's VmHWM: ``ru_maxrss`` survives ``exec`` and so
    starts at the parent's RSS at fork time (run.py's, not ours). For the
    children (batch workers) only ``ru_maxrss`` is at hand (KiB on Linux).
    """
    if who == resource.RUSAGE_SELF:
        try:
            for line in Path("/proc/self/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def read_floor(path: Path, workdir: Path) -> dict[str, Any]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    cells = 0
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        cells += sum(len(r) for r in rows)
    return {"cells": cells}


def openpyxl_roundtrip(path: Path, workdir: Path) -> dict[str, Any]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    book.save(workdir / f"{path.stem}.openpyxl.xlsx")
    return {}


def validate(path: Path, workdir: Path) -> dict[str, Any]:
    from plan_xl.validate import validate_file

    result = validate_file(path)
    # The CLI renders every finding (text or JSON) even with --no-output: count that
    # too, as `plan-xl validate --format json` prints it.
    result.to_json_text()
    return {"counts": result.counts}


def annotate(path: Path, workdir: Path) -> dict[str, Any]:
    from plan_xl.validate import validate_file, write_annotated_copy

    result = validate_file(path)
    write_annotated_copy(result, path, workdir / f"{path.stem}.gecontroleerd.xlsx")
    return {"counts": result.counts}


def batch(folder: Path, workdir: Path, workers: int) -> dict[str, Any]:
    try:
        from plan_xl.batch import run_batch
    except ImportError:  # package __init__ not exporting it (yet)
        from plan_xl.batch.runner import run_batch

    out = workdir / f"batch-{workers}"
    report = run_batch([folder], out, workers=workers, copies=True, lang="nl")
    statuses: dict[str, int] = {}
    for file in report.files:
        statuses[str(file.status)] = statuses.get(str(file.status), 0) + 1
    return {"files": len(report.files), "statuses": statuses}


def excel_roundtrips(path: Path, workdir: Path) -> dict[str, Any]:
    from bench.excel_book import count_roundtrips

    return count_roundtrips(path)


# What validate_file and to_json_text import lazily (reader, rule modules, summaries,
# the JSON writer): loaded before the clock, as the CLI has them loaded at start-up.
CHECK_MODULES = ["plan_xl.validate", "plan_xl.workbook.reader", "plan_xl.core.engine"]
CHECK_MODULES += ["plan_xl.core.budget", "plan_xl.rules", "plan_xl.rules.context"]
CHECK_MODULES += ["plan_xl.jsonout"]


def _preload(task: str) -> None:
    """Import what a task needs before the clock starts."""
    modules = {
        "read_floor": ["python_calamine"],
        "openpyxl": ["openpyxl"],
        "validate": CHECK_MODULES,
        "annotate": [*CHECK_MODULES, "plan_xl.workbook.writer"],
        "batch": ["plan_xl.batch"],
        "excel": ["bench.excel_book"],
    }[task]
    for module in modules:
        __import__(module)


def run_task(task: str, path: Path, reps: int, workdir: Path, workers: int = 1) -> dict[str, Any]:
    functions: dict[str, Callable[[Path, Path], dict[str, Any]]] = {
        "read_floor": read_floor,
        "openpyxl": openpyxl_roundtrip,
        "validate": validate,
        "annotate": annotate,
        "batch": lambda p, w: batch(p, w, workers),
        "excel": excel_roundtrips,
    }
    _preload(task)
    rss_before = peak_rss_mb()
    seconds: list[float] = []
    cpu: list[float] = []
    extra: dict[str, Any] = {}
    for _ in range(reps):
        run_dir = Path(tempfile.mkdtemp(prefix=f"{task}-", dir=workdir))
        cpu_start = cpu_seconds()
        start = time.perf_counter()
        extra = functions[task](path, run_dir)
        seconds.append(time.perf_counter() - start)
        cpu.append(cpu_seconds() - cpu_start)
        shutil.rmtree(run_dir, ignore_errors=True)
    return {
        "task": task,
        "file": str(path),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "load_average": list(os.getloadavg()),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "peak_rss_children_mb": round(peak_rss_mb(resource.RUSAGE_CHILDREN), 1),
        "rss_after_imports_mb": round(rss_before, 1),
        **extra,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time one benchmark task.")
    parser.add_argument("task")
    parser.add_argument("path", type=Path)
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="plan-xl-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    result = run_task(args.task, args.path, args.reps, workdir, args.workers)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
