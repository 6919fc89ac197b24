"""Unprotect a sheet for plan-xl's own writes and protect it again unchanged.

The template protects its sheets without a password (filtering and formatting
allowed). Excel refuses writes to locked cells of a protected sheet, so the
live writer lifts the protection around each write and restores it with the
same permissions. Engines without a protection API (xlwings' remote and
Office.js engines, whose ``sheet.api`` is a plain dict) need nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from plan_xl.errors import PlanXlError, log_unexpected

# Excel's Worksheet.Protect arguments after Password, DrawingObjects, Contents,
# Scenarios and UserInterfaceOnly, in order (read from Worksheet.Protection).
ALLOW_FLAGS = (
    "AllowFormattingCells",
    "AllowFormattingColumns",
    "AllowFormattingRows",
    "AllowInsertingColumns",
    "AllowInsertingRows",
    "AllowInsertingHyperlinks",
    "AllowDeletingColumns",
    "AllowDeletingRows",
    "AllowSorting",
    "AllowFiltering",
    "AllowUsingPivotTables",
)


@dataclass(frozen=True)
class ProtectionState:
    """A protected sheet's permissions, to protect it again the same way."""

    drawing_objects: bool
    scenarios: bool
    allow: tuple[bool, ...]


def _is_live_com(api: Any) -> bool:
    return api is not None and not isinstance(api, dict) and sys.platform != "darwin"


def read_state(api: Any) -> ProtectionState | None:
    """The protection of a COM worksheet, or None when it is not protected."""
    if not bool(api.ProtectContents):
        return None
    protection = api.Protection
    return ProtectionState(
        drawing_objects=bool(api.ProtectDrawingObjects),
        scenarios=bool(api.ProtectScenarios),
        allow=tuple(bool(getattr(protection, flag)) for flag in ALLOW_FLAGS),
    )


def protect_again(api: Any, state: ProtectionState) -> None:
    # Positional: Password, DrawingObjects, Contents, Scenarios, UserInterfaceOnly, Allow*.
    api.Protect("", state.drawing_objects, True, state.scenarios, False, *state.allow)


@contextmanager
def unprotected(sheet: Any) -> Iterator[None]:
    """Lift a password-less protection while the block runs, then restore it.

    A sheet protected with a password cannot be written: the user gets a
    short message (``excel.sheet_protected``) instead of a COM error.
    """
    api = getattr(sheet, "api", None)
    if api is None or isinstance(api, dict):
        yield
        return
    if not _is_live_com(api):
        with _unprotected_mac(sheet, api):
            yield
        return
    state = read_state(api)
    if state is None:
        yield
        return
    try:
        api.Unprotect()
    except Exception as exc:
        raise PlanXlError("excel.sheet_protected", None, sheet=str(sheet.name)) from exc
    try:
        yield
    finally:
        protect_again(api, state)


@contextmanager
def _unprotected_mac(sheet: Any, api: Any) -> Iterator[None]:
    """Excel for Mac through appscript: same idea, template permissions restored."""
    try:
        protected = bool(api.protect_contents.get())
    except Exception:  # no protection API on this object: write and let Excel decide
        protected = False
    if not protected:
        yield
        return
    try:
        api.unprotect()
    except Exception as exc:
        raise PlanXlError("excel.sheet_protected", None, sheet=str(sheet.name)) from exc
    try:
        yield
    finally:
        try:
            api.protect_worksheet(
                contents=True,
                allow_formatting_cells=True,
                allow_formatting_columns=True,
                allow_formatting_rows=True,
                allow_sorting=True,
                allow_filtering=True,
            )
        except Exception as exc:  # the data is written; a missing re-protect is logged
            log_unexpected(exc)
