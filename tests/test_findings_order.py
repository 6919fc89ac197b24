"""Controles, JSON and text list errors first, then warnings, then infos.

A finance officer reads the top of the list first. The workbook gets defects
injected with openpyxl so that the old order (sheet, then cell) would put an
info and a warning above an error; the annotated copy is read back by openpyxl.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from plan_xl import contract as c
from plan_xl.core.findings import Finding
from plan_xl.report_text import render_text
from plan_xl.template import build_workbook
from plan_xl.validate import ValidationResult, validate_file, write_annotated_copy

RANK = {"error": 3, "warning": 2, "info": 1}


def _headers(ws: openpyxl.worksheet.worksheet.Worksheet, table: str) -> tuple[int, dict[str, str]]:
    first = ws.tables[table].ref.split(":")[0]
    header_row = int("".join(ch for ch in first if ch.isdigit()))
    names = {str(cell.value): cell.column_letter for cell in ws[header_row] if cell.value}
    return header_row, names


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> tuple[ValidationResult, Path]:
    folder = tmp_path_factory.mktemp("order")
    path = build_workbook(folder / "plan.xlsx", example=True)
    wb = openpyxl.load_workbook(path)
    ws = wb[c.SHEET_PLAN]
    top, cols = _headers(ws, c.TBL_ACTIONS)
    estimate = ws[f"{cols['2027']}{top + 1}"]
    estimate.value = float(estimate.value) + 25_000  # ACT005 + BUD001: warnings
    ws = wb[c.SHEET_PROJECTS]
    top, cols = _headers(ws, c.TBL_PROJECT_LINES)
    amount = ws[f"{cols['2026']}{top + 1}"]
    amount.value = f"{amount.value:.2f}".replace(".", ",")  # WB006: info, first line
    ws[f"{cols[c.COL_COST_TYPE]}{top + 3}"] = "Jaarlijks"  # PRJ005: error, a later line
    wb.save(path)
    result = validate_file(path)
    target = write_annotated_copy(result, path, folder / "plan.gecontroleerd.xlsx")
    return result, target


def _ranks(findings: list[Finding]) -> list[int]:
    return [f.severity.rank for f in findings]


def test_the_injected_defects_mix_severities_across_sheets(
    validated: tuple[ValidationResult, Path],
) -> None:
    result, _ = validated
    codes = {f.code for f in result.findings}
    assert {"ACT005", "WB006", "PRJ005"} <= codes
    # Under the old order (sheet, cell) the warning on Meerjarenplan came before this error.
    error = next(f for f in result.findings if f.code == "PRJ005")
    assert error.sheet > next(f for f in result.findings if f.code == "ACT005").sheet


def test_controles_lists_errors_then_warnings_then_infos(
    validated: tuple[ValidationResult, Path],
) -> None:
    _, target = validated
    ws = openpyxl.load_workbook(target)[c.SHEET_CHECKS]
    top, cols = _headers(ws, c.TBL_CHECKS)
    labels = {v: k for k, v in c.SEVERITY_LABELS["nl"].items()}
    rows = [
        (labels[ws[f"{cols[c.COL_SEVERITY]}{r}"].value], ws[f"{cols[c.COL_SHEET]}{r}"].value)
        for r in range(top + 1, ws.max_row + 1)
        if ws[f"{cols[c.COL_SEVERITY]}{r}"].value
    ]
    severities = [s for s, _ in rows]
    assert severities[0] == "error"
    assert {"error", "warning", "info"} <= set(severities)
    assert [RANK[s] for s in severities] == sorted((RANK[s] for s in severities), reverse=True)
    # Within one severity the rows stay in workbook reading order: sheet by sheet.
    for level in ("error", "warning", "info"):
        sheets = [sheet for s, sheet in rows if s == level]
        assert sheets == sorted(sheets)


def test_json_findings_follow_the_controles_order(
    validated: tuple[ValidationResult, Path],
) -> None:
    result, target = validated
    ws = openpyxl.load_workbook(target)[c.SHEET_CHECKS]
    top, cols = _headers(ws, c.TBL_CHECKS)
    on_sheet = [
        (ws[f"{cols[c.COL_CODE]}{r}"].value, ws[f"{cols[c.COL_SHEET]}{r}"].value or "")
        for r in range(top + 1, ws.max_row + 1)
        if ws[f"{cols[c.COL_CODE]}{r}"].value
    ]
    in_json = [(f["code"], f["sheet"]) for f in result.to_json()["findings"]]
    assert in_json == on_sheet
    assert _ranks(result.findings) == sorted(_ranks(result.findings), reverse=True)


def test_text_report_keeps_sheets_together_with_errors_first_in_each(
    validated: tuple[ValidationResult, Path],
) -> None:
    result, _ = validated
    text = render_text("plan.xlsx", result.findings, "nl")
    # Blocks are separated by blank lines; a sheet block is its heading plus indented findings.
    blocks = [b.splitlines() for b in text.split("\n\n")]
    sheet_blocks = [b for b in blocks if len(b) > 1 and all(ln.startswith("  ") for ln in b[1:])]
    headings = [b[0] for b in sheet_blocks]
    assert len(headings) == len(set(headings)) == len({f.sheet for f in result.findings})
    labels = c.SEVERITY_LABELS["nl"]
    mixed = False
    for block in sheet_blocks:
        levels = [
            next(lvl for lvl, label in labels.items() if f" {label} " in ln) for ln in block[1:]
        ]
        assert [RANK[lvl] for lvl in levels] == sorted((RANK[lvl] for lvl in levels), reverse=True)
        mixed = mixed or {"error", "info"} <= set(levels)
    # Projectplannen holds an info on its first line and an error on a later line.
    assert mixed
