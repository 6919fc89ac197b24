"""The benchmark's synthetic workbooks are real plan workbooks of the requested size.

Everything is read back with independent readers (openpyxl, python-calamine,
LibreOffice), never with the generator's own code.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest
from bench.generate import GeneratedWorkbook, generate
from python_calamine import CalamineWorkbook

from plan_xl import contract as c
from plan_xl.core.values import parse_number_text
from tests.support.libreoffice import convert

YEARS = c.plan_years(c.DEFAULT_START_YEAR, c.DEFAULT_END_YEAR)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.generate import build_base

    return build_base(tmp_path_factory.mktemp("base") / "base.xlsx")


@pytest.fixture(scope="module")
def plan_workbook(base: Path, tmp_path_factory: pytest.TempPathFactory) -> GeneratedWorkbook:
    out = tmp_path_factory.mktemp("gen") / "plan.xlsx"
    return generate(out, actions=7, lines=300, seed=3, defect_rate=0.3, base=base)


def _table_rows(path: Path, table: str) -> tuple[str, list[dict[str, object]]]:
    """(ref, rows as header -> value) of an Excel table, read with openpyxl."""
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        if table in ws.tables:
            ref = ws.tables[table].ref
            cells = list(ws[ref])
            header = [str(cell.value) for cell in cells[0]]
            rows = [
                {
                    h: (cell.value if cell.data_type != "e" else ("#ERR", cell.value))
                    for h, cell in zip(header, row, strict=True)
                }
                for row in cells[1:]
            ]
            return ref, rows
    raise AssertionError(f"table {table} not found")


def test_generated_workbook_has_the_requested_actions_and_project_lines(
    plan_workbook: GeneratedWorkbook,
) -> None:
    ref, actions = _table_rows(plan_workbook.path, c.TBL_ACTIONS)
    _, lines = _table_rows(plan_workbook.path, c.TBL_PROJECT_LINES)
    assert len(actions) == 7
    assert len(lines) == 300
    assert [a["Code"] for a in actions] == [f"DS-{i:05d}" for i in range(1, 8)]
    assert all(line["Project"] for line in lines)
    # The table's ref covers exactly the header and the data rows.
    first_row = int("".join(ch for ch in ref.split(":")[0] if ch.isdigit()))
    assert ref.endswith(str(first_row + 7))


def test_python_calamine_reads_the_same_tables(plan_workbook: GeneratedWorkbook) -> None:
    book = CalamineWorkbook.from_path(str(plan_workbook.path), load_tables=True)
    assert set(c.TABLES_BY_NAME) <= set(book.table_names or [])
    lines = book.get_table_by_name(c.TBL_PROJECT_LINES)
    assert lines.columns == c.PROJECT_LINES_TABLE.headers(YEARS)
    assert len(lines.to_python()) == 300
    assert book.sheet_names == list(c.SHEET_ORDER)


def test_defects_are_where_the_log_says(plan_workbook: GeneratedWorkbook) -> None:
    _, lines = _table_rows(plan_workbook.path, c.TBL_PROJECT_LINES)
    year_cells = [line[str(y)] for line in lines for y in YEARS]
    text_numbers = [
        v for v in year_cells if isinstance(v, str) and parse_number_text(v) is not None
    ]
    errors = [v for v in year_cells if isinstance(v, tuple)]
    negatives = [v for v in year_cells if isinstance(v, int | float) and v < 0]
    missing_codes = [line for line in lines if line["Actiecode"] is None]
    defects = plan_workbook.defects
    assert len(text_numbers) == defects.get("text_number", 0) > 0
    assert len(errors) == defects.get("error_value", 0) > 0
    assert len(negatives) == defects.get("negative_amount", 0) > 0
    assert len(missing_codes) == defects.get("missing_action_code", 0) > 0


def test_clean_plan_estimates_equal_the_sum_of_their_project_lines(
    base: Path, tmp_path: Path
) -> None:
    made = generate(
        tmp_path / "clean.xlsx", actions=5, lines=80, seed=11, defect_rate=0.0, base=base
    )
    assert made.defects == {}
    _, actions = _table_rows(made.path, c.TBL_ACTIONS)
    _, lines = _table_rows(made.path, c.TBL_PROJECT_LINES)
    sums: dict[tuple[object, int], float] = defaultdict(float)
    for line in lines:
        for y in YEARS:
            sums[line["Actiecode"], y] += float(line[str(y)] or 0)  # type: ignore[arg-type]
    for action in actions:
        for y in YEARS:
            assert float(action[str(y)] or 0) == pytest.approx(sums[action["Code"], y])  # type: ignore[arg-type]


def test_recurring_lines_run_to_the_end_of_the_plan_unless_a_defect_stops_them(
    base: Path, tmp_path: Path
) -> None:
    made = generate(
        tmp_path / "clean.xlsx", actions=5, lines=120, seed=5, defect_rate=0.0, base=base
    )
    _, lines = _table_rows(made.path, c.TBL_PROJECT_LINES)
    recurring = [line for line in lines if line["Kostensoort"] == c.COST_TYPE_RECURRING]
    assert recurring
    for line in recurring:
        assert line[str(YEARS[-1])] not in (None, 0)


@pytest.mark.libreoffice
def test_libreoffice_opens_the_generated_workbook(
    soffice: str, plan_workbook: GeneratedWorkbook, tmp_path: Path
) -> None:
    resaved = convert(plan_workbook.path, "xlsx:Calc MS Excel 2007 XML", tmp_path)
    ref, lines = _table_rows(resaved, c.TBL_PROJECT_LINES)
    assert len(lines) == 300
    assert str(lines[0]["Project"]).startswith("PRJ-000001")


def test_plan_xl_reads_the_requested_sizes_and_flags_the_injected_link_defects(
    plan_workbook: GeneratedWorkbook,
) -> None:
    from plan_xl.validate import validate_file

    result = validate_file(plan_workbook.path)
    assert result.plan.actions is not None and len(result.plan.actions.frame) == 7
    assert result.plan.project_lines is not None and len(result.plan.project_lines.frame) == 300
    codes = [f.code for f in result.findings]
    assert codes.count("PRJ002") == plan_workbook.defects["missing_action_code"]
    assert codes.count("PRJ001") == plan_workbook.defects["unknown_action_code"]


def test_dropdowns_formats_and_totals_cover_every_generated_row(
    plan_workbook: GeneratedWorkbook,
) -> None:
    book = openpyxl.load_workbook(plan_workbook.path)
    ws = book[c.SHEET_PROJECTS]
    last_row = ws.tables[c.TBL_PROJECT_LINES].ref.split(":")[1]
    last = int("".join(ch for ch in last_row if ch.isdigit()))
    validations = [str(dv.sqref) for dv in ws.data_validations.dataValidation]
    formats = [str(cf.sqref) for cf in ws.conditional_formatting]
    assert validations and all(ref.endswith(str(last)) for ref in validations)
    assert formats and all(ref.endswith(str(last)) for ref in formats)
    header = [cell.value for cell in ws[ws.tables[c.TBL_PROJECT_LINES].ref.split(":")[0][1:]]]
    total = ws.cell(last, header.index(c.COL_TOTAL) + 1).value
    assert isinstance(total, str) and total.startswith("=SUM(")
