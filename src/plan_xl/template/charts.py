"""Charts of the template: the maturity radar (current vs ambition per theme)."""

from __future__ import annotations

from openpyxl.chart import RadarChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from plan_xl.i18n import t


def add_maturity_radar(
    ws: Worksheet,
    *,
    categories: tuple[int, int, int],
    series_cols: tuple[int, int],
    header_row: int,
    anchor: str,
    lang: str,
) -> RadarChart:
    """Radar over numeric score cells.

    ``categories`` is (column, first_row, last_row) of the theme names;
    ``series_cols`` are the score columns whose ``header_row`` holds the series titles.
    """
    col, first_row, last_row = categories
    chart = RadarChart()
    chart.type = "marker"
    chart.style = 26
    chart.title = t("template.chart.radar", lang)
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 5
    chart.y_axis.majorUnit = 1
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    data = Reference(
        ws, min_col=series_cols[0], max_col=series_cols[1], min_row=header_row, max_row=last_row
    )
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=col, min_row=first_row, max_row=last_row))
    chart.height = 11
    chart.width = 17
    ws.add_chart(chart, anchor)
    return chart
