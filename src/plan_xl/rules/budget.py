"""The budget as a whole: totals, recurring share, spread over themes (BUD0xx)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from plan_xl import contract as c
from plan_xl.core.amounts import format_eur
from plan_xl.core.budget import TOTAL, BudgetSummary, summarise
from plan_xl.core.findings import Finding
from plan_xl.core.plan import PlanData
from plan_xl.rules.context import CheckContext, finding, header_cell
from plan_xl.rules.registry import rule

GROUP = "budget"
DOMINANT_SHARE = 0.60
NEGLECTED_SHARE = 0.05
RISE_THRESHOLD = 0.005  # shares are compared to half a percentage point


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %"


@rule(
    "BUD001",
    "warning",
    GROUP,
    title={"nl": "Totalen wijken af", "en": "Totals differ"},
    message={
        "nl": "{year}: de totale MJP-raming ({mjp}) wijkt {difference} af van het totaal van "
        "de projectlijnen ({projects}); toegelaten is {tolerance}.",
        "en": "{year}: the total MJP estimate ({mjp}) differs by {difference} from the total "
        "of the project lines ({projects}); allowed is {tolerance}.",
    },
    description={
        "nl": "Probleem: voor een jaar verschilt de som van alle ramingen in het meerjarenplan "
        "van de som van alle projectlijnen met meer dan max(Tolerantie EUR, Tolerantie % van "
        "de totale raming). Dan is het digitale budget als geheel niet realistisch. Beter: "
        "zoek de acties met ACT005-meldingen of de projectlijnen zonder of met een onbekende "
        "actiecode (PRJ001, PRJ002) en stem ze af.",
        "en": "Anti-pattern: for a year, the sum of all estimates in the multi-year plan "
        "differs from the sum of all project lines by more than max(Tolerantie EUR, "
        "Tolerantie % of the total estimate), so the digital budget as a whole is not "
        "realistic. Best practice: look for the actions with ACT005 findings or the project "
        "lines without or with an unknown action code (PRJ001, PRJ002) and align them.",
    },
)
def totals_differ(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = plan.actions
    if table is None or plan.project_lines is None:
        return
    summary = summarise(plan)
    mjp, projects = summary.year_totals()
    for year in ctx.parsed.common_years:
        m, p = mjp.get(year, 0.0), projects.get(year, 0.0)
        tolerance = ctx.tolerance(m)
        if abs(m - p) > tolerance:
            yield finding(
                "BUD001", table.sheet, header_cell(table, year), str(year), year=year,
                mjp=format_eur(m), projects=format_eur(p), difference=format_eur(m - p),
                tolerance=format_eur(tolerance),
            )  # fmt: skip


@rule(
    "BUD002",
    "info",
    GROUP,
    title={"nl": "Aandeel recurrente kosten stijgt", "en": "Share of recurring costs rises"},
    message={
        "nl": "Het aandeel recurrente kosten stijgt van {first} naar {last}: {shares}.",
        "en": "The share of recurring costs rises from {first} to {last}: {shares}.",
    },
    description={
        "nl": "Opmerking: het deel van het projectbudget dat elk jaar terugkomt (licenties, "
        "abonnementen, cloud) neemt toe over de planperiode. Dat is vaak terecht, maar het "
        "legt een blijvende last op de exploitatie, ook na de planperiode. Beter: neem die "
        "kosten bewust op in de meerjarenraming en bekijk wat ze na het Eindjaar kosten.",
        "en": "Note: the part of the project budget that comes back every year (licences, "
        "subscriptions, cloud) grows over the plan period. That is often justified, but it "
        "puts a lasting burden on operating costs, also after the plan period. Best "
        "practice: budget these costs deliberately and check what they cost after Eindjaar.",
    },
)
def recurring_share_rises(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    table = plan.project_lines
    if table is None:
        return
    shares = summarise(plan).recurring_shares()
    if len(shares) < 2:
        return
    first, last = shares[0][1], shares[-1][1]
    if last - first <= RISE_THRESHOLD:
        return
    listed = ", ".join(f"{year}: {_percent(v)}" for year, v in shares)
    yield finding(
        "BUD002", table.sheet, header_cell(table, c.COL_COST_TYPE), c.COST_TYPE_RECURRING,
        first=_percent(first), last=_percent(last), shares=listed,
    )  # fmt: skip


@rule(
    "BUD003",
    "warning",
    GROUP,
    title={"nl": "Budget scheef over de thema's", "en": "Budget skewed across themes"},
    message={
        "nl": "'{dominant}' krijgt {dominant_share} van het projectbudget, terwijl dit thema "
        "met een maturiteitskloof maar {share} krijgt.",
        "en": "'{dominant}' takes {dominant_share} of the project budget, while this theme "
        "with a maturity gap gets only {share}.",
    },
    description={
        "nl": "Probleem: één thema neemt meer dan 60% van het hele projectbudget, terwijl een "
        "thema dat moet groeien (ambitie boven huidige maturiteit) minder dan 5% krijgt. Zo "
        "raakt de digitale transformatie uit balans. Beter: herverdeel middelen naar de "
        "thema's met een kloof, of verlaag hun ambitie.",
        "en": "Anti-pattern: one theme takes more than 60% of the whole project budget, while "
        "a theme that has to grow (ambition above current maturity) gets less than 5%, which "
        "unbalances the digital transformation. Best practice: shift means to the themes "
        "with a gap, or lower their ambition.",
    },
)
def budget_skewed(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    found = _dominant_theme(summarise(plan))
    if found is None:
        return
    totals, grand, dominant = found
    dominant_share = float(totals[dominant]) / grand
    if dominant_share <= DOMINANT_SHARE:
        return
    seen: set[str] = set()
    for theme in plan.themes:
        if not theme.name or not theme.has_gap or theme.name in seen or theme.name == dominant:
            continue
        seen.add(theme.name)
        share = float(totals.get(theme.name, 0.0)) / grand
        if share < NEGLECTED_SHARE:
            cell = theme.cells.get(c.COL_THEME, "")
            yield finding(
                "BUD003", c.SHEET_MATURITY, cell, theme.name, dominant=dominant,
                dominant_share=_percent(dominant_share), share=_percent(share),
            )  # fmt: skip


def _dominant_theme(summary: BudgetSummary) -> tuple[dict[str, float], float, str] | None:
    """Totaal per theme (negatives as 0), their sum and the theme with the most;
    None when there is no positive budget."""
    exact = summary.exact_theme_totals()
    if exact is None:  # pandas, as the summary frames add up
        by_theme = summary.by_theme
        if by_theme.empty:
            return None
        totals = by_theme[TOTAL].clip(lower=0)
        grand = float(totals.sum())
        if not math.isfinite(grand) or grand <= 0:
            return None
        by_label = dict(zip(totals.index.tolist(), totals.tolist(), strict=True))
        return by_label, grand, str(totals.idxmax())
    # Whole numbers added up exactly: no NaN, and any order of adding gives this sum.
    clipped = {theme: max(total, 0.0) for theme, total in exact.items()}
    grand = float(sum(clipped.values()))
    if grand <= 0:
        return None
    return clipped, grand, max(clipped, key=clipped.__getitem__)  # the first largest, as idxmax
