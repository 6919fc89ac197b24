"""How large a grid python-calamine would build for a worksheet, known before it parses.

calamine stores a sheet as one dense grid from its first to its last cell, and
plan-xl asks for it from A1 on: a sheet holding only A1 and XFD1048576 passes
the cell-count limit yet makes calamine allocate 17 billion cells (it aborts
the process). The used extent is therefore read from the cell references in
the XML itself, never from ``<dimension>``, which may lie.

calamine places a cell at its ``r`` attribute (the last one if repeated, any
letter case, any namespace prefix); without one, one column right of the
previous cell in the row, in the row's ``r`` or one row below the previous
row. Walking 800,000 cells in Python takes ~2 s, so the common case is
settled by a regular-expression search (~0.05 s at 50,000 plan lines): if
every cell tag is ``<c r="A1" ...>`` with one reference inside a box that
fits the limit (as Excel, LibreOffice and openpyxl write them), the grid is
within that box. Only a sheet that fails that test is walked tag by tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from plan_xl.core.plan import column_index, column_letter

_DIMENSION = re.compile(rb'<dimension ref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"')
# Attributes up to the tag's end (a quoted value may hold ">").
_ATTRIBUTES = rb"""(?:[^>"']|"[^"]*"|'[^']*')*"""
# Any row or cell tag (open or self-closing), whatever its prefix; group 1 the
# local name, group 2 the attributes.
_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c)(?=[\s/>])(" + _ATTRIBUTES + rb")>")
# calamine reads the unprefixed ``r`` only (``x:r`` is another attribute).
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(rb"([A-Za-z]*)(\d*)")
# A cell with a namespace prefix (``<x:c``), or text that looks like one.
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
MIN_PLAIN_CELL_BYTES = len(b'<c r="A1"/>')
_MAX_LETTERS, _MAX_DIGITS = 7, 12


@dataclass(frozen=True)
class Extent:
    """The grid calamine builds: rows x columns from A1 to the farthest cell."""

    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    @property
    def corner(self) -> str:
        """The farthest cell as a reference, e.g. ``XFD1048576``."""
        return f"{column_letter(self.columns)}{self.rows}" if self.cells else "A1"


def fits_envelope(xml: bytes, max_grid_cells: int) -> bool:
    """True when every cell tag is plain (``<c r="A1" ...>``), unprefixed and
    inside a box within the limit. Then the grid is within the limit, and each
    cell takes at least :data:`MIN_PLAIN_CELL_BYTES` bytes.

    Boxes tried, first match wins: columns A-Z with any row number of at most
    as many digits as the claimed last row, at least four (shared by most
    sheets), when the ``<dimension>`` claims no more; the claimed columns with
    that many digits (fastest to search); exactly the claimed box; then
    columns A-Z with as many rows as the limit allows. A box inside one tried
    before it is skipped.
    """
    if _PREFIXED_CELL.search(xml) is not None:
        return False
    return any(_outside(*box).search(xml) is None for box in _boxes(xml, max_grid_cells))


class EnvelopeScan:
    """The first box of :func:`fits_envelope`, checked chunk by chunk while the
    rest of the sheet is still being inflated.

    A chunk is searched up to its last ``<``, the rest is kept for the next
    one, so no tag is ever cut in two. ``False`` from :meth:`finish` only means
    "not settled": the caller then tries the other boxes on the whole sheet.
    While :attr:`plain` holds, every cell tag in the first :attr:`checked`
    bytes of the stream is plain and inside the box.
    """

    def __init__(self, max_grid_cells: int) -> None:
        self.max_grid_cells = max_grid_cells
        self.plain = True
        self.checked = 0  # bytes of the stream searched (only meaningful while plain)
        self._pattern: re.Pattern[bytes] | None = None
        self._carry = b""
        self._fed = 0

    def feed(self, chunk: bytes, *, last: bool = False) -> None:
        start = self._fed - len(self._carry)  # stream offset of data[0]
        self._fed += len(chunk)
        data = self._carry + chunk if self._carry else chunk
        if self._pattern is None and self.plain:
            if not last and b"sheetData" not in data:
                self._carry = data  # <dimension> comes before the cells: wait for it
                return
            boxes = _boxes(data, self.max_grid_cells)
            if boxes:
                self._pattern = _outside(*boxes[0])
            else:
                self.plain = False
        cut = len(data) if last else data.rfind(b"<")
        if cut < 0:
            cut = len(data)  # no tag starts here
        if self.plain and self._pattern is not None:
            self.plain = (
                self._pattern.search(data, 0, cut) is None
                and _PREFIXED_CELL.search(data, 0, cut) is None
            )
            if self.plain:
                self.checked = start + cut
        self._carry = data[cut:] if self.plain else b""

    def finish(self) -> bool:
        self.feed(b"", last=True)
        return self.plain


def _boxes(xml: bytes, max_grid_cells: int) -> list[tuple[int, int]]:
    """The boxes :func:`fits_envelope` tries, each within the limit, in order.

    The first, for a sheet claiming no column beyond Z, is A-Z with row numbers
    of as many digits as its claimed last row, at least four: the sheets of a
    workbook then share few search patterns (compiling one costs about as much
    as searching a 300 KB sheet with it), and each searches as fast as with its
    own columns. It lies in the last box (A-Z, the limit's rows), so the boxes
    together accept no more sheets than without it.
    """
    claimed = _claimed_box(xml)
    candidates = [(26, max_grid_cells // 26)]
    if claimed is not None:
        candidates[:0] = [(claimed[0], _rows_of_digits(claimed[1], 1)), claimed]
        shared = (26, _rows_of_digits(claimed[1], 4))
        if claimed[0] <= 26 and shared[0] * shared[1] <= max_grid_cells:
            candidates.insert(0, shared)
    boxes: list[tuple[int, int]] = []
    for box in candidates:
        if 0 < box[0] * box[1] <= max_grid_cells and not any(_inside(box, b) for b in boxes):
            boxes.append(box)
    return boxes


def _rows_of_digits(rows: int, at_least: int) -> int:
    """The highest row number with as many digits as ``rows`` (at least ``at_least``)."""
    return 10 ** max(len(str(rows)), at_least) - 1


def _inside(box: tuple[int, int], outer: tuple[int, int]) -> bool:
    """A box inside one tried before it cannot hold when that one did not."""
    return box[0] <= outer[0] and box[1] <= outer[1]


def _claimed_box(xml: bytes) -> tuple[int, int] | None:
    """(columns, rows) of the ``<dimension>`` the sheet declares (unverified)."""
    claimed = _DIMENSION.search(xml, 0, 64 * 1024)
    if claimed is None or len(claimed.group(1)) > 3 or len(claimed.group(2)) > 7:
        return None
    return column_index(claimed.group(1).decode("ascii")), int(claimed.group(2))


@lru_cache(maxsize=16)
def _outside(columns: int, rows: int) -> re.Pattern[bytes]:
    """Finds a cell tag not written as ``<c r="A1" s=".." t="..">`` with its
    reference in the box (a second ``r`` counts as outside: calamine takes the
    last one). The literal ``<c`` keeps the search fast; cells with a prefix
    are found by :data:`_PREFIXED_CELL`."""
    ref = b'r="' + _at_most(column_letter(columns), "A", "Z") + _at_most(str(rows), "1", "9")
    others = rb'(?: [a-qs-z]\w*+="[^"]*+")*+'  # any attribute not named r
    return re.compile(rb"<c(?! " + ref + b'"' + others + rb"/?>)[\s/>]")


def _at_most(top: str, first: str, last: str) -> bytes:
    """A pattern for the numerals up to ``top`` in a positional system without
    zero-led numerals (row numbers; column letters with ``first`` = A): shorter
    numerals are smaller, equally long ones compare character by character."""
    low, high = first if first != "1" else "0", last
    size = len(top)
    if top == high * size:  # all numerals of up to ``size`` characters
        if size == 1:  # (no empty repeat: it slows every search down)
            return f"[{first}-{high}]".encode("ascii")
        return f"[{first}-{high}][{low}-{high}]{{0,{size - 1}}}".encode("ascii")
    if size == 1:
        return f"[{first}-{top}]".encode("ascii")
    options: list[str] = []
    if size > 1:
        options.append(f"[{first}-{high}][{low}-{high}]{{0,{size - 2}}}")
    for i, char in enumerate(top):
        smallest = first if i == 0 else low
        if char > smallest:
            below = chr(ord(char) - 1)
            options.append(f"{top[:i]}[{smallest}-{below}][{low}-{high}]{{{size - i - 1}}}")
    options.append(top)
    return ("(?:" + "|".join(options) + ")").encode("ascii")


def grid_extent(xml: bytes) -> Extent:
    """The exact extent of calamine's grid, walking every row and cell tag."""
    max_row = max_column = 0
    row = column = 0
    for match in _TAG.finditer(xml):
        name, attributes = match.group(1), match.group(2)
        ref = _last_ref(attributes)
        if name == b"row":
            row = ref[1] if ref is not None and ref[1] else row + 1
            column = 0
            continue
        if ref is not None and ref[0] and ref[1]:
            cell_row, column = ref[1], ref[0]
        else:
            cell_row, column = row, column + 1
        max_row, max_column = max(max_row, cell_row), max(max_column, column)
    return Extent(max_row, max_column)


def _last_ref(attributes: bytes) -> tuple[int, int] | None:
    """(column, row) of the tag's last ``r`` attribute (0 where a part is missing)."""
    found = _R_ATTR.findall(attributes)
    if not found:
        return None
    text = b"".join(found[-1]).strip()
    parts = _REF.fullmatch(text)
    if parts is None:
        return None
    letters, digits = parts.group(1).upper(), parts.group(2)
    column = 0
    for letter in letters[:_MAX_LETTERS]:  # beyond that the sheet is refused anyway
        column = column * 26 + letter - 64
    row = int(digits[:_MAX_DIGITS]) if digits else 0
    return column, row
