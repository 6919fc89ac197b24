"""Micro-check: read_workbook / read_plan time vs python-calamine reading every sheet.

Not a test. Run: .venv/bin/python bench/reader_vs_calamine.py [ROWS ...]
Generates a plan-shaped workbook with openpyxl (write-only) per row count, then
reports the best of 3 timings and the ratios.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import python_calamine
from openpyxl import Workbook
from openpyxl.worksheet.table import Table, TableColumn

from plan_xl import contract as c
from plan_xl.core.plan import column_letter
from plan_xl.workbook.reader import read_plan, read_workbook

YEARS = c.plan_years(c.DEFAULT_START_YEAR, c.DEFAULT_END_YEAR)


def _sheet(wb: Workbook, spec: c.TableSpec, rows: list[list[object]]) -> None:
    ws = wb.create_sheet(spec.sheet) if spec.sheet not in wb.sheetnames else wb[spec.sheet]
    header = spec.headers(YEARS)
    ws.append(header)
    for row in rows:
        ws.append(row)
    ref = f"A1:{column_letter(len(header))}{len(rows) + 1}"
    columns = [TableColumn(id=i, name=str(h)) for i, h in enumerate(header, start=1)]
    ws.add_table(Table(displayName=spec.name, ref=ref, tableColumns=columns))


def generate(path: Path, project_lines: int) -> None:
    wb = Workbook(write_only=True)
    settings = [[k, v] for k, v in c.SETTINGS_DEFAULTS.items()]
    _sheet(wb, c.SETTINGS_TABLE, settings)
    themes = [
        [t.name, t.description, t.critical_questions, "Basis", "Integratie", "X", None]
        for t in c.DEFAULT_THEMES
    ]
    _sheet(wb, c.THEMES_TABLE, themes)
    actions = [
        [
            f"A{i}",
            "BD",
            "AP",
            f"Actie {i}",
            "Prioritair",
            "Processen",
            "",
            "Klant",
            "Jan",
            "Q",
            *[1000.0 * (i % 7) for _ in YEARS],
            None,
            None,
        ]
        for i in range(max(project_lines // 10, 1))
    ]
    _sheet(wb, c.ACTIONS_TABLE, actions)
    lines = [
        [
            f"P{i}",
            f"Lijn {i}",
            f"A{i // 10}",
            "Processen",
            "Recurrent",
            "Exploitatie",
            "An",
            "Lopend",
            *[100.0 * (i % 7) for _ in YEARS],
            None,
            None,
        ]
        for i in range(project_lines)
    ]
    _sheet(wb, c.PROJECT_LINES_TABLE, lines)
    wb.save(path)


def calamine_all_sheets(path: Path) -> None:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()


def best(fn: Callable[[Path], object], path: Path, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return min(times)


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"plan-{size}.xlsx"
            generate(path, size)
            base = best(calamine_all_sheets, path)
            raw = best(read_workbook, path)
            plan = best(read_plan, path)
            print(
                f"{size:>7} lines  calamine {base:6.3f}s  read_workbook {raw:6.3f}s "
                f"({raw / base:4.2f}x)  read_plan {plan:6.3f}s ({plan / base:4.2f}x)"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [5_000, 50_000])
