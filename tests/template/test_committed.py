"""templates/ holds exactly what the builder makes today (compared by content, not bytes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_xl.template.builder import BLANK_TEMPLATE_NAME, EXAMPLE_NAME
from tests.template.snapshot import workbook_snapshot

COMMITTED = Path(__file__).parents[2] / "templates"
REBUILD = "plan-xl template --rebuild-committed  (or: python -m plan_xl.template)"


@pytest.mark.parametrize(
    ("committed_name", "fresh_fixture"),
    [(BLANK_TEMPLATE_NAME, "blank_xlsx"), (EXAMPLE_NAME, "example_xlsx")],
)
def test_committed_workbook_equals_a_fresh_build(
    committed_name: str, fresh_fixture: str, request: pytest.FixtureRequest
) -> None:
    committed = workbook_snapshot(COMMITTED / committed_name)
    fresh = workbook_snapshot(request.getfixturevalue(fresh_fixture))
    assert committed["sheet_order"] == fresh["sheet_order"]
    assert committed["defined_names"] == fresh["defined_names"]
    for sheet, content in fresh["sheets"].items():
        for aspect, value in content.items():
            assert committed["sheets"][sheet][aspect] == value, (
                f"templates/{committed_name}: {sheet} {aspect} is out of date; run {REBUILD}"
            )


def test_snapshot_notices_a_changed_cell(blank_xlsx: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(blank_xlsx)
    wb["Instellingen"]["B2"] = "Andere gemeente"
    changed = tmp_path / "changed.xlsx"
    wb.save(changed)
    assert workbook_snapshot(changed) != workbook_snapshot(blank_xlsx)
