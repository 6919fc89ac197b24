"""The sheets plan-xl owns: Budgetoverzicht (filled per run) and Controles."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.worksheet.worksheet import Worksheet

from plan_xl import contract as c
from plan_xl.core.plan import column_letter
from plan_xl.i18n import t
from plan_xl.template import styles
from plan_xl.template.tables import PlacedTable, write_table

# Severity colours reach far below the one-row table, so every finding written later
# (by the file writer or by live Excel, which resizes tblControles) is coloured.
CHECKS_FORMAT_LAST_ROW = 5000


def build_budget_sheet(ws: Worksheet, lang: str) -> None:
    ws["A1"] = t("template.title.budget", lang)
    ws["A1"].font = styles.TITLE_FONT
    ws["A3"] = t("template.note.budget", lang)
    ws["A3"].alignment = styles.WRAP
    ws["A3"].font = styles.SUBTITLE_FONT
    ws.merge_cells("A3:H5")
    ws.column_dimensions["A"].width = 30
    styles.protect(ws)


def build_checks_sheet(ws: Worksheet, lang: str) -> PlacedTable:
    # An Excel table needs at least one data row: one empty row, filled on each run.
    checks = write_table(ws, c.CHECKS_TABLE, [], min_rows=1)
    severity = f"${checks.letter(c.COL_SEVERITY)}{checks.first_row}"
    last_col = column_letter(checks.first_col + len(checks.headers) - 1)
    area = f"{column_letter(checks.first_col)}{checks.first_row}:{last_col}{CHECKS_FORMAT_LAST_ROW}"
    for level, fill in styles.SEVERITY_FILLS.items():
        labels = sorted({c.SEVERITY_LABELS[lg][level] for lg in c.SEVERITY_LABELS})
        tests = ",".join(f'{severity}="{label}"' for label in labels)
        ws.conditional_formatting.add(area, FormulaRule(formula=[f"OR({tests})"], fill=fill))
    ws.freeze_panes = "A2"
    styles.protect(ws)
    return checks
