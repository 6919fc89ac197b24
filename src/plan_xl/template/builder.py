"""Build the plan workbook (blank template or the example) and save it atomically."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from openpyxl import Workbook

from plan_xl import contract as c
from plan_xl.atomic import atomic_write
from plan_xl.errors import PlanXlError
from plan_xl.i18n import normalise_lang
from plan_xl.template.content import WorkbookContent
from plan_xl.template.example import example_data
from plan_xl.template.instructions import build_instructions_sheet
from plan_xl.template.layout import fit_wrapped_rows
from plan_xl.template.printing import header_row_of_tables, set_print_layout
from plan_xl.template.profile import Profile, default_profile
from plan_xl.template.sheets_maturity import build_maturity_sheet
from plan_xl.template.sheets_output import build_budget_sheet, build_checks_sheet
from plan_xl.template.sheets_plan import build_plan_sheet, build_projects_sheet
from plan_xl.template.sheets_settings import build_settings_sheet
from plan_xl.template.validation import add_defined_names

BLANK_TEMPLATE_NAME = "plan-xl-sjabloon.xlsx"
EXAMPLE_NAME = "plan-xl-voorbeeld.xlsx"


def workbook_content(
    *, example: bool = False, profile: Profile | None = None, lang: str | None = None
) -> WorkbookContent:
    """What the workbook will hold; ``lang`` None means the profile's language."""
    if example:
        if profile is not None:
            raise PlanXlError("template.example_with_profile", lang)
        content = example_data()
        if lang:
            settings = replace(content.settings, language=normalise_lang(lang))
            content = replace(content, settings=settings)
        return content
    return (profile or default_profile()).content(normalise_lang(lang) if lang else None)


def make_workbook(content: WorkbookContent, lang: str) -> Workbook:
    """The openpyxl workbook for ``content``, sheets in contract order."""
    wb = Workbook()
    sheets = {name: wb.create_sheet(name) for name in c.SHEET_ORDER}
    wb.remove(wb.worksheets[0])
    build_instructions_sheet(sheets[c.SHEET_INSTRUCTIONS], content, lang)
    build_settings_sheet(sheets[c.SHEET_SETTINGS], content, lang)
    build_maturity_sheet(sheets[c.SHEET_MATURITY], content, lang)
    build_plan_sheet(sheets[c.SHEET_PLAN], content, lang)
    build_projects_sheet(sheets[c.SHEET_PROJECTS], content, lang)
    build_budget_sheet(sheets[c.SHEET_BUDGET], lang)
    build_checks_sheet(sheets[c.SHEET_CHECKS], lang)
    add_defined_names(wb)
    for ws in wb.worksheets:
        # Wrapped text gets explicit row heights: neither Excel nor LibreOffice fits them on open.
        fit_wrapped_rows(ws)
        set_print_layout(
            ws,
            lang,
            organisation=content.settings.organisation,
            title_row=header_row_of_tables(ws),
        )
    wb.active = 0
    wb.properties.creator = "plan-xl"
    wb.properties.title = content.settings.organisation or "plan-xl"
    # Excel recalculates Totaal and the helper scores when the file opens.
    wb.calculation.fullCalcOnLoad = True
    return wb


def build_workbook(
    out: Path | str,
    *,
    example: bool = False,
    profile: Profile | None = None,
    lang: str | None = None,
) -> Path:
    """Write the template (or, with ``example``, Gemeente Voorbeeld) to ``out``.

    ``lang`` sets the Instructies language and the workbook's Taal; None takes
    the profile's language (Dutch without a profile). The file is written to a
    temporary file next to ``out`` and moved into place, so ``out`` is never
    left half-written.
    """
    out = Path(out)
    content = workbook_content(example=example, profile=profile, lang=lang)
    language = normalise_lang(lang or content.settings.language)
    wb = make_workbook(content, language)
    save_atomically(wb, out, lang=language)
    return out


def save_atomically(wb: Workbook, out: Path, *, lang: str = "nl") -> None:
    atomic_write(out, wb.save, error_key="template.cannot_write", lang=lang)


def committed_dir() -> Path:
    """templates/ of the source checkout (the package lives in src/plan_xl)."""
    return Path(__file__).resolve().parents[3] / "templates"


def rebuild_committed(target: Path | None = None) -> list[Path]:
    """Rebuild the committed blank template and example into ``target``."""
    target = target or committed_dir()
    return [
        build_workbook(target / BLANK_TEMPLATE_NAME),
        build_workbook(target / EXAMPLE_NAME, example=True),
    ]
