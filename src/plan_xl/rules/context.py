"""What every rule receives besides the plan: parsed cells and small helpers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from plan_xl import contract as c
from plan_xl.core.amounts import amount_text
from plan_xl.core.coded import CodedColumn
from plan_xl.core.findings import Finding
from plan_xl.core.parsed_plan import ParsedPlan, parsed_plan
from plan_xl.core.plan import PlanData, SheetTable
from plan_xl.core.values import AmountKind, as_text
from plan_xl.rules.registry import BLANK, VARIANT, get_rule


@dataclass
class CheckContext:
    """The plan's parsed view (amounts, text columns), shared by all rules."""

    plan: PlanData
    parsed: ParsedPlan

    @classmethod
    def of(cls, plan: PlanData) -> CheckContext:
        return cls(plan, parsed_plan(plan))

    def tolerance(self, amount: float) -> float:
        """The allowed difference around ``amount``: max(Tolerantie EUR, Tolerantie %)."""
        s = self.plan.settings
        return max(s.tolerance_eur, s.tolerance_pct * abs(amount) / 100.0)

    def theme_keys_of_actions(self) -> set[str]:
        """Keys of every theme some action names as Thema or Neventhema."""
        actions = self.plan.actions
        if actions is None:
            return set()
        keys = set(self.parsed.coded(actions, c.COL_THEME).keys().tolist())
        for entries in self.parsed.list_entries(actions, c.COL_SECONDARY_THEMES):
            keys.update(key for _, key in entries)
        keys.discard("")
        return keys

    def subjects(self, table: SheetTable, positions: list[int]) -> list[str]:
        """How the rows at ``positions`` of any contract table are named in a finding."""
        rows = excel_rows(self, table)[positions].tolist()
        name = table.spec.name
        parsed = self.parsed
        if name == c.TBL_ACTIONS:
            texts = parsed.texts_at(table, c.COL_CODE, positions)
            return [action_subject(t, r) for t, r in zip(texts, rows, strict=True)]
        if name == c.TBL_PROJECT_LINES:
            texts = parsed.texts_at(table, c.COL_PROJECT, positions)
            return [line_subject(t, r) for t, r in zip(texts, rows, strict=True)]
        column = {c.TBL_THEMES: c.COL_THEME, c.TBL_SETTINGS: c.COL_PARAMETER}.get(name)
        texts = parsed.texts_at(table, column, positions) if column else [""] * len(rows)
        return [t or f"(rij {r})" for t, r in zip(texts, rows, strict=True)]


def with_columns(table: SheetTable | None, *columns: str) -> SheetTable | None:
    """``table`` when it exists and has all ``columns`` (a missing column is WB002's finding)."""
    if table is None or not all(table.has(col) for col in columns):
        return None
    return table


def finding(code: str, sheet: str, cell: str, subject: str, /, **params: Any) -> Finding:
    """A finding of rule ``code`` with the rule's registered severity."""
    return Finding(code, get_rule(code).severity, sheet, cell, subject, params)


def typed_value(raw: Any, name: str = "value") -> dict[str, Any]:
    """Message params for what a cell holds: its text, or the blank variant when empty.

    A blank cell reads "... is niet ingevuld", never "'(leeg)' is geen geldige waarde".
    """
    text = as_text(raw)
    if text:
        return {name: text}
    return {name: "", VARIANT: BLANK}


def action_subject(code: str, row: int) -> str:
    return code if code else f"(rij {row})"


def line_subject(project: str, row: int) -> str:
    """How a project line is named: ``'Project (rij N)'``."""
    return f"{project} (rij {row})" if project else f"(rij {row})"


def rows_where(mask: pd.Series) -> list[int]:
    """Excel rows where ``mask`` is true (the rows that fire)."""
    return [int(r) for r in mask.index[mask.to_numpy(dtype=bool)]]


def excel_rows(ctx: CheckContext, table: SheetTable) -> np.ndarray:
    """The Excel row of every row position of ``table`` (do not modify)."""
    return ctx.parsed.rows_of(table)


def firing(ctx: CheckContext, table: SheetTable, mask: np.ndarray) -> tuple[list[int], list[int]]:
    """(row positions, Excel rows) where ``mask`` (by row position) is true."""
    positions = np.flatnonzero(mask)
    return positions.tolist(), excel_rows(ctx, table)[positions].tolist()


def fired(ctx: CheckContext, table: SheetTable, mask: np.ndarray) -> Iterator[tuple[int, str]]:
    """(Excel row, subject) of the rows where ``mask`` (by row position) is true."""
    positions, rows = firing(ctx, table, mask)
    yield from zip(rows, ctx.subjects(table, positions), strict=True)


def blank_findings(
    code: str, sheet: str, table: SheetTable, column: str, ctx: CheckContext, /, **params: Any
) -> Iterator[Finding]:
    """Finding ``code`` at every row of ``table`` whose ``column`` is blank."""
    for row, subject in fired(ctx, table, ctx.parsed.blank_mask(table, column)):
        yield finding(code, sheet, table.cell(row, column), subject, **params)


def positions_by_value(coded: CodedColumn, results: list[Any]) -> Iterator[tuple[int, Any]]:
    """(row position, result) of every row whose distinct value's result is truthy.

    ``results`` holds one entry per distinct text of ``coded`` (``coded.texts()``),
    so a rule's Python work runs once per distinct value, not once per row.
    """
    hit = np.fromiter(map(bool, results), dtype=bool, count=len(results))
    codes = coded.codes
    for position in np.nonzero(hit[codes])[0].tolist():
        yield position, results[codes[position]]


def rows_by_value(coded: CodedColumn, results: list[Any]) -> Iterator[tuple[int, Any]]:
    """(Excel row, result) of every row whose distinct value's result is truthy.

    ``results`` holds one entry per distinct text of ``coded`` (``coded.texts()``),
    so a rule's Python work runs once per distinct value, not once per row.
    """
    hit = np.fromiter(map(bool, results), dtype=bool, count=len(results))
    codes = coded.codes
    for position in np.nonzero(hit[codes])[0]:
        yield int(coded.index[position]), results[codes[position]]


def header_cell(table: SheetTable, column: str | int | None = None) -> str:
    """The header cell of ``column`` (default: the table's first column)."""
    if column is not None and table.has(column):
        return table.cell(table.header_row, column)
    first = next(iter(table.letters), None)
    return table.cell(table.header_row, first) if first is not None else ""


def join_names(names: Iterable[str]) -> str:
    return ", ".join(names)


def invalid_amounts(code: str, table: SheetTable, ctx: CheckContext) -> Iterator[Finding]:
    """Findings for amount cells that are not numbers or are negative (ACT009, PRJ004)."""
    amounts = ctx.parsed.amounts_of(table)
    with np.errstate(invalid="ignore"):
        bad = amounts.of_kind(AmountKind.NOT_A_NUMBER) | (amounts.matrix < 0)
    positions, cols = np.nonzero(bad)
    if not len(positions):
        return
    where, years = positions.tolist(), [amounts.columns[j] for j in cols.tolist()]
    rows = amounts.rows[positions].tolist()
    raws = ctx.parsed.raw_by_position(table, list(zip(where, years, strict=True)))
    subjects = ctx.subjects(table, where)
    for row, year, raw, subject in zip(rows, years, raws, subjects, strict=True):
        yield finding(
            code, table.sheet, table.cell(row, year), subject,
            value=amount_text(raw), year=int(year),
        )  # fmt: skip
