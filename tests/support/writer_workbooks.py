"""Plan workbooks built with openpyxl for the writer tests, with user extras.

The workbook follows the contract (sheets, tables, headers) and adds what a
user might have put in it: an extra sheet with formulas, a cell comment, an
image, a chart, defined names, data validation, conditional formatting,
column widths and a hyperlink. Tests prove the annotated copy keeps them.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from plan_xl import contract as c

YEARS = list(range(2026, 2032))
USER_SHEET = "Notities"


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A small valid PNG made with zlib and struct only."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes([200, 30, 30] * width) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@dataclass
class BuiltWorkbook:
    path: Path
    # table name -> (sheet, header row, column letter of Waarschuwingen, last data row)
    warnings: dict[str, tuple[str, int, str, int]] = field(default_factory=dict)


def _table(ws, name: str, header: list[str], rows: list[list], top: int = 1, left: int = 1) -> str:  # type: ignore[no-untyped-def]
    for j, text in enumerate(header, start=left):
        ws.cell(row=top, column=j, value=text)
    for i, values in enumerate(rows, start=top + 1):
        for j, value in enumerate(values, start=left):
            ws.cell(row=i, column=j, value=value)
    first_col = ws.cell(row=top, column=left).column_letter
    last_col = ws.cell(row=top, column=left + len(header) - 1).column_letter
    ref = f"{first_col}{top}:{last_col}{top + max(len(rows), 1)}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    return ref


def build_plan_workbook(
    path: Path, *, actions: int = 3, lines_per_action: int = 2
) -> BuiltWorkbook:
    wb = Workbook()
    wb.active.title = c.SHEET_INSTRUCTIONS
    wb.active["A1"] = "Vul de tabellen in en klik op Valideer."
    built = BuiltWorkbook(path)

    ws = wb.create_sheet(c.SHEET_SETTINGS)
    settings = [[k, v] for k, v in c.SETTINGS_DEFAULTS.items()]
    settings[0][1] = "Gemeente Test"
    _table(ws, c.TBL_SETTINGS, [c.COL_PARAMETER, c.COL_VALUE], settings)
    levels = [
        [name, score, c.LEVEL_DESCRIPTIONS["nl"][name]] for name, score in c.LEVEL_SCORES.items()
    ]
    _table(ws, c.TBL_LEVELS, [c.COL_LEVEL, c.COL_SCORE, c.COL_DESCRIPTION], levels, left=4)
    deps = [[d.theme, d.required_theme, d.max_lag] for d in c.DEFAULT_DEPENDENCIES]
    _table(ws, c.TBL_DEPENDENCIES, [c.COL_THEME, c.COL_REQUIRED_THEME, c.COL_MAX_LAG], deps, left=8)

    ws = wb.create_sheet(c.SHEET_MATURITY)
    header = c.THEMES_TABLE.headers(YEARS)
    themes = [
        [t.name, t.description, t.critical_questions, "Basis", "Basis", "Jan", None]
        for t in c.DEFAULT_THEMES
    ]
    _table(ws, c.TBL_THEMES, header, themes)
    built.warnings[c.TBL_THEMES] = (c.SHEET_MATURITY, 1, "G", 1 + len(themes))
    ws.column_dimensions["A"].width = 31
    ws["A1"].comment = Comment("Thema's uit het strategiemodel", "Consultant")

    ws = wb.create_sheet(c.SHEET_PLAN)
    header = c.ACTIONS_TABLE.headers(YEARS)
    rows = []
    for i in range(actions):
        code = f"A{i + 1:03d}"
        amounts = [1000 * (i + 1)] * len(YEARS)
        rows.append(
            [
                code,
                "BD1",
                "AP1",
                f"Actie {i + 1}",
                "Prioritair",
                "Toepassingen",
                None,
                "Klant",
                "Piet",
                "Kwartaalrapport",
                *amounts,
                None,
                None,
            ]
        )
    _table(ws, c.TBL_ACTIONS, header, rows)
    total_col = header.index(c.COL_TOTAL) + 1
    first_year = ws.cell(row=1, column=header.index("2026") + 1).column_letter
    last_year = ws.cell(row=1, column=header.index("2031") + 1).column_letter
    for r in range(2, 2 + len(rows)):
        ws.cell(row=r, column=total_col, value=f"=SUM({first_year}{r}:{last_year}{r})")
    warn_col = ws.cell(row=1, column=header.index(c.COL_WARNINGS) + 1).column_letter
    built.warnings[c.TBL_ACTIONS] = (c.SHEET_PLAN, 1, warn_col, 1 + len(rows))
    ws.column_dimensions[warn_col].width = 60
    for r in range(2, 2 + len(rows)):
        ws[f"{warn_col}{r}"].alignment = Alignment(wrap_text=True)
    policy = DataValidation(type="list", formula1='"Prioritair,Overig"', allow_blank=True)
    policy.add(f"E2:E{1 + len(rows)}")
    ws.add_data_validation(policy)
    ws.conditional_formatting.add(
        f"K2:P{1 + len(rows)}",
        CellIsRule(operator="lessThan", formula=["0"], font=Font(color="FF0000")),
    )

    ws = wb.create_sheet(c.SHEET_PROJECTS)
    header = c.PROJECT_LINES_TABLE.headers(YEARS)
    lines = []
    for i in range(actions):
        for k in range(lines_per_action):
            amounts = [1000 * (i + 1) / lines_per_action] * len(YEARS)
            lines.append(
                [
                    f"Project {i + 1}.{k + 1}",
                    "Omschrijving",
                    f"A{i + 1:03d}",
                    "Toepassingen",
                    "Recurrent",
                    "Exploitatie",
                    "Els",
                    "Lopend",
                    *amounts,
                    None,
                    None,
                ]
            )
    _table(ws, c.TBL_PROJECT_LINES, header, lines)
    warn_col = ws.cell(row=1, column=header.index(c.COL_WARNINGS) + 1).column_letter
    built.warnings[c.TBL_PROJECT_LINES] = (c.SHEET_PROJECTS, 1, warn_col, 1 + len(lines))

    ws = wb.create_sheet(c.SHEET_BUDGET)
    ws["A1"] = "Budgetoverzicht"
    ws = wb.create_sheet(c.SHEET_CHECKS)
    ws["A1"] = "Controles"
    _table(ws, c.TBL_CHECKS, list(c.CHECKS_TABLE.columns), [], top=3)

    # User extras -------------------------------------------------------------
    ws = wb.create_sheet(USER_SHEET)
    ws["A1"] = "Som van de acties"
    ws["B1"] = f"=SUM('{c.SHEET_PLAN}'!K2:K{1 + actions})"
    ws["A2"] = 21
    ws["B2"] = "=A2*2"
    ws["C1"] = "Website"
    ws["C1"].hyperlink = "https://www.vlaanderen.be/"
    ws["A3"].comment = Comment("Eigen notitie van de gebruiker", "Gebruiker")
    ws.column_dimensions["A"].width = 42
    for r, (label, amount) in enumerate([("a", 1), ("b", 4), ("c", 9)], start=5):
        ws.cell(row=r, column=1, value=label)
        ws.cell(row=r, column=2, value=amount)
    chart = BarChart()
    chart.title = "Eigen grafiek"
    chart.add_data(Reference(ws, min_col=2, min_row=5, max_row=7))
    chart.set_categories(Reference(ws, min_col=1, min_row=5, max_row=7))
    ws.add_chart(chart, "E5")
    image_path = path.with_suffix(".png")
    image_path.write_bytes(tiny_png())
    ws.add_image(Image(str(image_path)), "E25")
    wb.defined_names["mijnBereik"] = DefinedName(
        "mijnBereik", attr_text=f"'{USER_SHEET}'!$A$5:$B$7"
    )
    wb.save(path)
    image_path.unlink()
    return built
