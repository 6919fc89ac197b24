"""The add-in's VBA: ribbon callbacks exist, the code compiles, each button
hands xlwings the agreed Python call.

The VBA is taken back out of the built .xlam (pyOpenVBA reader) and run in
pyOpenVBA's VBA interpreter with xlwings' ``RunPython`` replaced by a stub
that records the Python statement it receives.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from lxml import etree
from pyopenvba import ExcelFile
from pyopenvba.apps.excel import ExcelApplication
from pyopenvba.interpreter import NOTHING, parse_module
from pyopenvba.vba import VBAModuleKind

from plan_xl.excel.addin import build_addin

CUSTOMUI_14 = "http://schemas.microsoft.com/office/2009/07/customui"
ENTRY_MODULE = "plan_xl.excel.entry"
# The entry points agreed with the excel engineer (api.md, "Live Excel").
AGREED_ENTRY_POINTS = {"validate_workbook", "budget_summary", "clear_warnings", "about"}
BUTTON_CALLS = {
    "Valideer": "validate_workbook",
    "Budgetoverzicht": "budget_summary",
    "Wis waarschuwingen": "clear_warnings",
    "Over": "about",
}
RECORDING_RUNPYTHON = (
    "Public Function RunPython(PythonCommand As String)\r\n"
    "    Debug.Print PythonCommand\r\n"
    "End Function\r\n"
)
FAILING_RUNPYTHON = (
    "Public Function RunPython(PythonCommand As String)\r\n    Err.Raise 53\r\nEnd Function\r\n"
)
PROCEDURE = re.compile(
    r"^\s*(?:Public\s+|Private\s+)?(?:Sub|Function)\s+(\w+)\s*\(([^)]*)\)",
    re.IGNORECASE | re.MULTILINE,
)


@pytest.fixture(scope="module")
def addin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_addin(tmp_path_factory.mktemp("addin") / "plan-xl.xlam", interpreter="")


@pytest.fixture(scope="module")
def modules(addin: Path) -> dict[str, str]:
    with ExcelFile(addin) as book:
        return book.vba_modules()


@pytest.fixture(scope="module")
def ribbon_buttons(addin: Path) -> dict[str, str]:
    """Button label -> onAction, from the ribbon part inside the add-in."""
    import zipfile

    with zipfile.ZipFile(addin) as package:
        ribbon = etree.fromstring(package.read("customUI/customUI14.xml"))
    return {b.get("label"): b.get("onAction") for b in ribbon.iter(f"{{{CUSTOMUI_14}}}button")}


def without_directive_comments(source: str) -> str:
    """Drop a trailing comment after a ``#If``/``#Const`` directive.

    VBA allows it (xlwings' module has ``#Const App = "..." 'comment``);
    pyOpenVBA's preprocessor does not, so only those comments are removed.
    """

    def strip(line: str) -> str:
        if not line.lstrip().startswith("#"):
            return line
        in_string = False
        for index, char in enumerate(line):
            if char == '"':
                in_string = not in_string
            elif char == "'" and not in_string:
                return line[:index].rstrip()
        return line

    return "\r\n".join(strip(line) for line in source.splitlines())


def run_in_excel(
    plan_module: str, runpython: str, *, with_workbook: bool = True
) -> ExcelApplication:
    app = ExcelApplication()
    if with_workbook:
        app.add_workbook()  # the user's plan workbook, active
    app.add_module(plan_module, name="PlanXl")
    app.add_module(runpython, name="xlwings")
    return app


def callback_name(on_action: str) -> tuple[str, str]:
    module, _, procedure = on_action.rpartition(".")
    return module, procedure


# Ribbon <-> VBA --------------------------------------------------------------------


def test_every_ribbon_button_names_a_callback_that_exists(
    modules: dict[str, str], ribbon_buttons: dict[str, str]
) -> None:
    assert set(ribbon_buttons) == set(BUTTON_CALLS)
    for label, on_action in ribbon_buttons.items():
        module, procedure = callback_name(on_action)
        assert module in modules, f"{label}: module {module!r} is not in the add-in"
        signatures = dict(PROCEDURE.findall(modules[module]))
        assert procedure in signatures, f"{label}: no Sub {procedure} in {module}"
        # Excel calls an onAction with the IRibbonControl that was pressed.
        assert re.fullmatch(r"\s*\w+\s+As\s+IRibbonControl\s*", signatures[procedure]), label


def test_every_module_in_the_addin_compiles(modules: dict[str, str], addin: Path) -> None:
    with ExcelFile(addin) as book:
        kinds = {m.name: m.kind for m in book.vba_project().modules}
    assert {"PlanXl", "xlwings", "Dictionary"} <= set(modules)
    for name, source in modules.items():
        parse_module(without_directive_comments(source))
        if kinds[name] is VBAModuleKind.standard:
            ExcelApplication().add_module(without_directive_comments(source), name=name)


def test_xlwings_module_provides_runpython(modules: dict[str, str]) -> None:
    procedures = dict(PROCEDURE.findall(modules["xlwings"]))
    assert procedures["RunPython"].strip() == "PythonCommand As String"


# What each button runs ---------------------------------------------------------------


def test_each_button_hands_runpython_the_agreed_entry_point_call(
    modules: dict[str, str], ribbon_buttons: dict[str, str]
) -> None:
    for label, on_action in ribbon_buttons.items():
        app = run_in_excel(modules["PlanXl"], RECORDING_RUNPYTHON)
        app.run(callback_name(on_action)[1], NOTHING)
        expected = f"import {ENTRY_MODULE} as px; px.{BUTTON_CALLS[label]}()"
        assert app.console == [expected], label
        assert app.dialogs == [], label
        assert app.evaluate("Application.StatusBar") is False  # status bar handed back


def test_button_calls_name_only_agreed_entry_points(
    modules: dict[str, str], ribbon_buttons: dict[str, str]
) -> None:
    called = set()
    for on_action in ribbon_buttons.values():
        app = run_in_excel(modules["PlanXl"], RECORDING_RUNPYTHON)
        app.run(callback_name(on_action)[1], NOTHING)
        match = re.fullmatch(
            rf"import {re.escape(ENTRY_MODULE)} as px; px\.(\w+)\(\)", *app.console
        )
        assert match
        called.add(match.group(1))
    assert called == AGREED_ENTRY_POINTS


def test_button_calls_exist_in_the_python_entry_module(
    modules: dict[str, str], ribbon_buttons: dict[str, str]
) -> None:
    entry = importlib.import_module(ENTRY_MODULE)
    for on_action in ribbon_buttons.values():
        app = run_in_excel(modules["PlanXl"], RECORDING_RUNPYTHON)
        app.run(callback_name(on_action)[1], NOTHING)
        statement = app.console[0]
        function = statement.rsplit("px.", 1)[1].removesuffix("()")
        assert callable(getattr(entry, function, None)), statement


def test_without_an_open_workbook_the_user_gets_a_dutch_hint_and_python_is_not_called(
    modules: dict[str, str],
) -> None:
    app = run_in_excel(modules["PlanXl"], RECORDING_RUNPYTHON, with_workbook=False)
    app.run("OnValideer", NOTHING)
    assert app.console == []
    [(kind, message, title, _buttons)] = app.dialogs
    assert (kind, title) == ("MsgBox", "Plan-XL")
    assert message.startswith("Open eerst de werkmap met het meerjarenplan")


def test_about_without_an_open_workbook_still_answers(modules: dict[str, str]) -> None:
    app = run_in_excel(modules["PlanXl"], RECORDING_RUNPYTHON, with_workbook=False)
    app.run("OnOver", NOTHING)
    assert app.console == []
    [(_kind, message, _title, _buttons)] = app.dialogs
    assert "Plan-XL" in message and "meerjarenplan" in message


def test_a_vba_error_becomes_a_short_dutch_message_box(modules: dict[str, str]) -> None:
    app = run_in_excel(modules["PlanXl"], FAILING_RUNPYTHON)
    app.run("OnBudgetoverzicht", NOTHING)
    [(kind, message, title, _buttons)] = app.dialogs
    assert (kind, title) == ("MsgBox", "Plan-XL")
    assert message.startswith("Plan-XL kon het budgetoverzicht niet uitvoeren (foutnummer 53)")
    assert "Traceback" not in message and len(message) < 200
    assert app.evaluate("Application.StatusBar") is False
