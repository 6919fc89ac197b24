"""``plan-xl batch`` option handling: clear Dutch messages, exit code 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_xl.cli import main


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out + captured.err


def test_an_unknown_fail_on_level_is_refused_in_dutch(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.xlsx").write_bytes(b"x")
    code, text = _run(
        ["batch", str(tmp_path), "--fail-on", "fatal", "-o", str(tmp_path / "o")], capsys
    )
    assert code == 2
    assert "Ongeldige waarde voor --fail-on: fatal" in text
    assert "Traceback" not in text
    assert not (tmp_path / "o").exists()


def test_an_empty_folder_says_no_workbooks_were_found(tmp_path: Path, capsys) -> None:
    (tmp_path / "leeg").mkdir()
    code, text = _run(["batch", str(tmp_path / "leeg"), "-o", str(tmp_path / "o")], capsys)
    assert code == 2
    assert "Geen werkboeken (.xlsx, .xlsm) gevonden" in text


def test_english_messages_on_request(tmp_path: Path, capsys) -> None:
    (tmp_path / "leeg").mkdir()
    code, text = _run(
        ["batch", str(tmp_path / "leeg"), "--lang", "en", "-o", str(tmp_path / "o")], capsys
    )
    assert code == 2
    assert "No workbooks (.xlsx, .xlsm) found" in text


def test_the_progress_bar_knows_its_total_before_any_file_is_done() -> None:
    from plan_xl.cli.batch import _BarProgress

    bar = _BarProgress("nl")
    assert bar._progress.tasks[0].total is None
    bar.start(7)
    assert (bar._progress.tasks[0].completed, bar._progress.tasks[0].total) == (0, 7)
