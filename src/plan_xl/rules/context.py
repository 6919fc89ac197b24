"""What every rule receives besides the plan: parsed cells and small helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from plan_xl import contract as c
from plan_xl.core.amounts import CodedColumn, ParsedPlan, amount_text, key_of, parsed_plan
from plan_xl.core.findings import Finding
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
        keys = set(self.parsed.keys(self.plan.actions, c.COL_THEME))
        for entry in self.parsed.action_col(c.COL_SECONDARY_THEMES):
            keys.update(key_of(part) for part in entry.split(c.LIST_SEPARATOR))
        keys.discard("")
        return keys


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


def list_entries(text: str) -> Iterator[str]:
    for part in text.split(c.LIST_SEPARATOR):
        part = part.strip()
        if part:
            yield part


def join_names(names: Iterable[str]) -> str:
    return ", ".join(names)


def invalid_amounts(
    code: str, table: SheetTable, ctx: CheckContext, subject: Callable[[int], str]
) -> Iterator[Finding]:
    """Findings for amount cells that are not numbers or are negative (ACT009, PRJ004)."""
    amounts = ctx.parsed.amounts_of(table)
    bad = amounts.kinds.eq(AmountKind.NOT_A_NUMBER.value) | amounts.values.lt(0)
    rows, cols = np.nonzero(bad.to_numpy())
    if not len(rows):
        return
    # The typed values of the firing cells, by position (amounts share the table's rows).
    raw = table.frame[list(bad.columns)].to_numpy(dtype=object)
    for i, j in zip(rows, cols, strict=True):
        row, year = int(bad.index[i]), int(bad.columns[j])
        yield finding(
            code, table.sheet, table.cell(row, year), subject(row),
            value=amount_text(raw[i, j]), year=year,
        )  # fmt: skip
