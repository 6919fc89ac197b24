"""Built workbooks and their LibreOffice conversions, shared by the template tests.

LibreOffice conversions take seconds each, so every file is built and converted
once per test session.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from plan_xl import contract as c
from plan_xl.template import build_workbook
from tests.support.libreoffice import convert

XLSX = "xlsx:Calc MS Excel 2007 XML"  # no shell: no quotes around the filter name
RENAMED_THEME = "Klantgerichte dienstverlening"


@pytest.fixture(scope="session")
def built_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("built")


@pytest.fixture(scope="session")
def blank_xlsx(built_dir: Path) -> Path:
    return build_workbook(built_dir / "sjabloon.xlsx")


@pytest.fixture(scope="session")
def example_xlsx(built_dir: Path) -> Path:
    return build_workbook(built_dir / "voorbeeld.xlsx", example=True)


@pytest.fixture(scope="session")
def blank_pdf(soffice: str, blank_xlsx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return convert(blank_xlsx, "pdf", tmp_path_factory.mktemp("pdf-blank"))


@pytest.fixture(scope="session")
def example_pdf(soffice: str, example_xlsx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return convert(example_xlsx, "pdf", tmp_path_factory.mktemp("pdf-example"))


@pytest.fixture(scope="session")
def example_resaved(
    soffice: str, example_xlsx: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The example after LibreOffice opened, recalculated and saved it as .xlsx."""
    return convert(example_xlsx, XLSX, tmp_path_factory.mktemp("lo-example"))


@pytest.fixture(scope="session")
def filled_blank_resaved(
    soffice: str, blank_xlsx: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The blank template as a user fills it: a theme renamed, amounts typed in the
    first empty rows, and a probe cell counting the theme list; then LibreOffice
    recalculates and saves it."""
    folder = tmp_path_factory.mktemp("lo-filled")
    wb = load_workbook(blank_xlsx)
    wb[c.SHEET_MATURITY]["A2"] = RENAMED_THEME
    plan = wb[c.SHEET_PLAN]
    projects = wb[c.SHEET_PROJECTS]
    years_plan = [cell for cell in plan[1] if str(cell.value).isdigit()]
    years_proj = [cell for cell in projects[1] if str(cell.value).isdigit()]
    for k, cell in enumerate(years_plan):
        plan.cell(row=2, column=cell.column, value=1000 * (k + 1))
        plan.cell(row=3, column=cell.column, value=250.5)
    for cell in years_proj[::2]:
        projects.cell(row=2, column=cell.column, value=1234.25)
    probe = wb[c.SHEET_BUDGET]
    probe["K1"] = f"=COUNTA({c.NAME_THEME_LIST})"
    probe["K2"] = f"=INDEX({c.NAME_THEME_LIST},1)"
    probe["K3"] = f"=COUNTA({c.NAME_LEVEL_LIST})"
    source = folder / "ingevuld.xlsx"
    wb.save(source)
    return convert(source, XLSX, folder / "out")
