"""A sheet whose cells lie far apart is refused before python-calamine builds its grid.

calamine allocates one dense grid from A1 to the farthest cell: A1 plus
XFD1048576 is two cells but 17 billion grid cells, and calamine aborts the
process. The reader measures the extent from the cell tags first (issue 4's
limits). The extent plan-xl predicts is checked against calamine's own grid on
small sheets written in every way calamine accepts.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import python_calamine
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl import contract as c
from plan_xl.core.plan import column_letter
from plan_xl.errors import WorkbookReadError
from plan_xl.workbook.limits import ReadLimits
from plan_xl.workbook.read_extent import Extent, fits_envelope, grid_extent
from plan_xl.workbook.reader import read_plan, read_workbook
from tests.workbook.conftest import Sheets, plan_sheets
from tests.workbook.test_reader_order import recording  # noqa: F401  (fixture)

Write = Callable[..., Path]
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _sheet_part(sheet: str) -> str:
    """The zip member of ``sheet`` (openpyxl numbers sheets in creation order)."""
    return f"xl/worksheets/sheet{list(plan_sheets()).index(sheet) + 1}.xml"


def _edit_sheet(path: Path, member: str, edit: Callable[[bytes], bytes]) -> Path:
    target = path.with_name("bewerkt-" + path.name)
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, edit(data) if info.filename == member else data)
    return target


def _with_far_cell(path: Path, ref: str = "XFD1048576", row_attr: str = "1048576") -> Path:
    member = _sheet_part(c.SHEET_PROJECTS)
    far = f'<row r="{row_attr}"><c r="{ref}" t="n"><v>1</v></c></row></sheetData>'.encode()
    return _edit_sheet(path, member, lambda xml: xml.replace(b"</sheetData>", far))


def test_far_apart_corner_cells_are_too_large_and_never_reach_calamine(
    sheets: Sheets,
    write: Write,
    recording: list[str],  # noqa: F811
) -> None:
    hostile = _with_far_cell(write(sheets))
    started = time.perf_counter()
    with pytest.raises(WorkbookReadError) as info:
        read_workbook(hostile)
    assert time.perf_counter() - started < 5
    error = info.value
    assert error.status == "too_large"
    assert error.params["sheet"] == c.SHEET_PROJECTS
    assert c.SHEET_PROJECTS not in recording
    assert "XFD1048576" in error.user_message("nl") and "raster" in error.user_message("nl")
    assert "XFD1048576" in error.user_message("en") and "grid" in error.user_message("en")
    assert str(1_048_576 * 16_384) in error.user_message("nl")


def test_a_far_cell_hidden_in_a_row_with_a_small_number_is_refused(
    sheets: Sheets, write: Write
) -> None:
    # calamine places a cell by its own reference, whatever row it sits in.
    hostile = _with_far_cell(write(sheets), "ZZ900000", row_attr="40")
    with pytest.raises(WorkbookReadError) as info:
        read_workbook(hostile)
    assert info.value.status == "too_large"
    assert "ZZ900000" in info.value.user_message("en")


def test_a_dimension_that_claims_the_whole_sheet_does_not_refuse_a_small_one(
    sheets: Sheets, write: Write
) -> None:
    member = _sheet_part(c.SHEET_PROJECTS)

    def claim_everything(xml: bytes) -> bytes:
        start = xml.index(b"<dimension")
        end = xml.index(b">", start) + 1
        return xml[:start] + b'<dimension ref="A1:XFD1048576"/>' + xml[end:]

    plan = read_plan(_edit_sheet(write(sheets), member, claim_everything))
    assert plan.project_lines is not None and len(plan.project_lines.frame) > 0


def test_the_grid_limit_is_configurable(sheets: Sheets, write: Write) -> None:
    path = write(sheets)
    with pytest.raises(WorkbookReadError) as info:
        read_workbook(path, ReadLimits(max_grid_cells=40))
    assert info.value.status == "too_large"
    assert read_workbook(path, ReadLimits(max_grid_cells=2_000)).tables


def _calamine_extent(xml: str, tmp_path: Path) -> Extent:
    """The grid calamine itself builds for a one-sheet workbook holding ``xml``'s cells."""
    path = tmp_path / "raster.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
            'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN_NS}" xmlns:r="{rel}"><sheets><sheet name="Blad" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        zf.writestr("xl/worksheets/sheet1.xml", xml)
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    grid = book.get_sheet_by_name("Blad").to_python(skip_empty_area=False)
    book.close()
    return Extent(len(grid), max((len(row) for row in grid), default=0))


def _worksheet(rows: str, dimension: str = "A1", root_attributes: str = "") -> str:
    return (
        f'<worksheet xmlns="{MAIN_NS}" {root_attributes}><dimension ref="{dimension}"/>'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


ODD_SHEETS = {
    "excel": '<row r="1" spans="1:2"><c r="A1" s="1" t="n"><v>0</v></c><c r="B1"><v>2</v></c>'
    '</row><row r="4"><c r="C4" t="str"><f>A1</f><v>x</v></c></row>',
    "no references": "<row/><row/><row><c><v>1</v></c><c/><c><v>2</v></c></row>",
    "rows numbered, cells not": '<row r="9"><c><v>1</v></c><c><v>1</v></c></row>',
    "cell far from its row": '<row r="1"><c r="A1"><v>1</v></c><c r="Z300"><v>1</v></c></row>',
    "lower case": '<row r="1"><c r="a1"><v>1</v></c><c r="ab70"><v>1</v></c></row>',
    "two r attributes": '<row r="1"><c r="A1" r="K20"><v>1</v></c></row>',
    "single quotes, spaces": "<row r='1'><c r = 'D8' t='n'><v>1</v></c></row>",
    "after references": '<row r="5"><c r="C5"><v>1</v></c><c><v>2</v></c></row><row><c><v>3'
    "</v></c></row>",
    "a quoted > before the second r": '<row r="1"><c r="A1" cm=">" r="M40"><v>1</v></c></row>',
    "empty rows below": '<row r="1"><c r="B2"><v>1</v></c></row><row r="900"/>',
    "prefixed r is not a reference": '<row r="1"><c r="Z5"><v>1</v></c><c x:r="A1"><v>1</v>'
    "</c><c><v>1</v></c></row>",
    "row without number after a far cell": '<row r="1"><c r="A9"><v>1</v></c></row><row><c>'
    "<v>1</v></c><c><v>1</v></c></row>",
    "positions continue after a reference": '<row r="3"><c r="A9"><v>1</v></c></row><row>'
    '<c r="B1"><v>1</v></c><c><v>1</v></c><c><v>1</v></c></row>',
    "four letters": '<row r="1"><c r="A1"><v>1</v></c><c r="AAAB3"><v>1</v></c></row>',
}


@pytest.mark.parametrize("rows", ODD_SHEETS.values(), ids=ODD_SHEETS.keys())
def test_predicted_extent_equals_calamines_grid(rows: str, tmp_path: Path) -> None:
    xml = _worksheet(rows, root_attributes='xmlns:x="urn:x"')
    assert grid_extent(xml.encode()) == _calamine_extent(xml, tmp_path)


def test_cells_with_any_namespace_prefix_count(tmp_path: Path) -> None:
    # calamine matches the local name only, whatever namespace the prefix is bound to.
    rows = '<row r="1"><c r="A1"><v>1</v></c><o:c r="Q77"><o:v>1</o:v></o:c></row>'
    xml = _worksheet(rows, root_attributes='xmlns:o="urn:other"')
    assert _calamine_extent(xml, tmp_path) == Extent(77, 17)
    assert grid_extent(xml.encode()) == Extent(77, 17)
    assert not fits_envelope(xml.encode(), 1_000)


def test_plain_sheets_are_settled_by_the_fast_search_and_others_are_not() -> None:
    plain = _worksheet(ODD_SHEETS["excel"], dimension="A1:C4")
    assert fits_envelope(plain.encode(), 5_000_000)
    assert not fits_envelope(plain.encode(), 11)  # 3 x 4 grid: over a limit of 11
    lying = _worksheet('<row r="1"><c r="A1"><v>1</v></c><c r="XFD9"><v>1</v></c></row>', "A1")
    assert not fits_envelope(lying.encode(), 5_000_000)
    for name in ("no references", "two r attributes", "a quoted > before the second r"):
        assert not fits_envelope(_worksheet(ODD_SHEETS[name]).encode(), 5_000_000), name


def test_absurd_references_are_measured_without_hanging() -> None:
    huge_row = '<row r="1"><c r="A' + "9" * 5000 + '"><v>1</v></c></row>'
    huge_column = '<row r="1"><c r="' + "Z" * 5000 + '1"><v>1</v></c></row>'
    for rows in (huge_row, huge_column):
        extent = grid_extent(_worksheet(rows).encode())
        assert extent.cells > 10**9
        assert len(extent.corner) < 40


_CELL_STYLES = st.sampled_from(["ref", "none", "lower", "quote"])


@settings(max_examples=40, deadline=None)
@given(
    cells=st.lists(
        st.tuples(st.integers(1, 40), st.integers(1, 30), _CELL_STYLES), min_size=1, max_size=12
    ),
    number_rows=st.booleans(),
)
def test_any_mix_of_cell_tags_is_predicted_like_calamine(
    cells: list[tuple[int, int, str]], number_rows: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    by_row: dict[int, list[tuple[int, str]]] = {}
    for row, column, style in cells:
        by_row.setdefault(row, []).append((column, style))
    parts = []
    for row in sorted(by_row):
        tags = []
        for column, style in sorted(set(by_row[row])):
            ref = f"{column_letter(column)}{row}"
            attribute = {
                "ref": f' r="{ref}"',
                "none": "",
                "lower": f' r="{ref.lower()}"',
                "quote": f" r='{ref}'",
            }[style]
            tags.append(f"<c{attribute}><v>1</v></c>")
        row_attribute = f' r="{row}"' if number_rows else ""
        parts.append(f"<row{row_attribute}>{''.join(tags)}</row>")
    xml = _worksheet("".join(parts))
    tmp = tmp_path_factory.mktemp("raster")
    calamine = _calamine_extent(xml, tmp)
    assert grid_extent(xml.encode()) == calamine
    if fits_envelope(xml.encode(), 5_000_000):
        assert calamine.cells <= 5_000_000
