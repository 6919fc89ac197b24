"""Workbook structure: sheets, tables, columns, settings and cell values (WB0xx)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from plan_xl import contract as c
from plan_xl.core.amounts import amount_text, format_eur
from plan_xl.core.findings import Finding
from plan_xl.core.plan import PlanData, SheetTable
from plan_xl.core.values import ERROR_LITERALS, AmountKind, as_text, parse_int
from plan_xl.rules.context import (
    CheckContext,
    finding,
    header_cell,
    positions_by_value,
    typed_value,
)
from plan_xl.rules.registry import BLANK, MISSING, VARIANT, rule

GROUP = "workbook"
FIRST_SENSIBLE_YEAR = 2000
LAST_SENSIBLE_YEAR = 2100
MAX_PLAN_LENGTH = 20  # years


def _tables(plan: PlanData) -> dict[str, SheetTable]:
    found = {
        c.TBL_SETTINGS: plan.settings_table,
        c.TBL_THEMES: plan.themes_table,
        c.TBL_ACTIONS: plan.actions,
        c.TBL_PROJECT_LINES: plan.project_lines,
    }
    return {name: table for name, table in found.items() if table is not None}


@rule(
    "WB001",
    "error",
    GROUP,
    title={"nl": "Blad of tabel ontbreekt", "en": "Sheet or table missing"},
    message={
        "nl": "'{name}' ontbreekt (verwacht op blad '{sheet}'). Zonder dit onderdeel kunnen "
        "niet alle controles lopen.",
        "en": "'{name}' is missing (expected on sheet '{sheet}'). Without it not all checks "
        "can run.",
    },
    description={
        "nl": "Probleem: een verplicht blad of een verplichte Excel-tabel van het sjabloon is er "
        "niet (hernoemd, verwijderd of de tabel werd omgezet naar een gewoon bereik). "
        "Beter: herstel de oorspronkelijke blad- en tabelnamen of vertrek van een nieuw "
        "sjabloon (plan-xl template) en kopieer de gegevens erin.",
        "en": "Anti-pattern: a required sheet or Excel table of the template is absent "
        "(renamed, deleted, or the table was converted to a plain range). Best practice: "
        "restore the original sheet and table names, or start from a fresh template "
        "(plan-xl template) and copy the data into it.",
    },
)
def missing_sheet_or_table(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    missing_sheets = set(plan.structure.missing_sheets)
    for sheet in plan.structure.missing_sheets:
        yield finding("WB001", sheet, "", sheet, name=sheet, sheet=sheet)
    for table, sheet in plan.structure.missing_tables.items():
        if sheet not in missing_sheets:
            yield finding("WB001", sheet, "", table, name=table, sheet=sheet)


@rule(
    "WB002",
    "error",
    GROUP,
    title={"nl": "Kolom ontbreekt", "en": "Column missing"},
    message={
        "nl": "Kolom '{column}' ontbreekt in tabel {table}. Dichtstbijzijnde kolomkop: "
        "'{closest}'.",
        "en": "Column '{column}' is missing in table {table}. Closest header: '{closest}'.",
    },
    description={
        "nl": "Probleem: een verplichte kolomkop werd hernoemd of verwijderd, waardoor plan-xl de "
        "kolom niet vindt. Beter: geef de kolom opnieuw exact de naam uit het sjabloon; de "
        "melding noemt de kolomkop die er het dichtst bij ligt.",
        "en": "Anti-pattern: a required column header was renamed or deleted, so plan-xl "
        "cannot find the column. Best practice: give the column the exact template name "
        "again; the message names the closest existing header.",
    },
)
def missing_column(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    tables = _tables(plan)
    for table_name, column, closest in plan.structure.missing_columns:
        if column.strip().isdigit():
            continue  # year columns are WB005
        spec = c.TABLES_BY_NAME.get(table_name)
        sheet = spec.sheet if spec else ""
        table = tables.get(table_name)
        cell = header_cell(table) if table is not None else ""
        yield finding(
            "WB002",
            sheet,
            cell,
            table_name,
            column=column,
            table=table_name,
            closest=closest or "—",
        )


@rule(
    "WB003",
    "warning",
    GROUP,
    title={"nl": "Onbekende sjabloonversie", "en": "Unknown template version"},
    message={
        "nl": "Sjabloonversie '{value}' is onbekend of verouderd; plan-xl verwacht versie "
        "{expected}.",
        "en": "Template version '{value}' is unknown or outdated; plan-xl expects version "
        "{expected}.",
    },
    variants={
        BLANK: {
            "nl": "Sjabloonversie is niet ingevuld; plan-xl verwacht versie {expected}.",
            "en": "Template version is not filled in; plan-xl expects version {expected}.",
        },
        MISSING: {
            "nl": "De parameter Sjabloonversie ontbreekt in tblInstellingen; plan-xl verwacht "
            "versie {expected}.",
            "en": "The Sjabloonversie parameter is missing from tblInstellingen; plan-xl "
            "expects version {expected}.",
        },
    },
    description={
        "nl": "Probleem: de parameter Sjabloonversie in tblInstellingen ontbreekt, is geen "
        "getal of hoort bij een oudere versie van het sjabloon. Beter: neem de gegevens "
        "over in een nieuw sjabloon van de huidige versie; pas de versie niet met de hand aan.",
        "en": "Anti-pattern: the Sjabloonversie parameter in tblInstellingen is missing, not a "
        "number, or belongs to an older template. Best practice: move the data into a fresh "
        "template of the current version; do not edit the version by hand.",
    },
)
def unknown_template_version(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    if plan.settings_table is None:
        return
    s = plan.settings
    present = c.P_TEMPLATE_VERSION in s.raw
    invalid = c.P_TEMPLATE_VERSION in s.invalid
    if present and not invalid and s.template_version == c.TEMPLATE_VERSION:
        return
    cell = s.cells.get(c.P_TEMPLATE_VERSION, "") or header_cell(plan.settings_table)
    shown = typed_value(s.raw.get(c.P_TEMPLATE_VERSION)) if present else {VARIANT: MISSING}
    yield finding(
        "WB003", c.SHEET_SETTINGS, cell, c.P_TEMPLATE_VERSION, expected=c.TEMPLATE_VERSION,
        **shown,
    )  # fmt: skip


@rule(
    "WB004",
    "error",
    GROUP,
    title={"nl": "Foutwaarde in een cel", "en": "Error value in a cell"},
    message={
        "nl": "De cel bevat de foutwaarde {error}; plan-xl kan ze niet gebruiken.",
        "en": "The cell holds the error value {error}; plan-xl cannot use it.",
    },
    description={
        "nl": "Probleem: een invoercel bevat een rekenbladfout zoals #REF!, #VALUE! of #N/A, vaak "
        "door een formule die naar een verwijderde cel of een ander bestand verwijst. "
        "Beter: herstel de formule of typ de waarde zelf in.",
        "en": "Anti-pattern: an input cell holds a spreadsheet error such as #REF!, #VALUE! or "
        "#N/A, often a formula pointing at a deleted cell or another file. Best practice: "
        "repair the formula or type the value.",
    },
)
def error_value(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    for table in _tables(plan).values():
        frame = table.frame
        index = frame.index
        for column in frame.columns:
            if column in table.spec.owned or not table.has(column):
                continue
            if isinstance(column, int):
                continue  # year columns: from the parsed amounts below
            found = _error_positions_of(ctx, table, column)
            if not found:
                continue
            positions = [i for i, _ in found]
            subjects = ctx.subjects(table, positions)
            for (i, error), subject in zip(found, subjects, strict=True):
                cell = table.cell(int(index[i]), column)
                yield finding("WB004", table.sheet, cell, subject, error=error)
        amounts = ctx.parsed.amounts_of(table)
        positions_arr, cols = np.nonzero(amounts.of_kind(AmountKind.ERROR))
        if not len(positions_arr):
            continue
        positions = positions_arr.tolist()
        rows = amounts.rows[positions_arr].tolist()
        years = [amounts.columns[j] for j in cols.tolist()]
        raws = ctx.parsed.raw_by_position(table, list(zip(positions, years, strict=True)))
        subjects = ctx.subjects(table, positions)
        for row, year, raw, subject in zip(rows, years, raws, subjects, strict=True):
            error = amount_text(raw).upper()
            yield finding("WB004", table.sheet, table.cell(row, year), subject, error=error)


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _error_cells(column: pd.Series) -> list[tuple[int, str]]:
    """(row, error) of the cells whose text is a spreadsheet error (#REF!, #N/A ...)."""
    index = column.index
    return [(int(index[i]), error) for i, error in _error_positions(column.to_numpy(dtype=object))]


def _error_positions_of(ctx: CheckContext, table: SheetTable, column: str) -> list[tuple[int, str]]:
    """:func:`_error_positions` of a column; once per distinct value when the
    column is factorised anyway (codes, themes, types: other rules need them)."""
    coded = ctx.parsed.coded_if_known(table, column)
    if coded is None:
        return _error_positions(ctx.parsed.raw_column(table, column))
    per_value = [""] * (len(coded.uniques) + 1)  # '' last: blank cells (code -1)
    for i, error in _error_positions(coded.uniques):
        per_value[i] = error
    return list(positions_by_value(coded, per_value))


def _error_positions(raw: np.ndarray) -> list[tuple[int, str]]:
    """(position, error) of the cells whose text is a spreadsheet error (#REF!, #N/A ...).

    Only error values and text holding a '#' can be one; a column of plain
    text (and blanks) without any '#' is settled by one search over its joined text.
    """
    try:
        # Text only, no blanks (a 5,000-line column of project names): one join
        # straight from the array; anything else but text makes join raise.
        if "#" not in "".join(raw):
            return []
    except TypeError:
        pass
    cells = raw.tolist()
    try:
        # filter(None, ...) drops None and ''; anything else but text makes join raise.
        if "#" not in "".join(filter(None, cells)):
            return []
    except TypeError:
        pass
    positions = [
        i
        for i, v in enumerate(cells)
        if (v.__class__ is str and "#" in v) or v.__class__ not in _PLAIN_TYPES
    ]
    found: list[tuple[int, str]] = []
    for i in positions:
        text = as_text(cells[i])
        if text.startswith("#") and text.strip().upper() in ERROR_LITERALS:
            found.append((i, text.strip().upper()))
    return found


@rule(
    "WB005",
    "error",
    GROUP,
    title={"nl": "Ongeldige planperiode", "en": "Invalid plan period"},
    message={"nl": "{reason_nl}", "en": "{reason_en}"},
    description={
        "nl": "Probleem: Startjaar of Eindjaar in tblInstellingen ontbreekt, is geen jaartal, het "
        "Eindjaar ligt voor het Startjaar, de periode is onrealistisch (voor "
        f"{FIRST_SENSIBLE_YEAR}, na {LAST_SENSIBLE_YEAR} of langer dan {MAX_PLAN_LENGTH} jaar), "
        "of de jaarkolommen van tblActies en tblProjectlijnen komen niet overeen met de "
        "periode. Beter: vul beide jaren in (bv. 2026 en 2031) en zorg voor precies één "
        "kolom per planjaar; genereer zo nodig een sjabloon met de juiste periode.",
        "en": "Anti-pattern: Startjaar or Eindjaar in tblInstellingen is missing, not a year, "
        "Eindjaar lies before Startjaar, the period is unrealistic (before "
        f"{FIRST_SENSIBLE_YEAR}, after {LAST_SENSIBLE_YEAR} or longer than {MAX_PLAN_LENGTH} "
        "years), or the year columns of tblActies and tblProjectlijnen do not match the "
        "period. Best practice: fill in both years (e.g. 2026 and 2031) and keep exactly one "
        "column per plan year; generate a template for the right period if needed.",
    },
)
def invalid_plan_period(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    s = plan.settings
    if plan.settings_table is None:
        return
    sheet = c.SHEET_SETTINGS
    fallback = header_cell(plan.settings_table)
    years: dict[str, int | None] = {}
    for param in (c.P_START_YEAR, c.P_END_YEAR):
        years[param] = parse_int(s.raw[param]) if param in s.raw else None
        if years[param] is None:
            yield finding(
                "WB005", sheet, s.cells.get(param, "") or fallback, param,
                **_year_reasons(param, s.raw.get(param), present=param in s.raw),
            )  # fmt: skip
    start, end = years[c.P_START_YEAR], years[c.P_END_YEAR]
    if start is None or end is None:
        return
    if end < start:
        yield finding(
            "WB005", sheet, s.cells.get(c.P_END_YEAR, "") or fallback, c.P_END_YEAR,
            reason_nl=f"Eindjaar {end} ligt voor Startjaar {start}.",
            reason_en=f"Eindjaar {end} lies before Startjaar {start}.",
        )  # fmt: skip
        return
    if start < FIRST_SENSIBLE_YEAR or end > LAST_SENSIBLE_YEAR or end - start >= MAX_PLAN_LENGTH:
        yield finding(
            "WB005", sheet, s.cells.get(c.P_START_YEAR, "") or fallback, c.P_START_YEAR,
            reason_nl=f"De planperiode {start}–{end} is onrealistisch.",
            reason_en=f"The plan period {start}–{end} is unrealistic.",
        )  # fmt: skip
        return
    expected = c.plan_years(start, end)
    for table in (plan.actions, plan.project_lines):
        if table is None:
            continue
        found = sorted(plan.structure.year_columns.get(table.spec.name, table.year_columns))
        if found == expected:
            continue
        shown = ", ".join(str(y) for y in found) or "—"
        yield finding(
            "WB005", table.sheet, header_cell(table), table.spec.name,
            reason_nl=f"De jaarkolommen van {table.spec.name} ({shown}) komen niet overeen met "
            f"de planperiode {start}–{end}.",
            reason_en=f"The year columns of {table.spec.name} ({shown}) do not match the plan "
            f"period {start}–{end}.",
        )  # fmt: skip


def _year_reasons(param: str, raw: object, *, present: bool) -> dict[str, str]:
    """Why Startjaar/Eindjaar is unusable: absent, blank, or not a year."""
    value = as_text(raw)
    if not present:
        return {
            "reason_nl": f"De parameter {param} ontbreekt in tblInstellingen.",
            "reason_en": f"The parameter {param} is missing from tblInstellingen.",
        }
    if not value:
        return {
            "reason_nl": f"{param} is niet ingevuld: vul een jaartal in (bv. 2026).",
            "reason_en": f"{param} is not filled in: enter a year (e.g. 2026).",
        }
    return {
        "reason_nl": f"{param} '{value}' is geen geldig jaartal.",
        "reason_en": f"{param} '{value}' is not a valid year.",
    }


@rule(
    "WB006",
    "info",
    GROUP,
    title={"nl": "Getal als tekst gelezen", "en": "Number typed as text"},
    message={
        "nl": "'{typed}' staat als tekst in de cel en werd gelezen als {value}.",
        "en": "'{typed}' is text in the cell and was read as {value}.",
    },
    description={
        "nl": "Opmerking: een bedrag werd als tekst ingegeven (bv. '12.500,00' of '€ 12 500'). "
        "plan-xl leest het als getal, maar Excel telt het niet mee in sommen. Beter: typ "
        "bedragen als getal en gebruik de celopmaak voor het euroteken en de scheidingstekens.",
        "en": "Note: an amount was typed as text (e.g. '12.500,00' or '€ 12 500'). plan-xl reads "
        "it as a number, but Excel leaves it out of sums. Best practice: type amounts as "
        "numbers and use cell formatting for the euro sign and separators.",
    },
)
def number_typed_as_text(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    for table in (plan.actions, plan.project_lines):
        if table is None:
            continue
        amounts = ctx.parsed.amounts_of(table)
        positions_arr, cols_arr = np.nonzero(amounts.of_kind(AmountKind.TEXT_NUMBER))
        if not len(positions_arr):
            continue
        positions, cols = positions_arr.tolist(), cols_arr.tolist()
        rows = amounts.rows[positions_arr].tolist()
        years = [amounts.columns[j] for j in cols]
        raws = ctx.parsed.raw_by_position(table, list(zip(positions, years, strict=True)))
        numbers = amounts.matrix[positions_arr, cols_arr].tolist()
        subjects = ctx.subjects(table, positions)
        for row, year, raw, number, subject in zip(
            rows, years, raws, numbers, subjects, strict=True
        ):
            yield finding(
                "WB006", table.sheet, table.cell(row, year), subject,
                typed=amount_text(raw), value=format_eur(number),
            )  # fmt: skip


@rule(
    "WB007",
    "warning",
    GROUP,
    title={"nl": "Ongeldige instelling", "en": "Invalid setting"},
    message={
        "nl": "De waarde '{value}' voor {parameter} is ongeldig; plan-xl gebruikt de "
        "standaardwaarde {default}.",
        "en": "The value '{value}' for {parameter} is invalid; plan-xl uses the default {default}.",
    },
    variants={
        BLANK: {
            "nl": "{parameter} is niet ingevuld; plan-xl gebruikt de standaardwaarde {default}.",
            "en": "{parameter} is not filled in; plan-xl uses the default {default}.",
        }
    },
    description={
        "nl": "Probleem: een parameter in tblInstellingen (zoals Tolerantie EUR, Tolerantie %, "
        "Max. stappen per plan, Max. onbalans of Taal) heeft een waarde die plan-xl niet kan "
        "gebruiken, zodat de controles met de standaardwaarde lopen. Beter: vul een getal "
        "in (een taal: nl of en).",
        "en": "Anti-pattern: a parameter in tblInstellingen (such as Tolerantie EUR, "
        "Tolerantie %, Max. stappen per plan, Max. onbalans or Taal) has a value plan-xl "
        "cannot use, so the checks run with the default. Best practice: enter a number "
        "(for the language: nl or en).",
    },
)
def invalid_setting(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    if plan.settings_table is None:
        return
    s = plan.settings
    handled = {c.P_START_YEAR, c.P_END_YEAR, c.P_TEMPLATE_VERSION}
    for param, raw in s.invalid.items():
        if param in handled:
            continue
        cell = s.cells.get(param, "") or header_cell(plan.settings_table)
        default = c.SETTINGS_DEFAULTS.get(param, "")
        yield finding(
            "WB007", c.SHEET_SETTINGS, cell, param, parameter=param, **typed_value(raw),
            default=default if default != "" else "—",
        )  # fmt: skip
