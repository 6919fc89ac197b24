"""Write the annotated copy of a workbook at zip/XML level.

Only the parts plan-xl owns change: the ``Waarschuwingen`` cells of
tblThemas/tblActies/tblProjectlijnen, the ``Controles`` sheet (with
tblControles) and the ``Budgetoverzicht`` sheet with its drawing and charts.
Every other part — user sheets, shared strings, styles, comments, images,
charts, defined names, vbaProject.bin — is copied unchanged. When formulas
disappear from owned cells the calculation chain is dropped (Excel rebuilds it).

Outputs are atomic: a temporary file in the target folder, then ``os.replace``.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import IO

from plan_xl.atomic import atomic_write_stream
from plan_xl.core.annotations import Annotations, WarningColumn
from plan_xl.errors import PlanXlError
from plan_xl.workbook.write_budget import write_budget_sheet
from plan_xl.workbook.write_checks import write_checks_sheet
from plan_xl.workbook.write_warnings import write_warning_columns
from plan_xl.workbook.xlsx_package import REL_CALC_CHAIN, XlsxPackage
from plan_xl.workbook.xlsx_print import ensure_print_layout
from plan_xl.workbook.xlsx_sheet import FormulaRemovals

ANNOTATED_SUFFIX = ".gecontroleerd"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def default_output(source: Path) -> Path:
    """``plan.xlsx`` -> ``plan.gecontroleerd.xlsx`` beside it (``.xlsm`` stays ``.xlsm``)."""
    suffix = source.suffix.lower() if source.suffix.lower() in WORKBOOK_SUFFIXES else ".xlsx"
    stem = source.stem
    if stem.endswith(ANNOTATED_SUFFIX):
        stem = stem[: -len(ANNOTATED_SUFFIX)]
    return source.with_name(f"{stem}{ANNOTATED_SUFFIX}{suffix}")


def backup_path(source: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = source.with_name(f"{source.stem}.backup-{stamp}{source.suffix}")
    n = 2
    while candidate.exists():
        candidate = source.with_name(f"{source.stem}.backup-{stamp}-{n}{source.suffix}")
        n += 1
    return candidate


def apply_annotations(pkg: XlsxPackage, annotations: Annotations) -> None:
    """Record every owned-part change on an open package."""
    sheets = pkg.sheet_parts()
    removals: list[FormulaRemovals] = []
    per_sheet: dict[str, list[WarningColumn]] = defaultdict(list)
    for column in annotations.warning_columns:
        per_sheet[column.sheet].append(column)
    for sheet, columns in per_sheet.items():
        if sheet in sheets:
            removals.append(write_warning_columns(pkg, sheets[sheet], columns))
    if annotations.checks.sheet in sheets:
        removals.append(
            write_checks_sheet(pkg, sheets[annotations.checks.sheet], annotations.checks)
        )
    if annotations.budget.sheet in sheets:
        removals.append(
            write_budget_sheet(pkg, sheets[annotations.budget.sheet], annotations.budget)
        )
    # The rewritten sheets print sensibly even in a workbook that never had a page setup.
    for sheet in (annotations.checks.sheet, annotations.budget.sheet):
        if sheet in sheets and ensure_print_layout(pkg.xml(sheets[sheet]), annotations.lang):
            pkg.touch(sheets[sheet])
    if any(r.count for r in removals):
        drop_calc_chain(pkg)


def drop_calc_chain(pkg: XlsxPackage) -> None:
    """Remove calcChain.xml with its relationship and content type."""
    workbook = pkg.workbook_part()
    for rel in pkg.relationships(workbook):
        if rel.type == REL_CALC_CHAIN:
            pkg.remove_relationship(workbook, rel.id)
            pkg.remove(rel.target)
            pkg.set_override(rel.target, None)


def write_annotations(source: Path, target: Path, annotations: Annotations) -> Path:
    """Write ``source`` with ``annotations`` applied to ``target`` (atomically)."""
    source, target = Path(source), Path(target)
    if target.exists() and source.exists() and os.path.samefile(source, target):
        raise PlanXlError("write.same_file")
    kinds = {p.suffix.lower() for p in (source, target)}
    if kinds == set(WORKBOOK_SUFFIXES):
        # Excel refuses a macro workbook behind .xlsx (and the reverse).
        raise PlanXlError("write.wrong_extension", None, suffix=source.suffix.lower())
    _rewrite(source, target, annotations)
    return target


def _rewrite(source: Path, target: Path, annotations: Annotations) -> None:
    """Apply ``annotations`` to the package at ``source``; write ``target`` atomically."""
    try:
        pkg = XlsxPackage(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise PlanXlError("write.not_xlsx", None, file=source.name) from exc
    with pkg:
        apply_annotations(pkg, annotations)
        atomic_write(target, pkg.write)


def write_in_place(source: Path, annotations: Annotations) -> tuple[Path, Path]:
    """Keep a backup of ``source``, then replace it atomically with the annotated copy."""
    source = Path(source)
    backup = backup_path(source)
    shutil.copy2(source, backup)
    _rewrite(source, source, annotations)
    return source, backup


def atomic_write(target: Path, write: Callable[[IO[bytes]], object]) -> Path:
    """Write through a temporary file in the target's folder, then ``os.replace``."""
    return atomic_write_stream(target, write, error_key="write.failed")


__all__ = [
    "ANNOTATED_SUFFIX",
    "apply_annotations",
    "atomic_write",
    "backup_path",
    "default_output",
    "write_annotations",
    "write_in_place",
]
