"""Instellingen: tblInstellingen, tblAfhankelijkheden and tblNiveaus side by side."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from plan_xl import contract as c
from plan_xl.template import styles
from plan_xl.template.content import WorkbookContent
from plan_xl.template.tables import PlacedTable, write_table
from plan_xl.template.validation import add_list, add_whole_number

# Tables stand side by side, one empty column apart, so each can grow downwards.
SETTINGS_COL = 1
DEPENDENCIES_COL = 4
LEVELS_COL = 8


def build_settings_sheet(ws: Worksheet, content: WorkbookContent, lang: str) -> None:
    settings = write_table(
        ws,
        c.SETTINGS_TABLE,
        content.settings.rows(),
        first_col=SETTINGS_COL,
        locked=(c.COL_PARAMETER,),
    )
    _format_settings_values(ws, settings, lang)

    dependencies = write_table(
        ws,
        c.DEPENDENCIES_TABLE,
        [(d.theme, d.required_theme, d.max_lag) for d in content.dependencies],
        first_col=DEPENDENCIES_COL,
        formats={c.COL_MAX_LAG: styles.INTEGER_FORMAT},
    )
    for header in (c.COL_THEME, c.COL_REQUIRED_THEME):
        add_list(
            ws,
            dependencies.data_range(header),
            name=c.NAME_THEME_LIST,
            prompt_key="template.prompt.theme",
            lang=lang,
        )
    add_whole_number(ws, dependencies.data_range(c.COL_MAX_LAG), 0, len(c.LEVELS) - 1)

    descriptions = c.LEVEL_DESCRIPTIONS.get(lang, c.LEVEL_DESCRIPTIONS["nl"])
    write_table(
        ws,
        c.LEVELS_TABLE,
        [(level, score, descriptions[level]) for level, score in c.LEVEL_SCORES.items()],
        first_col=LEVELS_COL,
        locked=(c.COL_LEVEL, c.COL_SCORE),
    )
    ws.freeze_panes = "A2"
    styles.protect(ws)


def _format_settings_values(ws: Worksheet, table: PlacedTable, lang: str) -> None:
    """Per-parameter number formats and the Taal dropdown on the Waarde cells."""
    value_col = table.letter(c.COL_VALUE)
    for offset, parameter in enumerate(c.SETTINGS_DEFAULTS):
        cell = f"{value_col}{table.first_row + offset}"
        if parameter == c.P_TOLERANCE_EUR:
            ws[cell].number_format = styles.EURO_FORMAT
        elif parameter == c.P_LANGUAGE:
            add_list(ws, cell, values=c.LANGUAGE_VALUES, lang=lang)
        elif parameter == c.P_TEMPLATE_VERSION:
            ws[cell].protection = styles.LOCKED
        ws[cell].alignment = styles.WRAP if parameter == c.P_ORGANISATION else styles.TOP
