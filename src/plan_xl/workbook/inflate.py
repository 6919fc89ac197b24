"""Inflate one zip member whole, with the fastest deflate decoder at hand.

Every part the reader reads whole goes through here
(:func:`plan_xl.workbook.safety.read_member`), the biggest sheet of a plan
workbook included (under 8 MiB it is inflated whole before it is scanned,
:func:`~plan_xl.workbook.safety.read_member_blocks`). zlib takes ~2.3 ms for
the 3 MB sheet of 5,000 project lines; ISA-L (the ``isal`` package) ~0.9 ms,
and its CRC-32 is ~8 times faster. Where ``isal`` is not installed, or the
member is not plainly deflated, or the platform has no ``os.pread``, zipfile
reads the member as before.

The compressed bytes are read with ``os.pread`` from the descriptor zipfile
itself opened (no second open of the path, no shared file position moved),
after the member's local header was checked the way zipfile checks it. The
result is refused unless its size and CRC-32 equal what the central directory
declares: exactly the checks zipfile makes when a member ends.
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from typing import Any

_isal: Any
try:  # ISA-L: inflate and CRC-32 in SIMD code
    from isal import isal_zlib as _isal
except ImportError:  # pragma: no cover - a dependency; without it zipfile inflates
    _isal = None

#: CRC-32 as zlib computes it (ISA-L's when installed: same value, ~8x faster).
crc32 = _isal.crc32 if _isal is not None else zlib.crc32

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile's structFileHeader
_LOCAL_SIGNATURE = b"PK\x03\x04"
_ENCRYPTED = 0x1


def inflate_member(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """The member's bytes, at most ``limit + 1`` of them (the caller refuses
    more than ``limit``). Raises :class:`zipfile.BadZipFile` (or ``OSError``)
    when the member is damaged, as zipfile does."""
    info = zf.getinfo(name)
    fd = _descriptor(zf)
    if (
        _isal is None
        or fd is None
        or info.compress_type != zipfile.ZIP_DEFLATED
        or info.flag_bits & _ENCRYPTED
        or info.file_size > limit
    ):
        with zf.open(name) as fh:
            return fh.read(limit + 1)  # zipfile checks the CRC when the member ends
    compressed = _compressed_bytes(fd, info)
    try:
        data = _isal.decompressobj(-15).decompress(compressed, info.file_size + 1)
    except _isal.error as exc:  # not an OSError: say it the way zipfile does
        raise zipfile.BadZipFile(f"{name}: {exc}") from exc
    if len(data) != info.file_size:
        raise zipfile.BadZipFile(f"{name}: inflates to {len(data)} bytes, not {info.file_size}")
    if crc32(data) != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {name!r}")
    return data


def _descriptor(zf: zipfile.ZipFile) -> int | None:
    """The descriptor of the file zipfile opened (None: not a real file, or no pread)."""
    fp: Any = getattr(zf, "fp", None)
    if fp is None or not hasattr(os, "pread"):
        return None
    try:
        return int(fp.fileno())
    except (OSError, ValueError, AttributeError):  # in-memory zip, closed file
        return None


def _compressed_bytes(fd: int, info: zipfile.ZipInfo) -> bytes:
    """The member's compressed bytes, after checking its local header as zipfile does."""
    header = os.pread(fd, _LOCAL_HEADER.size, info.header_offset)
    if len(header) != _LOCAL_HEADER.size:
        raise zipfile.BadZipFile("Truncated file header")
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != _LOCAL_SIGNATURE:
        raise zipfile.BadZipFile("Bad magic number for file header")
    name_length, extra_length = fields[10], fields[11]
    start = info.header_offset + _LOCAL_HEADER.size
    local_name = os.pread(fd, name_length, start)
    if fields[3] & 0x800:
        decoded = local_name.decode("utf-8", errors="replace")
    else:
        decoded = local_name.decode("cp437", errors="replace")
    if decoded != info.orig_filename:
        raise zipfile.BadZipFile(
            f"File name in directory {info.orig_filename!r} and header {local_name!r} differ."
        )
    data = os.pread(fd, info.compress_size, start + name_length + extra_length)
    if len(data) != info.compress_size:
        raise EOFError("the member's compressed data is cut short")
    return data
