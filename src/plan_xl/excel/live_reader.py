"""Read the plan tables of an open workbook through xlwings.

Each contract table (ListObject) is read with ONE range read of its whole
range, header included, so the number of Excel round-trips does not grow with
the row count. The grids go through the same pure assembly as the file reader
(:func:`plan_xl.core.assemble.raw_table_from_grid` and
:func:`plan_xl.core.assemble.assemble`), so both ways in see the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plan_xl import contract as c
from plan_xl.core.assemble import assemble, raw_table_from_grid
from plan_xl.core.plan import PlanData, RawTable, RawWorkbook, split_range


@dataclass
class RoundTrips:
    """Excel round-trips of one run: range reads and range/sheet writes."""

    reads: int = 0
    writes: int = 0

    @property
    def total(self) -> int:
        return self.reads + self.writes


@dataclass(frozen=True)
class TableLocation:
    """Where a contract table sits in the open workbook (``ref`` includes the header)."""

    name: str
    sheet: str
    ref: str

    @property
    def header_row(self) -> int:
        return split_range(self.ref)[0]

    @property
    def last_row(self) -> int:
        return split_range(self.ref)[2]

    @property
    def first_column(self) -> int:
        return split_range(self.ref)[1]

    @property
    def body_rows(self) -> int:
        return self.last_row - self.header_row


@dataclass
class LiveWorkbook:
    """What was read from the open workbook in one pass."""

    raw: RawWorkbook
    locations: dict[str, TableLocation] = field(default_factory=dict)
    headers: dict[str, list[Any]] = field(default_factory=dict)


def _book_source(book: Any) -> str:
    try:
        return str(book.fullname)
    except Exception:  # some engines cannot tell; the name is enough for messages
        return str(book.name)


def locate_tables(book: Any) -> dict[str, tuple[Any, Any, TableLocation]]:
    """Contract tables found in ``book``: name -> (sheet, xlwings table, location).

    Table names are matched case-insensitively, as Excel does.
    """
    wanted = {name.casefold(): name for name in c.TABLES_BY_NAME}
    found: dict[str, tuple[Any, Any, TableLocation]] = {}
    for sheet in book.sheets:
        for table in sheet.tables:
            contract_name = wanted.get(str(table.name).casefold())
            if contract_name is None or contract_name in found:
                continue
            ref = str(table.range.address).replace("$", "")
            found[contract_name] = (
                sheet,
                table,
                TableLocation(contract_name, str(sheet.name), ref),
            )
    return found


def read_table_grid(table: Any, trips: RoundTrips) -> list[list[Any]]:
    """The whole table range (header + rows) as a 2-D list, in one read.

    Spreadsheet errors come back as their text (``#REF!``) so the checks can
    report them (WB004) instead of seeing an empty cell.
    """
    grid = table.range.options(ndim=2, err_to_str=True).value
    trips.reads += 1
    return [list(row) for row in grid or []]


def read_live_workbook(
    book: Any, trips: RoundTrips | None = None, *, tables: tuple[str, ...] | None = None
) -> LiveWorkbook:
    """Read every input table of ``book`` (one range read each) into a RawWorkbook.

    ``tables`` limits which tables have their values read (default: the input
    tables); all contract tables are located either way.
    """
    trips = trips if trips is not None else RoundTrips()
    to_read = tables if tables is not None else tuple(t.name for t in c.INPUT_TABLES)
    located = locate_tables(book)
    raw_tables: dict[str, RawTable] = {}
    headers: dict[str, list[Any]] = {}
    for name, (_sheet, table, loc) in located.items():
        if name not in to_read:
            continue
        grid = read_table_grid(table, trips)
        headers[name] = list(grid[0]) if grid else []
        raw_tables[name] = raw_table_from_grid(name, loc.sheet, loc.ref, grid)
    raw = RawWorkbook(
        source=_book_source(book),
        sheet_names=[str(s.name) for s in book.sheets],
        tables=raw_tables,
    )
    return LiveWorkbook(
        raw=raw,
        locations={name: loc for name, (_s, _t, loc) in located.items()},
        headers=headers,
    )


def read_live_plan(book: Any, trips: RoundTrips | None = None) -> tuple[PlanData, LiveWorkbook]:
    """The plan data of an open workbook, plus where its tables are."""
    live = read_live_workbook(book, trips)
    return assemble(live.raw), live
