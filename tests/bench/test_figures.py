"""Benchmark figures: hand-computed medians, ratios, growth exponents and goal verdicts."""

from __future__ import annotations

import pytest
from bench.figures import goals, growth_exponent, median, ratio


def test_time_proportional_to_m_has_growth_exponent_one() -> None:
    assert growth_exponent({500: 0.1, 5_000: 1.0, 50_000: 10.0}) == pytest.approx(1.0)


def test_time_quadratic_in_m_has_growth_exponent_two() -> None:
    assert growth_exponent({100: 1.0, 1_000: 100.0}) == pytest.approx(2.0)


def test_growth_exponent_is_a_least_squares_fit_over_all_sizes() -> None:
    # log10 points (2, 0), (3, 1), (4, 1): slope = 0.5 by hand.
    assert growth_exponent({100: 1.0, 1_000: 10.0, 10_000: 10.0}) == pytest.approx(0.5)


def test_growth_exponent_needs_two_measured_sizes() -> None:
    assert growth_exponent({500: 0.2, 5_000: None}) is None


def test_median_and_ratio_of_missing_measurements_are_none() -> None:
    assert median([3.0, 1.0, 2.0, 10.0, 4.0]) == 3.0
    assert median([]) is None
    assert ratio(3.0, 2.0) == 1.5
    assert ratio(None, 2.0) is None
    assert ratio(1.0, 0.0) is None


def test_goals_are_judged_against_issue_5_targets() -> None:
    verdicts = {
        g.name: g.met
        for g in goals(
            {
                "read_ratio": {500: 9.0, 5_000: 1.4, 50_000: 1.6},
                "annotate_ratio": {500: 0.5, 5_000: 1.01},
                "growth_exponent": {"validate": 1.05, "annotate": 1.2},
                "peak_rss_mb": {"validate": {50_000: 300.0}, "annotate": {50_000: 1100.0}},
                "excel_roundtrips": {500: 9, 5_000: 9, 50_000: 9},
                "batch_speedup": 1.59,
            }
        )
    }
    assert verdicts == {
        "c/a at M=5,000": True,
        "c/a at M=50,000": False,
        "d/b (worst size)": False,
        "growth exponent validate": True,
        "growth exponent annotate": False,
        "peak RSS at M=50,000 (MiB)": False,
        "Excel round-trips constant in M": True,
        "batch speed-up, 2 workers": False,
    }


def test_round_trips_that_grow_with_m_miss_the_goal() -> None:
    verdict = {g.name: g.met for g in goals({"excel_roundtrips": {500: 9, 5_000: 12}})}
    assert verdict["Excel round-trips constant in M"] is False
    assert verdict["c/a at M=5,000"] is None  # not measured in this run
