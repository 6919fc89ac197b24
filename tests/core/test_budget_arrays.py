"""The budget summary keeps its sums as arrays; the JSON report and BUD001's
year totals are read from those arrays, the frames are built only on request.

Both must say what the frames say: the references here read the frames
(``iterrows``, pandas' own column sums), the way the summary used to be
turned into JSON and totals.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from plan_xl.core.budget import summarise
from plan_xl.core.budget_grids import MEASURES
from tests.rules.factory import PlanCase

GRIDS = ("by_theme", "by_cost_type", "by_budget_type", "by_stakeholder", "by_policy")


def _odd_case() -> PlanCase:
    return PlanCase().apply(
        {
            "set": [
                {"table": "lines", "row": 2, "column": "2028", "value": "veel"},
                {"table": "lines", "row": 3, "column": "Thema", "value": "Onbekend thema"},
                {"table": "actions", "row": 1, "column": "Stakeholders", "value": "Klant; Burger"},
                {"table": "actions", "row": 3, "column": "Beleid", "value": "prioritair"},
            ],
            "append": [
                {"table": "lines", "values": {"Project": "Los", "Actiecode": "A9", "2026": 777}},
                {"table": "lines", "values": {"Project": "Wees", "2030": -50}},
                {"table": "actions", "values": {"Code": "", "2027": 400}},
            ],
        }
    )  # fmt: skip


def _with(case: PlanCase, table: str, value: Any) -> PlanCase:
    return case.apply({"set": [{"table": table, "row": 2, "column": "2027", "value": value}]})


CASES = {
    "base": PlanCase(),
    "odd": _odd_case(),
    "cents in lines": _with(_odd_case(), "lines", "0,10"),
    "cents in actions": _with(_odd_case(), "actions", "1.000,01"),
    "beyond 2**50": _with(_odd_case(), "lines", 2.0**52 + 2),
    "no tables": PlanCase().apply({"drop_tables": ["actions", "lines"]}),
}


def _plain(value: Any) -> float:
    number = float(value)
    return round(number, 2) if math.isfinite(number) else 0.0


def _grid_json_from_frame(frame: pd.DataFrame, years: list[int]) -> dict[str, Any]:
    return {
        str(label): {str(year): _plain(row[year]) for year in years}
        for label, row in frame.iterrows()
    }


def _actions_json_from_frame(frame: pd.DataFrame, years: list[int]) -> dict[str, Any]:
    return {
        str(code): {str(year): {m: _plain(row[(year, m)]) for m in MEASURES} for year in years}
        for code, row in frame.iterrows()
    }


@pytest.mark.parametrize("name", list(CASES))
def test_year_totals_equal_pandas_column_sums_of_the_frames(name: str) -> None:
    summary = summarise(CASES[name].plan())
    mjp, projects = summary.year_totals()
    years = summary.years
    assert list(mjp) == list(projects) == years
    for year in years:
        expected_mjp = float(summary.by_action[(year, "mjp")].sum())
        expected_projects = float(summary.by_theme[year].sum())
        assert mjp[year] == expected_mjp
        assert projects[year] == expected_projects
        assert isinstance(mjp[year], float) and isinstance(projects[year], float)
    assert mjp == {int(y): float(v) for y, v in summary.mjp_total_by_year.items()}
    assert projects == {int(y): float(v) for y, v in summary.project_total_by_year.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_json_from_the_arrays_equals_the_json_read_from_the_frames(name: str) -> None:
    summary = summarise(CASES[name].plan())
    data = summary.to_json()  # before any frame exists
    years = summary.years
    for grid in GRIDS:
        assert data[grid] == _grid_json_from_frame(getattr(summary, grid), years), grid
        assert list(data[grid]) == [str(label) for label in getattr(summary, grid).index]
    assert data["by_action"] == _actions_json_from_frame(summary.by_action, years)
    assert list(data["by_action"]) == [str(code) for code in summary.by_action.index]
    assert summary.to_json() == data  # the frames, now built, change nothing


def test_a_frame_is_built_once_and_shared() -> None:
    summary = summarise(CASES["odd"].plan())
    assert summary.by_theme is summary.by_theme
    assert summary.by_action is summary.by_action
