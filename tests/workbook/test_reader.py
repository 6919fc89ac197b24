"""Reading plan workbooks written by openpyxl: tables by name, columns by header."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from plan_xl import contract as c
from plan_xl.core.values import CellError
from plan_xl.workbook.reader import read_plan, read_workbook
from tests.workbook.conftest import ACTIONS, LINES, YEARS, Sheets, draft

Write = Callable[..., Path]


def test_contract_workbook_reads_back_exactly_what_openpyxl_wrote(
    sheets: Sheets, write: Write
) -> None:
    plan = read_plan(write(sheets))
    assert plan.structure.missing_tables == {}
    assert plan.structure.missing_columns == []
    assert plan.structure.year_columns[c.TBL_ACTIONS] == YEARS
    assert plan.actions is not None and plan.project_lines is not None
    # header at row 3: the data starts at Excel row 4
    assert list(plan.actions.frame.index) == [4, 5]
    actions = plan.actions.frame.drop(columns=[c.COL_TOTAL, c.COL_WARNINGS])
    assert list(actions.columns) == [*c.ACTIONS_TABLE.fixed_columns[:10], *YEARS]
    assert actions.values.tolist() == ACTIONS
    lines = plan.project_lines.frame.drop(columns=[c.COL_TOTAL, c.COL_WARNINGS])
    assert lines.values.tolist() == LINES
    assert plan.actions.cell(5, 2027) == "L5"
    assert plan.project_lines.letters[c.COL_ACTION_CODE] == "C"


def test_settings_themes_levels_and_dependencies_are_typed(sheets: Sheets, write: Write) -> None:
    plan = read_plan(write(sheets))
    assert plan.settings.organisation == "Gemeente Proef"
    assert plan.settings.years == YEARS
    assert plan.settings.template_version == c.TEMPLATE_VERSION
    assert plan.settings.invalid == {}
    assert plan.settings.cells[c.P_START_YEAR] == "B5"
    assert plan.levels == c.LEVEL_SCORES
    assert [(d.theme, d.required_theme, d.max_lag) for d in plan.dependencies] == [
        (d.theme, d.required_theme, d.max_lag) for d in c.DEFAULT_DEPENDENCIES
    ]
    assert plan.theme_names == [t.name for t in c.DEFAULT_THEMES]
    first = plan.themes[0]
    assert (first.current, first.ambition, first.row) == (2, 3, 4)
    assert first.cells[c.COL_AMBITION] == "E4"


def test_reordered_columns_and_extra_user_columns_are_found_by_header(
    sheets: Sheets, write: Write
) -> None:
    actions = draft(sheets, c.TBL_ACTIONS)
    actions.move_column("2027", 0)
    actions.move_column(c.COL_CODE, 5)
    actions.header.insert(2, "Mijn notities")
    for row in actions.rows:
        row.insert(2, "intern")
    plan = read_plan(write(sheets))
    assert plan.actions is not None
    frame = plan.actions.frame
    assert frame[c.COL_CODE].tolist() == ["A1", "A2"]
    assert frame[2027].tolist() == [15000, 10000]
    assert plan.actions.letters[2027] == "A"
    assert plan.actions.letters[c.COL_CODE] == "G"
    assert plan.actions.extra_columns == ["Mijn notities"]
    assert "Mijn notities" not in frame.columns
    assert plan.structure.missing_columns == []


def test_headers_differing_in_case_spacing_and_quotes_still_match(
    sheets: Sheets, write: Write
) -> None:
    actions = draft(sheets, c.TBL_ACTIONS)
    actions.header[actions.column("Neventhema's")] = " NEVENTHEMA\u2019S "
    actions.header[actions.column(c.COL_POLICY_OBJECTIVE)] = "beleids doelstelling"
    actions.header[actions.column(c.COL_CONTACT)] = "aanspreekpunt"
    plan = read_plan(write(sheets))
    assert plan.actions is not None
    assert plan.actions.frame["Neventhema's"].tolist()[0] == "Processen;Toepassingen"
    assert plan.actions.frame[c.COL_CONTACT].tolist() == ["An Peeters", "Bart Claes"]
    # "beleids doelstelling" is not the contract header: reported with a suggestion
    assert plan.structure.missing_columns == [
        (c.TBL_ACTIONS, c.COL_POLICY_OBJECTIVE, "beleids doelstelling")
    ]


def test_blank_rows_inside_the_table_are_dropped_and_rows_keep_their_excel_number(
    sheets: Sheets, write: Write
) -> None:
    lines = draft(sheets, c.TBL_PROJECT_LINES)
    blank = [None] * len(lines.header)
    only_warning = [None] * len(lines.header)
    only_warning[lines.column(c.COL_WARNINGS)] = "oude waarschuwing"
    lines.rows[1:1] = [blank, only_warning, [" "] + blank[1:]]
    plan = read_plan(write(sheets))
    assert plan.project_lines is not None
    assert list(plan.project_lines.frame.index) == [4, 8, 9]
    assert plan.project_lines.frame[c.COL_DESCRIPTION].tolist() == [r[1] for r in LINES]


def test_rows_typed_directly_under_the_table_belong_to_it(sheets: Sheets, write: Write) -> None:
    lines = draft(sheets, c.TBL_PROJECT_LINES)
    extra = [
        "Nieuw",
        "Later toegevoegd",
        "A2",
        "Processen",
        "Eenmalig",
        "Exploitatie",
        "Bart",
        "Gepland",
        1,
        2,
        3,
        4,
        5,
        6,
        None,
        None,
    ]
    lines.extra_rows_below = [extra, [None] * 16, ["Losse notitie na een lege rij"]]
    plan = read_plan(write(sheets))
    assert plan.project_lines is not None
    frame = plan.project_lines.frame
    assert list(frame.index) == [4, 5, 6, 7]
    assert frame.loc[7, c.COL_DESCRIPTION] == "Later toegevoegd"
    assert "Losse notitie na een lege rij" not in frame[c.COL_PROJECT].tolist()


def test_a_totals_line_under_the_table_is_not_read_as_a_row(sheets: Sheets, write: Write) -> None:
    actions = draft(sheets, c.TBL_ACTIONS)
    totals: list[object] = [None] * len(actions.header)
    totals[0], totals[actions.column("2026")] = "Totaal", 30000
    actions.extra_rows_below = [totals]
    plan = read_plan(write(sheets))
    assert plan.actions is not None
    assert plan.actions.frame[c.COL_CODE].tolist() == ["A1", "A2"]


def test_text_numbers_dates_booleans_and_error_cells_arrive_raw(
    sheets: Sheets, write: Write
) -> None:
    lines = draft(sheets, c.TBL_PROJECT_LINES)
    row = lines.rows[0]
    row[lines.column("2026")] = "12.500,00"
    row[lines.column("2027")] = "€ 12 500"
    row[lines.column("2028")] = "#REF!"  # openpyxl stores this as an error cell
    row[lines.column("2029")] = dt.date(2026, 3, 1)
    row[lines.column("2030")] = True
    row[lines.column("2031")] = 1234.56
    lines.rows[1][lines.column("2026")] = "#N/A"
    plan = read_plan(write(sheets))
    assert plan.project_lines is not None
    frame = plan.project_lines.frame
    assert frame.loc[4, 2026] == "12.500,00"
    assert frame.loc[4, 2027] == "€ 12 500"
    assert frame.loc[4, 2028] == CellError("#REF!")
    assert frame.loc[4, 2029] in (dt.date(2026, 3, 1), dt.datetime(2026, 3, 1))
    assert frame.loc[4, 2030] is True
    assert frame.loc[4, 2031] == pytest.approx(1234.56)
    assert frame.loc[5, 2026] == CellError("#N/A")


def test_table_names_are_matched_case_insensitively(sheets: Sheets, write: Write) -> None:
    draft(sheets, c.TBL_ACTIONS).name = "TBLACTIES"
    plan = read_plan(write(sheets))
    assert plan.actions is not None and len(plan.actions.frame) == 2
    assert c.TBL_ACTIONS not in plan.structure.missing_tables


def test_missing_table_and_sheet_are_reported_not_raised(sheets: Sheets, write: Write) -> None:
    del sheets[c.SHEET_PROJECTS]
    draft(sheets, c.TBL_LEVELS).name = "tblAndereNaam"
    plan = read_plan(write(sheets))
    assert plan.project_lines is None
    assert plan.structure.missing_sheets == [c.SHEET_PROJECTS]
    assert plan.structure.missing_tables == {
        c.TBL_LEVELS: c.SHEET_SETTINGS,
        c.TBL_PROJECT_LINES: c.SHEET_PROJECTS,
    }
    assert plan.levels == c.LEVEL_SCORES  # contract levels as fallback


def test_tables_without_excel_table_definitions_are_found_by_their_header_row(
    sheets: Sheets, write: Write
) -> None:
    for drafts in sheets.values():
        for each in drafts:
            each.as_table = False
    raw = read_workbook(write(sheets))
    assert sorted(raw.tables) == sorted(t.name for t in c.INPUT_TABLES)
    assert raw.tables[c.TBL_DEPENDENCIES].ref == "D3:F6"
    assert raw.tables[c.TBL_LEVELS].ref == "H3:J8"
    plan = read_plan(write(sheets, "again.xlsx"))
    assert plan.project_lines is not None
    assert (
        plan.project_lines.frame.drop(columns=[c.COL_TOTAL, c.COL_WARNINGS]).values.tolist()
        == LINES
    )
    assert plan.settings.organisation == "Gemeente Proef"


def test_xlsm_extension_is_read_like_xlsx(sheets: Sheets, write: Write) -> None:
    plan = read_plan(write(sheets, "plan.xlsm"))
    assert plan.actions is not None and len(plan.actions.frame) == 2
