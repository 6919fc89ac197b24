"""BUD001, BUD002 and BUD003 read the budget summary's arrays when its sums are exact
whole numbers, else pandas' frames; both ways give the same findings.

The reference is the pandas way, forced by declaring no sum exact (the
summary then builds every frame and total with pandas, as it always did).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.core import budget
from plan_xl.core.budget import summarise
from plan_xl.rules.budget import budget_skewed, recurring_share_rises, totals_differ
from plan_xl.rules.context import CheckContext
from tests.rules.factory import YEARS, PlanCase

THEMES = ("Dienstverlening", "Onbekend thema", None)
COST_TYPES = ("Recurrent", "Eenmalig", "recurrent ", None)


def _findings(case: PlanCase) -> list[dict[str, str]]:
    plan = case.plan()
    ctx = CheckContext.of(plan)
    found = [
        *totals_differ(plan, ctx),
        *recurring_share_rises(plan, ctx),
        *budget_skewed(plan, ctx),
    ]
    return [f.to_dict("en") for f in found]


def _both_ways(case: PlanCase) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    fast = _findings(case)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(budget, "exact_sums", lambda values: False)
        reference = _findings(case)
    return fast, reference


def _lines(amounts: list[tuple[int, int, Any, Any]]) -> PlanCase:
    edits = [
        {"table": "lines", "row": row, "column": str(YEARS[year]), "value": value}
        for row, year, value, _ in amounts
    ] + [
        {"table": "lines", "row": row, "column": "Thema", "value": theme}
        for row, _, _, theme in amounts
    ]
    return PlanCase().apply({"set": edits})


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 4),
            st.integers(0, len(YEARS) - 1),
            st.one_of(st.integers(-(10**7), 10**7), st.sampled_from([0, 2.0**51, "12,50"])),
            st.sampled_from(THEMES),
        ),
        max_size=8,
    ),
    st.lists(st.tuples(st.integers(1, 4), st.sampled_from(COST_TYPES)), max_size=4),
)
def test_budget_rules_fire_alike_from_arrays_and_from_frames(
    amounts: list[tuple[int, int, Any, Any]], cost_types: list[tuple[int, Any]]
) -> None:
    case = _lines(amounts).apply(
        {"set": [{"table": "lines", "row": r, "column": "Kostensoort", "value": v}
                 for r, v in cost_types]}
    )  # fmt: skip
    fast, reference = _both_ways(case)
    assert fast == reference


def test_a_dominant_theme_is_reported_both_ways() -> None:
    big = [(1, year, 100000, None) for year in range(len(YEARS))]
    fast, reference = _both_ways(_lines(big))
    assert [f["code"] for f in fast] == ["BUD001"] * len(YEARS) + ["BUD003", "BUD003"]
    assert fast == reference


def test_exact_theme_totals_are_the_frame_totals() -> None:
    summary = summarise(_lines([(1, 0, 700, None), (2, 3, -50, "Onbekend thema")]).plan())
    exact = summary.exact_theme_totals()
    assert exact is not None
    assert exact == dict(zip(summary.by_theme.index, summary.by_theme[budget.TOTAL], strict=True))


def test_a_rising_recurring_share_is_reported_both_ways() -> None:
    blank = [(1, year, None, "Dienstverlening") for year in range(1, len(YEARS))]
    fast, reference = _both_ways(_lines(blank))
    assert [f["code"] for f in fast].count("BUD002") == 1
    assert fast == reference


def test_recurring_shares_are_the_series_without_nan() -> None:
    blank = [(row, 2, None, None) for row in (1, 2, 3, 4)]  # 2028 without any budget
    summary = summarise(_lines(blank).plan())
    from_array = summary.recurring_shares()  # before the Series exists
    series = summary.recurring_share
    assert series.isna().sum() == 1
    assert from_array == list(series.dropna().items())
    assert summary.recurring_shares() == from_array  # from the Series now
