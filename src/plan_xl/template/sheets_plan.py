"""Meerjarenplan (tblActies) and Projectplannen (tblProjectlijnen)."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from plan_xl import contract as c
from plan_xl.template import styles
from plan_xl.template.content import ActionRow, ProjectLineRow, WorkbookContent
from plan_xl.template.sheets_maturity import highlight_warning_rows
from plan_xl.template.tables import PlacedTable, write_table
from plan_xl.template.validation import add_list


def _amount_cells(amounts: dict[int, float], years: list[int]) -> list[object]:
    return [amounts.get(y) for y in years]


def action_values(a: ActionRow, years: list[int]) -> list[object]:
    """One tblActies row in contract column order (Totaal/Waarschuwingen left empty)."""
    return [
        a.code,
        a.policy_objective,
        a.action_plan,
        a.action,
        a.policy,
        a.theme,
        a.secondary_themes,
        a.stakeholders,
        a.contact,
        a.follow_up,
        *_amount_cells(a.amounts, years),
        None,
        None,
    ]


def project_line_values(p: ProjectLineRow, years: list[int]) -> list[object]:
    """One tblProjectlijnen row in contract column order."""
    return [
        p.project,
        p.description,
        p.action_code,
        p.theme,
        p.cost_type,
        p.budget_type,
        p.owner,
        p.status,
        *_amount_cells(p.amounts, years),
        None,
        None,
    ]


def build_plan_sheet(ws: Worksheet, content: WorkbookContent, lang: str) -> PlacedTable:
    years = content.years
    actions = write_table(
        ws,
        c.ACTIONS_TABLE,
        [action_values(a, years) for a in content.actions],
        years=years,
        min_rows=len(content.actions) + content.spare_action_rows,
    )
    add_list(ws, actions.data_range(c.COL_POLICY), values=c.POLICY_VALUES, lang=lang)
    add_list(
        ws,
        actions.data_range(c.COL_THEME),
        name=c.NAME_THEME_LIST,
        prompt_key="template.prompt.theme",
        lang=lang,
    )
    add_list(
        ws,
        actions.data_range(c.COL_SECONDARY_THEMES),
        name=c.NAME_THEME_LIST,
        strict=False,
        prompt_key="template.prompt.multi",
        lang=lang,
    )
    add_list(
        ws,
        actions.data_range(c.COL_STAKEHOLDERS),
        values=c.STAKEHOLDER_VALUES,
        strict=False,
        prompt_key="template.prompt.multi",
        lang=lang,
    )
    highlight_warning_rows(ws, actions)
    ws.freeze_panes = "B2"
    styles.protect(ws)
    return actions


def build_projects_sheet(ws: Worksheet, content: WorkbookContent, lang: str) -> PlacedTable:
    years = content.years
    lines = write_table(
        ws,
        c.PROJECT_LINES_TABLE,
        [project_line_values(p, years) for p in content.project_lines],
        years=years,
        min_rows=len(content.project_lines) + content.spare_project_line_rows,
    )
    # Action codes are offered, not enforced: the check (PRJ001) explains a wrong code.
    add_list(
        ws,
        lines.data_range(c.COL_ACTION_CODE),
        name=c.NAME_ACTION_CODE_LIST,
        strict=False,
        lang=lang,
    )
    add_list(
        ws,
        lines.data_range(c.COL_THEME),
        name=c.NAME_THEME_LIST,
        prompt_key="template.prompt.theme",
        lang=lang,
    )
    add_list(ws, lines.data_range(c.COL_COST_TYPE), values=c.COST_TYPE_VALUES, lang=lang)
    add_list(ws, lines.data_range(c.COL_BUDGET_TYPE), values=c.BUDGET_TYPE_VALUES, lang=lang)
    add_list(ws, lines.data_range(c.COL_STATUS), values=c.STATUS_VALUES, lang=lang)
    highlight_warning_rows(ws, lines)
    ws.freeze_panes = "B2"
    styles.protect(ws)
    return lines
