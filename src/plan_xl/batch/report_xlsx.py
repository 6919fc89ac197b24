"""rapport.xlsx: one row per workbook, every finding, the cross-organisation view.

Text from a checked workbook is always written as text: a value starting with
``=`` never becomes a formula, and characters Excel cannot store are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from plan_xl.batch.atomic import atomic_write
from plan_xl.batch.compare import theme_order
from plan_xl.batch.report_model import BatchReport, FileReport, Stats, status_label
from plan_xl.i18n import t

HEADER_FILL = PatternFill("solid", start_color="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
GREEN = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
ORANGE = PatternFill("solid", start_color="FFEB9C", end_color="FFEB9C")
RED = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
EURO_FORMAT = '#,##0 "€";-#,##0 "€"'


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _put(ws: Worksheet, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row=row, column=col, value=_clean(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # never a formula, whatever the workbook said


def _put_row(ws: Worksheet, row: int, values: Sequence[Any]) -> None:
    for col, value in enumerate(values, start=1):
        _put(ws, row, col, value)


def _header(ws: Worksheet, row: int, headers: Sequence[str]) -> None:
    _put_row(ws, row, headers)
    for col in range(1, len(headers) + 1):
        cell = ws.cell(row=row, column=col)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _finish(
    ws: Worksheet, header_row: int, n_cols: int, n_rows: int, widths: dict[int, int]
) -> None:
    last_row = max(header_row, header_row + n_rows)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(max(1, n_cols))}{last_row}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
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
    _header(ws, 1, headers)
    for row, f in enumerate(report.files, start=2):
        _overview_row(ws, row, f, themes, years, lang)
    n = len(report.files)
    last = max(2, n + 1)
    _finish(ws, 1, len(headers), n, {1: 36, 2: 28, 3: 18, 4: 60, 8: 34})
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
    for col in range(budget_start, len(headers) + 1):
        for row in range(2, n + 2):
            ws.cell(row=row, column=col).number_format = EURO_FORMAT


def _overview_row(
    ws: Worksheet, row: int, f: FileReport, themes: list[str], years: list[str], lang: str
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
    _put_row(ws, row, values)
    if f.copy_file:
        ws.cell(row=row, column=8).hyperlink = f.copy_file


def _findings(ws: Worksheet, report: BatchReport) -> None:
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
    _header(ws, 1, headers)
    row = 2
    for f in report.files:
        for finding in f.findings:
            values = [
                f.file,
                f.organisation,
                t(f"severity.{finding.severity}", lang),
                finding.code,
                finding.sheet,
                finding.cell,
                finding.subject,
                finding.message,
            ]
            _put_row(ws, row, values)
            row += 1
    n = row - 2
    _finish(ws, 1, len(headers), n, {1: 36, 2: 28, 3: 14, 4: 10, 5: 16, 6: 8, 7: 30, 8: 90})
    last = max(2, n + 1)
    for severity, fill in (("error", RED), ("warning", ORANGE), ("info", GREEN)):
        label = t(f"severity.{severity}", lang).replace('"', '""')
        ws.conditional_formatting.add(
            f"C2:C{last}", FormulaRule(formula=[f'C2="{label}"'], fill=fill)
        )


def _stats_values(s: Stats) -> list[Any]:
    return [s.mean, s.std, s.min, s.max]


def _comparison(ws: Worksheet, report: BatchReport) -> None:
    lang = report.lang
    stat_names = [t(f"batch.report.{k}", lang) for k in ("mean", "std", "min", "max")]
    cur, amb = t("batch.report.current", lang), t("batch.report.ambition", lang)
    headers = [t("batch.report.theme", lang), t("batch.report.organisations", lang)]
    headers += [f"{cur} – {name}" for name in stat_names]
    headers += [f"{amb} – {name}" for name in stat_names]
    _header(ws, 1, headers)
    for row, theme in enumerate(report.comparison.themes, start=2):
        values = [theme.theme, max(theme.current.n, theme.ambition.n)]
        values += _stats_values(theme.current) + _stats_values(theme.ambition)
        _put_row(ws, row, values)
        for col in range(3, len(values) + 1):
            ws.cell(row=row, column=col).number_format = "0.00"
    n = len(report.comparison.themes)
    _finish(ws, 1, len(headers), n, {1: 36, 2: 14})
    _put(ws, n + 3, 1, t("batch.report.score_hint", lang))


def _rules(ws: Worksheet, report: BatchReport) -> None:
    lang = report.lang
    headers = [
        t("batch.report.rule", lang),
        t("batch.report.severity", lang),
        t("batch.report.rule_title", lang),
        t("batch.report.finding_count", lang),
        t("batch.report.file_count", lang),
    ]
    _header(ws, 1, headers)
    for row, rule in enumerate(report.comparison.top_rules, start=2):
        values = [
            rule.code,
            t(f"severity.{rule.severity}", lang),
            rule.title,
            rule.findings,
            rule.files,
        ]
        _put_row(ws, row, values)
    _finish(ws, 1, len(headers), len(report.comparison.top_rules), {1: 10, 2: 14, 3: 60})


def _imbalance(ws: Worksheet, report: BatchReport) -> None:
    lang = report.lang
    headers = [
        t("batch.report.file", lang),
        t("batch.report.organisation", lang),
        t("batch.report.codes", lang),
        t("batch.report.themes", lang),
    ]
    _header(ws, 1, headers)
    for row, item in enumerate(report.comparison.imbalanced, start=2):
        values = [item.file, item.organisation, ", ".join(item.codes), "; ".join(item.themes)]
        _put_row(ws, row, values)
    _finish(ws, 1, len(headers), len(report.comparison.imbalanced), {1: 36, 2: 28, 3: 16, 4: 60})


def build_xlsx_report(report: BatchReport) -> Workbook:
    wb = Workbook()
    lang = report.lang
    overview = wb.active
    assert overview is not None
    overview.title = t("batch.report.sheet_overview", lang)
    _overview(overview, report)
    _findings(wb.create_sheet(t("batch.report.sheet_findings", lang)), report)
    _comparison(wb.create_sheet(t("batch.report.sheet_comparison", lang)), report)
    _rules(wb.create_sheet(t("batch.report.sheet_rules", lang)), report)
    _imbalance(wb.create_sheet(t("batch.report.sheet_imbalance", lang)), report)
    return wb


def write_xlsx_report(report: BatchReport, target: Path) -> Path:
    wb = build_xlsx_report(report)
    return atomic_write(target, lambda tmp: wb.save(tmp))
