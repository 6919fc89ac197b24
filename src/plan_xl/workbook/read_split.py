"""Cut a big worksheet's XML in two at a row boundary, and stitch the two grids back.

Each half is the sheet's own XML with part of its rows: the text before the
rows (``<worksheet ...><dimension .../>...<sheetData>``), one run of whole
``<row>`` elements, and the text after them (``</sheetData>...``). Parsed by
python-calamine, the first half gives the grid from A1 (``skip_empty_area=False``),
the second its own used range and where it starts.

This is exact only when calamine places every cell by its own reference
(the grid-envelope check proved every cell tag is ``<c r="A1" ...>``: the
caller cuts only then), and when the rows do not overlap across the cut:
calamine builds a range from the first to the last cell it reads, so a
half whose rows run back above the other half's would be read differently.
:func:`stitch` returns ``None`` then and the caller parses the sheet whole.
"""

from __future__ import annotations

from typing import Any, NamedTuple

Grid = list[list[Any]]
Pieces = list[memoryview]  # parts of one XML text, in order
Position = tuple[int, int]  # 0-based (row, column), as python-calamine reports it

_SHEET_DATA = b"<sheetData>"
_SHEET_DATA_END = b"</sheetData>"
_ROW_END = b"</row>"
_ROW_START = b"<row"


class Half(NamedTuple):
    """A parsed half: its grid and calamine's start and end (None when it has no cells)."""

    grid: Grid
    start: Position | None
    end: Position | None


def cut_sheet(xml: bytes, at: float = 0.5) -> tuple[bytes, bytes] | None:
    """The sheet as two smaller sheets (see :func:`cut_pieces`), as bytes."""
    pieces = cut_pieces(xml, at)
    if pieces is None:
        return None
    return b"".join(pieces[0]), b"".join(pieces[1])


def cut_pieces(xml: bytes, at: float = 0.5) -> tuple[Pieces, Pieces] | None:
    """The sheet as two smaller sheets, cut after the ``</row>`` nearest past the
    ``at`` fraction of its rows, or None when it has no such place (no plain
    ``<sheetData>``, or the cut would leave a half without rows). Each half is
    given as views of ``xml`` to be joined (no copy here)."""
    open_at = xml.find(_SHEET_DATA)
    close_at = xml.rfind(_SHEET_DATA_END)
    if open_at < 0 or close_at < 0:
        return None
    rows_from = open_at + len(_SHEET_DATA)
    if close_at <= rows_from:
        return None
    middle = rows_from + int((close_at - rows_from) * at)
    end = xml.find(_ROW_END, middle, close_at)
    if end < 0:
        return None
    cut = end + len(_ROW_END)
    if not xml.startswith(_ROW_START, cut) or not xml.startswith(_ROW_START, rows_from):
        return None  # not a row boundary between two rows
    view = memoryview(xml)
    return [view[:cut], view[close_at:]], [view[:rows_from], view[cut:]]


def stitch(first: Half, second: Half) -> Grid | None:
    """The grid one parse of the whole sheet gives (from A1, every row equally
    wide), or None when the halves' rows overlap."""
    if second.start is None or second.end is None:
        return first.grid
    (top, left), (_, right) = second.start, second.end
    if first.end is None:
        width = right + 1
        grid: Grid = [[""] * width for _ in range(top)]
    else:
        if first.end[0] >= top:
            return None
        width = max(first.end[1], right) + 1
        grid = first.grid
        if first.end[1] + 1 < width:
            pad = [""] * (width - first.end[1] - 1)
            grid = [row + pad for row in grid]
        grid.extend([""] * width for _ in range(top - first.end[0] - 1))
    if left:
        before = [""] * left
        grid.extend(before + row for row in second.grid)
    else:
        grid.extend(second.grid)
    if right + 1 < width:
        after = [""] * (width - right - 1)
        for row in grid[top:]:
            row.extend(after)  # rows calamine made for this parse only
    return grid
