"""``plan-xl validate`` end to end on the built-in example and on broken input."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from plan_xl import contract as c
from plan_xl.cli import main
from plan_xl.template import build_workbook

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "validate-output.schema.json").read_text(
        "utf-8"
    )
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    out, err = capsys.readouterr()
    code = caught.value.code
    return (code if isinstance(code, int) else 1), out, err


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("example") / "voorbeeld.xlsx", example=True)


def copy_of(example: Path, folder: Path, name: str = "plan.xlsx") -> Path:
    target = folder / name
    target.write_bytes(example.read_bytes())
    return target


def inject_defect(path: Path, amount: float = 25_000) -> tuple[str, str, str, int]:
    """Add ``amount`` to the first action's 2027 estimate with openpyxl.

    Returns (action code, cell of the estimate, Waarschuwingen column letter, row).
    """
    wb = openpyxl.load_workbook(path)
    ws = wb[c.SHEET_PLAN]
    table = ws.tables[c.TBL_ACTIONS]
    first, _ = table.ref.split(":")
    header_row = int("".join(ch for ch in first if ch.isdigit()))
    headers = {str(cell.value): cell.column_letter for cell in ws[header_row] if cell.value}
    row = header_row + 1
    cell = f"{headers['2027']}{row}"
    ws[cell] = float(ws[cell].value) + amount
    code = str(ws[f"{headers[c.COL_CODE]}{row}"].value)
    wb.save(path)
    return code, cell, headers[c.COL_WARNINGS], row


def test_clean_example_exits_0_and_writes_the_default_copy(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = copy_of(example, tmp_path)
    before = source.read_bytes()
    code, out, _ = run(["validate", str(source), "--fail-on", "warning"], capsys)
    assert code == 0
    assert source.read_bytes() == before, "the original is never modified"
    assert (tmp_path / "plan.gecontroleerd.xlsx").is_file()
    assert "0 fout(en), 0 waarschuwing(en)" in out


def test_injected_defect_is_reported_in_json_warnings_column_and_controles(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = copy_of(example, tmp_path)
    action, cell, warn_col, row = inject_defect(source)
    annotated = tmp_path / "uit.xlsx"

    code, out, _ = run(
        ["validate", str(source), "--format", "json", "--output", str(annotated)], capsys
    )
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    assert code == (1 if report["counts"]["error"] else 0)  # default --fail-on error
    act005 = [f for f in report["findings"] if f["code"] == "ACT005"]
    assert [(f["sheet"], f["cell"], f["subject"]) for f in act005] == [(c.SHEET_PLAN, cell, action)]
    assert "2027" in act005[0]["message"]
    bud001 = [f for f in report["findings"] if f["code"] == "BUD001"]
    assert len(bud001) == 1 and "2027" in bud001[0]["message"]
    assert report["budget"]["by_action"][action]["2027"]["difference"] == pytest.approx(25_000)

    wb = openpyxl.load_workbook(annotated)
    warnings = str(wb[c.SHEET_PLAN][f"{warn_col}{row}"].value)
    assert warnings.startswith("ACT005: ") and "2027" in warnings
    checks = wb[c.SHEET_CHECKS]
    rows = [r for r in checks.iter_rows() if r[1].value == "ACT005"]
    assert len(rows) == 1
    ernst, _, blad, cel, onderwerp, _ = (x.value for x in rows[0])
    assert (ernst, blad, cel, onderwerp) == ("Waarschuwing", c.SHEET_PLAN, cell, action)
    assert rows[0][3].hyperlink.location == f"'{c.SHEET_PLAN}'!{cell}"

    code, _, _ = run(["validate", str(source), "--no-output", "--fail-on", "warning"], capsys)
    assert code == 1


def test_validating_the_annotated_copy_again_changes_nothing(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = copy_of(example, tmp_path)
    inject_defect(source)
    first, second = tmp_path / "eerste.xlsx", tmp_path / "tweede.xlsx"
    _, out1, _ = run(["validate", str(source), "--format", "json", "-o", str(first)], capsys)
    _, out2, _ = run(["validate", str(first), "--format", "json", "-o", str(second)], capsys)
    assert json.loads(out1)["findings"] == json.loads(out2)["findings"]
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), f"{name} changed on the second run"


def test_a_fixed_cause_makes_its_warning_disappear(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = copy_of(example, tmp_path)
    _, cell, warn_col, row = inject_defect(source)
    annotated = tmp_path / "plan.gecontroleerd.xlsx"
    run(["validate", str(source)], capsys)
    assert openpyxl.load_workbook(annotated)[c.SHEET_PLAN][f"{warn_col}{row}"].value
    inject_defect(annotated, amount=-25_000)  # the user fixes the estimate in the copy
    code, out, _ = run(["validate", str(annotated), "--in-place", "--fail-on", "warning"], capsys)
    assert code == 0, out
    wb = openpyxl.load_workbook(annotated)
    assert wb[c.SHEET_PLAN][f"{warn_col}{row}"].value is None
    assert not [r for r in wb[c.SHEET_CHECKS].iter_rows(values_only=True) if r[1] == "ACT005"]
    assert list(tmp_path.glob("plan.gecontroleerd.backup-*.xlsx")), "in-place keeps a backup"


def test_text_report_groups_findings_per_sheet_with_counts(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = copy_of(example, tmp_path)
    _, cell, _, _ = inject_defect(source)
    code, out, _ = run(["validate", str(source), "--no-output", "--fail-on", "warning"], capsys)
    assert code == 1
    assert f"Blad {c.SHEET_PLAN}" in out
    line = next(x for x in out.splitlines() if "ACT005" in x)
    assert "Waarschuwing" in line and cell in line
    assert out.rstrip().splitlines()[-1].startswith("0 fout(en), ")
    assert not list(tmp_path.glob("*.gecontroleerd.*")), "--no-output writes nothing"
    _, english, _ = run(["validate", str(source), "--no-output", "--lang", "en"], capsys)
    assert "Sheet Meerjarenplan" in english and "Warning" in english


@pytest.mark.parametrize(
    "content", [b"dit is geen werkmap", b"PK\x03\x04 kapot"], ids=["text", "broken-zip"]
)
def test_unreadable_file_exits_2_with_a_dutch_message(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(content)
    code, out, err = run(["validate", str(path)], capsys)
    assert code == 2
    assert err.strip() and "Traceback" not in err + out
    assert list(tmp_path.iterdir()) == [path]


def test_workbook_without_plan_tables_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "boodschappen.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "melk"
    wb.save(path)
    code, _, err = run(["validate", str(path), "--format", "json"], capsys)
    assert code == 2 and err.strip() and "Traceback" not in err


def test_bad_options_and_missing_file_exit_2_in_dutch(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["validate", str(example), "--format", "xml"], capsys)
    assert code == 2 and "Ongeldige waarde voor --format" in err
    code, _, err = run(["validate", str(tmp_path / "weg.xlsx")], capsys)
    assert code == 2 and "niet gevonden" in err
    code, _, err = run(["validate", str(example), "--no-output", "--in-place"], capsys)
    assert code == 2 and "--in-place" in err


@pytest.mark.libreoffice
def test_libreoffice_opens_the_annotated_example(
    example: Path, tmp_path: Path, soffice: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.libreoffice import convert

    source = copy_of(example, tmp_path)
    inject_defect(source)
    run(["validate", str(source)], capsys)
    pdf = convert(tmp_path / "plan.gecontroleerd.xlsx", "pdf", tmp_path / "lo")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_xlsm_workbook_gets_an_xlsm_copy_with_its_macros(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vba = b"\xd0\xcf\x11\xe0" + bytes(range(256)) * 8
    source = tmp_path / "plan.xlsm"
    with zipfile.ZipFile(example) as zin, zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as z:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml").replace(
                    b"spreadsheetml.sheet.macroEnabled", b"ms-excel.sheet.macroEnabled"
                )
                data = data.replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                    b"</Types>",
                )
            z.writestr(name, data)
        z.writestr("xl/vbaProject.bin", vba)
    code, _, err = run(["validate", str(source), "--fail-on", "warning"], capsys)
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "plan.gecontroleerd.xlsm") as z:
        assert z.read("xl/vbaProject.bin") == vba
        assert b"macroEnabled" in z.read("[Content_Types].xml")
