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
from plan_xl.core.amounts import NO_ACTION, NO_VALUE, AmountFrame, key_of
from plan_xl.core.budget_grids import TOTAL, ActionGrid, SummaryGrid
from plan_xl.core.coded import map_unique
from plan_xl.core.gcpause import paused_gc
from plan_xl.core.group_sums import (
    Groups,
    exact_sums,
    groups_of,
    groups_of_codes,
    in_order,
    sum_by_group,
    sums_by_id,
)
from plan_xl.core.parsed_plan import ParsedPlan, parsed_plan
from plan_xl.core.plan import PlanData, SheetTable


class BudgetSummary:
    """All budget views of one plan; every frame has one column per plan year.

    The sums are kept as arrays (what the JSON report and BUD001 read); each
    frame is built on first use, from the same arrays (read-only: frames
    are shared by every caller).
    """

    def __init__(
        self,
        years: list[int],
        theme: SummaryGrid,
        action: ActionGrid,
        cost_type: SummaryGrid,
        budget_type: SummaryGrid,
        stakeholder: SummaryGrid,
        policy: SummaryGrid,
        recurring_share: pd.Series | np.ndarray,
    ) -> None:
        self.years = years
        self._grids = {
            "by_theme": theme,
            "by_cost_type": cost_type,
            "by_budget_type": budget_type,
            "by_stakeholder": stakeholder,
            "by_policy": policy,
        }
        self._action = action
        self._recurring = recurring_share

    @property
    def by_theme(self) -> pd.DataFrame:  # theme x (years, Totaal)
        return self._grids["by_theme"].frame()

    @property
    def by_action(self) -> pd.DataFrame:  # action code x (year, measure)
        return self._action.frame()

    @property
    def by_cost_type(self) -> pd.DataFrame:  # Kostensoort x (years, Totaal)
        return self._grids["by_cost_type"].frame()

    @property
    def by_budget_type(self) -> pd.DataFrame:  # Budgettype x (years, Totaal)
        return self._grids["by_budget_type"].frame()

    @property
    def by_stakeholder(self) -> pd.DataFrame:  # stakeholder x (years, Totaal), from estimates
        return self._grids["by_stakeholder"].frame()

    @property
    def by_policy(self) -> pd.DataFrame:  # Beleid x (years, Totaal), from actions' estimates
        return self._grids["by_policy"].frame()

    @property
    def recurring_share(self) -> pd.Series:  # year -> share (0..1); NaN without budget
        if isinstance(self._recurring, np.ndarray):
            self._recurring = pd.Series(self._recurring, index=pd.Index(self.years), dtype=float)
        return self._recurring

    def recurring_shares(self) -> list[tuple[int, float]]:
        """(year, share) of :attr:`recurring_share` without the NaN years, in year order."""
        if isinstance(self._recurring, np.ndarray):
            pairs = zip(self.years, self._recurring.tolist(), strict=True)
            return [(year, share) for year, share in pairs if not math.isnan(share)]
        return [(year, float(share)) for year, share in self._recurring.dropna().items()]

    def to_json(self) -> dict[str, Any]:
        """The ``budget`` object of the JSON report: years as strings, plain floats."""
        with paused_gc():
            return self._to_json()

    def _to_json(self) -> dict[str, Any]:
        grids = self._grids
        return {
            "by_theme": grids["by_theme"].json(),
            "by_action": self._action.json(),
            "by_cost_type": grids["by_cost_type"].json(),
            "by_budget_type": grids["by_budget_type"].json(),
            "by_stakeholder": grids["by_stakeholder"].json(),
            "by_policy": grids["by_policy"].json(),
        }

    @property
    def project_total_by_year(self) -> pd.Series:
        return self.by_theme[self.years].sum(axis=0) if self.years else pd.Series(dtype=float)

    @property
    def mjp_total_by_year(self) -> pd.Series:
        if not self.years:
            return pd.Series(dtype=float)
        return pd.Series({y: float(self.by_action[(y, "mjp")].sum()) for y in self.years})

    def exact_theme_totals(self) -> dict[str, float] | None:
        """Theme -> its Totaal (the ``by_theme`` column) read from the arrays, when
        the sums are exact whole numbers; None otherwise (then read :attr:`by_theme`)."""
        grid = self._grids["by_theme"]
        if not grid.exact:
            return None
        return dict(zip(grid.rows, grid.values.sum(axis=1).tolist(), strict=True))

    def year_totals(self) -> tuple[dict[int, float], dict[int, float]]:
        """(:attr:`mjp_total_by_year`, :attr:`project_total_by_year`) as plain dicts.

        Whole amounts add up to the same float in any order (``exact_sums``),
        so their totals come straight from the arrays; else from the frames,
        the way pandas adds them up.
        """
        action, theme = self._action, self._grids["by_theme"]
        if action.exact:
            mjp = dict(zip(self.years, action.mjp.sum(axis=0).tolist(), strict=True))
        else:
            mjp = {y: float(v) for y, v in self.mjp_total_by_year.items()}
        if theme.exact:
            projects = dict(zip(self.years, theme.values.sum(axis=0).tolist(), strict=True))
        else:
            projects = {y: float(v) for y, v in self.project_total_by_year.items()}
        return mjp, projects


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
    lines = _Amounts.of_parsed(parsed.line_amounts, years)
    actions = _Amounts.of_parsed(parsed.action_amounts, years)
    theme_order = list(dict.fromkeys(plan.theme_names))
    cost_types = _canonical(parsed, plan.project_lines, lines, c.COL_COST_TYPE, c.COST_TYPE_VALUES)
    return BudgetSummary(
        years,
        _grid(_groups(parsed.line_themes(), lines), lines, years, theme_order),
        _by_action(parsed, lines, actions, years),
        _grid(cost_types, lines, years, list(c.COST_TYPE_VALUES)),
        _grid(
            _canonical(parsed, plan.project_lines, lines, c.COL_BUDGET_TYPE, c.BUDGET_TYPE_VALUES),
            lines,
            years,
            list(c.BUDGET_TYPE_VALUES),
        ),
        _by_stakeholder(parsed, actions, years),
        _grid(
            _canonical(parsed, plan.actions, actions, c.COL_POLICY, c.POLICY_VALUES),
            actions,
            years,
            list(c.POLICY_VALUES),
        ),
        _recurring_share(cost_types, lines, years),
    )


def _summary_years(plan: PlanData, parsed: ParsedPlan) -> list[int]:
    if plan.years and len(plan.years) <= 200:
        return list(plan.years)
    found = set(parsed.action_amounts.years) | set(parsed.line_amounts.years)
    return sorted(found)


@dataclass(frozen=True)
class _Amounts:
    """Readable amounts of the summary years (missing columns, unreadable cells: 0).

    ``values`` is the plain matrix; ``exact`` says whether plain sums of it equal
    pandas' compensated ones bit for bit (:func:`exact_sums`), else every sum
    goes through pandas as before.
    """

    index: pd.Index
    values: np.ndarray
    exact: bool
    years: list[int]

    @classmethod
    def of(cls, parsed: pd.DataFrame, years: list[int]) -> _Amounts:
        values = np.asfortranarray(parsed.reindex(columns=years).to_numpy(dtype=float, copy=True))
        values[np.isnan(values)] = 0.0
        return cls(parsed.index, values, exact_sums(values), years)

    @classmethod
    def of_parsed(cls, amounts: AmountFrame, years: list[int]) -> _Amounts:
        """:meth:`of` ``amounts.values`` without building that frame: the year
        columns copied from the matrix (a year it lacks: zeros)."""
        where = {year: j for j, year in enumerate(amounts.columns)}
        if len(where) != len(amounts.columns):  # repeated years: pandas decides
            return cls.of(amounts.values, years)
        values = np.zeros((len(amounts.matrix), len(years)), order="F")
        for k, year in enumerate(years):
            j = where.get(year)
            if j is not None:
                values[:, k] = amounts.matrix[:, j]
        values[np.isnan(values)] = 0.0
        return cls(amounts.index, values, exact_sums(values), years)

    def frame(self) -> pd.DataFrame:
        """The amounts as the pandas frame the summaries were first written for."""
        return pd.DataFrame(self.values, index=self.index, columns=pd.Index(self.years))

    def __len__(self) -> int:
        return len(self.values)


def _groups(labels: pd.Series, amounts: _Amounts) -> Groups:
    """``labels`` (indexed by Excel row) as groups of the rows of ``amounts``."""
    if not labels.index.equals(amounts.index):
        labels = labels.reindex(amounts.index)
    return groups_of(labels.to_numpy(dtype=object))


def _canonical(
    parsed: ParsedPlan,
    table: SheetTable | None,
    amounts: _Amounts,
    column: str,
    allowed: tuple[str, ...],
) -> Groups:
    """Rows grouped by allowed value in its contract spelling; other text as typed;
    blanks under (leeg). Worked out once per distinct cell value."""
    by_key = {key_of(v): v for v in allowed}
    if table is None or not table.frame.index.equals(amounts.index):
        text = parsed.text(table, column)
        return _groups(map_unique(text, lambda t: by_key.get(key_of(t), t) or NO_VALUE), amounts)
    coded = parsed.coded(table, column)
    labels = [by_key.get(key_of(t), t) or NO_VALUE for t in coded.texts().tolist()]
    return groups_of_codes(coded.codes, labels)


def _sums(
    groups: Groups, amounts: _Amounts, years: list[int], order: list[str]
) -> tuple[list[str], np.ndarray]:
    """Sum of ``amounts`` per group x year: rows ``order`` then the other labels."""
    if amounts.exact:
        return in_order(groups, sum_by_group(groups, amounts.values), order)
    grid = _pandas_sums(groups, amounts, years, order)
    return list(grid.index), grid.to_numpy(dtype=float)


def _pandas_sums(
    groups: Groups, amounts: _Amounts, years: list[int], order: list[str]
) -> pd.DataFrame:
    """:func:`_sums` the way pandas adds up (amounts with cents, huge or odd figures)."""
    frame = amounts.frame()
    if len(frame):
        labels = pd.Series(groups.row_labels(), index=frame.index, dtype=object)
        sums = frame.groupby(labels, sort=False).sum()
    else:
        sums = pd.DataFrame(columns=years, dtype=float)
    known = set(order)  # a list here made this O(actions^2): 0.25 s at 5,000 actions
    extra = [label for label in sums.index if label not in known]
    return sums.reindex(index=[*order, *extra], columns=years).fillna(0.0).astype(float)


def _grid(groups: Groups, amounts: _Amounts, years: list[int], order: list[str]) -> SummaryGrid:
    """Sum of ``amounts`` per label x year, rows in ``order`` then the others, plus Totaal."""
    if not amounts.exact or not years:  # pandas, step for step as before
        grid = _pandas_sums(groups, amounts, years, order)
        grid.index.name = None
        grid[TOTAL] = grid[years].sum(axis=1) if years else 0.0
        return SummaryGrid.of_frame(grid, years)
    rows, values = in_order(groups, sum_by_group(groups, amounts.values), order)
    return SummaryGrid(rows, values, years, True)


def _recurring_share(
    cost_types: Groups, lines: _Amounts, years: list[int]
) -> pd.Series | np.ndarray:
    """Year -> share (0..1) of the project lines' recurring costs; NaN without budget.
    Exact sums give the shares as an array in year order."""
    if not lines.exact or not years:
        frame = lines.frame()
        recurring = frame[cost_types.row_labels() == c.COST_TYPE_RECURRING].sum(axis=0)
        total = frame.sum(axis=0)
        return (recurring / total.where(total != 0)).astype(float)
    found = [i for i, label in enumerate(cost_types.labels) if label == c.COST_TYPE_RECURRING]
    is_recurring = cost_types.ids == (found[0] if found else -2)
    recurring = lines.values[is_recurring].sum(axis=0)
    total = lines.values.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = recurring / np.where(total != 0, total, np.nan)
    return share  # the Series is built when asked for (BUD002 reads the array)


def _by_action(
    parsed: ParsedPlan, lines: _Amounts, actions: _Amounts, years: list[int]
) -> ActionGrid:
    plan = parsed.plan
    action_codes = _Coded.of(parsed, plan.actions, c.COL_CODE, actions)
    line_codes = _Coded.of(parsed, plan.project_lines, c.COL_ACTION_CODE, lines)
    # Every action code in its first spelling (tblActies first, then the lines).
    spelling: dict[str, str] = {}
    for coded in (action_codes, line_codes):
        for key, code in coded.pairs_in_order():
            spelling.setdefault(key, code or NO_ACTION)
    order = list(dict.fromkeys(spelling.values()))
    mjp_values = action_codes.sums(spelling, order, years)
    project_values = line_codes.sums(spelling, order, years)
    return ActionGrid(order, mjp_values, project_values, years, actions.exact)


@dataclass(frozen=True)
class _Coded:
    """An action-code column: per row its text and comparison key, by distinct value
    when the column's codes line up with the amounts' rows, else row by row."""

    codes: np.ndarray | None  # row -> distinct value (-1: blank), None: row by row
    texts: list[str]  # per distinct value (last: blank), or per row
    keys: list[str]
    amounts: _Amounts
    index: pd.Index  # Excel rows of the column

    @classmethod
    def of(
        cls, parsed: ParsedPlan, table: SheetTable | None, column: str, amounts: _Amounts
    ) -> _Coded:
        if table is not None and table.frame.index.equals(amounts.index):
            coded = parsed.coded(table, column)
            texts, keys = coded.texts().tolist(), coded.keys().tolist()
            return cls(coded.codes, texts, keys, amounts, table.frame.index)
        text, key = parsed.text(table, column), parsed.keys(table, column)
        return cls(None, text.tolist(), key.tolist(), amounts, key.index)

    def pairs_in_order(self) -> list[tuple[str, str]]:
        """(key, text) of the rows in row order, each distinct value once."""
        if self.codes is None:
            return list(zip(self.keys, self.texts, strict=True))
        first_seen = pd.factorize(self.codes)[1].tolist()  # value codes, first row first
        return [(self.keys[code], self.texts[code]) for code in first_seen]

    def sums(self, spelling: dict[str, str], order: list[str], years: list[int]) -> np.ndarray:
        """Amounts summed per action code: one row per label of ``order`` (every
        row's code is in it, spelt as ``spelling`` says), one column per year."""
        if self.codes is None or not self.amounts.exact:
            _, values = _sums(self.groups(spelling), self.amounts, years, order)
            return values
        # Exact sums: each distinct code goes straight to its row of ``order``, no
        # grouping of the rows by label first (that cost more than the sums).
        position = {label: i for i, label in enumerate(order)}
        per_value = [position.get(spelling.get(key, ""), -1) for key in self.keys]  # '' last
        ids = np.array(per_value, dtype=np.int64)[self.codes]  # code -1 picks ''
        return sums_by_id(ids, len(order), self.amounts.values)

    def groups(self, spelling: dict[str, str]) -> Groups:
        if self.codes is None:
            labels = pd.Series([spelling[k] for k in self.keys], index=self.index, dtype=object)
            return _groups(labels, self.amounts)
        return groups_of_codes(self.codes, [spelling.get(k) for k in self.keys])


def _by_stakeholder(parsed: ParsedPlan, actions: _Amounts, years: list[int]) -> SummaryGrid:
    """Each action counts fully under every stakeholder it names (in the order named)."""
    by_key = {key_of(v): v for v in c.STAKEHOLDER_VALUES}

    def stakeholders_in(text: str) -> list[str]:
        entries = [by_key.get(key_of(e), e.strip()) for e in text.split(c.LIST_SEPARATOR)]
        return list(dict.fromkeys(e for e in entries if e)) or [NO_VALUE]

    table = parsed.plan.actions
    if table is not None and table.frame.index.equals(actions.index):
        coded = parsed.coded(table, c.COL_STAKEHOLDERS)
        named = [stakeholders_in(text) for text in coded.texts().tolist()]
        # One exploded row per (action, stakeholder), row by row, in the order named.
        counts = np.array([len(n) for n in named], dtype=np.int64)
        starts = np.cumsum(counts) - counts
        per_row = counts[coded.codes]
        rows = np.repeat(np.arange(len(per_row)), per_row)
        within = np.arange(len(rows)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
        entry = starts[coded.codes[rows]] + within
        groups = groups_of_codes(entry, [name for names in named for name in names])
        values = np.asfortranarray(actions.values[rows])
        index: pd.Index = pd.RangeIndex(len(rows))
    else:  # row by row, as pandas' .loc picks them
        labels: list[str] = []
        picked_rows: list[Any] = []
        stakeholders = parsed.action_col(c.COL_STAKEHOLDERS)
        for row, text in zip(stakeholders.index.tolist(), stakeholders.tolist(), strict=True):
            for entry_name in stakeholders_in(text):
                labels.append(entry_name)
                picked_rows.append(row)
        frame = actions.frame()
        picked = frame.loc[picked_rows].reset_index(drop=True) if picked_rows else frame.iloc[0:0]
        values, index, groups = picked.to_numpy(dtype=float), picked.index, groups_of(labels)
    # Each action counts once per stakeholder: check the sums again.
    exploded = _Amounts(index, values, actions.exact and exact_sums(values), years)
    return _grid(groups, exploded, years, list(c.STAKEHOLDER_VALUES))
