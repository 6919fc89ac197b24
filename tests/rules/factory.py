"""Small plan workbooks for rule tests, described as plain data.

A case starts from :func:`base_tables` — a tiny, fully valid plan on which no
rule fires — and applies edits (set a cell, add or delete rows, rename a
header, drop a table or sheet). :func:`build_raw` lays the tables out on
their sheets at fixed, deliberately not-A1 positions and hands a
:class:`RawWorkbook` to the reader's ``assemble``, as a real reader would.

Positions (header row / first column): tblInstellingen A1, tblAfhankelijkheden
E1, tblNiveaus I1 (Instellingen); tblThemas A2 (Maturiteit); tblActies B4
(Meerjarenplan: Code B, Actie E, Thema G, 2026 L .. 2031 Q); tblProjectlijnen
A3 (Projectplannen: Actiecode C, Thema D, Kostensoort E, Budgettype F,
Status H, 2026 I .. 2031 N).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from plan_xl import contract as c
from plan_xl.core.assemble import assemble
from plan_xl.core.plan import PlanData, RawTable, RawWorkbook, column_letter, split_cell
from plan_xl.core.values import CellError

YEARS = list(range(2026, 2032))


@dataclass
class TableData:
    name: str
    sheet: str
    origin: str  # top-left cell of the header row
    header: list[Any]
    rows: list[list[Any]] = field(default_factory=list)

    def column(self, header: str) -> int:
        wanted = [str(h) for h in self.header]
        return wanted.index(str(header))

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip([str(h) for h in self.header], row, strict=False)) for row in self.rows]


def _yearly(amount: float | None) -> list[Any]:
    return [amount] * len(YEARS)


def base_tables() -> dict[str, TableData]:
    """A tiny valid plan: every rule stays silent on it."""
    settings = TableData(
        c.TBL_SETTINGS,
        c.SHEET_SETTINGS,
        "A1",
        [c.COL_PARAMETER, c.COL_VALUE],
        [
            [c.P_ORGANISATION, "Gemeente Proef"],
            [c.P_START_YEAR, 2026],
            [c.P_END_YEAR, 2031],
            [c.P_TEMPLATE_VERSION, 1],
            [c.P_TOLERANCE_EUR, 100],
            [c.P_TOLERANCE_PCT, 1],
            [c.P_MAX_STEPS, 2],
            [c.P_MAX_IMBALANCE, 2],
            [c.P_LANGUAGE, "nl"],
        ],
    )
    dependencies = TableData(
        c.TBL_DEPENDENCIES,
        c.SHEET_SETTINGS,
        "E1",
        [c.COL_THEME, c.COL_REQUIRED_THEME, c.COL_MAX_LAG],
        [["Dienstverlening", "Processen", 1]],
    )
    levels = TableData(
        c.TBL_LEVELS,
        c.SHEET_SETTINGS,
        "I1",
        [c.COL_LEVEL, c.COL_SCORE, c.COL_DESCRIPTION],
        [[name, score, ""] for name, score in c.LEVEL_SCORES.items()],
    )
    themes = TableData(
        c.TBL_THEMES,
        c.SHEET_MATURITY,
        "A2",
        list(c.THEMES_TABLE.headers(YEARS)),
        [
            ["Dienstverlening", "", "", "Basis", "Ontwikkeling", "An", None],
            ["Processen", "", "", "Basis", "Ontwikkeling", "Bo", None],
            ["Toepassingen", "", "", "Ontwikkeling", "Ontwikkeling", "Cas", None],
            ["Informatieveiligheid & privacy", "", "", "Initiatie", "Basis", "Dirk", None],
        ],
    )
    actions = TableData(
        c.TBL_ACTIONS,
        c.SHEET_PLAN,
        "B4",
        [int(h) if h.isdigit() else h for h in c.ACTIONS_TABLE.headers(YEARS)],
        [
            ["A1", "BD1", "AP1", "Digitaal loket", "Prioritair", "Dienstverlening", None,
             "Klant;Bestuurder", "An", "Kwartaalrapport", *_yearly(8000), None, None],
            ["A2", "BD1", "AP2", "Processen digitaliseren", "Overig", "Processen",
             "Informatieveiligheid & privacy", "Medewerker", "Bo", "Stuurgroep",
             *_yearly(9000), None, None],
            ["A3", "BD2", "AP3", "Toepassingen beheren", "Overig", "Toepassingen", None,
             "Financieel", "Cas", "Jaarverslag", *_yearly(3000), None, None],
        ],
    )  # fmt: skip
    lines = TableData(
        c.TBL_PROJECT_LINES,
        c.SHEET_PROJECTS,
        "A3",
        [int(h) if h.isdigit() else h for h in c.PROJECT_LINES_TABLE.headers(YEARS)],
        [
            ["Loket", "", "A1", "Dienstverlening", "Eenmalig", "Investering", "An", "Lopend",
             *_yearly(8000), None, None],
            ["Workflow", "", "A2", "Processen", "Recurrent", "Exploitatie", "Bo", "Gepland",
             *_yearly(5000), None, None],
            ["Beveiliging", "", "A2", "Informatieveiligheid & privacy", "Eenmalig",
             "Investering", "Dirk", "Gepland", *_yearly(4000), None, None],
            ["Licenties", "", "A3", None, "Recurrent", "Exploitatie", "Cas", "Lopend",
             *_yearly(3000), None, None],
        ],
    )  # fmt: skip
    tables = [settings, dependencies, levels, themes, actions, lines]
    return {t.name: t for t in tables}


TABLE_ALIASES = {
    "settings": c.TBL_SETTINGS,
    "dependencies": c.TBL_DEPENDENCIES,
    "levels": c.TBL_LEVELS,
    "themes": c.TBL_THEMES,
    "actions": c.TBL_ACTIONS,
    "lines": c.TBL_PROJECT_LINES,
}


def cell_value(value: Any) -> Any:
    """TOML has no null or error values: ``{blank = true}`` and ``{error = "#REF!"}``."""
    if isinstance(value, dict):
        if value.get("blank"):
            return None
        if "error" in value:
            return CellError(str(value["error"]))
        if "date" in value:
            return value["date"]
    return value


@dataclass
class PlanCase:
    """A base plan plus edits, as described in a TOML case."""

    tables: dict[str, TableData] = field(default_factory=base_tables)
    sheets: list[str] = field(default_factory=lambda: list(c.SHEET_ORDER))

    def table(self, alias: str) -> TableData:
        return self.tables[TABLE_ALIASES.get(alias, alias)]

    def apply(self, edits: dict[str, Any]) -> PlanCase:
        for name, value in edits.get("settings", {}).items():
            self.set_setting(name, value)
        for edit in edits.get("set", []):
            table = self.table(edit["table"])
            row = table.rows[edit["row"] - 1]
            row[table.column(edit["column"])] = cell_value(edit["value"])
        for edit in edits.get("append", []):
            table = self.table(edit["table"])
            values = {str(k): cell_value(v) for k, v in edit["values"].items()}
            table.rows.append([values.get(str(h)) for h in table.header])
        for edit in edits.get("delete_rows", []):
            table = self.table(edit["table"])
            for row in sorted(edit["rows"], reverse=True):
                del table.rows[row - 1]
        for edit in edits.get("rename", []):
            table = self.table(edit["table"])
            table.header[table.column(edit["column"])] = edit["to"]
        for alias in edits.get("drop_tables", []):
            del self.tables[TABLE_ALIASES.get(alias, alias)]
        for sheet in edits.get("drop_sheets", []):
            self.sheets.remove(sheet)
            self.tables = {k: t for k, t in self.tables.items() if t.sheet != sheet}
        return self

    def set_setting(self, name: str, value: Any) -> None:
        table = self.tables[c.TBL_SETTINGS]
        for row in table.rows:
            if row[0] == name:
                if isinstance(value, dict) and value.get("delete"):
                    table.rows.remove(row)
                else:
                    row[1] = cell_value(value)
                return
        table.rows.append([name, cell_value(value)])

    def raw(self) -> RawWorkbook:
        return build_raw(self.tables.values(), self.sheets)

    def plan(self) -> PlanData:
        return assemble(self.raw())


def build_raw(tables: Any, sheets: list[str]) -> RawWorkbook:
    raw_tables: dict[str, RawTable] = {}
    for table in tables:
        letters, first_row = split_cell(table.origin)
        first_col = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters)))
        last_col = column_letter(first_col + len(table.header) - 1)
        last_row = first_row + max(len(table.rows), 1)
        ref = f"{table.origin}:{last_col}{last_row}"
        rows = copy.deepcopy(table.rows) or [[None] * len(table.header)]
        raw_tables[table.name] = RawTable(table.name, table.sheet, ref, list(table.header), rows)
    return RawWorkbook("case.xlsx", list(sheets), raw_tables)


def base_plan() -> PlanData:
    return PlanCase().plan()
