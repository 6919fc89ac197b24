"""Findings are sorted once and rendered once, in the same order and words as
before (issue 5); a huge cell text is only quoted as an excerpt."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from plan_xl.core.findings import (
    MAX_SHOWN_CHARS,
    Finding,
    Severity,
    severity_first,
    sorted_findings,
    split_by_severity,
)

RANK = {"error": 3, "warning": 2, "info": 1}


def _by_definition(f: Finding) -> tuple[int, str, int, str, str]:
    """The documented order, computed here from the cell text character by character."""
    digits = "".join(ch for ch in f.cell if ch.isdigit())
    letters = "".join(ch for ch in f.cell if ch.isalpha())
    return (
        -RANK[f.severity.value],
        f.sheet,
        int(digits) if digits else 0,
        letters.rjust(3),
        f.code,
    )


cells = st.one_of(
    st.just(""),
    st.builds(
        lambda col, row: f"{col}{row}",
        st.sampled_from(["A", "K", "Z", "AA", "AB"]),
        st.integers(1, 300),
    ),
    st.sampled_from(["A1:B2", "K", "12"]),
)
findings = st.builds(
    Finding,
    code=st.sampled_from(["ACT005", "PRJ003", "WB004", "BUD001"]),
    severity=st.sampled_from(list(Severity)),
    sheet=st.sampled_from(["", "Meerjarenplan", "Projectplannen"]),
    cell=cells,
    subject=st.sampled_from(["", "DS-1", "Platform"]),
)


@given(st.lists(findings, max_size=60))
def test_errors_come_first_then_sheet_row_column_and_code(items: list[Finding]) -> None:
    expected = sorted(items, key=_by_definition)
    assert severity_first(items) == expected
    assert severity_first(sorted_findings(items)) == expected
    assert severity_first(severity_first(items)) == expected
    assert split_by_severity(sorted_findings(items)) == expected


def test_a_long_subject_and_a_long_quoted_value_are_cut_to_an_excerpt() -> None:
    text = "x" * 10_000
    finding = Finding(
        "PRJ005",
        Severity.ERROR,
        "Projectplannen",
        "E4",
        text,
        {"value": text, "column": "Kostensoort", "allowed": "Eenmalig"},
    )
    assert len(finding.subject) == MAX_SHOWN_CHARS and finding.subject.endswith("\u2026")
    message = finding.message("nl")
    assert "x" * (MAX_SHOWN_CHARS - 1) + "\u2026" in message
    assert "x" * MAX_SHOWN_CHARS not in message


def test_a_message_is_rendered_once_per_language() -> None:
    finding = Finding(
        "PRJ005",
        Severity.ERROR,
        "Projectplannen",
        "E4",
        "P",
        {"value": "Soms", "column": "Kostensoort", "allowed": "Eenmalig"},
    )
    dutch = finding.message("nl")
    assert finding.message("nl") is dutch
    assert finding.message("en") != dutch
