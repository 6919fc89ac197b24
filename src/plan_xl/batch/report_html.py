"""rapport.html: a self-contained page that opens offline.

Rendered with Jinja2 and autoescaping, so every text that comes from a checked
workbook (organisation, theme, subject, message ...) shows as text, never as
markup. Styles and charts are inline (CSS, SVG); there are no external assets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from plan_xl.batch.atomic import atomic_write_text
from plan_xl.batch.compare import theme_order
from plan_xl.batch.report_model import STATUSES, BatchReport, status_label
from plan_xl.i18n import t

PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)  # fmt: skip
CHART_WIDTH = 760
CHART_HEIGHT = 320
MARGIN_LEFT = 90
MARGIN_BOTTOM = 30
MARGIN_TOP = 10


def format_eur(value: float | None) -> str:
    """12500.4 -> '12.500' (Belgian thousands separator, whole euros)."""
    if value is None:
        return ""
    text = f"{value:,.0f}"
    return text.replace(",", ".")


def format_score(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


@dataclass(frozen=True)
class Bar:
    """One theme's segment of one year's stacked bar."""

    x: float
    y: float
    width: float
    height: float
    color: str
    label: str


@dataclass(frozen=True)
class BudgetChart:
    bars: list[Bar]
    years: list[tuple[float, str]]  # (x centre, year)
    ticks: list[tuple[float, str]]  # (y, amount label)
    legend: list[tuple[str, str]]  # (color, theme)
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT


def budget_totals(report: BatchReport) -> dict[str, dict[str, float]]:
    """Budget per theme and year, summed over the processed files."""
    totals: dict[str, dict[str, float]] = {}
    for f in report.files:
        if not f.processed:
            continue
        for theme, years in f.budget_by_theme().items():
            per_year = totals.setdefault(theme, {})
            for year, amount in years.items():
                per_year[year] = per_year.get(year, 0.0) + amount
    return totals


def budget_chart(report: BatchReport) -> BudgetChart | None:
    """A stacked bar per year, one segment per theme; None without any budget."""
    totals = budget_totals(report)
    years = report.years
    themes = [name for name in totals if any(v > 0 for v in totals[name].values())]
    year_sums = [sum(max(0.0, totals[th].get(y, 0.0)) for th in themes) for y in years]
    top = max(year_sums, default=0.0)
    if not years or top <= 0:
        return None
    plot_w = CHART_WIDTH - MARGIN_LEFT - 10
    plot_h = CHART_HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    slot = plot_w / len(years)
    bar_w = slot * 0.6
    colors = {theme: PALETTE[i % len(PALETTE)] for i, theme in enumerate(themes)}
    bars: list[Bar] = []
    centres: list[tuple[float, str]] = []
    for i, year in enumerate(years):
        x = MARGIN_LEFT + i * slot + (slot - bar_w) / 2
        base = float(MARGIN_TOP + plot_h)
        for theme in themes:
            amount = max(0.0, totals[theme].get(year, 0.0))
            if amount <= 0:
                continue
            height = amount / top * plot_h
            base -= height
            label = f"{theme} {year}: {format_eur(amount)} EUR"
            bars.append(
                Bar(
                    round(x, 1),
                    round(base, 1),
                    round(bar_w, 1),
                    round(height, 1),
                    colors[theme],
                    label,
                )
            )
        centres.append((round(x + bar_w / 2, 1), year))
    ticks = [
        (round(MARGIN_TOP + plot_h - frac * plot_h, 1), format_eur(top * frac))
        for frac in (0.0, 0.25, 0.5, 0.75, 1.0)
    ]
    legend = [(colors[theme], theme) for theme in themes]
    return BudgetChart(bars, centres, ticks, legend)


def heatmap_rows(report: BatchReport) -> tuple[list[str], list[dict[str, Any]]]:
    """Themes (columns) and one row per processed file with (current, ambition) per theme."""
    themes = theme_order(report.files)
    rows: list[dict[str, Any]] = []
    for f in report.files:
        if not f.processed:
            continue
        scores = {s.theme: s for s in f.themes}
        cells = []
        for theme in themes:
            score = scores.get(theme)
            cells.append((score.current, score.ambition) if score else (None, None))
        rows.append({"file": f.file, "organisation": f.organisation, "cells": cells})
    return themes, rows


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("plan_xl.batch", "templates"),
        autoescape=select_autoescape(("html", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["eur"] = format_eur
    env.filters["score"] = format_score
    return env


def render_html_report(report: BatchReport) -> str:
    lang = report.lang
    themes, rows = heatmap_rows(report)

    def label(key: str, **params: Any) -> str:
        return t(f"batch.report.{key}", lang, **params)

    template = _environment().get_template("rapport.html")
    return template.render(
        report=report,
        lang=lang,
        label=label,
        status_label=lambda status: status_label(status, lang),
        severity_label=lambda severity: t(f"severity.{severity}", lang),
        statuses=[s for s in STATUSES if report.summary.by_status.get(s)],
        heat_themes=themes,
        heat_rows=rows,
        chart=budget_chart(report),
    )


def write_html_report(report: BatchReport, target: Path) -> Path:
    return atomic_write_text(target, render_html_report(report))
