"""Read a plan workbook file (.xlsx / .xlsm) into raw tables, then plan data.

Fast path: python-calamine reads the cell values of only the sheets that hold
plan tables; table definitions come from the package XML, error cells and the
cell count from a byte scan of those sheets. Every file passes the safety
checks in :mod:`plan_xl.workbook.safety` before anything is parsed, and
calamine parses only the verified bytes, from an in-memory package
(:mod:`plan_xl.workbook.read_calamine`), never the file itself.

The invariant, precisely. Calamine is given a byte only after every safety
check holds for it: inflated within the uncompressed-size budget, no DOCTYPE /
ENTITY in its part's prolog, its cells counted within the cell limit and the
grid they span proven within the grid limit. For every part but the biggest
sheet the CRC is checked too before calamine sees it. The biggest sheet's
head (:mod:`plan_xl.workbook.read_stream`) may be parsed before that sheet's
CRC is known when the sheet is big enough to be inflated on a helper thread
while it is scanned (:data:`~plan_xl.workbook.safety.THREADED_INFLATE_BYTES`;
a smaller one is inflated, CRC included, before its first byte is scanned):
the CRC is an integrity check, not a safety check. It is checked when the
sheet has inflated, before any grid is collected; on a mismatch the file is
refused (``unreadable``, as before) and every grid of the read is thrown away
unused.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from itertools import accumulate
from os import PathLike
from pathlib import Path
from typing import Any

from plan_xl import contract as c
from plan_xl.core.assemble import assemble
from plan_xl.core.gcpause import paused_gc
from plan_xl.core.plan import PlanData, RawTable, RawWorkbook, split_range
from plan_xl.core.values import CellError
from plan_xl.errors import WorkbookReadError
from plan_xl.workbook.limits import DEFAULT_LIMITS, ReadLimits
from plan_xl.workbook.read_calamine import BookParts, CalaminePool, Xml, is_date1904
from plan_xl.workbook.read_cells import ErrorScan, count_cells, find_errors
from plan_xl.workbook.read_extent import (
    MIN_PLAIN_CELL_BYTES,
    EnvelopeScan,
    fits_envelope,
    grid_extent,
)
from plan_xl.workbook.read_package import PackageIndex, SheetPart, TablePart, index_package
from plan_xl.workbook.read_split import Pieces, cut_pieces
from plan_xl.workbook.read_stream import HeadCut, HeadCutter
from plan_xl.workbook.read_tables import Box, Grid, find_header_block, slice_table, table_box
from plan_xl.workbook.safety import (
    check_file,
    check_member_prolog,
    is_xml_part,
    joined_slice,
    open_package,
    read_member,
    read_member_blocks,
    read_member_scanned,
    refuse,
    take_probed,
)

Errors = dict[tuple[int, int], CellError]  # (row, column) -> error value of one sheet
# Sheets bigger than this are scanned chunk by chunk while they inflate.
STREAMED_SCAN_BYTES = 1 << 20
# The biggest sheet, if bigger than this, is parsed as two halves on two
# threads (when its cells all carry plain references).
SPLIT_SHEET_BYTES = 1 << 20
# Blocks a streamed sheet inflates in (about a twelfth of it, within these
# bounds: the head is handed over, and the tail follows the last block, sooner
# when the blocks are small), and where its head is cut (a fraction of its
# declared size): the head parses while the rest inflates, so it is the bigger half.
STREAM_BLOCK_BYTES = 1 << 20
MIN_STREAM_BLOCK_BYTES = 1 << 18
STREAM_BLOCKS = 12
HEAD_FRACTION = 0.55


def read_plan(path: str | PathLike[str], limits: ReadLimits | None = None) -> PlanData:
    """Read a workbook file into plan data (structure problems land in ``plan.structure``)."""
    with paused_gc():
        return assemble(read_workbook(path, limits))


def read_workbook(path: str | PathLike[str], limits: ReadLimits | None = None) -> RawWorkbook:
    """Read the contract tables of a workbook file as raw values.

    Raises :class:`WorkbookReadError` with status ``unreadable``, ``encrypted``,
    ``too_large`` or ``not_plan_workbook``.
    """
    with paused_gc():
        return _read_workbook(Path(path), limits or DEFAULT_LIMITS)


def _read_workbook(file: Path, limits: ReadLimits) -> RawWorkbook:
    check_file(file, limits)
    with open_package(file, limits) as zf:
        reader = _PartReader(zf, file, limits)
        for info in zf.infolist():
            if is_xml_part(info.filename):
                # A short part's probe is its whole text: kept, not inflated again.
                whole = check_member_prolog(zf, info.filename, file, limits)
                reader.probed(info.filename, whole)
        index = index_package(zf, file, reader.read)
        declared = _contract_tables(index)
        sheets = _sheets_to_read(index, declared)
        if not sheets:
            raise _not_plan(file)
        parts = _book_parts(reader, index)
        # Threads pay only when the biggest sheet is cut in halves that parse side
        # by side; for a small workbook they cost ~6 % more CPU than parsing in turn
        # (measured on 60 workbooks of 500 lines: docs/performance.md, round 3).
        biggest = max(reader.sizes.get(sheet.part, 0) for sheet in sheets)
        pool = CalaminePool(file, parts, threads=biggest >= SPLIT_SHEET_BYTES)
        try:
            errors = _verify_and_parse(reader, sheets, pool)
            grids = pool.grids()
        finally:
            pool.close()
    tables = _raw_tables(index, declared, grids, errors)
    if not tables:
        raise _not_plan(file)
    return RawWorkbook(source=str(file), sheet_names=index.sheet_names, tables=tables)


def _book_parts(reader: _PartReader, index: PackageIndex) -> BookParts:
    """The verified workbook-level parts calamine needs (size, CRC, DTD checked)."""
    for part in index.shared_parts:
        reader.read(part)
    return BookParts(
        strings=reader.verified(index.strings_part),
        styles=reader.verified(index.styles_part),
        date1904=is_date1904(reader.verified(index.workbook_part) or b""),
    )


def _verify_and_parse(
    reader: _PartReader,
    sheets: list[SheetPart],
    pool: CalaminePool,
) -> dict[str, Errors]:
    """Verify each sheet, then hand its verified bytes to calamine; scan error cells meanwhile.

    A sheet goes to calamine only after its XML was inflated here within the
    size budget, its CRC and prolog checked and its cells counted; calamine
    parses it on a worker thread (it releases the GIL) while the next sheet is
    verified and the error cells of the verified ones are searched. The other
    sheets share one package (calamine parses the shared strings once per
    package), parsed while the biggest is verified; the biggest, if its cells
    all carry a plain reference, is cut in two halves parsed at the same time.
    Its head goes to calamine as soon as it passed the safety checks (before
    the CRC; see the module doc), its tail once the whole sheet is verified.
    """
    verified: list[tuple[str, Xml]] = []
    others: list[tuple[str, bytes]] = []
    ordered = sorted(sheets, key=lambda s: reader.sizes.get(s.part, 0))  # small ones first
    for sheet in ordered:
        biggest = sheet is ordered[-1]
        head = None
        if biggest:
            pool.parse(others)  # the others parse while the biggest one is verified
            xml, plain, head = reader.verify_streamed(sheet, pool)
        else:
            xml, plain = reader.verify(sheet)
        if head is not None:
            tail = _tail(xml, head) if plain else None
            if tail is not None:
                pool.parse_tail(sheet.name, xml, tail)
                verified.append((sheet.name, xml))
                continue
            pool.drop_head(sheet.name)
        if not isinstance(xml, bytes):
            xml = b"".join(xml)  # the blocks of a sheet not cut where its head was
        halves = cut_pieces(xml) if biggest and plain and len(xml) >= SPLIT_SHEET_BYTES else None
        if halves is not None:
            pool.parse_cut(sheet.name, xml, *halves)
            del halves
        elif biggest:
            pool.parse([(sheet.name, xml)])
        else:
            others.append((sheet.name, xml))
        verified.append((sheet.name, xml))
    errors: dict[str, Errors] = {}
    while verified:
        name, xml = verified.pop()  # the big sheet first, then free its bytes
        errors[name] = _errors(xml)
        del xml
    return errors


def _errors(xml: Xml) -> Errors:
    """The error cells of a verified sheet, whole or as its inflated blocks."""
    if isinstance(xml, bytes):
        return find_errors(xml)
    scan = ErrorScan()
    for block in xml:
        scan.feed(bytes(block))
    return scan.finish(lambda: b"".join(xml))


def _tail(xml: Xml, head: HeadCut) -> Pieces | None:
    """The second half of a sheet whose head went to calamine early: the text
    before its rows and every row after the cut (None if the whole sheet does
    not have the shape the head was cut from). ``xml`` is the sheet's text or
    its inflated blocks (the first holds the head's start, as it was cut from it)."""
    rows_from, cut = head
    blocks = [xml] if isinstance(xml, bytes) else [bytes(b) for b in xml]
    if blocks[0].find(b"<sheetData>") + len(b"<sheetData>") != rows_from:
        return None
    if _last_at(blocks, b"</sheetData>") < cut or joined_slice(blocks, cut, 4) != b"<row":
        return None
    pieces = [memoryview(blocks[0])[:rows_from]]
    start = 0
    for block in blocks:
        end = start + len(block)
        if end > cut:
            pieces.append(memoryview(block)[max(cut - start, 0) :])
        start = end
    return pieces


def _last_at(blocks: list[bytes], text: bytes) -> int:
    """Where ``text`` last occurs in the joined blocks (-1: nowhere)."""
    ends = list(accumulate(map(len, blocks)))
    after = b""  # the first bytes of the text after block i (as many as a seam needs)
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if after:  # an occurrence starting in block i and ending after it
            end = block[-(len(text) - 1) :] if len(text) > 1 else b""
            at = (end + after).rfind(text)
            if at >= 0:
                return ends[i] - len(end) + at
        at = block.rfind(text)
        if at >= 0:
            return ends[i] - len(block) + at
        after = (block + after)[: len(text) - 1]
    return -1


class _PartReader:
    """Reads zip members within the file's uncompressed-size budget."""

    def __init__(self, zf: zipfile.ZipFile, path: Path, limits: ReadLimits) -> None:
        self.zf, self.path, self.limits = zf, path, limits
        self.left = limits.max_uncompressed_bytes
        self.sizes = {info.filename: info.file_size for info in zf.infolist()}
        self._small: dict[str, bytes] = {}  # parts read whole (workbook, rels, shared)
        self._probed: dict[str, bytes] = {}  # whole texts the prolog check read

    def probed(self, member: str, whole: bytes | None) -> None:
        """Keep what :func:`check_member_prolog` returned for ``member`` (its whole
        text, or None); a later read of it takes these bytes instead of inflating
        the member again (zipfile opens the last entry of a repeated name)."""
        if whole is None:
            self._probed.pop(member, None)
        else:
            self._probed[member] = whole

    def read(self, member: str) -> bytes:
        data = self._inflated(member)
        self.left -= len(data)
        self._small[member] = data
        return data

    def _inflated(self, member: str) -> bytes:
        """A member's text as :func:`read_member` gives it within what is left of the
        budget (not charged here)."""
        probed = self._probed.get(member)
        if probed is not None:
            return take_probed(probed, self.path, self.left)
        return read_member(self.zf, member, self.path, self.left, limits=self.limits)

    def verified(self, member: str | None) -> bytes | None:
        """The bytes of a part :meth:`read` returned (None if it was not read)."""
        return None if member is None else self._small.get(member)

    def verify(self, sheet: SheetPart) -> tuple[bytes, bool]:
        """A sheet's XML, read within budget (size, CRC, DTD), with its cells counted
        and the grid calamine would build for it measured; and whether every cell
        tag is a plain ``<c r="A1" ...>`` (calamine places each by its reference)."""
        scan = EnvelopeScan(self.limits.max_grid_cells)
        if self.sizes.get(sheet.part, 0) >= STREAMED_SCAN_BYTES:
            xml = self._read_scanned(sheet, scan.feed)
        else:
            xml = self._inflated(sheet.part)
            scan.feed(xml)
        return xml, self._checked(sheet, xml, scan)

    def verify_streamed(
        self, sheet: SheetPart, pool: CalaminePool
    ) -> tuple[Xml, bool, HeadCut | None]:
        """:meth:`verify`, handing the sheet's head to ``pool`` as soon as it passed
        the safety checks (big sheets only; see :mod:`plan_xl.workbook.read_stream`),
        and where it was cut (None: no head was handed over). When the head went and
        the checks hold without the whole text, the sheet comes as its inflated
        blocks, not joined (its tail is handed over sooner)."""
        declared = self.sizes.get(sheet.part, 0)
        if declared < max(STREAMED_SCAN_BYTES, SPLIT_SHEET_BYTES):
            return (*self.verify(sheet), None)
        cutter = HeadCutter(
            EnvelopeScan(self.limits.max_grid_cells),
            lambda head: pool.parse_head(sheet.name, head),
            target=int(declared * HEAD_FRACTION),
            budget=self.left,
            limits=self.limits,
            path=self.path,
            part=sheet.part,
        )
        blocks = read_member_blocks(
            self.zf,
            sheet.part,
            self.path,
            self.left,
            cutter,
            limits=self.limits,
            chunk_bytes=_block_bytes(declared),
        )
        cutter.release()
        size = sum(map(len, blocks))
        if (
            cutter.cut is not None
            and cutter.scan.finish()
            and size < MIN_PLAIN_CELL_BYTES * self.limits.max_cells
        ):
            # Plain cells all in the box, and too few bytes for more cells than
            # the limit: every check of :meth:`_checked` holds without the text.
            self.left -= size
            return blocks, True, cutter.cut
        xml = b"".join(blocks)
        del blocks
        return xml, self._checked(sheet, xml, cutter.scan), cutter.cut

    def _read_scanned(self, sheet: SheetPart, on_block: Callable[[bytes], None]) -> bytes:
        return read_member_scanned(
            self.zf,
            sheet.part,
            self.path,
            self.left,
            on_block,
            limits=self.limits,
            chunk_bytes=_block_bytes(self.sizes.get(sheet.part, 0)),
        )

    def _checked(self, sheet: SheetPart, xml: bytes, scan: EnvelopeScan) -> bool:
        """Charge the sheet to the budget, count its cells and measure its grid
        (refusing it beyond the limits); whether every cell tag is plain."""
        limits = self.limits
        self.left -= len(xml)
        plain = scan.finish() or fits_envelope(xml, limits.max_grid_cells)
        cells = count_cells(xml, limits.max_cells, MIN_PLAIN_CELL_BYTES if plain else 4)
        if cells > limits.max_cells:
            raise refuse(
                "too_large",
                "reader.too_large_cells",
                self.path,
                sheet=sheet.name,
                cells=cells,
                limit=limits.max_cells,
            )
        if not plain:  # unusual cell tags: walk them all (bounded by the count above)
            extent = grid_extent(xml)
            if extent.cells > limits.max_grid_cells:
                raise refuse(
                    "too_large",
                    "reader.too_large_grid",
                    self.path,
                    sheet=sheet.name,
                    corner=extent.corner,
                    cells=extent.cells,
                    limit=limits.max_grid_cells,
                )
        return plain


def _block_bytes(declared: int) -> int:
    """The block size a sheet of ``declared`` bytes is inflated in."""
    return min(STREAM_BLOCK_BYTES, max(MIN_STREAM_BLOCK_BYTES, declared // STREAM_BLOCKS))


def _not_plan(path: Path) -> WorkbookReadError:
    names = ", ".join(t.name for t in c.INPUT_TABLES)
    return refuse("not_plan_workbook", "reader.not_plan_workbook", path, tables=names)


def _contract_tables(index: PackageIndex) -> dict[str, TablePart]:
    """Contract table name -> declared table (Excel table names are case-insensitive)."""
    by_name = {t.name.casefold(): t for t in index.tables}
    found: dict[str, TablePart] = {}
    for spec in c.TABLES:
        part = by_name.get(spec.name.casefold())
        if part is not None:
            found[spec.name] = part
    return found


def _sheets_to_read(index: PackageIndex, declared: dict[str, TablePart]) -> list[SheetPart]:
    """Sheets holding a contract table, plus the expected sheet of each missing one."""
    wanted = {part.sheet.casefold() for name, part in declared.items() if name != c.TBL_CHECKS}
    wanted |= {s.sheet.casefold() for s in c.INPUT_TABLES if s.name not in declared}
    return [sheet for sheet in index.sheets if sheet.name.casefold() in wanted]


def _raw_tables(
    index: PackageIndex,
    declared: dict[str, TablePart],
    grids: dict[str, Grid],
    errors: dict[str, Errors],
) -> dict[str, RawTable]:
    boxes: dict[str, list[Box]] = {}
    for declared_part in index.tables:
        boxes.setdefault(declared_part.sheet, []).append(split_range(declared_part.ref))
    tables: dict[str, RawTable] = {}
    for spec in c.INPUT_TABLES:
        part = declared.get(spec.name)
        if part is not None:
            grid = grids[part.sheet]
            others = [b for b in boxes[part.sheet] if b != split_range(part.ref)]
            box, header = table_box(part, grid, others)
            sheet = part.sheet
        else:
            sheet_part = index.sheet(spec.sheet)
            if sheet_part is None or sheet_part.name not in grids:
                continue
            sheet = sheet_part.name
            grid = grids[sheet]
            found = find_header_block(grid, spec, boxes.get(sheet, []))
            if found is None:
                continue
            boxes.setdefault(sheet, []).append(found)
            box, header = found, _header_values(grid, found)
        tables[spec.name] = slice_table(
            spec.name, sheet, grid, box, header=header, errors=errors[sheet]
        )
    return tables


def _header_values(grid: Grid, box: Box) -> list[Any]:
    row = grid[box[0] - 1]
    return [row[i] if i < len(row) and row[i] != "" else None for i in range(box[1] - 1, box[3])]
