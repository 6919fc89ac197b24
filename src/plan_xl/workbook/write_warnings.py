"""Patch the ``Waarschuwingen`` cells of a worksheet, and nothing else on it.

A table sheet may hold 50,000 rows, so the sheet is streamed: rows are cut out
of the inflated part at byte level (:mod:`plan_xl.workbook.xlsx_rows`), a row
is parsed only when one of its owned cells really changes, and the result goes
to a spooled temporary file that the package copies into the new zip. Memory
stays bounded by a chunk plus a row; untouched rows keep their exact bytes.

Files the scanner cannot follow with certainty (comments or CDATA among the
rows, rows out of order, a shared-formula master in an owned cell, a part
already edited in memory) take the tree path, which parses the whole sheet.
Both paths edit a row with the same function, so they write the same cells.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from lxml import etree

from plan_xl.core.annotations import WarningColumn
from plan_xl.core.plan import column_index, split_range
from plan_xl.workbook.xlsx_package import PARSER, XlsxPackage, q, serialise
from plan_xl.workbook.xlsx_rows import SheetHead, SheetRow, SheetRowScanner, StreamUnsupported
from plan_xl.workbook.xlsx_sheet import (
    FormulaRemovals,
    child,
    clear_cell,
    column_styles,
    find_cell,
    get_or_add_row,
    index_rows,
    new_cell,
    set_dimension,
    set_inline_text,
    widen_spans,
)

# Rewritten parts up to this size stay in memory; larger ones go to a temporary file.
SPOOL_BYTES = 8 << 20

_ATTRS = rb"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_REF_ATTR = re.compile(rb"""\sr\s*=\s*["']([^"']*)["']""")
_TYPE_ATTR = re.compile(rb"""\st\s*=""")
_MARKER = "\ue000plan-xl-rows\ue000"


@dataclass(frozen=True)
class _Column:
    index: int  # 1-based sheet column
    letter: str
    first_row: int
    last_row: int
    texts: dict[int, str]

    def covers(self, row: int) -> bool:
        return self.first_row <= row <= self.last_row

    def text(self, row: int) -> str:
        return self.texts.get(row, "")


def write_warning_columns(
    pkg: XlsxPackage, part: str, columns: Sequence[WarningColumn]
) -> FormulaRemovals:
    """Write each row's warning text into its cell of the sheet part ``part``.

    Rows without findings are cleared (style kept); missing rows and cells are
    only created when there is text to write.
    """
    owned = [
        _Column(column_index(c.column), c.column, c.first_row, c.last_row, dict(c.texts))
        for c in columns
    ]
    owned.sort(key=lambda c: c.index)
    if pkg.is_original(part):
        try:
            return _stream_columns(pkg, part, owned)
        except StreamUnsupported:
            pass
    return _tree_columns(pkg, part, owned)


def patch_row(
    row: etree._Element,
    number: int,
    columns: Sequence[_Column],
    styles: dict[int, str],
    removals: FormulaRemovals,
) -> tuple[bool, list[int]]:
    """Set (or clear) the owned cells of one ``<row>``: (changed, columns of new cells)."""
    changed = False
    created: list[int] = []
    for column in columns:
        if not column.covers(number):
            continue
        text = column.text(number)
        cell, position = find_cell(row, column.index)
        if not text:
            if cell is not None and (len(cell) or cell.get("t")):
                clear_cell(cell, removals)
                changed = True
            continue
        if cell is None:
            style = styles.get(column.index) or (row.get("s") if row.get("customFormat") else None)
            cell = new_cell(f"{column.letter}{number}", style)
            row.insert(position, cell)
            widen_spans(row, column.index)
            created.append(column.index)
            changed = True
        if _inline_text(cell) != text:
            set_inline_text(cell, text, removals)
            changed = True
    return changed, created


# Streaming path -------------------------------------------------------------------


def _stream_columns(pkg: XlsxPackage, part: str, columns: list[_Column]) -> FormulaRemovals:
    removals = FormulaRemovals()
    out: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    try:
        with pkg.open_original(part) as source:
            changed = _SheetPatch(columns, removals).run(source, out)
        if removals.masters:
            raise StreamUnsupported("a shared-formula master leaves an owned cell")
    except BaseException:
        out.close()
        raise
    if not changed:
        out.close()
        return removals
    pkg.put_stream(part, out)
    return removals


class _SheetPatch:
    """One streaming pass over a sheet part; ``run`` returns whether anything changed."""

    def __init__(self, columns: list[_Column], removals: FormulaRemovals) -> None:
        self.columns = columns
        self.removals = removals
        self.styles: dict[int, str] = {}
        self.changed = False
        # Rows with text to write, in order; those absent from the XML are inserted.
        self.pending = sorted({r for c in columns for r, t in c.texts.items() if t and c.covers(r)})

    def run(self, source: IO[bytes], out: IO[bytes]) -> bool:
        scanner = SheetRowScanner(source)
        head = scanner.head()
        out.write(self._head(head))
        self.head = head
        self._cell_open = b"<" + head.prefix + b"c"
        self._cell_tag = re.compile(b"<" + re.escape(head.prefix) + rb"c(?=[\s/>])" + _ATTRS + b">")
        next_pending = 0
        previous = 0
        for row in scanner.rows():
            number = row.number if row.number is not None else previous + 1
            if number <= previous:
                raise StreamUnsupported("rows out of order")
            while next_pending < len(self.pending) and self.pending[next_pending] < number:
                out.write(self._new_row(self.pending[next_pending]))
                next_pending += 1
            if next_pending < len(self.pending) and self.pending[next_pending] == number:
                next_pending += 1
            out.write(row.before)
            out.write(self._row(row, number))
            previous = number
        for number in self.pending[next_pending:]:
            out.write(self._new_row(number))
        for chunk in scanner.tail():
            out.write(chunk)
        return self.changed

    def _head(self, head: SheetHead) -> bytes:
        """The head with <dimension> covering every owned cell with text."""
        closing = b"</" + head.prefix + b"sheetData>" + head.root_end
        root = etree.fromstring(head.data + closing, PARSER)
        sheet_data = child(root, "sheetData")
        if sheet_data is None:
            raise StreamUnsupported("sheetData outside the spreadsheetml namespace")
        self.styles = column_styles(root)
        areas = [
            (rows[0], c.index, rows[-1], c.index)
            for c in self.columns
            if (rows := sorted(r for r, t in c.texts.items() if t and c.covers(r)))
        ]
        if not areas or _covers(child(root, "dimension"), areas):
            return head.data
        set_dimension(root, areas)
        self.changed = True
        sheet_data.text = _MARKER
        return serialise(root).split(_MARKER.encode())[0]

    def _row(self, row: SheetRow, number: int) -> bytes:
        covering = [c for c in self.columns if c.covers(number)]
        if not covering:
            return row.data
        if all(not c.text(number) for c in covering) and all(
            self._blank_or_absent(row.data, f"{c.letter}{number}") for c in covering
        ):
            return row.data
        root = etree.fromstring(self.head.wrap(row.data), PARSER)
        element = root[0]
        if element.get("r") is None:
            element.set("r", str(number))
        changed, _ = patch_row(element, number, covering, self.styles, self.removals)
        if not changed:
            return row.data
        self.changed = True
        return self.head.unwrap(etree.tostring(root, encoding="UTF-8", xml_declaration=False))

    def _blank_or_absent(self, data: bytes, ref: str) -> bool:
        """True when the cell ``ref`` surely holds nothing to clear (no parse needed)."""
        at = data.find(b' r="' + ref.encode() + b'"')
        if at >= 0:
            lt = data.rfind(b"<", 0, at)
            tag = self._cell_tag.match(data, lt)
            return (
                tag is not None
                and tag.end() > at
                and tag.group(0).endswith(b"/>")
                and _TYPE_ATTR.search(tag.group(0)) is None
            )
        # Absent only when every cell of the row names its position.
        for tag in self._cell_tag.finditer(data):
            found = _REF_ATTR.search(tag.group(0))
            if found is None or found.group(1).decode() == ref:
                return False
        return True

    def _new_row(self, number: int) -> bytes:
        prefix = self.head.prefix
        root = etree.fromstring(self.head.wrap(b'<%srow r="%d"/>' % (prefix, number)), PARSER)
        patch_row(root[0], number, self.columns, self.styles, self.removals)
        self.changed = True
        return self.head.unwrap(etree.tostring(root, encoding="UTF-8", xml_declaration=False))


def _covers(dimension: etree._Element | None, areas: list[tuple[int, int, int, int]]) -> bool:
    """True when an existing <dimension> already spans every area."""
    if dimension is None:
        return False
    try:
        top, left, bottom, right = split_range(dimension.get("ref", ""))
    except ValueError:
        return False
    return all(top <= a[0] and a[2] <= bottom and left <= a[1] <= right for a in areas)


# Tree path ------------------------------------------------------------------------


def _tree_columns(pkg: XlsxPackage, part: str, columns: list[_Column]) -> FormulaRemovals:
    removals = FormulaRemovals()
    root = pkg.xml(part)
    sheet_data = child(root, "sheetData")
    if sheet_data is None:
        return removals
    rows = index_rows(sheet_data)
    keys = sorted(rows)
    styles = column_styles(root)
    changed = False
    areas: list[tuple[int, int, int, int]] = []
    numbers = sorted({n for c in columns for n in range(c.first_row, c.last_row + 1)})
    for number in numbers:
        row = rows.get(number)
        if row is None:
            if not any(c.covers(number) and c.text(number) for c in columns):
                continue
            row = get_or_add_row(sheet_data, rows, number, keys)
        row_changed, created = patch_row(row, number, columns, styles, removals)
        changed |= row_changed
        areas.extend((number, col, number, col) for col in created)
    if removals.masters:
        removals.hand_on_masters(root)
    if areas:
        set_dimension(root, areas)
        changed = True
    if changed:
        pkg.touch(part)
    return removals


def _inline_text(cell: etree._Element) -> str | None:
    """The cell's text when it already is an inline string (so a re-run changes nothing)."""
    if cell.get("t") != "inlineStr" or cell.find(q("f")) is not None:
        return None
    parts = [t.text or "" for t in cell.iter(q("t"))]
    return "".join(parts)
