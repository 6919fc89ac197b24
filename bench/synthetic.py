"""Synthetic plan content: N MJP actions and M project lines with realistic defects.

Pure Python, no files: :func:`synthetic_plan` returns the table rows as raw cell
values (what a user would have typed) plus a :class:`DefectLog` that says which
defect went where, so tests can check the written workbook independently.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from plan_xl import contract as c


@dataclass(frozen=True)
class Formula:
    """A cell formula (without the leading '=')."""

    text: str


@dataclass(frozen=True)
class ErrorValue:
    """A spreadsheet error value such as ``#REF!`` stored in a cell."""

    code: str


Cell = str | int | float | Formula | ErrorValue | None


@dataclass
class DefectLog:
    """How many of each injected defect the plan holds (defect name -> count)."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, name: str) -> None:
        self.counts[name] += 1


@dataclass
class SyntheticPlan:
    years: list[int]
    actions: list[list[Cell]]  # rows in tblActies header order
    project_lines: list[list[Cell]]  # rows in tblProjectlijnen header order
    defects: DefectLog


OBJECTIVES = (
    "BD1 Een klantgerichte, digitale dienstverlening",
    "BD2 Een efficiënte en wendbare organisatie",
    "BD3 Veilige en betrouwbare informatie",
    "BD4 Digitaal vaardige medewerkers",
)
ACTION_PLANS = (
    "AP1 Digitaal loket uitbouwen",
    "AP2 Processen vereenvoudigen",
    "AP3 Datagedreven werken",
    "AP4 Werkplek en infrastructuur moderniseren",
    "AP5 Informatieveiligheid versterken",
    "AP6 Toepassingen integreren",
)
VERBS = ("Invoeren", "Vervangen", "Uitbreiden", "Koppelen", "Beveiligen", "Opleiden")
OBJECTS = (
    "e-loket",
    "zaaksysteem",
    "burgerprofiel",
    "datawarehouse",
    "ticketingtool",
    "archiefsysteem",
    "cloudwerkplek",
    "back-up",
    "multifactorauthenticatie",
    "BI-dashboard",
    "personeelsplanning",
    "vergunningenplatform",
)
PEOPLE = ("An Peeters", "Bart Janssens", "Els Maes", "Koen Jacobs", "Lies Willems", "Tom Claes")
FOLLOW_UP = ("Stuurgroep ICT", "Kwartaalrapport", "Directieteam", "Projectboard")
UNKNOWN_THEMES = ("Cloud", "Dienstverlenig", "Digitalisering")
BAD_AMOUNTS = ("n.t.b.", "ca. 5000", "?")
ERROR_CODES = ("#REF!", "#N/A", "#VALUE!", "#DIV/0!")
RECURRING_AMOUNTS = (1_200, 2_400, 4_800, 9_600, 15_000, 24_000)
ONE_TIME_AMOUNTS = (5_000, 12_500, 25_000, 40_000, 75_000, 120_000)


def belgian_text(amount: float, rng: random.Random) -> str:
    """An amount as a Belgian user might type it as text (12.500,00 / € 12 500 / 12500)."""
    whole = int(round(amount))
    dotted = f"{whole:,}".replace(",", ".")
    style = rng.randrange(3)
    if style == 0:
        return f"{dotted},00"
    if style == 1:
        return "€ " + f"{whole:,}".replace(",", " ")
    return str(whole)


def _themes() -> list[str]:
    return [t.name for t in c.DEFAULT_THEMES]


def _action_rows(
    n: int, years: list[int], rng: random.Random
) -> tuple[list[dict[str, Any]], list[str]]:
    themes = _themes()
    actions: list[dict[str, Any]] = []
    for i in range(n):
        theme = rng.choice(themes)
        others = [t for t in themes if t != theme]
        secondary = rng.sample(others, rng.choice((0, 0, 1, 2)))
        stakeholders = rng.sample(c.STAKEHOLDER_VALUES, rng.randint(1, 3))
        actions.append(
            {
                c.COL_CODE: f"DS-{i + 1:05d}",
                c.COL_POLICY_OBJECTIVE: rng.choice(OBJECTIVES),
                c.COL_ACTION_PLAN: rng.choice(ACTION_PLANS),
                c.COL_ACTION: f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}",
                c.COL_POLICY: rng.choice(c.POLICY_VALUES),
                c.COL_THEME: theme,
                c.COL_SECONDARY_THEMES: "; ".join(secondary) or None,
                c.COL_STAKEHOLDERS: "; ".join(stakeholders),
                c.COL_CONTACT: rng.choice(PEOPLE),
                c.COL_FOLLOW_UP: rng.choice(FOLLOW_UP),
                "_themes": [theme, *secondary],
                "_sums": dict.fromkeys(years, 0.0),
            }
        )
    return actions, themes


def _line_amounts(
    cost_type: str, status: str, years: list[int], rng: random.Random
) -> dict[int, float]:
    if cost_type == c.COST_TYPE_RECURRING:
        start = rng.randrange(len(years) - 1)
        amount = float(rng.choice(RECURRING_AMOUNTS))
        return {y: amount for y in years[start:]}
    first = rng.randrange(len(years))
    spread = years[first : first + rng.choice((1, 1, 2))]
    amount = float(rng.choice(ONE_TIME_AMOUNTS))
    return {y: round(amount / len(spread), 2) for y in spread}


def _project_line(
    j: int, action: dict[str, Any], years: list[int], rng: random.Random
) -> tuple[dict[str | int, Cell], dict[int, float]]:
    cost_type = c.COST_TYPE_RECURRING if rng.random() < 0.4 else c.COST_TYPE_ONE_TIME
    budget_type = (
        c.BUDGET_TYPE_OPERATING
        if cost_type == c.COST_TYPE_RECURRING or rng.random() < 0.3
        else c.BUDGET_TYPE_INVESTMENT
    )
    status = rng.choice(("Gepland", "Gepland", "Lopend", "Lopend", "Afgerond"))
    amounts = _line_amounts(cost_type, status, years, rng)
    row: dict[str | int, Cell] = {
        c.COL_PROJECT: f"PRJ-{j + 1:06d} {rng.choice(OBJECTS)}",
        c.COL_DESCRIPTION: f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} (fase {rng.randint(1, 3)})",
        c.COL_ACTION_CODE: action[c.COL_CODE],
        # Most lines name a theme of their action; some leave it blank (counts under the action's).
        c.COL_THEME: rng.choice(action["_themes"]) if rng.random() < 0.85 else None,
        c.COL_COST_TYPE: cost_type,
        c.COL_BUDGET_TYPE: budget_type,
        c.COL_OWNER: rng.choice(PEOPLE),
        c.COL_STATUS: status,
    }
    for y in years:
        row[y] = amounts.get(y)
    return row, amounts


def _inject_line_defect(
    row: dict[str | int, Cell],
    amounts: dict[int, float],
    years: list[int],
    rng: random.Random,
    log: DefectLog,
) -> None:
    """Replace one aspect of a project line by a defect users really make."""
    kind = rng.choice(
        (
            "text_number",
            "text_number",
            "missing_action_code",
            "unknown_action_code",
            "recurring_stops",
            "unknown_theme",
            "bad_amount",
            "negative_amount",
            "error_value",
            "invalid_cost_type",
            "recurring_investment",
            "blank_owner",
        )
    )
    filled = [y for y in years if row[y] is not None]
    if kind == "text_number" and filled:
        y = rng.choice(filled)
        row[y] = belgian_text(amounts[y], rng)
    elif kind == "missing_action_code":
        row[c.COL_ACTION_CODE] = None
    elif kind == "unknown_action_code":
        row[c.COL_ACTION_CODE] = f"XX-{rng.randint(1, 999):03d}"
    elif kind == "recurring_stops":
        # A licence budgeted for two years only, while the project is still running.
        row[c.COL_COST_TYPE] = c.COST_TYPE_RECURRING
        row[c.COL_BUDGET_TYPE] = c.BUDGET_TYPE_OPERATING
        row[c.COL_STATUS] = "Lopend"
        amount = float(rng.choice(RECURRING_AMOUNTS))
        for y in years:
            row[y] = amount if y in years[:2] else None
    elif kind == "unknown_theme":
        row[c.COL_THEME] = rng.choice(UNKNOWN_THEMES)
    elif kind == "bad_amount" and filled:
        row[rng.choice(filled)] = rng.choice(BAD_AMOUNTS)
    elif kind == "negative_amount" and filled:
        y = rng.choice(filled)
        row[y] = -amounts[y]
    elif kind == "error_value":
        row[rng.choice(years)] = ErrorValue(rng.choice(ERROR_CODES))
    elif kind == "invalid_cost_type":
        row[c.COL_COST_TYPE] = rng.choice(("Jaarlijks", None))
    elif kind == "recurring_investment":
        row[c.COL_COST_TYPE] = c.COST_TYPE_RECURRING
        row[c.COL_BUDGET_TYPE] = c.BUDGET_TYPE_INVESTMENT
    elif kind == "blank_owner":
        row[c.COL_OWNER] = None
    else:
        return
    log.add(kind)


def synthetic_plan(
    actions: int,
    lines: int,
    *,
    seed: int = 0,
    defect_rate: float = 0.05,
    years: list[int] | None = None,
) -> SyntheticPlan:
    """N actions and M project lines; about ``defect_rate`` of the rows carry a defect.

    The MJP estimates equal the sums of the (clean) project lines per action and
    year, so mismatches (ACT005/BUD001) come only from the injected defects.
    """
    if actions < 1:
        raise ValueError("at least one action is needed")
    rng = random.Random(seed)
    plan_years = years or c.plan_years(c.DEFAULT_START_YEAR, c.DEFAULT_END_YEAR)
    log = DefectLog()
    action_dicts, _ = _action_rows(actions, plan_years, rng)

    line_rows: list[dict[str | int, Cell]] = []
    for j in range(lines):
        # Every action gets lines first; the rest go to a skewed pick (big actions exist).
        index = j if j < actions else int(actions * rng.random() ** 1.5)
        action = action_dicts[index]
        row, amounts = _project_line(j, action, plan_years, rng)
        for y, amount in amounts.items():
            action["_sums"][y] += amount
        if rng.random() < defect_rate:
            _inject_line_defect(row, amounts, plan_years, rng, log)
        line_rows.append(row)

    action_rows: list[dict[str | int, Cell]] = []
    for action in action_dicts:
        estimates: dict[str | int, Cell] = {
            k: v for k, v in action.items() if not k.startswith("_")
        }
        for y in plan_years:
            total = round(action["_sums"][y], 2)
            estimates[y] = total if total else None
        if rng.random() < defect_rate:
            _inject_action_defect(estimates, plan_years, rng, log)
        action_rows.append(estimates)

    return SyntheticPlan(
        years=plan_years,
        actions=_ordered(action_rows, c.ACTIONS_TABLE, plan_years),
        project_lines=_ordered(line_rows, c.PROJECT_LINES_TABLE, plan_years),
        defects=log,
    )


def _inject_action_defect(
    row: dict[str | int, Cell], years: list[int], rng: random.Random, log: DefectLog
) -> None:
    kind = rng.choice(
        (
            "mismatched_estimate",
            "mismatched_estimate",
            "estimate_as_text",
            "unknown_action_theme",
            "missing_contact",
            "missing_follow_up",
            "missing_stakeholders",
            "invalid_policy",
        )
    )
    if kind == "mismatched_estimate":
        y = rng.choice(years)
        current = row[y]
        estimate = current if isinstance(current, float) else 0.0
        row[y] = estimate + rng.choice((-1, 1)) * rng.choice((2_500, 10_000, 25_000))
    elif kind == "estimate_as_text":
        filled = [y for y in years if isinstance(row[y], float)]
        if not filled:
            return
        y = rng.choice(filled)
        value = row[y]
        assert isinstance(value, float)
        row[y] = belgian_text(value, rng)
    elif kind == "unknown_action_theme":
        row[c.COL_THEME] = rng.choice(UNKNOWN_THEMES)
    elif kind == "missing_contact":
        row[c.COL_CONTACT] = None
    elif kind == "missing_follow_up":
        row[c.COL_FOLLOW_UP] = None
    elif kind == "missing_stakeholders":
        row[c.COL_STAKEHOLDERS] = None
    elif kind == "invalid_policy":
        row[c.COL_POLICY] = "Hoog"
    log.add(kind)


def _ordered(
    rows: list[dict[str | int, Cell]], spec: c.TableSpec, years: list[int]
) -> list[list[Cell]]:
    """Rows as lists in the table's header order (owned columns left blank)."""
    keys: list[str | int] = [int(h) if h.isdigit() else h for h in spec.headers(years)]
    return [[row.get(k) if k not in spec.owned else None for k in keys] for row in rows]
