"""Gemeente Voorbeeld: complete, balanced, and clean under every check of DOMAIN.md section 4."""

from __future__ import annotations

import statistics
from collections import defaultdict
from pathlib import Path

import pytest

from plan_xl import contract as c
from plan_xl.template import example_data
from plan_xl.template.content import WorkbookContent
from tests.template.readback import content_from_plan

EXAMPLE = example_data()
SCORE = c.LEVEL_SCORES


def _themes_of(action_theme: str, secondary: str) -> set[str]:
    return {action_theme, *(s.strip() for s in secondary.split(";") if s.strip())}


def test_all_eight_themes_are_scored() -> None:
    assert [t.name for t in EXAMPLE.themes] == [t.name for t in c.DEFAULT_THEMES]
    for theme in EXAMPLE.themes:
        assert theme.current in SCORE and theme.ambition in SCORE, theme.name
        assert theme.owner


def test_at_least_twelve_actions_over_several_policy_objectives() -> None:
    assert len(EXAMPLE.actions) >= 12
    assert len({a.policy_objective for a in EXAMPLE.actions}) >= 3
    assert len({a.code for a in EXAMPLE.actions}) == len(EXAMPLE.actions)


def test_event_application_platform_spreads_over_several_themes() -> None:
    platform = [a for a in EXAMPLE.actions if "evenementenaanvragen" in a.action.lower()]
    assert len(platform) == 1
    themes = _themes_of(platform[0].theme, platform[0].secondary_themes)
    assert len(themes) >= 3
    line_themes = {p.theme for p in EXAMPLE.project_lines if p.action_code == platform[0].code}
    assert len(line_themes) >= 3


def test_at_least_forty_project_lines_whose_yearly_sums_match_the_estimates_exactly() -> None:
    assert len(EXAMPLE.project_lines) >= 40
    sums: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for line in EXAMPLE.project_lines:
        for year, amount in line.amounts.items():
            sums[line.action_code][year] += amount
    for action in EXAMPLE.actions:
        for year in EXAMPLE.years:
            assert action.amounts.get(year, 0) == sums[action.code].get(year, 0), (
                action.code,
                year,
            )


def test_ambitions_are_reachable_and_in_balance() -> None:
    s = EXAMPLE.settings
    ambitions = [SCORE[t.ambition] for t in EXAMPLE.themes]
    median = statistics.median(ambitions)
    by_name = {t.name: t for t in EXAMPLE.themes}
    for t in EXAMPLE.themes:
        gap = SCORE[t.ambition] - SCORE[t.current]
        assert 0 <= gap <= s.max_steps, t.name  # MAT003, MAT004
        assert SCORE[t.ambition] <= median + s.max_imbalance, t.name  # MAT005
    for dep in EXAMPLE.dependencies:  # MAT006
        lag = SCORE[by_name[dep.theme].ambition] - SCORE[by_name[dep.required_theme].ambition]
        assert lag <= dep.max_lag, dep


def test_every_theme_with_a_gap_has_an_action_and_project_budget() -> None:
    action_themes = set().union(*(_themes_of(a.theme, a.secondary_themes) for a in EXAMPLE.actions))
    budget = defaultdict(float)
    for line in EXAMPLE.project_lines:
        budget[line.theme] += sum(line.amounts.values())
    total = sum(budget.values())
    for theme in EXAMPLE.themes:
        if SCORE[theme.ambition] > SCORE[theme.current]:
            assert theme.name in action_themes  # MAT007
            assert budget[theme.name] > 0  # MAT008
    assert max(budget.values()) / total <= 0.6  # BUD003


def test_every_action_is_complete() -> None:
    for a in EXAMPLE.actions:
        assert a.contact and a.follow_up and a.stakeholders, a.code  # ACT006-008
        assert a.policy in c.POLICY_VALUES  # ACT010
        assert {s.strip() for s in a.stakeholders.split(";")} <= set(c.STAKEHOLDER_VALUES)
        assert any(p.action_code == a.code for p in EXAMPLE.project_lines)  # ACT004


def test_project_lines_follow_their_action_and_recurring_costs_keep_running() -> None:
    actions = {a.code: a for a in EXAMPLE.actions}
    last_year = EXAMPLE.years[-1]
    for p in EXAMPLE.project_lines:
        action = actions[p.action_code]  # PRJ001
        assert p.theme in _themes_of(action.theme, action.secondary_themes)  # PRJ003
        assert p.cost_type in c.COST_TYPE_VALUES and p.budget_type in c.BUDGET_TYPE_VALUES
        assert p.status in c.STATUS_VALUES
        assert p.amounts and all(v > 0 for v in p.amounts.values())  # PRJ008, PRJ004
        if p.cost_type == c.COST_TYPE_RECURRING:
            assert p.budget_type == c.BUDGET_TYPE_OPERATING, p.description  # PRJ007
            first = min(p.amounts)
            assert sorted(p.amounts) == list(range(first, last_year + 1)), p.description


def test_example_data_returns_a_fresh_equal_copy() -> None:
    assert example_data() == example_data()
    assert isinstance(example_data(), WorkbookContent)


# Against the real reader and rule engine ------------------------------------------


def test_example_validates_without_errors_or_warnings(example_xlsx: Path) -> None:
    from plan_xl.core.engine import check_plan
    from plan_xl.workbook.reader import read_plan

    findings = check_plan(read_plan(example_xlsx))
    serious = [(f.code, f.cell, f.message("nl")) for f in findings if f.severity != "info"]
    assert serious == []
    assert len(findings) <= 2  # a few infos at most


def test_reading_the_example_back_gives_exactly_example_data(example_xlsx: Path) -> None:
    from plan_xl.workbook.reader import read_plan

    assert content_from_plan(read_plan(example_xlsx)) == example_data()


@pytest.mark.libreoffice
def test_example_resaved_by_libreoffice_still_reads_back_exactly(example_resaved: Path) -> None:
    from plan_xl.workbook.reader import read_plan

    assert content_from_plan(read_plan(example_resaved)) == example_data()


def test_blank_template_reads_back_as_the_default_themes_and_no_actions(blank_xlsx: Path) -> None:
    from plan_xl.workbook.reader import read_plan

    content = content_from_plan(read_plan(blank_xlsx))
    assert [t.name for t in content.themes] == [t.name for t in c.DEFAULT_THEMES]
    assert content.actions == () and content.project_lines == ()
    assert content.settings.start_year == 2026 and content.settings.end_year == 2031
