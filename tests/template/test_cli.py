"""``plan-xl template`` as a consultant runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from plan_xl import contract as c
from plan_xl.cli import main
from plan_xl.errors import PlanXlError
from plan_xl.template import build_workbook


def _run(args: list[str]) -> int:
    with pytest.raises(SystemExit) as info:
        main(args)
    return int(info.value.code or 0)


def _instructions(path: Path) -> str:
    ws = load_workbook(path)[c.SHEET_INSTRUCTIONS]
    return "\n".join(str(r[0]) for r in ws.iter_rows(values_only=True) if r[0])


def test_template_command_writes_a_dutch_template(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sjabloon.xlsx"
    assert _run(["template", str(out)]) == 0
    assert "Sjabloon geschreven" in capsys.readouterr().out
    text = _instructions(out)
    assert "Hoe" in text or "Waarvoor" in text
    assert "Plan-XL > Valideer" in text and "plan-xl validate" in text
    assert "Beveiliging blad opheffen" in text
    settings = load_workbook(out)[c.SHEET_SETTINGS]
    assert settings["B10"].value == "nl"


def test_lang_en_gives_english_instructions_with_dutch_contract_names(tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    assert _run(["template", str(out), "--lang", "en"]) == 0
    text = _instructions(out)
    assert "Running the checks" in text and "Recurring costs" in text
    assert c.SHEET_PLAN in text and c.TBL_PROJECT_LINES in text and c.COL_WARNINGS in text
    wb = load_workbook(out)
    assert wb.sheetnames == list(c.SHEET_ORDER)
    assert wb[c.SHEET_SETTINGS]["B10"].value == "en"


def test_example_option_writes_gemeente_voorbeeld(tmp_path: Path) -> None:
    out = tmp_path / "voorbeeld.xlsx"
    assert _run(["template", str(out), "--example"]) == 0
    assert load_workbook(out)[c.SHEET_SETTINGS]["B2"].value == "Gemeente Voorbeeld"


def test_bad_profile_exits_with_a_message_naming_the_key(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    profile = tmp_path / "p.toml"
    profile.write_text("[periode]\neindjaar = 1999\n", encoding="utf-8")
    assert _run(["template", str(tmp_path / "x.xlsx"), "--config", str(profile)]) == 2
    err = capsys.readouterr().err
    assert "periode.eindjaar" in err and "Traceback" not in err
    assert not (tmp_path / "x.xlsx").exists()


def test_rebuild_committed_writes_both_templates(tmp_path: Path) -> None:
    assert _run(["template", str(tmp_path), "--rebuild-committed"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "plan-xl-sjabloon.xlsx",
        "plan-xl-voorbeeld.xlsx",
    ]


def test_a_failed_save_leaves_the_existing_file_and_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "sjabloon.xlsx"
    out.write_bytes(b"previous version")

    def failing_save(self: object, filename: str) -> None:
        Path(filename).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", failing_save)
    with pytest.raises(PlanXlError) as info:
        build_workbook(out)
    assert "No space left" in info.value.user_message()
    assert out.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["sjabloon.xlsx"]


def test_fifty_templates_are_quick(tmp_path: Path) -> None:
    import time

    start = time.perf_counter()
    for k in range(10):
        build_workbook(tmp_path / f"klant-{k}.xlsx")
    per_template = (time.perf_counter() - start) / 10
    assert per_template < 1.0  # fifty in well under a minute on a shared 2-core machine
