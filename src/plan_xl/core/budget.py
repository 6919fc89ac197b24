"""Budget summaries (DOMAIN.md section 5), computed with pandas.

Amounts are the readable numbers of the year columns (numbers and numbers
typed as text, negative ones included as typed); blank and unreadable cells
count as 0 — the checks report them. Choices a reader may wonder about:

- a project line without Thema counts under its action's Thema; without
  either it counts under ``(geen thema)``; an unknown theme counts as typed;
- an action with several stakeholders counts fully under each of them, so the
  stakeholder rows overlap and their sum can exceed the plan total;
- actions sharing a code (ACT001) are added up under that code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from plan_xl import contract as c
from plan_xl.core.amounts import (
    NO_ACTION,
    NO_VALUE,
    ParsedPlan,
    key_of,
    map_unique,
    parsed_plan,
)
from plan_xl.core.gcpause import paused_gc
from plan_xl.core.plan import PlanData

TOTAL = "Totaal"
MEASURES = ("mjp", "projects", "difference")


@dataclass
class BudgetSummary:
    """All budget views of one plan; every frame has one column per plan year."""

    years: list[int]
    by_theme: pd.DataFrame  # theme x (years, Totaal)
    by_action: pd.DataFrame  # action code x (year, measure)
    by_cost_type: pd.DataFrame  # Kostensoort x (years, Totaal)
    by_budget_type: pd.DataFrame  # Budgettype x (years, Totaal)
    by_stakeholder: pd.DataFrame  # stakeholder x (years, Totaal), from actions' estimates
    by_policy: pd.DataFrame  # Beleid x (years, Totaal), from actions' estimates
    recurring_share: pd.Series  # year -> share (0..1) of recurring costs; NaN without budget

    def to_json(self) -> dict[str, Any]:
        """The ``budget`` object of the JSON report: years as strings, plain floats."""
        with paused_gc():
            return self._to_json()

    def _to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "by_theme": _grid_json(self.by_theme, self.years),
            "by_action": _by_action_json(self.by_action, self.years),
        }
        out["by_cost_type"] = _grid_json(self.by_cost_type, self.years)
        out["by_budget_type"] = _grid_json(self.by_budget_type, self.years)
        out["by_stakeholder"] = _grid_json(self.by_stakeholder, self.years)
        out["by_policy"] = _grid_json(self.by_policy, self.years)
        return out

    @property
    def project_total_by_year(self) -> pd.Series:
        return self.by_theme[self.years].sum(axis=0) if self.years else pd.Series(dtype=float)

    @property
    def mjp_total_by_year(self) -> pd.Series:
        if not self.years:
            return pd.Series(dtype=float)
        return pd.Series({y: float(self.by_action[(y, "mjp")].sum()) for y in self.years})


def summarise(plan: PlanData) -> BudgetSummary:
    """Every budget summary of ``plan``; never raises on odd cell content.

    Computed once per plan object (the result is shared: treat it as read-only).
    """
    parsed = parsed_plan(plan)
    cached = parsed.memo.get("budget")
    if isinstance(cached, BudgetSummary):
        return cached
    with paused_gc():
        summary = _summarise(plan, parsed)
    parsed.memo["budget"] = summary
    return summary


def _summarise(plan: PlanData, parsed: ParsedPlan) -> BudgetSummary:
    years = _summary_years(plan, parsed)
    lines = _amounts(parsed.line_amounts.values, years)
    actions = _amounts(parsed.action_amounts.values, years)
    theme_order = list(dict.fromkeys(plan.theme_names))
    cost_types = _canonical(parsed.line_col(c.COL_COST_TYPE), c.COST_TYPE_VALUES)
    recurring = lines[cost_types == c.COST_TYPE_RECURRING].sum(axis=0)
    total = lines.sum(axis=0)
    share = (recurring / total.where(total != 0)).astype(float)
    return BudgetSummary(
        years=years,
        by_theme=_grid(parsed.line_themes(), lines, years, theme_order),
        by_action=_by_action(parsed, lines, actions, years),
        by_cost_type=_grid(cost_types, lines, years, list(c.COST_TYPE_VALUES)),
        by_budget_type=_grid(
            _canonical(parsed.line_col(c.COL_BUDGET_TYPE), c.BUDGET_TYPE_VALUES),
            lines,
            years,
            list(c.BUDGET_TYPE_VALUES),
        ),
        by_stakeholder=_by_stakeholder(parsed, actions, years),
        by_policy=_grid(
            _canonical(parsed.action_col(c.COL_POLICY), c.POLICY_VALUES),
            actions,
            years,
            list(c.POLICY_VALUES),
        ),
        recurring_share=share,
    )


def _summary_years(plan: PlanData, parsed: ParsedPlan) -> list[int]:
    if plan.years and len(plan.years) <= 200:
        return list(plan.years)
    found = set(parsed.action_amounts.years) | set(parsed.line_amounts.years)
    return sorted(found)


def _amounts(values: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Readable amounts of ``years`` (missing columns and unreadable cells as 0)."""
    return values.reindex(columns=years).fillna(0.0).astype(float)


def _canonical(text: pd.Series, allowed: tuple[str, ...]) -> pd.Series:
    """Allowed values in their contract spelling; other text as typed; blanks (leeg)."""
    by_key = {key_of(v): v for v in allowed}
    return map_unique(text, lambda t: by_key.get(key_of(t), t) or NO_VALUE)


def _grid(
    labels: pd.Series, amounts: pd.DataFrame, years: list[int], order: list[str]
) -> pd.DataFrame:
    """Sum of ``amounts`` per label x year, rows in ``order`` then the others, plus Totaal."""
    if len(amounts):
        sums = amounts.groupby(labels.reindex(amounts.index), sort=False).sum()
    else:
        sums = pd.DataFrame(columns=years, dtype=float)
    known = set(order)  # a list here made this O(actions^2): 0.25 s at 5,000 actions
    extra = [label for label in sums.index if label not in known]
    grid = sums.reindex(index=[*order, *extra], columns=years).fillna(0.0).astype(float)
    grid.index.name = None
    grid[TOTAL] = grid[years].sum(axis=1) if years else 0.0
    return grid


def _by_action(
    parsed: ParsedPlan, lines: pd.DataFrame, actions: pd.DataFrame, years: list[int]
) -> pd.DataFrame:
    action_keys = parsed.action_keys()
    line_keys = parsed.line_action_keys()
    spelling: dict[str, str] = {}
    for key, code in zip(action_keys.tolist(), parsed.action_col(c.COL_CODE).tolist(), strict=True):
        spelling.setdefault(key, code or NO_ACTION)
    line_codes = parsed.line_col(c.COL_ACTION_CODE).tolist()
    for key, code in zip(line_keys.tolist(), line_codes, strict=True):
        spelling.setdefault(key, code or NO_ACTION)
    order = list(dict.fromkeys(spelling.values()))
    mjp = _grid(map_unique(action_keys, spelling.__getitem__), actions, years, order)
    projects = _grid(map_unique(line_keys, spelling.__getitem__), lines, years, order)
    # Both grids have exactly the rows of ``order``: combine them positionally.
    mjp_values = mjp.reindex(index=order, columns=years).to_numpy(dtype=float)
    project_values = projects.reindex(index=order, columns=years).to_numpy(dtype=float)
    data = np.empty((len(order), len(years) * len(MEASURES)))
    data[:, 0::3] = mjp_values
    data[:, 1::3] = project_values
    data[:, 2::3] = mjp_values - project_values
    columns = pd.MultiIndex.from_product([years, MEASURES], names=["year", "measure"])
    return pd.DataFrame(data, index=pd.Index(order, dtype=object), columns=columns)


def _by_stakeholder(parsed: ParsedPlan, actions: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    by_key = {key_of(v): v for v in c.STAKEHOLDER_VALUES}
    labels: list[str] = []
    rows: list[Any] = []
    stakeholders = parsed.action_col(c.COL_STAKEHOLDERS)
    by_text: dict[str, list[str]] = {}  # distinct cell text -> its stakeholders
    for row, text in zip(stakeholders.index.tolist(), stakeholders.tolist(), strict=True):
        found = by_text.get(text)
        if found is None:
            entries = [by_key.get(key_of(e), e.strip()) for e in text.split(c.LIST_SEPARATOR)]
            found = by_text[text] = list(dict.fromkeys(e for e in entries if e)) or [NO_VALUE]
        for entry in found:
            labels.append(entry)
            rows.append(row)
    exploded = actions.loc[rows].reset_index(drop=True) if rows else actions.iloc[0:0]
    return _grid(
        pd.Series(labels, index=exploded.index, dtype=object),
        exploded,
        years,
        list(c.STAKEHOLDER_VALUES),
    )


def _grid_json(grid: pd.DataFrame, years: list[int]) -> dict[str, dict[str, float]]:
    return {
        str(label): {str(year): _plain(row[year]) for year in years}
        for label, row in grid.iterrows()
    }


def _by_action_json(frame: pd.DataFrame, years: list[int]) -> dict[str, Any]:
    # Plain lists, not per-cell Series lookups: 50,000 lines made this 1.4 s (bench/, issue 5).
    columns = [(year, m) for year in years for m in MEASURES]
    rows = _plain_rows(frame.loc[:, columns].to_numpy(dtype=float)) if len(frame) else []
    starts = [(str(year), 3 * i) for i, year in enumerate(years)]
    mjp, projects, difference = MEASURES
    return {  # dict displays, not dict(zip(...)): 30,000 small objects at 5,000 actions
        str(code): {
            label: {mjp: values[k], projects: values[k + 1], difference: values[k + 2]}
            for label, k in starts
        }
        for code, values in zip(frame.index.tolist(), rows, strict=True)
    }


def _plain_rows(values: np.ndarray) -> list[list[float]]:
    """:func:`_plain` over a 2-D array: whole numbers (nearly all) need no rounding."""
    values = np.where(np.isfinite(values), values, 0.0)
    rows: list[list[float]] = values.tolist()
    for i, j in zip(*np.nonzero(values != np.trunc(values)), strict=True):
        rows[i][j] = round(rows[i][j], 2)
    return rows


def _plain(value: Any) -> float:
    number = float(value)
    return round(number, 2) if math.isfinite(number) else 0.0
