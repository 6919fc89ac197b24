"""The catalogue documents itself: `plan-xl rules` and docs/rules.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_xl.cli import _register_commands, app
from plan_xl.docs_rules import render_markdown
from plan_xl.rules.registry import all_rules

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
DOMAIN_CODES = (
    [f"WB00{i}" for i in range(1, 7)]
    + [f"MAT00{i}" for i in range(1, 10)]
    + [f"ACT{i:03d}" for i in range(1, 11)]
    + [f"PRJ00{i}" for i in range(1, 10)]
    + [f"BUD00{i}" for i in range(1, 4)]
)
DOMAIN_SEVERITY = {
    "WB003": "warning", "WB006": "info", "MAT001": "error", "MAT004": "warning",
    "MAT009": "error", "ACT004": "warning", "ACT008": "info", "ACT009": "error",
    "PRJ006": "warning", "PRJ008": "info", "PRJ009": "error", "BUD002": "info",
    "BUD003": "warning",
}  # fmt: skip


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register_commands()
    return CliRunner()


def test_docs_rules_md_is_generated_from_the_catalogue() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_markdown(), (
        "docs/rules.md is stale: run `plan-xl rules --format markdown > docs/rules.md`"
    )


def test_catalogue_has_every_code_of_the_domain_with_its_severity() -> None:
    rules = {r.code: r for r in all_rules()}
    assert set(DOMAIN_CODES) <= set(rules)
    for code, severity in DOMAIN_SEVERITY.items():
        assert rules[code].severity.value == severity


def test_every_rule_is_documented_in_both_languages() -> None:
    for rule in all_rules():
        assert re.fullmatch(r"[A-Z]{2,3}\d{3}", rule.code)
        for lang in ("nl", "en"):
            assert rule.title[lang] and rule.message[lang]
            assert len(rule.description[lang]) > 80
        assert "Beter:" in rule.description["nl"] or rule.group == "internal"
        assert "Best practice:" in rule.description["en"]


def test_rules_command_lists_codes_with_dutch_titles(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    assert "ACT005" in result.output
    assert "Raming wijkt af van projectlijnen" in result.output
    assert "Waarschuwing" in result.output
    assert len(re.findall(r"^\s+[A-Z]{2,3}\d{3}\s", result.output, re.M)) == len(all_rules())


def test_rules_command_speaks_english_on_request(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "--lang", "en"])
    assert result.exit_code == 0
    assert "Estimate differs from project lines" in result.output
    assert "Warning" in result.output and "Waarschuwing" not in result.output


def test_rules_command_markdown_is_the_docs_page(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.output == DOCS.read_text(encoding="utf-8")
    assert "### PRJ006" in result.output


def test_rules_command_rejects_unknown_format_without_traceback() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "plan_xl", "rules", "--format", "pdf"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Onbekend formaat 'pdf'" in done.stderr
    assert "Traceback" not in done.stderr
