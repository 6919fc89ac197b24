"""annotate(): what goes into Waarschuwingen, Controles and Budgetoverzicht."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_xl import contract as c
from plan_xl.core.annotations import annotate, budget_sheet, sheet_location
from plan_xl.core.findings import Finding, Severity
from plan_xl.core.plan import PlanData
from plan_xl.workbook.reader import read_plan
from tests.support.writer_workbooks import YEARS, build_plan_workbook


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> PlanData:
    built = build_plan_workbook(tmp_path_factory.mktemp("plan") / "plan.xlsx")
    return read_plan(built.path)


def f(code: str, sheet: str, cell: str, subject: str = "", **params: object) -> Finding:
    severity = Severity.INFO if code == "ACT008" else Severity.WARNING
    return Finding(code, severity, sheet, cell, subject, params)


def test_each_finding_lands_in_the_warnings_cell_of_its_row(plan: PlanData) -> None:
    findings = [
        f("ACT007", c.SHEET_PLAN, "J3", "A002"),
        f("ACT006", c.SHEET_PLAN, "I3", "A002"),
        f("PRJ006", c.SHEET_PROJECTS, "K5", "Project 2.2", year=2027),
        f("MAT004", c.SHEET_MATURITY, "E2", "Dienstverlening"),
        f("WB003", c.SHEET_SETTINGS, "B5"),  # not in a table with Waarschuwingen
    ]
    result = annotate(plan, findings, {}, "nl")
    columns = {col.table: col for col in result.warning_columns}
    assert set(columns) == {c.TBL_THEMES, c.TBL_ACTIONS, c.TBL_PROJECT_LINES}
    actions = columns[c.TBL_ACTIONS]
    assert (actions.sheet, actions.column, actions.first_row, actions.last_row) == (
        c.SHEET_PLAN,
        "R",
        2,
        4,
    )
    # One line per finding, in column order of the cells (I before J).
    expected = f"ACT006: {findings[1].message('nl')}\nACT007: {findings[0].message('nl')}"
    assert actions.cells() == [(2, ""), (3, expected), (4, "")]
    assert columns[c.TBL_PROJECT_LINES].texts == {5: f"PRJ006: {findings[2].message('nl')}"}
    assert columns[c.TBL_THEMES].column == "G"
    assert list(columns[c.TBL_THEMES].texts) == [2]


def test_controles_lists_every_finding_with_labels_and_link_targets(plan: PlanData) -> None:
    findings = [
        f("ACT006", c.SHEET_PLAN, "I3", "A002"),
        f("ACT008", c.SHEET_PLAN, "H2", "A001"),
        f("WB003", c.SHEET_SETTINGS, "", ""),
    ]
    result = annotate(plan, findings, {}, "en")
    rows = result.checks.rows
    assert result.checks.header == ["Ernst", "Code", "Blad", "Cel", "Onderwerp", "Melding"]
    assert [(r.severity, r.code, r.cell, r.target) for r in rows] == [
        ("Warning", "WB003", "", "'Instellingen'!A1"),
        ("Warning", "ACT006", "I3", "'Meerjarenplan'!I3"),
        ("Info", "ACT008", "H2", "'Meerjarenplan'!H2"),
    ]
    assert rows[1].message == findings[0].message("en")
    dutch = annotate(plan, findings, {}, "nl").checks.rows
    assert [r.severity for r in dutch] == ["Waarschuwing", "Waarschuwing", "Info"]


def test_link_targets_quote_sheet_names() -> None:
    assert sheet_location("Meerjarenplan", "L7") == "'Meerjarenplan'!L7"
    assert sheet_location("Plan van O'Brien", "B2") == "'Plan van O''Brien'!B2"


def test_budget_grid_adds_totals_and_charts_point_at_its_rows() -> None:
    budget = {
        "by_theme": {
            "Processen": {"2026": 1000.0, "2027": 250.25, "2031": 10.0},
            "Toepassingen": {"2026": 0.0, "2028": 99.5},
        },
        "by_cost_type": {"Eenmalig": {"2026": 1000.0}, "Recurrent": {"2027": 349.75}},
    }
    sheet = budget_sheet(budget, YEARS, "nl")
    grid = sheet.grid
    rows = {r[0]: r for r in grid if r}
    assert rows["Thema"] == ["Thema", *YEARS, "Totaal"]
    assert rows["Processen"] == ["Processen", 1000.0, 250.25, None, None, None, 10.0, 1260.25]
    assert rows["Toepassingen"][-1] == 99.5
    by_theme = next(ch for ch in sheet.charts if ch.key == "by_theme")
    header_row = grid.index(rows["Thema"]) + 1  # 1-based sheet row
    assert by_theme.categories.a1() == f"$B${header_row}:$G${header_row}"
    names = [grid[row - 1][col - 1] for (row, col), _ in by_theme.series]
    assert names == ["Processen", "Toepassingen"]
    assert [ch.kind for ch in sheet.charts] == ["clustered", "stacked"]
    # Charts sit to the right of the grid, without overlapping it or each other.
    assert all(ch.anchor.first_col > sheet.width for ch in sheet.charts)
    assert sheet.charts[0].anchor.last_row < sheet.charts[1].anchor.first_row


def test_annotate_accepts_a_validation_result(plan: PlanData) -> None:
    from plan_xl.validate import ValidationResult

    findings = [f("ACT006", c.SHEET_PLAN, "I3", "A002")]
    result = ValidationResult(Path("plan.xlsx"), plan, findings, {}, "en")
    assert annotate(result) == annotate(plan, findings, {}, "en")
