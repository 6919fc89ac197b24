"""The biggest sheet's head goes to calamine while the rest still inflates
(issue 5 speed), but only after the safety checks of issue 4 hold for every
byte in it; a CRC failure found later still refuses the file, and no grid of
that read reaches the tables."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.errors import WorkbookReadError
from plan_xl.workbook import reader as reader_module
from plan_xl.workbook import safety
from plan_xl.workbook.limits import ReadLimits
from plan_xl.workbook.read_calamine import CalaminePool
from plan_xl.workbook.read_extent import grid_extent
from plan_xl.workbook.reader import read_workbook
from tests.workbook.conftest import biggest_sheet, with_part

Write = Callable[..., Path]
# Small blocks (and a prolog window that fits in one) so that a test sheet of
# some 100 KB streams in many blocks and its head is cut early.
LIMITS = ReadLimits(max_prolog_bytes=512)


@pytest.fixture(params=["threaded", "whole"])
def inflate_way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways a sheet is inflated: on a helper thread while it is scanned (big
    sheets), or whole first and then scanned (smaller ones)."""
    threaded = request.param == "threaded"
    monkeypatch.setattr(safety, "THREADED_INFLATE_BYTES", 1 if threaded else 1 << 40)
    return str(request.param)


@pytest.fixture
def heads(monkeypatch: pytest.MonkeyPatch, inflate_way: str) -> list[bytes]:
    """Streams every big-enough sheet in small blocks; records each head handed
    to calamine (its bytes as calamine gets them)."""
    monkeypatch.setattr(reader_module, "STREAMED_SCAN_BYTES", 1)
    monkeypatch.setattr(reader_module, "SPLIT_SHEET_BYTES", 1)
    monkeypatch.setattr(reader_module, "STREAM_BLOCK_BYTES", 2048)
    handed: list[bytes] = []
    parse_head = CalaminePool.parse_head

    def recorded(self: CalaminePool, name: str, head: Any) -> None:
        handed.append(b"".join(head))
        parse_head(self, name, head)

    monkeypatch.setattr(CalaminePool, "parse_head", recorded)
    return handed


def _refusal(path: Path, limits: ReadLimits = LIMITS) -> WorkbookReadError:
    with pytest.raises(WorkbookReadError) as info:
        read_workbook(path, limits)
    return info.value


def test_a_read_whose_head_went_ahead_equals_the_plain_read(
    big_plan: Path, heads: list[bytes]
) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(reader_module, "SPLIT_SHEET_BYTES", 1 << 40)  # never cut: parsed whole
        whole = read_workbook(big_plan, LIMITS)
    assert heads == []
    assert read_workbook(big_plan, LIMITS) == whole
    assert len(heads) == 1


def test_the_head_is_a_verified_prefix_of_the_sheet_closed_after_its_last_row(
    big_plan: Path, heads: list[bytes]
) -> None:
    read_workbook(big_plan, LIMITS)
    _, xml = biggest_sheet(big_plan)
    (head,) = heads
    body, _, closing = head.rpartition(b"</row>")
    assert closing == b"</sheetData></worksheet>"
    assert xml.startswith(body + b"</row><row")  # cut at a row boundary of the real text
    assert 0 < len(body) < len(xml) * 0.8  # handed over well before the end
    assert b"<!DOCTYPE" not in head.upper()
    extent = grid_extent(head)
    assert extent.cells <= LIMITS.max_grid_cells


def test_a_cell_beyond_the_grid_limit_in_the_first_half_keeps_calamine_away(
    big_plan: Path, heads: list[bytes]
) -> None:
    part, xml = biggest_sheet(big_plan)
    at = xml.index(b"</row>", len(xml) // 10)
    path = with_part(big_plan, part, xml[:at] + b'<c r="XFD5"><v>1</v></c>' + xml[at:])
    assert _refusal(path).status == "too_large"
    assert heads == []


def test_a_cell_beyond_the_grid_limit_in_the_second_half_is_refused_after_the_head(
    big_plan: Path, heads: list[bytes]
) -> None:
    part, xml = biggest_sheet(big_plan)
    at = xml.rindex(b"</row>")
    path = with_part(big_plan, part, xml[:at] + b'<c r="XFD5"><v>1</v></c>' + xml[at:])
    assert _refusal(path).key == "reader.too_large_grid"
    (head,) = heads
    assert b"XFD" not in head  # calamine got only the part proven inside the grid


def test_a_head_is_never_handed_over_with_more_cells_than_the_limit(
    big_plan: Path, heads: list[bytes]
) -> None:
    _, xml = biggest_sheet(big_plan)
    cells = xml.count(b"<c ")
    limits = LIMITS.model_copy(update={"max_cells": cells // 4})
    assert _refusal(big_plan, limits).status == "too_large"
    assert all(head.count(b"<c ") <= limits.max_cells for head in heads)


def _with_wrong_crc(path: Path, part: str) -> Path:
    """The same file with the member's CRC (local header and central directory) off by one."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(part)
    wrong = struct.pack("<I", (info.CRC + 1) & 0xFFFFFFFF)
    data[info.header_offset + 14 : info.header_offset + 18] = wrong
    name = part.encode()
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        size = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + size]) == name:
            data[central + 16 : central + 20] = wrong
        central = data.find(b"PK\x01\x02", central + 46)
    out = path.with_name("crc.xlsx")
    out.write_bytes(bytes(data))
    return out


def test_a_crc_mismatch_in_the_big_sheet_is_refused_and_no_grid_reaches_the_tables(
    big_plan: Path, heads: list[bytes], inflate_way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    part, _ = biggest_sheet(big_plan)
    path = _with_wrong_crc(big_plan, part)
    with pytest.MonkeyPatch.context() as mp:  # today's refusal, the sheet read whole first
        mp.setattr(reader_module, "SPLIT_SHEET_BYTES", 1 << 40)
        expected = _refusal(path)
    assert heads == []
    used: list[Any] = []
    monkeypatch.setattr(reader_module, "_raw_tables", lambda *a: used.append(a))

    def grids(self: CalaminePool) -> dict[str, Any]:
        used.append(self)
        return {}

    monkeypatch.setattr(CalaminePool, "grids", grids)
    refused = _refusal(path)
    if inflate_way == "threaded":
        assert len(heads) == 1  # calamine did parse the head before the CRC was known
    else:
        assert heads == []  # inflated whole first: the CRC failed before any head went
    assert used == []
    assert (expected.status, expected.key) == ("unreadable", "reader.corrupt_zip")
    assert (refused.status, refused.key) == (expected.status, expected.key)
    assert refused.user_message("nl") == expected.user_message("nl")


def test_a_streamed_sheet_inflates_in_about_twelve_blocks_of_256_kib_to_1_mib() -> None:
    kib = 1024
    assert reader_module._block_bytes(3 * 1024 * kib) == 256 * kib  # 5,000 lines: ~3 MB
    assert reader_module._block_bytes(6 * 1024 * kib) == 512 * kib
    assert reader_module._block_bytes(30 * 1024 * kib) == 1024 * kib  # 50,000 lines: ~30 MB
    assert reader_module._block_bytes(1024 * kib) == 256 * kib


_SHEET_TEXT = (
    b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
    b'<row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>'
    b"</sheetData><pageMargins/></worksheet>"
)


def _blocks(text: bytes, cuts: list[int]) -> list[bytes]:
    bounds = [0, *sorted({c for c in cuts if 0 < c < len(text)}), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(23, len(_SHEET_TEXT) - 1), max_size=8), st.integers(0, 200))
def test_the_tail_of_a_sheet_in_blocks_is_the_tail_of_its_joined_text(
    cuts: list[int], at: int
) -> None:
    blocks = _blocks(_SHEET_TEXT, cuts)
    assert reader_module._last_at(blocks, b"</sheetData>") == _SHEET_TEXT.rfind(b"</sheetData>")
    assert reader_module._last_at(blocks, b"<nothing>") == -1
    assert safety.joined_slice(blocks, at, 4) == _SHEET_TEXT[at : at + 4]
    rows_from = _SHEET_TEXT.find(b"<row")
    cut = _SHEET_TEXT.find(b'<row r="2"')
    head = reader_module.HeadCut(rows_from, cut)
    from_blocks = reader_module._tail(blocks, head)
    whole = reader_module._tail(_SHEET_TEXT, head)
    assert from_blocks is not None and whole is not None
    assert b"".join(from_blocks) == b"".join(whole) == _SHEET_TEXT[:rows_from] + _SHEET_TEXT[cut:]
    assert reader_module._tail(blocks, reader_module.HeadCut(rows_from, cut + 1)) is None
