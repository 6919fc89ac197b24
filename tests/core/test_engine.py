"""check_plan: all rules, sorted, no duplicates, and a broken rule never breaks a run."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator

import pytest

from plan_xl.core.engine import check_plan
from plan_xl.core.findings import Finding, Severity, sorted_findings
from plan_xl.core.plan import PlanData
from plan_xl.rules import registry
from plan_xl.rules.context import CheckContext
from tests.rules.factory import YEARS, PlanCase


def _broken_plan() -> PlanData:
    return (
        PlanCase()
        .apply(
            {
                "set": [
                    {"table": "actions", "row": 1, "column": "Aanspreekpunt", "value": None},
                    {"table": "lines", "row": 2, "column": "2027", "value": -3},
                    {"table": "themes", "row": 1, "column": "Ambitie", "value": "Top"},
                ]
            }
        )
        .plan()
    )


def test_a_crashing_rule_becomes_an_internal_finding_and_the_rest_still_runs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setenv("PLAN_XL_LOG_DIR", str(tmp_path))

    def boom(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
        raise ZeroDivisionError("broken rule")
        yield  # pragma: no cover

    original = registry.get_rule("MAT005")
    monkeypatch.setitem(registry._RULES, "MAT005", dataclasses.replace(original, check=boom))
    findings = check_plan(_broken_plan())
    internal = [f for f in findings if f.code == "PLX001"]
    assert len(internal) == 1
    assert internal[0].severity is Severity.ERROR
    assert internal[0].subject == "MAT005"
    assert "MAT005" in internal[0].message("nl")
    assert {"ACT006", "PRJ004", "MAT002"} <= {f.code for f in findings}


def test_findings_are_sorted_and_without_duplicates(monkeypatch: pytest.MonkeyPatch) -> None:
    original = registry.get_rule("ACT006")

    def twice(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
        found = list(original.check(plan, ctx))
        yield from found
        yield from found

    monkeypatch.setitem(registry._RULES, "ACT006", dataclasses.replace(original, check=twice))
    findings = check_plan(_broken_plan())
    assert findings == sorted_findings(findings)
    assert [f.code for f in findings].count("ACT006") == 1
    assert len({(f.code, f.sheet, f.cell, f.subject) for f in findings}) == len(findings)


def test_findings_at_one_place_are_kept_apart_by_their_params_as_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = registry.get_rule("ACT006")
    place = ("Meerjarenplan", "K7", "A1")

    def same_place(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
        for params in ({"year": 2027}, {"year": "2027"}, {"year": 2028}, {}, {"year": 2027}):
            yield Finding("ACT006", Severity.WARNING, *place, params)

    monkeypatch.setitem(registry._RULES, "ACT006", dataclasses.replace(original, check=same_place))
    found = [f for f in check_plan(_broken_plan(), ["ACT006"]) if f.code == "ACT006"]
    # 2027 and "2027" read the same: one finding; 2028 and no params are other findings
    assert [dict(f.params) for f in found] == [{"year": 2027}, {"year": 2028}, {}]


def test_only_the_requested_rules_run() -> None:
    findings = check_plan(_broken_plan(), codes=["PRJ004"])
    assert [(f.code, f.cell) for f in findings] == [("PRJ004", "J5")]


def test_a_workbook_without_any_table_gets_structure_findings_only() -> None:
    case = PlanCase().apply({"drop_sheets": ["Instellingen", "Maturiteit", "Meerjarenplan"]})
    case.apply({"drop_tables": ["lines"]})
    findings = check_plan(case.plan())
    assert {f.code for f in findings} == {"WB001"}
    assert {f.sheet for f in findings} == {
        "Instellingen", "Maturiteit", "Meerjarenplan", "Projectplannen",
    }  # fmt: skip


def _large_case(lines: int) -> PlanCase:
    """A plan with ``lines`` project lines over 500 actions, a few of them faulty."""
    case = PlanCase()
    actions = case.table("actions")
    template = actions.rows[0]
    actions.rows = []
    for i in range(500):
        row = list(template)
        row[0] = f"A{i}"
        row[10 : 10 + len(YEARS)] = [float(lines // 500 * 100)] * len(YEARS)
        actions.rows.append(row)
    line_rows = case.table("lines")
    base = line_rows.rows[0]
    line_rows.rows = []
    for i in range(lines):
        row = list(base)
        row[0] = f"Project {i}"
        row[2] = f"A{i % 500}"
        row[8 : 8 + len(YEARS)] = [100.0] * len(YEARS)
        if i % 997 == 0:
            row[9] = "1.000,00"  # text number
        if i % 1999 == 0:
            row[2] = "A-onbekend"
        line_rows.rows.append(row)
    return case


def test_checks_scale_to_fifty_thousand_project_lines() -> None:
    plan = _large_case(50_000).plan()
    start = time.perf_counter()
    findings = check_plan(plan)
    elapsed = time.perf_counter() - start
    print(f"\ncheck_plan on 50,000 project lines: {elapsed:.2f} s, {len(findings)} findings")
    codes = {f.code for f in findings}
    assert {"WB006", "PRJ001", "ACT005"} <= codes
    assert "PLX001" not in codes
    assert [f for f in findings if f.code == "WB006"][0].cell == "J4"
    assert elapsed < 15.0  # generous for a shared 2-core machine; typically ~1 s
