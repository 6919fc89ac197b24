"""Project lines (tblProjectlijnen): links, themes, amounts, cost types (PRJ0xx)."""

from __future__ import annotations

from collections.abc import Container, Iterator

import numpy as np

from plan_xl import contract as c
from plan_xl.core.amounts import key_of, kind_mask
from plan_xl.core.coded import KeyGroups
from plan_xl.core.findings import Finding
from plan_xl.core.plan import PlanData, SheetTable
from plan_xl.core.values import AmountKind
from plan_xl.rules.context import (
    CheckContext,
    blank_findings,
    finding,
    fired,
    firing,
    invalid_amounts,
    typed_value,
    with_columns,
)
from plan_xl.rules.registry import BLANK, rule

GROUP = "projects"
SHEET = c.SHEET_PROJECTS
PAIR_TABLE = 1 << 20  # PRJ003 looks pairs up in a table of every pair up to this size


def _unknown_keys(
    ctx: CheckContext, table: SheetTable, column: str, known: Container[str]
) -> Iterator[tuple[int, str, str]]:
    """(Excel row, subject, cell text) of the lines whose filled-in ``column`` is not ``known``."""
    groups = ctx.parsed.key_groups(table, column)
    positions, rows = firing(ctx, table, groups.mask(lambda key: key != "" and key not in known))
    texts = ctx.parsed.texts_at(table, column, positions)
    yield from zip(rows, ctx.subjects(table, positions), texts, strict=True)


def _key_mask(ctx: CheckContext, table: SheetTable, column: str, keys: set[str]) -> np.ndarray:
    """Lines whose ``column`` has one of ``keys`` (compared by :func:`key_of`)."""
    return ctx.parsed.key_groups(table, column).mask(keys.__contains__)


@rule(
    "PRJ001",
    "error",
    GROUP,
    title={"nl": "Onbekende actiecode", "en": "Unknown action code"},
    message={
        "nl": "Actiecode '{code}' bestaat niet in tblActies.",
        "en": "Action code '{code}' does not exist in tblActies.",
    },
    description={
        "nl": "Probleem: een projectlijn verwijst naar een actiecode die niet in het "
        "meerjarenplan staat (tikfout, of de actie werd hernummerd). Het budget van de lijn "
        "telt dan bij geen enkele actie mee. Beter: kies de code van een bestaande actie.",
        "en": "Anti-pattern: a project line refers to an action code that is not in the "
        "multi-year plan (a typo, or the action was renumbered), so the line's budget counts "
        "for no action. Best practice: use the code of an existing action.",
    },
)
def unknown_action_code(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.project_lines, c.COL_ACTION_CODE)
    if table is None or plan.actions is None or not plan.actions.has(c.COL_CODE):
        return
    known = ctx.parsed.first_action_row_of()
    for row, subject, code in _unknown_keys(ctx, table, c.COL_ACTION_CODE, known):
        yield finding("PRJ001", SHEET, table.cell(row, c.COL_ACTION_CODE), subject, code=code)


@rule(
    "PRJ002",
    "error",
    GROUP,
    title={"nl": "Actiecode ontbreekt", "en": "Action code missing"},
    message={
        "nl": "De projectlijn heeft geen Actiecode.",
        "en": "The project line has no action code (Actiecode).",
    },
    description={
        "nl": "Probleem: de projectlijn is aan geen MJP-actie gekoppeld. Zonder die koppeling "
        "raakt het budget zoek tussen projectplan en meerjarenplan. Beter: vul de code in van "
        "de actie die deze lijn uitvoert.",
        "en": "Anti-pattern: the project line is linked to no MJP action, so its budget gets "
        "lost between project plan and multi-year plan. Best practice: enter the code of the "
        "action this line carries out.",
    },
)
def missing_action_code(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.project_lines, c.COL_ACTION_CODE)
    if table is None:
        return
    yield from blank_findings("PRJ002", SHEET, table, c.COL_ACTION_CODE, ctx)


@rule(
    "PRJ003",
    "warning",
    GROUP,
    title={"nl": "Thema past niet bij de actie", "en": "Theme does not match the action"},
    message={
        "nl": "Thema '{theme}' is geen Thema of Neventhema van actie '{code}'.",
        "en": "Theme '{theme}' is neither Thema nor Neventhema of action '{code}'.",
    },
    description={
        "nl": "Probleem: de projectlijn draagt bij aan een thema waaraan haar actie niet gekoppeld "
        "is, zodat het themaoverzicht van acties en budget uit elkaar loopt. Beter: voeg het "
        "thema toe aan de Neventhema's van de actie, of corrigeer het thema van de lijn.",
        "en": "Anti-pattern: the project line contributes to a theme its action is not linked "
        "to, so the theme views of actions and budget drift apart. Best practice: add the "
        "theme to the action's Neventhema's, or correct the line's theme.",
    },
)
def theme_not_of_action(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.project_lines, c.COL_THEME, c.COL_ACTION_CODE)
    if table is None or plan.actions is None:
        return
    parsed = ctx.parsed
    actions = plan.actions
    # Each line's action (its first tblActies row) and known theme, as indices.
    first = parsed.first_action_positions()
    action_groups = parsed.key_groups(actions, c.COL_CODE)
    action_of = {action_groups.keys[g]: i for i, g in enumerate(action_groups.ids[first].tolist())}
    known = {key: k for k, key in enumerate(parsed.themes_by_key)}
    line_actions = parsed.key_groups(table, c.COL_ACTION_CODE)
    line_themes = parsed.key_groups(table, c.COL_THEME)
    line_action = _indices([action_of.get(key, -1) for key in line_actions.keys], line_actions)
    line_theme = _indices([known.get(key, -1) for key in line_themes.keys], line_themes)
    # The theme keys each distinct Thema and Neventhema's value names ('' last:
    # what code -1 picks).
    named: list[tuple[np.ndarray, list[set[str]]]] = []
    for column in (c.COL_THEME, c.COL_SECONDARY_THEMES):
        coded = parsed.coded(actions, column)
        if column == c.COL_THEME:
            names = [{key} if key else set() for key in coded.keys().tolist()]
        else:
            names = [
                {key for _, key in entries} for entries in parsed.list_entries(actions, column)
            ]
        codes = coded.codes[first]
        named.append((np.where(codes < 0, len(names) - 1, codes), names))
    fires = _theme_not_listed(line_action, line_theme, named, list(known))
    positions, rows = firing(ctx, table, fires)
    themes = parsed.texts_at(table, c.COL_THEME, positions)
    codes = parsed.texts_at(table, c.COL_ACTION_CODE, positions)
    subjects = ctx.subjects(table, positions)
    for row, subject, theme, code in zip(rows, subjects, themes, codes, strict=True):
        yield finding(
            "PRJ003", SHEET, table.cell(row, c.COL_THEME), subject, theme=theme, code=code
        )


def _indices(per_key: list[int], groups: KeyGroups) -> np.ndarray:
    """``per_key[g]`` for the key group ``g`` of every row."""
    return np.asarray(per_key, dtype=np.int64)[groups.ids]


def _theme_not_listed(
    line_action: np.ndarray,
    line_theme: np.ndarray,
    named: list[tuple[np.ndarray, list[set[str]]]],
    known: list[str],
) -> np.ndarray:
    """Per line (PRJ003): its action names themes, its theme is a known theme, and
    the action does not name it.

    ``line_action`` is each line's action (-1: none), ``line_theme`` the index in
    ``known`` of its theme (-1: not a known theme); ``named`` holds, per column
    of the actions (Thema, Neventhema's), each action's value code and the theme
    keys each value names. Work in Python is per distinct value; the lines are
    decided by looking up (value, theme) pairs.
    """
    linked = np.flatnonzero((line_action >= 0) & (line_theme >= 0))
    action, theme = line_action[linked], line_theme[linked]
    names_any = np.zeros(len(linked), dtype=bool)
    listed = np.zeros(len(linked), dtype=bool)
    width = len(known)
    index = {key: k for k, key in enumerate(known)}
    for codes, names in named:
        value = codes[action]
        names_any |= np.fromiter(map(bool, names), dtype=bool, count=len(names))[value]
        pairs = [
            v * width + index[key] for v, keys in enumerate(names) for key in keys & index.keys()
        ]
        if len(names) * width <= PAIR_TABLE:  # a table of every pair: one lookup per line
            table = np.zeros(len(names) * width, dtype=bool)
            table[pairs] = True
            listed |= table[value * width + theme]
        else:
            listed |= np.isin(value * width + theme, np.asarray(pairs, dtype=np.int64))
    fires = np.zeros(len(line_action), dtype=bool)
    fires[linked] = names_any & ~listed
    return fires


@rule(
    "PRJ004",
    "error",
    GROUP,
    title={"nl": "Ongeldig bedrag", "en": "Invalid amount"},
    message={
        "nl": "Het bedrag '{value}' voor {year} is geen positief bedrag.",
        "en": "The amount '{value}' for {year} is not a positive amount.",
    },
    description={
        "nl": "Probleem: een bedrag in een jaarkolom van een projectlijn is geen getal (tekst, "
        "datum, waar/onwaar) of is negatief. Beter: typ het bedrag in euro als getal, of laat "
        "de cel leeg als er dat jaar geen kosten zijn.",
        "en": "Anti-pattern: an amount in a project line's year column is not a number "
        "(text, date, true/false) or is negative. Best practice: type the amount in euro as a "
        "number, or leave the cell empty when there is no cost that year.",
    },
)
def invalid_amount(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    if plan.project_lines is None:
        return
    yield from invalid_amounts("PRJ004", plan.project_lines, ctx)


@rule(
    "PRJ005",
    "error",
    GROUP,
    title={"nl": "Kostensoort of budgettype ongeldig", "en": "Cost or budget type invalid"},
    message={
        "nl": "{column} '{value}' is ongeldig; kies {allowed}.",
        "en": "{column} '{value}' is invalid; choose {allowed}.",
    },
    variants={
        BLANK: {
            "nl": "{column} is niet ingevuld: kies {allowed}.",
            "en": "{column} is not filled in: choose {allowed}.",
        }
    },
    description={
        "nl": "Probleem: Kostensoort (Eenmalig/Recurrent) of Budgettype (Investering/Exploitatie) "
        "is leeg of ongeldig. Zonder die gegevens kloppen de overzichten van terugkerende "
        "kosten en van investering versus exploitatie niet. Beter: kies beide uit de "
        "keuzelijst.",
        "en": "Anti-pattern: Kostensoort (Eenmalig/Recurrent) or Budgettype "
        "(Investering/Exploitatie) is empty or invalid, so the views of recurring costs and "
        "of capital versus operating costs are wrong. Best practice: pick both from the list.",
    },
)
def invalid_cost_or_budget_type(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    for column, values in (
        (c.COL_COST_TYPE, c.COST_TYPE_VALUES),
        (c.COL_BUDGET_TYPE, c.BUDGET_TYPE_VALUES),
    ):
        table = with_columns(plan.project_lines, column)
        if table is None:
            continue
        allowed = {key_of(v) for v in values}
        positions, rows = firing(ctx, table, ~_key_mask(ctx, table, column, allowed))
        texts = ctx.parsed.texts_at(table, column, positions)
        subjects = ctx.subjects(table, positions)
        for row, subject, text in zip(rows, subjects, texts, strict=True):
            yield finding(
                "PRJ005", SHEET, table.cell(row, column), subject, column=column,
                allowed=" / ".join(values), **typed_value(text),
            )  # fmt: skip


@rule(
    "PRJ006",
    "warning",
    GROUP,
    title={"nl": "Recurrente kost stopt", "en": "Recurring cost stops"},
    message={
        "nl": "Recurrente kost met een bedrag in {year} maar niet in {next_year}, terwijl de "
        "status '{status}' is: licenties blijven kosten.",
        "en": "Recurring cost with an amount in {year} but none in {next_year}, while the "
        "status is '{status}': licences keep costing.",
    },
    variants={
        BLANK: {
            "nl": "Recurrente kost met een bedrag in {year} maar niet in {next_year}, terwijl er "
            "geen status is ingevuld: licenties blijven kosten.",
            "en": "Recurring cost with an amount in {year} but none in {next_year}, while no "
            "status is filled in: licences keep costing.",
        }
    },
    description={
        "nl": "Probleem: kosten verschoven van eenmalige aankopen naar jaarlijkse licenties. Een "
        "recurrente projectlijn met een bedrag in een jaar maar niet in het volgende planjaar "
        "vergeet vaak de licentiekost van de volgende jaren. Beter: raam de kost in elk jaar "
        "dat hij loopt, of zet de Status op Afgerond of Geannuleerd als hij echt stopt.",
        "en": "Anti-pattern: costs moved from one-time purchases to yearly licences. A "
        "recurring project line with an amount in one year but none in the next plan year "
        "often forgets the licence cost of the following years. Best practice: budget the "
        "cost in every year it runs, or set the Status to Afgerond or Geannuleerd if it "
        "really stops.",
    },
)
def recurring_cost_stops(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.project_lines, c.COL_COST_TYPE)
    if table is None:
        return
    amounts = ctx.parsed.line_amounts
    years = [y for y in plan.years if y in amounts.columns]
    pairs = [(y, y + 1) for y in years if y + 1 in years]
    if not pairs:
        return
    recurring = _key_mask(ctx, table, c.COL_COST_TYPE, {key_of(c.COST_TYPE_RECURRING)})
    closed = _key_mask(ctx, table, c.COL_STATUS, {key_of(s) for s in c.STATUS_CLOSED})
    lines = np.flatnonzero(recurring & ~closed)
    if not len(lines):
        return
    now_cols = amounts.positions([y for y, _ in pairs])
    next_cols = amounts.positions([n for _, n in pairs])
    values = amounts.filled_matrix[lines]
    kinds = amounts.codes[lines]
    now = values[:, now_cols] > 0
    # An unreadable next-year cell is PRJ004, not a stopped cost.
    readable = kind_mask(kinds[:, next_cols], AmountKind.BLANK, AmountKind.NUMBER)
    nothing_next = (values[:, next_cols] == 0) & readable
    hits_i, hits_j = np.nonzero(now & nothing_next)
    if not len(hits_i):
        return
    positions = lines[hits_i].tolist()
    rows = amounts.rows[lines[hits_i]].tolist()
    statuses = ctx.parsed.texts_at(table, c.COL_STATUS, positions)
    subjects = ctx.subjects(table, positions)
    for row, j, subject, status in zip(rows, hits_j.tolist(), subjects, statuses, strict=True):
        year, next_year = pairs[j]
        yield finding(
            "PRJ006", SHEET, table.cell(row, next_year), subject, year=year,
            next_year=next_year, **typed_value(status, "status"),
        )  # fmt: skip


@rule(
    "PRJ007",
    "warning",
    GROUP,
    title={"nl": "Recurrente investering", "en": "Recurring investment"},
    message={
        "nl": "Kostensoort Recurrent met Budgettype Investering: terugkerende kosten zijn "
        "exploitatie.",
        "en": "Cost type Recurrent with budget type Investering: recurring costs are "
        "operating costs.",
    },
    description={
        "nl": "Probleem: een terugkerende kost (bv. een licentie of abonnement) staat als "
        "investering ingeschreven, terwijl ze in de BBC exploitatie is. Beter: zet Budgettype "
        "op Exploitatie, of Kostensoort op Eenmalig als het om een aankoop gaat.",
        "en": "Anti-pattern: a recurring cost (e.g. a licence or subscription) is booked as "
        "an investment, while in BBC it is an operating cost. Best practice: set Budgettype "
        "to Exploitatie, or Kostensoort to Eenmalig if it is a purchase.",
    },
)
def recurring_investment(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.project_lines, c.COL_COST_TYPE, c.COL_BUDGET_TYPE)
    if table is None:
        return
    recurring = _key_mask(ctx, table, c.COL_COST_TYPE, {key_of(c.COST_TYPE_RECURRING)})
    investment = _key_mask(ctx, table, c.COL_BUDGET_TYPE, {key_of(c.BUDGET_TYPE_INVESTMENT)})
    for row, subject in fired(ctx, table, recurring & investment):
        yield finding("PRJ007", SHEET, table.cell(row, c.COL_BUDGET_TYPE), subject)


@rule(
    "PRJ008",
    "info",
    GROUP,
    title={"nl": "Projectlijn zonder bedrag", "en": "Project line without amount"},
    message={
        "nl": "De projectlijn heeft in geen enkel planjaar een bedrag.",
        "en": "The project line has no amount in any plan year.",
    },
    description={
        "nl": "Opmerking: een projectlijn zonder enig bedrag draagt niets bij aan de raming. "
        "Beter: vul de bedragen per jaar in, of verwijder de lijn als ze niet meer nodig is.",
        "en": "Note: a project line without any amount adds nothing to the estimate. Best "
        "practice: fill in the amounts per year, or delete the line if it is no longer "
        "needed.",
    },
)
def line_without_amount(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = plan.project_lines
    amounts = ctx.parsed.line_amounts
    years = [y for y in plan.years if y in amounts.columns]
    if table is None or not years:
        return
    cols = amounts.positions(years)
    some_amount = (amounts.filled_matrix[:, cols] != 0).any(axis=1)
    readable = kind_mask(amounts.codes[:, cols], AmountKind.BLANK, AmountKind.NUMBER).all(axis=1)
    for row, subject in fired(ctx, table, ~some_amount & readable):
        yield finding("PRJ008", SHEET, table.cell(row, years[0]), subject)


@rule(
    "PRJ009",
    "error",
    GROUP,
    title={"nl": "Onbekend thema bij projectlijn", "en": "Unknown theme on project line"},
    message={
        "nl": "'{value}' is geen thema van tblThemas.",
        "en": "'{value}' is not a theme of tblThemas.",
    },
    description={
        "nl": "Probleem: het Thema van een projectlijn is geen naam uit tblThemas (tikfout of "
        "hernoemd thema). Beter: kies het thema uit de keuzelijst, of laat het leeg: dan "
        "telt de lijn onder het thema van haar actie.",
        "en": "Anti-pattern: a project line's Thema is not a name from tblThemas (a typo or a "
        "renamed theme). Best practice: pick the theme from the list, or leave it empty: the "
        "line then counts under its action's theme.",
    },
)
def unknown_line_theme(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.project_lines, c.COL_THEME)
    if table is None:
        return
    known = ctx.parsed.themes_by_key
    for row, subject, text in _unknown_keys(ctx, table, c.COL_THEME, known):
        yield finding("PRJ009", SHEET, table.cell(row, c.COL_THEME), subject, value=text)


@rule(
    "PRJ010",
    "warning",
    GROUP,
    title={"nl": "Projectlijn zonder project", "en": "Project line without project"},
    message={
        "nl": "De kolom Project is leeg.",
        "en": "The Project column is empty.",
    },
    description={
        "nl": "Probleem: een projectlijn noemt het interne project niet, zodat niemand weet "
        "welk projectplan de kost draagt. Beter: vul de projectnaam in.",
        "en": "Anti-pattern: a project line does not name its internal project, so nobody "
        "knows which project plan carries the cost. Best practice: enter the project name.",
    },
)
def line_without_project(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.project_lines, c.COL_PROJECT)
    if table is None:
        return
    yield from blank_findings("PRJ010", SHEET, table, c.COL_PROJECT, ctx)


@rule(
    "PRJ011",
    "warning",
    GROUP,
    title={"nl": "Status ongeldig", "en": "Status invalid"},
    message={
        "nl": "Status '{value}' is ongeldig; kies " + " / ".join(c.STATUS_VALUES) + ".",
        "en": "Status '{value}' is invalid; choose " + " / ".join(c.STATUS_VALUES) + ".",
    },
    variants={
        BLANK: {
            "nl": "Status is niet ingevuld: kies " + " / ".join(c.STATUS_VALUES) + ".",
            "en": "Status is not filled in: choose " + " / ".join(c.STATUS_VALUES) + ".",
        }
    },
    description={
        "nl": "Probleem: de Status van een projectlijn is leeg of geen van Gepland, Lopend, "
        "Afgerond, Geannuleerd, zodat plan-xl niet weet of een recurrente kost mag stoppen. "
        "Beter: kies de status uit de keuzelijst.",
        "en": "Anti-pattern: a project line's Status is empty or none of Gepland, Lopend, "
        "Afgerond, Geannuleerd, so plan-xl cannot tell whether a recurring cost may stop. "
        "Best practice: pick the status from the list.",
    },
)
def invalid_status(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.project_lines, c.COL_STATUS)
    if table is None:
        return
    allowed = {key_of(s) for s in c.STATUS_VALUES}
    positions, rows = firing(ctx, table, ~_key_mask(ctx, table, c.COL_STATUS, allowed))
    texts = ctx.parsed.texts_at(table, c.COL_STATUS, positions)
    subjects = ctx.subjects(table, positions)
    for row, subject, text in zip(rows, subjects, texts, strict=True):
        yield finding("PRJ011", SHEET, table.cell(row, c.COL_STATUS), subject, **typed_value(text))
