"""``bench/run.py`` runs end to end on tiny workbooks and writes the agreed JSON keys.

No timing is asserted: the machine is shared, only the harness is under test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_KEYS = (
    "read_ratio",
    "annotate_ratio",
    "batch_speedup",
    "growth_exponent",
    "peak_rss_mb",
    "excel_roundtrips",
)


@pytest.fixture(scope="module")
def smoke_figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("bench") / "figures.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "goals:" in proc.stdout
    figures: dict[str, object] = json.loads(out.read_text())
    return figures


def test_quick_json_has_the_keys_issue_5_asks_for(smoke_figures: dict[str, object]) -> None:
    for key in REQUIRED_KEYS:
        assert key in smoke_figures


def test_every_task_was_measured(smoke_figures: dict[str, object]) -> None:
    assert smoke_figures["errors"] == {}
    sizes = [str(s) for s in smoke_figures["plan"]["sizes"]]  # type: ignore[index]
    for key in ("read_ratio", "annotate_ratio", "excel_roundtrips"):
        by_size = smoke_figures[key]
        assert isinstance(by_size, dict) and sorted(by_size) == sorted(sizes), key
        assert all(isinstance(v, int | float) and v > 0 for v in by_size.values()), key
    assert isinstance(smoke_figures["batch_speedup"], float)
    rss = smoke_figures["peak_rss_mb"]
    assert isinstance(rss, dict) and set(rss) == {"validate", "annotate"}
    # A Python process with pandas loaded needs tens of MiB: a tally in KiB would be ~1000x off.
    assert all(20 < v < 2048 for by_size in rss.values() for v in by_size.values())


def test_validation_found_the_injected_defects(smoke_figures: dict[str, object]) -> None:
    counts = smoke_figures["validate_counts"]
    assert isinstance(counts, dict) and counts
    for by_severity in counts.values():
        assert by_severity["error"] > 0


def test_cli_subprocess_agrees_with_the_in_process_run(smoke_figures: dict[str, object]) -> None:
    cli = smoke_figures["cli_sanity"]
    assert isinstance(cli, dict)
    assert cli["exit_code"] == 1  # the synthetic workbooks carry errors
    sizes = smoke_figures["plan"]["sizes"]  # type: ignore[index]
    middle = str(sizes[len(sizes) // 2])
    assert cli["counts"] == smoke_figures["validate_counts"][middle]  # type: ignore[index]
