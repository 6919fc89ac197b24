"""Instructies: how to fill in and check the workbook, Dutch or English."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from plan_xl import contract as c
from plan_xl.i18n import t
from plan_xl.template import styles
from plan_xl.template.content import WorkbookContent

# Characters in column A: narrow enough that a paragraph wraps within the printed page
# (landscape A4, also when LibreOffice substitutes a wider font for Calibri).
TEXT_WIDTH = 100


def instruction_params(content: WorkbookContent) -> dict[str, object]:
    """Contract names and thresholds the instruction text refers to."""
    s = content.settings
    return {
        "sheet_settings": c.SHEET_SETTINGS,
        "sheet_maturity": c.SHEET_MATURITY,
        "sheet_plan": c.SHEET_PLAN,
        "sheet_projects": c.SHEET_PROJECTS,
        "sheet_budget": c.SHEET_BUDGET,
        "sheet_checks": c.SHEET_CHECKS,
        "table_themes": c.TBL_THEMES,
        "table_dependencies": c.TBL_DEPENDENCIES,
        "table_levels": c.TBL_LEVELS,
        "table_actions": c.TBL_ACTIONS,
        "table_projects": c.TBL_PROJECT_LINES,
        "col_theme": c.COL_THEME,
        "col_max_lag": c.COL_MAX_LAG,
        "col_current": c.COL_CURRENT,
        "col_ambition": c.COL_AMBITION,
        "col_code": c.COL_CODE,
        "col_policy": c.COL_POLICY,
        "col_secondary": c.COL_SECONDARY_THEMES,
        "col_stakeholders": c.COL_STAKEHOLDERS,
        "col_contact": c.COL_CONTACT,
        "col_follow_up": c.COL_FOLLOW_UP,
        "col_action_code": c.COL_ACTION_CODE,
        "col_cost_type": c.COL_COST_TYPE,
        "col_budget_type": c.COL_BUDGET_TYPE,
        "col_status": c.COL_STATUS,
        "col_total": c.COL_TOTAL,
        "col_warnings": c.COL_WARNINGS,
        "levels": ", ".join(c.LEVELS),
        "policy_priority": c.POLICY_VALUES[0],
        "policy_other": c.POLICY_VALUES[1],
        "stakeholders": ", ".join(c.STAKEHOLDER_VALUES),
        "recurring": c.COST_TYPE_RECURRING,
        "operating": c.BUDGET_TYPE_OPERATING,
        "investment": c.BUDGET_TYPE_INVESTMENT,
        "status_done": c.STATUS_CLOSED[0],
        "status_cancelled": c.STATUS_CLOSED[1],
        "max_steps": s.max_steps,
        "max_imbalance": s.max_imbalance,
    }


def instruction_lines(content: WorkbookContent, lang: str) -> list[tuple[str, str]]:
    """(kind, text) per row: 'title', 'subtitle', 'heading' or 'text'."""
    s = content.settings
    organisation = s.organisation or t("template.instructions.no_organisation", lang)
    lines = [
        ("title", t("template.instructions.title", lang, organisation=organisation)),
        (
            "subtitle",
            t(
                "template.instructions.subtitle",
                lang,
                start=s.start_year,
                end=s.end_year,
                version=c.TEMPLATE_VERSION,
            ),
        ),
    ]
    body = t("template.instructions.body", lang, **instruction_params(content))
    for raw in body.splitlines():
        if raw.startswith("# "):
            lines.append(("blank", ""))
            lines.append(("heading", raw[2:]))
        elif raw.strip():
            lines.append(("text", raw))
    return lines


def build_instructions_sheet(ws: Worksheet, content: WorkbookContent, lang: str) -> None:
    ws.column_dimensions["A"].width = TEXT_WIDTH
    ws.sheet_view.showGridLines = False
    fonts = {
        "title": styles.TITLE_FONT,
        "subtitle": styles.SUBTITLE_FONT,
        "heading": styles.HEADING_FONT,
    }
    for row, (kind, text) in enumerate(instruction_lines(content, lang), start=1):
        if kind == "blank":
            continue
        cell = ws.cell(row=row, column=1, value=text)
        cell.alignment = styles.WRAP
        if kind in fonts:
            cell.font = fonts[kind]
    styles.protect(ws)
