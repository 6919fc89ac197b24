"""What plan-xl writes back into a workbook, independent of how it is written.

:func:`annotate` turns findings and budget summaries into plain data: the text
of every ``Waarschuwingen`` cell, the rows of ``tblControles`` with their link
targets, and the ``Budgetoverzicht`` grid with its chart specs. The file writer
(:mod:`plan_xl.workbook.writer`) and the live-Excel writer both consume this
one structure, so they cannot disagree about what goes where.

Positions are 1-based Excel rows and columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from plan_xl import contract as c
from plan_xl.core.findings import Finding, severity_first
from plan_xl.core.plan import PlanData, SheetTable, column_letter, split_cell, split_range
from plan_xl.i18n import t

# Excel refuses cell text longer than this.
MAX_CELL_TEXT = 32_767


@dataclass(frozen=True)
class WarningColumn:
    """The ``Waarschuwingen`` column of one table: a text per data row."""

    table: str
    sheet: str
    column: str  # sheet column letter
    header_row: int
    first_row: int  # first data row
    last_row: int  # last data row (inclusive)
    texts: dict[int, str]  # row -> "CODE: message" lines; rows absent here are cleared

    def text(self, row: int) -> str:
        return self.texts.get(row, "")

    def cells(self) -> list[tuple[int, str]]:
        """Every data row with its text ('' to clear), top to bottom."""
        return [(row, self.text(row)) for row in range(self.first_row, self.last_row + 1)]


@dataclass(frozen=True)
class CheckRow:
    """One row of ``tblControles``; ``target`` is the link location or ''."""

    severity: str  # label in the workbook language
    code: str
    sheet: str
    cell: str
    subject: str
    message: str
    target: str

    def values(self) -> list[str]:
        return [self.severity, self.code, self.sheet, self.cell, self.subject, self.message]


@dataclass(frozen=True)
class ChecksSheet:
    sheet: str
    table: str
    header: list[str]
    rows: list[CheckRow]
    # Index (0-based) in ``CheckRow.values()`` of the column that carries the link.
    link_index: int = 3


@dataclass(frozen=True)
class Area:
    """A rectangle on a sheet, 1-based and inclusive."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int

    def a1(self, absolute: bool = True) -> str:
        d = "$" if absolute else ""
        start = f"{d}{column_letter(self.first_col)}{d}{self.first_row}"
        end = f"{d}{column_letter(self.last_col)}{d}{self.last_row}"
        return start if start == end else f"{start}:{end}"


@dataclass(frozen=True)
class ChartSpec:
    """A chart over the budget grid: categories along the x axis, one series per row."""

    key: str  # stable name, e.g. "by_theme"
    title: str
    kind: str  # "clustered" or "stacked" columns
    categories: Area  # one row of category labels (the years)
    series: list[tuple[tuple[int, int], Area]]  # (name cell (row, col), values row)
    anchor: Area  # where the chart sits on the sheet


@dataclass(frozen=True)
class GridBlock:
    key: str
    title: str
    area: Area  # title row included; the header row follows it
    label_cols: int = 1  # leading columns of labels; the columns after them hold euro amounts

    @property
    def header_row(self) -> int:
        return self.area.first_row + 1

    @property
    def amounts(self) -> Area | None:
        """The euro cells: data rows right of the label columns (None when there are none)."""
        first_row, first_col = self.area.first_row + 2, self.area.first_col + self.label_cols
        if first_row > self.area.last_row or first_col > self.area.last_col:
            return None
        return Area(first_row, first_col, self.area.last_row, self.area.last_col)


@dataclass
class BudgetSheet:
    """The ``Budgetoverzicht`` content: ``grid[0]`` is sheet row 1, column A first."""

    sheet: str
    grid: list[list[Any]]
    blocks: list[GridBlock] = field(default_factory=list)
    charts: list[ChartSpec] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.grid), default=0)

    def amount_areas(self) -> list[Area]:
        """Where the euro amounts are, block by block (for number formats)."""
        return [a for b in self.blocks if (a := b.amounts) is not None]


@dataclass
class Annotations:
    """Everything plan-xl owns in a workbook, ready to write."""

    lang: str
    warning_columns: list[WarningColumn]
    checks: ChecksSheet
    budget: BudgetSheet


# Building ---------------------------------------------------------------------


def sheet_location(sheet: str, cell: str) -> str:
    """An internal link target such as ``'Meerjarenplan'!L7``."""
    quoted = sheet.replace("'", "''")
    return f"'{quoted}'!{cell or 'A1'}"


def annotate(
    plan: Any,
    findings: Iterable[Finding] | None = None,
    budget: Any = None,
    lang: str | None = None,
) -> Annotations:
    """Everything to write for these findings and budget summaries.

    Call it with the parts, ``annotate(plan, findings, budget, lang)``, or with
    a :class:`plan_xl.validate.ValidationResult` alone. ``budget`` is a
    :class:`plan_xl.core.budget.BudgetSummary` or its ``to_json()`` dictionary.
    """
    if findings is None and hasattr(plan, "findings"):
        result = plan
        plan, findings, budget = result.plan, result.findings, result.budget
        lang = lang or result.lang
    assert isinstance(plan, PlanData)
    lang = lang or "nl"
    ordered = severity_first(findings or [])
    budget_json = budget.to_json() if hasattr(budget, "to_json") else dict(budget or {})
    return Annotations(
        lang=lang,
        warning_columns=warning_columns(plan, ordered, lang),
        checks=checks_sheet(plan, ordered, lang),
        budget=budget_sheet(budget_json, plan.years, lang),
    )


def warning_columns(plan: PlanData, findings: Sequence[Finding], lang: str) -> list[WarningColumn]:
    tables = (plan.themes_table, plan.actions, plan.project_lines)
    return [col for table in tables if (col := _warning_column(table, findings, lang)) is not None]


def _warning_column(
    table: SheetTable | None, findings: Sequence[Finding], lang: str
) -> WarningColumn | None:
    if table is None or not table.has(c.COL_WARNINGS):
        return None
    header_row, _, last_row, _ = split_range(table.ref)
    first_row = header_row + 1
    lines: dict[int, list[str]] = {}
    for finding in findings:
        if finding.sheet != table.sheet or not finding.cell:
            continue
        try:
            _, row = split_cell(finding.cell.split(":")[0])
        except ValueError:
            continue
        if first_row <= row <= last_row:
            line = f"{finding.code}: {finding.message(lang)}"
            if line not in lines.setdefault(row, []):
                lines[row].append(line)
    texts = {row: "\n".join(parts)[:MAX_CELL_TEXT] for row, parts in lines.items()}
    return WarningColumn(
        table=table.spec.name,
        sheet=table.sheet,
        column=table.letters[c.COL_WARNINGS],
        header_row=header_row,
        first_row=first_row,
        last_row=max(last_row, first_row),
        texts=texts,
    )


def severity_label(severity: str, lang: str) -> str:
    labels = c.SEVERITY_LABELS.get(lang) or c.SEVERITY_LABELS["nl"]
    return labels.get(severity, severity)


def checks_sheet(plan: PlanData, findings: Sequence[Finding], lang: str) -> ChecksSheet:
    rows = [
        CheckRow(
            severity=severity_label(f.severity.value, lang),
            code=f.code,
            sheet=f.sheet,
            cell=f.cell,
            subject=f.subject,
            message=f.message(lang)[:MAX_CELL_TEXT],
            target=sheet_location(f.sheet, f.cell) if f.sheet else "",
        )
        for f in findings
    ]
    return ChecksSheet(
        sheet=c.SHEET_CHECKS,
        table=c.TBL_CHECKS,
        header=list(c.CHECKS_TABLE.columns),
        rows=rows,
    )


# Budgetoverzicht --------------------------------------------------------------

# Summaries in the order a reader meets them; unknown keys follow in their own order.
_BLOCK_ORDER = (
    "by_theme",
    "by_action",
    "by_cost_type",
    "by_budget_type",
    "by_stakeholder",
    "by_policy",
    "recurring_share",
)
_CHART_ROWS = 20  # height of one chart in rows
_CHART_COLS = 9


def budget_sheet(budget: Mapping[str, Any], years: Sequence[int], lang: str) -> BudgetSheet:
    """Lay the budget summaries out as titled blocks of values, with chart specs."""
    year_keys = [str(y) for y in years]
    year_headers: list[Any] = list(years)
    sheet = BudgetSheet(sheet=c.SHEET_BUDGET, grid=[[t("budget.sheet_title", lang)]])
    keys = [k for k in _BLOCK_ORDER if k in budget] + [k for k in budget if k not in _BLOCK_ORDER]
    for key in keys:
        header, rows = _block_rows(key, budget[key], year_keys, lang)
        if header is None:
            continue
        # Years as numbers so charts get numeric categories.
        header = [year_headers[year_keys.index(h)] if h in year_keys else h for h in header]
        sheet.grid.append([])
        top = len(sheet.grid) + 1
        sheet.grid.append([_block_title(key, lang)])
        sheet.grid.append(header)
        sheet.grid.extend(rows)
        area = Area(top, 1, len(sheet.grid), max(len(header), 1))
        sheet.blocks.append(
            GridBlock(key, _block_title(key, lang), area, _label_columns(header, years, lang))
        )
    _add_charts(sheet, year_keys, lang)
    return sheet


def _label_columns(header: Sequence[Any], years: Sequence[int], lang: str) -> int:
    """How many leading columns hold labels: up to the first year or the total column."""
    amounts = {*years, t("budget.total", lang)}
    return next((j for j, h in enumerate(header) if j > 0 and h in amounts), len(header))


def _block_title(key: str, lang: str) -> str:
    known = f"budget.{key}"
    try:
        return t(known, lang)
    except KeyError:
        return key.replace("_", " ")


def _amount(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return round(float(value), 2)
    return None


def _year_row(label: str, values: Mapping[str, Any], year_keys: Sequence[str]) -> list[Any]:
    amounts = [_amount(values.get(y)) for y in year_keys]
    total = round(sum(a for a in amounts if a is not None), 2)
    return [label, *amounts, total]


def _block_rows(
    key: str, data: Any, year_keys: Sequence[str], lang: str
) -> tuple[list[Any] | None, list[list[Any]]]:
    """Header and rows for one summary, by the shape of its JSON."""
    total = t("budget.total", lang)
    if not isinstance(data, Mapping) or not data:
        return None, []
    first = next(iter(data.values()))
    if key == "by_action" or (isinstance(first, Mapping) and _is_measure_map(first)):
        header = [t("budget.col_action", lang), t("budget.col_measure", lang), *year_keys, total]
        rows: list[list[Any]] = []
        for code, per_year in data.items():
            if not isinstance(per_year, Mapping):
                continue
            for measure in ("mjp", "projects", "difference"):
                values = {y: v.get(measure) for y, v in per_year.items() if isinstance(v, Mapping)}
                row = _year_row(str(code), values, year_keys)
                rows.append([row[0], t(f"budget.measure_{measure}", lang), *row[1:]])
        return header, rows
    if isinstance(first, Mapping):
        header = [t(f"budget.label_{key}", lang) if _has(f"budget.label_{key}") else ""]
        header += [*year_keys, total]
        rows = [_year_row(str(label), v, year_keys) for label, v in data.items()]
        return header, rows
    if set(data) <= set(year_keys) or all(str(k).isdigit() for k in data):
        values = {str(k): v for k, v in data.items()}
        return ["", *year_keys], [[_block_title(key, lang), *(values.get(y) for y in year_keys)]]
    header = [t(f"budget.label_{key}", lang) if _has(f"budget.label_{key}") else "", total]
    return header, [[str(label), _amount(v)] for label, v in data.items()]


def _is_measure_map(value: Mapping[str, Any]) -> bool:
    inner = next(iter(value.values()), None)
    return isinstance(inner, Mapping) and "mjp" in inner


def _has(key: str) -> bool:
    try:
        t(key)
    except KeyError:
        return False
    return True


def _add_charts(sheet: BudgetSheet, year_keys: Sequence[str], lang: str) -> None:
    col = sheet.width + 2
    top = 1
    chart_plan = (("by_theme", "clustered"), ("by_cost_type", "stacked"))
    for key, kind in chart_plan:
        block = next((b for b in sheet.blocks if b.key == key), None)
        if block is None or block.area.last_row < block.area.first_row + 2 or not year_keys:
            continue
        header_row = block.area.first_row + 1
        categories = Area(header_row, 2, header_row, 1 + len(year_keys))
        series = [
            ((row, 1), Area(row, 2, row, 1 + len(year_keys)))
            for row in range(header_row + 1, block.area.last_row + 1)
        ]
        anchor = Area(top, col, top + _CHART_ROWS - 1, col + _CHART_COLS - 1)
        sheet.charts.append(
            ChartSpec(key, t(f"budget.chart_{key}", lang), kind, categories, series, anchor)
        )
        top += _CHART_ROWS + 1
