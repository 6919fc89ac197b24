"""The printed workbook is readable: text wraps within the page, rows fit their text,
and the Maturiteit radar stands near the table instead of far to the right.

Row heights, alignment and the chart anchor are read back by openpyxl from the
saved file; whether text stays inside the page is measured on LibreOffice's PDF
(pdftotext -bbox gives every word's position).
"""

from __future__ import annotations

import math
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from plan_xl import contract as c
from plan_xl.template.layout import text_height, wrapped_lines
from tests.support.programs import require_program

DEFAULT_ROW_HEIGHT = 15.0
RIGHT_MARGIN_PT = 0.4 * 72  # printing.MARGINS["right"] in points


def test_a_line_estimate_counts_characters_against_the_column_width() -> None:
    # Width 30 holds 33 characters a line (1.1 per unit of width): 100 characters need 4 lines.
    assert wrapped_lines("a" * 100, 30) == 4
    assert wrapped_lines("a" * 33, 30) == 1
    assert wrapped_lines("kort\nlang " + "b" * 40, 30) == 3  # a line break starts a new line
    assert text_height("a" * 100, 30) == 4 * 15 + 3
    assert text_height("kort", 30) == 15
    # Text twice the size needs twice the room per character and taller lines.
    assert wrapped_lines("a" * 33, 30, font_size=22) == 2


def _width(ws: Worksheet, letter: str) -> float:
    return float(ws.column_dimensions[letter].width)


def _height(ws: Worksheet, row: int) -> float:
    height = ws.row_dimensions[row].height
    return float(height) if height is not None else DEFAULT_ROW_HEIGHT


def _table_cells(ws: Worksheet, table: str) -> tuple[int, int, int, int]:
    return range_boundaries(ws.tables[table].ref)  # type: ignore[return-value]


def test_instructions_paragraphs_wrap_within_a_printable_column(example_xlsx: Path) -> None:
    ws = load_workbook(example_xlsx)[c.SHEET_INSTRUCTIONS]
    width = _width(ws, "A")
    assert width <= 110  # 120 ran past the right edge of landscape A4
    paragraphs = [cell for (cell,) in ws.iter_rows(max_col=1) if isinstance(cell.value, str)]
    assert len(paragraphs) > 10
    long_ones = 0
    for cell in paragraphs:
        assert cell.alignment.wrap_text, cell.coordinate
        # Hand rule: a line holds about 1.1 characters per unit of width.
        lines = math.ceil(len(cell.value) / (width * 1.1))
        if lines > 1:
            long_ones += 1
            assert _height(ws, cell.row) >= lines * DEFAULT_ROW_HEIGHT, cell.coordinate
    assert long_ones >= 5


@pytest.mark.parametrize(
    ("sheet", "table", "header"),
    [
        (c.SHEET_MATURITY, c.TBL_THEMES, c.COL_CRITICAL_QUESTIONS),
        (c.SHEET_PLAN, c.TBL_ACTIONS, c.COL_POLICY_OBJECTIVE),
        (c.SHEET_PROJECTS, c.TBL_PROJECT_LINES, c.COL_DESCRIPTION),
    ],
)
def test_rows_with_text_longer_than_its_column_are_taller_than_the_default(
    example_xlsx: Path, sheet: str, table: str, header: str
) -> None:
    ws = load_workbook(example_xlsx)[sheet]
    min_col, header_row, max_col, last_row = _table_cells(ws, table)
    col = next(
        k for k in range(min_col, max_col + 1) if ws.cell(row=header_row, column=k).value == header
    )
    letter = ws.cell(row=header_row, column=col).column_letter
    width = _width(ws, letter)
    checked = 0
    for row in range(header_row + 1, last_row + 1):
        cell = ws.cell(row=row, column=col)
        if not isinstance(cell.value, str):
            continue
        assert cell.alignment.wrap_text, cell.coordinate
        lines = math.ceil(len(cell.value) / (width * 1.1))
        if lines > 1:
            checked += 1
            assert _height(ws, row) >= lines * DEFAULT_ROW_HEIGHT, cell.coordinate
            assert _height(ws, row) > DEFAULT_ROW_HEIGHT
    assert checked >= 3, f"{sheet}: the example should have several long {header} texts"


def test_blank_template_rows_keep_the_default_height(blank_xlsx: Path) -> None:
    ws = load_workbook(blank_xlsx)[c.SHEET_PLAN]
    _, header_row, _, last_row = _table_cells(ws, c.TBL_ACTIONS)
    assert all(_height(ws, r) == DEFAULT_ROW_HEIGHT for r in range(header_row + 1, last_row + 1))


def _chart_anchor(path: Path) -> tuple[int, int]:
    """(column, row), 1-based, of the chart's top-left corner in the drawing XML."""
    ns = {"xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"}
    with zipfile.ZipFile(path) as z:
        drawings = [n for n in z.namelist() if n.startswith("xl/drawings/drawing")]
        assert len(drawings) == 1
        tree = etree.fromstring(z.read(drawings[0]))
    start = tree.find(".//xdr:from", ns)
    assert start is not None
    col = int(start.findtext("xdr:col", namespaces=ns) or "-1")
    row = int(start.findtext("xdr:row", namespaces=ns) or "-1")
    return col + 1, row + 1


@pytest.mark.parametrize("fixture", ["blank_xlsx", "example_xlsx"])
def test_radar_chart_stands_below_the_theme_table_not_far_to_the_right(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(fixture)
    ws = load_workbook(path)[c.SHEET_MATURITY]
    col, row = _chart_anchor(path)
    _, _, _, last_row = _table_cells(ws, c.TBL_THEMES)
    assert col <= column_index_from_string("J")
    assert row > last_row  # does not cover the themes


def test_helper_scores_are_locked_outside_the_table_and_not_printed(example_xlsx: Path) -> None:
    ws = load_workbook(example_xlsx)[c.SHEET_MATURITY]
    _, header_row, max_col, last_row = _table_cells(ws, c.TBL_THEMES)
    helpers = [
        cell
        for row in ws.iter_rows(min_row=header_row + 1, max_row=last_row, min_col=max_col + 1)
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=")
    ]
    assert len(helpers) == 3 * (last_row - header_row)  # current, ambition, gap per theme
    assert all(cell.protection.locked for cell in helpers)
    (area,) = (ws.print_area or "").split(",")
    _, _, print_max_col, print_max_row = range_boundaries(area.split("!")[-1].replace("$", ""))
    assert print_max_col == max_col  # the helpers sit right of the print area
    _, chart_row = _chart_anchor(example_xlsx)
    assert print_max_row >= chart_row + 20  # the chart (11 cm) is printed whole


def _words_per_page(pdf: Path) -> list[tuple[float, list[tuple[float, str]]]]:
    """(page width, [(right edge, word)]) per page, from pdftotext -bbox."""
    html = subprocess.run(
        [require_program("pdftotext"), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', html, re.S)
    return [
        (
            float(width),
            [(float(x), w) for x, w in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)<', body)],
        )
        for width, body in pages
    ]


@pytest.mark.libreoffice
def test_no_printed_text_runs_past_the_right_margin(example_pdf: Path) -> None:
    pages = _words_per_page(example_pdf)
    assert len(pages) >= len(c.SHEET_ORDER)
    for number, (width, words) in enumerate(pages, start=1):
        edge = width - RIGHT_MARGIN_PT + 1.0  # the footer's page number ends on the margin
        outside = [word for right, word in words if right > edge]
        assert not outside, f"page {number}: {outside[:5]} run past the right margin"
