"""Real xlwings ``Book`` objects on Linux, built from .xlsx files.

xlwings' remote-interpreter engine (``xlwings/pro/_xlremote.py``) builds a
``Book`` from a JSON description of a workbook, the same description its Office
Scripts / Office.js clients send, and records every change it would make in
Excel as an action list (``book.json()["actions"]``). It is part of xlwings PRO
and needs ``XLWINGS_LICENSE_KEY=noncommercial``, which these fixtures set for
the tests only; the add-in itself uses the open-source ``RunPython`` path.

:func:`book_json_from_xlsx` reads an .xlsx independently with openpyxl (cached
values, tables, defined names) and produces that JSON description.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.cell import range_boundaries

LICENSE_ENV = "XLWINGS_LICENSE_KEY"
WRITE_FUNCS = frozenset({"setValues", "rangeClearContents", "sheetClearContents", "rangeClear"})


def _json_value(value: Any) -> Any:
    """A cell value as Excel's JSON clients send it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        # The remote engine expects an ISO timestamp with a trailing "Z".
        return value.isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, dt.date):
        return (
            dt.datetime(value.year, value.month, value.day).isoformat(timespec="milliseconds") + "Z"
        )
    if isinstance(value, dt.time):
        return value.isoformat()
    return value


def _address(min_col: int, min_row: int, max_col: int, max_row: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"${get_column_letter(min_col)}${min_row}:${get_column_letter(max_col)}${max_row}"


def _table_json(table: Any, ws: Any) -> dict[str, Any]:
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    header_rows = 0 if table.headerRowCount == 0 else 1
    total_rows = int(table.totalsRowCount or 0)
    body_first = min_row + header_rows
    body_last = max_row - total_rows
    columns = [col.name for col in table.tableColumns]
    return {
        "name": table.name,
        "range_address": _address(min_col, min_row, max_col, max_row),
        "header_row_range_address": _address(min_col, min_row, max_col, min_row)
        if header_rows
        else None,
        "data_body_range_address": _address(min_col, body_first, max_col, body_last)
        if body_last >= body_first
        else None,
        "total_row_range_address": _address(min_col, max_row, max_col, max_row)
        if total_rows
        else None,
        "show_headers": bool(header_rows),
        "show_totals": bool(total_rows),
        "columns": columns,
        "row_count": max_row - min_row + 1,
        "column_count": max_col - min_col + 1,
        "table_style": table.tableStyleInfo.name if table.tableStyleInfo else "",
        "show_autofilter": table.autoFilter is not None,
        "show_table_style_first_column": False,
        "show_table_style_last_column": False,
        "show_table_style_row_stripes": True,
        "show_table_style_column_stripes": False,
    }


def _names_json(wb: Any, sheet_index: dict[str, int]) -> list[dict[str, Any]]:
    names: list[dict[str, Any]] = []
    for name, defn in wb.defined_names.items():
        try:
            destinations = list(defn.destinations)
        except (AttributeError, ValueError):  # formulas and structured references
            destinations = []
        sheet_idx: int | None = None
        address: str | None = None
        if len(destinations) == 1 and destinations[0][0] in sheet_index:
            sheet_idx = sheet_index[destinations[0][0]]
            address = destinations[0][1].replace("$", "")
        names.append(
            {
                "name": name,
                "refers_to": "=" + str(defn.attr_text),
                "book_scope": True,
                "scope_sheet_index": None,
                "scope_sheet_name": None,
                "sheet_index": sheet_idx,
                "address": address,
            }
        )
    return names


def book_json_from_xlsx(path: Path) -> dict[str, Any]:
    """The remote-interpreter JSON description of an .xlsx, read with openpyxl."""
    import xlwings as xw

    wb = openpyxl.load_workbook(path, data_only=True)
    sheet_index = {ws.title: i for i, ws in enumerate(wb.worksheets)}
    sheets: list[dict[str, Any]] = []
    for ws in wb.worksheets:
        max_row, max_col = ws.max_row, ws.max_column
        values = [
            [_json_value(v) for v in row]
            for row in ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True)
        ]
        sheets.append(
            {
                "name": ws.title,
                "values": values or [[]],
                "tables": [_table_json(tbl, ws) for tbl in ws.tables.values()],
                "pictures": [],
                "shapes": [],
                "charts": [],
                "notes": [],
                "print_area": None,
                "used_range_address": _address(1, 1, max_col, max_row),
            }
        )
    return {
        "client": "Microsoft Office Scripts",
        "version": xw.__version__,
        "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
        "names": _names_json(wb, sheet_index),
        "sheets": sheets,
    }


@pytest.fixture
def remote_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Enable xlwings' remote-interpreter engine for this test only."""
    import xlwings as xw

    monkeypatch.setenv(LICENSE_ENV, "noncommercial")
    if "remote" not in [engine.name for engine in xw.engines]:
        # xlwings registers PRO engines at import time, before the key was set.
        remote = importlib.import_module("xlwings.pro._xlremote")
        xw.engines.add(xw.Engine(impl=remote.engine))
    yield


@pytest.fixture
def book_from_xlsx(remote_engine: None) -> Callable[[Path], Any]:
    """Build a real ``xlwings.Book`` (remote engine) from an .xlsx file."""
    import xlwings as xw

    def build(path: Path) -> Any:
        return xw.Book(json=book_json_from_xlsx(path))

    return build


def actions(book: Any) -> list[dict[str, Any]]:
    """The actions xlwings would apply in Excel, in order."""
    return list(book.json()["actions"])


def write_actions(book: Any) -> list[dict[str, Any]]:
    return [a for a in actions(book) if a["func"] in WRITE_FUNCS]


# Reading the recorded actions back -------------------------------------------------


def sheet_position(book: Any, name: str) -> int:
    """0-based position of a sheet, as actions name it."""
    return [s.name for s in book.sheets].index(name)


def set_values_on(book: Any, sheet: str) -> list[dict[str, Any]]:
    position = sheet_position(book, sheet)
    return [
        a for a in actions(book) if a["func"] == "setValues" and a["sheet_position"] == position
    ]


def displayed(value: Any) -> Any:
    """What Excel shows for an assigned value: text prefix and link formula resolved."""
    if value == "" or value is None:
        return None
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    if isinstance(value, str) and value.upper().startswith("=HYPERLINK("):
        return value.rsplit(",", 1)[1].rstrip(")").strip('"').replace('""', '"')
    return value


def written_cells(action: dict[str, Any]) -> dict[tuple[int, int], Any]:
    """(row, column) 1-based -> displayed value, for one setValues action."""
    cells: dict[tuple[int, int], Any] = {}
    for i, row in enumerate(action["values"]):
        for j, value in enumerate(row):
            cells[(action["start_row"] + 1 + i, action["start_column"] + 1 + j)] = displayed(value)
    return cells


# Workbooks -----------------------------------------------------------------------------

# Injected defects in the example (Gemeente Voorbeeld), by sheet and cell.
MISSING_CONTACT_CELL = ("Meerjarenplan", "I3")  # action A1.1.2 loses its Aanspreekpunt
ERROR_AMOUNT_CELL = ("Projectplannen", "J3")  # a 2027 amount becomes #REF!
TEXT_AMOUNT_CELL = ("Projectplannen", "K4")  # a 2028 amount typed as Belgian text


@pytest.fixture(scope="session")
def example_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from plan_xl.template import build_workbook

    return build_workbook(tmp_path_factory.mktemp("example") / "voorbeeld.xlsx", example=True)


@pytest.fixture(scope="session")
def defective_xlsx(example_xlsx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with three defects typed in by hand (saved by openpyxl)."""
    wb = openpyxl.load_workbook(example_xlsx)
    sheet, cell = MISSING_CONTACT_CELL
    wb[sheet][cell] = None
    sheet, cell = ERROR_AMOUNT_CELL
    wb[sheet][cell] = "#REF!"  # openpyxl stores this as an error cell (t="e")
    sheet, cell = TEXT_AMOUNT_CELL
    wb[sheet][cell] = "12.500,00"
    out = tmp_path_factory.mktemp("defective") / "gebreken.xlsx"
    wb.save(out)
    return out


def with_project_lines(book_json: dict[str, Any], count: int) -> dict[str, Any]:
    """A copy of a workbook description whose tblProjectlijnen has ``count`` rows,
    cycling through the filled example rows."""
    import copy

    out = copy.deepcopy(book_json)
    sheet = next(s for s in out["sheets"] if s["name"] == "Projectplannen")
    table = next(t for t in sheet["tables"] if t["name"] == "tblProjectlijnen")
    min_col, min_row, max_col, _ = range_boundaries(table["range_address"].replace("$", ""))
    header = sheet["values"][min_row - 1]
    filled = [r for r in sheet["values"][min_row:] if any(v != "" for v in r)]
    body = [list(filled[i % len(filled)]) for i in range(count)]
    sheet["values"] = sheet["values"][: min_row - 1] + [header] + body
    last = min_row + count
    table["range_address"] = _address(min_col, min_row, max_col, last)
    table["data_body_range_address"] = _address(min_col, min_row + 1, max_col, last)
    table["row_count"] = count + 1
    sheet["used_range_address"] = _address(1, 1, len(header), last)
    return out
