"""Writing one contract table (an Excel ListObject) onto a sheet."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableFormula, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from plan_xl import contract as c
from plan_xl.core.plan import column_letter
from plan_xl.template import styles


@dataclass(frozen=True)
class PlacedTable:
    """Where a table landed: header row, first column and number of data rows."""

    spec: c.TableSpec
    headers: tuple[str, ...]
    header_row: int
    first_col: int
    n_rows: int

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def last_row(self) -> int:
        return self.header_row + self.n_rows

    @property
    def ref(self) -> str:
        last_col = column_letter(self.first_col + len(self.headers) - 1)
        return f"{column_letter(self.first_col)}{self.header_row}:{last_col}{self.last_row}"

    def letter(self, header: str) -> str:
        return column_letter(self.first_col + self.headers.index(header))

    def data_range(self, header: str) -> str:
        """The data cells of one column, e.g. 'E2:E9'."""
        col = self.letter(header)
        return f"{col}{self.first_row}:{col}{self.last_row}"

    def rows_range(self) -> str:
        """All data cells of the table, e.g. 'A2:G9'."""
        first = column_letter(self.first_col)
        last = column_letter(self.first_col + len(self.headers) - 1)
        return f"{first}{self.first_row}:{last}{self.last_row}"

    @property
    def year_headers(self) -> list[str]:
        return [h for h in self.headers if h.isdigit()]


def total_formula(table: str, years: Sequence[int]) -> str:
    """Totaal of one row: the sum of its year columns, as a structured reference."""
    return f"SUM({table}[[#This Row],[{years[0]}]:[{years[-1]}]])"


def write_table(
    ws: Worksheet,
    spec: c.TableSpec,
    rows: Iterable[Sequence[object]],
    *,
    years: Sequence[int] = (),
    header_row: int = 1,
    first_col: int = 1,
    min_rows: int = 1,
    locked: Iterable[str] = (),
    formats: dict[str, str] | None = None,
) -> PlacedTable:
    """Write header and rows (values in header order) and register the table.

    Totaal is always written as the live formula; owned columns and ``locked``
    columns stay locked, all other data cells are unlocked for input.
    """
    headers = tuple(spec.headers(list(years)))
    data = [list(r) for r in rows]
    data += [[None] * len(headers) for _ in range(max(0, min_rows - len(data)))]
    placed = PlacedTable(spec, headers, header_row, first_col, len(data))
    locked_cols = set(spec.owned) | set(locked)
    formats = dict(formats or {})
    if spec.has_years:
        for h in [*placed.year_headers, c.COL_TOTAL]:
            formats.setdefault(h, styles.EURO_FORMAT)
    total = total_formula(spec.name, years) if spec.has_years and years else None

    for j, header in enumerate(headers):
        col = first_col + j
        cell = ws.cell(row=header_row, column=col, value=header)
        cell.font = styles.HEADER_FONT
        cell.fill = styles.HEADER_FILL
        cell.alignment = styles.HEADER_ALIGNMENT
        ws.column_dimensions[column_letter(col)].width = styles.width_for(header)
        protection = styles.LOCKED if header in locked_cols else styles.UNLOCKED
        alignment = styles.WRAP if header in styles.WRAPPED else styles.TOP
        number_format = formats.get(header)
        for i, values in enumerate(data):
            value = values[j] if j < len(values) else None
            if header == c.COL_TOTAL and total is not None:
                value = f"={total}"
            cell = ws.cell(row=header_row + 1 + i, column=col, value=value)
            cell.protection = protection
            cell.alignment = alignment
            if number_format:
                cell.number_format = number_format

    table = Table(displayName=spec.name, ref=placed.ref)
    table.tableColumns = [
        TableColumn(
            id=j + 1,
            name=header,
            calculatedColumnFormula=(
                TableFormula(attr_text=total)
                if header == c.COL_TOTAL and total is not None
                else None
            ),
        )
        for j, header in enumerate(headers)
    ]
    table.autoFilter = AutoFilter(ref=placed.ref)
    table.tableStyleInfo = TableStyleInfo(name=styles.TABLE_STYLE, showRowStripes=True)
    ws.add_table(table)
    ws.row_dimensions[header_row].height = 32
    return placed
