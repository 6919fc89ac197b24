"""Errors a user can act on, and where unexpected failures are logged."""

from __future__ import annotations

import logging
import os
import tempfile
import traceback
from pathlib import Path
from typing import Any

from plan_xl.i18n import t


class PlanXlError(Exception):
    """A failure with a message for users, looked up in the catalogue.

    ``key`` names a message in :mod:`plan_xl.i18n`; ``params`` fill it.
    """

    def __init__(self, key: str, lang: str | None = None, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.lang = lang
        self.params = params

    def user_message(self, lang: str | None = None) -> str:
        return t(self.key, lang or self.lang, **self.params)

    def __str__(self) -> str:
        return self.user_message()


class WorkbookReadError(PlanXlError):
    """The file cannot be read as a plan workbook (CLI exit code 2).

    ``status`` is the batch status: ``unreadable``, ``not_plan_workbook``,
    ``encrypted``, ``too_large``.
    """

    def __init__(self, status: str, key: str, lang: str | None = None, /, **params: Any) -> None:
        super().__init__(key, lang, **params)
        self.status = status


def log_dir() -> Path:
    base = os.environ.get("PLAN_XL_LOG_DIR")
    path = Path(base) if base else Path(tempfile.gettempdir()) / "plan-xl"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_unexpected(exc: BaseException) -> Path:
    """Write the full traceback to the plan-xl log file; return its path."""
    path = log_dir() / "plan-xl.log"
    logger = logging.getLogger("plan_xl")
    if not any(isinstance(h, logging.FileHandler) for h in logger.handlers):
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
    logger.error("".join(traceback.format_exception(exc)))
    return path
