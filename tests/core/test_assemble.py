"""assemble(): raw tables from any reader -> typed plan data, tolerant and total."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_xl import contract as c
from plan_xl.core.assemble import assemble, raw_table_from_grid, year_of_header
from plan_xl.core.plan import RawTable, RawWorkbook
from plan_xl.core.values import CellError

YEARS = [2026, 2027, 2028]


def _raw(tables: list[RawTable], sheets: list[str] | None = None) -> RawWorkbook:
    names = sheets if sheets is not None else [s for s in c.SHEET_ORDER]
    return RawWorkbook("test.xlsx", names, {t.name: t for t in tables})


def _settings(rows: list[list[Any]]) -> RawTable:
    return RawTable(
        c.TBL_SETTINGS, c.SHEET_SETTINGS, f"A3:B{3 + len(rows)}", ["Parameter", "Waarde"], rows
    )


def _themes(rows: list[list[Any]]) -> RawTable:
    header = c.THEMES_TABLE.headers([])
    return RawTable(c.TBL_THEMES, c.SHEET_MATURITY, f"A2:G{2 + len(rows)}", header, rows)


def test_settings_are_matched_tolerantly_and_unreadable_values_keep_defaults() -> None:
    plan = assemble(
        _raw(
            [
                _settings(
                    [
                        ["  organisatie ", "Gemeente Proef"],
                        ["STARTJAAR", "2027"],
                        ["Eindjaar", 2030.0],
                        ["max stappen per plan", 3],
                        ["Max. onbalans", "veel"],
                        ["Tolerantie EUR", "1.250,50"],
                        ["Tolerantie %", "2%"],
                        ["Taal", "EN"],
                        ["Sjabloonversie", 1],
                        ["Onbekend", "x"],
                    ]
                )
            ]
        )
    )
    s = plan.settings
    assert (s.organisation, s.start_year, s.end_year) == ("Gemeente Proef", 2027, 2030)
    assert (s.max_steps, s.max_imbalance) == (3, 2)
    assert (s.tolerance_eur, s.tolerance_pct, s.language) == (1250.5, 2.0, "en")
    assert s.invalid == {c.P_MAX_IMBALANCE: "veel"}
    assert s.cells[c.P_START_YEAR] == "B5"
    assert s.raw[c.P_TOLERANCE_EUR] == "1.250,50"
    assert s.template_version == 1


def test_end_year_before_start_year_is_invalid_and_falls_back_to_the_default_period() -> None:
    plan = assemble(_raw([_settings([["Startjaar", 2031], ["Eindjaar", 2026]])]))
    assert plan.settings.invalid == {c.P_START_YEAR: 2031, c.P_END_YEAR: 2026}
    assert plan.years == c.plan_years(c.DEFAULT_START_YEAR, c.DEFAULT_END_YEAR)


def test_missing_template_version_is_unknown() -> None:
    assert assemble(_raw([_settings([["Organisatie", "X"]])])).settings.template_version is None
    assert assemble(_raw([])).settings.template_version is None


def test_maturity_levels_match_names_in_any_case_and_their_scores() -> None:
    plan = assemble(
        _raw(
            [
                _themes(
                    [
                        ["Processen", "", "", "  basis ", "INTEGRATIE", "Els", None],
                        ["Data", "", "", 3, "4", "", None],
                        ["Toepassingen", "", "", "Gevorderd", 7, "", None],
                        ["Infra", "", "", CellError("#N/A"), None, "", None],
                    ]
                )
            ]
        )
    )
    scores = [(t.name, t.current, t.ambition) for t in plan.themes]
    assert scores == [
        ("Processen", 2, 4),
        ("Data", 3, 4),
        ("Toepassingen", None, None),
        ("Infra", None, None),
    ]
    assert plan.themes[2].current_raw == "Gevorderd"
    assert plan.themes[0].cells[c.COL_AMBITION] == "E3"


def test_levels_table_renames_the_scale() -> None:
    levels = RawTable(
        c.TBL_LEVELS,
        c.SHEET_SETTINGS,
        "D3:F5",
        ["Niveau", "Score", "Omschrijving"],
        [["Starter", 1, ""], ["Expert", 2, ""]],
    )
    plan = assemble(_raw([levels, _themes([["Processen", "", "", "starter", "Expert", "", None]])]))
    assert plan.levels == {"Starter": 1, "Expert": 2}
    assert (plan.themes[0].current, plan.themes[0].ambition) == (1, 2)


def test_missing_column_is_reported_with_the_closest_header_and_year_columns_listed() -> None:
    header = [
        "Code",
        "Beleidsdoelstelling",
        "Actie plan",
        "Actie",
        "Beleid",
        "Thema",
        "Neventhema's",
        "Stakeholders",
        "Aanspreekpunt",
        "Opvolging",
        "2026",
        2027.0,
        "Totaal",
        "Waarschuwingen",
        "Extra",
    ]
    row = [
        "A1",
        "BD",
        "AP",
        "Actie",
        "Overig",
        "Processen",
        None,
        None,
        "An",
        "Q",
        1,
        2,
        None,
        None,
        "x",
    ]
    actions = RawTable(c.TBL_ACTIONS, c.SHEET_PLAN, "B2:P3", header, [row])
    plan = assemble(_raw([actions]))
    assert (c.TBL_ACTIONS, c.COL_ACTION_PLAN, "Actie plan") in plan.structure.missing_columns
    assert plan.structure.year_columns[c.TBL_ACTIONS] == [2026, 2027]
    assert plan.actions is not None
    assert plan.actions.letters[2027] == "M"
    assert plan.actions.cell(3, c.COL_CODE) == "B3"
    assert plan.actions.extra_columns == ["Actie plan", "Extra"]
    assert list(plan.actions.frame.columns).count(2026) == 1


def test_missing_tables_and_sheets_land_in_the_structure_report() -> None:
    plan = assemble(_raw([], sheets=[c.SHEET_SETTINGS, "Blad1"]))
    assert c.SHEET_PLAN in plan.structure.missing_sheets
    assert c.SHEET_SETTINGS not in plan.structure.missing_sheets
    assert set(plan.structure.missing_tables) == {t.name for t in c.INPUT_TABLES}
    assert plan.actions is None and plan.themes == [] and plan.levels == c.LEVEL_SCORES


def test_raw_table_from_grid_turns_error_text_into_cell_errors_and_pads_rows() -> None:
    grid: list[list[Any]] = [["Code", "Actie", "2026"], ["A1", "#REF!", ""], ["A2"]]
    table = raw_table_from_grid(c.TBL_ACTIONS, c.SHEET_PLAN, "C5:E7", grid)
    assert table.header == ["Code", "Actie", "2026"]
    assert table.rows == [["A1", CellError("#REF!"), None], ["A2", None, None]]
    assert table.header_row == 5 and table.first_column == 3


def test_year_headers_are_read_from_text_or_numbers() -> None:
    assert [year_of_header(h) for h in ("2027", 2027, 2027.0, " 2027 ", "Jaar 2027", 27)] == [
        2027,
        2027,
        2027,
        2027,
        None,
        None,
    ]


CELL = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.sampled_from([CellError("#REF!"), "#N/A", "12.500,00", "€ 12 500", "Basis", "2026"]),
)
HEADER = st.one_of(
    CELL, st.sampled_from([*c.ACTIONS_TABLE.headers(YEARS), *c.THEMES_TABLE.headers([])])
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    headers=st.lists(HEADER, min_size=0, max_size=8),
    rows=st.lists(st.lists(CELL, max_size=9), max_size=6),
    settings_rows=st.lists(st.lists(CELL, max_size=3), max_size=6),
    sheets=st.lists(st.text(max_size=8), max_size=3),
)
def test_assemble_never_raises_on_arbitrary_cell_content(
    headers: list[Any], rows: list[list[Any]], settings_rows: list[list[Any]], sheets: list[str]
) -> None:
    tables = [
        RawTable(spec.name, spec.sheet, "B2:D9", list(headers), [list(r) for r in rows])
        for spec in c.INPUT_TABLES
        if spec.name != c.TBL_SETTINGS
    ]
    tables.append(_settings([[*r, None, None][:2] for r in settings_rows]))
    plan = assemble(_raw(tables, sheets))
    assert plan.settings.start_year <= plan.settings.end_year
    for table in (plan.actions, plan.project_lines):
        assert table is not None
        assert all(isinstance(i, int) and i > 2 for i in table.frame.index)


def test_dates_and_other_raw_values_stay_untouched_in_the_frame() -> None:
    header = c.PROJECT_LINES_TABLE.headers(YEARS)
    row: list[Any] = [None] * len(header)
    row[0], row[8], row[9] = "P", dt.date(2026, 1, 2), "12.500,00"
    lines = RawTable(c.TBL_PROJECT_LINES, c.SHEET_PROJECTS, "A1:P2", header, [row])
    plan = assemble(_raw([lines]))
    assert plan.project_lines is not None
    assert plan.project_lines.frame.loc[2, 2026] == dt.date(2026, 1, 2)
    assert plan.project_lines.frame.loc[2, 2027] == "12.500,00"


def test_columns_in_any_order_land_under_their_contract_header() -> None:
    header = c.PROJECT_LINES_TABLE.headers(YEARS)
    # Swap two runs of columns, add an unknown one in the middle and repeat a header.
    shuffled = header[5:9] + ["Los"] + header[:5] + header[9:] + [header[0]]
    rows = [[f"{h}-{r}" for h in shuffled] for r in range(3)]
    table = RawTable(c.TBL_PROJECT_LINES, c.SHEET_PROJECTS, "A4:Z7", shuffled, rows)
    plan = assemble(_raw([table]))
    frame = plan.project_lines.frame if plan.project_lines is not None else None
    assert frame is not None
    for key in frame.columns:
        name = str(key)
        assert list(frame[key]) == [f"{name}-{r}" for r in range(3)]
    assert plan.project_lines is not None and plan.project_lines.extra_columns == ["Los", header[0]]
