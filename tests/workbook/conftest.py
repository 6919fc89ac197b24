"""Plan workbooks written by openpyxl (an independent writer) for the reader tests."""

from __future__ import annotations

import copy
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.utils.cell import coordinate_from_string, get_column_letter
from openpyxl.worksheet.table import Table

from plan_xl import contract as c

YEARS = c.plan_years(c.DEFAULT_START_YEAR, c.DEFAULT_END_YEAR)


@dataclass
class TableDraft:
    """One table to write: its header row at ``top_left`` and the rows under it."""

    name: str
    header: list[Any]
    rows: list[list[Any]]
    top_left: str = "A1"
    as_table: bool = True  # False: plain cells, no Excel table definition
    extra_rows_below: list[list[Any]] = field(default_factory=list)  # outside the table

    def column(self, header: Any) -> int:
        return self.header.index(header)

    def move_column(self, header: Any, to: int) -> None:
        at = self.column(header)
        self.header.insert(to, self.header.pop(at))
        for row in self.rows:
            row.insert(to, row.pop(at))


Sheets = dict[str, list[TableDraft]]

ACTIONS = [
    [
        "A1",
        "BD1 Digitale dienstverlening",
        "AP1 Online loket",
        "E-loket evenementen",
        "Prioritair",
        "Dienstverlening",
        "Processen;Toepassingen",
        "Klant;Bestuurder",
        "An Peeters",
        "Kwartaalrapport",
        20000,
        15000,
        5000,
        5000,
        5000,
        5000,
    ],
    [
        "A2",
        "BD1 Digitale dienstverlening",
        "AP2 Procesbeheer",
        "Processen in kaart",
        "Overig",
        "Processen",
        None,
        "Medewerker",
        "Bart Claes",
        "Stuurgroep",
        10000,
        10000,
        0,
        0,
        0,
        0,
    ],
]
LINES = [
    [
        "Platform",
        "Licentie platform",
        "A1",
        "Toepassingen",
        "Recurrent",
        "Exploitatie",
        "An Peeters",
        "Lopend",
        5000,
        5000,
        5000,
        5000,
        5000,
        5000,
    ],
    [
        "Platform",
        "Bouw e-loket",
        "A1",
        "Dienstverlening",
        "Eenmalig",
        "Investering",
        "An Peeters",
        "Gepland",
        15000,
        10000,
        0,
        0,
        0,
        0,
    ],
    [
        "Procesanalyse",
        "Externe begeleiding",
        "A2",
        "Processen",
        "Eenmalig",
        "Exploitatie",
        "Bart Claes",
        "Gepland",
        10000,
        10000,
        0,
        0,
        0,
        0,
    ],
]


def plan_sheets() -> Sheets:
    """A small but complete plan workbook, shaped exactly as the contract says."""
    settings = [[name, value] for name, value in c.SETTINGS_DEFAULTS.items()]
    settings[0][1] = "Gemeente Proef"
    levels = [
        [name, score, c.LEVEL_DESCRIPTIONS["nl"][name]] for name, score in c.LEVEL_SCORES.items()
    ]
    deps = [[d.theme, d.required_theme, d.max_lag] for d in c.DEFAULT_DEPENDENCIES]
    themes = [
        [t.name, t.description, t.critical_questions, "Basis", "Ontwikkeling", "Els", None]
        for t in c.DEFAULT_THEMES
    ]
    actions = [row + [None, None] for row in copy.deepcopy(ACTIONS)]
    lines = [row + [None, None] for row in copy.deepcopy(LINES)]
    return {
        c.SHEET_INSTRUCTIONS: [],
        c.SHEET_SETTINGS: [
            TableDraft(c.TBL_SETTINGS, c.SETTINGS_TABLE.headers([]), settings, "A3"),
            TableDraft(c.TBL_DEPENDENCIES, c.DEPENDENCIES_TABLE.headers([]), deps, "D3"),
            TableDraft(c.TBL_LEVELS, c.LEVELS_TABLE.headers([]), levels, "H3"),
        ],
        c.SHEET_MATURITY: [TableDraft(c.TBL_THEMES, c.THEMES_TABLE.headers([]), themes, "A3")],
        c.SHEET_PLAN: [TableDraft(c.TBL_ACTIONS, c.ACTIONS_TABLE.headers(YEARS), actions, "A3")],
        c.SHEET_PROJECTS: [
            TableDraft(c.TBL_PROJECT_LINES, c.PROJECT_LINES_TABLE.headers(YEARS), lines, "A3")
        ],
        c.SHEET_CHECKS: [TableDraft(c.TBL_CHECKS, c.CHECKS_TABLE.headers([]), [[None] * 6])],
    }


def write_workbook(path: Path, sheets: Sheets) -> Path:
    """Write the drafts with openpyxl: values as given, real Excel tables."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet_name, drafts in sheets.items():
        ws = wb.create_sheet(sheet_name)
        ws["A1"] = f"{sheet_name} (titel)"
        for draft in drafts:
            col_letters, first_row = coordinate_from_string(draft.top_left)
            first_col = ws[draft.top_left].column
            all_rows = [draft.header, *draft.rows, *draft.extra_rows_below]
            for r, values in enumerate(all_rows):
                for k, value in enumerate(values):
                    if value is not None:
                        ws.cell(first_row + r, first_col + k, value)
            if draft.as_table:
                last_col = get_column_letter(first_col + len(draft.header) - 1)
                last_row = first_row + max(len(draft.rows), 1)
                ref = f"{col_letters}{first_row}:{last_col}{last_row}"
                ws.add_table(Table(displayName=draft.name, ref=ref))
    wb.save(path)
    return path


@pytest.fixture
def sheets() -> Sheets:
    return plan_sheets()


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    def _write(sheets: Sheets, name: str = "plan.xlsx") -> Path:
        return write_workbook(tmp_path / name, sheets)

    return _write


def draft(sheets: Sheets, table: str) -> TableDraft:
    return next(d for drafts in sheets.values() for d in drafts if d.name == table)


@pytest.fixture
def big_plan(sheets: Sheets, write: Callable[..., Path]) -> Path:
    """A plan whose Projectplannen sheet is some 100 KB: big enough to be streamed
    in blocks and cut in two when the reader's thresholds are lowered."""
    lines = draft(sheets, c.TBL_PROJECT_LINES)
    lines.rows = [copy.deepcopy(row) for _ in range(150) for row in lines.rows]
    return write(sheets)


def biggest_sheet(path: Path) -> tuple[str, bytes]:
    """The part name and XML of the workbook's biggest sheet."""
    from plan_xl.workbook.read_package import index_package

    with zipfile.ZipFile(path) as zf:
        index = index_package(zf, path, zf.read)
        part = max((s.part for s in index.sheets), key=lambda p: zf.getinfo(p).file_size)
        return part, zf.read(part)


def with_part(path: Path, part: str, xml: bytes, name: str = "edited.xlsx") -> Path:
    """A copy of ``path`` (named ``name``, beside it) with ``part`` replaced by ``xml``."""
    target = path.with_name(name)
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, xml if info.filename == part else zin.read(info.filename))
    return target
