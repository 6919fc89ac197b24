"""Findings: what a check reports about one place in the workbook."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    def at_least(self, level: Severity | str) -> bool:
        return self.rank >= Severity(level).rank


@dataclass(frozen=True)
class Finding:
    """One problem at one place.

    ``params`` fills the rule's message template; the text itself is rendered
    per language by :meth:`message`, so one finding serves Dutch and English.
    ``cell`` is in A1 notation without sheet (``"K7"``) or empty when the
    finding is about a whole sheet or table.
    """

    code: str
    severity: Severity
    sheet: str
    cell: str
    subject: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "nl") -> str:
        from plan_xl.rules.registry import render_message

        return render_message(self.code, lang, self.params)

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.sheet, _row_of(self.cell), _col_of(self.cell), self.code)

    def to_dict(self, lang: str = "nl") -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "sheet": self.sheet,
            "cell": self.cell,
            "subject": self.subject,
            "message": self.message(lang),
        }


def _row_of(cell: str) -> int:
    digits = "".join(ch for ch in cell if ch.isdigit())
    return int(digits) if digits else 0


def _col_of(cell: str) -> str:
    letters = "".join(ch for ch in cell if ch.isalpha())
    return letters.rjust(3)


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(f.severity.value for f in findings)
    return {s.value: counts.get(s.value, 0) for s in Severity}


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


def severity_key(finding: Finding) -> tuple[int, str, int, str, str]:
    return (-finding.severity.rank, *finding.sort_key())


def severity_first(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then infos; each by sheet, row, column and code.

    The reading order of Controles and the JSON report: the top matters most.
    """
    return sorted(findings, key=severity_key)
