"""LibreOffice headless opens the template and the example, prints and recalculates them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from plan_xl import contract as c
from tests.template.conftest import RENAMED_THEME

pytestmark = pytest.mark.libreoffice


def _pdf_pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def test_blank_template_prints_to_pdf(blank_pdf: Path) -> None:
    assert _pdf_pages(blank_pdf) >= len(c.SHEET_ORDER)


def test_example_prints_to_pdf(example_pdf: Path) -> None:
    assert _pdf_pages(example_pdf) >= len(c.SHEET_ORDER)


def _table_rows(path: Path, table: str) -> list[dict[str, object]]:
    """Computed values of a table, read by calamine (not by our own code)."""
    wb = CalamineWorkbook.from_path(str(path), load_tables=True)
    found = wb.get_table_by_name(table)
    header = [str(h) for h in found.columns]
    return [dict(zip(header, r, strict=True)) for r in found.to_python()]


def _number(value: object) -> float:
    return float(value) if value not in ("", None) else 0.0  # type: ignore[arg-type]


@pytest.mark.parametrize("table", [c.TBL_ACTIONS, c.TBL_PROJECT_LINES])
def test_each_totaal_equals_the_sum_of_its_years_after_recalculation(
    example_resaved: Path, table: str
) -> None:
    rows = _table_rows(example_resaved, table)
    years = [str(y) for y in c.plan_years(c.DEFAULT_START_YEAR, c.DEFAULT_END_YEAR)]
    assert rows
    for row in rows:
        expected = sum(_number(row[y]) for y in years)
        assert expected > 0
        assert _number(row[c.COL_TOTAL]) == pytest.approx(expected)


def test_example_total_of_the_event_platform_is_computed(example_resaved: Path) -> None:
    rows = {r[c.COL_CODE]: r for r in _table_rows(example_resaved, c.TBL_ACTIONS)}
    # Hand sum of the platform's project lines: 18000 + 65000 + 5 x 12000 + 15000 + 6000 + 4500.
    assert _number(rows["A1.1.1"][c.COL_TOTAL]) == 168500


def test_amounts_typed_into_the_blank_template_are_totalled(filled_blank_resaved: Path) -> None:
    actions = _table_rows(filled_blank_resaved, c.TBL_ACTIONS)
    assert _number(actions[0][c.COL_TOTAL]) == 21000  # 1000 + 2000 + ... + 6000
    assert _number(actions[1][c.COL_TOTAL]) == pytest.approx(6 * 250.5)
    assert _number(actions[2][c.COL_TOTAL]) == 0
    lines = _table_rows(filled_blank_resaved, c.TBL_PROJECT_LINES)
    assert _number(lines[0][c.COL_TOTAL]) == pytest.approx(3 * 1234.25)


def test_theme_list_name_follows_a_renamed_theme_in_libreoffice(filled_blank_resaved: Path) -> None:
    sheet = CalamineWorkbook.from_path(str(filled_blank_resaved)).get_sheet_by_name(c.SHEET_BUDGET)
    values = sheet.to_python()
    assert values[0][10] == len(c.DEFAULT_THEMES)
    assert values[1][10] == RENAMED_THEME
    assert values[2][10] == len(c.LEVELS)


def test_maturity_scores_for_the_radar_are_computed(example_resaved: Path) -> None:
    sheet = CalamineWorkbook.from_path(str(example_resaved)).get_sheet_by_name(c.SHEET_MATURITY)
    rows = sheet.to_python()
    for row in rows[1:9]:
        current, ambition = row[3], row[4]
        assert row[8] == c.LEVEL_SCORES[current]
        assert row[9] == c.LEVEL_SCORES[ambition]
        assert row[10] == c.LEVEL_SCORES[ambition] - c.LEVEL_SCORES[current]


def test_libreoffice_keeps_tables_validations_and_chart_when_resaving(
    example_resaved: Path,
) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(example_resaved)
    for spec in c.TABLES:
        assert spec.name in wb[spec.sheet].tables
    assert c.NAME_THEME_LIST in wb.defined_names
    assert wb[c.SHEET_PLAN].data_validations.dataValidation
    assert len(wb[c.SHEET_MATURITY]._charts) == 1
