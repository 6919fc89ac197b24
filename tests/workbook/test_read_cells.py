"""Error cells found by the byte scan of a worksheet part (hand-computed expectations)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.core.values import CellError
from plan_xl.workbook.read_cells import ErrorScan, find_errors

_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_TAIL = b"</sheetData></worksheet>"


def _sheet(rows: bytes) -> bytes:
    return _HEAD + rows + _TAIL


def test_error_cells_are_found_with_their_value_and_place() -> None:
    xml = _sheet(
        b'<row r="2"><c r="A2" t="e"><v>#REF!</v></c><c r="B2" s="1"><v>3</v></c></row>'
        b'<row r="7"><c r="AB7" s="2" t="e"><v> #div/0! </v></c><c r="AC7" t="e"/></row>'
    )
    assert find_errors(xml) == {
        (2, 1): CellError("#REF!"),
        (7, 28): CellError("#DIV/0!"),
        (7, 29): CellError("#N/A"),
    }


def test_error_marker_in_cell_text_is_not_an_error_cell() -> None:
    xml = _sheet(
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>t="e"</t></is></c>'
        b'<c r="B1" t="str"><v>x</v></c></row>'
    )
    assert find_errors(xml) == {}


def test_single_quoted_attributes_and_prefixed_cells_are_scanned() -> None:
    xml = (
        b"<x:worksheet xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
        b"<x:sheetData><x:row r='3'><x:c r='C3' t='e'><x:v>#N/A</x:v></x:c>"
        b"<x:c r='D3'><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>"
    )
    assert find_errors(xml) == {(3, 3): CellError("#N/A")}


def test_every_error_cell_of_a_long_sheet_is_found() -> None:
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="e"><v>#VALUE!</v></c><c r="B%d"><v>1</v></c></row>' % (r, r, r)
        for r in range(1, 3001, 3)
    )
    assert find_errors(_sheet(rows)) == {(r, 1): CellError("#VALUE!") for r in range(1, 3001, 3)}


def _big_sheet() -> bytes:
    """~190 KB: error cells every few rows, double and self-closing, among plain cells."""
    rows = []
    for r in range(1, 3001):
        cells = b'<c r="A%d" s="1"><v>%d</v></c>' % (r, r)
        if r % 7 == 0:
            cells += b'<c r="B%d" s="2" t="e"><v>#REF!</v></c>' % r
        if r % 11 == 0:
            cells += b'<c r="C%d" t="e"/>' % r
        if r % 13 == 0:
            cells += b'<c r="D%d" t="inlineStr"><is><t>t="e"</t></is></c>' % r
        rows.append(b'<row r="%d">%s</row>' % (r, cells))
    return _sheet(b"".join(rows))


def _scan_in_chunks(xml: bytes, cuts: list[int]) -> dict[tuple[int, int], CellError]:
    scan = ErrorScan()
    bounds = [0, *sorted(set(cuts)), len(xml)]
    for start, end in pairwise(bounds):
        if end > start:
            scan.feed(xml[start:end])
    return scan.finish(lambda: xml)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(70_000, 190_000), max_size=12))
def test_error_scan_in_chunks_finds_what_the_whole_sheet_scan_finds(cuts: list[int]) -> None:
    xml = _big_sheet()
    expected = {(r, 2): CellError("#REF!") for r in range(7, 3001, 7)}
    expected |= {(r, 3): CellError("#N/A") for r in range(11, 3001, 11)}
    found = _scan_in_chunks(xml, cuts)
    assert found == expected
    assert list(found) == list(find_errors(xml))


def test_error_scan_settles_cells_cut_anywhere_in_their_tag_or_value() -> None:
    xml = _big_sheet()
    markers = [xml.find(b't="e"><v>', 70_000 + 2_000 * i) for i in range(5)]
    cuts = [
        markers[0] + 2,  # inside the marker
        xml.find(b"</c>", markers[1]) + 2,  # inside the closing tag
        xml.find(b">", markers[2]) + 3,  # inside <v>
        xml.rfind(b"<c ", 0, markers[3]) + 1,  # inside the cell's <c
        xml.find(b"</v>", markers[4]) - 2,  # inside the error value
    ]
    assert len(set(cuts)) == 5
    assert _scan_in_chunks(xml, cuts) == find_errors(xml)
    assert set(find_errors(xml).values()) == {CellError("#REF!"), CellError("#N/A")}


def test_error_scan_of_a_short_first_chunk_scans_the_whole_sheet() -> None:
    xml = _big_sheet()
    assert _scan_in_chunks(xml, [1_000, 90_000]) == find_errors(xml)
