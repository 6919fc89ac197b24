"""LibreOffice headless as a real spreadsheet engine for tests.

Tests that need it use the ``soffice`` fixture: it skips with a clear reason
only when LibreOffice is truly absent, and fails instead under CI (CI=true),
where ``.ci/run`` installs it.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from tests.support.programs import require_program


def require_soffice() -> str:
    return require_program("soffice")


def convert(src: Path, target: str, outdir: Path, *, timeout: float = 180) -> Path:
    """Open ``src`` in LibreOffice headless and save it as ``target``.

    ``target`` is a LibreOffice filter spec such as ``"pdf"``, ``"csv"`` or
    ``"xlsx:Calc MS Excel 2007 XML"`` (no inner quotes: no shell is involved).
    Each call uses its own user profile
    so parallel test workers never share one. Returns the written file.
    """
    soffice = require_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(src),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    ext = target.split(":", 1)[0]
    out = outdir / f"{src.stem}.{ext}"
    if proc.returncode != 0 or not out.exists():
        raise AssertionError(
            f"LibreOffice could not convert {src.name} to {target}:\n{proc.stdout}\n{proc.stderr}"
        )
    return out
