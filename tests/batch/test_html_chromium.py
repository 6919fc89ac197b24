"""The HTML report opened in headless Chromium: it renders, its script runs, nothing injected."""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile

import pytest
from PIL import Image

from tests.batch.conftest import ARTIFACTS, BatchRun
from tests.batch.corpus import HOSTILE_ORGANISATION

pytestmark = [pytest.mark.chromium, pytest.mark.slow, pytest.mark.libreoffice]

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium(chromium: str, *args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        return subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


@pytest.fixture(scope="module")
def dumped_dom(chromium: str, batch_run: BatchRun) -> tuple[str, str]:
    page = (batch_run.output / "rapport.html").as_uri()
    proc = _chromium(chromium, "--enable-logging=stderr", "--v=0", "--dump-dom", page)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout, proc.stderr


def test_the_report_script_runs_without_errors(dumped_dom: tuple[str, str]) -> None:
    dom, log = dumped_dom
    assert 'data-report-ready="yes"' in dom  # set by the last line of the page's script
    assert "Uncaught" not in log


def test_the_overview_shows_every_file(dumped_dom: tuple[str, str], batch_run: BatchRun) -> None:
    dom, _ = dumped_dom
    assert "Overzicht" in dom
    rows = re.findall(r'<tr data-status="([a-z_]+)"', dom)
    assert rows == [f["status"] for f in batch_run.report["files"]]


def test_workbook_text_is_shown_as_text_not_run(dumped_dom: tuple[str, str]) -> None:
    dom, _ = dumped_dom
    assert dom.count("<script") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert HOSTILE_ORGANISATION not in dom


def test_a_screenshot_of_the_report_is_kept(chromium: str, batch_run: BatchRun) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "batch-rapport.png"
    shot.unlink(missing_ok=True)
    page = (batch_run.output / "rapport.html").as_uri()
    proc = _chromium(chromium, "--window-size=1280,2400", f"--screenshot={shot}", page)
    assert proc.returncode == 0 and shot.exists(), proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2400)
    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # text, tables, heatmap and chart, not a blank page
