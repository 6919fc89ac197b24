"""Reading the built example gives exactly Gemeente Voorbeeld's data, also after a
LibreOffice re-save (the template builder and the reader check each other)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from plan_xl import contract as c
from plan_xl.core.plan import PlanData
from plan_xl.template import build_workbook, example_data
from plan_xl.workbook.reader import read_plan
from tests.support.libreoffice import convert

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def example_files(tmp_path_factory: pytest.TempPathFactory, soffice: str) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("example")
    built = build_workbook(folder / "voorbeeld.xlsx", example=True)
    resaved = convert(built, "xlsx:Calc MS Excel 2007 XML", folder / "resaved")
    return {"built": built, "libreoffice": resaved}


def _text(value: str) -> str | None:
    return value or None


def _records(plan: PlanData, table: str) -> list[list[Any]]:
    sheet_table = plan.actions if table == c.TBL_ACTIONS else plan.project_lines
    assert sheet_table is not None
    frame = sheet_table.frame.drop(columns=[c.COL_TOTAL, c.COL_WARNINGS])
    return frame.values.tolist()


@pytest.mark.parametrize("which", ["built", "libreoffice"])
def test_example_reads_back_exactly_as_example_data(
    example_files: dict[str, Path], which: str
) -> None:
    data = example_data()
    plan = read_plan(example_files[which])
    years = data.years

    assert plan.structure.missing_tables == {} and plan.structure.missing_columns == []
    s = plan.settings
    assert s.invalid == {}
    assert (s.organisation, s.start_year, s.end_year, s.language) == (
        data.settings.organisation,
        data.settings.start_year,
        data.settings.end_year,
        data.settings.language,
    )
    assert (s.tolerance_eur, s.tolerance_pct, s.max_steps, s.max_imbalance) == (
        data.settings.tolerance_eur,
        data.settings.tolerance_pct,
        data.settings.max_steps,
        data.settings.max_imbalance,
    )
    assert s.template_version == c.TEMPLATE_VERSION

    assert [
        (t.name, t.description, t.critical_questions, t.current_raw, t.ambition_raw, t.owner)
        for t in plan.themes
    ] == [
        (t.name, t.description, t.critical_questions, t.current, t.ambition, t.owner)
        for t in data.themes
    ]
    assert [(d.theme, d.required_theme, d.max_lag) for d in plan.dependencies] == [
        (d.theme, d.required_theme, d.max_lag) for d in data.dependencies
    ]

    assert _records(plan, c.TBL_ACTIONS) == [
        [
            a.code,
            a.policy_objective,
            a.action_plan,
            a.action,
            a.policy,
            a.theme,
            _text(a.secondary_themes),
            _text(a.stakeholders),
            _text(a.contact),
            _text(a.follow_up),
            *[a.amounts.get(year) for year in years],
        ]
        for a in data.actions
    ]
    assert _records(plan, c.TBL_PROJECT_LINES) == [
        [
            p.project,
            p.description,
            p.action_code,
            p.theme,
            p.cost_type,
            p.budget_type,
            _text(p.owner),
            _text(p.status),
            *[p.amounts.get(year) for year in years],
        ]
        for p in data.project_lines
    ]
