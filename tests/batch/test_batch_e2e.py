"""One batch over a folder of real submissions, through the CLI and the real validator.

The folder holds 20 generated plan workbooks (clean and with known defects),
one re-saved by LibreOffice, a spreadsheet that is not a plan workbook, a
truncated file, a text file renamed to .xlsx, a password-encrypted workbook,
a zip bomb and a billion-laughs workbook (tests/batch/corpus.py).
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

from plan_xl import contract as c
from tests.batch.conftest import BatchRun, sha256_of
from tests.batch.corpus import HOSTILE_ORGANISATION

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "batch-report.schema.json"
# A worker that inflated the 120 MB zip bomb or the billion laughs would pass these.
PEAK_WORKER_MB = 350
PEAK_PARENT_MB = 300

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]


def test_every_file_gets_its_expected_status_and_reason(batch_run: BatchRun) -> None:
    seen = {f["file"]: f for f in batch_run.report["files"]}
    assert set(seen) == set(batch_run.corpus.expected)
    wrong = []
    for name, expected in batch_run.corpus.expected.items():
        entry = seen[name]
        if entry["status"] != expected.status or expected.reason not in entry["reason"]:
            wrong.append((name, expected.status, entry["status"], entry["reason"]))
        if not entry["reason"].strip():
            wrong.append((name, "a reason", "", ""))
    assert not wrong, wrong


def test_the_injected_defects_are_found(batch_run: BatchRun) -> None:
    missing = []
    for name, expected in batch_run.corpus.expected.items():
        codes = {x["code"] for x in batch_run.file(name)["findings"]}
        if not set(expected.codes) <= codes:
            missing.append((name, expected.codes, sorted(codes)))
    assert not missing, missing


def test_clean_workbooks_have_no_errors_or_warnings(batch_run: BatchRun) -> None:
    for name in [n for n in batch_run.corpus.expected if "schoon-" in n] + [
        "libreoffice-bewaard.xlsx"
    ]:
        entry = batch_run.file(name)
        assert (entry["counts"]["error"], entry["counts"]["warning"]) == (0, 0), name
        assert entry["organisation"] == batch_run.corpus.expected[name].organisation


def test_lock_files_and_earlier_annotated_copies_are_not_checked(batch_run: BatchRun) -> None:
    checked = {f["file"] for f in batch_run.report["files"]}
    assert not checked & set(batch_run.corpus.skipped)


def test_originals_are_never_modified(batch_run: BatchRun) -> None:
    after = {
        p.relative_to(batch_run.corpus.folder).as_posix(): sha256_of(p)
        for p in sorted(batch_run.corpus.folder.rglob("*"))
        if p.is_file()
    }
    assert after == batch_run.hashes_before
    for entry in batch_run.report["files"]:
        assert entry["sha256"] in ("", batch_run.hashes_before[entry["file"]]), entry["file"]


def test_exit_code_is_2_because_some_files_could_not_be_processed(batch_run: BatchRun) -> None:
    assert batch_run.exit_code == 2
    assert batch_run.report["summary"]["exit_code"] == 2


def test_progress_is_printed_as_plain_lines_without_a_terminal(batch_run: BatchRun) -> None:
    total = len(batch_run.corpus.expected)
    lines = [line for line in batch_run.stderr.splitlines() if line.startswith("[")]
    assert len(lines) == total
    assert lines[-1].startswith(f"[{total}/{total}] ")
    assert "Traceback" not in batch_run.stderr + batch_run.stdout
    assert f"{total} werkboeken" in batch_run.stdout


def test_memory_stays_bounded_and_nothing_hangs(batch_run: BatchRun) -> None:
    assert batch_run.workers_mb < PEAK_WORKER_MB, batch_run.workers_mb
    assert batch_run.parent_mb < PEAK_PARENT_MB, batch_run.parent_mb
    assert batch_run.seconds < 240


def test_annotated_copies_get_distinct_names_and_are_real_workbooks(batch_run: BatchRun) -> None:
    copies = {f["file"]: f["copy_file"] for f in batch_run.report["files"]}
    made = [name for name in copies.values() if name]
    assert len(made) == len(set(made)) == 21  # 20 generated + the LibreOffice one
    assert copies["schoon-01.xlsx"] == "schoon-01.gecontroleerd.xlsx"
    assert copies["andere-map/schoon-01.xlsx"] == "schoon-01 (2).gecontroleerd.xlsx"
    assert copies["zipbom.xlsx"] is None
    wb = load_workbook(batch_run.output / copies["fout-maturiteit.xlsx"], read_only=True)
    assert c.SHEET_CHECKS in wb.sheetnames
    wb.close()


def test_reports_are_complete_and_no_temporary_files_are_left(batch_run: BatchRun) -> None:
    names = {p.name for p in batch_run.output.iterdir()}
    assert {"rapport.xlsx", "rapport.html", "rapport.json"} <= names
    assert not [n for n in names if n.endswith(".tmp") or n.startswith(".")]
    jsonschema.validate(batch_run.report, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def _scores_by_theme(path: Path) -> dict[str, tuple[int | None, int | None]]:
    ws = load_workbook(path, read_only=True)[c.SHEET_MATURITY]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    out = {}
    for row in rows[1:]:
        if row[0]:
            current = c.LEVEL_SCORES.get(str(row[header.index(c.COL_CURRENT)]))
            ambition = c.LEVEL_SCORES.get(str(row[header.index(c.COL_AMBITION)]))
            out[str(row[0])] = (current, ambition)
    return out


def test_maturity_is_compared_across_organisations(batch_run: BatchRun) -> None:
    current: dict[str, list[int]] = defaultdict(list)
    ambition: dict[str, list[int]] = defaultdict(list)
    for entry in batch_run.report["files"]:
        if entry["status"] in ("ok", "findings"):
            for theme, (cur, amb) in _scores_by_theme(
                batch_run.corpus.folder / entry["file"]
            ).items():
                if cur is not None:
                    current[theme].append(cur)
                if amb is not None:
                    ambition[theme].append(amb)
    stats = {s["theme"]: s for s in batch_run.report["comparison"]["themes"]}
    assert set(stats) == set(current)
    for theme, values in current.items():
        assert stats[theme]["current"]["n"] == len(values)
        assert stats[theme]["current"]["mean"] == pytest.approx(statistics.fmean(values), abs=1e-4)
        assert stats[theme]["current"]["std"] == pytest.approx(statistics.pstdev(values), abs=1e-4)
        assert stats[theme]["ambition"]["max"] == max(ambition[theme])


def test_organisations_out_of_balance_are_named(batch_run: BatchRun) -> None:
    imbalanced = {i["file"]: i for i in batch_run.report["comparison"]["imbalanced"]}
    assert "waarschuwing-onbalans.xlsx" in imbalanced
    assert imbalanced["waarschuwing-onbalans.xlsx"]["organisation"] == HOSTILE_ORGANISATION
    assert imbalanced["waarschuwing-onbalans.xlsx"]["codes"] == ["MAT005", "MAT006"]
    top = batch_run.report["comparison"]["top_rules"]
    assert top and top[0]["findings"] == max(r["findings"] for r in top)


def _project_budget(path: Path) -> dict[str, dict[str, float]]:
    """Project lines summed per theme and year, computed with openpyxl."""
    ws = load_workbook(path, read_only=True)[c.SHEET_PROJECTS]
    rows = list(ws.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows[1:]:
        if not row[0] and not row[header.index(c.COL_ACTION_CODE)]:
            continue
        theme = str(row[header.index(c.COL_THEME)])
        for year in range(c.DEFAULT_START_YEAR, c.DEFAULT_END_YEAR + 1):
            value = row[header.index(str(year))]
            if isinstance(value, int | float):
                totals[theme][str(year)] += value
    return totals


def test_overview_sheet_holds_budget_per_theme_and_year(batch_run: BatchRun) -> None:
    expected = _project_budget(batch_run.corpus.folder / "schoon-03.xlsx")
    ws = load_workbook(batch_run.output / "rapport.xlsx", read_only=True)["Overzicht"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    row = next(r for r in rows if r[0] == "schoon-03.xlsx")
    for theme, years in expected.items():
        for year, amount in years.items():
            assert row[header.index(f"Budget {theme} {year}")] == pytest.approx(amount), (
                theme,
                year,
            )
    assert row[header.index("Status")] == "OK"
