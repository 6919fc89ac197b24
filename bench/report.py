"""Print a benchmark run as plain-text tables (sizes side by side)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bench.figures import goals

LABELS = {
    "read_floor": "(a) calamine, all sheets",
    "openpyxl": "(b) openpyxl load + save",
    "validate": "(c) validate --no-output",
    "annotate": "(d) validate + annotated copy",
}


def _fmt(value: float | None, unit: str = "", digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}{unit}"


def _get(mapping: Mapping[Any, Any], size: int) -> Any:
    return mapping.get(size, mapping.get(str(size)))


def format_report(result: Mapping[str, Any]) -> str:
    sizes = [int(s) for s in result["plan"]["sizes"]]
    width = 12
    head = f"{'':34}" + "".join(f"{'M=' + format(s, ','):>{width}}" for s in sizes)
    lines = [
        f"plan-xl benchmark on {result['machine']['cpu']} ({result['machine']['cores']} cores)"
    ]
    lines += ["", "median seconds" + head[14:]]
    for task, label in LABELS.items():
        by_size = result["median_seconds"].get(task, {})
        lines.append(
            f"{label:34}" + "".join(f"{_fmt(_get(by_size, s), 's', 3):>{width}}" for s in sizes)
        )
    lines.append("")
    for key, label in (
        ("read_ratio", "c/a (goal <= 1.5)"),
        ("annotate_ratio", "d/b (goal <= 1.0)"),
    ):
        lines.append(
            f"{label:34}" + "".join(f"{_fmt(_get(result[key], s)):>{width}}" for s in sizes)
        )
    for task, by_size in result["peak_rss_mb"].items():
        label = f"peak RSS {task} (MiB)"
        lines.append(
            f"{label:34}" + "".join(f"{_fmt(_get(by_size, s), '', 0):>{width}}" for s in sizes)
        )
    trips = result.get("excel_roundtrips", {})
    lines.append(
        f"{'Excel round-trips':34}"
        + "".join(f"{str(_get(trips, s) or '-'):>{width}}" for s in sizes)
    )
    lines.append("")
    for task, value in result["growth_exponent"].items():
        lines.append(f"growth exponent {task:18}{_fmt(value):>{width}}  (goal <= 1.1)")
    batch = result.get("batch_seconds", {})
    plan = result["plan"]
    lines.append(
        f"batch of {plan['batch_files']} x M={plan['batch_lines']}: "
        f"1 worker {_fmt(_get(batch, 1), 's')}, 2 workers {_fmt(_get(batch, 2), 's')}, "
        f"speed-up {_fmt(result.get('batch_speedup'))} (goal >= 1.6)"
    )
    cpu = result.get("batch_cpu_seconds", {})
    if cpu:
        lines.append(
            f"  batch CPU time (all processes): 1 worker {_fmt(_get(cpu, 1), 's')}, "
            f"2 workers {_fmt(_get(cpu, 2), 's')}"
        )
    load = result.get("load_average")
    if load:
        lines.append(
            f"load average (1 min) at start/end: {load['start'][0]:.2f} / {load['end'][0]:.2f}"
        )
    cli = result.get("cli_sanity", {})
    if cli:
        lines.append(
            f"CLI sanity run (subprocess, incl. start-up): {_fmt(cli.get('seconds'), 's')}, "
            f"exit code {cli.get('exit_code', '-')}, counts {cli.get('counts', cli.get('error'))}"
        )
    lines += ["", "goals:"]
    for goal in goals(_int_keys(result)):
        lines.append(f"  {goal.mark():7} {goal.name:40} {goal.target:24} {_fmt(goal.value)}")
    for task, error in result.get("errors", {}).items():
        lines.append(f"  not measured: {task}: {error}")
    return "\n".join(lines)


def _int_keys(result: Mapping[str, Any]) -> dict[str, Any]:
    """The figures with size keys as int (JSON files have them as strings)."""

    def conv(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {int(k) if str(k).isdigit() else k: conv(v) for k, v in value.items()}
        return value

    keys = ("read_ratio", "annotate_ratio", "growth_exponent", "peak_rss_mb", "excel_roundtrips")
    return {**result, **{k: conv(result.get(k, {})) for k in keys}}


def print_report(result: Mapping[str, Any]) -> None:
    print(format_report(result))
