"""The budget summaries add up whole amounts with bincount and anything else with
pandas; both ways give the same frames, float for float.

The pandas way is the reference (it is what the summaries were first written
with); it is forced by declaring no amount matrix exact.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.core import budget
from plan_xl.core.amounts import AmountFrame
from plan_xl.core.budget import summarise
from tests.rules.factory import PlanCase

FRAMES = ("by_theme", "by_action", "by_cost_type", "by_budget_type", "by_stakeholder", "by_policy")


def _whole_messy_case() -> PlanCase:
    return PlanCase().apply(
        {
            "set": [
                {"table": "lines", "row": 1, "column": "2027", "value": "1.250,00"},
                {"table": "lines", "row": 2, "column": "2028", "value": "veel"},
                {"table": "lines", "row": 3, "column": "Thema", "value": "Onbekend thema"},
                {"table": "lines", "row": 4, "column": "Kostensoort", "value": "recurrent"},
                {"table": "actions", "row": 1, "column": "Stakeholders", "value": "Klant; Burger"},
                {"table": "actions", "row": 3, "column": "Stakeholders", "value": None},
                {"table": "actions", "row": 2, "column": "2029", "value": "12 000"},
                {"table": "actions", "row": 3, "column": "Beleid", "value": "prioritair"},
            ],
            "append": [
                {"table": "lines", "values": {"Project": "Los", "Actiecode": "A9",
                                              "Kostensoort": "Eenmalig", "2026": 777}},
                {"table": "lines", "values": {"Project": "Wees", "2030": -50}},
                {"table": "lines", "values": {"Project": "Spatie", "Actiecode": " a2 ",
                                              "Kostensoort": "RECURRENT", "2027": 90}},
                {"table": "actions", "values": {"Code": "A1", "Stakeholders": "burger;klant",
                                                "2028": 1000}},
                {"table": "actions", "values": {"Code": "", "2027": 400}},
            ],
        }
    )  # fmt: skip


def _with_cents(case: PlanCase) -> PlanCase:
    return case.apply(
        {"set": [{"table": "lines", "row": 2, "column": "2026", "value": "0,10"}]}
    )  # fmt: skip


def _both_ways(case: PlanCase, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fast = summarise(case.plan())
    with monkeypatch.context() as patched:
        patched.setattr(budget, "exact_sums", lambda values: False)
        reference = summarise(case.plan())
    return fast, reference


@pytest.mark.parametrize(
    "case",
    [PlanCase(), _whole_messy_case(), PlanCase().apply({"drop_tables": ["actions", "lines"]})],
    ids=["base", "messy", "no tables"],
)
def test_whole_amounts_summed_by_bincount_equal_pandas_sums(
    case: PlanCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, reference = _both_ways(case, monkeypatch)
    for name in FRAMES:
        expected = getattr(reference, name)
        pd.testing.assert_frame_equal(getattr(fast, name), expected, check_exact=True)
    expected_share = reference.recurring_share
    pd.testing.assert_series_equal(fast.recurring_share, expected_share, check_exact=True)
    assert fast.to_json() == reference.to_json()


def test_amounts_with_cents_go_the_pandas_way(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    original = budget.exact_sums

    def spy(values: Any) -> bool:
        seen.append(original(values))
        return seen[-1]

    monkeypatch.setattr(budget, "exact_sums", spy)
    summary = summarise(_with_cents(_whole_messy_case()).plan())
    assert False in seen  # the project lines hold cents
    assert summary.by_cost_type.loc["(leeg)"].notna().all()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(st.none(), st.floats(-1e6, 1e6), st.integers(-9, 9)), min_size=3, max_size=3
        ),
        max_size=8,
    ),
    st.lists(st.integers(2024, 2030), max_size=5, unique=True),
)
def test_summary_amounts_from_the_matrix_equal_those_from_the_frame(
    rows: list[list[Any]], years: list[int]
) -> None:
    matrix = np.array([[np.nan if v is None else float(v) for v in row] for row in rows])
    parsed = AmountFrame(
        pd.RangeIndex(5, 5 + len(rows)), [2026, 2027, 2028], matrix.reshape(len(rows), 3),
        np.zeros((len(rows), 3), dtype=np.int8),
    )  # fmt: skip
    expected = budget._Amounts.of(parsed.values, years)
    got = budget._Amounts.of_parsed(parsed, years)
    assert got.index.equals(expected.index)
    assert got.values.tobytes() == expected.values.tobytes()
    assert got.values.shape == expected.values.shape
    assert got.values.flags.f_contiguous == expected.values.flags.f_contiguous
    assert got.exact == expected.exact and got.years == expected.years
