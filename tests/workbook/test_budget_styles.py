"""Budgetoverzicht amounts in euro, titles and headers bold, styles.xml edited safely.

Read back with openpyxl (number formats, fonts) and by parsing xl/styles.xml
from the zip with the standard library (entries only appended, counts right,
nothing appended twice on re-runs).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest

from plan_xl import contract as c
from plan_xl.template import build_workbook
from plan_xl.template.styles import EURO_FORMAT
from plan_xl.validate import validate_file, write_annotated_copy
from plan_xl.workbook.writer import write_annotations
from tests.support.writer_workbooks import BuiltWorkbook, build_plan_workbook
from tests.workbook.test_writer import annotations_for

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def styles_xml(path: Path) -> ET.Element:
    with zipfile.ZipFile(path) as z:
        return ET.fromstring(z.read("xl/styles.xml"))


def entries(root: ET.Element, parent: str, tag: str) -> list[bytes]:
    found = root.find(f"{MAIN}{parent}")
    if found is None:
        return []
    return [ET.tostring(el) for el in found.findall(f"{MAIN}{tag}")]


def assert_counts_match(root: ET.Element) -> None:
    for parent, tag in (("numFmts", "numFmt"), ("fonts", "font"), ("cellXfs", "xf")):
        found = root.find(f"{MAIN}{parent}")
        if found is not None:
            assert found.get("count") == str(len(found.findall(f"{MAIN}{tag}"))), parent


def euro_format_ids(root: ET.Element) -> list[str]:
    return [
        el.get("numFmtId", "")
        for el in root.iter(f"{MAIN}numFmt")
        if el.get("formatCode") == EURO_FORMAT
    ]


def amount_cells(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[openpyxl.cell.Cell]:
    """Numbers below a header row: every budget amount on the sheet."""
    return [
        cell
        for row in ws.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, float) and cell.column > 1
    ]


@pytest.fixture(scope="module")
def annotated_example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("budget-styles")
    source = build_workbook(folder / "voorbeeld.xlsx", example=True)
    first = write_annotated_copy(validate_file(source), source, folder / "eerste.xlsx")
    second = write_annotated_copy(validate_file(first), first, folder / "tweede.xlsx")
    return source, first, second


def test_budget_amounts_have_the_euro_format(annotated_example: tuple[Path, Path, Path]) -> None:
    _, first, _ = annotated_example
    ws = openpyxl.load_workbook(first)[c.SHEET_BUDGET]
    amounts = amount_cells(ws)
    assert len(amounts) > 100
    assert {cell.number_format for cell in amounts} == {EURO_FORMAT}
    # The block's 20.300 from the review reads as an amount, not as a bare 20300.
    assert any(cell.value == 20300.0 for cell in amounts)
    # Years in header rows stay plain numbers.
    years = [cell for row in ws.iter_rows() for cell in row if cell.value == 2026]
    assert years and all(cell.number_format == "General" for cell in years)


def test_block_titles_and_header_rows_are_bold(annotated_example: tuple[Path, Path, Path]) -> None:
    _, first, _ = annotated_example
    ws = openpyxl.load_workbook(first)[c.SHEET_BUDGET]
    titles = [ws.cell(row=r, column=1) for r in range(2, ws.max_row + 1)]
    theme_title = next(cell for cell in titles if cell.value == "Budget per thema en jaar")
    header = ws.cell(row=theme_title.row + 1, column=1)
    assert header.value == c.COL_THEME
    assert theme_title.font.b and theme_title.font.sz == 12
    assert header.font.b and ws.cell(row=header.row, column=2).font.b
    first_theme = ws.cell(row=header.row + 1, column=1)
    assert first_theme.value and not first_theme.font.b


def test_template_euro_style_is_reused_and_re_runs_append_nothing(
    annotated_example: tuple[Path, Path, Path],
) -> None:
    source, first, second = annotated_example
    before, after, again = (styles_xml(p) for p in (source, first, second))
    assert euro_format_ids(after) == euro_format_ids(before) == ["164"]
    # The amounts use a cell format that was already in the template.
    ws = openpyxl.load_workbook(first)[c.SHEET_BUDGET]
    with zipfile.ZipFile(first) as z:
        sheet_xml = z.read(_part_of(first, c.SHEET_BUDGET)).decode()
    amount_ref = amount_cells(ws)[0].coordinate
    style = sheet_xml.split(f'r="{amount_ref}"')[1].split('s="')[1].split('"')[0]
    assert int(style) < len(entries(before, "cellXfs", "xf"))
    for parent, tag in (("numFmts", "numFmt"), ("fonts", "font"), ("cellXfs", "xf")):
        old, new = entries(before, parent, tag), entries(after, parent, tag)
        assert new[: len(old)] == old, f"{parent}: existing entries must not change"
        assert entries(again, parent, tag) == new, f"{parent}: a re-run must not append"
    assert_counts_match(after)


@pytest.fixture
def user_workbook(tmp_path: Path) -> BuiltWorkbook:
    """A plan workbook made by openpyxl without any euro format in its styles."""
    built = build_plan_workbook(tmp_path / "gebruiker.xlsx")
    assert euro_format_ids(styles_xml(built.path)) == []
    return built


def test_users_workbook_gets_one_euro_format_appended_once(
    user_workbook: BuiltWorkbook, tmp_path: Path
) -> None:
    before = styles_xml(user_workbook.path)
    first = write_annotations(
        user_workbook.path, tmp_path / "eerste.xlsx", annotations_for(user_workbook, {})
    )
    second = write_annotations(first, tmp_path / "tweede.xlsx", annotations_for(user_workbook, {}))
    after, again = styles_xml(first), styles_xml(second)
    ids = euro_format_ids(after)
    assert len(ids) == 1 and int(ids[0]) >= 164
    assert euro_format_ids(again) == ids
    for parent, tag in (("numFmts", "numFmt"), ("fonts", "font"), ("cellXfs", "xf")):
        old, new = entries(before, parent, tag), entries(after, parent, tag)
        assert new[: len(old)] == old
        assert entries(again, parent, tag) == new
    assert len(entries(after, "cellXfs", "xf")) - len(entries(before, "cellXfs", "xf")) <= 3
    assert_counts_match(after)
    assert_counts_match(again)
    for path in (first, second):
        ws = openpyxl.load_workbook(path)[c.SHEET_BUDGET]
        amounts = amount_cells(ws)
        assert amounts and {cell.number_format for cell in amounts} == {EURO_FORMAT}
        # User cells keep their own look: the Instructies text is untouched.
        assert openpyxl.load_workbook(path)[c.SHEET_INSTRUCTIONS]["A1"].number_format == "General"


def _part_of(path: Path, sheet: str) -> str:
    wb = openpyxl.load_workbook(path)
    return f"xl/worksheets/sheet{wb.sheetnames.index(sheet) + 1}.xml"
