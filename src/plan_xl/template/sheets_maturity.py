"""Maturiteit: tblThemas, numeric helper cells, gap colours and the radar chart."""

from __future__ import annotations

import math

from openpyxl.formatting.rule import FormulaRule
from openpyxl.worksheet.worksheet import Worksheet

from plan_xl import contract as c
from plan_xl.core.plan import column_index
from plan_xl.i18n import t
from plan_xl.template import styles
from plan_xl.template.charts import add_maturity_radar
from plan_xl.template.content import WorkbookContent
from plan_xl.template.layout import LINE_HEIGHT
from plan_xl.template.tables import PlacedTable, write_table
from plan_xl.template.validation import add_list

# Helper cells stand right of the table (one column apart), outside any contract table;
# the radar chart stands below the table, so fit-to-width does not shrink the page for it.
HELPER_FIRST_COL = "I"
HELPER_WIDTH = 10
CHART_COL = "A"
CHART_ROWS_BELOW_TABLE = 3  # the chart starts this many rows below the last theme row
CM_PER_INCH = 2.54
POINTS_PER_INCH = 72


def build_maturity_sheet(ws: Worksheet, content: WorkbookContent, lang: str) -> PlacedTable:
    themes = write_table(
        ws,
        c.THEMES_TABLE,
        [
            (x.name, x.description, x.critical_questions, x.current, x.ambition, x.owner, None)
            for x in content.themes
        ],
    )
    for header in (c.COL_CURRENT, c.COL_AMBITION):
        add_list(
            ws,
            themes.data_range(header),
            name=c.NAME_LEVEL_LIST,
            prompt_key="template.prompt.level",
            lang=lang,
        )
    current_col, ambition_col, gap_col = _write_score_helpers(ws, themes, lang)
    _colour_gap(ws, themes, gap_col)
    highlight_warning_rows(ws, themes)
    chart = add_maturity_radar(
        ws,
        categories=(column_index(themes.letter(c.COL_THEME)), themes.first_row, themes.last_row),
        series_cols=(column_index(current_col), column_index(ambition_col)),
        header_row=themes.header_row,
        anchor=chart_anchor(themes),
        lang=lang,
    )
    ws.print_area = print_area(themes, chart_rows(chart.height))
    ws.freeze_panes = "B2"
    styles.protect(ws)
    return themes


def chart_anchor(themes: PlacedTable) -> str:
    """Top-left cell of the radar chart: column A, a few rows below the theme table."""
    return f"{CHART_COL}{themes.last_row + CHART_ROWS_BELOW_TABLE}"


def chart_rows(height_cm: float) -> int:
    """Rows of default height the chart covers (rounded up, one spare)."""
    return math.ceil(height_cm / CM_PER_INCH * POINTS_PER_INCH / LINE_HEIGHT) + 1


def print_area(themes: PlacedTable, n_chart_rows: int) -> str:
    """The theme table and the chart below it; the helper scores serve the chart only,
    and printing them would shrink the whole page to fit them in."""
    first_col = themes.letter(themes.headers[0])
    last_col = themes.letter(themes.headers[-1])
    last_row = themes.last_row + CHART_ROWS_BELOW_TABLE + n_chart_rows
    return f"{first_col}{themes.header_row}:{last_col}{last_row}"


def _score_formula(level_cell: str) -> str:
    return (
        f"=IFERROR(INDEX({c.TBL_LEVELS}[{c.COL_SCORE}],"
        f"MATCH({level_cell},{c.TBL_LEVELS}[{c.COL_LEVEL}],0)),0)"
    )


def _write_score_helpers(ws: Worksheet, themes: PlacedTable, lang: str) -> tuple[str, str, str]:
    """Level names -> scores (0 when blank or unknown) per theme row; returns the columns."""
    first = column_index(HELPER_FIRST_COL)
    cols = [ws.cell(row=1, column=first + k).column_letter for k in range(3)]
    current_col, ambition_col, gap_col = cols
    labels = ("template.helper.current", "template.helper.ambition", "template.helper.gap")
    for col, key in zip(cols, labels, strict=True):
        cell = ws[f"{col}{themes.header_row}"]
        cell.value = t(key, lang)
        cell.font = styles.HELPER_FONT
        cell.alignment = styles.HEADER_ALIGNMENT
        ws.column_dimensions[col].width = HELPER_WIDTH
    current_letter = themes.letter(c.COL_CURRENT)
    ambition_letter = themes.letter(c.COL_AMBITION)
    for row in range(themes.first_row, themes.last_row + 1):
        ws[f"{current_col}{row}"] = _score_formula(f"{current_letter}{row}")
        ws[f"{ambition_col}{row}"] = _score_formula(f"{ambition_letter}{row}")
        ws[f"{gap_col}{row}"] = (
            f"=IF(AND({current_col}{row}>0,{ambition_col}{row}>0),"
            f'{ambition_col}{row}-{current_col}{row},"")'
        )
        for col in cols:
            ws[f"{col}{row}"].font = styles.HELPER_FONT
    note = ws[f"{current_col}{themes.last_row + 2}"]
    note.value = t("template.helper.title", lang)
    note.font = styles.HELPER_FONT
    return current_col, ambition_col, gap_col


def _colour_gap(ws: Worksheet, themes: PlacedTable, gap_col: str) -> None:
    """Colour Ambitie by its gap with the current maturity (red when below it)."""
    gap = f"${gap_col}{themes.first_row}"
    rules = (
        (f"AND(ISNUMBER({gap}),{gap}<0)", "negative"),
        (f"AND(ISNUMBER({gap}),{gap}=1)", "small"),
        (f"AND(ISNUMBER({gap}),{gap}=2)", "medium"),
        (f"AND(ISNUMBER({gap}),{gap}>=3)", "large"),
    )
    for formula, fill in rules:
        ws.conditional_formatting.add(
            themes.data_range(c.COL_AMBITION),
            FormulaRule(formula=[formula], fill=styles.GAP_FILLS[fill], stopIfTrue=True),
        )


def highlight_warning_rows(ws: Worksheet, table: PlacedTable) -> None:
    """Highlight a table row whose Waarschuwingen cell holds text."""
    warnings = f"${table.letter(c.COL_WARNINGS)}{table.first_row}"
    ws.conditional_formatting.add(
        table.rows_range(),
        FormulaRule(formula=[f"LEN({warnings})>0"], fill=styles.WARNING_ROW_FILL),
    )
