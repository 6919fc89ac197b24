"""The validate service: read a workbook, run every check, summarise, write back.

One place that CLI, batch and demo call, so they all report the same findings
for the same workbook::

    result = validate_file(Path("plan.xlsx"))
    result.counts                        # {"error": 0, "warning": 2, "info": 1}
    write_annotated_copy(result, Path("plan.xlsx"), Path("plan.gecontroleerd.xlsx"))
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plan_xl.core.annotations import Annotations, annotate
from plan_xl.core.findings import (
    Finding,
    Severity,
    count_by_severity,
    finding_dicts,
    split_by_severity,
)
from plan_xl.core.plan import PlanData
from plan_xl.i18n import normalise_lang

if TYPE_CHECKING:
    from plan_xl.workbook.limits import ReadLimits


@dataclass
class ValidationResult:
    """Findings and budget summaries of one workbook, in one language."""

    path: Path | None
    plan: PlanData
    findings: list[Finding]
    budget: Any  # plan_xl.core.budget.BudgetSummary
    lang: str

    @property
    def counts(self) -> dict[str, int]:
        return count_by_severity(self.findings)

    def has_findings_at(self, level: str) -> bool:
        """True when any finding is at ``level`` or more severe."""
        return any(f.severity.at_least(Severity(level)) for f in self.findings)

    def budget_json(self) -> dict[str, Any]:
        """The budget summaries as JSON, computed once per result."""
        cached = self.__dict__.get("_budget_json")
        if cached is None:
            cached = self.__dict__["_budget_json"] = budget_json(self.budget)
        return cached

    def annotations(self) -> Annotations:
        return annotate(self.plan, self.findings, self.budget_json(), self.lang)

    def to_json_text(self) -> str:
        """The JSON report as the CLI prints it (indented, non-ASCII kept)."""
        from plan_xl.jsonout import dumps

        return dumps(self.to_json())

    def to_json(self) -> dict[str, Any]:
        """Issue 3's JSON report (docs/validate-output.schema.json)."""
        return {
            "file": str(self.path) if self.path is not None else self.plan.source,
            "template_version": self.plan.settings.template_version,
            "findings": finding_dicts(self.findings, self.lang),
            "counts": self.counts,
            "budget": self.budget_json(),
        }


def budget_json(budget: Any) -> dict[str, Any]:
    if budget is None:
        return {}
    if hasattr(budget, "to_json"):
        return dict(budget.to_json())
    return dict(budget)


def validate_plan(plan: PlanData, lang: str | None = None) -> ValidationResult:
    """Run every check and the budget summaries on plan data (pure)."""
    from plan_xl.core.budget import summarise
    from plan_xl.core.engine import check_plan

    chosen = normalise_lang(lang or plan.settings.language)
    findings = split_by_severity(check_plan(plan))  # check_plan sorts them by place
    source = Path(plan.source) if plan.source else None
    return ValidationResult(source, plan, findings, summarise(plan), chosen)


def validate_file(
    path: Path, *, lang: str | None = None, limits: ReadLimits | None = None
) -> ValidationResult:
    """Read and validate a workbook file; raises WorkbookReadError when it cannot be read."""
    from plan_xl.workbook.reader import read_plan

    plan = read_plan(Path(path), limits)
    result = validate_plan(plan, lang)
    result.path = Path(path)
    return result


def write_annotated_copy(result: ValidationResult, source: Path, target: Path) -> Path:
    """Write ``source`` annotated with ``result`` to ``target`` atomically; returns ``target``.

    The original is never modified; everything plan-xl does not own is kept.
    """
    from plan_xl.workbook.writer import write_annotations

    return write_annotations(Path(source), Path(target), result.annotations())


def write_in_place(result: ValidationResult, source: Path) -> tuple[Path, Path]:
    """Keep a backup of ``source``, then replace it with the annotated copy.

    Returns (annotated workbook, backup).
    """
    from plan_xl.workbook.writer import write_in_place as write

    return write(Path(source), result.annotations())
