"""Maturity per theme (tblThemas): levels, steps, balance, dependencies (MAT0xx)."""

from __future__ import annotations

import statistics
from collections.abc import Iterator

from plan_xl import contract as c
from plan_xl.core.amounts import key_of
from plan_xl.core.findings import Finding
from plan_xl.core.plan import PlanData, ThemeAssessment
from plan_xl.core.values import as_error, is_blank
from plan_xl.rules.context import CheckContext, finding, typed_value
from plan_xl.rules.registry import BLANK, rule

GROUP = "maturity"
SHEET = c.SHEET_MATURITY
LEVELS_TEXT = ", ".join(c.LEVELS)
LEVELS_CHOICE_NL = ", ".join(c.LEVELS[:-1]) + " of " + c.LEVELS[-1]
LEVELS_CHOICE_EN = ", ".join(c.LEVELS[:-1]) + " or " + c.LEVELS[-1]


def _cell(theme: ThemeAssessment, column: str) -> str:
    return (
        theme.cells.get(column)
        or theme.cells.get(c.COL_THEME)
        or next(iter(theme.cells.values()), "")
    )


def _subject(theme: ThemeAssessment) -> str:
    return theme.name or f"(rij {theme.row})"


def _named(plan: PlanData) -> list[ThemeAssessment]:
    return [t for t in plan.themes if t.name]


def _invalid_level(theme: ThemeAssessment, raw: object, score: int | None) -> bool:
    # Error values are reported once, by WB004.
    return score is None and as_error(raw) is None and (theme.name != "" or not is_blank(raw))


_LEVEL_DESCRIPTION_NL = "Beter: kies in de keuzelijst een van de vijf niveaus: " + LEVELS_TEXT + "."
_LEVEL_DESCRIPTION_EN = "Best practice: pick one of the five levels from the list: " + LEVELS_TEXT


@rule(
    "MAT001",
    "error",
    GROUP,
    title={"nl": "Huidige maturiteit ongeldig", "en": "Current maturity invalid"},
    message={
        "nl": "Huidige maturiteit '{value}' is geen van de niveaus " + LEVELS_TEXT + ".",
        "en": "Current maturity '{value}' is not one of the levels " + LEVELS_TEXT + ".",
    },
    variants={
        BLANK: {
            "nl": "Huidige maturiteit is niet ingevuld: kies " + LEVELS_CHOICE_NL + ".",
            "en": "Current maturity is not filled in: choose " + LEVELS_CHOICE_EN + ".",
        }
    },
    description={
        "nl": "Probleem: de huidige maturiteit van een thema is leeg of geen geldig niveau, zodat "
        "de kloof met de ambitie niet te bepalen is. " + _LEVEL_DESCRIPTION_NL,
        "en": "Anti-pattern: a theme's current maturity is empty or not a valid level, so the "
        "gap to the ambition cannot be determined. " + _LEVEL_DESCRIPTION_EN + ".",
    },
)
def current_maturity_invalid(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    for theme in plan.themes:
        if _invalid_level(theme, theme.current_raw, theme.current):
            yield finding(
                "MAT001", SHEET, _cell(theme, c.COL_CURRENT), _subject(theme),
                **typed_value(theme.current_raw),
            )  # fmt: skip


@rule(
    "MAT002",
    "error",
    GROUP,
    title={"nl": "Ambitie ongeldig", "en": "Ambition invalid"},
    message={
        "nl": "Ambitie '{value}' is geen van de niveaus " + LEVELS_TEXT + ".",
        "en": "Ambition '{value}' is not one of the levels " + LEVELS_TEXT + ".",
    },
    variants={
        BLANK: {
            "nl": "Ambitie is niet ingevuld: kies " + LEVELS_CHOICE_NL + ".",
            "en": "Ambition is not filled in: choose " + LEVELS_CHOICE_EN + ".",
        }
    },
    description={
        "nl": "Probleem: de ambitie van een thema is leeg of geen geldig niveau. "
        + _LEVEL_DESCRIPTION_NL,
        "en": "Anti-pattern: a theme's ambition is empty or not a valid level. "
        + _LEVEL_DESCRIPTION_EN
        + ".",
    },
)
def ambition_invalid(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    for theme in plan.themes:
        if _invalid_level(theme, theme.ambition_raw, theme.ambition):
            yield finding(
                "MAT002", SHEET, _cell(theme, c.COL_AMBITION), _subject(theme),
                **typed_value(theme.ambition_raw),
            )  # fmt: skip


@rule(
    "MAT003",
    "error",
    GROUP,
    title={"nl": "Ambitie lager dan huidig niveau", "en": "Ambition below current level"},
    message={
        "nl": "Ambitie {ambition} ligt lager dan de huidige maturiteit {current}.",
        "en": "Ambition {ambition} is lower than the current maturity {current}.",
    },
    description={
        "nl": "Probleem: de ambitie voor het einde van de planperiode ligt onder het huidige "
        "niveau; een meerjarenplan mikt niet op achteruitgang. Beter: zet de ambitie minstens "
        "op het huidige niveau, of herbekijk de inschatting van de huidige maturiteit.",
        "en": "Anti-pattern: the ambition for the end of the plan period is below the current "
        "level; a multi-year plan does not aim to go backwards. Best practice: set the "
        "ambition at least at the current level, or review the current assessment.",
    },
)
def ambition_below_current(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    for theme in _named(plan):
        if theme.current is None or theme.ambition is None:
            continue
        if theme.ambition < theme.current:
            yield finding(
                "MAT003", SHEET, _cell(theme, c.COL_AMBITION), theme.name,
                ambition=_level(theme.ambition), current=_level(theme.current),
            )  # fmt: skip


def _level(score: int) -> str:
    for name, value in c.LEVEL_SCORES.items():
        if value == score:
            return f"{name} ({score})"
    return str(score)


@rule(
    "MAT004",
    "warning",
    GROUP,
    title={"nl": "Te grote sprong", "en": "Too big a leap"},
    message={
        "nl": "De ambitie ligt {steps} niveaus boven de huidige maturiteit; het maximum per "
        "plan is {max_steps}.",
        "en": "The ambition is {steps} levels above the current maturity; the maximum per plan "
        "is {max_steps}.",
    },
    description={
        "nl": "Probleem: een thema wil in één planperiode meer niveaus stijgen dan 'Max. stappen "
        "per plan' (tblInstellingen) toelaat; zo'n sprong is zelden haalbaar. Beter: verlaag "
        "de ambitie of spreid de groei over twee planperiodes.",
        "en": "Anti-pattern: a theme aims to climb more levels in one plan period than "
        "'Max. stappen per plan' (tblInstellingen) allows; such a leap is rarely feasible. "
        "Best practice: lower the ambition or spread the growth over two plan periods.",
    },
)
def too_many_steps(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    max_steps = plan.settings.max_steps
    for theme in _named(plan):
        if theme.current is not None and theme.ambition is not None:
            steps = theme.ambition - theme.current
            if steps > max_steps:
                yield finding(
                    "MAT004", SHEET, _cell(theme, c.COL_AMBITION), theme.name,
                    steps=steps, max_steps=max_steps,
                )  # fmt: skip


@rule(
    "MAT005",
    "warning",
    GROUP,
    title={"nl": "Thema uit balans", "en": "Theme out of balance"},
    message={
        "nl": "De ambitie ({ambition}) ligt {above} niveaus boven de mediaan van alle "
        "ambities ({median}); het maximum is {max_imbalance}.",
        "en": "The ambition ({ambition}) is {above} levels above the median of all ambitions "
        "({median}); the maximum is {max_imbalance}.",
    },
    description={
        "nl": "Probleem: één thema snelt vooruit op de andere. Thema's hangen van elkaar af: wie "
        "de dienstverlening sterk digitaliseert zonder de processen mee te nemen, brengt de "
        "transformatie uit evenwicht. Beter: houd elke ambitie binnen 'Max. onbalans' niveaus "
        "van de mediaan van alle ambities, of trek de achterblijvende thema's op.",
        "en": "Anti-pattern: one theme races ahead of the others. Themes depend on each other: "
        "digitising service delivery without the processes following unbalances the "
        "transformation. Best practice: keep every ambition within 'Max. onbalans' levels of "
        "the median ambition, or raise the themes lagging behind.",
    },
)
def out_of_balance(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    themes = [t for t in _named(plan) if t.ambition is not None]
    if not themes:
        return
    median = statistics.median(t.ambition for t in themes if t.ambition is not None)
    limit = plan.settings.max_imbalance
    for theme in themes:
        assert theme.ambition is not None
        above = theme.ambition - median
        if above > limit:
            yield finding(
                "MAT005", SHEET, _cell(theme, c.COL_AMBITION), theme.name,
                ambition=theme.ambition, above=_number(above), median=_number(median),
                max_imbalance=limit,
            )  # fmt: skip


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


@rule(
    "MAT006",
    "warning",
    GROUP,
    title={"nl": "Afhankelijkheid niet gerespecteerd", "en": "Dependency broken"},
    message={
        "nl": "De ambitie ({ambition}) ligt {lag} niveaus boven die van het vereiste thema "
        "'{required}' ({required_ambition}); toegelaten is {max_lag}.",
        "en": "The ambition ({ambition}) is {lag} levels above that of the required theme "
        "'{required}' ({required_ambition}); allowed is {max_lag}.",
    },
    description={
        "nl": "Probleem: een thema bouwt op een ander thema (tblAfhankelijkheden), maar de ambitie "
        "van dat vereiste thema blijft te ver achter; bv. sterke dienstverlening zonder "
        "processen die volgen. Beter: verhoog de ambitie van het vereiste thema of verlaag die "
        "van het afhankelijke thema tot binnen 'Max. achterstand'.",
        "en": "Anti-pattern: a theme builds on another theme (tblAfhankelijkheden), but the "
        "required theme's ambition lags too far behind; e.g. strong service delivery without "
        "processes following. Best practice: raise the required theme's ambition or lower the "
        "dependent theme's ambition to within 'Max. achterstand'.",
    },
)
def dependency_broken(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    by_key = {key_of(t.name): t for t in reversed(_named(plan))}
    for dep in plan.dependencies:
        theme = by_key.get(key_of(dep.theme))
        required = by_key.get(key_of(dep.required_theme))
        if theme is None or required is None:
            continue  # MAT011
        if theme.ambition is None or required.ambition is None:
            continue
        lag = theme.ambition - required.ambition
        if lag > dep.max_lag:
            yield finding(
                "MAT006", SHEET, _cell(theme, c.COL_AMBITION), theme.name, ambition=theme.ambition,
                lag=lag, required=required.name, required_ambition=required.ambition,
                max_lag=dep.max_lag,
            )  # fmt: skip


@rule(
    "MAT007",
    "warning",
    GROUP,
    title={"nl": "Kloof zonder actie", "en": "Gap without action"},
    message={
        "nl": "Het thema wil groeien (van {current} naar {ambition}) maar geen enkele actie in "
        "het meerjarenplan heeft het als Thema of Neventhema.",
        "en": "The theme aims to grow (from {current} to {ambition}) but no action in the "
        "multi-year plan has it as Thema or Neventhema.",
    },
    description={
        "nl": "Probleem: er is een kloof tussen huidige maturiteit en ambitie, maar het "
        "meerjarenplan bevat geen actie die aan dit thema werkt; zo raakt het thema uit het "
        "oog. Beter: koppel een bestaande actie via Thema of Neventhema's, of voeg een actie "
        "toe.",
        "en": "Anti-pattern: there is a gap between current maturity and ambition, but the "
        "multi-year plan has no action working on this theme, so the theme gets lost. Best "
        "practice: link an existing action through Thema or Neventhema's, or add an action.",
    },
)
def gap_without_action(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    covered = ctx.theme_keys_of_actions()
    for theme in _named(plan):
        if theme.has_gap and key_of(theme.name) not in covered:
            yield finding(
                "MAT007", SHEET, _cell(theme, c.COL_AMBITION), theme.name,
                current=theme.current, ambition=theme.ambition,
            )  # fmt: skip


@rule(
    "MAT008",
    "warning",
    GROUP,
    title={"nl": "Kloof zonder budget", "en": "Gap without budget"},
    message={
        "nl": "Het thema wil groeien (van {current} naar {ambition}) maar de projectlijnen "
        "voorzien er geen budget voor in {start}–{end}.",
        "en": "The theme aims to grow (from {current} to {ambition}) but the project lines "
        "budget nothing for it in {start}–{end}.",
    },
    description={
        "nl": "Probleem: er is een maturiteitskloof, maar geen enkele projectlijn draagt budget "
        "op dit thema in de planperiode (een lijn zonder thema telt onder het thema van haar "
        "actie). Groei zonder middelen blijft een voornemen. Beter: raam de kosten in de "
        "projectplannen, of verlaag de ambitie.",
        "en": "Anti-pattern: there is a maturity gap, but no project line carries budget for "
        "this theme in the plan period (a line without theme counts under its action's "
        "theme). Growth without means stays an intention. Best practice: estimate the costs "
        "in the project plans, or lower the ambition.",
    },
)
def gap_without_budget(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    gaps = [t for t in _named(plan) if t.has_gap]
    if not gaps:
        return
    amounts = ctx.parsed.line_amounts
    years = [y for y in plan.years if y in amounts.columns]
    # A theme has budget when one of its lines has a positive amount in a plan year
    # (the sum of the amounts above zero is then above zero).
    positive = (amounts.filled_matrix[:, amounts.positions(years)] > 0).any(axis=1)
    themes = ctx.parsed.line_themes().to_numpy(dtype=object)
    budgeted = {key_of(t) for t in set(themes[positive].tolist())} if len(themes) else set()
    for theme in gaps:
        if key_of(theme.name) not in budgeted:
            yield finding(
                "MAT008", SHEET, _cell(theme, c.COL_AMBITION), theme.name,
                current=theme.current, ambition=theme.ambition,
                start=plan.settings.start_year, end=plan.settings.end_year,
            )  # fmt: skip


@rule(
    "MAT009",
    "error",
    GROUP,
    title={"nl": "Dubbel thema", "en": "Duplicate theme"},
    message={
        "nl": "Het thema '{theme}' staat al in rij {first_row}.",
        "en": "The theme '{theme}' already appears in row {first_row}.",
    },
    description={
        "nl": "Probleem: hetzelfde thema staat twee keer in tblThemas, zodat acties, "
        "projectlijnen en budgetten niet eenduidig te koppelen zijn. Beter: houd één rij per "
        "thema; hernoem of verwijder de dubbele rij.",
        "en": "Anti-pattern: the same theme appears twice in tblThemas, so actions, project "
        "lines and budgets cannot be linked unambiguously. Best practice: keep one row per "
        "theme; rename or delete the duplicate row.",
    },
)
def duplicate_theme(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    first: dict[str, ThemeAssessment] = {}
    for theme in _named(plan):
        key = key_of(theme.name)
        if key in first:
            yield finding(
                "MAT009", SHEET, _cell(theme, c.COL_THEME), theme.name, theme=theme.name,
                first_row=first[key].row,
            )  # fmt: skip
        else:
            first[key] = theme


@rule(
    "MAT010",
    "error",
    GROUP,
    title={"nl": "Thema zonder naam", "en": "Theme without name"},
    message={
        "nl": "Deze rij van tblThemas heeft geen naam in de kolom Thema.",
        "en": "This row of tblThemas has no name in the Thema column.",
    },
    description={
        "nl": "Probleem: een rij in tblThemas bevat gegevens maar geen themanaam, zodat acties en "
        "projectlijnen er niet naar kunnen verwijzen. Beter: geef het thema een naam of maak "
        "de rij helemaal leeg.",
        "en": "Anti-pattern: a row of tblThemas holds data but no theme name, so actions and "
        "project lines cannot refer to it. Best practice: name the theme or clear the row.",
    },
)
def theme_without_name(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    for theme in plan.themes:
        if not theme.name:
            yield finding("MAT010", SHEET, _cell(theme, c.COL_THEME), _subject(theme))


@rule(
    "MAT011",
    "warning",
    GROUP,
    title={"nl": "Afhankelijkheid met onbekend thema", "en": "Dependency on unknown theme"},
    message={
        "nl": "tblAfhankelijkheden noemt '{theme}', maar dat is geen thema van tblThemas; deze "
        "afhankelijkheid wordt niet gecontroleerd.",
        "en": "tblAfhankelijkheden names '{theme}', which is not a theme of tblThemas; this "
        "dependency is not checked.",
    },
    description={
        "nl": "Probleem: een rij in tblAfhankelijkheden verwijst naar een thema dat niet (meer) in "
        "tblThemas staat, bv. na het hernoemen van een thema. Beter: gebruik exact de namen "
        "uit tblThemas of verwijder de rij.",
        "en": "Anti-pattern: a row of tblAfhankelijkheden refers to a theme that is not (or no "
        "longer) in tblThemas, e.g. after renaming a theme. Best practice: use the exact names "
        "from tblThemas or delete the row.",
    },
)
def dependency_unknown_theme(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    known = {key_of(t.name) for t in _named(plan)}
    for dep in plan.dependencies:
        for column, name in ((c.COL_THEME, dep.theme), (c.COL_REQUIRED_THEME, dep.required_theme)):
            if key_of(name) not in known:
                cell = dep.cells.get(column) or next(iter(dep.cells.values()), "")
                yield finding(
                    "MAT011", c.SHEET_SETTINGS, cell, name or f"(rij {dep.row})",
                    theme=name or "—",
                )  # fmt: skip
