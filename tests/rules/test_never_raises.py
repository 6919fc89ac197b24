"""Property: whatever users type, the checks and summaries never raise and every
unusable input becomes a finding at its cell."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_xl import contract as c
from plan_xl.core.budget import summarise
from plan_xl.core.engine import check_plan
from plan_xl.core.values import ERROR_LITERALS, AmountKind, CellError, as_error, parse_amount
from tests.rules.factory import PlanCase

PLAUSIBLE = [
    "12.500,00", "€ 12 500", "-5", "1e400", "  ", "Basis", "Transformatie", "Recurrent",
    "Eenmalig", "Investering", "Exploitatie", "A1", "a2", "Dienstverlening", "Processen",
    "Prioritair", "Overig", "Afgerond", "Klant;Burger", "#REF!", "0", "2026", "ÿ\u200b名",
]  # fmt: skip

cell = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.sampled_from(sorted(ERROR_LITERALS)).map(CellError),
    st.sampled_from(PLAUSIBLE),
)


def rows(width: int, max_rows: int) -> st.SearchStrategy[list[list[Any]]]:
    return st.lists(st.lists(cell, min_size=width, max_size=width), max_size=max_rows)


@st.composite
def messy_cases(draw: st.DrawFn) -> PlanCase:
    case = PlanCase()
    for alias, max_rows in (("themes", 5), ("actions", 5), ("lines", 7), ("dependencies", 3)):
        table = case.table(alias)
        keep = draw(st.integers(min_value=0, max_value=len(table.rows)))
        table.rows = table.rows[:keep] + draw(rows(len(table.header), max_rows))
    for row in case.table("settings").rows:
        if draw(st.booleans()):
            row[1] = draw(cell)
    return case


def _amount_problems(table: Any) -> set[str]:
    """Cells of year columns that are not plain, non-negative numbers (scalar parser)."""
    cells: set[str] = set()
    for year in table.year_columns:
        for row, value in table.frame[year].items():
            amount = parse_amount(value)
            bad = amount.kind in (AmountKind.NOT_A_NUMBER, AmountKind.ERROR)
            if bad or amount.kind is AmountKind.TEXT_NUMBER or (amount.value or 0) < 0:
                cells.add(table.cell(int(row), year))
    return cells


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_cases())
def test_checks_and_summaries_never_raise_and_report_every_bad_cell(case: PlanCase) -> None:
    plan = case.plan()
    findings = check_plan(plan)
    assert [f for f in findings if f.code == "PLX001"] == []
    for found in findings:
        assert found.message("nl") and found.message("en")
    summary = summarise(plan)
    json.dumps(summary.to_json(), allow_nan=False)

    by_cell: dict[tuple[str, str], set[str]] = {}
    for f in findings:
        by_cell.setdefault((f.sheet, f.cell), set()).add(f.code)
    for table, code in ((plan.actions, "ACT009"), (plan.project_lines, "PRJ004")):
        assert table is not None
        for ref in _amount_problems(table):
            assert by_cell.get((table.sheet, ref), set()) & {code, "WB004", "WB006"}, ref
    for theme in plan.themes:
        for raw, score, column, code in (
            (theme.current_raw, theme.current, c.COL_CURRENT, "MAT001"),
            (theme.ambition_raw, theme.ambition, c.COL_AMBITION, "MAT002"),
        ):
            if theme.name and score is None:
                wanted = {"WB004"} if as_error(raw) is not None else {code}
                assert by_cell.get((c.SHEET_MATURITY, theme.cells[column]), set()) & wanted
