"""python-calamine reads the verified bytes from an in-memory package: the grids
equal calamine reading the file itself; a big sheet cut in two and stitched
back equals one parse of the whole sheet."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import python_calamine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from plan_xl.errors import WorkbookReadError
from plan_xl.workbook import reader as reader_module
from plan_xl.workbook.read_calamine import (
    BookParts,
    CalaminePool,
    is_date1904,
    parse_half,
    parse_sheets,
    stored_zip,
)
from plan_xl.workbook.read_package import index_package
from plan_xl.workbook.read_split import cut_sheet, stitch
from plan_xl.workbook.reader import read_workbook
from tests.workbook.conftest import Sheets

Write = Callable[..., Path]
Grid = list[list[Any]]


def _via_package(path: Path) -> dict[str, Grid]:
    """Every sheet of a file parsed the way the reader does: from its parts."""
    with zipfile.ZipFile(path) as zf:
        index = index_package(zf, path, zf.read)
        parts = BookParts(
            strings=zf.read(index.strings_part) if index.strings_part else None,
            styles=zf.read(index.styles_part) if index.styles_part else None,
            date1904=is_date1904(zf.read(index.workbook_part)),
        )
        sheets = [(s.name, zf.read(s.part)) for s in index.sheets]
    return parse_sheets(parts, sheets)


def _from_file(path: Path) -> dict[str, Grid]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names}


def _typed(grids: dict[str, Grid]) -> dict[str, list[list[tuple[type, Any]]]]:
    return {n: [[(type(v), v) for v in row] for row in g] for n, g in grids.items()}


def _values_workbook(path: Path, *, date1904: bool) -> Path:
    wb = Workbook()
    if date1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Waarden & <co>"
    ws["A1"] = dt.date(2026, 3, 1)
    ws["B1"] = dt.datetime(2027, 12, 31, 13, 30)
    ws["C1"] = dt.time(8, 15)
    ws["A2"] = 12.5
    ws["B2"] = 7
    ws["C2"] = True
    ws["D2"] = "=1/0"
    ws["A3"] = CellRichText(["vet ", TextBlock(InlineFont(b=True), "deel"), " eind"])
    ws["B3"] = "Één keer — “aanhalingstekens” & <tags>"
    ws["E9"] = "ver weg"
    ws.cell(row=4, column=1).number_format = "0.00%"
    ws["A4"] = 0.25
    wb.save(path)
    return path


def _with_inline_string(path: Path) -> Path:
    """The same file with one cell rewritten as an inline string (openpyxl writes
    shared strings only)."""
    target = path.with_name("inline-" + path.name)
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</sheetData>",
                    b'<row r="12"><c r="B12" t="inlineStr"><is><t>in de cel</t></is></c></row>'
                    b"</sheetData>",
                )
            zout.writestr(info, data)
    return target


@pytest.mark.parametrize("date1904", [False, True])
def test_grids_from_the_verified_parts_equal_calamine_on_the_file(
    tmp_path: Path, date1904: bool
) -> None:
    path = _with_inline_string(_values_workbook(tmp_path / "waarden.xlsx", date1904=date1904))
    expected = _from_file(path)
    assert _typed(_via_package(path)) == _typed(expected)
    first = expected["Waarden & <co>"]
    assert first[0][0] == dt.date(2026, 3, 1) or first[0][0] == dt.datetime(2026, 3, 1)
    assert first[2][0] == "vet deel eind" and first[11][1] == "in de cel"


def test_plan_workbook_grids_equal_calamine_on_the_file(sheets: Sheets, write: Write) -> None:
    path = write(sheets)
    assert _typed(_via_package(path)) == _typed(_from_file(path))


@pytest.mark.libreoffice
def test_example_and_libreoffice_resave_grids_equal_calamine_on_the_file(
    tmp_path: Path, soffice: str
) -> None:
    from plan_xl.template import build_workbook
    from tests.support.libreoffice import convert

    built = build_workbook(tmp_path / "voorbeeld.xlsx", example=True)
    resaved = convert(built, "xlsx:Calc MS Excel 2007 XML", tmp_path / "resaved")
    for path in (built, resaved):
        assert _typed(_via_package(path)) == _typed(_from_file(path))


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        (b'<workbook><workbookPr date1904="1"/></workbook>', True),
        (b"<workbook><workbookPr date1904='true' codeName='x'/></workbook>", True),
        (b'<workbook><workbookPr date1904="0"/></workbook>', False),
        (b'<workbook><workbookPr date1904="false"/></workbook>', False),
        (b"<workbook><workbookPr/></workbook>", False),
        (b'<workbook><workbookPrX date1904="1"/></workbook>', False),
        (b"<workbook/>", False),
    ],
)
def test_the_1904_date_system_is_read_like_calamine(xml: bytes, expected: bool) -> None:
    assert is_date1904(xml) is expected


def test_the_stored_package_is_a_valid_zip_for_an_independent_reader() -> None:
    members = [("a/één.xml", "é".encode() * 3), ("b.bin", bytes(range(256)) * 40), ("c", b"")]
    with zipfile.ZipFile(io.BytesIO(stored_zip(members))) as zf:
        assert zf.testzip() is None
        assert [(i.filename, zf.read(i)) for i in zf.infolist()] == members


def test_a_member_given_in_pieces_is_stored_as_their_concatenation() -> None:
    text = memoryview(b"<a>" + b"x" * 5000 + b"</a>")
    archive = stored_zip([("p.xml", [text[:3], text[3:4000], text[4000:]]), ("q", b"q")])
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        assert zf.testzip() is None
        assert zf.read("p.xml") == bytes(text) and zf.read("q") == b"q"


def test_a_plan_read_with_its_biggest_sheet_cut_in_two_equals_the_uncut_read(
    sheets: Sheets, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(sheets)
    whole = read_workbook(path)
    monkeypatch.setattr(reader_module, "SPLIT_SHEET_BYTES", 1)
    monkeypatch.setattr(reader_module, "STREAMED_SCAN_BYTES", 1)
    cut = read_workbook(path)
    assert whole == cut


# Generated sheets ----------------------------------------------------------------

_STRINGS = ["nul", "één", "twee & drie", "<vier>"]
_SST = (
    '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main">'
    + "".join(
        f"<si><t>{s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</t></si>"
        for s in _STRINGS
    )
    + "</sst>"
).encode()
_STYLES = (
    b'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/>'
    b"</cellXfs></styleSheet>"
)
_PARTS = BookParts(strings=_SST, styles=_STYLES)


def _letters(col: int) -> str:
    text = ""
    while col:
        col, rem = divmod(col - 1, 26)
        text = chr(65 + rem) + text
    return text


_cell_value = st.one_of(
    st.integers(-(10**6), 10**6).map(lambda n: f"<v>{n}</v>"),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(lambda f: f"<v>{f!r}</v>"),
    st.sampled_from(range(len(_STRINGS))).map(lambda i: f' t="s"|<v>{i}</v>'),
    st.sampled_from(["x", "a b", "&amp;"]).map(lambda s: f' t="inlineStr"|<is><t>{s}</t></is>'),
    st.sampled_from(["0", "1"]).map(lambda b: f' t="b"|<v>{b}</v>'),
    st.sampled_from(["#N/A", "#REF!", "#DIV/0!"]).map(lambda e: f' t="e"|<v>{e}</v>'),
    st.integers(1, 60000).map(lambda d: f' s="1"|<v>{d}</v>'),
    st.just(' s="1"|'),  # a styled empty cell
)


@st.composite
def _sheet_xml(draw: st.DrawFn) -> bytes:
    """Rows in ascending order (as Excel requires), with gaps, empty rows and
    cells in any columns, every cell with its reference."""
    row_numbers = sorted(draw(st.sets(st.integers(1, 60), min_size=1, max_size=25)))
    rows = []
    for r in row_numbers:
        columns = sorted(draw(st.sets(st.integers(1, 30), max_size=6)))
        cells = []
        for col in columns:
            spec = draw(_cell_value)
            attrs, _, body = spec.rpartition("|") if "|" in spec else ("", "", spec)
            ref = f"{_letters(col)}{r}"
            cells.append(
                f'<c r="{ref}"{attrs}/>' if not body else f'<c r="{ref}"{attrs}>{body}</c>'
            )
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
        'org/spreadsheetml/2006/main"><dimension ref="A1:B2"/><sheetData>'
        + "".join(rows)
        + '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>'
    ).encode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(xml=_sheet_xml(), at=st.floats(0.0, 1.0))
def test_a_sheet_cut_in_two_and_stitched_equals_one_parse(xml: bytes, at: float) -> None:
    whole = parse_sheets(_PARTS, [("S", xml)])["S"]
    halves = cut_sheet(xml, at)
    if halves is None:  # no row boundary after the cut point: only the last row is left
        rows_from, close_at = xml.index(b"<sheetData>") + 11, xml.index(b"</sheetData>")
        middle = rows_from + int((close_at - rows_from) * at)
        assert b"</row><row" not in xml[middle:]
        return
    head, tail = halves
    assert head.count(b"<row ") + tail.count(b"<row ") == xml.count(b"<row ")
    first = parse_half(_PARTS, "S", head, first=True)
    second = parse_half(_PARTS, "S", tail, first=False)
    stitched = stitch(first, second)
    assert stitched is not None
    assert [[(type(v), v) for v in row] for row in stitched] == [
        [(type(v), v) for v in row] for row in whole
    ]


def test_halves_whose_rows_overlap_are_not_stitched() -> None:
    def sheet(rows: str) -> bytes:
        return (
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{rows}</sheetData></worksheet>"
        ).encode()

    first = parse_half(_PARTS, "S", sheet('<row r="5"><c r="A5"><v>1</v></c></row>'), first=True)
    second = parse_half(_PARTS, "S", sheet('<row r="3"><c r="B3"><v>2</v></c></row>'), first=False)
    assert stitch(first, second) is None


def test_the_pool_parses_a_sheet_whole_when_its_halves_overlap(tmp_path: Path) -> None:

    rows = [
        '<row r="5"><c r="A5"><v>1</v></c></row>',
        '<row r="3"><c r="B3"><v>2</v></c></row>',  # out of order: the halves overlap
        '<row r="9"><c r="C9" t="inlineStr"><is><t>negen</t></is></c></row>',
    ]
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    ).encode()
    view = memoryview(xml)
    cut = xml.index(rows[1].encode())
    data = xml.index(b"<row")
    end = xml.index(b"</sheetData>")
    pool = CalaminePool(tmp_path / "x.xlsx", _PARTS)
    try:
        pool.parse_cut("S", xml, [view[:cut], view[end:]], [view[:data], view[cut:]])
        grids = pool.grids()
    finally:
        pool.close()
    assert grids["S"] == parse_sheets(_PARTS, [("S", xml)])["S"]


def test_the_package_file_calamine_opens_holds_the_stored_zip_and_cannot_change() -> None:
    from plan_xl.workbook import read_calamine

    if not read_calamine._MEMFD:
        pytest.skip("no memfd on this platform")
    xml = _SST.replace(b"<sst", b"<x").replace(b"</sst>", b"</x>")
    members = [("a.xml", [memoryview(xml)[:10], memoryview(xml)[10:]]), ("b", b"b")]
    fd = read_calamine._sealed_memory_file(read_calamine.stored_zip_chunks(members))
    assert fd is not None
    try:
        with open(f"/proc/self/fd/{fd}", "rb") as fh:
            assert fh.read() == stored_zip(members)
        with pytest.raises(PermissionError):
            os.write(fd, b"x")
        with pytest.raises(PermissionError):
            os.ftruncate(fd, 1)
    finally:
        os.close(fd)


def test_grids_are_the_same_without_a_memory_file(
    sheets: Sheets, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plan_xl.workbook import read_calamine

    path = write(sheets)
    with_file = _via_package(path)
    monkeypatch.setattr(read_calamine, "_MEMFD", False)
    assert _typed(_via_package(path)) == _typed(with_file) == _typed(_from_file(path))


def test_a_memory_file_that_cannot_be_filled_falls_back_to_memory(
    sheets: Sheets, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No room for the package (ENOSPC/ENOMEM, e.g. under a batch worker's
    memory cap): the read goes the BytesIO way instead of refusing the file."""
    import errno

    from plan_xl.workbook import read_calamine

    path = write(sheets)
    expected = _typed(_from_file(path))
    failed: list[int] = []

    def full_on_memfd(real: Any) -> Any:
        def write(fd: int, data: Any) -> int:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("/memfd:plan-xl-package"):
                failed.append(fd)
                raise OSError(errno.ENOSPC, "no space left")
            return int(real(fd, data))

        return write

    for name in ("write", "writev"):  # whichever the package is written with
        monkeypatch.setattr(read_calamine.os, name, full_on_memfd(getattr(os, name)))
    assert _typed(_via_package(path)) == expected
    assert failed or not read_calamine._MEMFD


@pytest.mark.parametrize("threads", [True, False])
def test_a_pool_without_threads_gives_the_same_grids_and_the_same_late_refusal(
    tmp_path: Path, threads: bool
) -> None:
    """Small workbooks parse on the calling thread (threads=False); the grids
    are those a worker thread gives, and a sheet calamine cannot parse is
    refused when the grids are collected, not when it is handed over."""
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 6))
    good = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()
    pool = CalaminePool(tmp_path / "x.xlsx", _PARTS, threads=threads)
    try:
        pool.parse([("S", good), ("T", good)])
        assert pool.grids() == parse_sheets(_PARTS, [("S", good), ("T", good)])
    finally:
        pool.close()
    broken = good.replace(b"</sheetData>", b"</sheetDat")
    pool = CalaminePool(tmp_path / "x.xlsx", _PARTS, threads=threads)
    try:
        pool.parse([("S", broken)])  # no refusal yet
        with pytest.raises(WorkbookReadError) as refused:
            pool.grids()
    finally:
        pool.close()
    assert refused.value.status == "unreadable"
