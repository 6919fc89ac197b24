"""RawTable may carry its rows as the reader's object array; whoever reads or edits
``rows`` always sees (and assemble always uses) the current rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from plan_xl import contract as c
from plan_xl.core.assemble import assemble
from plan_xl.core.plan import RawTable
from plan_xl.workbook.reader import read_workbook
from tests.workbook.conftest import Sheets


def _array(rows: list[list[Any]]) -> np.ndarray:
    block = np.empty((len(rows), len(rows[0])), dtype=object)
    block[:] = rows
    return block


def test_rows_from_the_array_equal_the_lists_it_was_made_of() -> None:
    rows = [["a", 1, None], ["b", 2.5, "x"]]
    table = RawTable("t", "s", "A1:C3", ["h1", "h2", "h3"], values=_array(rows))
    assert table.values() is not None
    assert table == RawTable("t", "s", "A1:C3", ["h1", "h2", "h3"], [list(r) for r in rows])
    assert table.rows == rows
    assert table.values() is None  # rows may be edited from here on


def test_a_table_without_rows_has_none() -> None:
    assert RawTable("t", "s", "A1:B1", ["a", "b"]).rows == []
    empty = RawTable("t", "s", "A1:B1", ["a", "b"], values=np.empty((0, 2), dtype=object))
    assert empty.rows == []


def test_assemble_uses_rows_edited_after_reading(sheets: Sheets, write: Any) -> None:
    path: Path = write(sheets)
    raw = read_workbook(path)
    lines = raw.tables[c.TBL_PROJECT_LINES]
    column = [str(h) for h in lines.header].index(c.COL_DESCRIPTION)
    lines.rows[0][column] = "Bewerkt na het lezen"
    plan = assemble(raw)
    assert plan.project_lines is not None
    first = plan.project_lines.frame.index[0]
    assert plan.project_lines.frame.at[first, c.COL_DESCRIPTION] == "Bewerkt na het lezen"


def test_assemble_of_a_fresh_read_equals_assemble_of_its_lists(sheets: Sheets, write: Any) -> None:
    path: Path = write(sheets)
    fresh, listed = read_workbook(path), read_workbook(path)
    for table in listed.tables.values():
        table.rows = [list(row) for row in table.rows]
        assert table.values() is None
    for name in (c.TBL_PROJECT_LINES, c.TBL_ACTIONS):
        a = getattr(assemble(fresh), "project_lines" if name == c.TBL_PROJECT_LINES else "actions")
        b = getattr(assemble(listed), "project_lines" if name == c.TBL_PROJECT_LINES else "actions")
        assert a.frame.equals(b.frame) and a.letters == b.letters
