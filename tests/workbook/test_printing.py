"""Every sheet prints sensibly: landscape, one page wide, header row repeated, page numbers.

The annotated example is printed to PDF by LibreOffice; pdftotext splits the
pages, and each page's header names its sheet, so pages are counted per sheet.
The page setup itself is read from the sheet XML in the zip and by openpyxl.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from plan_xl import contract as c
from plan_xl.template import build_workbook
from plan_xl.validate import validate_file, write_annotated_copy
from plan_xl.workbook.writer import write_annotations
from tests.support.libreoffice import convert
from tests.support.programs import require_program
from tests.support.writer_workbooks import build_plan_workbook
from tests.workbook.test_writer import annotations_for, sheet_parts

SETUP = re.compile(rb"<(?:\w+:)?pageSetup\b[^>]*>")
FIT = re.compile(rb'<(?:\w+:)?pageSetUpPr\b[^>]*fitToPage="(?:1|true)"')


def sheet_xml(path: Path, sheet: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(sheet_parts(path)[sheet])


def attrs(element: bytes) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in re.findall(rb'(\w+)="([^"]*)"', element)}


def title_rows(ws: Worksheet) -> str:
    return (ws.print_title_rows or "").replace("$", "")


def assert_prints_landscape_one_page_wide(xml: bytes, sheet: str) -> None:
    setups = SETUP.findall(xml)
    assert len(setups) == 1, sheet
    setup = attrs(setups[0])
    assert setup["orientation"] == "landscape", sheet
    assert setup["fitToWidth"] == "1" and setup["fitToHeight"] == "0", sheet
    assert FIT.search(xml), f"{sheet}: fitToPage must be on for fitToWidth to count"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("print") / "voorbeeld.xlsx", example=True)


@pytest.fixture(scope="module")
def annotated(example: Path) -> Path:
    return write_annotated_copy(
        validate_file(example), example, example.with_name("voorbeeld.gecontroleerd.xlsx")
    )


def test_every_template_sheet_has_a_page_setup_and_dutch_header_footer(example: Path) -> None:
    wb = openpyxl.load_workbook(example)
    for sheet in c.SHEET_ORDER:
        xml = sheet_xml(example, sheet)
        assert_prints_landscape_one_page_wide(xml, sheet)
        ws = wb[sheet]
        assert ws.oddHeader.center.text == "&A"
        assert ws.oddFooter.right.text == "Pagina &P van &N"
        assert ws.oddFooter.left.text == "Gemeente Voorbeeld"
    # Sheets with a table repeat their header row on every printed page.
    for sheet in (c.SHEET_SETTINGS, c.SHEET_MATURITY, c.SHEET_PLAN, c.SHEET_PROJECTS):
        assert title_rows(wb[sheet]) == "1:1", sheet
    assert title_rows(wb[c.SHEET_CHECKS]) == "1:1"
    assert not wb[c.SHEET_INSTRUCTIONS].print_title_rows


def test_english_template_numbers_pages_in_english(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(build_workbook(tmp_path / "en.xlsx", lang="en"))[c.SHEET_PLAN]
    assert ws.oddFooter.right.text == "Page &P of &N"


def test_annotated_copy_keeps_the_page_setup_of_the_sheets_it_rewrites(
    example: Path, annotated: Path
) -> None:
    for sheet in (c.SHEET_BUDGET, c.SHEET_CHECKS, c.SHEET_PLAN):
        before, after = sheet_xml(example, sheet), sheet_xml(annotated, sheet)
        assert SETUP.findall(after) == SETUP.findall(before), sheet
        assert_prints_landscape_one_page_wide(after, sheet)
    assert title_rows(openpyxl.load_workbook(annotated)[c.SHEET_CHECKS]) == "1:1"


def test_writer_gives_a_users_owned_sheets_a_page_setup_once(tmp_path: Path) -> None:
    built = build_plan_workbook(tmp_path / "gebruiker.xlsx")
    for sheet in (c.SHEET_BUDGET, c.SHEET_CHECKS):
        assert not SETUP.findall(sheet_xml(built.path, sheet))
    first = write_annotations(built.path, tmp_path / "eerste.xlsx", annotations_for(built, {}))
    second = write_annotations(first, tmp_path / "tweede.xlsx", annotations_for(built, {}))
    for path in (first, second):
        for sheet in (c.SHEET_BUDGET, c.SHEET_CHECKS):
            assert_prints_landscape_one_page_wide(sheet_xml(path, sheet), sheet)
        ws = openpyxl.load_workbook(path)[c.SHEET_BUDGET]  # openpyxl accepts the XML
        assert ws.page_setup.orientation == "landscape"
        assert ws.oddFooter.right.text == "Pagina &P van &N"
    # Sheets plan-xl does not own are left as the user made them.
    assert not SETUP.findall(sheet_xml(first, c.SHEET_PLAN))


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        [require_program("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


@pytest.mark.libreoffice
def test_annotated_example_prints_on_a_few_pages_each_sheet_one_page_wide(
    soffice: str, annotated: Path, tmp_path: Path
) -> None:
    pdf = convert(annotated, "pdf", tmp_path)
    total = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))
    assert len(c.SHEET_ORDER) <= total <= 14  # was 41+ before the page setup
    pages = _pages(pdf)
    assert len(pages) == total
    # The header (first line of each page) names the sheet: count pages per sheet.
    per_sheet = Counter(page.strip().splitlines()[0].strip() for page in pages)
    assert set(per_sheet) == set(c.SHEET_ORDER)
    for sheet in (c.SHEET_SETTINGS, c.SHEET_MATURITY, c.SHEET_PLAN, c.SHEET_PROJECTS):
        assert per_sheet[sheet] <= 2, per_sheet
    assert per_sheet[c.SHEET_BUDGET] <= 2 and per_sheet[c.SHEET_CHECKS] <= 2, per_sheet
    # Every page carries its page number; Budgetoverzicht shows euro amounts.
    assert all(f"Pagina {i} van {total}" in page for i, page in enumerate(pages, start=1))
    budget = next(page for page in pages if page.strip().startswith(c.SHEET_BUDGET))
    # Separators follow LibreOffice's locale; the review's bare 20300 must not appear.
    assert re.search(r"\b20[.,]300[.,]00 €", budget)
    assert not re.search(r"(?<![\d.,])20300(?![\d.,])", budget)
