"""A failure in Python reaches the user as a short Dutch message, never a traceback."""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import xlwings as xw

import plan_xl.excel.entry as entry
from plan_xl.errors import PlanXlError
from plan_xl.excel.protection import ALLOW_FLAGS, unprotected
from tests.excel.conftest import actions, book_json_from_xlsx, set_values_on

BookFactory = Callable[[Path], Any]


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Send the plan-xl log to a fresh file for this test."""
    monkeypatch.setenv("PLAN_XL_LOG_DIR", str(tmp_path))
    logger = logging.getLogger("plan_xl")
    saved = list(logger.handlers)
    for handler in saved:
        logger.removeHandler(handler)
    yield tmp_path / "plan-xl.log"
    for handler in list(logger.handlers):
        handler.close()
        logger.removeHandler(handler)
    for handler in saved:
        logger.addHandler(handler)


def test_unexpected_error_gives_a_dutch_message_box_and_a_logged_traceback(
    book_from_xlsx: BookFactory,
    example_xlsx: Path,
    log_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("rekenfout in de controles")

    monkeypatch.setattr(entry, "validate_plan", broken)
    book = book_from_xlsx(example_xlsx)
    run = entry.validate_workbook(book)
    assert not run.ok
    alert = actions(book)[-1]
    assert alert["func"] == "alert"
    message = alert["args"][0]
    assert message.startswith("Er ging iets mis bij de validatie.")
    assert str(log_file) in message
    assert "Traceback" not in message and "RuntimeError" not in message
    assert alert["args"][3] == "critical"
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: rekenfout in de controles" in logged
    # Nothing was half-written: the failure came before any write.
    assert [a["func"] for a in actions(book)] == ["alert"]


def test_known_problem_is_explained_in_the_users_words(
    book_from_xlsx: BookFactory, example_xlsx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise PlanXlError("excel.sheet_protected", None, sheet="Controles")

    monkeypatch.setattr(entry, "write_annotations", refuse)
    book = book_from_xlsx(example_xlsx)
    run = entry.validate_workbook(book)
    assert not run.ok
    assert run.message.startswith("De validatie is niet gelukt: Het blad Controles is beveiligd")
    assert actions(book)[-1]["args"][0] == run.message


def test_without_a_calling_workbook_nothing_is_raised(log_file: Path) -> None:
    run = entry.validate_workbook()  # not called from Excel: no Book.caller()
    assert not run.ok
    assert run.message == "Plan-XL vindt geen open werkmap. Open de werkmap en klik opnieuw."
    assert log_file.exists()


def test_a_workbook_without_the_actions_table_still_gets_its_checks(
    remote_engine: None, example_xlsx: Path
) -> None:
    description = copy.deepcopy(book_json_from_xlsx(example_xlsx))
    plan_sheet = next(s for s in description["sheets"] if s["name"] == "Meerjarenplan")
    plan_sheet["tables"] = []  # the user converted tblActies to a plain range
    book = xw.Book(json=description)
    run = entry.validate_workbook(book)
    assert run.ok, run.message
    (block,) = set_values_on(book, "Controles")
    assert any(row[1] == "WB001" and row[4] == "tblActies" for row in block["values"]), block


def test_spreadsheet_errors_are_read_as_errors_not_as_empty_cells(
    remote_engine: None, example_xlsx: Path
) -> None:
    description = copy.deepcopy(book_json_from_xlsx(example_xlsx))
    lines = next(s for s in description["sheets"] if s["name"] == "Projectplannen")
    lines["values"][1][8] = "#N/A"  # I2, the first line's 2026 amount
    book = xw.Book(json=description)
    run = entry.validate_workbook(book)
    assert ("WB004", "Projectplannen", "I2") in {
        (f.code, f.sheet, f.cell) for f in run.result.findings
    }


# Sheet protection (Excel on Windows through COM) ----------------------------------------


class FakeProtection:
    def __init__(self, allow: dict[str, bool]) -> None:
        for flag in ALLOW_FLAGS:
            setattr(self, flag, allow.get(flag, False))


class FakeComSheet:
    """Stands in for a COM Worksheet: records Unprotect/Protect like Excel would."""

    def __init__(self, protected: bool, password: bool = False) -> None:
        self.ProtectContents = protected
        self.ProtectDrawingObjects = False
        self.ProtectScenarios = True
        self.Protection = FakeProtection({"AllowFiltering": True, "AllowFormattingCells": True})
        self.password = password
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def Unprotect(self) -> None:  # noqa: N802 - COM method name
        if self.password:
            raise RuntimeError("com_error: password")
        self.calls.append(("Unprotect", ()))
        self.ProtectContents = False

    def Protect(self, *args: Any) -> None:  # noqa: N802
        self.calls.append(("Protect", args))
        self.ProtectContents = True


class FakeSheet:
    def __init__(self, api: FakeComSheet) -> None:
        self.api = api
        self.name = "Controles"


def test_protected_sheet_is_written_unprotected_and_protected_again_the_same_way() -> None:
    api = FakeComSheet(protected=True)
    with unprotected(FakeSheet(api)):
        assert api.ProtectContents is False
    assert api.ProtectContents is True
    (_, protect_args) = api.calls[-1]
    allow = dict(zip(ALLOW_FLAGS, protect_args[5:], strict=True))
    assert protect_args[:5] == ("", False, True, True, False)
    assert allow["AllowFiltering"] and allow["AllowFormattingCells"]
    assert not allow["AllowDeletingRows"]


def test_protection_comes_back_even_when_the_write_fails() -> None:
    api = FakeComSheet(protected=True)
    with pytest.raises(ValueError), unprotected(FakeSheet(api)):
        raise ValueError("write failed")
    assert api.ProtectContents is True


def test_unprotected_sheet_is_left_alone() -> None:
    api = FakeComSheet(protected=False)
    with unprotected(FakeSheet(api)):
        pass
    assert api.calls == []


def test_password_protected_sheet_gets_a_dutch_explanation() -> None:
    api = FakeComSheet(protected=True, password=True)
    with pytest.raises(PlanXlError) as caught, unprotected(FakeSheet(api)):
        pass
    assert "beveiligd met een wachtwoord" in caught.value.user_message("nl")


def test_without_a_message_box_the_message_lands_on_the_controles_sheet(
    book_from_xlsx: BookFactory,
    example_xlsx: Path,
    log_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_alerts(*_args: Any, **_kwargs: Any) -> Any:
        raise NotImplementedError("this engine has no message box")

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("kapot")

    monkeypatch.setattr(xw.App, "alert", no_alerts)
    monkeypatch.setattr(entry, "validate_plan", broken)
    book = book_from_xlsx(example_xlsx)
    run = entry.validate_workbook(book)
    (line,) = set_values_on(book, "Controles")
    assert (line["start_row"], line["start_column"]) == (1, 0)
    assert line["values"][0][0] == "Fout"
    assert line["values"][0][5] == run.message
    assert run.message.startswith("Er ging iets mis bij de validatie.")
