"""The cross-organisation view: how the checked organisations compare.

Pure functions over file reports: mean and spread of maturity and ambition per
theme, the rules that fire most, and the organisations whose themes are out of
balance (findings MAT005 or MAT006).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict

from plan_xl.batch.report_model import (
    Comparison,
    FileReport,
    Imbalance,
    RuleCount,
    Stats,
    ThemeStats,
)

IMBALANCE_CODES = ("MAT005", "MAT006")
TOP_RULES = 10


def stats(values: list[int]) -> Stats:
    """Mean, population standard deviation, min and max of the scores."""
    if not values:
        return Stats()
    return Stats(
        n=len(values),
        mean=round(statistics.fmean(values), 4),
        std=round(statistics.pstdev(values), 4),
        min=float(min(values)),
        max=float(max(values)),
    )


def theme_order(files: list[FileReport]) -> list[str]:
    """Theme names in order of first appearance over the processed files."""
    order: dict[str, None] = {}
    for f in files:
        if f.processed:
            for score in f.themes:
                order.setdefault(score.theme, None)
    return list(order)


def theme_stats(files: list[FileReport]) -> list[ThemeStats]:
    current: dict[str, list[int]] = defaultdict(list)
    ambition: dict[str, list[int]] = defaultdict(list)
    for f in files:
        if not f.processed:
            continue
        for score in f.themes:
            if score.current is not None:
                current[score.theme].append(score.current)
            if score.ambition is not None:
                ambition[score.theme].append(score.ambition)
    return [
        ThemeStats(theme=name, current=stats(current[name]), ambition=stats(ambition[name]))
        for name in theme_order(files)
    ]


def _rule_title(code: str, lang: str) -> str:
    try:
        from plan_xl.rules.registry import get_rule

        rule = get_rule(code)
    except (KeyError, ImportError):
        return ""
    return rule.title.get(lang) or rule.title.get("nl", "")


def top_rules(files: list[FileReport], lang: str, limit: int = TOP_RULES) -> list[RuleCount]:
    """The rules with the most findings (ties: more files, then code)."""
    findings: Counter[str] = Counter()
    in_files: Counter[str] = Counter()
    severity: dict[str, str] = {}
    for f in files:
        codes = [finding.code for finding in f.findings]
        findings.update(codes)
        in_files.update(set(codes))
        for finding in f.findings:
            severity.setdefault(finding.code, finding.severity)
    ranked = sorted(findings, key=lambda code: (-findings[code], -in_files[code], code))
    return [
        RuleCount(
            code=code,
            severity=severity[code],
            title=_rule_title(code, lang),
            findings=findings[code],
            files=in_files[code],
        )
        for code in ranked[:limit]
    ]


def imbalanced(files: list[FileReport]) -> list[Imbalance]:
    out: list[Imbalance] = []
    for f in files:
        hits = [finding for finding in f.findings if finding.code in IMBALANCE_CODES]
        if not hits:
            continue
        codes = sorted({h.code for h in hits})
        themes = list(dict.fromkeys(h.subject for h in hits if h.subject))
        out.append(Imbalance(file=f.file, organisation=f.organisation, codes=codes, themes=themes))
    return out


def compare(files: list[FileReport], lang: str = "nl") -> Comparison:
    return Comparison(
        themes=theme_stats(files), top_rules=top_rules(files, lang), imbalanced=imbalanced(files)
    )
