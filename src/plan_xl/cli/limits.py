"""Size limits a user may raise on the command line: ``--max-mb`` and ``--max-cells``.

The reader refuses a workbook as ``too_large`` before parsing it (issue 4's
safety checks). The defaults suit submitted plan workbooks; a consultant with
a legitimately bigger file raises them here instead of editing code.
"""

from __future__ import annotations

from typing import Annotated

import typer

from plan_xl.errors import WorkbookReadError
from plan_xl.i18n import t
from plan_xl.workbook.limits import DEFAULT_LIMITS, MB, ReadLimits

# Refusals a user may lift with an option (a zip bomb's ratio is not one of them).
HINTS = {
    "reader.too_large_file": "validate.hint_max_mb",
    "reader.too_large_uncompressed": "validate.hint_max_mb",
    "reader.too_large_cells": "validate.hint_max_cells",
    "reader.too_large_grid": "validate.hint_max_cells",
}

# A workbook unpacks to about 5-20 times its file size; keep the default's margin.
UNPACKED_PER_FILE_MB = DEFAULT_LIMITS.max_uncompressed_bytes // DEFAULT_LIMITS.max_file_bytes

MaxMbOption = Annotated[
    float | None,
    typer.Option(
        "--max-mb",
        min=0.01,
        help=f"Grootste werkmap in MB (standaard {DEFAULT_LIMITS.max_file_bytes // MB}).",
        show_default=False,
    ),
]
MaxCellsOption = Annotated[
    int | None,
    typer.Option(
        "--max-cells",
        min=1,
        help=f"Meeste cellen per blad (standaard {DEFAULT_LIMITS.max_cells:_}).".replace("_", "."),
        show_default=False,
    ),
]


def read_limits(max_mb: float | None, max_cells: int | None) -> ReadLimits:
    """The reader's limits with the user's ``--max-mb`` / ``--max-cells`` applied.

    ``--max-mb`` also scales the unpacked-size limit (never below the default);
    ``--max-cells`` bounds both the cells a sheet holds and the grid it spans.
    """
    changes: dict[str, int] = {}
    if max_mb is not None:
        file_bytes = max(1, int(max_mb * MB))
        changes["max_file_bytes"] = file_bytes
        changes["max_uncompressed_bytes"] = max(
            DEFAULT_LIMITS.max_uncompressed_bytes, file_bytes * UNPACKED_PER_FILE_MB
        )
    if max_cells is not None:
        changes["max_cells"] = max_cells
        changes["max_grid_cells"] = max_cells
    return DEFAULT_LIMITS.model_copy(update=changes)


def refusal_message(exc: WorkbookReadError, lang: str | None) -> str:
    """The reader's message, plus which option lifts the limit when one does."""
    message = exc.user_message(lang)
    hint = HINTS.get(exc.key)
    return f"{message}\n{t(hint, lang)}" if hint else message
