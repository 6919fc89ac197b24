"""Comments and processing instructions among the rows never change what is read.

The biggest sheet is cut at a row boundary found by a byte search
(``</row><row``); inside an XML comment or processing instruction that text
is not markup. Whatever the cut, the tables must equal those of a single
parse of the whole sheet, and those of the same sheet without the comments.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from plan_xl import contract as c
from plan_xl.workbook import reader as reader_module
from plan_xl.workbook.limits import ReadLimits
from plan_xl.workbook.read_calamine import CalaminePool
from plan_xl.workbook.read_package import index_package
from plan_xl.workbook.reader import read_workbook
from tests.workbook.conftest import biggest_sheet, with_part

LIMITS = ReadLimits(max_prolog_bytes=512)
FAKE_ROWS = (
    b'</row><row r="2"><c r="A2" t="inlineStr"><is><t>spook</t></is></c>'
    b'<c r="B2"><v>999999</v></c></row><row r="3">'
)


def _with_markup_between_rows(path: Path, markup: Callable[[int], bytes]) -> Path:
    """``path`` with ``markup(i)`` after every row in the middle 40 % of the biggest sheet."""
    part, xml = biggest_sheet(path)
    rows = [m.end() for m in re.finditer(rb"</row>", xml)]
    middle = set(rows[int(len(rows) * 0.3) : int(len(rows) * 0.7)])
    out, last = [], 0
    for i, end in enumerate(rows):
        if end in middle:
            out += [xml[last:end], markup(i)]
            last = end
    return with_part(path, part, b"".join(out) + xml[last:], "met-commentaar.xlsx")


HEADS: list[bytes] = []  # heads handed to calamine by the last split read


def _read(path: Path, *, split: bool) -> object:
    HEADS.clear()
    with pytest.MonkeyPatch.context() as mp:
        if split:  # stream in small blocks and cut the biggest sheet
            mp.setattr(reader_module, "STREAMED_SCAN_BYTES", 1)
            mp.setattr(reader_module, "SPLIT_SHEET_BYTES", 1)
            mp.setattr(reader_module, "STREAM_BLOCK_BYTES", 2048)
            parse_head = CalaminePool.parse_head

            def recorded(self: CalaminePool, name: str, head: Any) -> None:
                HEADS.append(b"".join(head))
                parse_head(self, name, head)

            mp.setattr(CalaminePool, "parse_head", recorded)
        else:  # one parse of the whole sheet
            mp.setattr(reader_module, "SPLIT_SHEET_BYTES", 1 << 40)
            mp.setattr(reader_module, "STREAMED_SCAN_BYTES", 1 << 40)
        return read_workbook(path, LIMITS).tables


@pytest.mark.parametrize(
    "markup",
    [
        lambda i: b"<!-- " + FAKE_ROWS + b" -->",
        lambda i: b"<?plan-xl " + FAKE_ROWS + b" ?>",
    ],
    ids=["comment", "processing-instruction"],
)
def test_rows_inside_comments_or_instructions_are_not_read_whatever_the_cut(
    big_plan: Path, markup: Callable[[int], bytes]
) -> None:
    plain = _read(big_plan, split=False)
    edited = _with_markup_between_rows(big_plan, markup)
    assert _read(edited, split=False) == plain  # calamine skips them in one parse
    assert _read(edited, split=True) == plain


def _column_letters(first: str, last: str) -> list[str]:
    from openpyxl.utils import column_index_from_string, get_column_letter

    return [
        get_column_letter(i)
        for i in range(column_index_from_string(first), column_index_from_string(last) + 1)
    ]


def _with_a_phantom_cell_in_a_comment(path: Path) -> Path:
    """After rows in the middle of the biggest sheet, a comment that reads like the
    next row with a value in one of its blank table cells."""
    part, xml = biggest_sheet(path)
    with zipfile.ZipFile(path) as zf:
        index = index_package(zf, path, zf.read)
    table = next(t for t in index.tables if t.name == c.TBL_PROJECT_LINES)
    first_col, last_col = re.match(rb"([A-Z]+)\d+:([A-Z]+)\d+", table.ref.encode()).groups()
    columns = _column_letters(first_col.decode(), last_col.decode())
    rows = list(re.finditer(rb'<row r="(\d+)"[^>]*>(.*?)</row>', xml, re.S))
    out, last = [], 0
    middle = rows[len(rows) // 4 : 3 * len(rows) // 4]
    for this, after in zip(middle, rows[len(rows) // 4 + 1 :], strict=False):
        n = after.group(1).decode()
        present = {m.decode() for m in re.findall(rb'<c r="([A-Z]+)\d+"', after.group(2))}
        blank = [col for col in columns if col not in present]
        if not blank:
            continue
        phantom = (
            f'</row><row r="{n}"><c r="{blank[0]}{n}" t="inlineStr"><is><t>spook</t></is></c>'
            f'</row><row r="{n}">'
        ).encode()
        out += [xml[last : this.end()], b"<!-- " + phantom + b" -->"]
        last = this.end()
    assert out, "no row with a blank table cell to haunt"
    return with_part(path, part, b"".join(out) + xml[last:], "spook.xlsx")


def test_a_cell_inside_a_comment_never_lands_in_a_table(big_plan: Path) -> None:
    plain = _read(big_plan, split=False)
    haunted = _with_a_phantom_cell_in_a_comment(big_plan)
    assert _read(haunted, split=False) == plain
    assert _read(haunted, split=True) == plain
    assert HEADS and b"<!--" in HEADS[0]  # the cut did fall inside a comment
