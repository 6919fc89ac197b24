"""calamine parses a sheet only after plan-xl verified it (issue 4's safety
order), even now that it parses on a worker thread (issue 5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import python_calamine

from plan_xl.errors import WorkbookReadError
from plan_xl.workbook.limits import ReadLimits
from plan_xl.workbook.reader import read_workbook
from tests.workbook.conftest import Sheets

Write = Callable[..., Path]


class _RecordingBook:
    """Wraps python-calamine's workbook and records which sheets it parsed."""

    parsed: list[str] = []
    real = python_calamine.CalamineWorkbook

    def __init__(self, book: Any) -> None:
        self.book = book

    @classmethod
    def from_path(cls, path: str) -> _RecordingBook:
        return cls(cls.real.from_path(path))

    def get_sheet_by_name(self, name: str) -> Any:
        self.parsed.append(name)
        return self.book.get_sheet_by_name(name)

    def close(self) -> None:
        self.book.close()


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    _RecordingBook.parsed = []
    monkeypatch.setattr(python_calamine, "CalamineWorkbook", _RecordingBook)
    return _RecordingBook.parsed


def test_a_sheet_over_the_cell_limit_is_never_given_to_calamine(
    sheets: Sheets, write: Write, recording: list[str]
) -> None:
    with pytest.raises(WorkbookReadError) as info:
        read_workbook(write(sheets), ReadLimits(max_cells=20))
    assert info.value.status == "too_large"
    refused = info.value.params["sheet"]
    assert refused and refused not in recording


def test_every_sheet_with_a_plan_table_is_parsed_once(
    sheets: Sheets, write: Write, recording: list[str]
) -> None:
    raw = read_workbook(write(sheets))
    assert sorted(recording) == sorted(set(recording))
    assert {t.sheet for t in raw.tables.values()} <= set(recording)
