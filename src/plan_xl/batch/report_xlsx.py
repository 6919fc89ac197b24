"""rapport.xlsx: one row per workbook, every finding, the cross-organisation view.

Text from a checked workbook is always written as text: a value starting with
``=`` never becomes a formula, and characters Excel cannot store are dropped.

Written by openpyxl in write-only mode, so each sheet's layout (widths,
frozen panes, filter) is set before its rows and every cell is complete
(style, number format, link) when its row is appended. The rows of
``Bevindingen`` (one per finding: ~10,000 for 200 workbooks) are generated as
XML text and put into the saved sheet in place of its closing ``</sheetData>``:
openpyxl spends ~80 microseconds per cell, which made this sheet ~0.8 s of the
batch's serial tail.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet as Worksheet

from plan_xl.batch.atomic import atomic_write
from plan_xl.batch.compare import theme_order
from plan_xl.batch.report_model import BatchReport, FileReport, Stats, status_label
from plan_xl.i18n import t
from plan_xl.workbook.xlsx_package import XlsxPackage
from plan_xl.workbook.xlsx_sheet import cell_xml

HEADER_FILL = PatternFill("solid", start_color="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
GREEN = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
ORANGE = PatternFill("solid", start_color="FFEB9C", end_color="FFEB9C")
RED = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
# Bevindingen is the second sheet; openpyxl names sheet parts by their position.
FINDINGS_PART = "xl/worksheets/sheet2.xml"
EURO_FORMAT = '#,##0 "€";-#,##0 "€"'


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _cell(ws: Worksheet, value: Any, number_format: str | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=_clean(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # never a formula, whatever the workbook said
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _put_row(
    ws: Worksheet, values: Sequence[Any], formats: dict[int, str] | None = None
) -> list[WriteOnlyCell]:
    """Append one row; ``formats`` maps 1-based columns to number formats."""
    formats = formats or {}
    cells = [_cell(ws, value, formats.get(col)) for col, value in enumerate(values, start=1)]
    ws.append(cells)
    return cells


def _header(ws: Worksheet, headers: Sequence[str]) -> None:
    cells = []
    for name in headers:
        cell = _cell(ws, name)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(cell)
    ws.append(cells)


def _layout(ws: Worksheet, n_cols: int, n_rows: int, widths: dict[int, int]) -> None:
    """Filter over the header row and the data, panes frozen below it, column widths.

    Set before the first row: write-only sheets write their layout first.
    """
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, n_cols))}{1 + n_rows}"
    ws.freeze_panes = "B2"
    for col in range(1, n_cols + 1):
        ws.column_dimensions[get_column_letter(col)].width = widths.get(col, 14)


def _status_formats(ws: Worksheet, column: str, first: int, last: int, lang: str) -> None:
    area = f"{column}{first}:{column}{last}"
    ok = status_label("ok", lang).replace('"', '""')
    findings = status_label("findings", lang).replace('"', '""')
    ws.conditional_formatting.add(
        area, FormulaRule(formula=[f'{column}{first}="{ok}"'], fill=GREEN)
    )
    ws.conditional_formatting.add(
        area, FormulaRule(formula=[f'{column}{first}="{findings}"'], fill=ORANGE)
    )
    ws.conditional_formatting.add(
        area,
        FormulaRule(
            formula=[
                f'AND({column}{first}<>"",{column}{first}<>"{ok}",{column}{first}<>"{findings}")'
            ],
            fill=RED,
        ),
    )


def _overview(ws: Worksheet, report: BatchReport) -> None:
    lang = report.lang
    themes = theme_order(report.files)
    years = report.years
    headers = [
        t("batch.report.file", lang),
        t("batch.report.organisation", lang),
        t("batch.report.status", lang),
        t("batch.report.reason", lang),
        t("batch.report.errors", lang),
        t("batch.report.warnings", lang),
        t("batch.report.infos", lang),
        t("batch.report.copy", lang),
    ]
    fixed = len(headers)
    for theme in themes:
        headers.append(f"{theme} – {t('batch.report.current', lang)}")
        headers.append(f"{theme} – {t('batch.report.ambition', lang)}")
    budget_start = len(headers) + 1
    for theme in themes:
        headers.extend(f"{t('batch.report.budget', lang)} {theme} {year}" for year in years)
    headers.extend(
        f"{t('batch.report.budget', lang)} {t('batch.report.total', lang)} {year}" for year in years
    )
    n = len(report.files)
    _layout(ws, len(headers), n, {1: 36, 2: 28, 3: 18, 4: 60, 8: 34})
    _header(ws, headers)
    euro = {col: EURO_FORMAT for col in range(budget_start, len(headers) + 1)}
    for f in report.files:
        _overview_row(ws, f, themes, years, lang, euro)
    last = max(2, n + 1)
    _status_formats(ws, "C", 2, last, lang)
    ws.conditional_formatting.add(
        f"E2:E{last}", CellIsRule(operator="greaterThan", formula=["0"], fill=RED)
    )
    ws.conditional_formatting.add(
        f"F2:F{last}", CellIsRule(operator="greaterThan", formula=["0"], fill=ORANGE)
    )
    if themes:
        first_col = get_column_letter(fixed + 1)
        last_col = get_column_letter(fixed + 2 * len(themes))
        ws.conditional_formatting.add(
            f"{first_col}2:{last_col}{last}",
            ColorScaleRule(
                start_type="num",
                start_value=1,
                start_color="F8696B",
                mid_type="num",
                mid_value=3,
                mid_color="FFEB84",
                end_type="num",
                end_value=5,
                end_color="63BE7B",
            ),
        )


def _overview_row(
    ws: Worksheet,
    f: FileReport,
    themes: list[str],
    years: list[str],
    lang: str,
    formats: dict[int, str],
) -> None:
    values: list[Any] = [
        f.file,
        f.organisation,
        status_label(f.status, lang),
        f.reason if not f.copy_error else f"{f.reason} {f.copy_error}",
        f.counts.error if f.processed else None,
        f.counts.warning if f.processed else None,
        f.counts.info if f.processed else None,
        f.copy_file,
    ]
    scores = {s.theme: s for s in f.themes}
    for theme in themes:
        score = scores.get(theme)
        values.append(score.current if score else None)
        values.append(score.ambition if score else None)
    budget = f.budget_by_theme()
    for theme in themes:
        values.extend(budget.get(theme, {}).get(year) for year in years)
    for year in years:
        values.append(
            sum(per_year.get(year, 0.0) for per_year in budget.values()) if f.processed else None
        )
    cells = [_cell(ws, value, formats.get(col)) for col, value in enumerate(values, start=1)]
    if f.copy_file:
        cells[7].hyperlink = f.copy_file
    ws.append(cells)


def _findings(ws: Worksheet, report: BatchReport) -> None:
    """The sheet's header and layout; the rows come from :func:`_finding_rows_xml`."""
    lang = report.lang
    headers = [
        t("batch.report.file", lang),
        t("batch.report.organisation", lang),
        t("batch.report.severity", lang),
        t("batch.report.code", lang),
        t("batch.report.sheet", lang),
        t("batch.report.cell", lang),
        t("batch.report.subject", lang),
        t("batch.report.message", lang),
    ]
    n = sum(len(f.findings) for f in report.files)
    _layout(ws, len(headers), n, {1: 36, 2: 28, 3: 14, 4: 10, 5: 16, 6: 8, 7: 30, 8: 90})
    _header(ws, headers)
    last = max(2, n + 1)
    for severity, fill in (("error", RED), ("warning", ORANGE), ("info", GREEN)):
        label = t(f"severity.{severity}", lang).replace('"', '""')
        ws.conditional_formatting.add(
            f"C2:C{last}", FormulaRule(formula=[f'C2="{label}"'], fill=fill)
        )


def _finding_rows_xml(report: BatchReport) -> bytes:
    """``<row>`` elements 2, 3, ... of ``Bevindingen``: text cells, never formulas."""
    severity = {s: t(f"severity.{s}", report.lang) for s in ("error", "warning", "info")}
    rows: list[str] = []
    row = 2
    for f in report.files:
        for finding in f.findings:
            values = [
                f.file,
                f.organisation,
                severity[finding.severity],
                finding.code,
                finding.sheet,
                finding.cell,
                finding.subject,
                finding.message,
            ]
            cells = "".join(
                cell_xml(f"{col}{row}", None, _clean(value))
                for col, value in zip("ABCDEFGH", values, strict=True)
            )
            rows.append(f'<row r="{row}">{cells}</row>')
            row += 1
    return "".join(rows).encode("utf-8")


def _with_rows(saved: bytes, part: str, rows: bytes) -> bytes:
    """The saved package with ``rows`` written before the closing ``</sheetData>`` of ``part``."""
    out = BytesIO()
    with XlsxPackage(BytesIO(saved)) as package:
        package.xml(part)  # a splice applies to a parsed part
        package.splice(part, "</sheetData>", rows + b"</sheetData>")
        package.write(out)
    return out.getvalue()


def _stats_values(s: Stats) -> list[Any]:
    return [s.mean, s.std, s.min, s.max]


def _comparison(ws: Worksheet, report: BatchReport) -> None:
    lang = report.lang
    stat_names = [t(f"batch.report.{k}", lang) for k in ("mean", "std", "min", "max")]
    cur, amb = t("batch.report.current", lang), t("batch.report.ambition", lang)
    headers = [t("batch.report.theme", lang), t("batch.report.organisations", lang)]
    headers += [f"{cur} – {name}" for name in stat_names]
    headers += [f"{amb} – {name}" for name in stat_names]
    n = len(report.comparison.themes)
    _layout(ws, len(headers), n, {1: 36, 2: 14})
    _header(ws, headers)
    two_decimals = {col: "0.00" for col in range(3, len(headers) + 1)}
    for theme in report.comparison.themes:
        values = [theme.theme, max(theme.current.n, theme.ambition.n)]
        values += _stats_values(theme.current) + _stats_values(theme.ambition)
        _put_row(ws, values, two_decimals)
    ws.append([])
    _put_row(ws, [t("batch.report.score_hint", lang)])


def _rules(ws: Worksheet, report: BatchReport) -> None:
    lang = report.lang
    headers = [
        t("batch.report.rule", lang),
        t("batch.report.severity", lang),
        t("batch.report.rule_title", lang),
        t("batch.report.finding_count", lang),
        t("batch.report.file_count", lang),
    ]
    _layout(ws, len(headers), len(report.comparison.top_rules), {1: 10, 2: 14, 3: 60})
    _header(ws, headers)
    for rule in report.comparison.top_rules:
        values = [
            rule.code,
            t(f"severity.{rule.severity}", lang),
            rule.title,
            rule.findings,
            rule.files,
        ]
        _put_row(ws, values)


def _imbalance(ws: Worksheet, report: BatchReport) -> None:
    lang = report.lang
    headers = [
        t("batch.report.file", lang),
        t("batch.report.organisation", lang),
        t("batch.report.codes", lang),
        t("batch.report.themes", lang),
    ]
    widths = {1: 36, 2: 28, 3: 16, 4: 60}
    _layout(ws, len(headers), len(report.comparison.imbalanced), widths)
    _header(ws, headers)
    for item in report.comparison.imbalanced:
        values = [item.file, item.organisation, ", ".join(item.codes), "; ".join(item.themes)]
        _put_row(ws, values)


def build_xlsx_report(report: BatchReport) -> Workbook:
    wb = Workbook(write_only=True)
    lang = report.lang
    _overview(wb.create_sheet(t("batch.report.sheet_overview", lang)), report)
    _findings(wb.create_sheet(t("batch.report.sheet_findings", lang)), report)
    _comparison(wb.create_sheet(t("batch.report.sheet_comparison", lang)), report)
    _rules(wb.create_sheet(t("batch.report.sheet_rules", lang)), report)
    _imbalance(wb.create_sheet(t("batch.report.sheet_imbalance", lang)), report)
    return wb


def write_xlsx_report(report: BatchReport, target: Path) -> Path:
    saved = BytesIO()
    build_xlsx_report(report).save(saved)
    package = _with_rows(saved.getvalue(), FINDINGS_PART, _finding_rows_xml(report))
    return atomic_write(target, lambda tmp: tmp.write_bytes(package))
