"""rapport.xlsx, rapport.json and rapport.html from a hand-made batch, read back independently.

The xlsx is read with openpyxl and its raw sheet XML, the json is checked
against the committed schema with jsonschema, the html is parsed with lxml.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import jsonschema
import lxml.html
import pytest
from openpyxl import load_workbook

from plan_xl.batch.report_html import write_html_report
from plan_xl.batch.report_json import report_schema, write_json_report
from plan_xl.batch.report_xlsx import write_xlsx_report
from tests.batch.reports_data import FORMULA_ORGANISATION, HOSTILE_ORGANISATION, sample_report

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "batch-report.schema.json"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    report = sample_report(out)
    write_json_report(report, out / "rapport.json")
    write_xlsx_report(report, out / "rapport.xlsx")
    write_html_report(report, out / "rapport.html")
    return out


def test_report_lists_every_file_with_status_and_exit_code(written: Path) -> None:
    data = json.loads((written / "rapport.json").read_text(encoding="utf-8"))
    assert [(f["file"], f["status"]) for f in data["files"]] == [
        ("a/voorbeeld.xlsx", "ok"),
        ("b/<b>vet</b>.xlsx", "findings"),
        ("c/formule.xlsx", "findings"),
        ("d/kapot.xlsx", "unreadable"),
    ]
    assert data["summary"]["exit_code"] == 2
    assert data["summary"]["counts"] == {"error": 1, "warning": 2, "info": 0}
    assert data["years"] == ["2026", "2027"]
    for entry in data["files"]:
        assert {"file", "status", "reason", "counts"} <= set(entry)


def test_json_report_matches_the_committed_schema(written: Path) -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == report_schema(), "regenerate docs/batch-report.schema.json"
    data = json.loads((written / "rapport.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, committed)
    data["files"][0]["status"] = "fine"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, committed)


def test_xlsx_overview_has_one_row_per_workbook_with_maturity_and_budget(written: Path) -> None:
    wb = load_workbook(written / "rapport.xlsx")
    assert wb.sheetnames == ["Overzicht", "Bevindingen", "Vergelijking", "Regels", "Onbalans"]
    ws = wb["Overzicht"]
    header = [c.value for c in ws[1]]
    rows = {
        r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)
    }
    assert list(rows) == ["a/voorbeeld.xlsx", "b/<b>vet</b>.xlsx", "c/formule.xlsx", "d/kapot.xlsx"]
    voorbeeld = rows["a/voorbeeld.xlsx"]
    assert voorbeeld["Status"] == "OK"
    assert voorbeeld["Dienstverlening – Huidig"] == 2
    assert voorbeeld["Processen – Ambitie"] == 3
    assert voorbeeld["Budget Dienstverlening 2027"] == 2500
    assert voorbeeld["Budget Processen 2026"] == 500
    assert voorbeeld["Budget Totaal 2026"] == 1500
    assert rows["b/<b>vet</b>.xlsx"]["Fouten"] == 1
    assert rows["d/kapot.xlsx"]["Status"] == "Onleesbaar"
    assert rows["d/kapot.xlsx"]["Fouten"] is None
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}5"
    assert len(ws.conditional_formatting) >= 4


def test_xlsx_findings_sheet_lists_every_finding_of_every_file(written: Path) -> None:
    ws = load_workbook(written / "rapport.xlsx")["Bevindingen"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2], r[3], r[5]) for r in rows] == [
        ("b/<b>vet</b>.xlsx", "Fout", "ACT002", "A7"),
        ("b/<b>vet</b>.xlsx", "Waarschuwing", "MAT005", "E5"),
        ("c/formule.xlsx", "Waarschuwing", "ACT006", "I9"),
    ]
    assert ws.auto_filter.ref == "A1:H4"
    assert len(ws.conditional_formatting) >= 1


def test_text_from_a_workbook_never_becomes_a_formula_in_the_xlsx(written: Path) -> None:
    wb = load_workbook(written / "rapport.xlsx")
    assert wb["Overzicht"]["B4"].value == FORMULA_ORGANISATION
    findings = [row for row in wb["Bevindingen"].iter_rows(min_row=2) if row[0].value]
    of_formula_file = [row[1] for row in findings if row[0].value == "c/formule.xlsx"]
    assert of_formula_file and all(c.value == FORMULA_ORGANISATION for c in of_formula_file)
    assert all(c.data_type == "s" for c in of_formula_file)
    with zipfile.ZipFile(written / "rapport.xlsx") as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in zf.read(name), name


def test_xlsx_comparison_sheet_holds_mean_and_spread_per_theme(written: Path) -> None:
    ws = load_workbook(written / "rapport.xlsx")["Vergelijking"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, max_row=3, values_only=True)}
    # Dienstverlening current 2 and 4: mean 3, population std 1; ambition 3 and 5.
    assert rows["Dienstverlening"][1:6] == (2, 3, 1, 2, 4)
    assert rows["Dienstverlening"][6] == 4
    imbalance = load_workbook(written / "rapport.xlsx")["Onbalans"]
    assert imbalance["B2"].value == HOSTILE_ORGANISATION
    assert imbalance["C2"].value == "MAT005"


def test_html_shows_workbook_text_as_text_never_as_markup(written: Path) -> None:
    raw = (written / "rapport.html").read_text(encoding="utf-8")
    assert HOSTILE_ORGANISATION not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    doc = lxml.html.fromstring(raw)
    assert len(doc.xpath("//script")) == 1  # only the report's own script
    assert not doc.xpath("//img") and not doc.xpath("//b")
    cells = [td.text_content() for td in doc.xpath("//table[@id='overview-table']//td")]
    assert HOSTILE_ORGANISATION in cells
    assert "b/<b>vet</b>.xlsx" in cells


def test_html_is_self_contained(written: Path) -> None:
    doc = lxml.html.fromstring((written / "rapport.html").read_text(encoding="utf-8"))
    assert not doc.xpath("//link | //script[@src] | //img[@src] | //iframe")
    hrefs = doc.xpath("//a/@href")
    assert hrefs and all("://" not in h for h in hrefs)


def test_html_has_overview_heatmap_budget_chart_and_findings(written: Path) -> None:
    doc = lxml.html.fromstring((written / "rapport.html").read_text(encoding="utf-8"))
    statuses = doc.xpath("//table[@id='overview-table']/tbody/tr/@data-status")
    assert statuses == ["ok", "findings", "findings", "unreadable"]
    heat = doc.xpath("//table[@class='heat']/tbody/tr")
    assert len(heat) == 3  # processed files only
    first = [td.text_content().strip() for td in heat[0].xpath("td")]
    assert first == ["Gemeente Voorbeelda/voorbeeld.xlsx", "2 → 3", "1 → 3"]
    bars = doc.xpath("//svg//rect")
    # 2026: Dienstverlening (1000 + 4000) and Processen 500; 2027: Dienstverlening 2500.
    titles = sorted(r.xpath("string(title)") for r in bars)
    assert titles == [
        "Dienstverlening 2026: 5.000 EUR",
        "Dienstverlening 2027: 2.500 EUR",
        "Processen 2026: 500 EUR",
    ]
    details = doc.xpath("//details/summary")
    assert len(details) == 4


def test_reports_follow_the_chosen_language(tmp_path: Path) -> None:
    report = sample_report(tmp_path, lang="en")
    write_xlsx_report(report, tmp_path / "rapport.xlsx")
    write_html_report(report, tmp_path / "rapport.html")
    wb = load_workbook(tmp_path / "rapport.xlsx")
    assert wb.sheetnames[0] == "Overview"
    assert wb["Overview"]["C5"].value == "Unreadable"
    html = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert "Maturity per organisation" in html and 'lang="en"' in html


def test_xlsx_layout_survives_filters_panes_widths_links_and_number_formats(written: Path) -> None:
    wb = load_workbook(written / "rapport.xlsx")
    overview = wb["Overzicht"]
    header = [cell.value for cell in overview[1]]
    assert overview.freeze_panes == "B2"
    assert overview.column_dimensions["A"].width == 36
    assert overview["A1"].font.bold and overview["A1"].fill.start_color.rgb.endswith("1F4E78")
    linked = [
        row[7]
        for row in overview.iter_rows(min_row=2)
        if row[7].value  # Kopie column
    ]
    assert linked and all(cell.hyperlink is not None for cell in linked)
    assert all(cell.hyperlink.target == cell.value for cell in linked)
    budget_cols = [i for i, name in enumerate(header) if str(name).startswith("Budget")]
    assert budget_cols
    for row in overview.iter_rows(min_row=2, max_row=overview.max_row):
        assert all("€" in row[i].number_format for i in budget_cols)
    findings = wb["Bevindingen"]
    assert findings.freeze_panes == "B2"
    assert findings.column_dimensions["H"].width == 90
    comparison = wb["Vergelijking"]
    stats = [row[2:] for row in comparison.iter_rows(min_row=2, max_row=comparison.max_row - 2)]
    assert stats and all(cell.number_format == "0.00" for row in stats for cell in row)
    assert comparison.cell(comparison.max_row, 1).value  # the hint below the table
