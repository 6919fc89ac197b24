"""Dropdowns (data validation) and the defined names that feed them.

Choice documented for Excel and LibreOffice: the theme list is the defined
name ``lstThemas`` referring to the structured reference ``tblThemas[Thema]``
(not an absolute range). Excel resizes it with the table, so a renamed or
added theme flows into every Thema dropdown; LibreOffice (tested headless,
see tests/template) resolves the same name. Data validation itself cannot
hold a structured reference in Excel, hence the name in between.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from plan_xl import contract as c
from plan_xl.i18n import t

DEFINED_NAMES: dict[str, str] = {
    c.NAME_THEME_LIST: f"{c.TBL_THEMES}[{c.COL_THEME}]",
    c.NAME_LEVEL_LIST: f"{c.TBL_LEVELS}[{c.COL_LEVEL}]",
    c.NAME_ACTION_CODE_LIST: f"{c.TBL_ACTIONS}[{c.COL_CODE}]",
}


def add_defined_names(wb: Workbook) -> None:
    for name, ref in DEFINED_NAMES.items():
        wb.defined_names[name] = DefinedName(name, attr_text=ref)


def name_params() -> dict[str, str]:
    return {
        "table_levels": c.TBL_LEVELS,
        "table_themes": c.TBL_THEMES,
        "sheet_settings": c.SHEET_SETTINGS,
        "sheet_maturity": c.SHEET_MATURITY,
    }


def add_list(
    ws: Worksheet,
    sqref: str,
    *,
    values: Sequence[str] | None = None,
    name: str | None = None,
    strict: bool = True,
    prompt_key: str = "template.prompt.choice",
    lang: str = "nl",
) -> DataValidation:
    """A dropdown on ``sqref`` from literal ``values`` or a defined ``name``.

    ``strict=False`` offers the list but accepts other text (multi-value
    cells such as Neventhema's and Stakeholders, separated by ';').
    """
    formula = f"={name}" if name is not None else '"' + ",".join(values or ()) + '"'
    dv = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showDropDown=False,  # False = show the in-cell arrow (the OOXML flag is inverted)
        showErrorMessage=strict,
        showInputMessage=True,
        errorStyle="stop",
        errorTitle=t("template.error.title", lang),
        error=t("template.error.choice", lang),
        prompt=t(prompt_key, lang, **name_params()),
    )
    dv.add(sqref)
    ws.add_data_validation(dv)
    return dv


def add_whole_number(ws: Worksheet, sqref: str, minimum: int, maximum: int) -> DataValidation:
    dv = DataValidation(
        type="whole",
        operator="between",
        formula1=str(minimum),
        formula2=str(maximum),
        allow_blank=True,
        showErrorMessage=True,
    )
    dv.add(sqref)
    ws.add_data_validation(dv)
    return dv
