"""Data-driven rule cases (tests/rules/cases/*.toml), sqlfluff style.

Every case builds a small workbook from the valid base plan plus its edits,
runs it through the reader's ``assemble`` and ``check_plan``, and compares the
findings of the rule codes under test with the expected (code, sheet, cell)
— exactly, so a rule that fires too often fails as well as one that is silent.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from plan_xl.core.engine import check_plan
from plan_xl.rules.registry import all_rules
from tests.rules.factory import PlanCase, base_plan

CASES_DIR = Path(__file__).parent / "cases"


def load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            cases.extend(tomllib.load(fh)["case"])
    return cases


CASES = load_cases()


def _expected(entry: Any) -> dict[str, Any]:
    if isinstance(entry, list):
        code, sheet, cell = entry
        return {"code": code, "sheet": sheet, "cell": cell}
    return dict(entry)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_rule_case(case: dict[str, Any]) -> None:
    plan = PlanCase().apply(case).plan()
    everything = check_plan(plan)
    assert [f for f in everything if f.code == "PLX001"] == []
    findings = [f for f in everything if f.code in case["codes"]]
    expected = [_expected(e) for e in case["expect"]]
    got = sorted((f.code, f.sheet, f.cell) for f in findings)
    assert got == sorted((e["code"], e["sheet"], e["cell"]) for e in expected)
    for entry in expected:
        found = next(
            f
            for f in findings
            if (f.code, f.sheet, f.cell) == (entry["code"], entry["sheet"], entry["cell"])
        )
        if "subject" in entry:
            assert found.subject == entry["subject"]
        for part in entry.get("message", []):
            assert part in found.message("nl")
        for part in entry.get("message_en", []):
            assert part in found.message("en")
        for part in entry.get("not_in_message", []):
            assert part not in found.message("nl") and part not in found.message("en")
        assert found.message("en") and found.message("en") != found.message("nl")


def test_every_rule_has_a_case_that_fires_and_one_that_stays_silent() -> None:
    fires = {e[0] if isinstance(e, list) else e["code"] for c in CASES for e in c["expect"]}
    silent = {code for c in CASES if not c["expect"] for code in c["codes"]}
    codes = {r.code for r in all_rules() if r.group != "internal"}
    assert codes - fires == set()
    assert codes - silent == set()


def test_the_base_plan_is_clean() -> None:
    assert check_plan(base_plan()) == []
