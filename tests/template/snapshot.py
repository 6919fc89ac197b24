"""A workbook's content as plain data, read back with openpyxl (for comparisons)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook


def workbook_snapshot(path: Path) -> dict[str, Any]:
    wb = load_workbook(path)
    sheets: dict[str, Any] = {}
    for ws in wb.worksheets:
        cells = {
            cell.coordinate: cell.value
            for row in ws.iter_rows()
            for cell in row
            if cell.value is not None
        }
        tables = {
            table.displayName: (
                table.ref,
                [col.name for col in table.tableColumns],
                [
                    col.calculatedColumnFormula.attr_text
                    for col in table.tableColumns
                    if col.calculatedColumnFormula is not None
                ],
            )
            for table in ws.tables.values()
        }
        validations = sorted(
            (str(dv.sqref), dv.type, dv.formula1, bool(dv.showErrorMessage))
            for dv in ws.data_validations.dataValidation
        )
        formats = sorted(
            (str(cf.sqref), tuple((r.type, tuple(r.formula or ())) for r in cf.rules))
            for cf in ws.conditional_formatting
        )
        sheets[ws.title] = {
            "cells": cells,
            "tables": tables,
            "validations": validations,
            "conditional_formats": formats,
            "charts": len(ws._charts),
            "protected": bool(ws.protection.sheet),
            "freeze": ws.freeze_panes,
        }
    return {
        "sheet_order": wb.sheetnames,
        "defined_names": {name: dn.attr_text for name, dn in wb.defined_names.items()},
        "sheets": sheets,
    }
