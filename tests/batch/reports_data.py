"""A hand-made batch of file reports for the report tests (no workbook is read)."""

from __future__ import annotations

from pathlib import Path

from plan_xl.batch.report_model import BatchReport, Counts, FileReport, FindingRecord, ThemeScore
from plan_xl.batch.runner import build_report

HOSTILE_ORGANISATION = "<script>alert(1)</script>"
FORMULA_ORGANISATION = '=HYPERLINK("http://x","klik")'


def _budget(amounts: dict[str, dict[str, float]]) -> dict:
    return {"by_theme": amounts, "by_action": {}, "by_cost_type": {}, "by_budget_type": {}}


def sample_files() -> list[FileReport]:
    voorbeeld = FileReport(
        file="a/voorbeeld.xlsx",
        path="/in/a/voorbeeld.xlsx",
        status="ok",
        reason="Geen bevindingen.",
        organisation="Gemeente Voorbeeld",
        counts=Counts(),
        themes=[
            ThemeScore(theme="Dienstverlening", current=2, ambition=3),
            ThemeScore(theme="Processen", current=1, ambition=3),
        ],
        budget=_budget(
            {"Dienstverlening": {"2026": 1000.0, "2027": 2500.0}, "Processen": {"2026": 500.0}}
        ),
        copy_file="voorbeeld.gecontroleerd.xlsx",
    )
    hostile = FileReport(
        file="b/<b>vet</b>.xlsx",
        path="/in/b/<b>vet</b>.xlsx",
        status="findings",
        reason="1 fout",
        organisation=HOSTILE_ORGANISATION,
        counts=Counts(error=1, warning=1),
        themes=[
            ThemeScore(theme="Dienstverlening", current=4, ambition=5),
            ThemeScore(theme="Processen", current=2, ambition=2),
        ],
        budget=_budget({"Dienstverlening": {"2026": 4000.0, "2027": 0.0}}),
        findings=[
            FindingRecord(
                code="ACT002",
                severity="error",
                sheet="Meerjarenplan",
                cell="A7",
                subject="<img src=x onerror=alert(2)>",
                message="Actie zonder titel & code",
            ),
            FindingRecord(
                code="MAT005",
                severity="warning",
                sheet="Maturiteit",
                cell="E5",
                subject="Dienstverlening",
                message="Uit balans",
            ),
        ],
        copy_file="<b>vet</b>.gecontroleerd.xlsx",
    )
    formula = FileReport(
        file="c/formule.xlsx",
        path="/in/c/formule.xlsx",
        status="findings",
        reason="1 waarschuwing",
        organisation=FORMULA_ORGANISATION,
        counts=Counts(warning=1),
        findings=[
            FindingRecord(
                code="ACT006",
                severity="warning",
                sheet="Meerjarenplan",
                cell="I9",
                subject="=1+1",
                message="Geen aanspreekpunt",
            )
        ],
    )
    broken = FileReport(
        file="d/kapot.xlsx",
        path="/in/d/kapot.xlsx",
        status="unreadable",
        reason="Het bestand is beschadigd.",
    )
    return [voorbeeld, hostile, formula, broken]


def sample_report(out: Path, lang: str = "nl") -> BatchReport:
    return build_report(sample_files(), out, lang=lang, fail_on="error", workers=2, timeout=60)
