"""MJP actions (tblActies): codes, themes, estimates and follow-up (ACT0xx)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from plan_xl import contract as c
from plan_xl.core.amounts import AmountFrame, format_eur_all, key_of, kind_mask
from plan_xl.core.coded import KeyGroups
from plan_xl.core.findings import Finding
from plan_xl.core.group_sums import Groups, exact_sums, sum_by_group
from plan_xl.core.plan import PlanData
from plan_xl.core.values import AmountKind
from plan_xl.rules.context import (
    CheckContext,
    action_subject,
    blank_findings,
    excel_rows,
    finding,
    firing,
    invalid_amounts,
    join_names,
    positions_by_value,
    typed_value,
    with_columns,
)
from plan_xl.rules.registry import BLANK, rule

GROUP = "actions"
SHEET = c.SHEET_PLAN


def _subject(ctx: CheckContext, row: int) -> str:
    return action_subject(ctx.parsed.text_at(ctx.plan.actions, c.COL_CODE, row), row)


@rule(
    "ACT001",
    "error",
    GROUP,
    title={"nl": "Dubbele actiecode", "en": "Duplicate action code"},
    message={
        "nl": "De actiecode '{code}' staat al in rij {first_row}.",
        "en": "The action code '{code}' already appears in row {first_row}.",
    },
    description={
        "nl": "Probleem: twee acties hebben dezelfde code, zodat projectlijnen niet eenduidig aan "
        "een actie te koppelen zijn. Beter: geef elke actie een unieke code, zoals in de BBC-"
        "nummering (bv. AC1.2.3).",
        "en": "Anti-pattern: two actions share a code, so project lines cannot be linked to "
        "one action. Best practice: give every action a unique code, as in the BBC numbering "
        "(e.g. AC1.2.3).",
    },
)
def duplicate_action_code(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.actions, c.COL_CODE)
    if table is None:
        return
    groups = ctx.parsed.key_groups(table, c.COL_CODE)
    duplicate = np.ones(len(groups.ids), dtype=bool)
    duplicate[groups.first_positions()] = False
    if "" in groups.keys:
        duplicate &= groups.ids != groups.keys.index("")
    positions, rows = firing(ctx, table, duplicate)
    if not positions:
        return
    first_row_of = ctx.parsed.first_action_row_of()
    codes = ctx.parsed.texts_at(table, c.COL_CODE, positions)
    for row, code, group in zip(rows, codes, groups.ids[positions].tolist(), strict=True):
        yield finding(
            "ACT001", SHEET, table.cell(row, c.COL_CODE), code, code=code,
            first_row=int(first_row_of[groups.keys[group]]),
        )  # fmt: skip


@rule(
    "ACT002",
    "error",
    GROUP,
    title={"nl": "Actie zonder code of titel", "en": "Action without code or title"},
    message={
        "nl": "De kolom {column} is leeg; elke actie heeft een code en een titel nodig.",
        "en": "The column {column} is empty; every action needs a code and a title.",
    },
    description={
        "nl": "Probleem: een actie heeft geen Code of geen titel (kolom Actie). Zonder code kunnen "
        "projectlijnen er niet naar verwijzen, zonder titel weet niemand waarover het gaat. "
        "Beter: vul beide in, met de code en titel uit het meerjarenplan.",
        "en": "Anti-pattern: an action has no Code or no title (column Actie). Without a code "
        "project lines cannot refer to it, without a title nobody knows what it is about. "
        "Best practice: fill in both, with the code and title from the multi-year plan.",
    },
)
def action_without_code_or_title(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    for column in (c.COL_CODE, c.COL_ACTION):
        table = with_columns(plan.actions, column)
        if table is None:
            continue
        yield from blank_findings("ACT002", SHEET, table, column, ctx, column=column)


@rule(
    "ACT003",
    "error",
    GROUP,
    title={"nl": "Onbekend thema bij actie", "en": "Unknown theme on action"},
    message={
        "nl": "'{value}' is geen thema van tblThemas.",
        "en": "'{value}' is not a theme of tblThemas.",
    },
    description={
        "nl": "Probleem: Thema of een van de Neventhema's van een actie is geen naam uit tblThemas "
        "(tikfout, of het thema werd hernoemd). Dan telt de actie niet mee voor dat thema. "
        "Beter: kies het thema uit de keuzelijst; scheid neventhema's met ';'.",
        "en": "Anti-pattern: an action's Thema or one of its Neventhema's is not a name from "
        "tblThemas (a typo, or the theme was renamed), so the action does not count for that "
        "theme. Best practice: pick the theme from the list; separate secondary themes "
        "with ';'.",
    },
)
def unknown_action_theme(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    known = ctx.parsed.themes_by_key
    for column in (c.COL_THEME, c.COL_SECONDARY_THEMES):
        table = with_columns(plan.actions, column)
        if table is None:
            continue
        coded = ctx.parsed.coded(table, column)
        # Per distinct text: the unknown theme names it holds.
        if column == c.COL_THEME:
            texts, keys = coded.texts().tolist(), coded.keys().tolist()
            unknown_of = [
                [t] if t and k not in known else [] for t, k in zip(texts, keys, strict=True)
            ]
        else:
            unknown_of = [
                [e for e, k in entries if k not in known]
                for entries in ctx.parsed.list_entries(table, column)
            ]
        found = list(positions_by_value(coded, unknown_of))
        subjects = ctx.subjects(table, [position for position, _ in found])
        rows = excel_rows(ctx, table)
        for (position, unknown), subject in zip(found, subjects, strict=True):
            yield finding(
                "ACT003", SHEET, table.cell(int(rows[position]), column), subject,
                value=join_names(unknown),
            )  # fmt: skip


@rule(
    "ACT004",
    "warning",
    GROUP,
    title={"nl": "Actie zonder projectlijn", "en": "Action without project line"},
    message={
        "nl": "Geen enkele projectlijn verwijst naar actie '{code}'.",
        "en": "No project line refers to action '{code}'.",
    },
    description={
        "nl": "Probleem: een MJP-actie heeft geen interne projectlijn die ze uitvoert. Zonder die "
        "koppeling is niet te zien of de raming klopt en raakt de actie uit beeld. Beter: "
        "voeg in Projectplannen de projectlijnen toe met deze code in Actiecode. (Verschillen "
        "per jaar, ACT005, worden pas gemeld zodra er een projectlijn is.)",
        "en": "Anti-pattern: an MJP action has no internal project line carrying it out. "
        "Without that link nobody can see whether the estimate is right and the action gets "
        "lost. Best practice: add the project lines in Projectplannen with this code in "
        "Actiecode. (Yearly differences, ACT005, are reported once there is a project line.)",
    },
)
def action_without_project_line(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.actions, c.COL_CODE)
    if table is None or plan.project_lines is None:
        return
    linked = set(ctx.parsed.key_groups(plan.project_lines, c.COL_ACTION_CODE).keys)
    for key, row in ctx.parsed.first_action_row_of().items():
        if key not in linked:
            code = ctx.parsed.text_at(table, c.COL_CODE, row)
            yield finding("ACT004", SHEET, table.cell(int(row), c.COL_CODE), code,
                          code=code)  # fmt: skip


@rule(
    "ACT005",
    "warning",
    GROUP,
    title={"nl": "Raming wijkt af van projectlijnen", "en": "Estimate differs from project lines"},
    message={
        "nl": "{year}: de MJP-raming ({mjp}) wijkt {difference} af van de som van de "
        "projectlijnen ({projects}); toegelaten is {tolerance}.",
        "en": "{year}: the MJP estimate ({mjp}) differs by {difference} from the sum of the "
        "project lines ({projects}); allowed is {tolerance}.",
    },
    description={
        "nl": "Probleem: voor een jaar verschilt de raming van een actie in het meerjarenplan van "
        "de som van haar projectlijnen met meer dan max(Tolerantie EUR, Tolerantie % van de "
        "raming). Eén van beide is dan niet realistisch. Beter: stem raming en projectplannen "
        "op elkaar af, jaar per jaar.",
        "en": "Anti-pattern: for a year, an action's estimate in the multi-year plan differs "
        "from the sum of its project lines by more than max(Tolerantie EUR, Tolerantie % of "
        "the estimate), so one of them is not realistic. Best practice: align estimate and "
        "project plans, year by year.",
    },
)
def estimate_differs_from_lines(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.actions, c.COL_CODE)
    years = ctx.parsed.common_years
    if table is None or plan.project_lines is None or not years:
        return
    parsed = ctx.parsed
    lines = parsed.key_groups(plan.project_lines, c.COL_ACTION_CODE)
    group_of = {key: g for g, key in enumerate(lines.keys)}
    # The first row of every action code some project line refers to.
    first = parsed.first_action_positions()
    action_groups = parsed.key_groups(table, c.COL_CODE)
    keyed = [group_of.get(action_groups.keys[g], -1) for g in action_groups.ids[first].tolist()]
    linked = np.asarray(keyed, dtype=np.int64)
    positions = first[linked >= 0]
    if not len(positions):
        return
    line_sums = _sums_by_group(parsed.line_amounts, years, lines)[linked[linked >= 0]]
    amounts = parsed.action_amounts
    cols = np.asarray(amounts.positions(years), dtype=np.int64)
    mjp = amounts.filled_matrix[np.ix_(positions, cols)]
    usable = kind_mask(
        amounts.codes[np.ix_(positions, cols)],
        AmountKind.BLANK, AmountKind.NUMBER, AmountKind.TEXT_NUMBER,
    ) & (mjp >= 0)  # fmt: skip
    s = plan.settings
    tolerance = np.maximum(s.tolerance_eur, s.tolerance_pct * np.abs(mjp) / 100.0)
    fires = usable & (np.abs(mjp - line_sums) > tolerance)
    hits_i, hits_j = np.nonzero(fires)
    if not len(hits_i):
        return
    rows = amounts.rows[positions[hits_i]].tolist()
    codes = parsed.texts_at(table, c.COL_CODE, positions[hits_i].tolist())
    m, p = mjp[hits_i, hits_j], line_sums[hits_i, hits_j]
    # Hundreds of findings: every amount of every message formatted in one go
    # (float64 m - p in numpy is the same IEEE subtraction as in Python).
    texts = format_eur_all([*m.tolist(), *p.tolist(), *(m - p).tolist(),
                            *tolerance[hits_i, hits_j].tolist()])  # fmt: skip
    count = len(rows)
    for k, (row, j, code) in enumerate(zip(rows, hits_j.tolist(), codes, strict=True)):
        year = years[j]
        yield finding(
            "ACT005", SHEET, table.cell(row, year), code, year=year, mjp=texts[k],
            projects=texts[count + k], difference=texts[2 * count + k],
            tolerance=texts[3 * count + k],
        )  # fmt: skip


def _sums_by_group(amounts: AmountFrame, years: list[int], groups: KeyGroups) -> np.ndarray:
    """Sum of the (filled) amounts of ``years`` per key group: groups x years.

    Whole euro amounts are summed exactly in any order, so they take one
    bincount per year; anything else goes through pandas' groupby sum, which
    is what the figures have always been computed with.
    """
    matrix = amounts.filled_matrix[:, amounts.positions(years)]
    size = len(groups.keys)
    if exact_sums(matrix):
        return sum_by_group(Groups(groups.ids, groups.keys), matrix)
    summed = pd.DataFrame(matrix).groupby(groups.ids).sum()
    return summed.reindex(range(size), fill_value=0.0).to_numpy(dtype=float)


def _blank_rule(code: str, column: str) -> object:
    def check(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
        table = with_columns(plan.actions, column)
        if table is None:
            return
        yield from blank_findings(code, SHEET, table, column, ctx)

    return check


rule(
    "ACT006",
    "warning",
    GROUP,
    title={"nl": "Geen aanspreekpunt", "en": "No contact person"},
    message={
        "nl": "Er is geen Aanspreekpunt voor deze actie.",
        "en": "There is no contact person (Aanspreekpunt) for this action.",
    },
    description={
        "nl": "Probleem: niemand is aanspreekpunt voor de actie, zodat vragen en bijsturing "
        "nergens terechtkomen. Beter: vul een persoon of dienst in bij Aanspreekpunt.",
        "en": "Anti-pattern: nobody is the contact for the action, so questions and steering "
        "go nowhere. Best practice: enter a person or department in Aanspreekpunt.",
    },
)(_blank_rule("ACT006", c.COL_CONTACT))  # type: ignore[arg-type]

rule(
    "ACT007",
    "warning",
    GROUP,
    title={"nl": "Geen opvolging", "en": "No follow-up"},
    message={
        "nl": "De kolom Opvolging is leeg: hoe wordt de voortgang van deze actie gevolgd?",
        "en": "The column Opvolging is empty: how is the progress of this action followed up?",
    },
    description={
        "nl": "Probleem: er staat niet bij hoe de actie opgevolgd wordt (rapportering, "
        "stuurgroep, indicator). Beter: beschrijf in Opvolging kort wie de voortgang volgt en "
        "hoe.",
        "en": "Anti-pattern: it does not say how the action is followed up (reporting, "
        "steering group, indicator). Best practice: describe briefly in Opvolging who tracks "
        "progress and how.",
    },
)(_blank_rule("ACT007", c.COL_FOLLOW_UP))  # type: ignore[arg-type]

rule(
    "ACT008",
    "info",
    GROUP,
    title={"nl": "Geen stakeholders", "en": "No stakeholders"},
    message={
        "nl": "Er zijn geen Stakeholders aangeduid voor deze actie.",
        "en": "No stakeholders are marked for this action.",
    },
    description={
        "nl": "Opmerking: de actie noemt niet voor wie ze waarde oplevert. Beter: duid in "
        "Stakeholders een of meer van Klant, Bestuurder, Financieel, Medewerker aan, "
        "gescheiden door ';'.",
        "en": "Note: the action does not say whom it serves. Best practice: mark one or more "
        "of Klant, Bestuurder, Financieel, Medewerker in Stakeholders, separated by ';'.",
    },
)(_blank_rule("ACT008", c.COL_STAKEHOLDERS))  # type: ignore[arg-type]


@rule(
    "ACT009",
    "error",
    GROUP,
    title={"nl": "Ongeldige raming", "en": "Invalid estimate"},
    message={
        "nl": "De raming '{value}' voor {year} is geen positief bedrag.",
        "en": "The estimate '{value}' for {year} is not a positive amount.",
    },
    description={
        "nl": "Probleem: een raming in een jaarkolom is geen getal (tekst, datum, waar/onwaar) of "
        "is negatief. Beter: typ het bedrag in euro als getal, of laat de cel leeg als er dat "
        "jaar geen kosten zijn. Ontvangsten horen niet in deze tabel.",
        "en": "Anti-pattern: an estimate in a year column is not a number (text, date, "
        "true/false) or is negative. Best practice: type the amount in euro as a number, or "
        "leave the cell empty when there is no cost that year. Receipts do not belong here.",
    },
)
def invalid_estimate(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    if plan.actions is None:
        return
    yield from invalid_amounts("ACT009", plan.actions, ctx)


@rule(
    "ACT010",
    "error",
    GROUP,
    title={"nl": "Ongeldig beleid", "en": "Invalid policy"},
    message={
        "nl": "Beleid '{value}' is niet Prioritair of Overig.",
        "en": "Policy '{value}' is not Prioritair or Overig.",
    },
    variants={
        BLANK: {
            "nl": "Beleid is niet ingevuld: kies Prioritair of Overig.",
            "en": "Policy is not filled in: choose Prioritair or Overig.",
        }
    },
    description={
        "nl": "Probleem: de kolom Beleid bevat iets anders dan Prioritair of Overig (BBC 2020). "
        "Beter: kies Prioritair of Overig uit de keuzelijst.",
        "en": "Anti-pattern: the Beleid column holds something other than Prioritair or "
        "Overig (BBC 2020). Best practice: pick Prioritair or Overig from the list.",
    },
)
def invalid_policy(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.actions, c.COL_POLICY)
    if table is None:
        return
    allowed = {key_of(v) for v in c.POLICY_VALUES}
    mask = ctx.parsed.key_groups(table, c.COL_POLICY).mask(lambda key: key not in allowed)
    positions, rows = firing(ctx, table, mask)
    texts = ctx.parsed.texts_at(table, c.COL_POLICY, positions)
    for row, subject, text in zip(rows, ctx.subjects(table, positions), texts, strict=True):
        yield finding("ACT010", SHEET, table.cell(row, c.COL_POLICY), subject, **typed_value(text))


@rule(
    "ACT011",
    "warning",
    GROUP,
    title={"nl": "Actie zonder thema", "en": "Action without theme"},
    message={
        "nl": "De actie heeft geen Thema.",
        "en": "The action has no theme (Thema).",
    },
    description={
        "nl": "Probleem: een actie is aan geen enkel thema van de digitale strategie gekoppeld, "
        "zodat ze in geen enkel themaoverzicht meetelt. Beter: kies het hoofdthema uit de "
        "keuzelijst en vul eventueel Neventhema's aan.",
        "en": "Anti-pattern: an action is linked to no theme of the digital strategy, so it "
        "counts in no theme overview. Best practice: pick the main theme from the list and "
        "add secondary themes (Neventhema's) if useful.",
    },
)
def action_without_theme(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.actions, c.COL_THEME)
    if table is None:
        return
    yield from blank_findings("ACT011", SHEET, table, c.COL_THEME, ctx)


@rule(
    "ACT012",
    "warning",
    GROUP,
    title={"nl": "Onbekende stakeholder", "en": "Unknown stakeholder"},
    message={
        "nl": "'{value}' is geen stakeholder; kies uit " + ", ".join(c.STAKEHOLDER_VALUES) + ".",
        "en": "'{value}' is not a stakeholder; choose from "
        + ", ".join(c.STAKEHOLDER_VALUES)
        + ".",
    },
    description={
        "nl": "Probleem: de kolom Stakeholders bevat een waarde buiten Klant, Bestuurder, "
        "Financieel en Medewerker, zodat de actie in het overzicht per stakeholder verkeerd "
        "telt. Beter: gebruik alleen die vier waarden, gescheiden door ';'.",
        "en": "Anti-pattern: the Stakeholders column holds a value other than Klant, "
        "Bestuurder, Financieel and Medewerker, so the action counts wrongly in the overview "
        "per stakeholder. Best practice: use only those four values, separated by ';'.",
    },
)
def unknown_stakeholder(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = with_columns(plan.actions, c.COL_STAKEHOLDERS)
    if table is None:
        return
    allowed = {key_of(v) for v in c.STAKEHOLDER_VALUES}
    coded = ctx.parsed.coded(table, c.COL_STAKEHOLDERS)
    unknown_of = [
        [e for e, k in entries if k not in allowed]
        for entries in ctx.parsed.list_entries(table, c.COL_STAKEHOLDERS)
    ]
    found = list(positions_by_value(coded, unknown_of))
    subjects = ctx.subjects(table, [position for position, _ in found])
    rows = excel_rows(ctx, table)
    for (position, unknown), subject in zip(found, subjects, strict=True):
        yield finding(
            "ACT012", SHEET, table.cell(int(rows[position]), c.COL_STAKEHOLDERS), subject,
            value=join_names(unknown),
        )  # fmt: skip
