"""Row heights for wrapped text, estimated because openpyxl cannot measure text.

Excel and LibreOffice only fit a row to its wrapped text when the row has no
explicit height, and they do not always do so when a file opens: wrapped cells
then overlap the rows below. Every sheet builder therefore ends with
``fit_wrapped_rows``, which gives each row holding wrapped text an explicit
height from the longest text in the row versus its column width.
"""

from __future__ import annotations

import math

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

LINE_HEIGHT = 15.0  # points per line of 11 pt text
DEFAULT_FONT_SIZE = 11.0
DEFAULT_COLUMN_WIDTH = 8.43  # Excel's width of a column without its own width
# Characters of average text per unit of column width (widths count the digit "0",
# which is wider than most letters).
CHARS_PER_WIDTH = 1.1
PADDING = 3.0  # points below the last line, so descenders are not clipped


def wrapped_lines(text: str, width: float, *, font_size: float = DEFAULT_FONT_SIZE) -> int:
    """Estimated number of lines ``text`` takes in a wrapped cell ``width`` characters wide."""
    scale = max(font_size, 1.0) / DEFAULT_FONT_SIZE
    per_line = max(1.0, width * CHARS_PER_WIDTH / scale)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def text_height(text: str, width: float, *, font_size: float = DEFAULT_FONT_SIZE) -> float:
    """Row height in points that shows ``text`` wrapped in a cell ``width`` characters wide."""
    lines = wrapped_lines(text, width, font_size=font_size)
    line = LINE_HEIGHT * max(font_size, DEFAULT_FONT_SIZE) / DEFAULT_FONT_SIZE
    return max(LINE_HEIGHT, lines * line) + (PADDING if lines > 1 else 0.0)


def column_width(ws: Worksheet, col: int) -> float:
    """Width in characters of column ``col`` (1-based), Excel's default when unset."""
    letter = get_column_letter(col)
    dims = ws.column_dimensions
    if letter in dims and dims[letter].width:
        return float(dims[letter].width)
    return DEFAULT_COLUMN_WIDTH


def _single_row_merges(ws: Worksheet) -> dict[str, tuple[int, int]]:
    """Top-left coordinate -> (first, last column) of merged ranges one row high."""
    return {
        f"{get_column_letter(r.min_col)}{r.min_row}": (r.min_col, r.max_col)
        for r in ws.merged_cells.ranges
        if r.min_row == r.max_row
    }


def _cell_height(ws: Worksheet, cell: Cell, merges: dict[str, tuple[int, int]]) -> float:
    first, last = merges.get(cell.coordinate, (cell.column, cell.column))
    width = sum(column_width(ws, col) for col in range(first, last + 1))
    size = float(cell.font.sz or DEFAULT_FONT_SIZE) if cell.font else DEFAULT_FONT_SIZE
    return text_height(str(cell.value), width, font_size=size)


def fit_wrapped_rows(ws: Worksheet) -> None:
    """Give every row with wrapped text a height that fits its longest text.

    A row never gets lower than a height set before (the header rows), and rows
    of cells merged over several rows are left alone (their height is shared).
    """
    merges = _single_row_merges(ws)
    tall_merges = {
        (row, col)
        for r in ws.merged_cells.ranges
        if r.min_row != r.max_row
        for row in range(r.min_row, r.max_row + 1)
        for col in range(r.min_col, r.max_col + 1)
    }
    for row in ws.iter_rows():
        heights = [
            _cell_height(ws, cell, merges)
            for cell in row
            if isinstance(cell.value, str)
            and not cell.value.startswith("=")
            and cell.alignment is not None
            and cell.alignment.wrap_text
            and (cell.row, cell.column) not in tall_merges
        ]
        if not heights:
            continue
        r = row[0].row
        wanted = max(heights)
        current = ws.row_dimensions[r].height if r in ws.row_dimensions else None
        if wanted > LINE_HEIGHT or current is not None:
            ws.row_dimensions[r].height = max(wanted, current or 0.0)
