"""Entry points the Plan-XL add-in calls on the open workbook.

The ribbon's VBA runs them through xlwings ``RunPython``, without arguments::

    RunPython "import plan_xl.excel.entry as px; px.validate_workbook()"

``book=None`` means ``xlwings.Book.caller()`` (the workbook that called);
tests and scripts pass an ``xlwings.Book``. Each entry point reads every table
with one range read, runs the same service as ``plan-xl validate`` and writes
each owned column or sheet with one range write. Nothing ever raises to Excel:
a failure becomes a short message box in the workbook's language and the
details go to the plan-xl log file. Each call returns a :class:`LiveRun`
with the round-trip counts, for the benchmark.
"""

from __future__ import annotations

import logging
import platform
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from plan_xl import __version__ as plan_xl_version
from plan_xl import contract as c
from plan_xl.core.annotations import annotate
from plan_xl.errors import PlanXlError, log_dir, log_unexpected
from plan_xl.excel.live_reader import RoundTrips, read_live_plan
from plan_xl.excel.live_writer import as_cell_value, write_annotations
from plan_xl.excel.protection import unprotected
from plan_xl.i18n import normalise_lang, t
from plan_xl.validate import ValidationResult, validate_plan

logger = logging.getLogger(__name__)


@dataclass
class LiveRun:
    """What one entry-point call did: outcome, message shown, Excel round-trips."""

    action: str
    ok: bool = False
    message: str = ""
    lang: str = "nl"
    trips: RoundTrips = field(default_factory=RoundTrips)
    result: ValidationResult | None = None

    @property
    def reads(self) -> int:
        return self.trips.reads

    @property
    def writes(self) -> int:
        return self.trips.writes


# Entry points ------------------------------------------------------------------------


def validate_workbook(book: Any = None, *, lang: str | None = None) -> LiveRun:
    """Valideer: warning columns, Controles and Budgetoverzicht refreshed."""
    return _run("validate", book, lang, _validate)


def budget_summary(book: Any = None, *, lang: str | None = None) -> LiveRun:
    """Budgetoverzicht only: the summaries (and charts), nothing else touched."""
    return _run("budget", book, lang, _budget)


def clear_warnings(book: Any = None, *, lang: str | None = None) -> LiveRun:
    """Wis waarschuwingen: empty the Waarschuwingen columns and tblControles."""
    return _run("clear", book, lang, _clear)


def about(book: Any = None, *, lang: str | None = None) -> LiveRun:
    """Over: versions and where the log file is."""
    return _run("about", book, lang, _about)


# Work --------------------------------------------------------------------------------


def _validate(book: Any, lang: str | None, run: LiveRun) -> str:
    plan, live = read_live_plan(book, run.trips)
    result = validate_plan(plan, lang)
    run.result, run.lang = result, result.lang
    write_annotations(book, live, annotate(result), run.trips)
    _activate(book, c.SHEET_CHECKS)
    return t("excel.status.validated", result.lang, **result.counts)


def _budget(book: Any, lang: str | None, run: LiveRun) -> str:
    plan, live = read_live_plan(book, run.trips)
    result = validate_plan(plan, lang)
    run.result, run.lang = result, result.lang
    annotations = annotate(result)
    write_annotations(book, live, annotations, run.trips, warnings=False, checks=False)
    _activate(book, c.SHEET_BUDGET)
    return t("excel.status.budget", result.lang)


def _clear(book: Any, lang: str | None, run: LiveRun) -> str:
    plan, live = read_live_plan(book, run.trips)
    run.lang = normalise_lang(lang or plan.settings.language)
    # No findings: every Waarschuwingen cell and every Controles row is cleared.
    annotations = annotate(plan, [], {}, run.lang)
    write_annotations(book, live, annotations, run.trips, budget=False)
    return t("excel.status.cleared", run.lang)


def _about(book: Any, lang: str | None, run: LiveRun) -> str:
    import xlwings

    run.lang = normalise_lang(lang)
    return t(
        "excel.about",
        run.lang,
        version=plan_xl_version,
        template_version=c.TEMPLATE_VERSION,
        python=platform.python_version(),
        xlwings=xlwings.__version__,
        log=str(log_dir() / "plan-xl.log"),
    )


# The safety net -------------------------------------------------------------------------

Work = Callable[[Any, "str | None", LiveRun], str]


def _run(action: str, book: Any, lang: str | None, work: Work) -> LiveRun:
    run = LiveRun(action=action, lang=normalise_lang(lang))
    try:
        book = _resolve(book)
    except Exception as exc:  # no workbook to talk to: log, nothing to show it in
        log_unexpected(exc)
        run.message = t("excel.no_workbook", run.lang)
        return run
    mode = "info"
    try:
        run.message = work(book, lang, run)
        run.ok = True
    except PlanXlError as exc:
        reason = exc.user_message(run.lang)
        run.message = t("excel.failed", run.lang, action=_label(action, run.lang), reason=reason)
        mode = "critical"
    except Exception as exc:  # last line of defence: no traceback reaches Excel
        log_path = log_unexpected(exc)
        action_text = t(f"excel.action.{action}", run.lang)
        run.message = t("excel.unexpected", run.lang, action=action_text, log=str(log_path))
        mode = "critical"
    logger.info("%s: ok=%s reads=%d writes=%d", action, run.ok, run.reads, run.writes)
    _tell(book, run.message, run.lang, mode)
    return run


def _label(action: str, lang: str) -> str:
    text = t(f"excel.action.{action}", lang)
    return text[:1].upper() + text[1:] if text else text


def _resolve(book: Any) -> Any:
    if book is not None:
        return book
    import xlwings as xw

    return xw.Book.caller()


def _activate(book: Any, sheet_name: str) -> None:
    try:
        book.sheets[sheet_name].activate()
    except Exception:  # the sheet may be missing; showing it is only a courtesy
        logger.debug("cannot activate %s", sheet_name)


def _tell(book: Any, message: str, lang: str, mode: str) -> None:
    """A message box in Excel; where there is none, a line on Controles; else the log."""
    try:
        book.app.alert(message, title=t("excel.title", lang), mode=mode)
        return
    except Exception as exc:
        log_unexpected(exc)
    try:
        _status_line(book, message, lang, mode)
    except Exception as exc:
        log_unexpected(exc)


def _status_line(book: Any, message: str, lang: str, mode: str) -> None:
    """The message in the first row of tblControles (A2 in the template)."""
    severity = c.SEVERITY_LABELS[lang]["error" if mode == "critical" else "info"]
    sheet = book.sheets[c.SHEET_CHECKS]
    with unprotected(sheet):
        sheet.range("A2:F2").value = [[severity, None, None, None, None, as_cell_value(message)]]
