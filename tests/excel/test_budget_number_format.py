"""Live Excel: Budgetoverzicht amounts get the euro number format, block by block."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import range_boundaries

from plan_xl.excel.entry import budget_summary
from plan_xl.template.styles import EURO_FORMAT
from plan_xl.validate import validate_file
from tests.excel.conftest import actions, sheet_position

BookFactory = Callable[[Path], Any]


def test_budget_amounts_get_the_euro_format_in_one_action_per_block(
    book_from_xlsx: BookFactory, example_xlsx: Path
) -> None:
    book = book_from_xlsx(example_xlsx)
    assert budget_summary(book).ok
    position = sheet_position(book, "Budgetoverzicht")
    formats = [
        a
        for a in actions(book)
        if a["func"] == "setNumberFormat" and a["sheet_position"] == position
    ]
    (grid,) = [
        a for a in actions(book) if a["func"] == "setValues" and a["sheet_position"] == position
    ]
    values = grid["values"]
    assert formats and all(a["args"] == [EURO_FORMAT] for a in formats)
    # Independently of the layout code: every number under a text header cell is covered,
    # no header year and no label is.
    covered: set[tuple[int, int]] = set()
    for a in formats:
        c1, r1, c2, r2 = range_boundaries(_address(a))
        covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    amounts = {
        (i + 1, j + 1)
        for i, row in enumerate(values)
        for j, v in enumerate(row)
        if isinstance(v, float) and j > 0
    }
    assert amounts and amounts <= covered
    for r, c in covered:
        value = values[r - 1][c - 1]
        assert not isinstance(value, str) or value == "", (r, c, value)
    # The same number of blocks as the file writer lays out.
    result = validate_file(example_xlsx)
    assert len(formats) == len(result.annotations().budget.amount_areas())


def _address(action: dict[str, Any]) -> str:
    from openpyxl.utils import get_column_letter

    r, c = action["start_row"] + 1, action["start_column"] + 1
    last_r, last_c = r + action["row_count"] - 1, c + action["column_count"] - 1
    return f"{get_column_letter(c)}{r}:{get_column_letter(last_c)}{last_r}"
