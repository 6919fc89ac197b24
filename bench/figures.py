"""Benchmark figures from raw timings: medians, ratios, growth exponent, goals.

Pure functions of the measurements, so they are tested with hand-computed values.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Issue 5's goals.
GOAL_READ_RATIO = 1.5  # c/a at M = 5,000 and 50,000
GOAL_READ_RATIO_SIZES = (5_000, 50_000)
GOAL_ANNOTATE_RATIO = 1.0  # d/b
GOAL_GROWTH_EXPONENT = 1.1
GOAL_PEAK_RSS_MB = 1024.0  # at M = 50,000
GOAL_PEAK_RSS_SIZE = 50_000
GOAL_BATCH_SPEEDUP = 1.6


def median(samples: Sequence[float]) -> float | None:
    return statistics.median(samples) if samples else None


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def growth_exponent(times_by_size: Mapping[int, float | None]) -> float | None:
    """Least-squares slope of log(t) against log(M): 1.0 means linear in M."""
    points = [
        (math.log(size), math.log(t))
        for size, t in sorted(times_by_size.items())
        if t is not None and t > 0 and size > 0
    ]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    return sxy / sxx if sxx else None


@dataclass(frozen=True)
class Goal:
    name: str
    target: str
    value: float | None
    met: bool | None  # None: not measured in this run

    def mark(self) -> str:
        return {True: "ok", False: "MISSED", None: "n/a"}[self.met]


def _at_most(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def goals(figures: Mapping[str, Any]) -> list[Goal]:
    """Issue 5's goals, judged on a run's figures (sizes the run skipped stay n/a)."""
    out: list[Goal] = []
    read_ratio: Mapping[int, float | None] = figures.get("read_ratio", {})
    for size in GOAL_READ_RATIO_SIZES:
        value = read_ratio.get(size)
        out.append(
            Goal(
                f"c/a at M={size:,}",
                f"<= {GOAL_READ_RATIO}",
                value,
                _at_most(value, GOAL_READ_RATIO),
            )
        )
    annotate_ratio: Mapping[int, float | None] = figures.get("annotate_ratio", {})
    worst = max((v for v in annotate_ratio.values() if v is not None), default=None)
    out.append(
        Goal(
            "d/b (worst size)",
            f"<= {GOAL_ANNOTATE_RATIO}",
            worst,
            _at_most(worst, GOAL_ANNOTATE_RATIO),
        )
    )
    for task, value in figures.get("growth_exponent", {}).items():
        out.append(
            Goal(
                f"growth exponent {task}",
                f"<= {GOAL_GROWTH_EXPONENT}",
                value,
                _at_most(value, GOAL_GROWTH_EXPONENT),
            )
        )
    rss = figures.get("peak_rss_mb", {})
    at_size = [
        by_size.get(GOAL_PEAK_RSS_SIZE) for by_size in rss.values() if isinstance(by_size, Mapping)
    ]
    peak = max((v for v in at_size if v is not None), default=None)
    out.append(
        Goal(
            f"peak RSS at M={GOAL_PEAK_RSS_SIZE:,} (MiB)",
            f"< {GOAL_PEAK_RSS_MB:.0f}",
            peak,
            None if peak is None else peak < GOAL_PEAK_RSS_MB,
        )
    )
    trips = [v for v in figures.get("excel_roundtrips", {}).values() if v is not None]
    out.append(
        Goal(
            "Excel round-trips constant in M",
            "same count for every M",
            float(max(trips)) if trips else None,
            (len(set(trips)) == 1) if len(trips) >= 2 else None,
        )
    )
    speedup = figures.get("batch_speedup")
    out.append(
        Goal(
            "batch speed-up, 2 workers",
            f">= {GOAL_BATCH_SPEEDUP}",
            speedup,
            None if speedup is None else speedup >= GOAL_BATCH_SPEEDUP,
        )
    )
    return out
