"""``plan-xl validate``: check one workbook, report, and write the annotated copy.

Exit codes: 0 no findings at the ``--fail-on`` level; 1 there are; 2 the file
could not be read as a plan workbook (or the copy could not be written).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from plan_xl.cli import app
from plan_xl.cli.limits import MaxCellsOption, MaxMbOption, read_limits, refusal_message
from plan_xl.errors import PlanXlError
from plan_xl.i18n import normalise_lang, t
from plan_xl.report_text import render_text

FORMATS = ("text", "json")
LEVELS = ("error", "warning")


def fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(2)


def choice(option: str, value: str, allowed: tuple[str, ...], lang: str | None) -> str:
    cleaned = value.strip().lower()
    if cleaned not in allowed:
        raise fail(
            t("validate.bad_option", lang, option=option, value=value, allowed=", ".join(allowed))
        )
    return cleaned


@app.command("validate")
def validate_command(
    workbook: Annotated[Path, typer.Argument(help="De werkmap (.xlsx of .xlsm).")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Waar de gecontroleerde kopie komt."),
    ] = None,
    no_output: Annotated[
        bool, typer.Option("--no-output", help="Alleen rapporteren, niets schrijven.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="text of json.")] = "text",
    lang: Annotated[
        str | None, typer.Option("--lang", help="nl of en (standaard: Taal in de werkmap).")
    ] = None,
    fail_on: Annotated[
        str, typer.Option("--fail-on", help="error of warning: vanaf welk niveau exit 1.")
    ] = "error",
    in_place: Annotated[
        bool,
        typer.Option("--in-place", help="Het origineel vervangen (eerst een reservekopie)."),
    ] = False,
    max_mb: MaxMbOption = None,
    max_cells: MaxCellsOption = None,
) -> None:
    """Controleer een werkmap en schrijf een gecontroleerde kopie met waarschuwingen."""
    from plan_xl.errors import WorkbookReadError
    from plan_xl.validate import validate_file, write_annotated_copy, write_in_place
    from plan_xl.workbook.writer import default_output

    ui_lang = normalise_lang(lang) if lang else None
    if lang is not None:
        choice("--lang", lang, ("nl", "en"), ui_lang)
    fmt = choice("--format", fmt, FORMATS, ui_lang)
    fail_on = choice("--fail-on", fail_on, LEVELS, ui_lang)
    if sum((output is not None, no_output, in_place)) > 1:
        raise fail(t("validate.output_conflict", ui_lang))
    if not workbook.is_file():
        raise fail(t("validate.not_found", ui_lang, file=str(workbook)))

    try:
        result = validate_file(workbook, lang=ui_lang, limits=read_limits(max_mb, max_cells))
    except WorkbookReadError as exc:
        raise fail(refusal_message(exc, ui_lang)) from exc

    written: Path | None = None
    backup: Path | None = None
    try:
        if in_place:
            written, backup = write_in_place(result, workbook)
        elif not no_output:
            written = write_annotated_copy(result, workbook, output or default_output(workbook))
    except PlanXlError as exc:
        raise fail(exc.user_message(result.lang)) from exc

    if fmt == "json":
        typer.echo(result.to_json_text())
        if written is not None:
            typer.echo(t("report.written", result.lang, file=str(written)), err=True)
    else:
        typer.echo(
            render_text(
                str(workbook),
                result.findings,
                result.lang,
                encoding=sys.stdout.encoding,
                written=written,
                backup=backup,
            ),
            nl=False,
        )
    raise typer.Exit(1 if result.has_findings_at(fail_on) else 0)
