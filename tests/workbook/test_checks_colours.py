"""Severity colours on Controles cover every finding row, in the template and after writes.

The template colours A2:F5000 so that both the file writer and live Excel
(which only resizes tblControles) get colours on every row; the file writer
grows a format that the table outgrows and never adds rules on re-runs.
Read back with openpyxl and by inspecting the sheet XML in the zip.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill

from plan_xl import contract as c
from plan_xl.template import build_workbook
from plan_xl.template.sheets_output import CHECKS_FORMAT_LAST_ROW
from plan_xl.validate import validate_file, write_annotated_copy
from plan_xl.workbook.writer import write_annotations
from tests.support.writer_workbooks import BuiltWorkbook, build_plan_workbook
from tests.workbook.test_writer import annotations_for, check_row

SQREF = re.compile(rb'<(?:\w+:)?conditionalFormatting[^>]*sqref="([^"]+)"')


def _checks_sheet_xml(path: Path) -> bytes:
    wb = openpyxl.load_workbook(path)
    index = wb.sheetnames.index(c.SHEET_CHECKS) + 1
    with zipfile.ZipFile(path) as z:
        # openpyxl writes sheets as sheetN in workbook order; our writer keeps part names.
        return z.read(f"xl/worksheets/sheet{index}.xml")


def _severity_formats(path: Path) -> list[str]:
    ws = openpyxl.load_workbook(path)[c.SHEET_CHECKS]
    return [str(cf.sqref) for cf in ws.conditional_formatting for _ in cf.rules]


def test_template_colours_controles_far_below_the_table(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "sjabloon.xlsx")
    ws = openpyxl.load_workbook(path)[c.SHEET_CHECKS]
    assert ws.tables[c.TBL_CHECKS].ref == "A1:F2"
    rules = [(str(cf.sqref), r.formula[0]) for cf in ws.conditional_formatting for r in cf.rules]
    assert len(rules) == 3  # error, warning, info
    assert {sqref for sqref, _ in rules} == {f"A2:F{CHECKS_FORMAT_LAST_ROW}"}
    assert CHECKS_FORMAT_LAST_ROW >= 5000
    assert all(formula.startswith("OR($A2=") for _, formula in rules)


def test_annotated_example_keeps_three_colour_rules_over_all_rows_after_re_runs(
    tmp_path: Path,
) -> None:
    path = build_workbook(tmp_path / "plan.xlsx", example=True)
    wb = openpyxl.load_workbook(path)
    ws = wb[c.SHEET_MATURITY]
    ws["E3"] = None  # MAT002 and friends: a few findings to list
    wb.save(path)
    first = write_annotated_copy(validate_file(path), path, tmp_path / "eerste.xlsx")
    second = write_annotated_copy(validate_file(first), first, tmp_path / "tweede.xlsx")
    for written in (first, second):
        xml = _checks_sheet_xml(written)
        assert SQREF.findall(xml) == [f"A2:F{CHECKS_FORMAT_LAST_ROW}".encode()]
        assert len(re.findall(rb"<(?:\w+:)?cfRule\b", xml)) == 3
        ws = openpyxl.load_workbook(written)[c.SHEET_CHECKS]
        last = int(ws.tables[c.TBL_CHECKS].ref.split(":")[1][1:])
        assert 2 < last <= CHECKS_FORMAT_LAST_ROW
    assert _severity_formats(first) == _severity_formats(second)


@pytest.fixture
def old_style(tmp_path: Path) -> BuiltWorkbook:
    """A workbook whose Controles colours cover only the table's one data row."""
    built = build_plan_workbook(tmp_path / "oud.xlsx")
    wb = openpyxl.load_workbook(built.path)
    ws = wb[c.SHEET_CHECKS]
    fill = PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")
    ws.conditional_formatting.add("A4:F4", FormulaRule(formula=['$A4="Fout"'], fill=fill))
    # A user's own format elsewhere on the sheet stays as it is.
    ws.conditional_formatting.add("H1:H2 J1:J2", FormulaRule(formula=["TRUE"], fill=fill))
    wb.save(built.path)
    return built


def test_writer_grows_a_narrow_format_with_the_table_and_never_duplicates_it(
    old_style: BuiltWorkbook, tmp_path: Path
) -> None:
    many = [check_row("ACT005", c.SHEET_PLAN, f"L{r}", "verschil") for r in range(2, 32)]
    out = write_annotations(
        old_style.path, tmp_path / "veel.xlsx", annotations_for(old_style, {}, many)
    )
    assert openpyxl.load_workbook(out)[c.SHEET_CHECKS].tables[c.TBL_CHECKS].ref == "A3:F33"
    assert sorted(SQREF.findall(_checks_sheet_xml(out))) == [b"A4:F33", b"H1:H2 J1:J2"]
    # Fewer findings next run: the colours keep reaching the old rows (blank rows stay white).
    again = write_annotations(
        out, tmp_path / "weinig.xlsx", annotations_for(old_style, {}, many[:2])
    )
    assert sorted(SQREF.findall(_checks_sheet_xml(again))) == [b"A4:F33", b"H1:H2 J1:J2"]
    assert len(_severity_formats(again)) == 2
