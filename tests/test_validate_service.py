"""validate_plan / validate_file / ValidationResult."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from plan_xl import contract as c
from plan_xl.core.findings import Finding, Severity
from plan_xl.errors import WorkbookReadError
from plan_xl.validate import ValidationResult, validate_file, validate_plan, write_annotated_copy
from tests.support.writer_workbooks import build_plan_workbook

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "docs" / "validate-output.schema.json").read_text(
        "utf-8"
    )
)


def set_parameter(path: Path, parameter: str, value: object) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[c.SHEET_SETTINGS]
    for row in ws.iter_rows(min_col=1, max_col=2):
        if row[0].value == parameter:
            row[1].value = value
    wb.save(path)


def test_language_follows_the_workbooks_taal_unless_asked(tmp_path: Path) -> None:
    built = build_plan_workbook(tmp_path / "plan.xlsx")
    set_parameter(built.path, c.P_LANGUAGE, "en")
    set_parameter(built.path, c.P_TEMPLATE_VERSION, 0)  # WB003: an older template version
    english = validate_file(built.path)
    assert english.lang == "en"
    dutch = validate_file(built.path, lang="nl")
    assert dutch.lang == "nl"
    wb003_en = next(x for x in english.to_json()["findings"] if x["code"] == "WB003")
    wb003_nl = next(x for x in dutch.to_json()["findings"] if x["code"] == "WB003")
    assert wb003_en["message"] != wb003_nl["message"]
    assert validate_plan(english.plan).lang == "en"


def test_clean_workbook_has_no_findings_and_a_schema_valid_report(tmp_path: Path) -> None:
    built = build_plan_workbook(tmp_path / "plan.xlsx")
    result = validate_file(built.path)
    report = result.to_json()
    jsonschema.validate(report, SCHEMA)
    assert report["counts"] == {"error": 0, "warning": 0, "info": 0}
    assert report["file"] == str(built.path) and report["template_version"] == 1
    # 3 actions of 1000, 2000, 3000 per year, all on Toepassingen (hand-computed).
    assert report["budget"]["by_theme"]["Toepassingen"]["2027"] == pytest.approx(6000)


def test_has_findings_at_respects_the_level(tmp_path: Path) -> None:
    plan = validate_file(build_plan_workbook(tmp_path / "plan.xlsx").path).plan
    info = Finding("ACT008", Severity.INFO, c.SHEET_PLAN, "H2", "A001")
    warning = Finding("ACT006", Severity.WARNING, c.SHEET_PLAN, "I2", "A001")
    result = ValidationResult(None, plan, [info, warning], {}, "nl")
    assert result.counts == {"error": 0, "warning": 1, "info": 1}
    assert result.has_findings_at("warning") and not result.has_findings_at("error")
    assert ValidationResult(None, plan, [info], {}, "nl").has_findings_at("warning") is False


def test_unreadable_file_raises_workbook_read_error(tmp_path: Path) -> None:
    path = tmp_path / "kapot.xlsx"
    path.write_text("geen werkmap")
    with pytest.raises(WorkbookReadError) as caught:
        validate_file(path)
    assert caught.value.user_message()


def test_written_copy_reads_back_with_the_same_findings(tmp_path: Path) -> None:
    built = build_plan_workbook(tmp_path / "plan.xlsx")
    set_parameter(built.path, c.P_TEMPLATE_VERSION, 0)
    first = validate_file(built.path)
    out = write_annotated_copy(first, built.path, tmp_path / "plan.gecontroleerd.xlsx")
    again = validate_file(out)
    assert [x.to_dict() for x in again.findings] == [x.to_dict() for x in first.findings]
    assert again.to_json()["budget"] == first.to_json()["budget"]
