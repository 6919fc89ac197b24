"""The batch report as data: one entry per input file plus a cross-organisation view.

These pydantic models are what workers send back, what every report format
(xlsx, html, json) renders, and what ``docs/batch-report.schema.json`` describes.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from plan_xl.i18n import t

SCHEMA_VERSION = 1

Status = Literal[
    "ok", "findings", "not_plan_workbook", "unreadable", "encrypted", "too_large", "timeout"
]
STATUSES: tuple[Status, ...] = (
    "ok",
    "findings",
    "not_plan_workbook",
    "unreadable",
    "encrypted",
    "too_large",
    "timeout",
)
# Statuses of a file that was read and checked; every other status means "not processed".
PROCESSED: frozenset[str] = frozenset({"ok", "findings"})
FailOn = Literal["error", "warning"]


def status_label(status: str, lang: str) -> str:
    return t(f"batch.status.{status}", lang)


class Counts(BaseModel):
    """Findings per severity."""

    error: int = 0
    warning: int = 0
    info: int = 0


class ThemeScore(BaseModel):
    """One theme of one organisation: maturity and ambition as scores (1-5) and as typed."""

    theme: str
    current: int | None = None
    ambition: int | None = None
    current_level: str = ""
    ambition_level: str = ""


class FindingRecord(BaseModel):
    """One finding of one file, its message rendered in the report language."""

    code: str
    severity: Literal["error", "warning", "info"]
    sheet: str
    cell: str
    subject: str
    message: str


class FileReport(BaseModel):
    """The outcome for one input file."""

    model_config = ConfigDict(extra="forbid")

    file: str = Field(description="The input file, relative to the common folder of all inputs.")
    path: str = Field(description="Absolute path of the input file.")
    status: Status
    reason: str = Field(description="Why the file has this status, in the report language.")
    sha256: str = Field(default="", description="Hash of the original file as it was read.")
    organisation: str = ""
    template_version: int | None = None
    counts: Counts = Field(default_factory=Counts)
    themes: list[ThemeScore] = Field(default_factory=list)
    budget: dict[str, Any] | None = Field(
        default=None,
        description="The validate JSON 'budget' object: by_theme {theme: {year: amount}}, "
        "by_action, by_cost_type, by_budget_type.",
    )
    findings: list[FindingRecord] = Field(default_factory=list)
    copy_file: str | None = Field(
        default=None, description="File name of the annotated copy in the output folder."
    )
    copy_error: str = ""
    seconds: float = 0.0

    @property
    def processed(self) -> bool:
        return self.status in PROCESSED

    def budget_by_theme(self) -> dict[str, dict[str, float]]:
        """Budget per theme and year (years as strings), numbers only."""
        raw = (self.budget or {}).get("by_theme") or {}
        out: dict[str, dict[str, float]] = {}
        if not isinstance(raw, dict):
            return out
        for theme, years in raw.items():
            if not isinstance(years, dict):
                continue
            clean = {
                str(year): float(amount)
                for year, amount in years.items()
                if str(year).isdigit() and isinstance(amount, int | float)
            }
            out[str(theme)] = clean
        return out


class Stats(BaseModel):
    """Mean and spread of a set of scores; None when there is no score."""

    n: int = 0
    mean: float | None = None
    std: float | None = None
    min: float | None = None
    max: float | None = None


class ThemeStats(BaseModel):
    theme: str
    current: Stats
    ambition: Stats


class RuleCount(BaseModel):
    code: str
    severity: str
    title: str
    findings: int
    files: int


class Imbalance(BaseModel):
    """An organisation whose themes are out of balance (MAT005/MAT006 findings)."""

    file: str
    organisation: str
    codes: list[str]
    themes: list[str]


class Comparison(BaseModel):
    """The cross-organisation view over all processed files."""

    themes: list[ThemeStats] = Field(default_factory=list)
    top_rules: list[RuleCount] = Field(default_factory=list)
    imbalanced: list[Imbalance] = Field(default_factory=list)


class BatchSummary(BaseModel):
    files: int
    by_status: dict[str, int]
    counts: Counts
    exit_code: int = Field(
        description="0 all ok, 1 findings at the fail-on level, 2 not processed."
    )


class BatchReport(BaseModel):
    """Everything a batch run found, in the order the inputs were given."""

    schema_version: int = SCHEMA_VERSION
    tool: str = "plan-xl"
    tool_version: str
    generated: str = Field(description="ISO 8601 time the report was made.")
    lang: Literal["nl", "en"]
    fail_on: FailOn
    workers: int
    timeout_seconds: float
    output_dir: str
    years: list[str]
    summary: BatchSummary
    comparison: Comparison
    files: list[FileReport]

    @property
    def exit_code(self) -> int:
        return self.summary.exit_code


def exit_code_for(files: list[FileReport]) -> int:
    """0 when every file is ok, 1 when any has findings, 2 when any was not processed."""
    if any(not f.processed for f in files):
        return 2
    if any(f.status == "findings" for f in files):
        return 1
    return 0


def summarise_files(files: list[FileReport]) -> BatchSummary:
    by_status: dict[str, int] = {status: 0 for status in STATUSES}
    counts = Counts()
    for f in files:
        by_status[f.status] += 1
        counts.error += f.counts.error
        counts.warning += f.counts.warning
        counts.info += f.counts.info
    return BatchSummary(
        files=len(files), by_status=by_status, counts=counts, exit_code=exit_code_for(files)
    )
