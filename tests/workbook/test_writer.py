"""The annotated copy: owned parts rewritten, everything else kept.

Workbooks are built with openpyxl (tests/support/writer_workbooks.py); the
annotations are built by hand so these tests do not depend on the checks.
Independent readers verify the result: zipfile part by part, openpyxl, and
LibreOffice in the test marked ``libreoffice``.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest

from plan_xl import contract as c
from plan_xl.core.annotations import (
    Annotations,
    CheckRow,
    ChecksSheet,
    WarningColumn,
    budget_sheet,
    sheet_location,
)
from plan_xl.errors import PlanXlError
from plan_xl.workbook.writer import default_output, write_annotations, write_in_place
from tests.support.writer_workbooks import USER_SHEET, YEARS, BuiltWorkbook, build_plan_workbook

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

BUDGET = {
    "by_theme": {"Toepassingen": {"2026": 3000.0, "2027": 3500.5}, "Processen": {"2026": 10.0}},
    "by_action": {"A001": {"2026": {"mjp": 1000.0, "projects": 1000.0, "difference": 0.0}}},
    "by_cost_type": {"Eenmalig": {"2026": 500.0}, "Recurrent": {"2026": 2500.0, "2027": 2600.0}},
    "by_budget_type": {"Exploitatie": {"2026": 3000.0}},
}


def annotations_for(
    built: BuiltWorkbook, texts: dict[str, dict[int, str]], checks: list[CheckRow] | None = None
) -> Annotations:
    columns = [
        WarningColumn(table, sheet, col, header, header + 1, last, texts.get(table, {}))
        for table, (sheet, header, col, last) in built.warnings.items()
    ]
    sheet = ChecksSheet(c.SHEET_CHECKS, c.TBL_CHECKS, list(c.CHECKS_TABLE.columns), checks or [])
    return Annotations("nl", columns, sheet, budget_sheet(BUDGET, YEARS, "nl"))


def check_row(code: str, sheet: str, cell: str, message: str) -> CheckRow:
    return CheckRow("Waarschuwing", code, sheet, cell, "A001", message, sheet_location(sheet, cell))


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name -> part, read with the standard library only."""
    with zipfile.ZipFile(path) as z:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG}Relationship")}
    out = {}
    for s in wb.iter(f"{MAIN}sheet"):
        target = targets[s.get(RID)]
        out[s.get("name", "")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return out


def owned_parts(path: Path) -> set[str]:
    """The parts plan-xl may change: its sheets, their rels, tblControles, content types.

    ``xl/styles.xml`` only gains entries (the budget's euro format): tests/workbook/
    test_budget_styles.py proves every existing entry is kept as it was.
    """
    parts = sheet_parts(path)
    owned = {parts[s] for s in (c.SHEET_MATURITY, c.SHEET_PLAN, c.SHEET_PROJECTS)}
    for sheet in (c.SHEET_CHECKS, c.SHEET_BUDGET):
        owned.add(parts[sheet])
        folder, name = posixpath.split(parts[sheet])
        owned.add(f"{folder}/_rels/{name}.rels")
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/tables/") and b"tblControles" in z.read(name):
                owned.add(name)
    owned.add("[Content_Types].xml")
    owned.add("xl/styles.xml")
    return owned


@pytest.fixture
def built(tmp_path: Path) -> BuiltWorkbook:
    return build_plan_workbook(tmp_path / "plan.xlsx")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_part_plan_xl_does_not_own_is_copied_byte_for_byte(
    built: BuiltWorkbook, tmp_path: Path
) -> None:
    before = digest(built.path)
    out = write_annotations(
        built.path,
        tmp_path / "out.xlsx",
        annotations_for(built, {c.TBL_ACTIONS: {2: "ACT005: verschil"}}),
    )
    assert digest(built.path) == before, "the original must never change"
    owned = owned_parts(built.path)
    with zipfile.ZipFile(built.path) as src, zipfile.ZipFile(out) as dst:
        copied = set(dst.namelist())
        for name in src.namelist():
            assert name in copied, f"{name} was dropped"
            if name not in owned:
                assert src.read(name) == dst.read(name), f"{name} changed"
        # The user's chart, image and comments are among the parts kept.
        names = src.namelist()
        assert any(n.startswith("xl/charts/") for n in names)
        assert any(n.startswith("xl/media/") for n in names)
        assert any(n.startswith("xl/comments") for n in names)


def test_user_content_survives_as_read_by_openpyxl(built: BuiltWorkbook, tmp_path: Path) -> None:
    texts = {
        c.TBL_ACTIONS: {2: "ACT005: verschil\nACT006: geen aanspreekpunt", 4: "ACT007: x"},
        c.TBL_THEMES: {3: "MAT004: te snel"},
        c.TBL_PROJECT_LINES: {7: "PRJ006: licentie stopt"},
    }
    out = write_annotations(built.path, tmp_path / "out.xlsx", annotations_for(built, texts))
    old = openpyxl.load_workbook(built.path)
    new = openpyxl.load_workbook(out)
    assert new.sheetnames == old.sheetnames
    for table, (sheet, header, col, _last) in built.warnings.items():
        ws_old, ws_new = old[sheet], new[sheet]
        for row_old, row_new in zip(ws_old.iter_rows(), ws_new.iter_rows(), strict=True):
            for a, b in zip(row_old, row_new, strict=True):
                if a.column_letter == col and a.row > header:
                    continue
                assert a.value == b.value, f"{sheet}!{a.coordinate}"
        for row, text in texts[table].items():
            assert ws_new[f"{col}{row}"].value == text
        assert set(ws_new.tables) == set(ws_old.tables)
        assert [t.ref for t in ws_new.tables.values()] == [t.ref for t in ws_old.tables.values()]
    plan_old, plan_new = old[c.SHEET_PLAN], new[c.SHEET_PLAN]
    assert plan_new["Q2"].value == plan_old["Q2"].value == "=SUM(K2:P2)"
    assert plan_new.column_dimensions["R"].width == plan_old.column_dimensions["R"].width
    assert plan_new["R2"].alignment.wrap_text, "the cell keeps its style"
    assert [dv.sqref for dv in plan_new.data_validations.dataValidation] == [
        dv.sqref for dv in plan_old.data_validations.dataValidation
    ]
    assert [str(r.sqref) for r in plan_new.conditional_formatting] == [
        str(r.sqref) for r in plan_old.conditional_formatting
    ]
    user = new[USER_SHEET]
    assert user["B1"].value == old[USER_SHEET]["B1"].value
    assert user["B2"].value == "=A2*2"
    assert user["C1"].hyperlink.target == "https://www.vlaanderen.be/"
    assert user["A3"].comment.text == "Eigen notitie van de gebruiker"
    assert new[c.SHEET_MATURITY]["A1"].comment.text == "Thema's uit het strategiemodel"
    assert user.column_dimensions["A"].width == 42
    assert len(user._charts) == 1 and len(user._images) == 1
    assert new.defined_names["mijnBereik"].attr_text == f"'{USER_SHEET}'!$A$5:$B$7"


def test_a_fixed_cause_clears_its_warning_and_keeps_the_cell_style(
    built: BuiltWorkbook, tmp_path: Path
) -> None:
    first = write_annotations(
        built.path,
        tmp_path / "first.xlsx",
        annotations_for(built, {c.TBL_ACTIONS: {2: "ACT006: geen aanspreekpunt", 3: "ACT007: x"}}),
    )
    second = write_annotations(
        first, tmp_path / "second.xlsx", annotations_for(built, {c.TBL_ACTIONS: {3: "ACT007: x"}})
    )
    ws = openpyxl.load_workbook(second)[c.SHEET_PLAN]
    assert ws["R2"].value is None
    assert ws["R3"].value == "ACT007: x"
    assert ws["R2"].alignment.wrap_text


def test_controles_lists_findings_with_working_internal_links(
    built: BuiltWorkbook, tmp_path: Path
) -> None:
    rows = [
        check_row("ACT005", c.SHEET_PLAN, "L3", "2027: verschil"),
        check_row("MAT004", c.SHEET_MATURITY, "E4", "te snel"),
    ]
    out = write_annotations(built.path, tmp_path / "out.xlsx", annotations_for(built, {}, rows))
    ws = openpyxl.load_workbook(out)[c.SHEET_CHECKS]
    table = ws.tables[c.TBL_CHECKS]
    assert table.ref == "A3:F5"
    assert table.autoFilter is None or table.autoFilter.ref == "A3:F5"
    assert [cell.value for cell in ws[3]] == list(c.CHECKS_TABLE.columns)
    assert [cell.value for cell in ws[4]] == [
        "Waarschuwing",
        "ACT005",
        c.SHEET_PLAN,
        "L3",
        "A001",
        "2027: verschil",
    ]
    assert ws["D4"].hyperlink.location == "'Meerjarenplan'!L3"
    assert ws["D5"].hyperlink.location == "'Maturiteit'!E4"
    # Fewer findings next time: the table shrinks, old rows and links go.
    again = write_annotations(out, tmp_path / "again.xlsx", annotations_for(built, {}, rows[:1]))
    ws = openpyxl.load_workbook(again)[c.SHEET_CHECKS]
    assert ws.tables[c.TBL_CHECKS].ref == "A3:F4"
    assert ws["B5"].value is None and ws["D5"].hyperlink is None


def test_budgetoverzicht_holds_the_summaries_and_two_charts(
    built: BuiltWorkbook, tmp_path: Path
) -> None:
    out = write_annotations(built.path, tmp_path / "out.xlsx", annotations_for(built, {}))
    ws = openpyxl.load_workbook(out)[c.SHEET_BUDGET]
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    header = next(r for r in values if r[0] == "Thema")
    assert header[1:8] == [*YEARS, "Totaal"]
    row = next(r for r in values if r[0] == "Toepassingen")
    assert row[1:3] == [3000.0, 3500.5] and row[7] == 6500.5  # total computed by hand
    recurring = next(r for r in values if r[0] == "Recurrent")
    assert recurring[1:3] == [2500.0, 2600.0]
    assert len(ws._charts) == 2
    titles = {"".join(r.t for p in ch.title.tx.rich.p for r in (p.r or [])) for ch in ws._charts}
    assert titles == {"Budget per thema per jaar", "Eenmalig en recurrent over de jaren"}


def test_rerun_replaces_rather_than_duplicates(built: BuiltWorkbook, tmp_path: Path) -> None:
    rows = [check_row("ACT005", c.SHEET_PLAN, "L3", "2027: verschil")]
    ann = annotations_for(built, {c.TBL_ACTIONS: {3: "ACT005: verschil"}}, rows)
    first = write_annotations(built.path, tmp_path / "first.xlsx", ann)
    second = write_annotations(first, tmp_path / "second.xlsx", ann)
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), f"{name} differs on a re-run"
        types = b.read("[Content_Types].xml").decode()
        for part in b.namelist():
            assert types.count(f'PartName="/{part}"') <= 1
        budget_rels = (
            f"xl/worksheets/_rels/{posixpath.basename(sheet_parts(second)[c.SHEET_BUDGET])}.rels"
        )
        assert b.read(budget_rels).decode().count('/drawing"') == 1
        drawings = [n for n in b.namelist() if re.fullmatch(r"xl/drawings/drawing\d+\.xml", n)]
        # One drawing for the user's chart and image, one for Budgetoverzicht.
        assert len(drawings) == 2


def with_calc_chain(path: Path, chain: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """(edits, extra parts) that give the workbook at ``path`` a calcChain.xml
    holding ``chain``: its content type, its relationship and the part."""
    with zipfile.ZipFile(path) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    types = types.replace(
        "</Types>",
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.calcChain+xml"/></Types>',
    )
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/calcChain" Target="calcChain.xml"/></Relationships>',
    )
    edits = {"[Content_Types].xml": types.encode(), "xl/_rels/workbook.xml.rels": rels.encode()}
    return edits, {"xl/calcChain.xml": chain.encode()}


def _with_extra_parts(
    src: Path, dst: Path, edit: dict[str, bytes], extra: dict[str, bytes]
) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            zout.writestr(name, edit.get(name, zin.read(name)))
        for name, data in extra.items():
            zout.writestr(name, data)
    return dst


def _macro_workbook(built: BuiltWorkbook, tmp_path: Path) -> tuple[Path, bytes]:
    vba = bytes(range(256)) * 40
    with zipfile.ZipFile(built.path) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    types = types.replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    ).replace(
        "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
        'vbaProject" Target="vbaProject.bin"/></Relationships>',
    )
    path = _with_extra_parts(
        built.path,
        tmp_path / "plan.xlsm",
        {"[Content_Types].xml": types.encode(), "xl/_rels/workbook.xml.rels": rels.encode()},
        {"xl/vbaProject.bin": vba},
    )
    return path, vba


def test_xlsm_copy_keeps_its_macros_byte_for_byte(built: BuiltWorkbook, tmp_path: Path) -> None:
    source, vba = _macro_workbook(built, tmp_path)
    target = default_output(source)
    assert target.name == "plan.gecontroleerd.xlsm"
    write_annotations(source, target, annotations_for(built, {c.TBL_ACTIONS: {2: "ACT006: x"}}))
    with zipfile.ZipFile(target) as z:
        assert z.read("xl/vbaProject.bin") == vba
        types = z.read("[Content_Types].xml").decode()
        assert "macroEnabled.main+xml" in types and 'Extension="bin"' in types
        assert "vbaProject" in z.read("xl/_rels/workbook.xml.rels").decode()
    with pytest.raises(PlanXlError) as caught:
        write_annotations(source, tmp_path / "kopie.xlsx", annotations_for(built, {}))
    assert ".xlsm" in caught.value.user_message()


def _drop_empty_cell(xml: bytes, ref: str) -> bytes:
    pattern = rb'<c r="%s"[^>/]*(?:/>|></c>)' % ref.encode()
    dropped, n = re.subn(pattern, b"", xml)
    assert n == 1, f"expected one empty {ref} cell"
    return dropped


def _put_in_sheet(xml: bytes, row: int, cells: str) -> bytes:
    """Append raw cells to a row of a sheet's XML."""
    pattern = re.compile(rb'(<row [^>]*r="%d"[^>]*>)(.*?)(</row>)' % row, re.S)
    return pattern.sub(lambda m: m.group(1) + m.group(2) + cells.encode() + m.group(3), xml, 1)


def test_shared_formula_master_in_an_owned_cell_is_handed_on(
    built: BuiltWorkbook, tmp_path: Path
) -> None:
    part = sheet_parts(built.path)[c.SHEET_PLAN]
    with zipfile.ZipFile(built.path) as z:
        xml = z.read(part)
    # Waarschuwingen R2 holds the master of a formula shared over R2:T2.
    xml = _drop_empty_cell(xml, "R2")  # the builder's styled empty cell
    xml = _put_in_sheet(
        xml,
        2,
        '<c r="R2"><f t="shared" ref="R2:T2" si="0">K2*2</f><v>2000</v></c>'
        '<c r="S2"><f t="shared" si="0"/><v>2000</v></c>'
        '<c r="T2"><f t="shared" si="0"/><v>2000</v></c>',
    )
    source = _with_extra_parts(built.path, tmp_path / "shared.xlsx", {part: xml}, {})
    out = write_annotations(
        source, tmp_path / "out.xlsx", annotations_for(built, {c.TBL_ACTIONS: {2: "ACT006: x"}})
    )
    ws = openpyxl.load_workbook(out)[c.SHEET_PLAN]
    assert ws["R2"].value == "ACT006: x"
    assert ws["S2"].value == "=L2*2"
    assert ws["T2"].value == "=M2*2"


def test_calc_chain_is_dropped_only_when_an_owned_formula_goes(
    built: BuiltWorkbook, tmp_path: Path
) -> None:
    part = sheet_parts(built.path)[c.SHEET_PLAN]
    with zipfile.ZipFile(built.path) as z:
        xml = z.read(part)
    xml = _drop_empty_cell(xml, "R3")
    xml = _put_in_sheet(xml, 3, '<c r="R3" t="str"><f>"zie "&amp;A3</f><v>zie A002</v></c>')
    chain = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<c r="Q2" i="4"/><c r="R3"/></calcChain>'
    )
    edits, extra = with_calc_chain(built.path, chain)
    plain = _with_extra_parts(built.path, tmp_path / "plain.xlsx", edits, extra)
    source = _with_extra_parts(built.path, tmp_path / "calc.xlsx", {**edits, part: xml}, extra)

    ann = annotations_for(built, {c.TBL_ACTIONS: {2: "ACT006: x"}})
    kept = write_annotations(plain, tmp_path / "kept.xlsx", ann)
    with zipfile.ZipFile(kept) as z:
        assert z.read("xl/calcChain.xml") == chain.encode()  # no formula was touched

    dropped = write_annotations(source, tmp_path / "dropped.xlsx", ann)
    with zipfile.ZipFile(dropped) as z:
        assert "xl/calcChain.xml" not in z.namelist()
        assert "calcChain" not in z.read("[Content_Types].xml").decode()
        assert "calcChain" not in z.read("xl/_rels/workbook.xml.rels").decode()
    assert openpyxl.load_workbook(dropped)[c.SHEET_PLAN]["R3"].value is None


def test_in_place_keeps_a_backup_of_the_original(built: BuiltWorkbook) -> None:
    original = built.path.read_bytes()
    annotated, backup = write_in_place(
        built.path, annotations_for(built, {c.TBL_ACTIONS: {2: "ACT006: x"}})
    )
    assert annotated == built.path
    assert backup.read_bytes() == original
    assert re.fullmatch(r"plan\.backup-\d{8}-\d{6}\.xlsx", backup.name)
    assert openpyxl.load_workbook(built.path)[c.SHEET_PLAN]["R2"].value == "ACT006: x"


def test_the_copy_never_overwrites_its_source(built: BuiltWorkbook) -> None:
    with pytest.raises(PlanXlError) as caught:
        write_annotations(built.path, built.path, annotations_for(built, {}))
    assert "origineel" in caught.value.user_message()


def test_no_temporary_file_is_left_when_writing_fails(built: BuiltWorkbook, tmp_path: Path) -> None:
    not_a_zip = tmp_path / "kapot.xlsx"
    not_a_zip.write_bytes(b"dit is geen werkmap")
    with pytest.raises(PlanXlError):
        write_annotations(not_a_zip, tmp_path / "out.xlsx", annotations_for(built, {}))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kapot.xlsx", "plan.xlsx"]


@pytest.mark.libreoffice
def test_libreoffice_opens_the_annotated_copy(
    built: BuiltWorkbook, tmp_path: Path, soffice: str
) -> None:
    from tests.support.libreoffice import convert

    rows = [check_row("ACT005", c.SHEET_PLAN, "L3", "2027: verschil")]
    out = write_annotations(
        built.path,
        tmp_path / "annotated.xlsx",
        annotations_for(built, {c.TBL_ACTIONS: {3: "ACT005: verschil"}}, rows),
    )
    resaved = convert(out, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    wb = openpyxl.load_workbook(resaved)
    assert wb[c.SHEET_PLAN]["R3"].value == "ACT005: verschil"
    assert wb[c.SHEET_CHECKS]["B4"].value == "ACT005"
    assert wb[USER_SHEET]["B2"].value == "=A2*2"
    budget = [
        r for r in wb[c.SHEET_BUDGET].iter_rows(values_only=True) if r and r[0] == "Toepassingen"
    ]
    assert budget and budget[0][1] == 3000
    assert len(wb[c.SHEET_BUDGET]._charts) == 2
    assert len(wb[USER_SHEET]._charts) == 1


def test_rows_with_implicit_cell_positions_get_the_warning_in_the_right_column(
    built: BuiltWorkbook, tmp_path: Path
) -> None:
    part = sheet_parts(built.path)[c.SHEET_PLAN]
    with zipfile.ZipFile(built.path) as z:
        xml = z.read(part)
    # Row 4 written without cell references (allowed by the format): A4, B4, C4 in order.
    xml = re.sub(
        rb'<row r="4"[^>]*>.*?</row>',
        b'<row r="4"><c t="inlineStr"><is><t>A003</t></is></c><c><v>5</v></c>'
        b'<c t="inlineStr"><is><t>AP1</t></is></c></row>',
        xml,
        flags=re.S,
    )
    source = _with_extra_parts(built.path, tmp_path / "implicit.xlsx", {part: xml}, {})
    out = write_annotations(
        source, tmp_path / "out.xlsx", annotations_for(built, {c.TBL_ACTIONS: {4: "ACT006: x"}})
    )
    ws = openpyxl.load_workbook(out)[c.SHEET_PLAN]
    assert [ws[f"{col}4"].value for col in "ABCR"] == ["A003", 5, "AP1", "ACT006: x"]
    assert ws["D4"].value is None
