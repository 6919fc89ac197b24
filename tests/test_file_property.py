"""Property at the file level: whatever a user types into the input columns of a real
workbook, validation, the annotated copy and ``plan-xl validate`` never crash.

Arbitrary values (text, unicode with right-to-left script and emoji, very long
strings, formulas typed as text, real formulas, dates, spreadsheet error cells,
huge and negative numbers, blank rows) are written into the example workbook
with openpyxl; the copy plan-xl writes is opened again by openpyxl.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ERROR_CODES

from plan_xl import contract as c
from plan_xl.cli import main
from plan_xl.template import build_workbook
from plan_xl.validate import validate_file, write_annotated_copy

YEARS = [str(y) for y in c.plan_years(c.DEFAULT_START_YEAR, c.DEFAULT_END_YEAR)]
# Sheet, table and the columns a user types in (plan-xl owns Totaal and Waarschuwingen).
INPUTS: dict[str, tuple[str, list[str]]] = {
    c.TBL_SETTINGS: (c.SHEET_SETTINGS, [c.COL_VALUE]),
    c.TBL_DEPENDENCIES: (c.SHEET_SETTINGS, list(c.DEPENDENCIES_TABLE.columns)),
    c.TBL_THEMES: (
        c.SHEET_MATURITY,
        [h for h in c.THEMES_TABLE.headers(YEARS) if h != c.COL_WARNINGS],
    ),
    c.TBL_ACTIONS: (
        c.SHEET_PLAN,
        [h for h in c.ACTIONS_TABLE.headers(YEARS) if h not in (c.COL_WARNINGS, c.COL_TOTAL)],
    ),
    c.TBL_PROJECT_LINES: (
        c.SHEET_PROJECTS,
        [h for h in c.PROJECT_LINES_TABLE.headers(YEARS) if h not in (c.COL_WARNINGS, c.COL_TOTAL)],
    ),
}

LONG = ["é" * 33_000, "=1+1;" * 7_000, "Basis " * 6_000]
TRICKY = [
    "=1+1", "=SUM(A1:A3)", "+32 470 12 34 56", "-5", "12.500,00", "€ 12 500", "1e400",
    "مرحبا بالعالم", "שלום", "\u202eBasis", "🎉🚀", "👩‍💻 Klant;Financieel", "Recurrent",
    "Transformatie", "Dienstverlening", "A1.1.1", "", "   ", "'", "'0012", "\u00a0",
    "名前", "Prioritair", "Afgerond", "nl", "en", "2031", "0", "-0", "TRUE",
]  # fmt: skip

# openpyxl refuses XML-illegal control characters, as Excel does.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=40,
)


@st.composite
def cell_values(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(["text", "tricky", "long", "number", "date", "error", "none",
                                 "formula", "bool"]))  # fmt: skip
    if kind == "text":
        return draw(text)
    if kind == "tricky":
        return ("text", draw(st.sampled_from(TRICKY)))
    if kind == "long":
        return ("text", draw(st.sampled_from(LONG)))
    if kind == "number":
        return draw(
            st.one_of(
                st.integers(min_value=-(10**18), max_value=10**18),
                st.floats(allow_nan=False, allow_infinity=False),
            )
        )
    if kind == "date":
        return draw(
            st.one_of(
                st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
                st.datetimes(min_value=datetime(1900, 3, 1)),
            )
        )
    if kind == "error":
        return draw(st.sampled_from(sorted(ERROR_CODES)))
    if kind == "formula":
        return draw(st.sampled_from(["=1/0", "=NA()", "=1+1", '="Basis"', "=A1"]))
    if kind == "bool":
        return draw(st.booleans())
    return None


edits = st.lists(
    st.tuples(
        st.sampled_from(sorted(INPUTS)),
        st.integers(min_value=0, max_value=60),  # data row offset, may run past the table
        st.integers(min_value=0, max_value=40),  # column choice (modulo the input columns)
        cell_values(),
    ),
    max_size=25,
)
blank_rows = st.lists(
    st.tuples(st.sampled_from([c.TBL_ACTIONS, c.TBL_PROJECT_LINES, c.TBL_THEMES]),
              st.integers(min_value=0, max_value=50)),
    max_size=3,
)  # fmt: skip


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("property") / "voorbeeld.xlsx", example=True)


def _layout(ws: Any, table: str) -> tuple[int, int, dict[str, int]]:
    ref = ws.tables[table].ref
    min_col, min_row, max_col, max_row = openpyxl.utils.cell.range_boundaries(ref)
    headers = {
        str(ws.cell(row=min_row, column=col).value): col for col in range(min_col, max_col + 1)
    }
    return min_row, max_row, headers


def fill(
    path: Path, changes: list[tuple[str, int, int, Any]], blanks: list[tuple[str, int]]
) -> None:
    wb = openpyxl.load_workbook(path)
    for table, offset in blanks:
        sheet, _ = INPUTS[table]
        ws = wb[sheet]
        header_row, last_row, headers = _layout(ws, table)
        row = header_row + 1 + offset % max(1, last_row - header_row)
        for col in headers.values():
            ws.cell(row=row, column=col).value = None
    for table, offset, pick, value in changes:
        sheet, columns = INPUTS[table]
        ws = wb[sheet]
        header_row, _, headers = _layout(ws, table)
        cell = ws.cell(row=header_row + 1 + offset, column=headers[columns[pick % len(columns)]])
        if isinstance(value, tuple):  # text that must stay text, even "=1+1"
            cell.value = value[1]
            cell.data_type = "s"
        else:
            cell.value = value
    wb.save(path)


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(argv)
            code: Any = 0
        except SystemExit as exc:
            code = exc.code
    return (code if isinstance(code, int) else 1), out.getvalue(), err.getvalue()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(changes=edits, blanks=blank_rows)
def test_any_typed_values_never_crash_validate_or_the_annotated_copy(
    example: Path, tmp_path_factory: pytest.TempPathFactory, changes: Any, blanks: Any
) -> None:
    folder = tmp_path_factory.mktemp("case")
    path = folder / "plan.xlsx"
    shutil.copyfile(example, path)
    fill(path, changes, blanks)

    result = validate_file(path)
    assert not [f for f in result.findings if f.code == "PLX001"]
    json.dumps(result.to_json(), allow_nan=False)
    copy = write_annotated_copy(result, path, folder / "plan.gecontroleerd.xlsx")
    reopened = openpyxl.load_workbook(copy)
    assert set(c.SHEET_ORDER) <= set(reopened.sheetnames)
    # The annotated copy validates again to the same findings.
    again = validate_file(copy)
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in result.findings]

    code, out, err = run_cli(["validate", str(path), "--no-output", "--format", "json"])
    assert code in (0, 1), err
    assert "Traceback" not in err and "Traceback" not in out
    assert json.loads(out)["counts"] == result.counts
