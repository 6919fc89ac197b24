"""``plan-xl batch``: validate many submitted workbooks into one consolidated report."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer

from plan_xl.batch.report_model import PROCESSED, FileReport, status_label
from plan_xl.batch.runner import DEFAULT_MEMORY_LIMIT_MB, DEFAULT_TIMEOUT, run_batch
from plan_xl.cli import app
from plan_xl.cli.limits import MaxCellsOption, MaxMbOption, read_limits
from plan_xl.errors import PlanXlError
from plan_xl.i18n import normalise_lang, t

DEFAULT_OUTPUT = Path("plan-xl-rapport")


class _PlainProgress:
    """One line per finished file, for logs and pipes."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, done: int, total: int, report: FileReport) -> None:
        line = t(
            "batch.progress.line",
            self.lang,
            done=done,
            total=total,
            file=report.file,
            status=status_label(report.status, self.lang),
        )
        print(line, file=sys.stderr, flush=True)


class _BarProgress(AbstractContextManager["_BarProgress"]):
    """A rich progress bar on a terminal."""

    def __init__(self, lang: str, total_hint: int | None = None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.lang = lang
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task = self._progress.add_task(t("batch.progress.title", lang), total=total_hint)

    def __enter__(self) -> _BarProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._progress.stop()

    def start(self, total: int) -> None:
        """The bar shows 0/total from the start instead of 0/? until a file finishes."""
        self._progress.update(self._task, completed=0, total=total)

    def __call__(self, done: int, total: int, report: FileReport) -> None:
        self._progress.update(self._task, completed=done, total=total)
        if report.status not in PROCESSED:
            self._progress.console.print(
                f"{report.file}: {status_label(report.status, self.lang)} – {report.reason}",
                markup=False,
                highlight=False,
            )


def _choice(option: str, value: str, allowed: tuple[str, ...], lang: str) -> str:
    value = value.strip().lower()
    if value not in allowed:
        raise PlanXlError("batch.bad_option", lang, option=option, value=value)
    return value


@app.command("batch")
def batch_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Werkboeken, mappen (recursief) of patronen zoals 'inzendingen/*.xlsx'.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Map voor de kopieën en de rapporten.")
    ] = DEFAULT_OUTPUT,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Aantal processen (standaard: aantal kernen)."),
    ] = None,
    fail_on: Annotated[
        str, typer.Option("--fail-on", help="error of warning: vanaf welk niveau exitcode 1.")
    ] = "error",
    lang: Annotated[str, typer.Option("--lang", help="nl of en.")] = "nl",
    no_copies: Annotated[
        bool, typer.Option("--no-copies", help="Schrijf alleen de rapporten, geen kopieën.")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=1, help="Tijdslimiet per bestand in seconden.")
    ] = DEFAULT_TIMEOUT,
    max_memory: Annotated[
        int,
        typer.Option("--max-memory", min=64, help="Geheugenlimiet per proces in MB."),
    ] = DEFAULT_MEMORY_LIMIT_MB,
    max_mb: MaxMbOption = None,
    max_cells: MaxCellsOption = None,
) -> None:
    """Controleer een reeks ingediende werkboeken en maak één overkoepelend rapport.

    Exitcode 0: alles OK; 1: bevindingen op het --fail-on-niveau; 2: een bestand kon
    niet verwerkt worden.
    """
    lang = _choice("--lang", lang, ("nl", "en"), normalise_lang(lang))
    fail_on = _choice("--fail-on", fail_on, ("error", "warning"), lang)
    progress: Any
    context: AbstractContextManager[Any]
    if sys.stderr.isatty():
        progress = _BarProgress(lang)
        context = progress
    else:
        progress = _PlainProgress(lang)
        context = nullcontext()
    with context:
        report = run_batch(
            inputs,
            output,
            workers=workers,
            fail_on=fail_on,
            lang=lang,
            copies=not no_copies,
            limits=read_limits(max_mb, max_cells),
            timeout=timeout,
            memory_limit_mb=max_memory,
            progress=progress,
            on_start=progress.start if isinstance(progress, _BarProgress) else None,
        )
    by_status = report.summary.by_status
    failed = sum(n for status, n in by_status.items() if status not in PROCESSED)
    typer.echo(
        t(
            "batch.summary",
            lang,
            files=report.summary.files,
            ok=by_status.get("ok", 0),
            findings=by_status.get("findings", 0),
            failed=failed,
            path=report.output_dir,
        )
    )
    raise typer.Exit(report.exit_code)
