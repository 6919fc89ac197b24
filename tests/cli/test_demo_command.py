"""``plan-xl demo OUTDIR``: the README's main job on the built-in example."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from plan_xl import contract as c
from plan_xl.cli import main

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "validate-output.schema.json"


def test_demo_builds_validates_and_writes_copy_and_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outdir = tmp_path / "demo"
    with pytest.raises(SystemExit) as caught:
        main(["demo", str(outdir)])
    out = capsys.readouterr().out
    assert caught.value.code == 0, out  # the example is clean
    names = sorted(p.name for p in outdir.iterdir())
    assert names == [
        "plan-xl-voorbeeld.gecontroleerd.xlsx",
        "plan-xl-voorbeeld.rapport.json",
        "plan-xl-voorbeeld.rapport.txt",
        "plan-xl-voorbeeld.xlsx",
    ]
    report = json.loads((outdir / "plan-xl-voorbeeld.rapport.json").read_text("utf-8"))
    jsonschema.validate(report, json.loads(SCHEMA_PATH.read_text("utf-8")))
    assert report["counts"]["error"] == 0 and report["counts"]["warning"] == 0
    assert "0 fout(en), 0 waarschuwing(en)" in out
    assert "plan-xl-voorbeeld.gecontroleerd.xlsx" in out
    text = (outdir / "plan-xl-voorbeeld.rapport.txt").read_text("utf-8")
    assert text.startswith("Controle van plan-xl-voorbeeld.xlsx")
    # The budget sheet holds the example's totals per theme, as in the JSON.
    wb = openpyxl.load_workbook(outdir / "plan-xl-voorbeeld.gecontroleerd.xlsx")
    rows = {r[0]: r for r in wb[c.SHEET_BUDGET].iter_rows(values_only=True) if r and r[0]}
    for theme, per_year in report["budget"]["by_theme"].items():
        assert list(rows[theme][1:7]) == [per_year[str(y)] for y in range(2026, 2032)]
