"""The report's findings as dicts in one loop: the same dicts as ``to_dict`` one
finding at a time, in both languages, and the rendered message is cached."""

from __future__ import annotations

from plan_xl.core.findings import MAX_SHOWN_CHARS, Finding, Severity, finding_dicts
from plan_xl.rules.registry import BLANK, VARIANT
from plan_xl.validate import validate_plan
from tests.rules.factory import PlanCase


def _copies(findings: list[Finding]) -> list[Finding]:
    """Fresh findings (no cached messages) with the same fields."""
    return [Finding(f.code, f.severity, f.sheet, f.cell, f.subject, f.params) for f in findings]


def _messy_findings() -> list[Finding]:
    case = PlanCase().apply(
        {
            "set": [
                {"table": "lines", "row": 1, "column": "2027", "value": "veel"},
                {"table": "lines", "row": 2, "column": "Actiecode", "value": "ZZ9"},
                {"table": "lines", "row": 3, "column": "Thema", "value": "x" * 500},
                {"table": "actions", "row": 1, "column": "Thema", "value": None},
            ]
        }
    )  # fmt: skip
    found = validate_plan(case.plan()).findings
    long_text = "y" * (3 * MAX_SHOWN_CHARS)
    extra = [
        Finding("BUD001", Severity.WARNING, "Meerjarenplan", "L3", "2026",
                {"year": 2026, "mjp": long_text, "projects": "€ 1,00", "difference": "d",
                 "tolerance": "t"}),
        Finding("ACT010", Severity.ERROR, "Meerjarenplan", "H5", "A1", {VARIANT: BLANK}),
    ]  # fmt: skip
    return [*found, *extra]


def test_finding_dicts_equal_to_dict_per_finding_in_both_languages() -> None:
    findings = _messy_findings()
    assert len(findings) > 5
    for lang in ("nl", "en"):
        expected = [f.to_dict(lang) for f in _copies(findings)]
        got = finding_dicts(_copies(findings), lang)
        assert got == expected
        assert [list(d) for d in got] == [list(d) for d in expected]  # key order too


def test_a_long_parameter_is_quoted_as_an_excerpt() -> None:
    finding = _messy_findings()[-2]
    message = finding_dicts([finding], "en")[0]["message"]
    assert "y" * (MAX_SHOWN_CHARS - 1) + "\u2026" in message
    assert "y" * MAX_SHOWN_CHARS not in message


def test_the_message_is_rendered_once_and_shared_with_message() -> None:
    finding = _copies(_messy_findings())[0]
    text = finding_dicts([finding], "nl")[0]["message"]
    assert finding.message("nl") is text


def test_a_variant_is_worded_by_its_own_template() -> None:
    finding = _copies(_messy_findings())[-1]
    assert finding_dicts([finding], "en")[0]["message"].startswith("Policy is not filled in")
