"""The built-in example passes the checks; an injected defect is found where it is."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from plan_xl.core.engine import check_plan
from plan_xl.core.findings import count_by_severity
from plan_xl.workbook.reader import read_plan

EXAMPLE = Path(__file__).resolve().parents[2] / "templates" / "plan-xl-voorbeeld.xlsx"


def test_the_example_has_no_errors_and_no_warnings() -> None:
    counts = count_by_severity(check_plan(read_plan(EXAMPLE)))
    assert (counts["error"], counts["warning"]) == (0, 0)


def test_extra_25000_on_one_estimate_is_found_at_that_cell_and_in_the_year_total(
    tmp_path: Path,
) -> None:
    plan = read_plan(EXAMPLE)
    assert plan.actions is not None
    row = int(plan.actions.frame.index[0])
    code = str(plan.actions.frame.at[row, "Code"])
    cell = plan.actions.cell(row, 2027)
    header = plan.actions.cell(plan.actions.header_row, 2027)

    book = openpyxl.load_workbook(EXAMPLE)
    sheet = book[plan.actions.sheet]
    before = float(sheet[cell].value)
    sheet[cell].value = before + 25_000
    defect = tmp_path / "defect.xlsx"
    book.save(defect)

    findings = check_plan(read_plan(defect))
    act005 = [f for f in findings if f.code == "ACT005"]
    bud001 = [f for f in findings if f.code == "BUD001"]
    assert [(f.sheet, f.cell, f.subject) for f in act005] == [(plan.actions.sheet, cell, code)]
    assert "€ 25.000,00" in act005[0].message("nl")
    assert [(f.cell, f.subject) for f in bud001] == [(header, "2027")]
    counts = count_by_severity(findings)
    assert (counts["error"], counts["warning"]) == (0, 2)
