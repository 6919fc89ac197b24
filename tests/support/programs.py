"""System programs the tests drive (LibreOffice, Chromium, pdftotext).

A test that needs one calls :func:`require_program`: it skips with a clear
reason only when the program is truly absent on a developer's machine, and
fails under CI (``CI`` set, as ``.ci/run`` does), where ``.ci/run`` installs
every program listed here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# program -> (names or paths to try, Debian package that provides it)
PROGRAMS: dict[str, tuple[tuple[str, ...], str]] = {
    "soffice": (
        ("soffice", "libreoffice", "/usr/lib/libreoffice/program/soffice"),
        "libreoffice-calc-nogui",
    ),
    "chromium": (("chromium", "chromium-browser", "/usr/bin/chromium"), "chromium"),
    "pdftotext": (("pdftotext",), "poppler-utils"),
}


def find_program(program: str) -> str | None:
    candidates, _ = PROGRAMS[program]
    for name in candidates:
        found = shutil.which(name) or (name if Path(name).exists() else None)
        if found:
            return found
    return None


def require_program(program: str) -> str:
    """Path of ``program``; skip (locally) or fail (in CI) when it is absent."""
    found = find_program(program)
    if found:
        return found
    package = PROGRAMS[program][1]
    if os.environ.get("CI"):
        pytest.fail(f"{program} is required in CI: .ci/run installs the Debian package {package}")
    pytest.skip(f"{program} is not installed: apt-get install {package}")
