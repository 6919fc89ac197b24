"""Atomic file output: readers only ever see the old file or the complete new one.

Every file plan-xl writes (templates, annotated copies, reports) goes through
:func:`atomic_write`: a temporary file in the target's folder, flushed to disk,
given the target's mode (or the mode a normal save would give a new file),
then moved into place with ``os.replace``. A failure leaves no temporary file
behind and reaches the user as a :class:`PlanXlError` naming the file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from plan_xl.errors import PlanXlError

WRITE_FAILED = "io.write_failed"


def atomic_write(
    target: Path,
    write: Callable[[Path], object],
    *,
    error_key: str = WRITE_FAILED,
    lang: str | None = None,
) -> Path:
    """Call ``write(tmp_path)``, then move the finished file to ``target``.

    ``error_key`` names the catalogue message for an ``OSError``; it receives
    ``file`` and ``reason``.
    """
    target = Path(target)
    tmp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        tmp = Path(name)
        write(tmp)
        _flush_to_disk(tmp)
        _give_mode(tmp, target)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise PlanXlError(
            error_key, lang, file=str(target), reason=exc.strerror or str(exc)
        ) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return target


def atomic_write_stream(
    target: Path,
    write: Callable[[IO[bytes]], object],
    *,
    error_key: str = WRITE_FAILED,
    lang: str | None = None,
) -> Path:
    """:func:`atomic_write` for writers that take an open binary stream."""

    def through_stream(tmp: Path) -> None:
        with open(tmp, "wb") as handle:
            write(handle)

    return atomic_write(target, through_stream, error_key=error_key, lang=lang)


def atomic_write_text(target: Path, text: str, *, lang: str | None = None) -> Path:
    return atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"), lang=lang)


def _flush_to_disk(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _give_mode(tmp: Path, target: Path) -> None:
    # mkstemp creates 0600; keep an existing file's mode, else what a normal save gives.
    if target.exists():
        shutil.copymode(target, tmp)
    else:
        os.chmod(tmp, 0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
