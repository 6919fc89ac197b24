"""inflate_member gives exactly the bytes zipfile gives, and refuses exactly
what zipfile refuses (damaged data, a wrong CRC or size, a local header that
names another file, data cut short), with ISA-L or without it."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.template import build_workbook
from plan_xl.workbook import inflate
from plan_xl.workbook.inflate import inflate_member

LIMIT = 1 << 30


@pytest.fixture(params=["isal", "zipfile"])
def decoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways: ISA-L (the installed dependency) and zipfile's own (without it)."""
    if request.param == "zipfile":
        monkeypatch.setattr(inflate, "_isal", None)
    else:
        assert inflate._isal is not None, "isal is a dependency of plan-xl"
    return str(request.param)


def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_every_part_of_the_template_reads_as_zipfile_reads_it(tmp_path: Path, decoder: str) -> None:
    path = tmp_path / "plan.xlsx"
    build_workbook(path, example=True)
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            assert inflate_member(zf, info.filename, LIMIT) == zf.read(info.filename)


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=20_000), level=st.integers(0, 9))
def test_any_bytes_deflated_at_any_level_come_back_unchanged(data: bytes, level: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
            zf.writestr("xl/worksheets/sheet1.xml", data)
        with zipfile.ZipFile(path) as zf:
            assert inflate_member(zf, "xl/worksheets/sheet1.xml", LIMIT) == data


def _central_record(raw: bytearray, name: str) -> int:
    """Offset of ``name``'s record in the zip's central directory."""
    at = raw.find(b"PK\x01\x02")
    while at >= 0:
        (length,) = struct.unpack("<H", raw[at + 28 : at + 30])
        if raw[at + 46 : at + 46 + length] == name.encode():
            return at
        at = raw.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{name} not in the central directory")


def _patched(path: Path, name: str, edit: str) -> Path:
    """A copy of the zip with one member damaged in the way ``edit`` says."""
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    name_length, extra_length = struct.unpack(
        "<HH", raw[info.header_offset + 26 : info.header_offset + 30]
    )
    data_at = info.header_offset + 30 + name_length + extra_length
    if edit == "flip a data byte":
        raw[data_at + info.compress_size // 2] ^= 0x55
    elif edit == "wrong crc":  # in the central directory, where zipfile reads it
        crc_at = _central_record(raw, name) + 16
        raw[crc_at : crc_at + 4] = struct.pack("<L", (info.CRC + 1) & 0xFFFFFFFF)
    elif edit == "other name in local header":
        raw[info.header_offset + 30] ^= 0x01
    elif edit == "cut short":
        del raw[data_at + info.compress_size // 2 :]
    copy = path.with_name(edit.replace(" ", "-") + ".zip")
    copy.write_bytes(bytes(raw))
    return copy


@pytest.mark.parametrize(
    "edit", ["flip a data byte", "wrong crc", "other name in local header", "cut short"]
)
def test_a_damaged_member_is_refused_as_zipfile_refuses_it(
    tmp_path: Path, decoder: str, edit: str
) -> None:
    text = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i) for i in range(4000))
    path = _zip(tmp_path / "plan.zip", {"xl/worksheets/sheet1.xml": text, "z.xml": b"<z/>"})
    damaged = _patched(path, "xl/worksheets/sheet1.xml", edit)
    try:
        zf = zipfile.ZipFile(damaged)
    except zipfile.BadZipFile:
        return  # refused before any member is read: nothing for inflate to do
    with zf:
        with pytest.raises((zipfile.BadZipFile, EOFError, OSError, zlib.error)):
            zf.read("xl/worksheets/sheet1.xml")  # what zipfile says of it
        with pytest.raises((zipfile.BadZipFile, EOFError, OSError)):
            inflate_member(zf, "xl/worksheets/sheet1.xml", LIMIT)


def test_a_member_that_inflates_beyond_its_declared_size_is_refused(
    tmp_path: Path, decoder: str
) -> None:
    """Even when the CRC it declares fits the first bytes it inflates to."""
    text = b"<a>" + bytes(range(256)) * 20 + b"</a>"
    path = _zip(tmp_path / "plan.zip", {"s.xml": text})
    raw = bytearray(path.read_bytes())
    declared = len(text) - 100
    central = _central_record(raw, "s.xml")
    raw[central + 24 : central + 28] = struct.pack("<L", declared)  # what zipfile believes
    raw[central + 16 : central + 20] = struct.pack("<L", zlib.crc32(text[: declared + 1]))
    lying = tmp_path / "lying.zip"
    lying.write_bytes(bytes(raw))
    with zipfile.ZipFile(lying) as zf:
        with pytest.raises(zipfile.BadZipFile):
            zf.read("s.xml")  # zipfile: the CRC of the declared size does not match
        with pytest.raises(zipfile.BadZipFile):
            inflate_member(zf, "s.xml", LIMIT)


def test_a_stored_member_and_a_member_over_the_limit_go_through_zipfile(tmp_path: Path) -> None:
    path = _zip(
        tmp_path / "stored.zip", {"s.xml": b"<a>" + b"y" * 3000 + b"</a>"}, zipfile.ZIP_STORED
    )
    with zipfile.ZipFile(path) as zf:
        assert inflate_member(zf, "s.xml", LIMIT) == zf.read("s.xml")
    big = _zip(tmp_path / "big.zip", {"s.xml": b"z" * 10_000})
    with zipfile.ZipFile(big) as zf:
        assert inflate_member(zf, "s.xml", 99) == b"z" * 100  # limit + 1 bytes: the caller refuses


def test_crc32_is_zlibs(decoder: str) -> None:
    for data in (b"", b"a", bytes(range(256)) * 400):
        for start in (0, 1, 0xFFFFFFFF):
            assert inflate.crc32(data, start) == zlib.crc32(data, start)
