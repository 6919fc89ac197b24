"""The prolog check of a zip member decides on its first few KiB when they settle it,
exactly as it decides on the whole prolog window."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.errors import WorkbookReadError
from plan_xl.workbook.limits import DEFAULT_LIMITS
from plan_xl.workbook.safety import PROLOG_PROBE_BYTES, check_member_prolog, check_xml_prolog

PATH = Path("werkmap.xlsx")
ROOT = b'<worksheet xmlns="x"><sheetData/></worksheet>' + b" " * 70_000


def _outcome_of_member(data: bytes) -> str:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", data)
    with zipfile.ZipFile(buffer) as zf:
        try:
            check_member_prolog(zf, "xl/worksheets/sheet1.xml", PATH, DEFAULT_LIMITS)
        except WorkbookReadError as error:
            return error.key
    return "ok"


def _outcome_of_window(data: bytes) -> str:
    """The check on the whole prolog window, as the reader did before the probe."""
    try:
        check_xml_prolog(data[: DEFAULT_LIMITS.max_prolog_bytes + 1], "p", PATH, DEFAULT_LIMITS)
    except WorkbookReadError as error:
        return error.key
    return "ok"


@pytest.mark.parametrize("offset", [0, 100, 4000, 4070, 4080, 4090, 4095, 4100, 5000, 60_000])
def test_doctype_anywhere_in_the_prolog_is_refused(offset: int) -> None:
    comment = b"<!--" + b"x" * max(offset - 7, 0) + b"-->" if offset else b""
    data = comment + b'<!DOCTYPE lolz [<!ENTITY lol "lol">]>' + ROOT
    assert _outcome_of_member(data) == "reader.xml_doctype"


def test_doctype_after_a_long_utf16_comment_is_refused() -> None:
    text = "<!--" + "x" * 3000 + '--><!DOCTYPE a [<!ENTITY b "c">]><worksheet/>' + " " * 9000
    assert _outcome_of_member(text.encode("utf-16")) == "reader.xml_doctype"


def test_prolog_longer_than_the_window_is_invalid() -> None:
    data = b"<!--" + b"x" * 70_000 + b"--><worksheet/>"
    assert _outcome_of_member(data) == "reader.xml_invalid"


def test_plain_sheet_passes() -> None:
    assert _outcome_of_member(b'<?xml version="1.0"?>\n' + ROOT) == "ok"


_PIECES = st.sampled_from(
    [
        b'<?xml version="1.0" encoding="UTF-8"?>',
        b"<?mso-application progid?>",
        b"<!-- note -->",
        b"<!DOCTYPE a>",
        b'<!ENTITY e "v">',
        b"<!-- <!DOCTYPE hidden> -->",
        b"\n",
        b"<!-",
        b"?>",
        b"-->",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    pieces=st.lists(_PIECES, max_size=6),
    pad=st.integers(0, PROLOG_PROBE_BYTES + 200),
    where=st.integers(0, 6),
    tail=st.sampled_from([b"<worksheet/>", b"", b"<", b"<!", b"<!D"]),
)
def test_probe_decides_as_the_whole_window(
    pieces: list[bytes], pad: int, where: int, tail: bytes
) -> None:
    filler = b"<!--" + b"y" * pad + b"-->"
    parts = list(pieces)
    parts.insert(min(where, len(parts)), filler)
    data = b"".join(parts) + tail + b" " * 5000
    assert _outcome_of_member(data) == _outcome_of_window(data)
