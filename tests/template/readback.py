"""The reader's PlanData turned back into template content, to compare with what was written."""

from __future__ import annotations

from typing import Any

from plan_xl import contract as c
from plan_xl.core.plan import PlanData, SheetTable
from plan_xl.core.values import as_text, is_blank
from plan_xl.template.content import (
    ActionRow,
    DependencyRow,
    ProjectLineRow,
    SettingsContent,
    ThemeRow,
    WorkbookContent,
)


def _rows(table: SheetTable | None) -> list[dict[Any, Any]]:
    return [] if table is None else table.frame.to_dict("records")


def _amounts(row: dict[Any, Any], years: list[int]) -> dict[int, float]:
    return {y: row[y] for y in years if not is_blank(row.get(y))}


def content_from_plan(plan: PlanData) -> WorkbookContent:
    s = plan.settings
    years = s.years
    return WorkbookContent(
        settings=SettingsContent(
            organisation=s.organisation,
            start_year=s.start_year,
            end_year=s.end_year,
            tolerance_eur=s.tolerance_eur,
            tolerance_pct=s.tolerance_pct,
            max_steps=s.max_steps,
            max_imbalance=s.max_imbalance,
            language=s.language,
        ),
        themes=tuple(
            ThemeRow(
                x.name,
                x.description,
                x.critical_questions,
                as_text(x.current_raw),
                as_text(x.ambition_raw),
                x.owner,
            )
            for x in plan.themes
        ),
        dependencies=tuple(
            DependencyRow(d.theme, d.required_theme, d.max_lag) for d in plan.dependencies
        ),
        actions=tuple(
            ActionRow(
                *(as_text(r[col]) for col in c.ACTIONS_TABLE.fixed_columns[:10]),
                amounts=_amounts(r, years),
            )
            for r in _rows(plan.actions)
        ),
        project_lines=tuple(
            ProjectLineRow(
                *(as_text(r[col]) for col in c.PROJECT_LINES_TABLE.fixed_columns[:8]),
                amounts=_amounts(r, years),
            )
            for r in _rows(plan.project_lines)
        ),
    )
