"""Error cells found by the byte scan of a worksheet part (hand-computed expectations)."""

from __future__ import annotations

from plan_xl.core.values import CellError
from plan_xl.workbook.read_cells import find_errors

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
