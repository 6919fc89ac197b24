"""Users re-save workbooks in LibreOffice: the reader must see the same plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from plan_xl import contract as c
from plan_xl.core.plan import PlanData
from plan_xl.core.values import CellError
from plan_xl.workbook.reader import read_plan, read_workbook
from tests.support.libreoffice import convert
from tests.workbook.conftest import draft, plan_sheets, write_workbook

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def original_and_resaved(
    tmp_path_factory: pytest.TempPathFactory, soffice: str
) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("lo")
    sheets = plan_sheets()
    lines = draft(sheets, c.TBL_PROJECT_LINES)
    lines.rows[0][lines.column("2026")] = "12.500,00"
    lines.rows[0][lines.column("2027")] = "#REF!"
    lines.rows[1][lines.column(c.COL_DESCRIPTION)] = "Één keer — “aanhalingstekens” & <tags>"
    lines.rows[2][lines.column("2031")] = dt.date(2026, 5, 1)
    lines.rows.insert(1, [None] * len(lines.header))
    original = write_workbook(folder / "plan.xlsx", sheets)
    resaved = convert(original, "xlsx:Calc MS Excel 2007 XML", folder / "resaved")
    return original, resaved


def _frames(plan: PlanData) -> dict[str, pd.DataFrame]:
    tables = {
        "actions": plan.actions,
        "lines": plan.project_lines,
        "themes": plan.themes_table,
        "settings": plan.settings_table,
    }
    return {
        name: t.frame.drop(columns=[c.COL_TOTAL], errors="ignore")
        for name, t in tables.items()
        if t
    }


def test_libreoffice_keeps_the_excel_tables(original_and_resaved: tuple[Path, Path]) -> None:
    original, resaved = original_and_resaved
    before, after = read_workbook(original), read_workbook(resaved)
    assert sorted(after.tables) == sorted(t.name for t in c.INPUT_TABLES)
    assert {n: t.ref for n, t in after.tables.items()} == {
        n: t.ref for n, t in before.tables.items()
    }


def test_plan_read_after_a_libreoffice_resave_equals_the_original(
    original_and_resaved: tuple[Path, Path],
) -> None:
    original, resaved = original_and_resaved
    before, after = read_plan(original), read_plan(resaved)
    assert after.structure == before.structure
    assert after.settings == before.settings
    assert after.themes == before.themes
    assert after.dependencies == before.dependencies
    for name, frame in _frames(before).items():
        pd.testing.assert_frame_equal(_frames(after)[name], frame, check_dtype=False)
    lines = after.project_lines
    assert lines is not None
    assert lines.frame.loc[4, 2026] == "12.500,00"
    assert lines.frame.loc[4, 2027] == CellError("#REF!")
    assert lines.frame.loc[7, 2031] in (dt.date(2026, 5, 1), dt.datetime(2026, 5, 1))
    assert list(lines.frame.index) == [4, 6, 7]
