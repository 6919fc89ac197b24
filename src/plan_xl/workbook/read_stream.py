"""The head of the biggest sheet goes to calamine while the rest still inflates.

The biggest sheet is read in blocks (:func:`plan_xl.workbook.safety.read_member_scanned`)
and is cut in two at a row boundary (:mod:`plan_xl.workbook.read_split`). Its
first half need not wait for the rest: :class:`HeadCutter` watches the blocks
and, once they reach the cut point, hands the head over, but only after these
safety checks hold for every byte in it:

- it was inflated within the file's uncompressed-size budget;
- the part's prolog (in the first block) declares no DOCTYPE / ENTITY;
- every cell tag in it is a plain ``<c r="A1" ...>`` inside the grid box the
  envelope scan proved (:class:`plan_xl.workbook.read_extent.EnvelopeScan`),
  so the grid calamine builds for it is within the grid limit;
- it is too short to hold more cells than the cell limit (a plain cell takes
  at least :data:`~plan_xl.workbook.read_extent.MIN_PLAIN_CELL_BYTES` bytes).

The member's CRC may not be known yet then (a sheet inflated on a helper
thread while it is scanned): zipfile checks it when the last block inflates.
The CRC is an integrity check, not a safety check; the reader
throws every grid away and refuses the file when it fails (see
:mod:`plan_xl.workbook.reader`).

The head is the sheet's text up to the cut, closed by ``</sheetData>`` and
the root's end tag (calamine reads cell values from ``<sheetData>`` only).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from plan_xl.errors import WorkbookReadError
from plan_xl.workbook.limits import ReadLimits
from plan_xl.workbook.read_extent import MIN_PLAIN_CELL_BYTES, EnvelopeScan
from plan_xl.workbook.read_split import Pieces
from plan_xl.workbook.safety import check_xml_prolog

_SHEET_DATA = b"<sheetData>"
_ROW_START = b"<row"
_ROW_END = b"</row>"
_BOUNDARY = _ROW_END + _ROW_START
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s>]")


class HeadCut(NamedTuple):
    """Where the head was cut: its rows start at ``rows_from`` and end at ``cut``
    (offsets in the sheet's text)."""

    rows_from: int
    cut: int


class HeadCutter:
    """The block callback of the biggest sheet's streamed read (see the module doc).

    Each block goes through the envelope ``scan`` first. Once the blocks read
    pass ``target`` bytes, the first ``</row><row`` from there on is the cut:
    if every check holds up to it, ``hand_off`` gets the head as pieces
    (views of the blocks, no copy) and :attr:`cut` tells where it was cut.
    """

    def __init__(
        self,
        scan: EnvelopeScan,
        hand_off: Callable[[Pieces], None],
        *,
        target: int,
        budget: int,
        limits: ReadLimits,
        path: Path,
        part: str,
    ) -> None:
        self.scan = scan
        self.cut: HeadCut | None = None
        self._hand_off: Callable[[Pieces], None] | None = hand_off
        self._target, self._budget, self._limits = target, budget, limits
        self._path, self._part = path, part
        self._blocks: list[bytes] = []
        self._size = 0

    def __call__(self, block: bytes) -> None:
        self.scan.feed(block)
        start = self._size
        self._blocks.append(block)
        self._size += len(block)
        if self._hand_off is not None and self._size > self._target:
            self._try_cut(start, max(0, self._target - start))

    def release(self) -> None:
        """Drop the blocks (the caller holds the joined text by now)."""
        self._blocks = []
        self._hand_off = None

    def _try_cut(self, start: int, search_from: int) -> None:
        block = self._blocks[-1]
        at = block.find(_BOUNDARY, search_from)
        if at < 0:
            return  # no row boundary in this block: try the next one
        cut = start + at + len(_ROW_END)
        head_start = self._head_start()
        if head_start is None or not self._may_cut(cut):
            self._hand_off = None  # this sheet waits until it is whole
            return
        rows_from, closing = head_start
        if cut <= rows_from or self.scan.checked < cut:
            return  # try again at the next block
        hand_off, self._hand_off = self._hand_off, None
        assert hand_off is not None
        pieces = [memoryview(b) for b in self._blocks[:-1]]
        pieces += [memoryview(block)[: at + len(_ROW_END)], memoryview(closing)]
        self.cut = HeadCut(rows_from, cut)
        hand_off(pieces)

    def _head_start(self) -> tuple[int, bytes] | None:
        """Where the rows start in the first block, and the text that closes the
        head; None if the first block does not show a clean prolog and a plain
        ``<sheetData>`` followed by a row."""
        first = self._blocks[0]
        if len(first) <= self._limits.max_prolog_bytes:
            return None  # the prolog check needs its whole window
        try:
            check_xml_prolog(first, self._part, self._path, self._limits)
        except WorkbookReadError:
            return None  # refused when the member is whole
        open_at = first.find(_SHEET_DATA)
        if open_at < 0:
            return None
        rows_from = open_at + len(_SHEET_DATA)
        root = _ROOT.search(first, 0, open_at)
        if root is None or not first.startswith(_ROW_START, rows_from):
            return None
        prefix = root.group(1) or b""
        return rows_from, b"</sheetData></" + prefix + b"worksheet>"

    def _may_cut(self, cut: int) -> bool:
        """The budget, the cell limit and (so far) the envelope hold for a head
        of ``cut`` bytes; the envelope scan must also have reached ``cut``."""
        return (
            self._size <= self._budget
            and self.scan.plain
            and cut < MIN_PLAIN_CELL_BYTES * self._limits.max_cells
        )
