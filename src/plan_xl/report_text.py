"""The text report of one validation: findings grouped per sheet, counts at the end."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from pathlib import Path

from plan_xl.core.annotations import severity_label
from plan_xl.core.findings import Finding, count_by_severity, severity_key
from plan_xl.i18n import t

SYMBOLS = {"error": "\u2716", "warning": "\u26a0", "info": "\u2139"}
ASCII_SYMBOLS = {"error": "X", "warning": "!", "info": "i"}


def symbols_for(encoding: str | None) -> dict[str, str]:
    """Unicode marks where the terminal can show them, ASCII otherwise."""
    try:
        "".join(SYMBOLS.values()).encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return ASCII_SYMBOLS
    return SYMBOLS


def render_text(
    file: str,
    findings: Iterable[Finding],
    lang: str = "nl",
    *,
    encoding: str | None = "utf-8",
    written: Path | None = None,
    backup: Path | None = None,
) -> str:
    # Grouped per sheet; within a sheet errors first, then warnings, then infos.
    findings = sorted(findings, key=lambda f: (f.sheet, severity_key(f)))
    marks = symbols_for(encoding)
    labels = {s: severity_label(s, lang) for s in ("error", "warning", "info")}
    width = max(len(v) for v in labels.values())
    lines = [t("report.title", lang, file=file), ""]
    if not findings:
        lines += [t("report.no_findings", lang), ""]
    for sheet, group in groupby(findings, key=lambda f: f.sheet):
        lines.append(t("report.sheet", lang, sheet=sheet) if sheet else t("report.workbook", lang))
        for f in group:
            severity = f.severity.value
            where = f.cell or "-"
            subject = f" [{f.subject}]" if f.subject else ""
            lines.append(
                f"  {marks[severity]} {labels[severity]:<{width}}  {f.code:<7} {where:<7}"
                f"{subject} {f.message(lang)}".rstrip()
            )
        lines.append("")
    counts = count_by_severity(findings)
    lines.append(t("report.counts", lang, **counts))
    if written is not None:
        lines.append(t("report.written", lang, file=str(written)))
    if backup is not None:
        lines.append(t("report.backup", lang, file=str(backup)))
    return "\n".join(lines) + "\n"
