"""Checks a submitted file passes before any cell is parsed.

Hundreds of files from many senders go through the batch runner, so each file
is treated as hostile until proven otherwise: it must be a real zip package
of a spreadsheet, not encrypted, not a zip bomb, and free of XML DOCTYPE /
ENTITY declarations (entity-expansion attacks). Every refusal is a
:class:`~plan_xl.errors.WorkbookReadError` with a status and a reason.
"""

from __future__ import annotations

import encodings.cp437  # noqa: F401  (see below)
import queue
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plan_xl.errors import WorkbookReadError
from plan_xl.workbook.inflate import inflate_member
from plan_xl.workbook.limits import MB, ReadLimits

# zipfile decodes the member names of a package without the UTF-8 flag (as
# Excel writes them) as cp437 and imports that codec on first use, ~0.4 ms: it
# is imported above with this module, like zipfile itself, not in the first read.
_ZIP_FAILURES = (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError)
CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def refuse(status: str, key: str, path: Path, **params: Any) -> WorkbookReadError:
    return WorkbookReadError(status, key, None, file=path.name, **params)


def _megabytes(n: int | float) -> str:
    return f"{n / MB:.1f}".replace(".", ",")


def check_file(path: Path, limits: ReadLimits) -> None:
    """File-level checks: exists, not empty, not too big, a zip package, not encrypted."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise refuse("unreadable", "reader.file_missing", path) from exc
    if size == 0:
        raise refuse("unreadable", "reader.empty_file", path)
    if size > limits.max_file_bytes:
        raise refuse(
            "too_large",
            "reader.too_large_file",
            path,
            size=_megabytes(size),
            limit=_megabytes(limits.max_file_bytes),
        )
    if head.startswith(CFB_SIGNATURE):
        raise _compound_file_refusal(path)
    if not head.startswith(ZIP_SIGNATURES):
        raise refuse("unreadable", "reader.not_a_workbook", path)


def _compound_file_refusal(path: Path) -> WorkbookReadError:
    """An OLE compound file: an encrypted xlsx, an old .xls, or something else."""
    data = path.read_bytes()  # size already bounded by max_file_bytes
    if (
        "EncryptedPackage".encode("utf-16-le") in data
        or "EncryptionInfo".encode("utf-16-le") in data
    ):
        return refuse("encrypted", "reader.encrypted", path)
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return refuse("unreadable", "reader.legacy_xls", path)
    return refuse("unreadable", "reader.not_a_workbook", path)


def open_package(path: Path, limits: ReadLimits) -> zipfile.ZipFile:
    """Open the zip and check what its central directory declares."""
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise refuse("unreadable", "reader.corrupt_zip", path) from exc
    try:
        _check_declared_sizes(path, infos, limits)
        _check_kind(path, zf)
    except WorkbookReadError:
        zf.close()
        raise
    return zf


def _check_declared_sizes(path: Path, infos: list[zipfile.ZipInfo], limits: ReadLimits) -> None:
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise refuse(
            "too_large",
            "reader.too_large_uncompressed",
            path,
            size=_megabytes(total),
            limit=_megabytes(limits.max_uncompressed_bytes),
        )
    for info in infos:
        if info.file_size <= limits.ratio_floor_bytes:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_compression_ratio:
            raise refuse(
                "too_large", "reader.too_large_ratio", path, part=info.filename, ratio=int(ratio)
            )


def _check_kind(path: Path, zf: zipfile.ZipFile) -> None:
    names = {name.lower() for name in zf.namelist()}
    if "xl/workbook.bin" in names:
        raise refuse("unreadable", "reader.other_format", path, format="Excel binary (.xlsb)")
    if "mimetype" in names:
        mimetype = read_member(zf, "mimetype", path, 1024, check_prolog=False)
        if b"opendocument.spreadsheet" in mimetype:
            raise refuse("unreadable", "reader.other_format", path, format="OpenDocument (.ods)")
    if "[content_types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise refuse("unreadable", "reader.not_a_workbook", path)


def read_member(
    zf: zipfile.ZipFile,
    name: str,
    path: Path,
    budget: int,
    *,
    check_prolog: bool = True,
    limits: ReadLimits | None = None,
) -> bytes:
    """A member's bytes, refused beyond ``budget`` bytes.

    No more than the declared size is inflated and the CRC is verified, so a
    member whose real content is bigger than declared ends as ``unreadable``.
    """
    try:
        # At most budget + 1 bytes, no more than the member declares, its size
        # and CRC checked (zipfile's checks; see plan_xl.workbook.inflate).
        data = inflate_member(zf, name, budget)
    except _ZIP_FAILURES as exc:
        raise refuse("unreadable", "reader.corrupt_zip", path) from exc
    _check_inflated_size(len(data), budget, path)
    if check_prolog:
        check_xml_prolog(data, name, path, limits or ReadLimits())
    return data


def _check_inflated_size(size: int, budget: int, path: Path) -> None:
    """Refuse a member that inflated beyond its share of the uncompressed budget."""
    if size > budget:
        raise refuse(
            "too_large",
            "reader.too_large_uncompressed",
            path,
            size=_megabytes(size),
            limit=_megabytes(budget),
        )


def read_member_scanned(
    zf: zipfile.ZipFile,
    name: str,
    path: Path,
    budget: int,
    scan: Callable[[bytes], None],
    *,
    limits: ReadLimits,
    chunk_bytes: int = 1 << 20,
) -> bytes:
    """:func:`read_member` for a big member, with ``scan`` run on each chunk.

    A helper thread inflates the next chunk while this one scans the last
    (zlib releases the GIL), so a scan costs little more than the inflation.
    The same budget, CRC and prolog checks apply.
    """
    blocks = read_member_blocks(
        zf, name, path, budget, scan, limits=limits, chunk_bytes=chunk_bytes
    )
    data = b"".join(blocks)
    del blocks
    return data


def read_member_blocks(
    zf: zipfile.ZipFile,
    name: str,
    path: Path,
    budget: int,
    scan: Callable[[bytes], None],
    *,
    limits: ReadLimits,
    chunk_bytes: int = 1 << 20,
) -> list[bytes]:
    """:func:`read_member_scanned` without joining: the member's chunks, in order
    (the budget, CRC and prolog checked on them all).

    A member that declares fewer than :data:`THREADED_INFLATE_BYTES` is inflated
    whole first (one zlib call, which releases the GIL: calamine threads run beside
    it), then scanned chunk by chunk. Handing chunks over from a helper thread
    makes both threads wait for the GIL in turn, which cost more than the overlap
    gained at such sizes (measured: docs/performance.md, round 3). The declared
    size only picks the way; the budget caps the inflation either way.
    """
    if zf.getinfo(name).file_size < THREADED_INFLATE_BYTES:
        return _read_whole_then_scan(zf, name, path, budget, scan, limits, chunk_bytes)
    chunks: queue.SimpleQueue[bytes | BaseException | None] = queue.SimpleQueue()

    def inflate() -> None:
        try:
            with zf.open(name) as fh:
                left = budget + 1
                while left > 0 and (block := fh.read(min(chunk_bytes, left))):
                    left -= len(block)
                    chunks.put(block)
            chunks.put(None)
        except BaseException as exc:  # handed to the reading thread
            chunks.put(exc)

    threading.Thread(target=inflate, name="plan-xl-inflate", daemon=True).start()
    parts: list[bytes] = []
    while (block := chunks.get()) is not None:
        if isinstance(block, _ZIP_FAILURES):
            raise refuse("unreadable", "reader.corrupt_zip", path) from block
        if isinstance(block, BaseException):
            raise block
        parts.append(block)
        scan(block)
    _check_inflated_size(sum(map(len, parts)), budget, path)
    check_xml_prolog(joined_slice(parts, 0, limits.max_prolog_bytes + 1), name, path, limits)
    return parts


def _read_whole_then_scan(
    zf: zipfile.ZipFile,
    name: str,
    path: Path,
    budget: int,
    scan: Callable[[bytes], None],
    limits: ReadLimits,
    chunk_bytes: int,
) -> list[bytes]:
    whole = read_member(zf, name, path, budget, limits=limits)
    parts = [whole[i : i + chunk_bytes] for i in range(0, len(whole), chunk_bytes)]
    del whole
    for part in parts:
        scan(part)
    return parts


def joined_slice(blocks: list[bytes], at: int, size: int) -> bytes:
    """``size`` bytes of the joined blocks from offset ``at`` (fewer at the end),
    without joining them."""
    taken, start = [], 0
    for block in blocks:
        if start >= at + size:
            break
        end = start + len(block)
        if end > at:
            taken.append(block[max(at - start, 0) : at + size - start])
        start = end
    return b"".join(taken)


# Members declaring at least this many bytes are inflated on a helper thread
# while the caller scans (see read_member_blocks).
THREADED_INFLATE_BYTES = 8 << 20

# The prolog check inflates this much of a member first, the whole window only
# when the prolog does not end (with room to spare) inside it.
PROLOG_PROBE_BYTES = 4096


def check_member_prolog(
    zf: zipfile.ZipFile, name: str, path: Path, limits: ReadLimits
) -> bytes | None:
    """Read only the start of an XML member and refuse DOCTYPE / ENTITY declarations.

    Returns the member's whole text when that start is all of it (a short
    member: zipfile reached its end, so its CRC was checked), else None.
    """
    window = limits.max_prolog_bytes + 1
    asked = min(PROLOG_PROBE_BYTES, window)
    try:
        with zf.open(name) as fh:
            head = fh.read(asked)
            if len(head) < window and not _prolog_settled(head, PROLOG_PROBE_BYTES):
                asked = window
                head += fh.read(window - len(head))
    except _ZIP_FAILURES as exc:
        raise refuse("unreadable", "reader.corrupt_zip", path) from exc
    check_xml_prolog(head, name, path, limits)
    return head if len(head) < asked else None  # fewer bytes than asked: the member ended


def take_probed(data: bytes, path: Path, budget: int) -> bytes:
    """:func:`read_member` of a member whose whole text :func:`check_member_prolog`
    returned: the same bytes (its prolog already checked) and the same refusal
    beyond ``budget`` (read_member sees at most ``budget + 1`` of them)."""
    _check_inflated_size(min(len(data), budget + 1), budget, path)
    return data


def check_xml_prolog(data: bytes, name: str, path: Path, limits: ReadLimits) -> None:
    """Refuse XML whose prolog declares a DOCTYPE (the only place entities can be
    declared) or whose prolog is suspiciously long."""
    head = data[: limits.max_prolog_bytes + 1]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\x00":
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    prolog = _prolog(head)
    upper = (head if prolog is None else prolog).upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise refuse("unreadable", "reader.xml_doctype", path, part=name)
    if prolog is None and len(head) > limits.max_prolog_bytes:
        raise refuse("unreadable", "reader.xml_invalid", path, part=name)


def _prolog_settled(probe: bytes, size: int) -> bool:
    """Whether :func:`check_xml_prolog` decides the same on ``probe`` (the first
    ``size`` bytes read of a member, fewer at its end) as on any longer start of
    it: the member ended, or its prolog ends inside the probe with room for the
    declaration text :func:`_prolog` reports after a ``<!`` (UTF-16 is decoded
    whole, so it always takes the whole window)."""
    if len(probe) < size:
        return True
    if probe.startswith((b"\xff\xfe", b"\xfe\xff")) or probe[1:2] == b"\x00":
        return False
    prolog = _prolog(probe)
    return prolog is not None and len(prolog) + 16 <= len(probe)


def _prolog(head: bytes) -> bytes | None:
    """Everything before the root element's start tag, or None if not found in ``head``."""
    pos = 0
    while True:
        lt = head.find(b"<", pos)
        if lt < 0 or lt + 1 >= len(head):
            return None
        nxt = head[lt + 1 : lt + 2]
        if nxt == b"?":
            end = head.find(b"?>", lt)
        elif head.startswith(b"<!--", lt):
            end = head.find(b"-->", lt)
        elif nxt == b"!":
            # DOCTYPE (or other declaration): report it as part of the prolog.
            return head[: lt + 2] + head[lt + 2 : lt + 16]
        else:
            return head[:lt]
        if end < 0:
            return None
        pos = end + 2


def is_xml_part(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))
