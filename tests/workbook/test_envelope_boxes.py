"""The sheets of a workbook share the first box of the envelope search (one pattern
compiled, not one per sheet), and the boxes together still accept exactly the
sheets they accepted before (issue 4's grid limit; issue 5's speed)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.core.plan import column_index, column_letter
from plan_xl.workbook.read_extent import (
    _PREFIXED_CELL,
    EnvelopeScan,
    _at_most,
    _boxes,
    _claimed_box,
    _outside,
    fits_envelope,
)

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _reference_fits(xml: bytes, max_grid_cells: int) -> bool:
    """fits_envelope with the boxes it tried before the shared box (the claimed
    columns with the claimed row digits, the claimed box, A-Z x the limit's rows)."""
    if _PREFIXED_CELL.search(xml) is not None:
        return False
    claimed = _claimed_box(xml)
    candidates = [(26, max_grid_cells // 26)]
    if claimed is not None:
        candidates[:0] = [(claimed[0], 10 ** len(str(claimed[1])) - 1), claimed]
    boxes = [box for box in candidates if 0 < box[0] * box[1] <= max_grid_cells]
    return any(_outside(*box).search(xml) is None for box in boxes)


def _sheet(cells: list[tuple[int, int]], dimension: str | None) -> bytes:
    rows: dict[int, list[int]] = {}
    for column, row in cells:
        rows.setdefault(row, []).append(column)
    body = "".join(
        f'<row r="{row}">'
        + "".join(f'<c r="{column_letter(col)}{row}" s="1"><v>1</v></c>' for col in sorted(cols))
        + "</row>"
        for row, cols in sorted(rows.items())
    )
    claim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0"?><worksheet xmlns="{MAIN_NS}">{claim}'
        f"<sheetData>{body}</sheetData></worksheet>"
    ).encode()


_ROWS = st.one_of(st.integers(1, 120), st.integers(1, 300_000))
_COLUMNS = st.one_of(st.integers(1, 30), st.integers(1, 20_000))


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(st.tuples(_COLUMNS, _ROWS), min_size=1, max_size=8),
    claim=st.one_of(st.none(), st.tuples(_COLUMNS, _ROWS)),
    limit=st.sampled_from([11, 233, 234, 1_000, 26 * 99 + 5, 70_000, 259_974, 5_000_000]),
    chunk=st.integers(1, 400),
)
def test_the_boxes_accept_exactly_the_sheets_they_accepted_before(
    cells: list[tuple[int, int]], claim: tuple[int, int] | None, limit: int, chunk: int
) -> None:
    dimension = None if claim is None else f"A1:{column_letter(claim[0])}{claim[1]}"
    xml = _sheet(cells, dimension)
    fits = fits_envelope(xml, limit)
    assert fits == _reference_fits(xml, limit)
    if fits:  # then the grid calamine builds (A1 to the farthest cell) is within the limit
        assert max(c for c, _ in cells) * max(r for _, r in cells) <= limit
    scan = EnvelopeScan(limit)
    for start in range(0, len(xml), chunk):
        scan.feed(xml[start : start + chunk])
    if scan.finish():  # the chunked scan settles only sheets that fit
        assert fits


def test_sheets_of_a_plan_workbook_share_first_boxes() -> None:
    small = [
        _sheet([(1, 1)], "A1:A35"),
        _sheet([(11, 11)], "A1:K11"),
        _sheet([(18, 501)], "A1:R501"),
    ]
    middle = _sheet([(18, 5_001)], "A1:R5001")
    big = _sheet([(16, 50_001)], "A1:P50001")
    assert {_boxes(xml, 5_000_000)[0] for xml in [*small, middle]} == {(26, 9_999)}
    assert _boxes(big, 5_000_000)[0] == (26, 99_999)
    assert all(fits_envelope(xml, 5_000_000) for xml in [*small, middle, big])


@pytest.mark.parametrize("top", ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD", "ZZZ"])
def test_column_patterns_match_exactly_the_columns_up_to_the_top(top: str) -> None:
    pattern = re.compile(_at_most(top, "A", "Z"))
    limit = column_index(top)
    for column in range(1, 27 * 27 * 27):
        letters = column_letter(column).encode()
        assert (pattern.fullmatch(letters) is not None) == (column <= limit), letters


@pytest.mark.parametrize("top", ["1", "9", "10", "99", "100", "501", "999", "192307", "99999"])
def test_row_patterns_match_exactly_the_rows_up_to_the_top(top: str) -> None:
    pattern = re.compile(_at_most(top, "1", "9"))
    for row in [*range(1, 1200), *range(99_990, 100_010), *range(192_300, 192_310)]:
        assert (pattern.fullmatch(str(row).encode()) is not None) == (row <= int(top)), row
    assert pattern.fullmatch(b"0") is None and pattern.fullmatch(b"01") is None


def test_a_sheet_claiming_more_than_the_shared_box_keeps_its_own_boxes() -> None:
    wide = _sheet([(30, 5)], "A1:AD5")
    assert _boxes(wide, 5_000_000) == [(30, 9), (26, 192_307)]  # A1:AD5 lies in A1:AD9
    assert fits_envelope(wide, 5_000_000)
    assert not fits_envelope(wide, 100)  # 30 x 5 = 150 grid cells: over a limit of 100
