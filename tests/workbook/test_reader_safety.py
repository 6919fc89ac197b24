"""Files that are not (safe) plan workbooks are refused with a status and a reason."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook

from plan_xl.errors import WorkbookReadError
from plan_xl.workbook.limits import ReadLimits
from plan_xl.workbook.reader import read_plan, read_workbook
from tests.support.libreoffice import convert
from tests.workbook.conftest import Sheets

Write = Callable[..., Path]

LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>\n"
)


def _refusal(path: Path, limits: ReadLimits | None = None) -> WorkbookReadError:
    with pytest.raises(WorkbookReadError) as info:
        read_workbook(path, limits)
    return info.value


def _rewrite(src: Path, dst: Path, edit: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, edit(info.filename, zin.read(info.filename)))
    return dst


def test_text_file_renamed_to_xlsx_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "notities.xlsx"
    path.write_text("Dit is geen werkmap.\n", encoding="utf-8")
    error = _refusal(path)
    assert error.status == "unreadable"
    assert "notities.xlsx is geen Excel-werkmap" in error.user_message("nl")
    assert "is not an Excel workbook" in error.user_message("en")


def test_empty_and_missing_files_are_unreadable(tmp_path: Path) -> None:
    empty = tmp_path / "leeg.xlsx"
    empty.touch()
    assert _refusal(empty).status == "unreadable"
    assert _refusal(tmp_path / "bestaat-niet.xlsx").status == "unreadable"


def test_truncated_workbook_is_unreadable(sheets: Sheets, write: Write, tmp_path: Path) -> None:
    data = write(sheets).read_bytes()
    path = tmp_path / "afgebroken.xlsx"
    path.write_bytes(data[: len(data) // 2])
    error = _refusal(path)
    assert error.status == "unreadable"
    assert "beschadigd of onvolledig" in error.user_message()


def test_zip_that_is_not_a_spreadsheet_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "document.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    assert _refusal(path).status == "unreadable"


def test_spreadsheet_without_plan_tables_is_not_a_plan_workbook(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["Naam", "Bedrag"])
    wb.active.append(["Koffie", 12.5])
    wb.save(tmp_path / "boekhouding.xlsx")
    error = _refusal(tmp_path / "boekhouding.xlsx")
    assert error.status == "not_plan_workbook"
    assert "tblActies" in error.user_message()


def test_password_encrypted_workbook_is_reported_as_encrypted(
    sheets: Sheets, write: Write, tmp_path: Path
) -> None:
    plain = write(sheets)
    encrypted = tmp_path / "beveiligd.xlsx"
    with plain.open("rb") as fh, encrypted.open("wb") as out:
        OOXMLFile(fh).encrypt("geheim", out)
    error = _refusal(encrypted)
    assert error.status == "encrypted"
    assert "wachtwoord" in error.user_message()


def test_old_xls_file_asks_to_save_as_xlsx(
    sheets: Sheets, write: Write, tmp_path: Path, soffice: str
) -> None:
    xls = convert(write(sheets), "xls", tmp_path / "xls")
    error = _refusal(xls)
    assert error.status == "unreadable"
    assert ".xlsx" in error.user_message() and "oud Excel-bestand" in error.user_message()


SHARED_STRINGS_REL = (
    b'<Relationship Id="rIdSst" Target="sharedStrings.xml" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
)


@pytest.mark.parametrize("part", ["xl/worksheets/sheet4.xml", "xl/sharedStrings.xml"])
def test_xml_entity_expansion_is_refused(
    sheets: Sheets, write: Write, tmp_path: Path, part: str
) -> None:
    laughs = LAUGHS + b'<sst xmlns="x" count="1"><si><t>&lol9;</t></si></sst>'

    def inject(name: str, data: bytes) -> bytes:
        if name == "xl/_rels/workbook.xml.rels" and part.endswith("sharedStrings.xml"):
            return data.replace(b"</Relationships>", SHARED_STRINGS_REL)
        if name != part:
            return data
        body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
        return LAUGHS + body.replace(b"</worksheet>", b"<!-- &lol9; --></worksheet>")

    source = write(sheets)
    if part.endswith("sharedStrings.xml"):  # openpyxl writes inline strings: add the part
        with zipfile.ZipFile(source, "a") as zf:
            zf.writestr(part, laughs)
    bomb = _rewrite(source, tmp_path / "lachjes.xlsx", inject)
    error = _refusal(bomb)
    assert error.status == "unreadable"
    assert part in error.user_message() and "DOCTYPE" in error.user_message()


def test_zip_bomb_with_extreme_compression_is_too_large(tmp_path: Path) -> None:
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * 30_000_000)
    assert bomb.stat().st_size < 200_000
    error = _refusal(bomb)
    assert error.status == "too_large"
    assert "zip-bom" in error.user_message()


def test_declared_uncompressed_size_beyond_the_limit_is_too_large(
    sheets: Sheets, write: Write
) -> None:
    error = _refusal(write(sheets), ReadLimits(max_uncompressed_bytes=10_000))
    assert error.status == "too_large"


def _lie_about_size(path: Path, member: str, declared: int) -> None:
    """Patch the local and central headers of ``member`` to declare ``declared`` bytes."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    pos = data.find(b"PK\x03\x04")
    while pos >= 0:
        name_len = struct.unpack_from("<H", data, pos + 26)[0]
        if data[pos + 30 : pos + 30 + name_len] == name:
            struct.pack_into("<I", data, pos + 22, declared)
        pos = data.find(b"PK\x03\x04", pos + 4)
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + name_len] == name:
            struct.pack_into("<I", data, pos + 24, declared)
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))


def test_member_that_decompresses_beyond_its_declared_size_is_refused(
    sheets: Sheets, write: Write, tmp_path: Path
) -> None:
    def pad(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet4.xml":
            return data
        return data.replace(b"</worksheet>", b"<!--" + b"x" * 3_000_000 + b"--></worksheet>")

    path = _rewrite(write(sheets), tmp_path / "liegt.xlsx", pad)
    _lie_about_size(path, "xl/worksheets/sheet4.xml", 2_000)
    assert _refusal(path).status == "unreadable"  # zipfile stops at the declared size: CRC fails


def test_file_size_beyond_the_limit_is_too_large(sheets: Sheets, write: Write) -> None:
    error = _refusal(write(sheets), ReadLimits(max_file_bytes=1_000))
    assert error.status == "too_large"
    assert "te groot" in error.user_message()


def test_sheet_with_more_cells_than_allowed_is_too_large(sheets: Sheets, write: Write) -> None:
    error = _refusal(write(sheets), ReadLimits(max_cells=20))
    assert error.status == "too_large"
    assert "cellen" in error.user_message()


def test_within_the_limits_the_same_file_reads(sheets: Sheets, write: Write) -> None:
    plan = read_plan(write(sheets), ReadLimits(max_cells=1_000, max_file_bytes=200_000))
    assert plan.actions is not None
