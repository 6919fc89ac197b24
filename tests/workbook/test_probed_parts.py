"""A short part's prolog probe is its whole text: the reader keeps it instead of
inflating the part again, with the same bytes, budget and refusals (issue 4) as
reading it anew."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.errors import WorkbookReadError
from plan_xl.workbook.limits import DEFAULT_LIMITS, ReadLimits
from plan_xl.workbook.safety import (
    PROLOG_PROBE_BYTES,
    check_member_prolog,
    read_member,
    take_probed,
)

PATH = Path("werkmap.xlsx")
NAME = "xl/tables/table1.xml"


def _zip(data: bytes, method: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as zf:
        zf.writestr(NAME, data)
    return zipfile.ZipFile(buffer)


def _outcome(call: object) -> object:
    try:
        return call()  # type: ignore[operator]
    except WorkbookReadError as error:
        return (error.status, error.key, error.user_message("en"))


@settings(max_examples=150, deadline=None)
@given(
    size=st.one_of(st.integers(0, 300), st.integers(PROLOG_PROBE_BYTES - 40, 70_000)),
    budget=st.integers(0, 80_000),
    prolog=st.integers(0, 70_000),
    stored=st.booleans(),
)
def test_a_kept_probe_reads_as_the_member_read_anew(
    size: int, budget: int, prolog: int, stored: bool
) -> None:
    data = (b'<?xml version="1.0"?><table xmlns="x">' + b"a" * size + b"</table>")[: size + 50]
    limits = ReadLimits(max_prolog_bytes=max(prolog, 64))
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with _zip(data, method) as zf:
        whole = check_member_prolog(zf, NAME, PATH, limits)
        expected = _outcome(lambda: read_member(zf, NAME, PATH, budget, limits=limits))
    if whole is None:  # the probe stopped before the end: nothing is kept
        assert len(data) >= min(PROLOG_PROBE_BYTES, limits.max_prolog_bytes + 1)
        return
    assert whole == data
    assert _outcome(lambda: take_probed(whole, PATH, budget)) == expected


def test_long_parts_are_not_kept() -> None:
    data = b'<?xml version="1.0"?><table xmlns="x">' + b" " * 10_000 + b"</table>"
    with _zip(data) as zf:
        assert check_member_prolog(zf, NAME, PATH, DEFAULT_LIMITS) is None
    with _zip(data[: PROLOG_PROBE_BYTES - 1]) as zf:
        assert check_member_prolog(zf, NAME, PATH, DEFAULT_LIMITS) == data[: PROLOG_PROBE_BYTES - 1]


def test_a_damaged_short_part_is_refused_by_the_probe() -> None:
    data = b'<?xml version="1.0"?><table xmlns="x" name="t"/>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(NAME, data)
    raw = bytearray(buffer.getvalue())
    at = raw.index(b'name="t"')
    raw[at + 6] = ord("u")  # the stored bytes no longer match their CRC
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as zf, pytest.raises(WorkbookReadError) as error:
        check_member_prolog(zf, NAME, PATH, DEFAULT_LIMITS)
    assert (error.value.status, error.value.key) == ("unreadable", "reader.corrupt_zip")
