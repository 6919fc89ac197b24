"""A 50 MB text in one cell: the size limits bound it, and what gets through is
read in bounded time and quoted in messages only as a short excerpt."""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from plan_xl import contract as c
from plan_xl.core.findings import MAX_SHOWN_CHARS
from plan_xl.errors import WorkbookReadError
from plan_xl.validate import validate_file
from plan_xl.workbook.limits import MB, ReadLimits
from tests.workbook.conftest import Sheets, draft

Write = Callable[..., Path]
PROJECT_SHEET = "xl/worksheets/sheet5.xml"  # Projectplannen, openpyxl's creation order
HUGE = 50 * MB


@pytest.fixture(scope="module")
def huge_text() -> bytes:
    # Random lower-case letters: compresses ~1.7x, so no zip-bomb ratio refuses it.
    return os.urandom(HUGE).translate(bytes(97 + i % 26 for i in range(256)))


def _with_text(source: Path, target: Path, old: str, text: bytes) -> Path:
    marker = f"<t>{old}</t>".encode()
    with (
        zipfile.ZipFile(source) as zin,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == PROJECT_SHEET:
                assert marker in data
                data = data.replace(marker, b"<t>" + text + b"</t>", 1)
            zout.writestr(info.filename, data)
    return target


def test_a_50_mb_cost_type_is_read_and_quoted_only_as_an_excerpt(
    sheets: Sheets, write: Write, tmp_path: Path, huge_text: bytes
) -> None:
    lines = draft(sheets, c.TBL_PROJECT_LINES)
    assert lines.rows[0][lines.column(c.COL_COST_TYPE)] == "Recurrent"
    path = _with_text(write(sheets), tmp_path / "lange-tekst.xlsx", "Recurrent", huge_text)
    assert path.stat().st_size < ReadLimits().max_file_bytes
    started = time.perf_counter()
    result = validate_file(path)
    assert time.perf_counter() - started < 30
    quoted = [f for f in result.findings if f.code == "PRJ005"]
    assert len(quoted) == 1
    message = quoted[0].message("nl")
    assert huge_text[:100].decode() in message
    assert len(message) < 2 * MAX_SHOWN_CHARS + 200
    assert "\u2026" in message


def test_an_uncompressed_size_limit_below_the_text_refuses_it(
    sheets: Sheets, write: Write, tmp_path: Path, huge_text: bytes
) -> None:
    path = _with_text(write(sheets), tmp_path / "lange-tekst.xlsx", "Platform", huge_text)
    with pytest.raises(WorkbookReadError) as info:
        validate_file(path, limits=ReadLimits(max_uncompressed_bytes=40 * MB))
    assert info.value.status == "too_large"
