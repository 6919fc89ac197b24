"""calamine parses a sheet only after plan-xl verified it (issue 4's safety
order), even now that it parses on worker threads (issue 5): calamine gets an
in-memory package of the verified bytes (a sealed memory file on Linux), never
the file itself."""

from __future__ import annotations

import fcntl
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import python_calamine

from plan_xl.errors import WorkbookReadError
from plan_xl.workbook import reader as reader_module
from plan_xl.workbook.limits import ReadLimits
from plan_xl.workbook.reader import read_workbook
from tests.workbook.conftest import Sheets

Write = Callable[..., Path]


class _RecordingBook:
    """Wraps python-calamine's workbook and records which sheets it parsed, and
    every event (verified sheet, package opened) in order."""

    parsed: list[str] = []
    events: list[tuple[str, Any]] = []
    real = python_calamine.CalamineWorkbook

    def __init__(self, book: Any) -> None:
        self.book = book

    @classmethod
    def from_path(cls, path: str) -> _RecordingBook:
        # Only a sealed in-memory file of the reader's own (Linux memfd) may be opened.
        fd = int(path.removeprefix("/proc/self/fd/"))
        assert os.readlink(path).startswith("/memfd:plan-xl-package"), "not the reader's package"
        seals = fcntl.fcntl(fd, fcntl.F_GET_SEALS)
        assert seals & fcntl.F_SEAL_WRITE and seals & fcntl.F_SEAL_SHRINK, "package not sealed"
        with open(path, "rb") as fh:
            return cls._recorded(fh.read())

    @classmethod
    def from_filelike(cls, filelike: Any) -> _RecordingBook:
        return cls._recorded(filelike.read())

    @classmethod
    def _recorded(cls, data: bytes) -> _RecordingBook:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            sheets = [zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/")]
        cls.events.append(("package", sheets))
        return cls(cls.real.from_filelike(io.BytesIO(data)))

    def get_sheet_by_name(self, name: str) -> Any:
        self.parsed.append(name)
        return self.book.get_sheet_by_name(name)

    def close(self) -> None:
        self.book.close()


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    _RecordingBook.parsed = []
    _RecordingBook.events = []
    monkeypatch.setattr(python_calamine, "CalamineWorkbook", _RecordingBook)
    verify = reader_module._PartReader.verify

    def recorded_verify(self: Any, sheet: Any) -> tuple[bytes, bool]:
        result = verify(self, sheet)
        _RecordingBook.events.append(("verified", result[0]))
        return result

    monkeypatch.setattr(reader_module._PartReader, "verify", recorded_verify)
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


def test_calamine_gets_only_sheet_bytes_verified_before_it_opened_them(
    sheets: Sheets, write: Write, recording: list[str]
) -> None:
    read_workbook(write(sheets))
    verified: list[bytes] = []
    packages = 0
    for kind, payload in _RecordingBook.events:
        if kind == "verified":
            verified.append(payload)
            continue
        packages += 1
        for sheet_xml in payload:
            assert sheet_xml in verified  # byte for byte what was checked, checked first
    assert packages >= 1 and verified
