"""``plan-xl addin``: build the Excel add-in (.xlam), no Excel needed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plan_xl.cli import app
from plan_xl.excel.addin import DEFAULT_ADDIN_NAME, build_addin, xlwings_settings
from plan_xl.i18n import t


@app.command("addin")
def addin_command(
    out: Annotated[Path, typer.Argument(help="Het .xlam-bestand dat geschreven wordt.")] = Path(
        DEFAULT_ADDIN_NAME
    ),
    interpreter: Annotated[
        str | None,
        typer.Option(
            "--interpreter",
            help="De Python die Excel start (python.exe/pythonw.exe op Windows, "
            "bin/python op macOS). Standaard: deze Python.",
        ),
    ] = None,
    conda_path: Annotated[
        str | None, typer.Option("--conda-path", help="Map van de conda-installatie.")
    ] = None,
    conda_env: Annotated[
        str | None, typer.Option("--conda-env", help="Naam van de conda-omgeving.")
    ] = None,
    macros: Annotated[
        Path | None, typer.Option("--macros", help="Map met de VBA-bronnen en het lint.")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="nl of en.")] = None,
) -> None:
    """Bouw de Excel-add-in met het lint Plan-XL (Valideer, Budgetoverzicht, ...)."""
    written = build_addin(
        out,
        interpreter=interpreter,
        conda_path=conda_path,
        conda_env=conda_env,
        macros_dir=macros,
    )
    settings = xlwings_settings(interpreter, conda_path=conda_path, conda_env=conda_env)
    chosen = settings.get("Interpreter_Win") or settings.get("Interpreter_Mac")
    typer.echo(t("addin.written", lang, path=str(written)))
    if chosen:
        typer.echo(t("addin.interpreter", lang, interpreter=chosen))
    else:
        typer.echo(t("addin.no_interpreter", lang))
    typer.echo(t("addin.install_hint", lang))
