"""The batch test corpus: one folder of submitted files, each with the status it must get.

Plan workbooks start from the template's example ("Gemeente Voorbeeld", which
validates without errors or warnings); defects are injected with openpyxl by
table and header name. The hostile files are made byte by byte.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.workbook.workbook import Workbook as OpenpyxlWorkbook

from plan_xl import contract as c
from plan_xl.template import build_workbook

HOSTILE_ORGANISATION = "<script>alert(1)</script>"
PLAN_SHEET = "xl/worksheets/sheet4.xml"  # Meerjarenplan in the example


@dataclass(frozen=True)
class Expected:
    status: str
    codes: tuple[str, ...] = ()  # rule codes that must be among the file's findings
    reason: str = ""  # text that must appear in the reason
    organisation: str = ""


@dataclass
class Corpus:
    folder: Path
    expected: dict[str, Expected] = field(default_factory=dict)  # display name -> expected
    skipped: list[str] = field(default_factory=list)


def set_table_value(
    wb: OpenpyxlWorkbook, table: str, data_row: int, header: str, value: Any
) -> None:
    """Set the cell of ``header`` in the ``data_row``-th (1-based) data row of ``table``."""
    for ws in wb.worksheets:
        if table in ws.tables:
            ref = ws.tables[table].ref
            first, _ = ref.split(":")
            first_col = ws[first].column
            header_row = ws[first].row
            for col in range(first_col, ws.max_column + 1):
                if str(ws.cell(header_row, col).value) == header:
                    ws.cell(header_row + data_row, col).value = value
                    return
            raise KeyError(f"{table} has no column {header}")
    raise KeyError(f"no table {table}")


def _mutated(example: Path, target: Path, change: Callable[[OpenpyxlWorkbook], None]) -> None:
    wb = load_workbook(example)
    change(wb)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)


def _setting(name: str, value: Any) -> Callable[[OpenpyxlWorkbook], None]:
    def change(wb: OpenpyxlWorkbook) -> None:
        ws = wb[c.SHEET_SETTINGS]
        for row in ws.iter_rows(min_col=1, max_col=2):
            if row[0].value == name:
                row[1].value = value
                return
        raise KeyError(name)

    return change


def _changes(*changes: Callable[[OpenpyxlWorkbook], None]) -> Callable[[OpenpyxlWorkbook], None]:
    def change(wb: OpenpyxlWorkbook) -> None:
        for one in changes:
            one(wb)

    return change


def _cell(table: str, row: int, header: str, value: Any) -> Callable[[OpenpyxlWorkbook], None]:
    return lambda wb: set_table_value(wb, table, row, header, value)


def _close_gap(theme_row: int) -> Callable[[OpenpyxlWorkbook], None]:
    """Raise a theme's current maturity to its ambition (keeps the example clean)."""

    def change(wb: OpenpyxlWorkbook) -> None:
        ws = wb[c.SHEET_MATURITY]
        header = [cell.value for cell in ws[1]]
        ambition = ws.cell(1 + theme_row, header.index(c.COL_AMBITION) + 1).value
        ws.cell(1 + theme_row, header.index(c.COL_CURRENT) + 1).value = ambition

    return change


# Defective plan workbooks: (file name, change, expected status, codes that must fire).
DEFECTS: list[tuple[str, Callable[[OpenpyxlWorkbook], None], str, tuple[str, ...]]] = [
    (
        "fout-actie-zonder-code.xlsx",
        _cell(c.TBL_ACTIONS, 3, c.COL_CODE, None),
        "findings",
        ("ACT002",),
    ),
    (
        "fout-maturiteit.xlsx",
        _cell(c.TBL_THEMES, 1, c.COL_CURRENT, "Super"),
        "findings",
        ("MAT001",),
    ),
    (
        "fout-ambitie-lager.xlsx",
        _cell(c.TBL_THEMES, 1, c.COL_AMBITION, "Initiatie"),
        "findings",
        ("MAT003",),
    ),
    (
        "fout-dubbele-code.xlsx",
        _cell(c.TBL_ACTIONS, 2, c.COL_CODE, "A1.1.1"),
        "findings",
        ("ACT001",),
    ),
    (
        "fout-onbekende-actiecode.xlsx",
        _cell(c.TBL_PROJECT_LINES, 1, c.COL_ACTION_CODE, "X9.9.9"),
        "findings",
        ("PRJ001",),
    ),
    (
        "fout-negatief-bedrag.xlsx",
        _cell(c.TBL_PROJECT_LINES, 2, "2026", -500),
        "findings",
        ("PRJ004",),
    ),
    ("fout-tekst-bedrag.xlsx", _cell(c.TBL_ACTIONS, 1, "2028", "veel"), "findings", ("ACT009",)),
    ("fout-celfout.xlsx", _cell(c.TBL_ACTIONS, 4, c.COL_CONTACT, "#REF!"), "findings", ("WB004",)),
    # Warnings only: with --fail-on error these files are still "ok".
    (
        "waarschuwing-raming.xlsx",
        _cell(c.TBL_ACTIONS, 1, "2027", 53000 + 25000),
        "ok",
        ("ACT005", "BUD001"),
    ),
    (
        "waarschuwing-onbalans.xlsx",
        _changes(
            _cell(c.TBL_THEMES, 6, c.COL_AMBITION, "Transformatie"),
            _setting(c.P_MAX_IMBALANCE, 1),
            _setting(c.P_ORGANISATION, HOSTILE_ORGANISATION),
        ),
        "ok",
        ("MAT005", "MAT006"),
    ),
]


def _zip_bomb(example: Path, target: Path, megabytes: int = 120) -> None:
    """The example with one sheet padded by whitespace that compresses ~1000 times."""
    with zipfile.ZipFile(example) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == PLAN_SHEET:
                head, sep, tail = data.rpartition(b"</worksheet>")
                with dst.open(info.filename, "w", force_zip64=True) as out:
                    out.write(head)
                    block = b" " * (1 << 20)
                    for _ in range(megabytes):
                        out.write(block)
                    out.write(sep + tail)
            else:
                dst.writestr(info, data)


LAUGH_DTD = b"""<!DOCTYPE worksheet [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def _billion_laughs(example: Path, target: Path) -> None:
    """The example whose plan sheet expands one cell's text to 10^9 "lol"s."""
    with zipfile.ZipFile(example) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == PLAN_SHEET:
                root = data.index(b"<worksheet")
                poisoned = data[:root] + LAUGH_DTD + data[root:]
                data = poisoned.replace(b"<is><t>", b"<is><t>&lol9;", 1)
                assert b"&lol9;" in data
            dst.writestr(info, data)


def _far_corner(example: Path, target: Path) -> None:
    """The example with one more cell at XFD1048576: two far-apart cells span a grid
    of 17 billion cells, which python-calamine would try to allocate."""
    far = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    with zipfile.ZipFile(example) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == PLAN_SHEET:
                data = data.replace(b"</sheetData>", far, 1)
                assert b"XFD1048576" in data
            dst.writestr(info, data)


def _encrypted(example: Path, target: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    with example.open("rb") as plain:
        buffer = io.BytesIO()
        OOXMLFile(plain).encrypt("geheim", buffer)
    target.write_bytes(buffer.getvalue())


def _not_a_plan(target: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Begroting"
    ws.append(["Post", "Bedrag"])
    ws.append(["Personeel", 120000])
    wb.save(target)


def build_corpus(folder: Path, work: Path, resave: Callable[[Path, Path], Path]) -> Corpus:
    """Write every test file into ``folder``; ``resave(src, outdir)`` re-saves with LibreOffice."""
    folder.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    example = build_workbook(work / "voorbeeld.xlsx", example=True)
    corpus = Corpus(folder)

    # 10 clean workbooks, one of them in a subfolder under a name used twice.
    for i in range(1, 11):
        name = f"schoon-{i:02d}.xlsx" if i < 10 else "andere-map/schoon-01.xlsx"
        organisation = f"Gemeente Schoon {i:02d}"
        change = _changes(_setting(c.P_ORGANISATION, organisation), _close_gap(1 + (i % 8)))
        _mutated(example, folder / name, change)
        corpus.expected[name] = Expected("ok", organisation=organisation)
    for name, change, status, codes in DEFECTS:
        _mutated(example, folder / name, change)
        corpus.expected[name] = Expected(status, codes)
    corpus.expected["waarschuwing-onbalans.xlsx"] = Expected(
        "ok", ("MAT005", "MAT006"), reason="waarschuwingen: 2", organisation=HOSTILE_ORGANISATION
    )
    corpus.expected["fout-maturiteit.xlsx"] = Expected(
        "findings", ("MAT001",), reason="Bevindingen op niveau fout of hoger (fouten: 1,"
    )

    resaved = resave(example, work / "lo")
    shutil.copyfile(resaved, folder / "libreoffice-bewaard.xlsx")
    corpus.expected["libreoffice-bewaard.xlsx"] = Expected("ok", organisation="Gemeente Voorbeeld")

    _not_a_plan(folder / "geen-plan.xlsx")
    corpus.expected["geen-plan.xlsx"] = Expected("not_plan_workbook", reason="geen plan-xl-werkmap")
    data = example.read_bytes()
    (folder / "afgebroken.xlsx").write_bytes(data[: len(data) // 2])
    corpus.expected["afgebroken.xlsx"] = Expected("unreadable", reason="beschadigd of onvolledig")
    (folder / "tekst.xlsx").write_text("Dit is gewoon tekst.\n" * 50, encoding="utf-8")
    corpus.expected["tekst.xlsx"] = Expected("unreadable", reason="geen Excel-werkmap")
    _encrypted(example, folder / "versleuteld.xlsx")
    corpus.expected["versleuteld.xlsx"] = Expected("encrypted", reason="wachtwoord")
    _zip_bomb(example, folder / "zipbom.xlsx")
    corpus.expected["zipbom.xlsx"] = Expected("too_large", reason="zip-bom")
    _far_corner(example, folder / "verre-hoek.xlsx")
    corpus.expected["verre-hoek.xlsx"] = Expected("too_large", reason="XFD1048576")
    _billion_laughs(example, folder / "billion-laughs.xlsx")
    corpus.expected["billion-laughs.xlsx"] = Expected("unreadable", reason="ENTITY")

    # Never picked up: an Excel lock file and an earlier annotated copy.
    (folder / "~$schoon-01.xlsx").write_bytes(b"lock")
    shutil.copyfile(folder / "schoon-02.xlsx", folder / "schoon-02.gecontroleerd.xlsx")
    corpus.skipped = ["~$schoon-01.xlsx", "schoon-02.gecontroleerd.xlsx"]
    return corpus
