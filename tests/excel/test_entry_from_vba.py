"""What each ribbon button runs, end to end: VBA -> the Python call -> the workbook.

macros/PlanXl.bas runs in pyOpenVBA's VBA interpreter with xlwings' RunPython
replaced by a stub that records the Python statement. That exact statement is
then executed with the workbook as ``xw.Book.caller()`` (xlwings' mock caller),
as xlwings' RunPython would do in Excel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyopenvba.apps.excel as pyopenvba_excel
import pyopenvba.interpreter as interpreter
import pytest
import xlwings as xw

from tests.excel.conftest import actions, set_values_on

MACROS = Path(__file__).resolve().parents[2] / "macros" / "PlanXl.bas"
RECORDING_RUNPYTHON = (
    "Public Function RunPython(PythonCommand As String)\r\n"
    "    Debug.Print PythonCommand\r\n"
    "End Function\r\n"
)
BookFactory = Callable[[Path], Any]


def python_call_of(macro: str) -> str:
    """The statement the add-in's macro hands to RunPython."""
    source = "\r\n".join(
        line
        for line in MACROS.read_text(encoding="utf-8").splitlines()
        if not line.startswith("Attribute ")
    )
    app = pyopenvba_excel.ExcelApplication()
    app.add_workbook()
    app.add_module(source, name="PlanXl")
    app.add_module(RECORDING_RUNPYTHON, name="xlwings")
    app.run(macro, interpreter.NOTHING)
    (statement,) = app.console
    return str(statement)


@pytest.fixture
def called_from_excel(book_from_xlsx: BookFactory) -> Iterator[Callable[[Path], Any]]:
    """Make a workbook the caller, as RunPython does; undone afterwards."""

    def make(path: Path) -> Any:
        book = book_from_xlsx(path)
        book.set_mock_caller()
        return book

    yield make
    if hasattr(xw.Book, "_mock_caller"):
        del xw.Book._mock_caller


def test_valideer_button_validates_the_calling_workbook(
    called_from_excel: Callable[[Path], Any], defective_xlsx: Path
) -> None:
    statement = python_call_of("OnValideer")
    book = called_from_excel(defective_xlsx)
    exec(statement, {})  # exactly what RunPython runs
    (block,) = set_values_on(book, "Controles")
    assert any(row[1] == "WB004" for row in block["values"])
    assert actions(book)[-1]["func"] == "alert"


def test_budgetoverzicht_button_refreshes_only_the_budget_sheet(
    called_from_excel: Callable[[Path], Any], example_xlsx: Path
) -> None:
    statement = python_call_of("OnBudgetoverzicht")
    book = called_from_excel(example_xlsx)
    exec(statement, {})
    assert set_values_on(book, "Budgetoverzicht")
    assert not set_values_on(book, "Controles")


def test_wis_waarschuwingen_button_clears_without_touching_the_budget(
    called_from_excel: Callable[[Path], Any], example_xlsx: Path
) -> None:
    statement = python_call_of("OnWisWaarschuwingen")
    book = called_from_excel(example_xlsx)
    exec(statement, {})
    assert set_values_on(book, "Controles")
    assert not set_values_on(book, "Budgetoverzicht")


def test_over_button_answers_with_the_version(
    called_from_excel: Callable[[Path], Any], example_xlsx: Path
) -> None:
    statement = python_call_of("OnOver")
    book = called_from_excel(example_xlsx)
    exec(statement, {})
    (alert,) = actions(book)
    assert alert["func"] == "alert" and alert["args"][0].startswith("Plan-XL ")
