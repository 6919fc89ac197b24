"""python-calamine parses only bytes plan-xl verified, from a package built in memory.

The reader inflates and checks every part calamine needs (size budget, DTD,
cell count, grid extent; the CRC too, except for the head of the biggest
sheet, see the invariant in :mod:`plan_xl.workbook.reader`) before any of its
cells is parsed. Those verified bytes are put into a minimal uncompressed
package (workbook, relationships, shared strings, styles and the sheets) that
calamine opens from memory: it never re-reads the file, so a file swapped
after the checks cannot reach it, and it spends no time inflating again.

A big sheet may be cut in two at a row boundary (:mod:`plan_xl.workbook.read_split`)
and its halves parsed as two packages on two threads (calamine releases the
GIL while it parses); the grids are stitched back into the one grid a single
parse gives.
"""

from __future__ import annotations

import functools
import io
import os
import re
import struct
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import python_calamine as calamine

from plan_xl.workbook.inflate import crc32
from plan_xl.workbook.read_split import Half, Pieces, stitch
from plan_xl.workbook.safety import refuse

Grid = list[list[Any]]
Xml = bytes | Pieces | list[bytes]  # a part's text, whole or as pieces to be joined

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_STRINGS, _STYLES = "xl/sharedStrings.xml", "xl/styles.xml"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# calamine reads ``date1904`` from an unprefixed ``<workbookPr>``, "1" or "true".
_WORKBOOK_PR = re.compile(rb"<workbookPr(?=[\s/>])([^>]*)>")
_DATE1904 = re.compile(rb"""(?:^|\s)date1904\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Linux: packages go to calamine as sealed anonymous memory files.
_MEMFD = hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd")
if _MEMFD:
    import fcntl

    _SEALS = fcntl.F_SEAL_SEAL | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW | fcntl.F_SEAL_WRITE


def is_date1904(workbook_xml: bytes) -> bool:
    """Whether calamine reads the workbook's dates in the 1904 system (the last
    ``workbookPr`` decides, as in calamine)."""
    result = False
    for match in _WORKBOOK_PR.finditer(workbook_xml):
        found = _DATE1904.search(match.group(1))
        result = found is not None and b"".join(found.groups(b"")) in (b"1", b"true")
    return result


@dataclass(frozen=True)
class BookParts:
    """The verified workbook-level parts that change how calamine reads cell values."""

    strings: bytes | None = None
    styles: bytes | None = None
    date1904: bool = False

    @functools.cached_property
    def crcs(self) -> dict[str, int]:
        """CRC-32 of the shared parts by member name (computed once: every package has them)."""
        parts = {_STRINGS: self.strings, _STYLES: self.styles}
        return {name: crc32(data) for name, data in parts.items() if data is not None}


def package_chunks(parts: BookParts, sheets: Sequence[tuple[str, Xml]]) -> list[bytes | memoryview]:
    """A stored (uncompressed) xlsx package holding ``sheets`` (name, verified XML),
    as the pieces to write one after the other (no copy)."""
    return stored_zip_chunks(package_members(parts, sheets), parts.crcs)


def package_members(parts: BookParts, sheets: Sequence[tuple[str, Xml]]) -> list[tuple[str, Xml]]:
    """The members of :func:`package_chunks`'s package, in order."""
    overrides = [("/xl/workbook.xml", f"{_CT}.sheet.main+xml")]
    workbook_rels = []
    entries = []
    for i, (name, _) in enumerate(sheets, start=1):
        overrides.append((f"/xl/worksheets/sheet{i}.xml", f"{_CT}.worksheet+xml"))
        workbook_rels.append((f"rId{i}", "worksheet", f"worksheets/sheet{i}.xml"))
        entries.append(f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>')
    members: list[tuple[str, Xml]] = []
    if parts.strings is not None:
        overrides.append(("/xl/sharedStrings.xml", f"{_CT}.sharedStrings+xml"))
        workbook_rels.append(("rIdS", "sharedStrings", "sharedStrings.xml"))
        members.append((_STRINGS, parts.strings))
    if parts.styles is not None:
        overrides.append(("/xl/styles.xml", f"{_CT}.styles+xml"))
        workbook_rels.append(("rIdY", "styles", "styles.xml"))
        members.append((_STYLES, parts.styles))
    types = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
    content_types = (
        f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f"{types}</Types>"
    )
    root_rels = _relationships([("rId1", "officeDocument", "xl/workbook.xml")])
    workbook_pr = '<workbookPr date1904="1"/>' if parts.date1904 else ""
    workbook = (
        f'{_DECLARATION}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">{workbook_pr}'
        f"<sheets>{''.join(entries)}</sheets></workbook>"
    )
    members[:0] = [
        ("[Content_Types].xml", content_types.encode()),
        ("_rels/.rels", root_rels.encode()),
        ("xl/workbook.xml", workbook.encode()),
        ("xl/_rels/workbook.xml.rels", _relationships(workbook_rels).encode()),
    ]
    members += [(f"xl/worksheets/sheet{i}.xml", xml) for i, (_, xml) in enumerate(sheets, 1)]
    return members


def stored_zip(members: list[tuple[str, Xml]]) -> bytes:
    """A zip archive of uncompressed members, with one copy of their bytes."""
    return b"".join(stored_zip_chunks(members))


def stored_zip_chunks(
    members: list[tuple[str, Xml]], known: dict[str, int] | None = None
) -> list[bytes | memoryview]:
    """:func:`stored_zip` as the pieces to write one after the other (no copy);
    ``known`` gives the CRC of members already computed, by member name."""
    chunks: list[bytes | memoryview] = []
    directory: list[bytes] = []
    offset = 0
    for name, data in members:
        pieces = [data] if isinstance(data, bytes) else data
        encoded = name.encode("utf-8")
        crc = (known or {}).get(name)
        size = sum(map(len, pieces))
        if crc is None:
            crc = 0
            for piece in pieces:
                crc = crc32(piece, crc)
        flags = 0 if name.isascii() else 0x800  # UTF-8 names
        fields = struct.pack("<HHHHHIII", 20, flags, 0, 0, 0x21, crc, size, size)
        local = b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded
        directory.append(
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + fields
            + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, offset)
            + encoded
        )
        chunks += (local, *pieces)
        offset += len(local) + size
    central = b"".join(directory)
    end = b"PK\x05\x06" + struct.pack(
        "<HHHHIIH", 0, 0, len(members), len(members), len(central), offset, 0
    )
    return [*chunks, central, end]


def _relationships(rels: list[tuple[str, str, str]]) -> str:
    items = "".join(
        f'<Relationship Id="{rid}" Type="{_DOC_RELS}/{kind}" Target="{target}"/>'
        for rid, kind, target in rels
    )
    return f'{_DECLARATION}<Relationships xmlns="{_RELS}">{items}</Relationships>'


def _open_chunks(chunks: list[bytes | memoryview]) -> calamine.CalamineWorkbook:
    fd = _sealed_memory_file(chunks)
    if fd is None:  # no memfd here: calamine copies the package out of a BytesIO
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(b"".join(chunks)))
    try:
        return calamine.CalamineWorkbook.from_path(f"/proc/self/fd/{fd}")
    finally:
        os.close(fd)  # calamine holds its own descriptor of the file


def _sealed_memory_file(chunks: list[bytes | memoryview]) -> int | None:
    """An anonymous in-memory file holding the chunks, sealed against any change
    (Linux memfd), or None where there is none. calamine reads it through the
    page cache: no Python copy of the package and no second copy in calamine."""
    if not _MEMFD:
        return None
    try:
        fd = os.memfd_create("plan-xl-package", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
    except OSError:
        return None
    try:
        _write_all(fd, chunks)
        fcntl.fcntl(fd, fcntl.F_ADD_SEALS, _SEALS)
    except OSError:  # no room for it, or sealing refused: the BytesIO way instead
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


def _write_all(fd: int, chunks: list[bytes | memoryview]) -> None:
    """Write every chunk to ``fd`` with as few system calls (and GIL hand-overs) as may be."""
    views = [memoryview(chunk) for chunk in chunks if len(chunk)]
    while views:
        written = os.writev(fd, views[:1024])
        while views and written >= len(views[0]):
            written -= len(views.pop(0))
        if written:
            views[0] = views[0][written:]


def parse_sheets(parts: BookParts, sheets: Sequence[tuple[str, Xml]]) -> dict[str, Grid]:
    """Each sheet's grid from A1 to its last cell ('' where empty)."""
    return _parse_sheets(package_chunks(parts, sheets), [name for name, _ in sheets])


def _parse_sheets(chunks: list[bytes | memoryview], names: list[str]) -> dict[str, Grid]:
    book = _open_chunks(chunks)
    try:
        return {
            name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in names
        }
    finally:
        book.close()


def parse_half(parts: BookParts, name: str, xml: Xml, *, first: bool) -> Half:
    """One half of a cut sheet: its grid (from A1 for the first half, from its own
    first cell for the second) with calamine's start and end (0-based)."""
    return _parse_half(package_chunks(parts, [(name, xml)]), name, first=first)


def _parse_half(chunks: list[bytes | memoryview], name: str, *, first: bool) -> Half:
    book = _open_chunks(chunks)
    try:
        sheet = book.get_sheet_by_name(name)
        grid = sheet.to_python(skip_empty_area=not first)
        return Half(grid, sheet.start, sheet.end)
    finally:
        book.close()


class CalaminePool:
    """Parses verified sheets on two worker threads; :meth:`grids` collects them.

    A cut sheet's halves run at the same time; if their grids cannot be
    stitched exactly (rows out of order across the cut) or a half fails to
    parse, the whole sheet is parsed once more in one piece.
    """

    def __init__(self, path: Path, parts: BookParts, *, threads: bool = True) -> None:
        self.path, self.parts = path, parts
        self._pool: ThreadPoolExecutor | _Inline = (
            ThreadPoolExecutor(max_workers=2, thread_name_prefix="plan-xl-calamine")
            if threads
            else _Inline()
        )
        self._books: list[Future[dict[str, Grid]]] = []
        self._halves: dict[str, tuple[Xml, Future[Half], Future[Half]]] = {}
        self._heads: dict[str, Future[Half]] = {}

    def parse(self, sheets: list[tuple[str, bytes]]) -> None:
        """Parse these sheets (verified XML) together in one package."""
        if sheets:
            # Built here, not on the worker: there each step would wait for the GIL
            # while this thread scans the next sheet (measured: several ms).
            chunks = package_chunks(self.parts, sheets)
            names = [name for name, _ in sheets]
            self._books.append(self._pool.submit(_parse_sheets, chunks, names))

    def parse_cut(self, name: str, xml: bytes, head: Pieces, tail: Pieces) -> None:
        """Parse a verified sheet as its two halves ``head`` and ``tail`` at once."""
        self.parse_head(name, head)
        self.parse_tail(name, xml, tail)

    def parse_head(self, name: str, head: Pieces) -> None:
        """Start parsing the first half of a sheet whose rest is still being verified
        (the head passed every safety check; see :mod:`plan_xl.workbook.read_stream`)."""
        chunks = package_chunks(self.parts, [(name, head)])
        self._heads[name] = self._pool.submit(_parse_half, chunks, name, first=True)

    def parse_tail(self, name: str, xml: Xml, tail: Pieces) -> None:
        """Parse the second half of a sheet whose head :meth:`parse_head` got; ``xml``
        is the whole verified sheet (parsed whole if the halves do not stitch)."""
        chunks = package_chunks(self.parts, [(name, tail)])
        second = self._pool.submit(_parse_half, chunks, name, first=False)
        self._halves[name] = (xml, self._heads.pop(name), second)

    def drop_head(self, name: str) -> None:
        """Forget the head of a sheet that is parsed whole after all."""
        head = self._heads.pop(name, None)
        if head is not None:
            head.cancel()

    def grids(self) -> dict[str, Grid]:
        try:
            grids: dict[str, Grid] = {}
            for book in self._books:
                grids.update(book.result())
            for name, (xml, first, second) in self._halves.items():
                grids[name] = self._stitched(name, xml, first, second)
            return grids
        except calamine.PasswordError as exc:
            raise refuse("encrypted", "reader.encrypted", self.path) from exc
        except (calamine.CalamineError, ValueError, OSError) as exc:
            raise refuse("unreadable", "reader.corrupt_zip", self.path) from exc

    def _stitched(self, name: str, xml: Xml, first: Future[Half], second: Future[Half]) -> Grid:
        try:
            grid = stitch(first.result(), second.result())
        except (calamine.CalamineError, ValueError):
            grid = None  # a cut the halves do not survive: parse the sheet whole
        if grid is None:
            grid = parse_sheets(self.parts, [(name, xml)])[name]
        return grid

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _Inline:
    """Runs each task at once on the calling thread; its outcome waits in a
    Future as a worker's would (errors surface in :meth:`CalaminePool.grids`)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # kept for grids(), like a worker thread's
            future.set_exception(exc)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing runs in the background."""
