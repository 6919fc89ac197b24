"""The Waarschuwingen column is patched while the sheet streams, row by row.

A hand-written sheet of a few thousand rows (Waarschuwingen in column D, with
columns after it; rows missing from the XML; rows without a D cell; old
warnings to clear; text needing escapes) goes through the writer with a small
read chunk, so rows straddle chunk boundaries. openpyxl reads the copy back
and every cell is compared with values computed here, independently.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from openpyxl.styles import Font

import plan_xl.workbook.xlsx_rows as xlsx_rows
from plan_xl.core.annotations import Annotations, BudgetSheet, ChecksSheet, WarningColumn
from plan_xl.workbook.writer import write_annotations
from plan_xl.workbook.xlsx_package import XlsxPackage

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "Projectplannen"
PART = "xl/worksheets/sheet1.xml"
LAST_XML_ROW = 3001  # header in row 1, data rows 2..3001
LAST_TABLE_ROW = LAST_XML_ROW + 4  # the table reaches past the XML's last row
HEADER = ["Project", "Omschrijving", "Bedrag", "Waarschuwingen", "Status", "Nr"]
ODD_ROW = b'<row  spans="1:6"\n r="5" >'  # must survive byte for byte


def missing(row: int) -> bool:
    return row % 97 == 0


def without_warning_cell(row: int) -> bool:
    return row % 11 == 0


def new_text(row: int) -> str:
    """The warning each row gets this run ('' = none)."""
    if row % 50 == 0:
        return f'PRJ001: "A & B" <c> > d\nregel 2 van rij {row}'
    if row % 3 == 0 or (missing(row) and row % 2 == 0) or row == LAST_TABLE_ROW - 1:
        return f"PRJ{row % 20:03d}: melding {row}"
    return ""


def old_warning_cell(row: int, p: str) -> str:
    ref = f"D{row}"
    if row % 7 == 0:
        old = new_text(row) if row % 21 == 0 else "OUD: verouderd"
        old = old.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<{p}c r="{ref}" s="1" t="inlineStr"><{p}is><{p}t>{old}</{p}t></{p}is></{p}c>'
    if row % 13 == 0:
        return f'<{p}c r="{ref}" s="1"><{p}v>5</{p}v></{p}c>'
    return f'<{p}c r="{ref}" s="1"/>'


def inline(ref: str, text: str, p: str) -> str:
    return f'<{p}c r="{ref}" t="inlineStr"><{p}is><{p}t>{text}</{p}t></{p}is></{p}c>'


def sheet_xml(prefix: str = "", between: str = "", comment: bool = False) -> bytes:
    """A worksheet written by hand; ``prefix`` like 'x:' for a prefixed namespace."""
    p = prefix
    decl = f'xmlns:{p[:-1]}="{NS}"' if p else f'xmlns="{NS}"'
    header = "".join(
        f'<{p}c r="{col}1" s="1" t="inlineStr"><{p}is><{p}t>{name}</{p}t></{p}is></{p}c>'
        for col, name in zip("ABCDEF", HEADER, strict=True)
    )
    rows = [f'<{p}row r="1" spans="1:6">{header}</{p}row>']
    for r in range(2, LAST_XML_ROW + 1):
        if missing(r):
            continue
        cells = inline(f"A{r}", f"P{r}", p) + inline(f"B{r}", f"Lijn {r}", p)
        cells += f'<{p}c r="C{r}"><{p}v>{r * 10}</{p}v></{p}c>'
        if not without_warning_cell(r):
            cells += old_warning_cell(r, p)
        cells += inline(f"E{r}", "Gepland", p) + f'<{p}c r="F{r}"><{p}v>{r}</{p}v></{p}c>'
        if r == 5:
            start = ODD_ROW.decode().replace("<row", f"<{p}row")
        elif without_warning_cell(r) and r % 2:
            start = f'<{p}row r="{r}" spans="1:3">'
        else:
            start = f'<{p}row r="{r}">'
        rows.append(f"{start}{cells}</{p}row>")
        if comment and r == 1500:
            rows.append("<!-- </row> hier geen rij -->")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<{p}worksheet {decl}><{p}dimension ref="A1:F{LAST_XML_ROW}"/>'
        f'<{p}cols><{p}col min="4" max="4" width="50" style="1" customWidth="1"/></{p}cols>'
        f"<{p}sheetData>{between}{between.join(rows)}{between}</{p}sheetData>"
        f'<{p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        f'footer="0.3"/></{p}worksheet>'
    ).encode()


def expected_cells() -> dict[str, object]:
    """Every non-empty cell of the annotated sheet, computed from the recipe above."""
    out: dict[str, object] = dict(
        zip(
            ["A1", "B1", "C1", "D1", "E1", "F1"],
            HEADER,
            strict=True,
        )
    )
    for r in range(2, LAST_TABLE_ROW + 1):
        if r <= LAST_XML_ROW and not missing(r):
            out |= {f"A{r}": f"P{r}", f"B{r}": f"Lijn {r}", f"C{r}": r * 10}
            out |= {f"E{r}": "Gepland", f"F{r}": r}
        if new_text(r):
            out[f"D{r}"] = new_text(r)
    return out


def make_workbook(path: Path, sheet: bytes) -> Path:
    """An openpyxl workbook (styles: xf 1 is bold) with its sheet replaced by ``sheet``."""
    base = path.with_name("base.xlsx")
    wb = openpyxl.Workbook()
    wb.active.title = SHEET
    wb.active["A1"] = "x"
    wb.active["A1"].font = Font(bold=True)
    wb.save(base)
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            zout.writestr(name, sheet if name == PART else zin.read(name))
    return path


def warnings_only(texts: dict[int, str]) -> Annotations:
    column = WarningColumn("tblProjectlijnen", SHEET, "D", 1, 2, LAST_TABLE_ROW, texts)
    # Controles and Budgetoverzicht are absent from this workbook: only D changes.
    return Annotations(
        "nl", [column], ChecksSheet("Controles", "tblControles", [], []), BudgetSheet("X", [])
    )


@pytest.fixture
def tree_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Parts parsed whole into a tree during the test; small chunks for the scanner."""
    parsed: list[str] = []
    original = XlsxPackage.xml

    def spy(self: XlsxPackage, name: str):  # type: ignore[no-untyped-def]
        parsed.append(name)
        return original(self, name)

    monkeypatch.setattr(XlsxPackage, "xml", spy)
    monkeypatch.setattr(xlsx_rows, "CHUNK_SIZE", 4096)
    return parsed


@pytest.mark.parametrize(
    ("prefix", "between", "comment", "streamed"),
    [
        ("", "", False, True),
        ("", "\n  ", False, True),
        ("x:", "", False, True),
        ("", "", True, False),  # a comment among the rows: the tree path, same result
    ],
    ids=["plain", "pretty-printed", "prefixed-namespace", "comment-falls-back-to-tree"],
)
def test_every_cell_of_a_large_sheet_matches_the_expected_warnings(
    tmp_path: Path, tree_parses: list[str], prefix: str, between: str, comment: bool, streamed: bool
) -> None:
    source = make_workbook(tmp_path / "plan.xlsx", sheet_xml(prefix, between, comment))
    texts = {r: t for r in range(2, LAST_TABLE_ROW + 1) if (t := new_text(r))}
    out = write_annotations(source, tmp_path / "out.xlsx", warnings_only(texts))
    assert (PART not in tree_parses) is streamed

    ws = openpyxl.load_workbook(out)[SHEET]
    got = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
    want = expected_cells()
    assert sorted(set(got) ^ set(want)) == []
    assert [k for k in want if got[k] != want[k]] == []
    # Cleared and newly created warning cells keep (or take the column's) bold style.
    for r in (7, 13, 14, 21, 33, 66, 97 * 2, LAST_TABLE_ROW - 1):
        assert ws[f"D{r}"].font.b, f"D{r} lost its style"

    with zipfile.ZipFile(out) as z:
        xml = z.read(PART)
    root = ET.fromstring(xml)
    dimension = root.find(f"{{{NS}}}dimension")
    assert dimension is not None and dimension.get("ref") == f"A1:F{LAST_TABLE_ROW - 1}"
    rows = {int(r.get("r", "0")): r for r in root.iter(f"{{{NS}}}row")}
    assert list(rows) == sorted(rows), "rows stay in ascending order"
    # Row 33 had spans 1:3 and no D cell: D is inserted between C and E, spans widened.
    assert [c.get("r") for c in rows[33]] == ["A33", "B33", "C33", "D33", "E33", "F33"]
    assert rows[33].get("spans") == "1:4"
    if streamed:
        odd = ODD_ROW.replace(b"<row", f"<{prefix}row".encode())
        assert odd in xml, "an untouched row keeps its exact bytes"


def test_a_rerun_with_the_same_warnings_leaves_the_sheet_as_it_was(
    tmp_path: Path, tree_parses: list[str]
) -> None:
    source = make_workbook(tmp_path / "plan.xlsx", sheet_xml())
    texts = {r: t for r in range(2, LAST_TABLE_ROW + 1) if (t := new_text(r))}
    first = write_annotations(source, tmp_path / "first.xlsx", warnings_only(texts))
    second = write_annotations(first, tmp_path / "second.xlsx", warnings_only(texts))
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.read(PART) == b.read(PART)
    assert PART not in tree_parses


def test_clearing_every_warning_empties_the_column_and_nothing_else(
    tmp_path: Path, tree_parses: list[str]
) -> None:
    source = make_workbook(tmp_path / "plan.xlsx", sheet_xml())
    out = write_annotations(source, tmp_path / "out.xlsx", warnings_only({}))
    ws = openpyxl.load_workbook(out)[SHEET]
    column_d = [ws.cell(r, 4).value for r in range(2, LAST_XML_ROW + 1)]
    assert column_d == [None] * (LAST_XML_ROW - 1)
    assert ws["F3000"].value == 3000 and ws["E2"].value == "Gepland"
    assert ws.max_row == LAST_XML_ROW, "no row is added when there is nothing to write"


def test_a_sheet_without_changes_is_copied_unchanged(tmp_path: Path) -> None:
    sheet = sheet_xml()
    # Only rows whose D cell is already blank: nothing to clear, nothing to write.
    sheet = re.sub(rb'(?s)<c r="D(\d+)" s="1"[^>/]*>.*?</c>', rb'<c r="D\1" s="1"/>', sheet)
    source = make_workbook(tmp_path / "plan.xlsx", sheet)
    out = write_annotations(source, tmp_path / "out.xlsx", warnings_only({}))
    with zipfile.ZipFile(out) as z:
        assert z.read(PART) == sheet
