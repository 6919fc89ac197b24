"""The saved template, read back by openpyxl and by raw XML: what the contract promises."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from plan_xl import contract as c

YEARS = [str(y) for y in c.plan_years(c.DEFAULT_START_YEAR, c.DEFAULT_END_YEAR)]


@pytest.fixture(scope="module", params=["blank", "example"])
def saved(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(f"{request.param}_xlsx")


def test_sheets_come_in_contract_order(saved: Path) -> None:
    assert load_workbook(saved).sheetnames == list(c.SHEET_ORDER)


def test_every_contract_table_sits_on_its_sheet_with_contract_headers(saved: Path) -> None:
    wb = load_workbook(saved)
    for spec in c.TABLES:
        ws = wb[spec.sheet]
        assert spec.name in ws.tables, spec.name
        table = ws.tables[spec.name]
        expected = spec.headers(YEARS)  # type: ignore[arg-type]
        assert [col.name for col in table.tableColumns] == expected
        first_row = ws[table.ref.split(":")[0]].row
        first_col = ws[table.ref.split(":")[0]].column
        header_cells = [
            ws.cell(row=first_row, column=first_col + k).value for k in range(len(expected))
        ]
        assert header_cells == expected


def test_checks_table_has_header_and_one_empty_row(saved: Path) -> None:
    ws = load_workbook(saved)[c.SHEET_CHECKS]
    assert ws.tables[c.TBL_CHECKS].ref == "A1:F2"
    assert all(cell.value is None for cell in ws[2])


def _dv_formulas_by_column(ws, table_name: str) -> dict[str, tuple[str, bool]]:  # type: ignore[no-untyped-def]
    table = ws.tables[table_name]
    letters = {
        ws.cell(row=1, column=ws[table.ref.split(":")[0]].column + k).column_letter: col.name
        for k, col in enumerate(table.tableColumns)
    }
    out: dict[str, tuple[str, bool]] = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            letter = "".join(ch for ch in rng.coord.split(":")[0] if ch.isalpha())
            if letter in letters:
                out[letters[letter]] = (dv.formula1, bool(dv.showErrorMessage))
    return out


def test_closed_lists_have_dropdowns_and_themes_come_from_the_theme_table(saved: Path) -> None:
    wb = load_workbook(saved)
    themes = f"={c.NAME_THEME_LIST}"
    actions = _dv_formulas_by_column(wb[c.SHEET_PLAN], c.TBL_ACTIONS)
    assert actions[c.COL_POLICY] == ('"Prioritair,Overig"', True)
    assert actions[c.COL_THEME] == (themes, True)
    assert actions[c.COL_SECONDARY_THEMES] == (themes, False)  # several themes, ';'
    assert actions[c.COL_STAKEHOLDERS][1] is False
    lines = _dv_formulas_by_column(wb[c.SHEET_PROJECTS], c.TBL_PROJECT_LINES)
    assert lines[c.COL_THEME] == (themes, True)
    assert lines[c.COL_COST_TYPE] == ('"Eenmalig,Recurrent"', True)
    assert lines[c.COL_BUDGET_TYPE] == ('"Investering,Exploitatie"', True)
    assert lines[c.COL_STATUS] == ('"Gepland,Lopend,Afgerond,Geannuleerd"', True)
    levels = _dv_formulas_by_column(wb[c.SHEET_MATURITY], c.TBL_THEMES)
    assert levels[c.COL_CURRENT] == (f"={c.NAME_LEVEL_LIST}", True)
    assert levels[c.COL_AMBITION] == (f"={c.NAME_LEVEL_LIST}", True)


def test_defined_names_refer_to_table_columns(saved: Path) -> None:
    names = {n: d.attr_text for n, d in load_workbook(saved).defined_names.items()}
    assert names[c.NAME_THEME_LIST] == "tblThemas[Thema]"
    assert names[c.NAME_LEVEL_LIST] == "tblNiveaus[Niveau]"


def test_rows_with_warnings_are_highlighted_and_the_gap_is_coloured(saved: Path) -> None:
    wb = load_workbook(saved)
    for sheet, table_name, warn_col in (
        (c.SHEET_MATURITY, c.TBL_THEMES, "G"),
        (c.SHEET_PLAN, c.TBL_ACTIONS, "R"),
        (c.SHEET_PROJECTS, c.TBL_PROJECT_LINES, "P"),
    ):
        ws = wb[sheet]
        data_rows = ws.tables[table_name].ref.replace("1:", "2:")
        rules = {
            str(cf.sqref): [f for r in cf.rules for f in r.formula]
            for cf in ws.conditional_formatting
        }
        assert f"LEN(${warn_col}2)>0" in rules[data_rows], sheet
    maturity = wb[c.SHEET_MATURITY]
    ambition = [str(cf.sqref) for cf in maturity.conditional_formatting]
    assert "E2:E9" in ambition


def test_totaal_is_a_live_formula_and_the_table_column_formula(saved: Path) -> None:
    wb = load_workbook(saved)
    for sheet, table_name, total_letter in (
        (c.SHEET_PLAN, c.TBL_ACTIONS, "Q"),
        (c.SHEET_PROJECTS, c.TBL_PROJECT_LINES, "O"),
    ):
        ws = wb[sheet]
        table = ws.tables[table_name]
        expected = f"SUM({table_name}[[#This Row],[2026]:[2031]])"
        assert ws[f"{total_letter}1"].value == c.COL_TOTAL
        last = int(table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        for row in range(2, last + 1):
            assert ws[f"{total_letter}{row}"].value == f"={expected}"
        total_col = next(col for col in table.tableColumns if col.name == c.COL_TOTAL)
        assert total_col.calculatedColumnFormula.attr_text == expected


def test_amounts_are_formatted_in_euro(saved: Path) -> None:
    ws = load_workbook(saved)[c.SHEET_PLAN]
    assert "€" in ws["K2"].number_format
    assert "€" in ws["Q2"].number_format


def test_header_rows_are_frozen_and_styled(saved: Path) -> None:
    wb = load_workbook(saved)
    for sheet in (c.SHEET_SETTINGS, c.SHEET_MATURITY, c.SHEET_PLAN, c.SHEET_PROJECTS):
        ws = wb[sheet]
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2"), sheet
        assert ws["A1"].font.bold
        assert ws.column_dimensions["A"].width >= 10


def test_input_cells_are_unlocked_and_plan_xl_cells_locked(saved: Path) -> None:
    wb = load_workbook(saved)
    for ws in wb.worksheets:
        assert ws.protection.sheet, ws.title
        assert not ws.protection.password, ws.title
        assert ws.protection.autoFilter is False and ws.protection.sort is False
    plan = wb[c.SHEET_PLAN]
    assert plan["A2"].protection.locked is False  # Code
    assert plan["K2"].protection.locked is False  # 2026
    assert plan["Q2"].protection.locked is True  # Totaal
    assert plan["R2"].protection.locked is True  # Waarschuwingen
    maturity = wb[c.SHEET_MATURITY]
    assert maturity["D2"].protection.locked is False
    assert maturity["G2"].protection.locked is True
    settings = wb[c.SHEET_SETTINGS]
    assert settings["A2"].protection.locked is True  # Parameter name
    assert settings["B2"].protection.locked is False  # its Waarde
    assert wb[c.SHEET_CHECKS]["A2"].protection.locked is True


def test_maturity_sheet_has_a_radar_chart_over_the_theme_rows(saved: Path) -> None:
    ws = load_workbook(saved)[c.SHEET_MATURITY]
    assert len(ws._charts) == 1
    with zipfile.ZipFile(saved) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        tree = etree.fromstring(z.read(charts[0]))
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    assert tree.findall(".//c:radarChart", ns)
    refs = [f.text for f in tree.findall(".//c:f", ns)]
    assert "'Maturiteit'!$A$2:$A$9" in refs  # theme names as categories
    assert len(tree.findall(".//c:ser", ns)) == 2  # current and ambition


def test_settings_hold_the_contract_parameters(saved: Path) -> None:
    ws = load_workbook(saved)[c.SHEET_SETTINGS]
    params = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(2, 11)}
    assert list(params) == list(c.SETTINGS_DEFAULTS)
    assert params[c.P_START_YEAR] == 2026 and params[c.P_END_YEAR] == 2031
    assert params[c.P_TEMPLATE_VERSION] == c.TEMPLATE_VERSION
    levels = [ws.cell(row=r, column=8).value for r in range(2, 7)]
    assert levels == list(c.LEVELS)
