"""BUD001 and BUD003 read the budget summary's arrays when its sums are exact
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
from plan_xl.rules.budget import budget_skewed, totals_differ
from plan_xl.rules.context import CheckContext
from tests.rules.factory import YEARS, PlanCase

THEMES = ("Dienstverlening", "Onbekend thema", None)


def _findings(case: PlanCase) -> list[dict[str, str]]:
    plan = case.plan()
    ctx = CheckContext.of(plan)
    found = [*totals_differ(plan, ctx), *budget_skewed(plan, ctx)]
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
    )
)
def test_budget_rules_fire_alike_from_arrays_and_from_frames(
    amounts: list[tuple[int, int, Any, Any]],
) -> None:
    fast, reference = _both_ways(_lines(amounts))
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
