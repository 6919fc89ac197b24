"""What python-calamine does not tell: error cells and the cell count of a sheet.

calamine returns an empty string for an error cell (``#REF!``, ``#N/A`` ...),
but an error in an input cell is a finding (WB004). The worksheet XML is
scanned with plain byte searches, which are far cheaper than parsing it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from plan_xl.core.plan import column_index
from plan_xl.core.values import CellError

_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s>]")
_REF = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d{1,7})["']""")
_ROOT_WINDOW = 4096 * 16  # the root tag is looked for this far
_ERROR_TYPES = (b't="e"', b"t='e'")
# A compiled literal search skips through a sheet faster than bytes.find, whose
# skip table keys on the marker's last byte (a quote, the commonest byte in XML).
_MARKER_SEARCH = {marker: re.compile(re.escape(marker)) for marker in _ERROR_TYPES}


def count_cells(xml: bytes, max_cells: int | None = None, min_cell_bytes: int = 4) -> int:
    """An upper bound of the number of cells in a worksheet part.

    A cell takes at least 4 bytes (``<c/>``; more when every cell is known to
    carry a reference), so the count is skipped when the part is too small to
    exceed ``max_cells``. The count also includes the few ``<col>``,
    ``<cfRule>``, ``<cols>`` ... tags.
    """
    if max_cells is not None and len(xml) < min_cell_bytes * max_cells:
        return len(xml) // min_cell_bytes
    return xml.count(_open_cell(xml)[0])


def _open_cell(xml: bytes) -> tuple[bytes, bytes]:
    """The start of a cell tag (``<c`` or ``<x:c``) and the namespace prefix."""
    match = _ROOT.search(xml, 0, _ROOT_WINDOW)
    prefix = (match.group(1) or b"") if match else b""
    return b"<" + prefix + b"c", prefix


def find_errors(xml: bytes) -> dict[tuple[int, int], CellError]:
    """(1-based row, 1-based column) -> error value of every error cell (``t="e"``)."""
    open_cell, prefix = _open_cell(xml)
    errors: dict[tuple[int, int], CellError] = {}
    for marker in _error_markers(xml, open_cell):
        for hit in _MARKER_SEARCH[marker].finditer(xml):
            found = _error_at(xml, hit.start(), open_cell, prefix)
            if found is not None:
                errors[found[0]] = found[1]
    return errors


class ErrorScan:
    """:func:`find_errors` chunk by chunk, without joining a sheet's chunks.

    Each chunk is searched for the error marker on its own; an error cell
    whose tag start, tag end and closing tag all lie in the chunk is settled
    there (the nearest, first and first occurrence in the chunk are those in
    the whole sheet). A marker cut by a chunk boundary or a cell the chunk does
    not settle is looked at again in the whole sheet by :meth:`finish`; so is
    every marker when the first chunk does not show how the sheet writes its
    cells. The result equals ``find_errors`` of the whole sheet.
    """

    def __init__(self) -> None:
        self._fed = 0
        self._last = b""  # the end of the previous chunk (a marker may start there)
        self._setup: tuple[bytes, bytes, bytes] | None = None  # open cell, prefix, marker
        self._whole = False  # settle everything in finish()
        self._found: list[tuple[int, tuple[tuple[int, int], CellError] | None]] = []
        self._later: list[int] = []  # stream offsets of markers finish() settles

    def feed(self, chunk: bytes) -> None:
        start, self._fed = self._fed, self._fed + len(chunk)
        if self._whole:
            return
        if self._setup is None:
            self._setup = self._first_chunk(chunk)
            if self._setup is None:
                self._whole = True
                return
        open_cell, prefix, marker = self._setup
        seam = self._last + chunk[: len(marker) - 1]
        self._later += [start - len(self._last) + m.start() for m in _search(marker, seam)]
        self._last = chunk[len(chunk) - len(marker) + 1 :]
        for hit in _search(marker, chunk):
            pos = hit.start()
            if _settled_in(chunk, pos, open_cell, prefix):
                self._found.append((start + pos, _error_at(chunk, pos, open_cell, prefix)))
            else:
                self._later.append(start + pos)

    def finish(self, whole: Callable[[], bytes]) -> dict[tuple[int, int], CellError]:
        """The error cells of the sheet; ``whole`` gives its text (the chunks fed,
        joined), called only if a cell was not settled chunk by chunk."""
        if self._whole or self._setup is None:
            return find_errors(whole())
        open_cell, prefix, _ = self._setup
        xml = whole() if self._later else b""
        found = self._found + [(pos, _error_at(xml, pos, open_cell, prefix)) for pos in self._later]
        found.sort(key=lambda item: item[0])
        return {cell[0]: cell[1] for _, cell in found if cell is not None}

    @staticmethod
    def _first_chunk(chunk: bytes) -> tuple[bytes, bytes, bytes] | None:
        """The cell tag start, prefix and the one marker of the sheet, if the first
        chunk settles them as :func:`find_errors` does on the whole sheet."""
        if len(chunk) < _ROOT_WINDOW:
            return None
        open_cell, prefix = _open_cell(chunk)
        first = chunk.find(open_cell + b" ")
        if first < 0 or chunk.find(b">", first) < 0:
            return None
        markers = _error_markers(chunk, open_cell)
        return (open_cell, prefix, markers[0]) if len(markers) == 1 else None


def _search(marker: bytes, data: bytes) -> Iterator[re.Match[bytes]]:
    return _MARKER_SEARCH[marker].finditer(data)


def _settled_in(data: bytes, pos: int, open_cell: bytes, prefix: bytes) -> bool:
    """Whether :func:`_error_at` at ``pos`` needs nothing outside ``data``."""
    if data.rfind(open_cell, 0, pos) < 0:
        return False
    tag_end = data.find(b">", pos)
    if tag_end < 0:
        return False
    if data[tag_end - 1 : tag_end] == b"/" or b"<" in data[pos:tag_end]:
        return True
    return data.find(b"</" + prefix + b"c>", tag_end) >= 0


def _error_markers(xml: bytes, open_cell: bytes) -> tuple[bytes, ...]:
    """Writers quote attributes one way throughout: look at the first cell."""
    first = xml.find(open_cell + b" ")
    tag = xml[first : xml.find(b">", first) + 1] if first >= 0 else b""
    if b'"' in tag:
        return (b't="e"',)
    if b"'" in tag:
        return (b"t='e'",)
    return _ERROR_TYPES


def _error_at(
    xml: bytes, pos: int, open_cell: bytes, prefix: bytes
) -> tuple[tuple[int, int], CellError] | None:
    start = xml.rfind(open_cell, 0, pos)
    tag_end = xml.find(b">", pos)
    if start < 0 or tag_end < 0:
        return None
    tag = xml[start:tag_end]
    if b"<" in tag[1:]:
        return None  # the marker is text inside a cell, not the cell's type
    ref = _REF.search(tag)
    if ref is None:
        return None
    where = (int(ref.group(2)), column_index(ref.group(1).decode("ascii")))
    if tag.endswith(b"/"):
        return where, CellError("#N/A")
    close = xml.find(b"</" + prefix + b"c>", tag_end)
    body = xml[tag_end + 1 : close if close >= 0 else tag_end + 1]
    v_open = b"<" + prefix + b"v>"
    v_start = body.find(v_open)
    if v_start < 0:
        return where, CellError("#N/A")
    v_end = body.find(b"</" + prefix + b"v>", v_start)
    code = body[v_start + len(v_open) : v_end if v_end >= 0 else None]
    text = code.decode("utf-8", errors="replace").strip().upper() or "#N/A"
    return where, CellError(text)
