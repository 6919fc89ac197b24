"""The cross-organisation view, against values computed by hand."""

from __future__ import annotations

from plan_xl.batch.compare import compare, stats
from plan_xl.batch.report_model import Counts, FileReport, FindingRecord, ThemeScore


def _finding(code: str, subject: str, severity: str = "warning") -> FindingRecord:
    return FindingRecord(
        code=code, severity=severity, sheet="Maturiteit", cell="D5", subject=subject, message="m"
    )


def _file(name: str, scores: dict[str, tuple[int | None, int | None]], codes=(), status="findings"):
    findings = [_finding(code, subject) for code, subject in codes]
    return FileReport(
        file=name,
        path=f"/x/{name}",
        status=status,
        reason="",
        organisation=f"Gemeente {name}",
        counts=Counts(warning=len(findings)),
        themes=[ThemeScore(theme=t, current=c, ambition=a) for t, (c, a) in scores.items()],
        findings=findings,
    )


def test_mean_and_spread_of_scores_match_hand_computation() -> None:
    s = stats([1, 2, 4, 5])
    assert s.n == 4
    assert s.mean == 3.0
    assert s.std == 1.5811  # sqrt(((2^2)+(1^2)+(1^2)+(2^2))/4) = sqrt(2.5)
    assert (s.min, s.max) == (1.0, 5.0)


def test_maturity_per_theme_is_compared_over_processed_files_only() -> None:
    files = [
        _file("a", {"Dienstverlening": (1, 3), "Processen": (2, 2)}),
        _file("b", {"Dienstverlening": (3, 5), "Processen": (None, 4)}),
        _file("c", {"Dienstverlening": (5, 5)}, status="unreadable"),
    ]
    view = compare(files)
    by_theme = {s.theme: s for s in view.themes}
    assert list(by_theme) == ["Dienstverlening", "Processen"]
    assert by_theme["Dienstverlening"].current.mean == 2.0
    assert by_theme["Dienstverlening"].ambition.mean == 4.0
    assert by_theme["Dienstverlening"].ambition.std == 1.0
    assert by_theme["Processen"].current.n == 1
    assert by_theme["Processen"].ambition.max == 4.0


def test_rules_that_fire_most_come_first() -> None:
    files = [
        _file("a", {}, codes=[("ACT006", "A1"), ("ACT006", "A2"), ("MAT004", "Processen")]),
        _file("b", {}, codes=[("ACT006", "A9"), ("ACT007", "A9")]),
    ]
    top = compare(files).top_rules
    assert [(r.code, r.findings, r.files) for r in top] == [
        ("ACT006", 3, 2),
        ("ACT007", 1, 1),
        ("MAT004", 1, 1),
    ]


def test_organisations_with_themes_out_of_balance_are_listed() -> None:
    files = [
        _file("a", {}, codes=[("MAT005", "Dienstverlening"), ("MAT006", "Toepassingen")]),
        _file("b", {}, codes=[("MAT004", "Processen")]),
        _file("c", {}, codes=[("MAT006", "Dienstverlening"), ("MAT006", "Dienstverlening")]),
    ]
    out = compare(files).imbalanced
    assert [(i.file, i.codes, i.themes) for i in out] == [
        ("a", ["MAT005", "MAT006"], ["Dienstverlening", "Toepassingen"]),
        ("c", ["MAT006"], ["Dienstverlening"]),
    ]
    assert out[0].organisation == "Gemeente a"
