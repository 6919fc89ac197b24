"""What python-calamine does not tell: error cells and the cell count of a sheet.

calamine returns an empty string for an error cell (``#REF!``, ``#N/A`` ...),
but an error in an input cell is a finding (WB004). The worksheet XML is
scanned with plain byte searches, which are far cheaper than parsing it.
"""

from __future__ import annotations

import re

from plan_xl.core.plan import column_index
from plan_xl.core.values import CellError

_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s>]")
_REF = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d{1,7})["']""")
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
    match = _ROOT.search(xml, 0, 4096 * 16)
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
