"""Look of the template: fonts, fills, number formats, widths, protection."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from plan_xl import contract as c

TABLE_STYLE = "TableStyleMedium2"

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
TITLE_FONT = Font(bold=True, size=16, color="1F4E79")
SUBTITLE_FONT = Font(italic=True, color="595959")
HEADING_FONT = Font(bold=True, size=12, color="1F4E79")
HELPER_FONT = Font(italic=True, color="808080")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")

# Euro with the nl-BE currency tag: shows as "12.500,00 €" in a Belgian Excel.
EURO_FORMAT = "#,##0.00\\ [$€-813];-#,##0.00\\ [$€-813]"
INTEGER_FORMAT = "0"

UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)

# Conditional-format fills.
WARNING_ROW_FILL = PatternFill("solid", fgColor="FCE4D6", bgColor="FCE4D6")
GAP_FILLS = {
    "negative": PatternFill("solid", fgColor="F8696B", bgColor="F8696B"),
    "small": PatternFill("solid", fgColor="C6EFCE", bgColor="C6EFCE"),
    "medium": PatternFill("solid", fgColor="FFEB9C", bgColor="FFEB9C"),
    "large": PatternFill("solid", fgColor="F4B183", bgColor="F4B183"),
}
SEVERITY_FILLS = {
    "error": PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE"),
    "warning": PatternFill("solid", fgColor="FFEB9C", bgColor="FFEB9C"),
    "info": PatternFill("solid", fgColor="DDEBF7", bgColor="DDEBF7"),
}

# Column widths (characters) by contract header; year columns use YEAR_WIDTH.
YEAR_WIDTH = 14
DEFAULT_WIDTH = 16
WIDTHS: dict[str, float] = {
    c.COL_PARAMETER: 24,
    c.COL_VALUE: 22,
    c.COL_THEME: 30,
    c.COL_REQUIRED_THEME: 30,
    c.COL_MAX_LAG: 16,
    c.COL_LEVEL: 16,
    c.COL_SCORE: 8,
    c.COL_DESCRIPTION: 45,
    c.COL_CRITICAL_QUESTIONS: 55,
    c.COL_CURRENT: 18,
    c.COL_AMBITION: 16,
    c.COL_OWNER: 26,
    c.COL_WARNINGS: 50,
    c.COL_CODE: 10,
    c.COL_POLICY_OBJECTIVE: 34,
    c.COL_ACTION_PLAN: 30,
    c.COL_ACTION: 40,
    c.COL_POLICY: 12,
    c.COL_SECONDARY_THEMES: 32,
    c.COL_STAKEHOLDERS: 26,
    c.COL_CONTACT: 26,
    c.COL_FOLLOW_UP: 30,
    c.COL_TOTAL: 16,
    c.COL_PROJECT: 32,
    c.COL_ACTION_CODE: 11,
    c.COL_COST_TYPE: 13,
    c.COL_BUDGET_TYPE: 13,
    c.COL_STATUS: 12,
    c.COL_SEVERITY: 13,
    c.COL_SHEET: 16,
    c.COL_CELL: 8,
    c.COL_SUBJECT: 30,
    c.COL_MESSAGE: 90,
}
# Columns holding sentences or names longer than the column: wrapped, aligned to the top
# (a row gets the height of its longest wrapped text: template/layout.py).
WRAPPED = frozenset(
    {
        c.COL_THEME,
        c.COL_SECONDARY_THEMES,
        c.COL_STAKEHOLDERS,
        c.COL_CONTACT,
        c.COL_OWNER,
        c.COL_DESCRIPTION,
        c.COL_CRITICAL_QUESTIONS,
        c.COL_WARNINGS,
        c.COL_POLICY_OBJECTIVE,
        c.COL_ACTION_PLAN,
        c.COL_ACTION,
        c.COL_FOLLOW_UP,
        c.COL_PROJECT,
        c.COL_MESSAGE,
    }
)


def width_for(header: str) -> float:
    if header.isdigit():
        return YEAR_WIDTH
    return WIDTHS.get(header, DEFAULT_WIDTH)


def protect(ws: Worksheet) -> None:
    """Protect a sheet without password; filtering and formatting stay allowed.

    In SheetProtection a False flag means "this action is allowed".
    """
    ws.protection = SheetProtection(
        sheet=True,
        objects=False,
        scenarios=True,
        formatCells=False,
        formatColumns=False,
        formatRows=False,
        sort=False,
        autoFilter=False,
        selectLockedCells=False,
        selectUnlockedCells=False,
    )
