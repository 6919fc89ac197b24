"""Every output goes through one atomic writer: whole files, sensible modes, clear errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from plan_xl.atomic import atomic_write, atomic_write_stream, atomic_write_text
from plan_xl.errors import PlanXlError


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_a_new_file_gets_the_mode_a_normal_save_gives_not_0600(tmp_path: Path) -> None:
    target = atomic_write_text(tmp_path / "rapport.json", "{}\n")
    assert target.read_text(encoding="utf-8") == "{}\n"
    assert _mode(target) == 0o666 & ~_umask()


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "plan.gecontroleerd.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write_stream(target, lambda fh: fh.write(b"new"))
    assert target.read_bytes() == b"new"
    assert _mode(target) == 0o640


def test_a_failing_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "rapport.html"
    target.write_text("old", encoding="utf-8")

    def broken(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(PlanXlError) as caught:
        atomic_write(target, broken)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.html"]
    message = caught.value.user_message("nl")
    assert "rapport.html" in message and "No space left on device" in message


def test_an_unwritable_folder_is_a_clear_message_in_the_chosen_language(tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(PlanXlError) as caught:
        atomic_write_text(blocker / "rapport.json", "{}", lang="en")
    assert caught.value.user_message().startswith(str(blocker / "rapport.json"))
    assert "could not be written" in caught.value.user_message()
