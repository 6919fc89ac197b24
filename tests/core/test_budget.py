"""Budget summaries equal sums computed independently from the case data.

The expected values are plain Python loops over the rows the test itself
wrote into the workbook (tests/rules/factory.py), never the pandas code
under test.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from plan_xl.core.amounts import NO_THEME, NO_VALUE
from plan_xl.core.budget import TOTAL, summarise
from plan_xl.core.values import parse_amount
from tests.rules.factory import YEARS, PlanCase


def _number(value: Any) -> float:
    amount = parse_amount(value)
    return amount.value if amount.value is not None else 0.0


def _messy_case() -> PlanCase:
    """The base plan with the odd things real workbooks hold."""
    return PlanCase().apply(
        {
            "set": [
                {"table": "lines", "row": 1, "column": "2027", "value": "1.250,50"},
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
                {"table": "lines", "values": {"Project": "Wees", "2030": 50}},
            ],
        }
    )  # fmt: skip


@pytest.fixture(scope="module")
def messy() -> tuple[PlanCase, Any]:
    case = _messy_case()
    plan = case.plan()
    return case, summarise(plan)


def _theme_of_line(line: dict[str, Any], actions: list[dict[str, Any]]) -> str:
    if line.get("Thema"):
        return str(line["Thema"])
    for action in actions:
        if str(action["Code"]).lower() == str(line.get("Actiecode") or "").lower():
            return str(action["Thema"] or NO_THEME)
    return NO_THEME


def test_budget_per_theme_and_year_matches_hand_sums(messy: tuple[PlanCase, Any]) -> None:
    case, summary = messy
    actions = case.table("actions").dicts()
    expected: dict[str, dict[int, float]] = defaultdict(lambda: dict.fromkeys(YEARS, 0.0))
    for line in case.table("lines").dicts():
        for year in YEARS:
            expected[_theme_of_line(line, actions)][year] += _number(line[str(year)])
    for theme, per_year in expected.items():
        for year in YEARS:
            assert summary.by_theme.loc[theme, year] == pytest.approx(per_year[year])
        assert summary.by_theme.loc[theme, TOTAL] == pytest.approx(sum(per_year.values()))
    # every theme of tblThemas is listed, also without budget
    assert list(summary.by_theme.index[:4]) == [
        "Dienstverlening", "Processen", "Toepassingen", "Informatieveiligheid & privacy",
    ]  # fmt: skip
    assert summary.by_theme.loc["Toepassingen", 2026] == pytest.approx(3000.0)  # inherited


def test_budget_per_action_gives_mjp_projects_and_difference(
    messy: tuple[PlanCase, Any],
) -> None:
    case, summary = messy
    for action in case.table("actions").dicts():
        code = action["Code"]
        for year in YEARS:
            mjp = _number(action[str(year)])
            projects = sum(
                _number(line[str(year)])
                for line in case.table("lines").dicts()
                if str(line.get("Actiecode") or "").lower() == code.lower()
            )
            assert summary.by_action.loc[code, (year, "mjp")] == pytest.approx(mjp)
            assert summary.by_action.loc[code, (year, "projects")] == pytest.approx(projects)
            assert summary.by_action.loc[code, (year, "difference")] == pytest.approx(
                mjp - projects
            )
    assert summary.by_action.loc["A9", (2026, "projects")] == pytest.approx(777.0)
    assert summary.by_action.loc["A2", (2029, "mjp")] == pytest.approx(12000.0)


@pytest.mark.parametrize(
    ("attribute", "column", "allowed"),
    [
        ("by_cost_type", "Kostensoort", ("Eenmalig", "Recurrent")),
        ("by_budget_type", "Budgettype", ("Investering", "Exploitatie")),
    ],
)
def test_budget_per_cost_and_budget_type(
    messy: tuple[PlanCase, Any], attribute: str, column: str, allowed: tuple[str, ...]
) -> None:
    case, summary = messy
    grid = getattr(summary, attribute)
    expected: dict[str, float] = defaultdict(float)
    for line in case.table("lines").dicts():
        label = str(line.get(column) or NO_VALUE)
        label = next((a for a in allowed if a.lower() == label.lower()), label)
        for year in YEARS:
            expected[f"{label}|{year}"] += _number(line[str(year)])
    for key, amount in expected.items():
        label, year = key.split("|")
        assert grid.loc[label, int(year)] == pytest.approx(amount)


def test_action_with_several_stakeholders_counts_fully_under_each(
    messy: tuple[PlanCase, Any],
) -> None:
    case, summary = messy
    a1 = case.table("actions").dicts()[0]
    assert summary.by_stakeholder.loc["Klant", 2026] == pytest.approx(_number(a1["2026"]))
    assert summary.by_stakeholder.loc["Burger", 2026] == pytest.approx(_number(a1["2026"]))
    assert summary.by_stakeholder.loc[NO_VALUE, 2026] == pytest.approx(3000.0)
    assert summary.by_stakeholder.loc["Bestuurder", 2026] == pytest.approx(0.0)


def test_budget_per_policy(messy: tuple[PlanCase, Any]) -> None:
    case, summary = messy
    expected: dict[str, float] = defaultdict(float)
    for action in case.table("actions").dicts():
        expected[str(action["Beleid"]).capitalize()] += sum(_number(action[str(y)]) for y in YEARS)
    for policy, total in expected.items():
        assert summary.by_policy.loc[policy, TOTAL] == pytest.approx(total)


def test_recurring_share_per_year(messy: tuple[PlanCase, Any]) -> None:
    case, summary = messy
    for year in YEARS:
        lines = case.table("lines").dicts()
        total = sum(_number(line[str(year)]) for line in lines)
        recurring = sum(
            _number(line[str(year)])
            for line in lines
            if str(line.get("Kostensoort") or "").lower() == "recurrent"
        )
        assert summary.recurring_share[year] == pytest.approx(recurring / total)


def test_json_shape_has_years_as_strings_and_plain_floats(messy: tuple[PlanCase, Any]) -> None:
    import json

    _, summary = messy
    data = json.loads(json.dumps(summary.to_json()))
    assert set(data) == {
        "by_theme", "by_action", "by_cost_type", "by_budget_type", "by_stakeholder", "by_policy",
    }  # fmt: skip
    assert data["by_theme"]["Dienstverlening"]["2027"] == pytest.approx(1250.5)
    assert data["by_action"]["A1"]["2027"] == {
        "mjp": 8000.0, "projects": 1250.5, "difference": 6749.5,
    }  # fmt: skip
    assert set(data["by_cost_type"]["Recurrent"]) == {str(y) for y in YEARS}
    for grid in data.values():
        for per_year in grid.values():
            assert all(isinstance(k, str) and k.isdigit() for k in per_year)


def test_summary_of_a_plan_without_tables_is_empty_not_an_error() -> None:
    case = PlanCase().apply({"drop_tables": ["actions", "lines"]})
    summary = summarise(case.plan())
    assert summary.by_action.empty
    assert float(summary.by_theme[TOTAL].sum()) == 0.0
    assert summary.to_json()["by_action"] == {}
