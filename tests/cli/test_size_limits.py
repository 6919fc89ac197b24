"""``--max-mb`` / ``--max-cells``: a user raises or lowers the reader's size limits.

The refusal itself comes from the real reader (issue 4's checks before any
parsing); these tests prove the options reach it, in validate and in batch.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import openpyxl
import pytest

from plan_xl import contract as c
from plan_xl.cli import main
from plan_xl.cli.limits import read_limits, refusal_message
from plan_xl.errors import WorkbookReadError
from plan_xl.template import build_workbook
from plan_xl.workbook.limits import DEFAULT_LIMITS, MB


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    out, err = capsys.readouterr()
    code = caught.value.code
    return (code if isinstance(code, int) else 1), out + err


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("limits") / "voorbeeld.xlsx", example=True)


def project_cells(path: Path) -> int:
    """Cells with a value on Projectplannen, as openpyxl counts them."""
    ws = openpyxl.load_workbook(path)[c.SHEET_PROJECTS]
    return sum(1 for row in ws.iter_rows() for cell in row if cell.value is not None)


def test_no_options_keep_the_readers_defaults() -> None:
    assert read_limits(None, None) == DEFAULT_LIMITS


def test_max_mb_scales_the_unpacked_limit_but_never_below_the_default() -> None:
    big = read_limits(200, None)
    assert big.max_file_bytes == 200 * MB
    assert big.max_uncompressed_bytes == 200 * MB * 10  # the default's 500 MB per 50 MB
    small = read_limits(1, None)
    assert small.max_file_bytes == 1 * MB
    assert small.max_uncompressed_bytes == DEFAULT_LIMITS.max_uncompressed_bytes


def test_max_cells_bounds_both_the_cell_count_and_the_grid() -> None:
    limits = read_limits(None, 1234)
    assert (limits.max_cells, limits.max_grid_cells) == (1234, 1234)


def test_validate_refuses_a_workbook_above_max_mb_and_leaves_it_untouched(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = hashlib.sha256(example.read_bytes()).hexdigest()
    limit_mb = example.stat().st_size / MB / 2
    code, text = run(["validate", str(example), "--no-output", "--max-mb", str(limit_mb)], capsys)
    assert code == 2
    assert "is te groot" in text
    assert "--max-mb" in text  # the message says which option lifts the limit
    assert "Traceback" not in text
    code, _ = run(["validate", str(example), "--no-output"], capsys)
    assert code == 0
    assert hashlib.sha256(example.read_bytes()).hexdigest() == before


def test_validate_refuses_a_sheet_above_max_cells_and_names_it_with_its_count(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cells = project_cells(example)
    code, text = run(
        ["validate", str(example), "--no-output", "--max-cells", str(cells // 2)], capsys
    )
    assert code == 2
    refused = re.search(r"het blad (\w+) telt (\d+) cellen, de grens is (\d+)", text)
    assert refused is not None, text
    assert refused[1] in (c.SHEET_SETTINGS, c.SHEET_MATURITY, c.SHEET_PLAN, c.SHEET_PROJECTS)
    assert int(refused[2]) > int(refused[3]) == cells // 2
    assert "--max-cells" in text
    code, _ = run(["validate", str(example), "--no-output", "--max-cells", str(cells * 10)], capsys)
    assert code == 0


def test_batch_reports_a_file_above_max_cells_as_too_large(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inzendingen"
    inbox.mkdir()
    (inbox / "gemeente.xlsx").write_bytes(example.read_bytes())
    out = tmp_path / "rapport"
    limit = project_cells(example) // 2
    argv = ["batch", str(inbox), "-o", str(out), "--workers", "1", "--no-copies"]
    code, text = run([*argv, "--max-cells", str(limit)], capsys)
    assert code == 2
    assert "Traceback" not in text
    files = json.loads((out / "rapport.json").read_text("utf-8"))["files"]
    assert [(f["file"], f["status"]) for f in files] == [("gemeente.xlsx", "too_large")]
    assert f"de grens is {limit}" in files[0]["reason"]


def test_a_zip_bomb_refusal_suggests_no_option_to_lift_it() -> None:
    bomb = WorkbookReadError(
        "too_large", "reader.too_large_ratio", file="bom.xlsx", part="sheet1.xml", ratio=1030
    )
    assert refusal_message(bomb, "nl") == bomb.user_message("nl")
    assert "--max" not in refusal_message(bomb, "en")
