"""plan-xl benchmark (issue 5): reading, validating, annotating, batch, Excel round-trips.

    python bench/run.py                 # M = 500, 5,000, 50,000 (several minutes)
    python bench/run.py --quick         # small sizes only, under a minute
    python bench/run.py --json out.json # also write the figures as JSON
    python bench/run.py --profile       # plus pyinstrument profiles of (c) and (d)

Every measurement runs in a fresh subprocess (``bench/measure.py``); the tasks
are interleaved per repetition so that noise from a busy machine hits them
alike, and the ratios compare medians taken in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.figures import growth_exponent, median, ratio
from bench.generate import RESULTS_DIR, cached_workbook
from bench.report import print_report

MEASURE = Path(__file__).resolve().parent / "measure.py"
FILE_TASKS = ("read_floor", "openpyxl", "validate", "annotate")


@dataclass(frozen=True)
class RunPlan:
    sizes: tuple[int, ...]
    reps: int
    batch_files: int
    batch_lines: int
    batch_reps: int
    # True: one subprocess per (task, size) repeats the task inside (quick modes).
    inner_reps: bool = False
    timeout: float = 1800.0
    defect_rate: float = 0.05


PRESETS: dict[str, RunPlan] = {
    "full": RunPlan(
        sizes=(500, 5_000, 50_000), reps=5, batch_files=200, batch_lines=500, batch_reps=3
    ),
    "quick": RunPlan(
        sizes=(500, 1_000, 2_000),
        reps=3,
        batch_files=24,
        batch_lines=200,
        batch_reps=1,
        inner_reps=True,
    ),
    "smoke": RunPlan(
        sizes=(20, 40),
        reps=1,
        batch_files=3,
        batch_lines=20,
        batch_reps=1,
        inner_reps=True,
        timeout=120,
        defect_rate=0.3,
    ),
}


def measure(
    task: str, path: Path, plan: RunPlan, workdir: Path, *, reps: int = 1, workers: int = 1
) -> dict[str, Any]:
    """Run one task in a fresh Python process; its JSON line, or an ``error`` entry."""
    cmd = [sys.executable, str(MEASURE), task, str(path), "--reps", str(reps)]
    cmd += ["--workers", str(workers), "--workdir", str(workdir)]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=plan.timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"task": task, "error": f"timeout after {plan.timeout:.0f} s"}
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        return {"task": task, "error": " | ".join(tail) or f"exit code {proc.returncode}"}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def batch_folder(plan: RunPlan) -> Path:
    """A folder of ``batch_files`` distinct generated workbooks (hard links into the cache)."""
    folder = (
        RESULTS_DIR / f"batch-{plan.batch_files}x{plan.batch_lines}-d{int(plan.defect_rate * 1000)}"
    )
    folder.mkdir(parents=True, exist_ok=True)
    for seed in range(plan.batch_files):
        made = cached_workbook(plan.batch_lines, seed=1_000 + seed, defect_rate=plan.defect_rate)
        link = folder / f"gemeente-{seed + 1:03d}.xlsx"
        if not link.exists():
            try:
                os.link(made.path, link)
            except OSError:
                shutil.copyfile(made.path, link)
    return folder


def cli_sanity(path: Path, timeout: float) -> dict[str, Any]:
    """One real ``plan-xl validate --no-output`` subprocess, wall time included start-up."""
    cmd = [
        sys.executable,
        "-m",
        "plan_xl",
        "validate",
        str(path),
        "--no-output",
        "--format",
        "json",
    ]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": "timeout"}
    out: dict[str, Any] = {"seconds": time.perf_counter() - start, "exit_code": proc.returncode}
    try:
        out["counts"] = json.loads(proc.stdout)["counts"]
    except (ValueError, KeyError, TypeError):
        out["error"] = (proc.stderr or proc.stdout).strip()[-300:]
    return out


def machine() -> dict[str, Any]:
    model = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        memory_gib = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        memory_gib = None
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gib": memory_gib,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def run(
    plan: RunPlan, *, excel: bool = True, batch: bool = True, log: Any = print
) -> dict[str, Any]:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="work-", dir=RESULTS_DIR))  # one per run
    files = {size: cached_workbook(size, defect_rate=plan.defect_rate) for size in plan.sizes}
    samples: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    rss: dict[str, dict[int, float]] = defaultdict(dict)
    errors: dict[str, str] = {}
    counts: dict[int, Any] = {}
    outer, inner = (1, plan.reps) if plan.inner_reps else (plan.reps, 1)
    for rep in range(outer):
        for size in plan.sizes:
            for task in FILE_TASKS:
                if task in errors:
                    continue
                log(f"  rep {rep + 1}/{outer}  M={size:<6} {task}")
                got = measure(task, files[size].path, plan, workdir, reps=inner)
                if "error" in got:
                    errors[task] = got["error"]
                    log(f"    {task} failed: {got['error']}")
                    continue
                samples[task][size].extend(got["seconds"])
                rss[task][size] = max(rss[task].get(size, 0.0), got["peak_rss_mb"])
                if task == "validate":
                    counts[size] = got.get("counts")

    medians = {
        task: {size: median(s) for size, s in by_size.items()} for task, by_size in samples.items()
    }
    result: dict[str, Any] = {
        "machine": machine(),
        "plan": asdict(plan),
        "workbooks": {
            str(s): {"actions": f.actions, "lines": f.lines, "defects": f.defects}
            for s, f in files.items()
        },
        "median_seconds": {
            task: {str(s): v for s, v in by_size.items()} for task, by_size in medians.items()
        },
        "samples_seconds": {
            task: {str(s): v for s, v in by_size.items()} for task, by_size in samples.items()
        },
        "read_ratio": {
            s: ratio(medians.get("validate", {}).get(s), medians.get("read_floor", {}).get(s))
            for s in plan.sizes
        },
        "annotate_ratio": {
            s: ratio(medians.get("annotate", {}).get(s), medians.get("openpyxl", {}).get(s))
            for s in plan.sizes
        },
        "growth_exponent": {
            task: growth_exponent(medians.get(task, {})) for task in ("validate", "annotate")
        },
        "peak_rss_mb": {task: dict(rss[task]) for task in ("validate", "annotate")},
        "validate_counts": counts,
        "errors": errors,
    }

    middle = plan.sizes[len(plan.sizes) // 2]
    log(f"  CLI sanity run: plan-xl validate --no-output at M={middle}")
    result["cli_sanity"] = cli_sanity(files[middle].path, plan.timeout)

    result["excel_roundtrips"] = {}
    if excel:
        for size in plan.sizes:
            log(f"  M={size:<6} excel round-trips")
            got = measure("excel", files[size].path, plan, workdir)
            if "error" in got:
                errors["excel"] = got["error"]
                result["excel_roundtrips"][size] = None
            else:
                result["excel_roundtrips"][size] = got.get("roundtrips")
                result.setdefault("excel_detail", {})[size] = got

    result["batch_seconds"] = {}
    result["batch_speedup"] = None
    if batch:
        folder = batch_folder(plan)
        batch_samples: dict[int, list[float]] = defaultdict(list)
        batch_cpu: dict[int, list[float]] = defaultdict(list)
        for rep in range(plan.batch_reps):
            for workers in (1, 2):
                log(f"  rep {rep + 1}/{plan.batch_reps}  batch, {workers} worker(s)")
                got = measure("batch", folder, plan, workdir, workers=workers)
                if "error" in got:
                    errors[f"batch-{workers}"] = got["error"]
                    continue
                batch_samples[workers].extend(got["seconds"])
                batch_cpu[workers].extend(got["cpu_seconds"])
                result.setdefault("batch_detail", {})[workers] = got
        one, two = median(batch_samples[1]), median(batch_samples[2])
        result["batch_seconds"] = {1: one, 2: two}
        result["batch_speedup"] = ratio(one, two)
        result["batch_cpu_seconds"] = {w: median(batch_cpu[w]) for w in (1, 2)}
        result["batch_samples_seconds"] = dict(batch_samples)
    shutil.rmtree(workdir, ignore_errors=True)
    return result


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="plan-xl benchmark (issue 5).")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="small sizes only, under a minute")
    mode.add_argument("--smoke", action="store_true", help="tiny sizes, one repetition (tests)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--sizes", help="comma-separated M values, overriding the preset")
    parser.add_argument("--reps", type=int, help="repetitions, overriding the preset")
    parser.add_argument("--no-excel", action="store_true", help="skip the Excel round-trip count")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch measurement")
    parser.add_argument("--profile", action="store_true", help="pyinstrument profiles of (c), (d)")
    args = parser.parse_args(argv)

    plan = PRESETS["smoke" if args.smoke else "quick" if args.quick else "full"]
    if args.sizes:
        plan = RunPlan(**{**asdict(plan), "sizes": tuple(int(s) for s in args.sizes.split(","))})
    if args.reps:
        plan = RunPlan(**{**asdict(plan), "reps": args.reps})
    quiet = args.smoke

    def log(message: str) -> None:
        if not quiet:
            print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    load_before = os.getloadavg()
    result = run(plan, excel=not args.no_excel, batch=not args.no_batch, log=log)
    result["total_seconds"] = time.perf_counter() - started
    result["load_average"] = {"start": list(load_before), "end": list(os.getloadavg())}
    if args.profile:
        from bench.profile import profile_tasks

        result["profiles"] = profile_tasks(
            cached_workbook(max(plan.sizes), defect_rate=plan.defect_rate).path, log=log
        )
    print_report(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(_jsonable(result), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
